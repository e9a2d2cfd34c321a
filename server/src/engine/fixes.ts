import { isMap, isScalar, isSeq, keyName, nodeSpan, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq, type YamlFile } from './documents/yaml';
import { detectEol } from './text';
import type { OffsetEdit } from './types';

/**
 * Minimal YAML text edits computed from node ranges. We never re-serialize a document: every edit touches only the
 * lines it must, in the file's own indentation, sequence style and line endings, so comments and layout elsewhere
 * stay as written.
 */

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };
export type Entries = [string, YamlValue][];

export interface Style {
  eol: string;
  /** Kept comments of removed lines end with CRLF when the file has any CRLF. */
  keptCommentEol: string;
  unit: number;
  /** `drop:\n- ALL` (compact) vs `drop:\n  - ALL` (indented). */
  compactSequences: boolean;
}

const styleCache = new WeakMap<YamlFile, Style>();

export function styleOf(file: YamlFile): Style {
  let style = styleCache.get(file);
  if (!style) {
    style = textStyle(file.text);
    styleCache.set(file, style);
  }
  return style;
}

/** The style edits follow, read from a text's line breaks and its first 400 lines. */
export function textStyle(text: string): Style {
  return { eol: detectEol(text), keptCommentEol: text.includes('\r\n') ? '\r\n' : '\n', unit: detectIndentUnit(text), compactSequences: detectCompactSequences(text) };
}

/** One document of a multi-document file is edited in the whole file's style, not in a style of its own. */
export function useStyle(file: YamlFile, style: Style): void {
  styleCache.set(file, style);
}

function detectIndentUnit(text: string): number {
  // The smallest positive step between a "key:" line and the more indented line right after it.
  const lines = text.split(/\r?\n/, 400);
  const counts = new Map<number, number>();
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/:\s*(#.*)?$/.test(lines[i]) || /^\s*#/.test(lines[i])) continue;
    const here = indentOf(lines[i]);
    const next = lines[i + 1];
    if (!next.trim() || /^\s*#/.test(next)) continue;
    const step = indentOf(next) - here;
    if (step > 0 && step <= 8 && !/^\s*- /.test(next)) counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount) {
      best = step;
      bestCount = count;
    }
  }
  return best;
}

