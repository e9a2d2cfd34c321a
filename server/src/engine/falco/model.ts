// A Falco rules file as the rule loader reads it (falco rule_loader_reader.cpp; language.json "items"): YAML
// documents holding sequences of maps; each map's kind is the first of its kind keys.
import { isMap, isScalar, isSeq, keyName, nodeSpan, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq, type YamlFile } from '../documents/yaml';
import type { Span } from '../types';

export const ITEM_KINDS = ['required_engine_version', 'required_plugin_versions', 'list', 'macro', 'rule'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface FalcoItem {
  kind: ItemKind | 'unknown';
  map: YAMLMap;
  /** The kind key's pair (`rule: name`), whose value is the item name for lists, macros and rules. */
  kindPair?: Pair;
  name?: string;
  nameNode?: Scalar;
  /** First occurrence of each key: yaml-cpp lookups use the first duplicate. */
  keys: Map<string, Pair>;
  /** Position in load order within the file. */
  position: number;
}

export interface StructureProblem {
  span: Span;
  message: string;
}

export function readFalcoItems(file: YamlFile): { items: FalcoItem[]; problems: StructureProblem[] } {
  const items: FalcoItem[] = [];
  const problems: StructureProblem[] = [];
  for (const document of file.documents) {
    const root = document.doc.contents as Node | null;
    if (root === null || root === undefined || (isScalar(root) && (root as Scalar).value === null)) continue;
    if (!isSeq(root)) {
      problems.push({ span: nodeSpan(root) ?? document.span, message: 'Rules content is not yaml array of objects: a Falco rules file is a list of `- rule:`, `- macro:` and `- list:` items.' });
      continue;
    }
    for (const entry of (root as YAMLSeq).items as (Node | null)[]) {
      if (entry === null || (isScalar(entry) && (entry as Scalar).value === null)) continue;
      if (!isMap(entry)) {
        problems.push({ span: nodeSpan(entry) ?? document.span, message: 'Unexpected element type. Each element should be a yaml associative array.' });
        continue;
      }
      items.push(readItem(entry as YAMLMap, items.length));
    }
  }
  return { items, problems };
}

function readItem(map: YAMLMap, position: number): FalcoItem {
  const keys = new Map<string, Pair>();
  for (const pair of map.items as Pair[]) {
    const key = keyName(pair);
    if (key !== undefined && !keys.has(key)) keys.set(key, pair);
  }
  const kind = ITEM_KINDS.find((candidate) => keys.has(candidate)) ?? 'unknown';
  const item: FalcoItem = { kind, map, keys, position };
  if (kind !== 'unknown') {
    item.kindPair = keys.get(kind);
    const value = item.kindPair?.value as Node | null;
    if (isScalar(value) && (value as Scalar).value !== null) {
      item.nameNode = value as Scalar;
      item.name = String((value as Scalar).value);
    }
  }
  return item;
}

/** A scalar value as yaml-cpp would give it to the loader (any scalar type, as text). */
export function scalarText(pair: Pair | undefined): { text: string; node: Scalar } | undefined {
  const value = pair?.value as Node | null | undefined;
  if (!isScalar(value)) return undefined;
  const raw = (value as Scalar).value;
  if (raw === null || raw === undefined) return undefined;
  return { text: String(raw), node: value as Scalar };
}

/** yaml-cpp's boolean spellings (convert.cpp): y/n, yes/no, true/false, on/off in lower, UPPER or Capitalized case. */
export function yamlCppBool(text: string): boolean | undefined {
  const words: Record<string, boolean> = { y: true, n: false, yes: true, no: false, true: true, false: false, on: true, off: false };
  const lower = text.toLowerCase();
  if (!(lower in words)) return undefined;
  const capitalized = lower.charAt(0).toUpperCase() + lower.slice(1);
  return text === lower || text === lower.toUpperCase() || text === capitalized ? words[lower] : undefined;
}
