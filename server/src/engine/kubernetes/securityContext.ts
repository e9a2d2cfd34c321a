import { getMap, type Node, type Pair, type YAMLMap, type YamlFile } from '../documents/yaml';
import type { Container, Workload } from './model';
import { readBool, readInt, readMap, readString, type FieldRead } from './values';

/**
 * Effective security context, as the kubelet computes it (pkg/securitycontext DetermineEffectiveSecurityContext):
 * a container's own field wins; otherwise the pod-level field applies. seLinuxOptions, seccompProfile and
 * appArmorProfile are taken whole from one level; windowsOptions is merged field by field.
 */
export type Source = 'container' | 'pod';

export type EffectiveRead<T> = { source: Source; read: FieldRead<T> } | { source: 'default'; read: { state: 'absent' } };

/** Fields that exist on both PodSecurityContext and SecurityContext. */
export const SHARED_FIELDS = ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'windowsOptions', 'seLinuxChangePolicy'] as const;

function resolve<T>(
  file: YamlFile,
  workload: Workload,
  container: Container,
  reader: (file: YamlFile, map: YAMLMap | undefined, key: string) => FieldRead<T>,
  field: string,
): EffectiveRead<T> {
  const own = reader(file, container.securityContext, field);
  if (own.state !== 'absent') return { source: 'container', read: own };
  const pod = reader(file, workload.podSecurityContext, field);
  if (pod.state !== 'absent') return { source: 'pod', read: pod };
  return { source: 'default', read: { state: 'absent' } };
}

export function effectiveBool(file: YamlFile, workload: Workload, container: Container, field: 'runAsNonRoot'): EffectiveRead<boolean> {
  return resolve(file, workload, container, readBool, field);
}

export function effectiveInt(file: YamlFile, workload: Workload, container: Container, field: 'runAsUser' | 'runAsGroup'): EffectiveRead<number> {
  return resolve(file, workload, container, readInt, field);
}

export type EffectiveMap = { source: Source; map: YAMLMap; pair: Pair } | { source: Source; other: FieldRead<unknown> } | { source: 'default' };

export function effectiveMap(file: YamlFile, workload: Workload, container: Container, field: 'seccompProfile' | 'appArmorProfile' | 'seLinuxOptions'): EffectiveMap {
  for (const [source, map] of [
    ['container', container.securityContext],
    ['pod', workload.podSecurityContext],
  ] as const) {
    const read = readMap(file, map, field);
    if (read.state === 'map') return { source, map: read.map, pair: read.pair };
    if (read.state !== 'absent') return { source, other: read as FieldRead<unknown> };
  }
  return { source: 'default' };
}

/** windowsOptions.<field>, merged per field (container over pod). */
export function effectiveWindowsOption(file: YamlFile, workload: Workload, container: Container, field: 'hostProcess'): EffectiveRead<boolean> {
  const own = readBool(file, getMap(container.securityContext, 'windowsOptions'), field);
  if (own.state !== 'absent') return { source: 'container', read: own };
  const pod = readBool(file, getMap(workload.podSecurityContext, 'windowsOptions'), field);
  if (pod.state !== 'absent') return { source: 'pod', read: pod };
  return { source: 'default', read: { state: 'absent' } };
}

export function profileType(file: YamlFile, profile: EffectiveMap): { type?: string; node?: Node } {
  if (!('map' in profile)) return {};
  const read = readString(file, profile.map, 'type');
  if (read.state === 'value') return { type: read.value, node: read.node };
  if (read.state === 'templated') return {};
  if (read.state === 'wrongType') return { type: '', node: read.node };
  return { type: '' };
}
