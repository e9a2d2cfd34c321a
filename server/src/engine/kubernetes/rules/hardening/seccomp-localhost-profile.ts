import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { getMap, pairSpan, type YAMLMap } from '../../../documents/yaml';
import { describeContainer } from '../../model';
import { readMap, readString } from '../../values';

export default defineKubernetesRule({
  meta: {
    id: 'seccomp-localhost-profile',
    title: 'seccompProfile Localhost needs localhostProfile, and only Localhost may have one',
    description:
      'Reports `seccompProfile` (pod or container level) with `type: Localhost` but no (or an empty) `localhostProfile`, and `localhostProfile` set with any other type.',
    rationale:
      'The API server rejects both shapes (core validation: localhostProfile must be set if and only if type is Localhost), so the manifest never deploys; when the check is bypassed by a template, the intended profile is not what runs.',
    remediation: 'With `type: Localhost`, set `localhostProfile` to the profile path relative to the kubelet seccomp directory (e.g. `profiles/audit.json`). With RuntimeDefault or Unconfined, remove `localhostProfile`.',
    defaultSeverity: 'error',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      differences:
        'No peer checks that a Localhost profile names a file.',
    },
    references: [{ title: 'Restrict a Container\'s Syscalls with seccomp', url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' }],
  },
  check(context) {
    for (const workload of context.workloads) {
      checkProfile(context, getMap(workload.podSpec, 'securityContext'), 'pod-level securityContext');
      for (const container of workload.containers) checkProfile(context, container.securityContext, describeContainer(container));
    }
  },
});

function checkProfile(context: KubernetesRuleContext, securityContext: YAMLMap | undefined, where: string): void {
  const profile = readMap(context.file, securityContext, 'seccompProfile');
  if (profile.state !== 'map') return;
  const type = readString(context.file, profile.map, 'type');
  const localhost = readString(context.file, profile.map, 'localhostProfile');
  if (type.state !== 'value' || localhost.state === 'templated') return;
  if (type.value === 'Localhost') {
    const empty = localhost.state === 'value' && localhost.value.trim() === '';
    if (localhost.state === 'absent' || empty) {
      context.report({
        pair: empty && localhost.state === 'value' ? localhost.pair : type.pair,
        message: `seccompProfile type Localhost of ${where} needs localhostProfile (a profile path relative to the kubelet seccomp directory): the API server rejects it.`,
      });
    }
  } else if (localhost.state !== 'absent') {
    context.report({
      pair: localhost.pair ?? type.pair,
      message: `seccompProfile localhostProfile of ${where} is only allowed with type Localhost (type is ${type.value}): the API server rejects it.`,
      related: [{ span: pairSpan(type.pair), message: 'the profile type' }],
    });
  }
}
