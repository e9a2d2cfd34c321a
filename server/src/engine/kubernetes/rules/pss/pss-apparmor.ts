import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { getMap, isScalar, keyName, scalarString, type Node, type Pair, type YAMLMap } from '../../../documents/yaml';
import { replaceScalar } from '../../../fixes';
import { readMap, readString } from '../../values';
import { fix } from '../helpers';
import { forEachSecurityContext, pssReferences, suffix } from './common';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const CHECK = suffix('baseline', 'appArmorProfile');

export default defineKubernetesRule({
  meta: {
    id: 'pss-apparmor',
    title: 'AppArmor must not be disabled',
    description:
      'Reports `appArmorProfile.type: Unconfined` in the pod or container `securityContext` (containers, init and ephemeral containers) and the legacy annotation `container.apparmor.security.beta.kubernetes.io/<container>: unconfined`. Mirrors the `appArmorProfile` check of the Pod Security Standards baseline level, which allows only RuntimeDefault, Localhost or no profile. Invalid profile values are reported by [apparmor-profile](apparmor-profile.md).',
    rationale: 'On nodes with AppArmor, the runtime default profile blocks writes to /proc and /sys, mounts and other steps of known container escapes. `Unconfined` switches that protection off.',
    remediation: 'Remove the override or use `type: RuntimeDefault`; for a custom profile loaded on the nodes use `type: Localhost` with `localhostProfile`.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'baseline', check: 'appArmorProfile' },
    peers: {
      kubesec: ['ApparmorUnconfined'],
      trivy: ['KSV002'],
      differences:
        'Reads both the `appArmorProfile` field and the legacy annotation; Trivy `KSV002` reads only the annotation (and fails Localhost profiles, which the baseline level allows), kubesec only the field.',
    },
    references: pssReferences('baseline', 'check_appArmorProfile.go'),
  },
  check(context) {
    for (const workload of context.workloads) {
      forEachSecurityContext(workload, (securityContext, who) => checkField(context, securityContext, who));
      for (const pair of annotationPairs(workload.podMetadata)) {
        const value = scalarString(pair.value as Node | null);
        if (value !== 'unconfined') continue;
        const container = (keyName(pair) ?? '').slice(ANNOTATION_PREFIX.length);
        context.report({
          pair,
          message: `The AppArmor annotation runs container "${container}" unconfined ${CHECK}.`,
          fixes: [fix('Use runtime/default (unsafe: the workload may need broader access)', false, isScalar(pair.value) ? replaceScalar(context.file, pair.value as Node, 'runtime/default') : undefined)],
        });
      }
    }
  },
});

function annotationPairs(metadata: YAMLMap | undefined): Pair[] {
  const annotations = getMap(metadata, 'annotations');
  return (annotations?.items ?? []).filter((pair) => (keyName(pair as Pair) ?? '').startsWith(ANNOTATION_PREFIX)) as Pair[];
}

function checkField(context: KubernetesRuleContext, securityContext: YAMLMap | undefined, who: string): void {
  const profile = readMap(context.file, securityContext, 'appArmorProfile');
  if (profile.state !== 'map') return;
  const type = readString(context.file, profile.map, 'type');
  if (type.state !== 'value' || type.value !== 'Unconfined') return;
  context.report({
    pair: type.pair,
    message: `${who} disables AppArmor with appArmorProfile type Unconfined ${CHECK}.`,
    fixes: [fix('Use type RuntimeDefault (unsafe: the workload may need broader access)', false, replaceScalar(context.file, type.node, 'RuntimeDefault'))],
  });
}
