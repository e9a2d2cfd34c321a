import { defineKubernetesRule } from '../../../rule';
import { replaceScalar } from '../../../fixes';
import { readString } from '../../values';
import { describeContainer, fix, forEachContainer } from '../helpers';
import { inUserNamespace, pssReferences, since, suffix } from './common';

export default defineKubernetesRule({
  meta: {
    id: 'pss-proc-mount',
    title: 'The default /proc mask must be kept',
    description:
      'Reports `securityContext.procMount` set to anything but `Default` in containers, init and ephemeral containers. Mirrors the `procMount` check of the Pod Security Standards baseline level; from Kubernetes 1.35 pods with `hostUsers: false` (a user namespace) are exempt at baseline (see [pss-proc-mount-restricted](pss-proc-mount-restricted.md)).',
    rationale: '`Unmasked` exposes /proc paths the runtime normally masks or makes read-only (e.g. /proc/sys, /proc/sysrq-trigger, /proc/kcore), which leak kernel information and allow changing host kernel settings from a container running as root.',
    remediation: 'Remove `procMount` or set it to `Default`. `Unmasked` is only meant for nested container runtimes in user-namespaced pods.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'baseline', check: 'procMount' },
    peers: {
      kubeLinter: ['unsafe-proc-mount'],
      polaris: ['procMount'],
      trivy: ['KSV027'],
      kubescape: ['C-0211'],
      differences:
        'Only `Unmasked` is reported; Trivy `KSV027` fails any `procMount` key, even `Default`. Polaris `procMount` looks at regular containers only.',
    },
    references: pssReferences('baseline', 'check_procMount_baseline.go'),
  },
  check(context) {
    forEachContainer(context, (workload, container) => {
      const read = readString(context.file, container.securityContext, 'procMount');
      if (read.state !== 'value' || read.value === 'Default') return;
      if (since(context, 35) && inUserNamespace(context.file, workload)) return;
      context.report({
        pair: read.pair,
        message: `${describeContainer(container)} sets procMount: ${read.value}, unmasking /proc ${suffix('baseline', 'procMount')}.`,
        fixes: [fix('Set procMount: Default (unsafe: nested runtimes need Unmasked)', false, replaceScalar(context.file, read.node, 'Default'))],
      });
    });
  },
});
