import { defineKubernetesRule } from '../../../rule';
import { pairSpan } from '../../../documents/yaml';
import { effectiveBool, effectiveInt } from '../../securityContext';
import { describeContainer, forEachContainer } from '../helpers';

export default defineKubernetesRule({
  meta: {
    id: 'run-as-non-root-conflict',
    title: 'runAsNonRoot: true with runAsUser: 0 never starts',
    description:
      'Reports containers whose effective `runAsNonRoot` is true while their effective `runAsUser` is 0 (each taken from the container, else the pod).',
    rationale:
      'The kubelet checks runAsNonRoot before starting the container and refuses an explicit UID 0 ("container\'s runAsUser breaks non-root policy"): the pod is created but stays in CreateContainerConfigError.',
    remediation: 'Set `runAsUser` to a non-zero UID (for example `10001`), or remove `runAsUser: 0` so the image user applies (it must then be non-root).',
    defaultSeverity: 'error',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      kubeLinter: ['run-as-non-root'],
      differences:
        'kube-linter reports the same conflict inside its `run-as-non-root` check; here it is its own error, because the kubelet refuses to start the container.',
    },
    references: [{ title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' }],
  },
  check(context) {
    const reported = new Set<string>();
    forEachContainer(context, (workload, container) => {
      const nonRoot = effectiveBool(context.file, workload, container, 'runAsNonRoot');
      const user = effectiveInt(context.file, workload, container, 'runAsUser');
      if (nonRoot.source === 'default' || user.source === 'default') return;
      if (nonRoot.read.state !== 'value' || !nonRoot.read.value || user.read.state !== 'value' || user.read.value !== 0) return;
      const userSpan = pairSpan(user.read.pair);
      const nonRootSpan = pairSpan(nonRoot.read.pair);
      // Two containers inheriting both pod-level fields are one mistake: report it once.
      const key = `${userSpan?.start}:${nonRootSpan?.start}`;
      if (reported.has(key)) return;
      reported.add(key);
      const inherited = user.source === 'pod' && nonRoot.source === 'pod';
      context.report({
        pair: user.read.pair,
        message: `${inherited ? 'The pod' : describeContainer(container)} runs as UID 0 while runAsNonRoot is true: the kubelet refuses to start ${inherited ? 'its containers' : 'it'}. Use a non-zero runAsUser.`,
        related: [{ span: nonRootSpan, message: `runAsNonRoot: true (${nonRoot.source} level)` }],
      });
    });
  },
});
