import { defineKubernetesRule } from '../../../rule';
import { mapItems, getSeq } from '../../../documents/yaml';
import { removePair } from '../../../fixes';
import { readInt } from '../../values';
import { describeContainer, fix, forEachContainer } from '../helpers';
import { pssReferences, suffix } from './common';

export default defineKubernetesRule({
  meta: {
    id: 'pss-host-ports',
    title: 'hostPort must not be used',
    description: 'Reports container ports with a non-zero `hostPort`, in containers, init and ephemeral containers. Mirrors the `hostPorts` check of the Pod Security Standards baseline level.',
    rationale:
      'A hostPort binds the port on the node\'s own network interfaces, bypassing Services and NetworkPolicies that select on pod IPs, limits scheduling to one such pod per node, and exposes the workload on every network the node is attached to.',
    remediation: 'Remove `hostPort` and expose the container through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'baseline', check: 'hostPorts' },
    peers: {
      polaris: ['hostPortSet'],
      trivy: ['KSV024'],
      checkov: ['CKV_K8S_26'],
      kubescape: ['C-0044'],
    },
    references: pssReferences('baseline', 'check_hostPorts.go'),
  },
  check(context) {
    forEachContainer(context, (_workload, container) => {
      for (const port of mapItems(getSeq(container.node, 'ports'))) {
        const hostPort = readInt(context.file, port, 'hostPort');
        if (hostPort.state !== 'value' || hostPort.value === 0) continue;
        context.report({
          pair: hostPort.pair,
          message: `${describeContainer(container)} uses hostPort ${hostPort.value} ${suffix('baseline', 'hostPorts')}: expose it through a Service instead.`,
          fixes: [fix(`Remove hostPort ${hostPort.value} (unsafe: clients must then use a Service)`, false, removePair(context.file, port, hostPort.pair))],
        });
      }
    });
  },
});
