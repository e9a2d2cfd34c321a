import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import type { YAMLMap } from '../../../documents/yaml';
import { readInt } from '../../values';
import { forEachSecurityContext, inUserNamespace, pssReferences, since, suffix } from './common';

export default defineKubernetesRule({
  meta: {
    id: 'pss-run-as-user',
    title: 'Containers must not set runAsUser: 0',
    description:
      'Reports `runAsUser: 0` in the pod or container `securityContext` (containers, init and ephemeral containers). Mirrors the `runAsUser` check of the Pod Security Standards restricted level (1.23+); from 1.35 pods with `hostUsers: false` are exempt, since UID 0 in a user namespace is not root on the node.',
    rationale: 'UID 0 in the container is UID 0 on the node unless user namespaces are used: every kernel bug, misconfigured mount or leftover capability then works with root\'s rights.',
    remediation: 'Set `runAsUser` to a non-zero UID (above 10000 avoids collisions with host users) and `runAsNonRoot: true`; build images that run as that user.',
    defaultSeverity: 'error',
    category: 'pss-restricted',
    fileKind: 'kubernetes',
    fix: 'none',
    pss: { level: 'restricted', check: 'runAsUser' },
    peers: {
      trivy: ['KSV105'],
    },
    references: pssReferences('restricted', 'check_runAsUser.go'),
  },
  check(context) {
    if (!since(context, 23)) return;
    for (const workload of context.workloads) {
      if (since(context, 35) && inUserNamespace(context.file, workload)) continue;
      forEachSecurityContext(workload, (securityContext, who) => check(context, securityContext, who));
    }
  },
});

function check(context: KubernetesRuleContext, securityContext: YAMLMap | undefined, who: string): void {
  const read = readInt(context.file, securityContext, 'runAsUser');
  if (read.state !== 'value' || read.value !== 0) return;
  context.report({ pair: read.pair, message: `${who} runs as root (runAsUser: 0) ${suffix('restricted', 'runAsUser')}.` });
}
