import { getPair, isMap, isScalar, isSeq, isTemplated, type Node, type Pair, type Scalar, type YAMLMap, type YamlFile } from '../documents/yaml';

/**
 * A field read the way the API server decodes it. Kubernetes treats an explicit null like an absent field.
 * `wrongType` means the API server would reject the object (e.g. `privileged: "true"`).
 */
export type FieldRead<T> =
  | { state: 'absent'; pair?: Pair }
  | { state: 'templated'; pair: Pair; node: Node }
  | { state: 'wrongType'; pair: Pair; node: Node; expected: string }
  | { state: 'value'; pair: Pair; node: Scalar; value: T; canonical: boolean };

const CANONICAL_BOOLEANS = new Set(['true', 'false']);

function readRaw(file: YamlFile, map: YAMLMap | undefined, key: string): { pair: Pair; node: Node } | { pair?: Pair } {
  const pair = getPair(map, key);
  if (!pair) return {};
  const node = pair.value as Node | null;
  if (node === null || node === undefined) return { pair };
  if (isScalar(node) && (node as Scalar).value === null && !isTemplated(file, node)) return { pair };
  return { pair, node };
}

export function readBool(file: YamlFile, map: YAMLMap | undefined, key: string): FieldRead<boolean> {
  const raw = readRaw(file, map, key);
  if (!('node' in raw)) return { state: 'absent', pair: raw.pair };
  const { pair, node } = raw;
  if (isTemplated(file, node)) return { state: 'templated', pair, node };
  if (isScalar(node) && typeof (node as Scalar).value === 'boolean') {
    const scalar = node as Scalar;
    const source = (scalar.source ?? '').trim();
    return { state: 'value', pair, node: scalar, value: scalar.value as boolean, canonical: CANONICAL_BOOLEANS.has(source) && scalar.type === 'PLAIN' };
  }
  return { state: 'wrongType', pair, node, expected: 'boolean' };
}

export function readInt(file: YamlFile, map: YAMLMap | undefined, key: string): FieldRead<number> {
  const raw = readRaw(file, map, key);
  if (!('node' in raw)) return { state: 'absent', pair: raw.pair };
  const { pair, node } = raw;
  if (isTemplated(file, node)) return { state: 'templated', pair, node };
  if (isScalar(node)) {
    const scalar = node as Scalar;
    const value = scalar.value;
    if (typeof value === 'number' && Number.isInteger(value)) {
      return { state: 'value', pair, node: scalar, value, canonical: /^-?(0|[1-9][0-9]*)$/.test((scalar.source ?? '').trim()) };
    }
    if (typeof value === 'bigint') return { state: 'value', pair, node: scalar, value: Number(value), canonical: true };
  }
  return { state: 'wrongType', pair, node, expected: 'integer' };
}

export function readString(file: YamlFile, map: YAMLMap | undefined, key: string): FieldRead<string> {
  const raw = readRaw(file, map, key);
  if (!('node' in raw)) return { state: 'absent', pair: raw.pair };
  const { pair, node } = raw;
  if (isTemplated(file, node)) return { state: 'templated', pair, node };
  if (isScalar(node) && typeof (node as Scalar).value === 'string') {
    return { state: 'value', pair, node: node as Scalar, value: (node as Scalar).value as string, canonical: true };
  }
  return { state: 'wrongType', pair, node, expected: 'string' };
}

export function readMap(file: YamlFile, map: YAMLMap | undefined, key: string): FieldRead<YAMLMap> | { state: 'map'; pair: Pair; map: YAMLMap } {
  const raw = readRaw(file, map, key);
  if (!('node' in raw)) return { state: 'absent', pair: raw.pair };
  const { pair, node } = raw;
  if (isTemplated(file, node)) return { state: 'templated', pair, node };
  if (isMap(node)) return { state: 'map', pair, map: node as YAMLMap };
  return { state: 'wrongType', pair, node, expected: 'object' };
}

export function expectedTypeOf(node: Node): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const value = (node as Scalar).value;
    if (typeof value === 'string') return 'string';
    if (typeof value === 'boolean') return 'boolean';
    if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  }
  return 'unknown';
}

/** True when the field is set to exactly this boolean (the only reading that matters for most checks). */
export function isTrue(read: FieldRead<boolean>): boolean {
  return read.state === 'value' && read.value === true;
}
