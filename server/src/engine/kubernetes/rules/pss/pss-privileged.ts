import { defineKubernetesRule } from '../../../rule';
import { readBool } from '../../values';
import { describeContainer, fix, forEachContainer } from '../helpers';
import { replaceScalar } from '../../../fixes';

export default defineKubernetesRule({
  meta: {
    id: 'pss-privileged',
    title: 'Privileged containers are forbidden',
    description:
      'Reports containers (including init and ephemeral containers) with `securityContext.privileged: true`. Mirrors the `privileged` check of the Pod Security Standards baseline level.',
    rationale:
      'A privileged container gets every capability, all host devices, and no seccomp, AppArmor or SELinux confinement: root in it is root on the node. It is the most common way out of a container.',
    remediation: 'Remove `privileged: true` or set `privileged: false`. Grant the single capability the workload needs instead (and justify it).',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'safe',
    pss: { level: 'baseline', check: 'privileged' },
    peers: {
      kubeLinter: ['privileged-container'],
      kubesec: ['Privileged'],
      polaris: ['runAsPrivileged'],
      trivy: ['KSV017'],
      checkov: ['CKV_K8S_16'],
      kubescape: ['C-0057'],
    },
    references: [
      { title: 'Pod Security Standards: baseline', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline' },
      { title: 'pod-security-admission check_privileged.go', url: 'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_privileged.go' },
    ],
  },
  check(context) {
    forEachContainer(context, (_workload, container) => {
      const privileged = readBool(context.file, container.securityContext, 'privileged');
      if (privileged.state !== 'value' || !privileged.value) return;
      context.report({
        pair: privileged.pair,
        message: `${describeContainer(container)} runs privileged: it gets all capabilities and host devices and bypasses seccomp/AppArmor (Pod Security baseline: privileged).`,
        fixes: [fix('Set privileged: false', true, replaceScalar(context.file, privileged.node, false))],
      });
    });
  },
});