function detectCompactSequences(text: string): boolean {
  const lines = text.split(/\r?\n/, 400);
  let compact = 0;
  let indented = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/^\s*[^#\s-][^:]*:\s*(#.*)?$/.test(lines[i])) continue;
    const next = lines[i + 1];
    if (!/^\s*- /.test(next) && !/^\s*-$/.test(next)) continue;
    if (indentOf(next) === indentOf(lines[i])) compact++;
    else indented++;
  }
  return compact > indented;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function columnAt(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function lineEndAt(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  if (lf < 0) return text.length; // a lone \r at the end is content: inserting before it would glue it to the new text
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break after `offset`'s line (or end of text). */
function nextLineStart(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  return lf < 0 ? text.length : lf + 1;
}

/** Last offset of real content (not whitespace) strictly before `end`. */
function lastContent(text: string, start: number, end: number): number {
  let i = end - 1;
  while (i > start && /\s/.test(text[i])) i--;
  return i;
}

const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const YAML11_RESERVED = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

export function formatScalar(value: string | number | boolean | null, json = false): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (!json && PLAIN_SAFE.test(value) && !YAML11_RESERVED.test(value)) return value;
  return JSON.stringify(value);
}

function formatFlow(value: YamlValue, json: boolean): string {
  if (Array.isArray(value)) return `[${value.map((item) => formatFlow(item, json)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${json ? JSON.stringify(key) : key}: ${formatFlow(item, json)}`)
      .join(', ')}}`;
  }
  return formatScalar(value, json);
}

/** Block YAML lines for `key: value` at `column`. */
function renderEntry(key: string, value: YamlValue, column: number, style: Style): string[] {
  const pad = ' '.repeat(column);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}${key}: []`];
    const itemPad = ' '.repeat(style.compactSequences ? column : column + style.unit);
    const lines = [`${pad}${key}:`];
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        const entries = Object.entries(item);
        entries.forEach(([childKey, childValue], i) => {
          const rendered = renderEntry(childKey, childValue, itemPad.length + 2, style);
          if (i === 0) rendered[0] = `${itemPad}- ${rendered[0].trimStart()}`;
          lines.push(...rendered);
        });
      } else {
        lines.push(`${itemPad}- ${formatFlow(item, false)}`);
      }
    }
    return lines;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${pad}${key}: {}`];
    return [`${pad}${key}:`, ...entries.flatMap(([childKey, childValue]) => renderEntry(childKey, childValue, column + style.unit, style))];
  }
  return [`${pad}${key}: ${formatScalar(value)}`];
}

function isJsonStyle(map: YAMLMap): boolean {
  const first = map.items[0]?.key;
  return isScalar(first) && (first as Scalar).type === 'QUOTE_DOUBLE';
}

/** Adds `entries` to a mapping, after its last pair, at the column of its keys. */
export function insertIntoMap(file: YamlFile, map: YAMLMap, entries: Entries): OffsetEdit | undefined {
  const span = nodeSpan(map);
  if (!span || entries.length === 0) return undefined;
  const text = file.text;
  if (map.flow) {
    const json = isJsonStyle(map);
    const close = text.lastIndexOf('}', span.end - 1);
    if (close < span.start) return undefined;
    const body = entries.map(([key, value]) => `${json ? JSON.stringify(key) : key}: ${formatFlow(value, json)}`).join(', ');
    const empty = map.items.length === 0;
    const before = lastContent(text, span.start, close);
    return { span: { start: before + 1, end: before + 1 }, newText: empty ? body : `, ${body}` };
  }
  const style = styleOf(file);
  const firstKey = map.items[0]?.key as Node | undefined;
  const keyStart = withProperties(text, nodeSpan(firstKey)?.start ?? span.start);
  const column = columnAt(text, keyStart);
  const at = lineEndAt(text, lastContent(text, span.start, span.end));
  const lines = entries.flatMap(([key, value]) => renderEntry(key, value, column, style));
  return { span: { start: at, end: at }, newText: style.eol + lines.join(style.eol) };
}

/** Where a key starts including its anchor and tag (`&a key:`): the mapping's column is there, not at the name. */
function withProperties(text: string, keyStart: number): number {
  let start = keyStart;
  for (;;) {
    const property = /(?:^|\s)([&!][^\s]*)[ \t]+$/.exec(text.slice(lineStartAt(text, start), start));
    if (!property) return start;
    start = lineStartAt(text, start) + property.index + property[0].indexOf(property[1]);
  }
}

/** Gives a pair whose value is empty/null a block mapping of `entries`. */
function fillEmptyPair(file: YamlFile, pair: Pair, entries: Entries): OffsetEdit | undefined {
  const keySpan = nodeSpan(pair.key as Node);
  if (!keySpan) return undefined;
  const text = file.text;
  const style = styleOf(file);
  const value = pair.value as Node | null;
  const valueSpan = nodeSpan(value);
  if (isMap(value) && (value as YAMLMap).flow) return insertIntoMap(file, value as YAMLMap, entries);
  const column = columnAt(text, keySpan.start);
  const lines = entries.flatMap(([key, child]) => renderEntry(key, child, column + style.unit, style));
  const lineEnd = lineEndAt(text, keySpan.end);
  if (valueSpan && valueSpan.end > valueSpan.start && valueSpan.end <= lineEnd) {
    // `key: null` / `key: ~`: drop the explicit null, keep a trailing comment.
    const colon = colonAfterKey(text, keySpan.end);
    if (colon === undefined) return undefined;
    const comment = text.slice(valueSpan.end, lineEnd).trim();
    return { span: { start: colon + 1, end: lineEnd }, newText: (comment ? ` ${comment}` : '') + style.eol + lines.join(style.eol) };
  }
  return { span: { start: lineEnd, end: lineEnd }, newText: style.eol + lines.join(style.eol) };
}

function nest(path: readonly string[], leaf: Entries): Entries {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  return [[head, Object.fromEntries(nest(rest, leaf))]];
}

/**
 * Makes sure `path` exists under `map` and adds `leaf` entries in the innermost mapping, creating only the
 * missing part of the path. Returns undefined when a path segment holds something that is not a mapping.
 */
export function ensureEntries(file: YamlFile, map: YAMLMap, path: readonly string[], leaf: Entries): OffsetEdit | undefined {
  let current = map;
  for (let i = 0; i < path.length; i++) {
    const pair = findPair(current, path[i]);
    if (!pair) return insertIntoMap(file, current, nest(path.slice(i), leaf));
    const value = pair.value as Node | null;
    if (isMap(value)) {
      current = value as YAMLMap;
      continue;
    }
    if (value === null || value === undefined || (isScalar(value) && (value as Scalar).value === null)) {
      const rest = nest(path.slice(i + 1), leaf);
      return fillEmptyPair(file, pair, rest);
    }
    return undefined;
  }
  if (current.items.length === 0 && !current.flow) return undefined;
  return insertIntoMap(file, current, leaf);
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const pair of map.items) if (keyName(pair as Pair) === key) found = pair as Pair;
  return found;
}

/**
 * The `:` that ends a block key, right after it (spaces allowed); undefined when there is none (a half-typed key
 * without a colon), so a fix is dropped instead of writing somewhere else in the file.
 */
export function colonAfterKey(text: string, keyEnd: number): number | undefined {
  let index = keyEnd;
  while (text[index] === ' ' || text[index] === '\t') index++;
  return text[index] === ':' ? index : undefined;
}

/** Replaces a scalar's text, keeping its quoting style. */
export function replaceScalar(_file: YamlFile, node: Node, value: string | number | boolean): OffsetEdit | undefined {
  const span = nodeSpan(node);
  if (!span) return undefined;
  const type = isScalar(node) ? (node as Scalar).type : undefined;
  let newText: string;
  if (typeof value === 'string' && type === 'QUOTE_DOUBLE') newText = JSON.stringify(value);
  else if (typeof value === 'string' && type === 'QUOTE_SINGLE') newText = `'${value.replace(/'/g, "''")}'`;
  else newText = formatScalar(value);
  return { span, newText };
}

