// Editor features for Falco rule files: symbols, name occurrences (for definition, references and rename),
// hovers and completions. Pure functions over texts; the server supplies the workspace's files.
import { isScalar, nodeSpan, parseYamlFile, type Node, type Scalar, type YAMLSeq } from '../engine/documents/yaml';
import { ALL_OPERATORS, TRANSFORMERS } from '../engine/falco/condition';
import { fieldsForSource, knownSources, DEFAULT_SOURCE } from '../engine/falco/fields';
import { readFalcoItems, scalarText, type FalcoItem } from '../engine/falco/model';
import { mapScalar } from '../engine/falco/sourceMap';
import { hasOverride, isAppend } from '../engine/falco/context';
import { escapeRegExp } from '../engine/text';
import { PRIORITIES } from '../engine/falco/rules/falco-priority';
import { ITEM_KEYS } from '../engine/falco/rules/falco-unknown-key';
import type { Span } from '../engine/types';
import type { CompletionEntry } from './completion';

export type FalcoNameKind = 'macro' | 'list' | 'rule';

export interface FalcoSymbol {
  kind: FalcoNameKind | 'other';
  name: string;
  /** The whole item. */
  span: Span;
  nameSpan: Span;
  /** An override/append of an item defined elsewhere (not a new definition). */
  isOverride: boolean;
}

export interface FalcoOccurrence {
  span: Span;
  isDefinition: boolean;
}

const NAME_CHARS = /[a-zA-Z0-9_.\-/:]/;

/**
 * The Falco items of recently seen texts. Hover, definition, references and rename read every Falco file of the
 * workspace per request: parsing them all each time took ~180 ms on a 10k-line rules file. Texts are compared by
 * value; the memo holds at most MEMO_CHARS characters of text (oldest dropped first, so the earlier versions of a
 * file being edited go first). The items keep their parse trees, some 20 times the text's size: 4 MB of text holds
 * every official rules file several times over.
 */
const itemsMemo = new Map<string, ReturnType<typeof readFalcoItems>>();
const MEMO_CHARS = 4 * 1024 * 1024;
let memoChars = 0;

function falcoItemsOf(text: string): ReturnType<typeof readFalcoItems> {
  const known = itemsMemo.get(text);
  if (known) {
    // Most recently used last, so the oldest is first in line to go.
    itemsMemo.delete(text);
    itemsMemo.set(text, known);
    return known;
  }
  const items = readFalcoItems(parseYamlFile(text));
  itemsMemo.set(text, items);
  memoChars += text.length;
  for (const [oldest] of itemsMemo) {
    if (memoChars <= MEMO_CHARS || oldest === text) break;
    itemsMemo.delete(oldest);
    memoChars -= oldest.length;
  }
  return items;
}

export function falcoSymbols(text: string): FalcoSymbol[] {
  const { items } = falcoItemsOf(text);
  return items.flatMap((item) => {
    const span = nodeSpan(item.map);
    const nameSpan = nodeSpan(item.nameNode);
    if (!span || !nameSpan || !item.name) return [];
    const kind = item.kind === 'macro' || item.kind === 'list' || item.kind === 'rule' ? item.kind : 'other';
    return [{ kind, name: item.name, span, nameSpan, isOverride: hasOverride(item) }];
  });
}

/** The macro, list or rule name under the cursor (names in conditions are bounded like Falco's list substitution). */
export function falcoNameAt(text: string, offset: number): string | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && NAME_CHARS.test(text[start - 1])) start--;
  while (end < text.length && NAME_CHARS.test(text[end])) end++;
  const word = text.slice(start, end);
  return word || undefined;
}

/** Every place in one file where `name` is defined or referenced as a macro, list or rule. */
export function falcoOccurrences(text: string, name: string): FalcoOccurrence[] {
  const { items } = falcoItemsOf(text);
  const occurrences: FalcoOccurrence[] = [];
  const escaped = escapeRegExp(name);
  const bounded = new RegExp(`(^|[\\s(),=\\[])(${escaped})(?=$|[\\s(),=\\]])`, 'g');
  for (const item of items) {
    if (item.name === name && item.nameNode) {
      const span = nodeSpan(item.nameNode);
      if (span) occurrences.push({ span: valueSpan(text, item.nameNode, span), isDefinition: true });
    }
    // Only conditions name macros and lists; outputs hold fields.
    const value = item.keys.get('condition')?.value as Node | null | undefined;
    if (isScalar(value) && typeof (value as Scalar).value === 'string') {
      const condition = (value as Scalar).value as string;
      const map = mapScalar(text, value as Scalar, condition);
      for (const match of condition.matchAll(bounded)) {
        const start = (match.index ?? 0) + match[1].length;
        occurrences.push({ span: map.spanToSource({ start, end: start + name.length }), isDefinition: false });
      }
    }
    if (item.kind === 'list') listItemOccurrences(text, item, name, occurrences);
  }
  return occurrences.sort((a, b) => a.span.start - b.span.start);
}

