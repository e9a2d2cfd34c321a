import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { LineIndex } from '../text';
import type { Span } from '../types';
import { maskTemplates, overlapsAny } from './helm';

export type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq };
export { isMap, isScalar, isSeq };

export interface YamlSyntaxError {
  message: string;
  span: Span;
  code: string;
}

export interface YamlDocument {
  /** Index of the document in a multi-document stream. */
  index: number;
  doc: Document.Parsed;
  span: Span;
}

/** One parsed YAML file: every document, its syntax errors, and what Go templating was blanked out. */
export interface YamlFile {
  text: string;
  lines: LineIndex;
  documents: YamlDocument[];
  errors: YamlSyntaxError[];
  templateSpans: Span[];
}

/**
 * Parses the way Kubernetes reads manifests: sigs.k8s.io/yaml goes through go-yaml v2, which is YAML 1.1
 * (yes/on are booleans, 0777 is octal). Duplicate keys are kept so a rule can report them with both locations.
 */
export function parseYamlFile(text: string): YamlFile {
  const mask = maskTemplates(text);
  const lines = new LineIndex(text);
  const documents: YamlDocument[] = [];
  const errors: YamlSyntaxError[] = [];
  let parsed: Document.Parsed[] = [];
  try {
    parsed = parseAllDocuments(mask.text, { version: '1.1', uniqueKeys: false, prettyErrors: false, strict: false }) as Document.Parsed[];
  } catch (error) {
    // The yaml package reports problems as values; a throw here is a bug in it, still never the user's crash.
    errors.push({ message: error instanceof RangeError ? TOO_DEEP_MESSAGE : `YAML parser failed: ${String(error)}`, span: { start: 0, end: Math.min(text.length, 1) }, code: 'PARSER' });
  }
  if (!Array.isArray(parsed)) parsed = [parsed];
  // An alias needs an anchor: '*' alone (cron schedules, globs) is common in manifests, '&' with it is not.
  const mayHaveAliases = mask.text.includes('*') && mask.text.includes('&');
  parsed.forEach((doc, index) => {
    if (mayHaveAliases) resolveAliases(doc);
    const [start, , end] = doc.range ?? [0, 0, 0];
    documents.push({ index, doc, span: { start, end } });
    // Only the first error of a document: the parser's follow-up errors are consequences of it and only add noise.
    const error = doc.errors[0];
    if (error) {
      const [errStart, errEnd] = error.pos;
      let message = cleanMessage(error.message);
      let span: Span = { start: errStart, end: Math.max(errEnd, errStart + 1) };
      const unclosed = unclosedFlowSpan(mask.text, start, errStart, message);
      if (unclosed) {
        const bracket = mask.text[unclosed.start];
        message = `This "${bracket}" is never closed: add the matching "${bracket === '{' ? '}' : ']'}" (a flow collection must also stay indented deeper than its key).`;
        span = unclosed;
      }
      errors.push({ message, span, code: error.code });
    }
  });
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    errors.push({ message: `Control character U+${code} is not allowed in YAML: Kubernetes rejects the file. Binary content or a wrong encoding?`, span: { start: control.index, end: control.index + 1 }, code: 'CONTROL_CHARACTER' });
  }
  return { text, lines, documents, errors, templateSpans: mask.spans };
}

/** Characters go-yaml refuses to read ("control characters are not allowed"); tab, LF and CR are fine. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

const MAX_RESOLVED_ALIASES = 10_000;

/**
 * Kubernetes reads `securityContext: *hardened` as the anchored mapping, so rules must too: each alias is replaced
 * in the tree by its target node (shared, so findings and fixes point at where the value is written). Targets
 * that contain aliases themselves stay unresolved: that is what alias bombs are made of, and a cycle cannot form.
 */
function resolveAliases(doc: Document.Parsed): void {
  // First collect every alias slot on the untouched tree, then replace: deciding on a half-rewritten tree would
  // let nested aliases through and walk shared subtrees exponentially.
  // Anchors are recorded in document order, so an alias gets the latest anchor of its name before it.
  const anchors = new Map<string, Node>();
  const slots: { target: Node | undefined; set: (node: Node) => void }[] = [];
  const record = (node: Node): void => {
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
  };
  visit(doc, {
    Scalar: (_key, node) => record(node),
    Map: (_key, node) => record(node),
    Seq: (_key, node) => record(node),
    Alias(_key, alias, path) {
      const parent = path[path.length - 1];
      const target = anchors.get(alias.source);
      if (isPair(parent) && parent.value === alias) slots.push({ target, set: (node) => (parent.value = node) });
      else if (isSeq(parent)) {
        const index = parent.items.indexOf(alias);
        slots.push({ target, set: (node) => (parent.items[index] = node) });
      }
    },
  });
  if (slots.length === 0) return;
  const containsAlias = new Map<object, boolean>();
  const hasAlias = (node: Node): boolean => {
    let found = containsAlias.get(node);
    if (found === undefined) {
      found = false;
      visit(node, {
        Alias: () => {
          found = true;
          return visit.BREAK;
        },
      });
      containsAlias.set(node, found);
    }
    return found;
  };
  const replacements: { set: (node: Node) => void; node: Node }[] = [];
  for (const slot of slots.slice(0, MAX_RESOLVED_ALIASES)) {
    if (slot.target && !hasAlias(slot.target)) replacements.push({ set: slot.set, node: slot.target });
  }
  for (const { set, node } of replacements) set(node);
}