export function renameKey(pair: Pair, newName: string): OffsetEdit | undefined {
  const span = nodeSpan(pair.key as Node);
  if (!span) return undefined;
  const key = pair.key as Scalar;
  const quoted = key.type === 'QUOTE_DOUBLE' ? JSON.stringify(newName) : key.type === 'QUOTE_SINGLE' ? `'${newName}'` : newName;
  return { span, newText: quoted };
}

/** Removes a pair from a mapping: whole lines in block style, the entry and one comma in flow style. */
export function removePair(file: YamlFile, map: YAMLMap, pair: Pair): OffsetEdit | undefined {
  const keySpan = nodeSpan(pair.key as Node);
  if (!keySpan) return undefined;
  const text = file.text;
  const valueSpan = nodeSpan(pair.value as Node);
  const end = valueSpan && valueSpan.end > keySpan.end ? valueSpan.end : keySpan.end;
  if (map.flow) return removeFlowItem(text, map.items.indexOf(pair), map.items.length, keySpan.start, end);
  const sharesLineWithDash = text.slice(lineStartAt(text, keySpan.start), keySpan.start).trim() !== '';
  if (sharesLineWithDash && map.items.length > 1) {
    // "- key: v" followed by more keys: pull the next key up behind the dash.
    const nextKey = nodeSpan(map.items[1].key as Node);
    if (!nextKey) return undefined;
    return { span: { start: keySpan.start, end: nextKey.start }, newText: '' };
  }
  if (sharesLineWithDash) return { span: { start: keySpan.start, end: lastContent(text, keySpan.start, end) + 1 }, newText: '{}' };
  const start = lineStartAt(text, keySpan.start);
  const stop = nextLineStart(text, lastContent(text, keySpan.start, end));
  // Comments on the removed lines are the author's notes: keep them, as their own lines at the key's indent.
  const indent = ' '.repeat(keySpan.start - start);
  const eol = styleOf(file).keptCommentEol;
  const kept = commentsIn(text.slice(start, stop)).map((comment) => `${indent}${comment}${eol}`).join('');
  return { span: { start, end: stop }, newText: kept };
}

