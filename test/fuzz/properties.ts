// Properties every analyzer must keep on any input: mangled fixtures (Kubernetes, seccomp JSON, Falco, config files)
// never break the engine, every range lies inside the document, and fixes are edits a user can trust. Shared by the
// short seeded run in `npm test` (test/unit/properties.test.ts) and the long run (`npm run fuzz`, test/fuzz/run.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import fc from 'fast-check';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import { analyze, type AnalysisResult } from '../../server/src/engine/analyze';
import { mergeSettings, type PartialSettings, type ResolvedSettings } from '../../server/src/engine/config';
import { fixAll, type FixMode } from '../../server/src/engine/fixAll';
import { applyTextEdits } from '../../server/src/engine/text';
import type { Finding, Range } from '../../server/src/engine/types';

export const ROOT = join(__dirname, '..', '..', '..');

export interface CorpusFile {
  /** Relative to the repository, for messages. */
  name: string;
  /** The URI the engine sees: the real file name, so `.workload-guard.yaml` is read as a config file. */
  uri: string;
  text: string;
  settings: ResolvedSettings;
}

const SETTINGS_HEADER = /^(?:\uFEFF)?# wg-test-settings: (\{.*\})\s*(?:#\s*expect:.*)?$/;

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
    });
}

/** Every rule fixture and example: all four file kinds, valid and invalid, before and after fixes. */
export function loadCorpus(): CorpusFile[] {
  const paths = [...listFiles(join(ROOT, 'test', 'fixtures', 'rules')), ...listFiles(join(ROOT, 'examples'))];
  return paths.map((path, index) => {
    const text = readFileSync(path, 'utf8');
    const name = relative(ROOT, path);
    // The rule harness reads config-rule fixtures as the project config file; so do we.
    const fileName = name.includes('/config-invalid/') ? '.workload-guard.yaml' : basename(path);
    const header = SETTINGS_HEADER.exec(text.split(/\r?\n/, 1)[0] ?? '');
    const layer = header ? (JSON.parse(header[1]) as PartialSettings) : undefined;
    return { name, uri: `file:///corpus/${index}/${fileName}`, text, settings: mergeSettings(layer) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Edits: what typing, pasting and half-finished changes do to a file.

const SNIPPETS = ['{', '}', '[', ']', ':', ': ', '- ', '"', "'", '\n', '\r\n', '\t', '#', '# x', '&a ', '*a', '<<: ', '{{ x }}', '{{- end }}', '%', '(', ')', ' and ', ' or ', ' in ', '\\', ',', '---\n', '...\n', '!!str ', '\u0000', '\uFEFF', '\uD800'];
const VALUES = ['true', 'false', 'yes', 'no', 'on', 'off', '0', '1000', '-1', '0777', 'null', '~', '', '[]', '{}', '"ALL"', '[ALL]', '[NET_RAW, SYS_ADMIN]', 'CAP_SYS_ADMIN', 'RuntimeDefault', 'Unconfined', 'Localhost', 'SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', '"x', '{{ .Values.x }}', '&a x', '*a', 'nginx', 'nginx:latest', 'evt.type = open', 'WARNING', '[a, b'];
const KEYS = ['privileged', 'runAsNonRoot', 'runAsUser', 'runAsGroup', 'hostPID', 'hostIPC', 'hostNetwork', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'capabilities', 'add', 'drop', 'seccompProfile', 'appArmorProfile', 'type', 'securityContext', 'containers', 'initContainers', 'image', 'imagePullPolicy', 'hostPath', 'volumes', 'automountServiceAccountToken', 'condition', 'output', 'priority', 'exceptions', 'append', 'override', 'macro', 'rule', 'list', 'items', 'defaultAction', 'syscalls', 'names', 'action', 'args', 'architectures', 'pssLevel', 'rules', 'ignorePaths', 'maxFileSize'];

export type Edit =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'reindent'; line: number; by: number }
  | { kind: 'replaceValue'; line: number; value: string }
  | { kind: 'renameKey'; line: number; key: string }
  | { kind: 'lineEndings'; crlf: boolean };

/** Positions are fractions (0..10000) of the text, so one edit list applies to any file and shrinks well. */
const fraction = fc.integer({ min: 0, max: 10_000 });

export const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.constantFrom(...VALUES), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('deleteLine' as const), line: fraction }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fraction }),
  fc.record({ kind: fc.constant('reindent' as const), line: fraction, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('replaceValue' as const), line: fraction, value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('renameKey' as const), line: fraction, key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant('lineEndings' as const), crlf: fc.boolean() }),
);

