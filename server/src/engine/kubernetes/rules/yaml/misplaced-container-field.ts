import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { getPair, keyName, type Node, type Pair, type YAMLMap } from '../../../documents/yaml';
import { removePair, type YamlValue } from '../../../fixes';
import type { OffsetEdit } from '../../../types';
import { describeContainer, describeWorkload, type Workload } from '../../model';
import { fix, setField } from '../helpers';

/** SecurityContext fields that PodSecurityContext does not have (k8s.io/api core/v1). */
export const CONTAINER_ONLY_FIELDS: readonly string[] = ['privileged', 'capabilities', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'procMount'];
/** PodSecurityContext fields that SecurityContext does not have. */
export const POD_ONLY_FIELDS: readonly string[] = ['fsGroup', 'fsGroupChangePolicy', 'sysctls', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'];

export default defineKubernetesRule({
  meta: {
    id: 'misplaced-container-field',
    title: 'Security fields at the wrong level',
    description:
      'Reports container-only security fields (`privileged`, `capabilities`, `readOnlyRootFilesystem`, `allowPrivilegeEscalation`, `procMount`) placed in the pod-level `spec.securityContext`, and pod-only fields (`fsGroup`, `fsGroupChangePolicy`, `sysctls`, `supplementalGroups`, `supplementalGroupsPolicy`, `seLinuxChangePolicy`) placed in a container `securityContext`.',
    rationale:
      'PodSecurityContext and SecurityContext are different types. A field at the wrong level is an unknown field: strict field validation (kubectl apply since 1.27) rejects the object, and lenient clients silently drop the field — so `readOnlyRootFilesystem: true` or `capabilities: {drop: [ALL]}` written at pod level protects nothing.',
    remediation: 'Move container-only fields into every container\'s `securityContext`, and pod-only fields into `spec.securityContext`.',
    defaultSeverity: 'error',
    category: 'yaml',
    fileKind: 'kubernetes',
    fix: 'safe',
    references: [{ title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' }],
  },
  check(context) {
    for (const workload of context.workloads) {
      const podContext = workload.podSecurityContext;
      if (podContext) {
        for (const item of podContext.items) {
          const pair = item as Pair;
          const key = keyName(pair);
          if (key && CONTAINER_ONLY_FIELDS.includes(key)) reportContainerFieldAtPod(context, workload, podContext, pair, key);
        }
      }
      for (const container of workload.containers) {
        const own = container.securityContext;
        if (!own) continue;
        for (const item of own.items) {
          const pair = item as Pair;
          const key = keyName(pair);
          if (!key || !POD_ONLY_FIELDS.includes(key)) continue;
          const podHasIt = getPair(podContext, key) !== undefined;
          const value = toValue(pair);
          context.report({
            pair,
            message: `${key} is a pod-level field: in the securityContext of ${describeContainer(container)} it is rejected by strict validation or silently dropped. Move it to spec.securityContext.`,
            fixes:
              podHasIt || value === undefined
                ? []
                : [fix(`Move ${key} to the pod-level securityContext (unsafe: it then applies to every container)`, false, removePair(context.file, own, pair), setField(context.file, workload.podSpec, ['securityContext'], key, value))],
          });
        }
      }
    }
  },
});

function reportContainerFieldAtPod(context: KubernetesRuleContext, workload: Workload, podContext: YAMLMap, pair: Pair, key: string): void {
  const value = toValue(pair);
  const edits: (OffsetEdit | undefined)[] = [removePair(context.file, podContext, pair)];
  if (value !== undefined) {
    for (const container of workload.containers) {
      // A container that already decides this field keeps its own value.
      if (getPair(container.securityContext, key) !== undefined) continue;
      edits.push(setField(context.file, container.node, ['securityContext'], key, value));
    }
  }
  context.report({
    pair,
    message: `${key} is a container-level field: in the pod-level securityContext of ${describeWorkload(workload)} it is rejected by strict validation or silently dropped, so it has no effect. Set it in each container's securityContext.`,
    fixes:
      value === undefined || workload.containers.length === 0
        ? []
        : grantsPrivilege(key, value)
          ? [fix(`Move ${key} to every container's securityContext (unsafe: it then takes effect and grants privileges)`, false, ...edits)]
          : [fix(`Move ${key} to every container's securityContext`, true, ...edits)],
  });
}

/**
 * Moving a dropped field makes it take effect. That only hardens the pod when the value restricts; a value that grants
 * (privileged: true, added capabilities, ...) makes the move an unsafe fix.
 */
function grantsPrivilege(key: string, value: YamlValue): boolean {
  switch (key) {
    case 'privileged':
    case 'allowPrivilegeEscalation':
      return value === true;
    case 'readOnlyRootFilesystem':
      return value !== true;
    case 'procMount':
      return value !== 'Default';
    case 'capabilities': {
      const add = value !== null && typeof value === 'object' && !Array.isArray(value) ? value.add : undefined;
      return Array.isArray(add) ? add.length > 0 : add !== undefined && add !== null;
    }
    default:
      return true;
  }
}

/** The pair's value as plain data to re-render elsewhere; undefined when it cannot be moved as data. */
function toValue(pair: Pair): YamlValue | undefined {
  const node = pair.value as Node | null;
  if (!node) return undefined;
  const json: unknown = (node as { toJSON(): unknown }).toJSON();
  return isYamlValue(json) ? json : undefined;
}

function isYamlValue(value: unknown): value is YamlValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isYamlValue);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isYamlValue);
  return false;
}

