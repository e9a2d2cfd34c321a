import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { getMap, keyName, pairSpan, scalarString, type Node, type Pair, type YAMLMap } from '../../../documents/yaml';
import { didYouMean } from '../../../text';
import { describeContainer, describeWorkload, isWindowsPod, workloadAnchor, type Workload } from '../../model';
import { APPARMOR_PROFILE_TYPES } from '../../schema';
import { effectiveMap } from '../../securityContext';
import { readMap, readString } from '../../values';
import { fix, setPodField } from '../helpers';

/** The pre-1.30 way to set AppArmor: one annotation per container on the pod's metadata. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
/** appArmorProfile became a field (GA) in Kubernetes 1.30. */
const FIELD_MINOR = 30;

export default defineKubernetesRule({
  meta: {
    id: 'apparmor-profile',
    title: 'Confine containers with an AppArmor profile',
    description:
      'Checks AppArmor settings: the `appArmorProfile` field (pod and container level) and the legacy `container.apparmor.security.beta.kubernetes.io/<container>` annotations. Reports annotations naming no container, values that are not `runtime/default`, `unconfined` or `localhost/<profile>`, annotations on a controller\'s own metadata (only the pod template\'s metadata counts), `Localhost` without `localhostProfile` (and the reverse), an annotation that disagrees with the container\'s effective `appArmorProfile` field (the API server rejects the pod: "apparmor type in annotation and field must match"), and pods with no AppArmor profile at all.',
    rationale:
      'AppArmor restricts file access, mounts and other operations of the container\'s processes even if they run as root. A typo in the annotation or a profile on the wrong metadata silently leaves the container unconfined or stops it from starting, and a pod without a profile relies on the node\'s default.',
    remediation:
      'Set `securityContext.appArmorProfile: {type: RuntimeDefault}` at pod level (Kubernetes 1.30+), or `type: Localhost` with `localhostProfile: <loaded profile name>` for a custom profile. On older clusters put the annotation on the pod (template) metadata, keyed by the container name.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'safe',
    peers: {
      kubesec: ['ApparmorAny'],
    },
    references: [
      { title: 'Restrict a Container\'s Access to Resources with AppArmor', url: 'https://kubernetes.io/docs/tutorials/security/apparmor/' },
      { title: 'k8s.io/api core/v1 AppArmorProfile', url: 'https://github.com/kubernetes/api/blob/master/core/v1/types.go' },
    ],
  },
  check(context) {
    for (const workload of context.workloads) {
      checkPodAnnotations(context, workload);
      checkControllerAnnotations(context, workload);
      checkProfileField(context, getMap(workload.podSpec, 'securityContext'), 'pod-level securityContext');
      for (const container of workload.containers) checkProfileField(context, container.securityContext, describeContainer(container));
      checkAnnotationMatchesField(context, workload);
      checkMissingProfile(context, workload);
    }
  },
});

function annotationPairs(metadata: YAMLMap | undefined): { pair: Pair; container: string }[] {
  const annotations = getMap(metadata, 'annotations');
  if (!annotations) return [];
  const result: { pair: Pair; container: string }[] = [];
  for (const item of annotations.items) {
    const key = keyName(item as Pair);
    if (key?.startsWith(APPARMOR_ANNOTATION_PREFIX)) result.push({ pair: item as Pair, container: key.slice(APPARMOR_ANNOTATION_PREFIX.length) });
  }
  return result;
}

/** Validates a legacy annotation value; returns the problem, if any. */
export function annotationValueProblem(value: string): string | undefined {
  // The same values core validation (ValidateProfileFormat) accepts; an empty value means "not set".
  if (value === '' || value === 'runtime/default' || value === 'unconfined') return undefined;
  if (value.startsWith('localhost/')) return value.length > 'localhost/'.length ? undefined : '`localhost/` needs the name of a profile loaded on the node, e.g. `localhost/my-profile`';
  return `\`${value}\` is not an AppArmor profile: use \`runtime/default\`, \`unconfined\` or \`localhost/<profile>\``;
}

function checkPodAnnotations(context: KubernetesRuleContext, workload: Workload): void {
  const names = new Set(workload.containers.map((container) => container.name));
  for (const { pair, container } of annotationPairs(workload.podMetadata)) {
    const keyNode = pair.key as Node;
    if (!names.has(container)) {
      const suggestion = didYouMean(container, [...names].filter(Boolean));
      context.report({
        node: keyNode,
        severity: 'error',
        message: `AppArmor annotation names container "${container}", which ${describeWorkload(workload)} does not have${suggestion.length ? ` (did you mean "${suggestion[0]}"?)` : ''}: the API server rejects the pod ("container not found").`,
      });
    }
    const valueNode = pair.value as Node | null;
    const value = scalarString(valueNode);
    if (value === undefined) continue;
    const problem = annotationValueProblem(value);
    if (problem) context.report({ pair, severity: 'error', message: `Invalid AppArmor annotation: ${problem}. The pod is rejected or cannot start.` });
  }
}

function checkControllerAnnotations(context: KubernetesRuleContext, workload: Workload): void {
  const own = workload.object.metadata;
  if (!own || own === workload.podMetadata) return;
  for (const { pair } of annotationPairs(own)) {
    context.report({
      node: pair.key as Node,
      message: `AppArmor annotation on the ${workload.object.kind}'s own metadata does nothing: the kubelet only reads it from the pod, so move it to the pod template's metadata.annotations (or use securityContext.appArmorProfile).`,
    });
  }
}