function scale(value: number, size: number): number {
  return Math.min(size, Math.floor((value / 10_000) * (size + 1)));
}

export function applyEdit(text: string, edit: Edit): string {
  if (edit.kind === 'lineEndings') return edit.crlf ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
  if (edit.kind === 'truncate') return text.slice(0, scale(edit.at, text.length));
  if (edit.kind === 'delete') {
    const at = scale(edit.at, text.length);
    return text.slice(0, at) + text.slice(at + edit.length);
  }
  if (edit.kind === 'insert') {
    const at = scale(edit.at, text.length);
    return text.slice(0, at) + edit.text + text.slice(at);
  }
  const lines = text.split('\n');
  const index = Math.min(lines.length - 1, scale(edit.line, lines.length - 1));
  const line = lines[index];
  switch (edit.kind) {
    case 'deleteLine':
      lines.splice(index, 1);
      break;
    case 'duplicateLine':
      lines.splice(index, 0, line);
      break;
    case 'reindent':
      lines[index] = edit.by >= 0 ? ' '.repeat(edit.by) + line : line.replace(new RegExp(`^ {0,${-edit.by}}`), '');
      break;
    case 'replaceValue':
      lines[index] = line.replace(/^(\s*(?:-\s+)?"?[\w.-]+"?\s*:\s*)(.*?)(\s*,?\s*\r?)$/, (_all, key: string, _value: string, end: string) => `${key}${edit.value}${end}`);
      break;
    case 'renameKey':
      lines[index] = line.replace(/^(\s*(?:-\s+)?"?)[\w.-]+("?\s*:)/, (_all, before: string, after: string) => `${before}${edit.key}${after}`);
      break;
  }
  return lines.join('\n');
}

export interface Sample {
  file: CorpusFile;
  edits: Edit[];
  text: string;
}