/**
 * The parser reports an unclosed `{`/`[` where it gave up (often the end of the file); the user needs the bracket
 * that was never closed. Finds the innermost unclosed one before `errorAt`, skipping quoted strings and comments.
 */
function unclosedFlowSpan(text: string, from: number, errorAt: number, message: string): Span | undefined {
  const wanted = /end with a \}/.test(message) ? '{' : /end with a \]/.test(message) ? '[' : undefined;
  if (!wanted) return undefined;
  const open: number[] = [];
  let quote: string | undefined;
  for (let i = from; i < Math.min(errorAt, text.length); i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline;
    } else if (char === '{' || char === '[') open.push(i);
    else if ((char === '}' || char === ']') && open.length) open.pop();
    else if (char === '\n') quote = undefined;
  }
  for (let index = open.length - 1; index >= 0; index--) {
    const at = open[index];
    if (text[at] === wanted) return { start: at, end: at + 1 };
  }
  return undefined;
}

/** Thousands of nested levels exhaust the parser's stack; say what the user can change. */
export const TOO_DEEP_MESSAGE = 'The YAML nests too deeply to parse (thousands of levels): this document is not analyzed. Flatten the structure or split the file.';

function cleanMessage(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return TOO_DEEP_MESSAGE;
  // The yaml package appends " at line N, column M" which duplicates the diagnostic's own range.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

export function nodeSpan(node: Node | null | undefined): Span | undefined {
  if (!node || !node.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

export function pairSpan(pair: Pair): Span | undefined {
  const keySpan = nodeSpan(pair.key as Node);
  if (!keySpan) return undefined;
  const valueSpan = nodeSpan(pair.value as Node);
  return { start: keySpan.start, end: valueSpan && valueSpan.end > keySpan.end ? valueSpan.end : keySpan.end };
}

export function keyName(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) {
    const value = key.value;
    if (value === null || value === undefined) return undefined;
    // In YAML 1.1 mode the merge key `<<` is parsed to a symbol.
    return typeof value === 'symbol' ? (value.description ?? undefined) : String(value);
  }
  return undefined;
}

/** Returns the last pair with this key (go-yaml v2 lets the last duplicate win). */
export function getPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  if (!map) return undefined;
  let found: Pair | undefined;
  let merged: Pair | undefined;
  for (const pair of map.items) {
    const name = keyName(pair as Pair);
    if (name === key) found = pair as Pair;
    else if (name === MERGE_KEY && !found && !merged) merged = fromMergeSources(pair as Pair, key);
  }
  return found ?? merged;
}

const MERGE_KEY = '<<';

/** YAML 1.1 merge keys (`<<: *defaults`, `<<: [*a, *b]`), which go-yaml applies: earlier sources win. */
function fromMergeSources(mergePair: Pair, key: string): Pair | undefined {
  const value = mergePair.value as Node | null;
  const sources = isMap(value) ? [value as YAMLMap] : isSeq(value) ? (value as YAMLSeq).items.filter((item): item is YAMLMap => isMap(item)) : [];
  for (const source of sources) {
    for (const pair of source.items) {
      if (isPair(pair) && keyName(pair as Pair) === key) return pair as Pair;
    }
  }
  return undefined;
}

export function getNode(map: YAMLMap | undefined, key: string): Node | undefined {
  const value = getPair(map, key)?.value;
  return value === null || value === undefined ? undefined : (value as Node);
}

export function getMap(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const node = getNode(map, key);
  return isMap(node) ? (node as YAMLMap) : undefined;
}

export function getSeq(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
  const node = getNode(map, key);
  return isSeq(node) ? (node as YAMLSeq) : undefined;
}

export function getScalar(map: YAMLMap | undefined, key: string): Scalar | undefined {
  const node = getNode(map, key);
  return isScalar(node) ? (node as Scalar) : undefined;
}

export function getPath(map: YAMLMap | undefined, path: readonly string[]): Node | undefined {
  let current: Node | undefined = map;
  for (const key of path) {
    if (!isMap(current)) return undefined;
    current = getNode(current as YAMLMap, key);
  }
  return current;
}

export function getMapPath(map: YAMLMap | undefined, path: readonly string[]): YAMLMap | undefined {
  const node = getPath(map, path);
  return isMap(node) ? (node as YAMLMap) : undefined;
}

/** A scalar's value as a string, when it is a string-ish scalar (strings and numbers as written). */
export function scalarString(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = (node as Scalar).value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return (node as Scalar).source ?? String(value);
  return undefined;
}

export function stringItems(seq: YAMLSeq | undefined): { value: string; node: Scalar }[] {
  if (!seq) return [];
  const result: { value: string; node: Scalar }[] = [];
  for (const item of seq.items) {
    const value = scalarString(item as Node);
    if (value !== undefined) result.push({ value, node: item as Scalar });
  }
  return result;
}

export function mapItems(seq: YAMLSeq | undefined): YAMLMap[] {
  if (!seq) return [];
  return seq.items.filter((item): item is YAMLMap => isMap(item));
}

export function isTemplated(file: YamlFile, node: Node | null | undefined): boolean {
  const span = nodeSpan(node);
  return span !== undefined && file.templateSpans.length > 0 && overlapsAny(span, file.templateSpans);
}

/** The raw source of a node as written (quotes included). */
export function sourceOf(file: YamlFile, node: Node | null | undefined): string {
  const span = nodeSpan(node);
  return span ? file.text.slice(span.start, span.end) : '';
}
