import { isMap, isScalar, isSeq, isTemplated, keyName, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq, type YamlFile } from '../../../documents/yaml';
import type { KubernetesObject, Workload } from '../../model';
import { fieldOf, rootTypeOf, type FieldSpec } from '../../schema';

/** `<<: *anchor` merge keys are YAML 1.1 syntax, not fields (the parser gives them a symbol value). */
export function isMergeKey(pair: Pair): boolean {
  const key = pair.key as Node | null;
  return isScalar(key) && (typeof (key as Scalar).value === 'symbol' || (key as Scalar).source === '<<');
}

/** One `key: value` pair inside a mapping whose API type schema.ts knows. */
export interface TypedPair {
  object: KubernetesObject;
  map: YAMLMap;
  /** The API type of `map`, e.g. 'SecurityContext'. */
  typeName: string;
  pair: Pair;
  key: string;
  /** undefined when the key is not a field of typeName. */
  field?: FieldSpec;
}

/** Types whose field tables are complete (checked against types.go), so an unknown key there is really unknown. */
export const COMPLETE_TYPES: ReadonlySet<string> = new Set([
  'SecurityContext',
  'PodSecurityContext',
  'Capabilities',
  'SeccompProfile',
  'AppArmorProfile',
  'SELinuxOptions',
  'WindowsSecurityContextOptions',
  'Container',
  'EphemeralContainer',
  'PodSpec',
  'PodTemplateSpec',
  'Sysctl',
  'PodOS',
  'VolumeMount',
  'ContainerPort',
  'HostPathVolumeSource',
]);

/** The types that hold security settings: every field in them counts as a security field. */
export const SECURITY_TYPES: ReadonlySet<string> = new Set([
  'SecurityContext',
  'PodSecurityContext',
  'Capabilities',
  'SeccompProfile',
  'AppArmorProfile',
  'SELinuxOptions',
  'WindowsSecurityContextOptions',
  'Sysctl',
]);

/** The typed pairs of an analysis, walked once for the rules that read them (keyed by the analysis' workloads). */
const walked = new WeakMap<readonly Workload[], TypedPair[]>();

/**
 * Visits every pair of every typed mapping under the objects' roots (workload kinds only: their root types are
 * known), following object refs and indexed arrays of objects. Items of a `kind: List` are objects of their own.
 * Custom resources are typed from their pod spec down: the rest of their schema is theirs.
 */

export function forEachTypedPair(
  { file, objects, workloads }: { file: YamlFile; objects: readonly KubernetesObject[]; workloads: readonly Workload[] },
  visit: (entry: TypedPair) => void,
): void {
  let pairs = walked.get(workloads);
  if (!pairs) {
    const collected: TypedPair[] = [];
    const collect = (entry: TypedPair): void => void collected.push(entry);
    for (const object of objects) {
      const root = rootTypeOf(object.kind);
      if (root) walk(file, object, object.root, root, collect, 0);
    }
    for (const workload of workloads) {
      if (!rootTypeOf(workload.object.kind)) walk(file, workload.object, workload.podSpec, 'PodSpec', collect, 0);
    }
    pairs = collected;
    walked.set(workloads, pairs);
  }
  for (const pair of pairs) visit(pair);
}

function walk(file: YamlFile, object: KubernetesObject, map: YAMLMap, typeName: string, visit: (entry: TypedPair) => void, depth: number): void {
  if (depth > 32) return; // a recursive anchor/alias structure must not hang the editor
  for (const item of map.items) {
    const pair = item as Pair;
    const key = keyName(pair);
    if (key === undefined || isMergeKey(pair) || isTemplated(file, pair.key as Node)) continue;
    const field = fieldOf(typeName, key);
    visit({ object, map, typeName, pair, key, field });
    if (!field?.ref) continue;
    const value = pair.value as Node | null;
    if (field.kind === 'object' && isMap(value)) walk(file, object, value as YAMLMap, field.ref, visit, depth + 1);
    if (field.kind === 'array' && isSeq(value)) {
      for (const element of (value as YAMLSeq).items) {
        if (isMap(element)) walk(file, object, element as YAMLMap, field.ref, visit, depth + 1);
      }
    }
  }
}
