import { defineKubernetesRule } from '../../../rule';
import { replaceScalar } from '../../../fixes';
import { readString } from '../../values';
import { describeContainer, fix, forEachContainer } from '../helpers';
import { inUserNamespace, pssReferences, since, suffix } from './common';

export default defineKubernetesRule({
  meta: {
    id: 'pss-proc-mount-restricted',
    title: 'The default /proc mask must be kept, also in user namespaces',
    description:
      'From Kubernetes 1.35 the baseline level lets pods with `hostUsers: false` set `procMount: Unmasked`; the restricted level does not. This rule reports `procMount` other than `Default` in such user-namespaced pods (other pods are reported by [pss-proc-mount](pss-proc-mount.md)). Mirrors the `procMount_restricted` check.',
    rationale: 'Even in a user namespace an unmasked /proc exposes kernel interfaces the runtime normally hides; restricted workloads have no reason to see them.',
    remediation: 'Remove `procMount` or set it to `Default`.',
    defaultSeverity: 'error',
    category: 'pss-restricted',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'restricted', check: 'procMount_restricted' },
    peers: {
      polaris: ['procMount'],
      trivy: ['KSV027'],
      kubescape: ['C-0211'],
    },
    references: pssReferences('restricted', 'check_procMount_restricted.go'),
  },
  check(context) {
    if (!since(context, 35)) return;
    forEachContainer(context, (workload, container) => {
      if (!inUserNamespace(context.file, workload)) return;
      const read = readString(context.file, container.securityContext, 'procMount');
      if (read.state !== 'value' || read.value === 'Default') return;
      context.report({
        pair: read.pair,
        message: `${describeContainer(container)} sets procMount: ${read.value} ${suffix('restricted', 'procMount_restricted')}.`,
        fixes: [fix('Set procMount: Default (unsafe: nested runtimes need Unmasked)', false, replaceScalar(context.file, read.node, 'Default'))],
      });
    });
  },
});