function checkProfileField(context: KubernetesRuleContext, securityContext: YAMLMap | undefined, where: string): void {
  const { file } = context;
  const profile = readMap(file, securityContext, 'appArmorProfile');
  if (profile.state !== 'map') return;
  const type = readString(file, profile.map, 'type');
  const localhost = readString(file, profile.map, 'localhostProfile');
  if (type.state === 'absent') {
    context.report({ pair: profile.pair, severity: 'error', message: `appArmorProfile of ${where} has no type: set RuntimeDefault, Localhost or Unconfined (the API server rejects it).` });
    return;
  }
  if (type.state !== 'value') return;
  if (!(APPARMOR_PROFILE_TYPES as readonly string[]).includes(type.value)) {
    const suggestion = didYouMean(type.value, APPARMOR_PROFILE_TYPES);
    context.report({
      pair: type.pair,
      severity: 'error',
      message: `appArmorProfile type "${type.value}" of ${where} is not one of RuntimeDefault, Localhost, Unconfined${suggestion.length ? ` (did you mean ${suggestion[0]}?)` : ''}: the API server rejects it.`,
    });
    return;
  }
  if (type.value === 'Localhost' && (localhost.state === 'absent' || (localhost.state === 'value' && localhost.value.trim() === ''))) {
    context.report({ pair: type.pair, severity: 'error', message: `appArmorProfile type Localhost of ${where} needs localhostProfile (the name of a profile loaded on the node): the API server rejects it.` });
  } else if (type.value !== 'Localhost' && localhost.state !== 'absent') {
    context.report({
      pair: localhost.pair ?? type.pair,
      severity: 'error',
      message: `appArmorProfile localhostProfile of ${where} is only allowed with type Localhost (type is ${type.value}): the API server rejects it.`,
      related: [{ node: type.node, message: 'the profile type' }],
    });
  }
}

/** The annotation value each field type corresponds to (core validation compares them when both are set). */
const ANNOTATION_FOR_TYPE: Record<string, string> = { RuntimeDefault: 'runtime/default', Unconfined: 'unconfined', Localhost: 'localhost/' };

/**
 * Pod creation validation (validateAppArmorAnnotationsAndFieldsMatchOnCreate in pkg/apis/core/validation) rejects a
 * container whose effective appArmorProfile field and annotation name different profiles; Windows pods are skipped.
 */
function checkAnnotationMatchesField(context: KubernetesRuleContext, workload: Workload): void {
  if (isWindowsPod(workload)) return;
  const annotations = getMap(workload.podMetadata, 'annotations');
  for (const container of workload.containers) {
    if (!container.name) continue;
    const annotationPair = annotations?.items.find((item) => keyName(item as Pair) === `${APPARMOR_ANNOTATION_PREFIX}${container.name}`) as Pair | undefined;
    const annotation = scalarString(annotationPair?.value as Node | null);
    if (!annotationPair || annotation === undefined || annotationValueProblem(annotation)) continue;
    const profile = effectiveMap(context.file, workload, container, 'appArmorProfile');
    if (!('map' in profile)) continue;
    const type = readString(context.file, profile.map, 'type');
    if (type.state !== 'value' || !(type.value in ANNOTATION_FOR_TYPE)) continue;
    const expected = ANNOTATION_FOR_TYPE[type.value];
    const where = `${describeContainer(container)}${profile.source === 'pod' ? ' (pod-level appArmorProfile)' : ''}`;
    if (type.value === 'Localhost' ? !annotation.startsWith(expected) : annotation !== expected) {
      context.report({
        pair: type.pair,
        severity: 'error',
        message: `AppArmor annotation "${annotation}" and appArmorProfile type ${type.value} of ${where} disagree: the API server rejects the pod ("apparmor type in annotation and field must match"). Remove the annotation and keep the field.`,
        related: [{ span: pairSpan(annotationPair), message: 'the legacy AppArmor annotation' }],
      });
      continue;
    }
    const localhost = readString(context.file, profile.map, 'localhostProfile');
    if (type.value === 'Localhost' && localhost.state === 'value' && annotation.slice(expected.length) !== localhost.value) {
      context.report({
        pair: localhost.pair,
        severity: 'error',
        message: `AppArmor annotation "${annotation}" and localhostProfile "${localhost.value}" of ${where} name different profiles: the API server rejects the pod ("apparmor profile in annotation and field must match"). Remove the annotation and keep the field.`,
        related: [{ span: pairSpan(annotationPair), message: 'the legacy AppArmor annotation' }],
      });
    }
  }
}

function checkMissingProfile(context: KubernetesRuleContext, workload: Workload): void {
  if (workload.templated || isWindowsPod(workload)) return;
  const annotated = new Set(
    annotationPairs(workload.podMetadata)
      .filter((entry) => scalarString(entry.pair.value as Node | null) !== '')
      .map((entry) => entry.container),
  );
  const unconfined = workload.containers.filter(
    (container) => effectiveMap(context.file, workload, container, 'appArmorProfile').source === 'default' && !annotated.has(container.name),
  );
  if (unconfined.length === 0) return;
  const fixes =
    context.kubernetesMinor >= FIELD_MINOR
      ? [fix('Set pod-level appArmorProfile type RuntimeDefault', true, setPodField(context.file, workload, [], 'appArmorProfile', { type: 'RuntimeDefault' }))]
      : [];
  context.report({
    node: workloadAnchor(workload),
    severity: 'information',
    message: `${describeWorkload(workload)} sets no AppArmor profile for ${unconfined.map(describeContainer).join(', ')}: set securityContext.appArmorProfile.type: RuntimeDefault at pod level${context.kubernetesMinor >= FIELD_MINOR ? '' : ' (Kubernetes 1.30+) or the container.apparmor.security.beta.kubernetes.io annotation'}.`,
    fixes,
  });
}
