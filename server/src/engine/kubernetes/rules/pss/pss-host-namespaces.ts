import { defineKubernetesRule } from '../../../rule';
import { replaceScalar } from '../../../fixes';
import { describeWorkload } from '../../model';
import { readBool } from '../../values';
import { fix } from '../helpers';
import { pssReferences, suffix } from './common';

const NAMESPACES = {
  hostNetwork: 'the node\'s network stack: it can bind host ports, reach node-local services and sniff host traffic',
  hostPID: 'the node\'s process table: it can see, signal and ptrace host processes and read their environment',
  hostIPC: 'the node\'s IPC namespace: it can read and write host shared memory and message queues',
} as const;

export default defineKubernetesRule({
  meta: {
    id: 'pss-host-namespaces',
    title: 'Host namespaces (network, PID, IPC) must not be shared',
    description: 'Reports `spec.hostNetwork`, `spec.hostPID` or `spec.hostIPC` set to `true` in a pod or pod template. Mirrors the `hostNamespaces` check of the Pod Security Standards baseline level.',
    rationale:
      'Sharing a host namespace removes a layer of isolation between the container and the node: with hostPID a root process can inspect and inject into every process on the node, hostNetwork exposes node-local services (kubelet, metadata endpoints) and host traffic, hostIPC exposes shared memory of host processes.',
    remediation: 'Remove the field or set it to `false`. Node agents that really need a host namespace belong in a namespace with the `privileged` Pod Security level.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'baseline', check: 'hostNamespaces' },
    peers: {
      kubeLinter: ['host-network', 'host-pid', 'host-ipc'],
      kubesec: ['HostNetwork', 'HostPID', 'HostIPC'],
      polaris: ['hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
      trivy: ['KSV008', 'KSV009', 'KSV010'],
      checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'],
      kubescape: ['C-0038', 'C-0041', 'C-0275', 'C-0276'],
    },
    references: pssReferences('baseline', 'check_hostNamespaces.go'),
  },
  check(context) {
    for (const workload of context.workloads) {
      for (const [field, what] of Object.entries(NAMESPACES)) {
        const read = readBool(context.file, workload.podSpec, field);
        if (read.state !== 'value' || !read.value) continue;
        context.report({
          pair: read.pair,
          message: `${describeWorkload(workload)} sets ${field}: true, sharing ${what} ${suffix('baseline', 'hostNamespaces')}.`,
          fixes: [fix(`Set ${field}: false (unsafe: the workload may rely on the host namespace)`, false, replaceScalar(context.file, read.node, false))],
        });
      }
    }
  },
});
