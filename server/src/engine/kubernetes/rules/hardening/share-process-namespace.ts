import { defineKubernetesRule } from '../../../rule';
import { getPair } from '../../../documents/yaml';
import { removePair } from '../../../fixes';
import { describeWorkload } from '../../model';
import { readBool } from '../../values';
import { fix } from '../helpers';

export default defineKubernetesRule({
  meta: {
    id: 'share-process-namespace',
    title: 'Do not share the process namespace between containers',
    description: 'Reports pods with `shareProcessNamespace: true`.',
    rationale:
      'With a shared PID namespace every container sees the processes of the others, can signal them and, as the same or a privileged user, read their environment and memory and reach their filesystems through `/proc/<pid>/root` — a compromised sidecar gets the main container\'s secrets. The pause container also becomes PID 1 instead of the application.',
    remediation: 'Remove `shareProcessNamespace: true`. For debugging use `kubectl debug --target=<container>` with an ephemeral container, which joins one container\'s namespace for the session only.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    peers: {
      differences:
        'No peer reads `shareProcessNamespace`.',
    },
    references: [{ title: 'Share Process Namespace between Containers in a Pod', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/' }],
  },
  check(context) {
    for (const workload of context.workloads) {
      const shared = readBool(context.file, workload.podSpec, 'shareProcessNamespace');
      if (shared.state !== 'value' || !shared.value) continue;
      const pair = getPair(workload.podSpec, 'shareProcessNamespace');
      context.report({
        pair: shared.pair,
        message: `${describeWorkload(workload)} shares one process namespace among its containers: each can see, signal and read the environment and files of the others' processes. Remove shareProcessNamespace.`,
        fixes: pair ? [fix('Remove shareProcessNamespace (unsafe: check no container relies on seeing the others)', false, removePair(context.file, workload.podSpec, pair))] : [],
      });
    }
  },
});
