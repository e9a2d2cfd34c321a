import { defineKubernetesRule } from '../../../rule';
import { getMap } from '../../../documents/yaml';
import { removePair } from '../../../fixes';
import { readString } from '../../values';
import { describeContainer, fix, forEachContainer } from '../helpers';
import { pssReferences, since, suffix } from './common';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const LIFECYCLE_HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

export default defineKubernetesRule({
  meta: {
    id: 'pss-host-probes-lifecycle',
    title: 'Probes and lifecycle hooks must not target another host',
    description:
      'Reports `host` set to a non-empty value in `httpGet` or `tcpSocket` of liveness, readiness and startup probes and of `postStart`/`preStop` lifecycle hooks, in containers, init and ephemeral containers. Mirrors the `hostProbesAndHostLifecycle` check of the Pod Security Standards baseline level, which applies from Kubernetes 1.34 on.',
    rationale:
      'The kubelet performs these requests from the node. A `host` pointing elsewhere turns the kubelet into a proxy for server-side request forgery: it can reach node-local services, cloud metadata endpoints or other pods with the node\'s network position.',
    remediation: 'Remove `host`: probes and hooks then target the pod\'s own IP, which is what they are for.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'baseline', check: 'hostProbesAndHostLifecycle' },
    peers: {
      differences:
        'No peer checks probe and lifecycle `host` fields.',
    },
    references: pssReferences('baseline', 'check_hostProbesAndhostLifecycle.go'),
  },
  check(context) {
    if (!since(context, 34)) return;
    forEachContainer(context, (_workload, container) => {
      const handlers: { where: string; map: ReturnType<typeof getMap> }[] = [];
      for (const probe of PROBES) for (const handler of HANDLERS) handlers.push({ where: `${probe}.${handler}`, map: getMap(getMap(container.node, probe), handler) });
      const lifecycle = getMap(container.node, 'lifecycle');
      for (const hook of LIFECYCLE_HOOKS) for (const handler of HANDLERS) handlers.push({ where: `lifecycle.${hook}.${handler}`, map: getMap(getMap(lifecycle, hook), handler) });
      for (const { where, map } of handlers) {
        if (!map) continue;
        const host = readString(context.file, map, 'host');
        if (host.state !== 'value' || host.value === '') continue;
        context.report({
          pair: host.pair,
          message: `${describeContainer(container)} sets ${where}.host to "${host.value}": the kubelet would send the request from the node to that host ${suffix('baseline', 'hostProbesAndHostLifecycle')}.`,
          fixes: [fix('Remove host (the probe then targets the pod IP)', false, removePair(context.file, map, host.pair))],
        });
      }
    });
  },
});