/** The comments of a YAML snippet, line by line; `#` inside quotes or glued to a word is not a comment. */
export function commentsIn(snippet: string): string[] {
  const comments: string[] = [];
  for (const line of snippet.split(/\r?\n/)) {
    let quote: string | undefined;
    for (let index = 0; index < line.length; index++) {
      const char = line[index];
      if (quote) {
        if (char === quote) quote = undefined;
        else if (char === '\\' && quote === '"') index++;
      } else if (char === '"' || char === "'") {
        if (index === 0 || /[\s:[{,-]/.test(line[index - 1])) quote = char;
      } else if (char === '#' && (index === 0 || /\s/.test(line[index - 1]))) {
        comments.push(line.slice(index).trimEnd());
        break;
      }
    }
  }
  return comments;
}

function removeFlowItem(text: string, index: number, count: number, start: number, end: number): OffsetEdit {
  if (count > 1 && index < count - 1) {
    const comma = text.indexOf(',', end);
    let stop = comma + 1;
    while (stop < text.length && text[stop] === ' ') stop++;
    return { span: { start, end: stop }, newText: '' };
  }
  if (count > 1) {
    const comma = text.lastIndexOf(',', start);
    return { span: { start: comma, end }, newText: '' };
  }
  return { span: { start, end }, newText: '' };
}

/** Removes one item of a sequence; the last item of a block sequence leaves `key: []`. */
export function removeSeqItem(file: YamlFile, pair: Pair, seq: YAMLSeq, item: Node): OffsetEdit | undefined {
  const span = nodeSpan(item);
  if (!span) return undefined;
  const text = file.text;
  const index = seq.items.indexOf(item as never);
  if (seq.flow) return removeFlowItem(text, index, seq.items.length, span.start, span.end);
  const start = lineStartAt(text, span.start);
  const stop = nextLineStart(text, lastContent(text, span.start, span.end));
  if (seq.items.length > 1) {
    const dash = text.lastIndexOf('-', span.start);
    const indent = ' '.repeat(Math.max(0, (dash >= start ? dash : span.start) - start));
    const eol = styleOf(file).keptCommentEol;
    return { span: { start, end: stop }, newText: commentsIn(text.slice(start, stop)).map((comment) => `${indent}${comment}${eol}`).join('') };
  }
  const keySpan = nodeSpan(pair.key as Node);
  if (!keySpan) return undefined;
  const colon = colonAfterKey(text, keySpan.end);
  if (colon === undefined) return undefined;
  // Keep a comment that sat on the "key:" line: `add: # why` -> `add: [] # why`.
  const keyLineEnd = lineEndAt(text, colon);
  const keyLineRest = text.slice(colon + 1, keyLineEnd).trim();
  const comment = keyLineRest.startsWith('#') ? ` ${keyLineRest}` : '';
  // The removed item's own comments stay too, in order, as lines at the item's indent (like removing any other item).
  const itemEnd = lastContent(text, span.start, span.end) + 1;
  const itemLineEnd = lineEndAt(text, itemEnd);
  const itemComments = commentsIn(text.slice(Math.min(keyLineEnd, itemEnd), itemLineEnd));
  if (itemComments.length === 0) return { span: { start: colon + 1, end: itemEnd }, newText: ` []${comment}` };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = ' '.repeat(Math.max(0, text.lastIndexOf('-', span.start) - lineStartAt(text, span.start)));
  return { span: { start: colon + 1, end: itemLineEnd }, newText: ` []${comment}${itemComments.map((line) => `${eol}${indent}${line}`).join('')}` };
}

/** Appends a scalar to a sequence, in its own style. */
export function appendSeqItem(file: YamlFile, seq: YAMLSeq, value: string): OffsetEdit | undefined {
  const span = nodeSpan(seq);
  if (!span) return undefined;
  const text = file.text;
  if (seq.flow) {
    const json = seq.items.some((item) => isScalar(item) && (item as Scalar).type === 'QUOTE_DOUBLE');
    const close = text.lastIndexOf(']', span.end - 1);
    // An unclosed `[` (half-typed): no place to append to.
    if (close < span.start) return undefined;
    const before = lastContent(text, span.start, close);
    const formatted = json ? JSON.stringify(value) : formatScalar(value);
    return { span: { start: before + 1, end: before + 1 }, newText: seq.items.length === 0 ? formatted : `, ${formatted}` };
  }
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  const lastSpan = nodeSpan(last);
  if (!lastSpan) return undefined;
  const dash = text.lastIndexOf('-', lastSpan.start);
  const column = columnAt(text, dash);
  const at = lineEndAt(text, lastContent(text, span.start, span.end));
  const quoted = isScalar(last) && (last as Scalar).type === 'QUOTE_DOUBLE' ? JSON.stringify(value) : formatScalar(value);
  return { span: { start: at, end: at }, newText: styleOf(file).eol + ' '.repeat(column) + '- ' + quoted };
}

export { isSeq };
