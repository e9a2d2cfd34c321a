// A small value tree with source spans, built from JSON (jsonc-parser) or from a YAML node (security-profiles-
// operator SeccompProfile objects), so the seccomp rules work on both without caring which syntax they read.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isMap, isScalar, isSeq, nodeSpan, keyName, type Node as YamlNode, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from '../documents/yaml';
import type { Span } from '../types';

export type TreeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface TreeNode {
  kind: TreeKind;
  span: Span;
  /** Scalars only. */
  value?: string | number | boolean | null;
  /** Objects: properties in source order (duplicates kept). */
  properties?: TreeProperty[];
  /** Arrays. */
  items?: TreeNode[];
}

export interface TreeProperty {
  key: string;
  keySpan: Span;
  /** Key through value, for removing a whole property. */
  span: Span;
  value: TreeNode;
}

export type Syntax = 'json' | 'yaml';

export interface SyntaxProblem {
  span: Span;
  message: string;
}

export function fromJson(text: string): { root?: TreeNode; problems: SyntaxProblem[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const problems = errors.slice(0, 1).map((error) => ({ span: { start: error.offset, end: error.offset + Math.max(error.length, 1) }, message: jsonErrorMessage(error) }));
  return { root: tree ? convertJson(tree) : undefined, problems };
}

function jsonErrorMessage(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  const known: Record<string, string> = {
    InvalidSymbol: 'Invalid JSON here',
    InvalidNumberFormat: 'Invalid number',
    PropertyNameExpected: 'A property name (in double quotes) is expected',
    ValueExpected: 'A value is expected',
    ColonExpected: 'A colon is expected',
    CommaExpected: 'A comma is expected',
    CloseBraceExpected: 'A closing } is expected',
    CloseBracketExpected: 'A closing ] is expected',
    EndOfFileExpected: 'Only one JSON value is allowed per file',
    InvalidCommentToken: 'Comments are not allowed in JSON: runtimes reject the profile',
    UnexpectedEndOfComment: 'Unterminated comment',
    UnexpectedEndOfString: 'Unterminated string',
    UnexpectedEndOfNumber: 'Unterminated number',
    InvalidUnicode: 'Invalid unicode escape',
    InvalidEscapeCharacter: 'Invalid escape character',
    InvalidCharacter: 'Invalid character in string',
  };
  return `${known[code] ?? code}: runtimes cannot load this profile.`;
}

function convertJson(node: JsonNode): TreeNode {
  const span = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        span,
        properties: (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          if (!key || !value) return [];
          return [{ key: String(key.value), keySpan: { start: key.offset, end: key.offset + key.length }, span: { start: property.offset, end: property.offset + property.length }, value: convertJson(value) }];
        }),
      };
    case 'array':
      return { kind: 'array', span, items: (node.children ?? []).map(convertJson) };
    case 'string':
      return { kind: 'string', span, value: node.value as string };
    case 'number':
      return { kind: 'number', span, value: node.value as number };
    case 'boolean':
      return { kind: 'boolean', span, value: node.value as boolean };
    default:
      return { kind: 'null', span, value: null };
  }
}

/** Converts a YAML node (already parsed by the engine) into the same tree. */
export function fromYaml(node: YamlNode | null | undefined): TreeNode | undefined {
  const span = nodeSpan(node);
  if (!node || !span) return undefined;
  if (isMap(node)) {
    const properties: TreeProperty[] = [];
    for (const pair of (node as YAMLMap).items as Pair[]) {
      const key = keyName(pair);
      const keySpan = nodeSpan(pair.key as YamlNode);
      const value = fromYaml(pair.value as YamlNode) ?? (keySpan ? { kind: 'null' as const, span: { start: keySpan.end, end: keySpan.end }, value: null } : undefined);
      if (key === undefined || !keySpan || !value) continue;
      properties.push({ key, keySpan, span: { start: keySpan.start, end: Math.max(value.span.end, keySpan.end) }, value });
    }
    return { kind: 'object', span, properties };
  }
  if (isSeq(node)) return { kind: 'array', span, items: ((node as YAMLSeq).items as YamlNode[]).flatMap((item) => fromYaml(item) ?? []) };
  if (isScalar(node)) {
    const value = (node as Scalar).value;
    if (typeof value === 'string') return { kind: 'string', span, value };
    if (typeof value === 'number') return { kind: 'number', span, value };
    if (typeof value === 'bigint') return { kind: 'number', span, value: Number(value) };
    if (typeof value === 'boolean') return { kind: 'boolean', span, value };
    return { kind: 'null', span, value: null };
  }
  return undefined;
}

export function property(node: TreeNode | undefined, key: string): TreeProperty | undefined {
  if (node?.kind !== 'object') return undefined;
  let found: TreeProperty | undefined;
  for (const entry of node.properties ?? []) if (entry.key === key) found = entry;
  return found;
}

export function child(node: TreeNode | undefined, key: string): TreeNode | undefined {
  return property(node, key)?.value;
}

export function stringValue(node: TreeNode | undefined): string | undefined {
  return node?.kind === 'string' ? (node.value as string) : undefined;
}

export function numberValue(node: TreeNode | undefined): number | undefined {
  return node?.kind === 'number' ? (node.value as number) : undefined;
}

export function arrayItems(node: TreeNode | undefined): TreeNode[] {
  return node?.kind === 'array' ? (node.items ?? []) : [];
}

/** Plain JS value of a tree, for JSON Schema validation. */
export function toValue(node: TreeNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries((node.properties ?? []).map((entry) => [entry.key, toValue(entry.value)]));
    case 'array':
      return (node.items ?? []).map(toValue);
    default:
      return node.value;
  }
}

/** The tree node at a JSON pointer-like path of keys and indexes. */
export function nodeAt(root: TreeNode, path: readonly (string | number)[]): { node: TreeNode; property?: TreeProperty } | undefined {
  let current: TreeNode = root;
  let last: TreeProperty | undefined;
  for (const segment of path) {
    if (typeof segment === 'number' || current.kind === 'array') {
      const item = arrayItems(current)[Number(segment)];
      if (!item) return undefined;
      current = item;
      last = undefined;
    } else {
      const entry = property(current, segment);
      if (!entry) return undefined;
      current = entry.value;
      last = entry;
    }
  }
  return { node: current, property: last };
}