export function sampleArbitrary(corpus: readonly CorpusFile[], maxEdits = 4): fc.Arbitrary<Sample> {
  // Shrinking works on the file and the edits; the text is always recomputed from them.
  return fc.record({ file: fc.constantFrom(...corpus), edits: fc.array(editArbitrary, { maxLength: maxEdits }) }).map(({ file, edits }) => ({ file, edits, text: edits.reduce(applyEdit, file.text) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Checks.

/** The document's lines as the engine counts them: split on \n; a \r belongs to the line break only before a \n. */
function lineLengths(text: string): number[] {
  const lines = text.split('\n');
  return lines.map((line, index) => (index < lines.length - 1 && line.endsWith('\r') ? line.length - 1 : line.length));
}

function assertRangeInside(range: Range, lengths: readonly number[], what: string): void {
  const { start, end } = range;
  for (const [name, position] of [['start', start], ['end', end]] as const) {
    assert.ok(Number.isInteger(position.line) && Number.isInteger(position.character), `${what}: ${name} is not an integer position`);
    assert.ok(position.line >= 0 && position.line < lengths.length, `${what}: ${name} line ${position.line} outside 0..${lengths.length - 1}`);
    assert.ok(position.character >= 0 && position.character <= lengths[position.line], `${what}: ${name} character ${position.character} outside line ${position.line} (length ${lengths[position.line]})`);
  }
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: start after end`);
}

function isInternalError(finding: Finding): boolean {
  return finding.ruleId === 'internal-error' || finding.message.startsWith('Internal error');
}

/** No internal error, and every range (finding, related, fix edits) lies inside the text. */
export function checkAnalysis(result: AnalysisResult, text: string): void {
  const lengths = lineLengths(text);
  for (const finding of result.findings) {
    assert.ok(!isInternalError(finding), `internal error: ${finding.message}`);
    const what = `${finding.ruleId} "${finding.message}"`;
    assertRangeInside(finding.range, lengths, what);
    for (const related of finding.related ?? []) assertRangeInside(related.range, lengths, `${what} related`);
    for (const fix of finding.fixes ?? []) for (const edit of fix.edits) assertRangeInside(edit.range, lengths, `${what} fix "${fix.title}"`);
  }
}

type Syntax = 'json' | 'yaml';

/** Parse errors as an independent parser sees them (not the engine's own reading). */
function parseErrors(text: string, syntax: Syntax): number {
  if (syntax === 'json') {
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    return errors.length;
  }
  try {
    return parseAllDocuments(text, { version: '1.1', uniqueKeys: false }).reduce((count, document) => count + document.errors.length, 0);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Duplicate keys (JSON is YAML too): the last one wins, so fixing it hands the finding to the other. */
function duplicateKeys(text: string): boolean {
  try {
    return parseAllDocuments(text, { version: '1.1', uniqueKeys: true }).some((document) => document.errors.some((error) => error.code === 'DUPLICATE_KEY'));
  } catch {
    return false;
  }
}

function syntaxOf(result: AnalysisResult): Syntax {
  return result.kind === 'seccomp' && !result.yaml ? 'json' : 'yaml';
}

/** YAML comments, naively (a `#` after whitespace): enough to notice one that disappears. */
function commentCounts(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const index = line.search(/(^|\s)#/);
    if (index < 0) continue;
    const comment = line.slice(index).trim();
    counts.set(comment, (counts.get(comment) ?? 0) + 1);
  }
  return counts;
}

/** Fixes edit values and keys; even a removed pair or list item leaves its comments behind (the author's notes). */
function assertCommentsKept(before: string, after: string, what: string): void {
  const kept = commentCounts(after.split(/\r?\n/));
  for (const [comment, count] of commentCounts(before.split(/\r?\n/))) assert.ok((kept.get(comment) ?? 0) >= count, `${what}: comment lost: ${comment}`);
}

function identity(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.message}`;
}

function countOf(findings: readonly Finding[], key: string): number {
  return findings.filter((finding) => identity(finding) === key).length;
}

/**
 * Each fix of each finding, applied alone: the fixed text analyzes cleanly and keeps its comments; when the text
 * parsed, it still parses and the finding is gone (one fewer finding of that rule with that message).
 */
export function checkEachFix(file: CorpusFile, text: string, result: AnalysisResult, sampleDuplicatesLines = false): number {
  const syntax = syntaxOf(result);
  const parsed = parseErrors(text, syntax) === 0;
  const hasDuplicateKeys = duplicateKeys(text);
  let checked = 0;
  for (const finding of result.findings) {
    for (const fix of finding.fixes ?? []) {
      const what = `fix "${fix.title}" of ${finding.ruleId} "${finding.message}"`;
      const fixed = applyTextEdits(text, fix.edits);
      assert.notEqual(fixed, text, `${what}: changes nothing`);
      if (parsed) assert.equal(parseErrors(fixed, syntax), 0, `${what}: the fixed text does not parse:\n${fixed}`);
      if (syntax === 'yaml') assertCommentsKept(text, fixed, what);
      const after = analyze({ uri: file.uri, text: fixed, settings: file.settings });
      checkAnalysis(after, fixed);
      // In a file that does not parse the engine sees only part of the structure: no promise beyond "sane". With
      // duplicate keys, fixing the one that wins lets the other win (the duplicate-key finding says so).
      if (!parsed || hasDuplicateKeys) continue;
      // Removing one of three copies leaves a duplicate: that finding stays, rightly.
      if (finding.ruleId.includes('duplicate') && sampleDuplicatesLines) continue;
      const key = identity(finding);
      assert.ok(countOf(after.findings, key) < countOf(result.findings, key), `${what}: the finding is still reported after the fix:\n${fixed}`);
      checked++;
    }
  }
  return checked;
}

/**
 * "Fix all" in each mode: one edit of the original that keeps comments and reports what a fresh analysis reports;
 * when the original parsed, the result parses, a second run changes nothing and (safe mode) no safe fix is left.
 */
export function checkFixAll(file: CorpusFile, text: string, mode: FixMode): number {
  const before = analyze({ uri: file.uri, text, settings: file.settings });
  const syntax = syntaxOf(before);
  const parsed = parseErrors(text, syntax) === 0;
  const result = fixAll(file.uri, text, file.settings, { mode });
  const what = `fix all (${mode})`;
  assert.equal(result.edit ? applyTextEdits(text, [result.edit]) : text, result.text, `${what}: the combined edit does not produce the fixed text`);
  if (result.text === text) return 0;
  if (parsed) assert.equal(parseErrors(result.text, syntax), 0, `${what}: the fixed text does not parse:\n${result.text}`);
  if (syntax === 'yaml') assertCommentsKept(text, result.text, what);
  // Hardening checks against the restricted level whatever the file's setting says.
  const settings: ResolvedSettings = mode === 'harden' ? { ...file.settings, pssLevel: 'restricted' } : file.settings;
  const after = analyze({ uri: file.uri, text: result.text, settings });
  checkAnalysis(after, result.text);
  assert.deepEqual(after.findings.map(identity), result.remaining.map(identity), `${what}: remaining findings differ from a fresh analysis`);
  // A file that does not parse is fixed best-effort: what the engine sees of it changes with every fix.
  if (!parsed) return result.applied;
  const again = fixAll(file.uri, result.text, file.settings, { mode });
  assert.equal(again.text, result.text, `${what}: not idempotent, a second run changes:\n${result.text}`);
  if (mode === 'safe') {
    const fixable = after.findings.filter((finding) => finding.fixes?.some((fix) => fix.safe));
    assert.deepEqual(fixable.map((finding) => `${finding.ruleId}: ${finding.message}`), [], `${what}: safe fixes left after fixing all:\n${result.text}`);
  }
  return result.applied;
}

// ---------------------------------------------------------------------------------------------------------------
// The properties.

export interface NamedProperty {
  name: string;
  property: fc.IProperty<[Sample]> | fc.IProperty<[Sample, FixMode]>;
}

/** Told how long each run took (the long run reports the slowest input; tests never assert on time). */
export type RunObserver = (sample: Sample, milliseconds: number) => void;

export function properties(corpus: readonly CorpusFile[], observe: RunObserver = () => undefined): NamedProperty[] {
  const samples = sampleArbitrary(corpus);
  const timed = (sample: Sample, check: () => void): void => {
    const started = performance.now();
    check();
    observe(sample, performance.now() - started);
  };
  return [
    {
      name: 'any edit of any fixture: no internal error, every range inside the document',
      property: fc.property(samples, (sample) =>
        timed(sample, () => checkAnalysis(analyze({ uri: sample.file.uri, text: sample.text, settings: sample.file.settings }), sample.text)),
      ),
    },
    {
      name: 'every fix parses, keeps comments and removes its finding',
      property: fc.property(samples, (sample) =>
        timed(sample, () => {
          const result = analyze({ uri: sample.file.uri, text: sample.text, settings: sample.file.settings });
          checkEachFix(sample.file, sample.text, result, sample.edits.some((edit) => edit.kind === 'duplicateLine'));
        }),
      ),
    },
    {
      name: 'fix all (safe, harden, all): parses, keeps comments, idempotent, leaves no safe fix',
      property: fc.property(samples, fc.constantFrom<FixMode>('safe', 'harden', 'all'), (sample, mode) =>
        timed(sample, () => {
          checkFixAll(sample.file, sample.text, mode);
        }),
      ),
    },
  ];
}

/** A counterexample, readable: which file, which edits, the text. */
export function describeSample(sample: Sample): string {
  return `${sample.file.name} after ${JSON.stringify(sample.edits)}:\n${sample.text}`;
}
