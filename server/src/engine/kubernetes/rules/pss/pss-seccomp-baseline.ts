import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { getMap, getPair, scalarString, type Node, type YAMLMap } from '../../../documents/yaml';
import { replaceScalar } from '../../../fixes';
import { didYouMean } from '../../../text';
import type { Workload } from '../../model';
import { readMap, readString } from '../../values';
import { fix } from '../helpers';
import { forEachSecurityContext, pssReferences, restrictedExemptsWindows, since, suffix } from './common';

const ALLOWED_TYPES = ['RuntimeDefault', 'Localhost'];
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const CHECK = suffix('baseline', 'seccompProfile_baseline');

export default defineKubernetesRule({
  meta: {
    id: 'pss-seccomp-baseline',
    title: 'Seccomp must not be disabled',
    description:
      'Reports `seccompProfile.type` set to anything but `RuntimeDefault` or `Localhost` (typically `Unconfined`) in the pod or container `securityContext` (containers, init and ephemeral containers). For Kubernetes versions before 1.19 it checks the legacy `seccomp.security.alpha.kubernetes.io/pod` and `container.seccomp.security.alpha.kubernetes.io/<name>` annotations instead (allowed: `runtime/default`, `docker/default`, `localhost/*`). Mirrors the `seccompProfile_baseline` check.',
    rationale: 'Seccomp filters the system calls a container may make. The runtime default profile blocks dozens of calls used in kernel exploits and escapes (unshare, mount, keyctl, bpf, ptrace…); `Unconfined` removes that filter entirely.',
    remediation: 'Set `seccompProfile: {type: RuntimeDefault}` (at pod level it covers every container), or `type: Localhost` with a profile installed on the nodes.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'baseline', check: 'seccompProfile_baseline' },
    peers: {
      kubesec: ['SeccompUnconfined'],
      trivy: ['KSV104'],
      differences:
        'Only an explicit `Unconfined` is reported, as in the baseline level; a missing profile is [pss-seccomp-restricted](pss-seccomp-restricted.md)\'s finding. Trivy `KSV104` treats an unset profile as disabled.',
    },
    references: pssReferences('baseline', 'check_seccompProfile_baseline.go'),
  },
  check(context) {
    for (const workload of context.workloads) {
      if (!since(context, 19)) {
        checkAnnotations(context, workload);
        continue;
      }
      // At level restricted, seccompProfile_restricted replaces this check and exempts Windows pods (1.25+).
      if (restrictedExemptsWindows(context, workload)) continue;
      forEachSecurityContext(workload, (securityContext, who) => checkField(context, securityContext, who));
    }
  },
});

function checkField(context: KubernetesRuleContext, securityContext: YAMLMap | undefined, who: string): void {
  const profile = readMap(context.file, securityContext, 'seccompProfile');
  if (profile.state !== 'map') return;
  const type = readString(context.file, profile.map, 'type');
  if (type.state === 'templated' || (type.state === 'value' && ALLOWED_TYPES.includes(type.value))) return;
  if (type.state !== 'value') {
    context.report({ pair: profile.pair, message: `${who} has a seccompProfile without a valid type: set RuntimeDefault or Localhost ${CHECK}.` });
    return;
  }
  const suggestion = type.value === 'Unconfined' ? undefined : didYouMean(type.value, ['RuntimeDefault', 'Localhost', 'Unconfined'])[0];
  if (suggestion) {
    context.report({
      pair: type.pair,
      message: `${who} sets seccompProfile type "${type.value}", which is not a profile type (did you mean ${suggestion}?) ${CHECK}.`,
      fixes: [fix(`Change to ${suggestion}`, suggestion !== 'Unconfined', replaceScalar(context.file, type.node, suggestion))],
    });
    return;
  }
  context.report({
    pair: type.pair,
    message: `${who} disables seccomp with seccompProfile type ${type.value === '' ? '""' : type.value} ${CHECK}.`,
    fixes: [fix('Use type RuntimeDefault (unsafe: the workload may make calls the default profile blocks)', false, replaceScalar(context.file, type.node, 'RuntimeDefault'))],
  });
}

function validAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

function checkAnnotations(context: KubernetesRuleContext, workload: Workload): void {
  const annotations = getMap(workload.podMetadata, 'annotations');
  const keys = [POD_ANNOTATION, ...workload.containers.map((container) => CONTAINER_ANNOTATION_PREFIX + container.name)];
  for (const key of keys) {
    const pair = getPair(annotations, key);
    const value = pair ? scalarString(pair.value as Node | null) : undefined;
    if (!pair || value === undefined || validAnnotation(value)) continue;
    context.report({
      pair,
      message: `Seccomp annotation ${key}: "${value}" disables or misnames the profile; use runtime/default or localhost/<profile> ${CHECK}.`,
      fixes: [fix('Use runtime/default (unsafe: the workload may make calls the default profile blocks)', false, replaceScalar(context.file, pair.value as Node, 'runtime/default'))],
    });
  }
}