function listItemOccurrences(text: string, item: FalcoItem, name: string, into: FalcoOccurrence[]): void {
  const items = item.keys.get('items')?.value as YAMLSeq | null | undefined;
  for (const entry of (items?.items ?? []) as Node[]) {
    if (isScalar(entry) && String((entry as Scalar).value) === name) {
      const span = nodeSpan(entry);
      if (span) into.push({ span: valueSpan(text, entry as Scalar, span), isDefinition: false });
    }
  }
}

/** A scalar's span without its quotes, so a rename keeps the quoting. */
function valueSpan(text: string, node: Scalar, span: Span): Span {
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted && span.end - span.start >= 2 && /["']/.test(text[span.start]) ? { start: span.start + 1, end: span.end - 1 } : span;
}

/** Macro conditions (appends joined as Falco joins them) of a set of files, for expansion. */
export function falcoMacroTexts(texts: readonly string[]): Map<string, string> {
  const macros = new Map<string, string>();
  for (const text of texts) {
    for (const item of falcoItemsOf(text).items) {
      if (item.kind !== 'macro' || !item.name) continue;
      const condition = scalarText(item.keys.get('condition'))?.text.trim();
      if (!condition) continue;
      macros.set(item.name, isAppend(item, 'condition') && macros.has(item.name) ? `${macros.get(item.name)} ${condition}` : condition);
    }
  }
  return macros;
}

/** A condition with every macro replaced by its (parenthesised) condition, as Falco resolves them. */
export function expandMacros(condition: string, macros: ReadonlyMap<string, string>, depth = 0, seen: ReadonlySet<string> = new Set()): string {
  if (depth > 20) return condition;
  return condition.replace(/(^|[\s(])([a-zA-Z]+[a-zA-Z0-9_]*)(?=$|[\s)])/g, (match, before: string, name: string) => {
    const body = macros.get(name);
    if (!body || seen.has(name) || ['and', 'or', 'not'].includes(name)) return match;
    return `${before}(${expandMacros(body, macros, depth + 1, new Set([...seen, name]))})`;
  });
}

/** Markdown for a macro or list: its text (lists: items), the fully expanded condition, and where it is defined. */
export function falcoDefinitionMarkdown(text: string, name: string, where: string, macros?: ReadonlyMap<string, string>): string | undefined {
  const { items } = falcoItemsOf(text);
  const definitions = items.filter((item) => item.name === name && (item.kind === 'macro' || item.kind === 'list'));
  if (definitions.length === 0) return undefined;
  const first = definitions[0];
  if (first.kind === 'macro') {
    const parts = definitions.map((item) => scalarText(item.keys.get('condition'))?.text.trim() ?? '').filter(Boolean);
    const lines = [`**macro ${name}** — ${where}`, '', '```', parts.join('\n'), '```'];
    const expanded = macros ? expandMacros(parts.join(' '), macros, 0, new Set([name])) : undefined;
    if (expanded && expanded !== parts.join(' ')) lines.push('', 'Expanded:', '', '```', expanded, '```');
    return lines.join('\n');
  }
  const values = definitions.flatMap((item) => ((item.keys.get('items')?.value as YAMLSeq | null)?.items ?? []).flatMap((entry) => (isScalar(entry) ? [String((entry as Scalar).value)] : [])));
  return [`**list ${name}** — ${where}`, '', values.length ? values.map((value) => `\`${value}\``).join(', ') : '(empty)'].join('\n');
}

/** Markdown for a field: type, source and the catalog description. */
export function falcoFieldMarkdown(name: string, source = DEFAULT_SOURCE): string | undefined {
  const field = fieldsForSource(source).find((row) => row.n === name) ?? knownSources().flatMap((other) => fieldsForSource(other)).find((row) => row.n === name);
  if (!field) return undefined;
  const origin = field.p ? `plugin ${field.p}` : 'libs';
  return [`**${field.n}** \`${field.t}${field.l ? '[]' : ''}\` — source ${field.s === '*' ? 'any' : field.s}, ${origin}${field.dep ? ' (deprecated)' : ''}`, '', field.desc].join('\n');
}

export interface FalcoCompletionContext {
  /** Macro, list and tag names of the workspace. */
  macros: readonly string[];
  lists: readonly string[];
  tags: readonly string[];
}

/** Completion by looking at the text around the cursor: works while the file is half typed. */
export function completeFalco(text: string, offset: number, workspace: FalcoCompletionContext): CompletionEntry[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const wordMatch = /[a-zA-Z0-9_.%\-]*$/.exec(before);
  const word = wordMatch ? wordMatch[0].replace(/^%/, '') : '';
  const replaceStart = offset - word.length;
  const key = enclosingKey(text, lineStart, before);
  const source = itemSource(text, lineStart);
  const value = (label: string, detail?: string, documentation?: string): CompletionEntry => ({ label, kind: 'value', insertText: label, replaceStart, detail, documentation });
  if (key === 'priority') return PRIORITIES.map((priority) => value(priority));
  if (key === 'source') return knownSources().filter((name) => !name.startsWith('dummy')).map((name) => value(name));
  if (key === 'tags') return workspace.tags.map((tag) => value(tag, 'tag used in the workspace'));
  if (key === 'condition' || key === 'output') {
    const fields = fieldsForSource(source).map((field) => value(field.n, `${field.t}${field.l ? '[]' : ''}${field.p ? ` · ${field.p}` : ''}`, field.desc));
    if (key === 'output') return fields;
    const afterField = /([a-zA-Z]+[a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+(?:\[[^\]]*\])?)\s+[a-z]*$/.test(before);
    if (afterField && !/\b(and|or|not)\s+[a-z]*$/.test(before)) {
      const fieldName = /([a-zA-Z]+[a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+)(?:\[[^\]]*\])?\s+[a-z]*$/.exec(before)?.[1] ?? '';
      const type = fieldsForSource(source).find((field) => field.n === fieldName)?.t ?? 'CHARBUF';
      return operatorsFor(type).map((operator) => value(operator, 'operator'));
    }
    return [
      ...fields,
      ...workspace.macros.map((name) => value(name, 'macro')),
      ...workspace.lists.map((name) => value(name, 'list')),
      ...TRANSFORMERS.map((name) => value(name, 'transformer')),
    ];
  }
  if (/^\s*-?\s*[a-z_-]*$/.test(before)) {
    const kind = itemKindAt(text, lineStart);
    const keys = kind ? ITEM_KEYS[kind] : ['rule', 'macro', 'list'];
    return keys.map((name) => ({ label: name, kind: 'property', insertText: `${name}: `, replaceStart: offset - (/[a-z_-]*$/.exec(before)?.[0].length ?? 0) }));
  }
  return [];
}

/** Operators that make sense for a field type (libs compares numbers, booleans and addresses by value). */
function operatorsFor(type: string): string[] {
  if (/^(U?INT(8|16|32|64)|RELTIME|ABSTIME|DOUBLE|PORT|FD|PID)$/.test(type)) return ['=', '!=', '<', '<=', '>', '>=', 'in', 'exists'];
  if (type === 'BOOL') return ['=', '!=', 'exists'];
  if (type === 'IPADDR' || type === 'IPNET') return ['=', '!=', 'in', 'exists'];
  return [...ALL_OPERATORS];
}

/** The key whose value the cursor is in: on this line (`key: …`) or a block scalar started above. */
function enclosingKey(text: string, lineStart: number, before: string): string | undefined {
  const own = /^\s*-?\s*([a-z_-]+):/.exec(before);
  if (own) return own[1];
  let cursor = lineStart;
  const indent = before.length - before.trimStart().length;
  while (cursor > 0) {
    // lastIndexOf clamps a negative start to 0: stop once we no longer move up.
    const previousStart = cursor >= 2 ? text.lastIndexOf('\n', cursor - 2) + 1 : 0;
    if (previousStart >= cursor) break;
    const line = text.slice(previousStart, cursor - 1);
    const match = /^(\s*)-?\s*([a-z_-]+):\s*(.*)$/.exec(line);
    if (match && match[1].length < indent) return match[2];
    if (/^-/.test(line)) return undefined;
    cursor = previousStart;
  }
  return undefined;
}

function itemLines(text: string, lineStart: number): string {
  const start = text.lastIndexOf('\n-', lineStart) + 1;
  const next = text.indexOf('\n-', lineStart);
  return text.slice(start, next < 0 ? text.length : next);
}

function itemSource(text: string, lineStart: number): string {
  return /^\s*source:\s*([a-z0-9_]+)/m.exec(itemLines(text, lineStart))?.[1] ?? DEFAULT_SOURCE;
}

function itemKindAt(text: string, lineStart: number): 'rule' | 'macro' | 'list' | undefined {
  const match = /^-\s*(rule|macro|list):/m.exec(itemLines(text, lineStart));
  return match ? (match[1] as 'rule' | 'macro' | 'list') : undefined;
}
