import { defineKubernetesRule } from '../../../rule';
import { getMap, getSeq, mapItems } from '../../../documents/yaml';
import { describeWorkload, isWindowsPod, workloadAnchor } from '../../model';
import { isTrue, readBool } from '../../values';
import { fix, setField } from '../helpers';

/** UserNamespacesSupport is on by default (beta) from Kubernetes 1.33. */
const DEFAULT_ON_MINOR = 33;
const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'];

export default defineKubernetesRule({
  meta: {
    id: 'host-users',
    title: 'Run pods in a user namespace (hostUsers: false)',
    description:
      'Suggests `hostUsers: false` for Linux pods that could use a user namespace: no host network, PID or IPC namespace (the API server rejects `hostUsers: false` with them), no privileged container and no hostPath volume. Only from Kubernetes 1.33, where user namespaces are on by default; Windows pods are skipped.',
    rationale:
      'Without a user namespace, UID 0 in the container is UID 0 on the node: a process that escapes the container (a runtime or kernel bug, a mounted host path) is root on the node. With `hostUsers: false` the container\'s users map to an unprivileged range of node UIDs, and capabilities only apply inside the pod\'s namespaces. The Pod Security Standards relax some restricted checks for such pods for this reason.',
    remediation: 'Set `hostUsers: false` in the pod spec. The nodes need Linux 6.3+ with idmap mounts for the volumes used and a runtime with user-namespace support (containerd 2.0+, CRI-O 1.25+).',
    defaultSeverity: 'hint',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    peers: {
      kubesec: ['HostUsers'],
      differences:
        'kubesec awards points for `hostUsers: false`; here it is a hint from Kubernetes 1.33 (user namespaces on by default), left out where the API server would reject it (host namespaces) and where nodes need more than the default (privileged containers, hostPath volumes).',
    },
    references: [{ title: 'Use a User Namespace With a Pod', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/user-namespaces/' }, { title: 'User Namespaces', url: 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/' }],
  },
  check(context) {
    if (context.kubernetesMinor < DEFAULT_ON_MINOR) return;
    const { file } = context;
    for (const workload of context.workloads) {
      if (workload.templated || isWindowsPod(workload)) continue;
      const hostUsers = readBool(file, workload.podSpec, 'hostUsers');
      if (hostUsers.state === 'templated' || hostUsers.state === 'wrongType' || (hostUsers.state === 'value' && !hostUsers.value)) continue;
      if (HOST_NAMESPACES.some((key) => isTrue(readBool(file, workload.podSpec, key)))) continue;
      if (workload.containers.some((container) => isTrue(readBool(file, container.securityContext, 'privileged')))) continue;
      if (mapItems(getSeq(workload.podSpec, 'volumes')).some((volume) => getMap(volume, 'hostPath'))) continue;
      const fixes = [fix('Set hostUsers: false (unsafe: needs node and runtime support)', false, setField(file, workload.podSpec, [], 'hostUsers', false))];
      const message = `${describeWorkload(workload)} runs in the node's user namespace: root in its containers is root on the node. Set hostUsers: false where the nodes support user namespaces.`;
      if (hostUsers.state === 'value') context.report({ pair: hostUsers.pair, message, fixes });
      else context.report({ node: workloadAnchor(workload), message, fixes });
    }
  },
});
