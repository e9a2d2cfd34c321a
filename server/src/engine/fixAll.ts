import { analyze, type AnalysisResult } from './analyze';
import type { ResolvedSettings } from './config';
import { applyOffsetEdits, LineIndex, minimalEdit, spansConflict } from './text';
import type { Finding, Fix, OffsetEdit, Range, Span, TextEdit } from './types';

export type FixMode =
  /** Every safe fix ("Fix all in file", `scan --fix`). */
  | 'safe'
  /** Pod Security Standards fixes of any safety plus other safe fixes, at PSS level restricted. */
  | 'harden'
  /** The first fix of every finding, safe or not (tests, and "apply all fixes of this rule"). */
  | 'all';

export interface FixAllOptions {
  mode: FixMode;
  /** Only findings starting inside this range of the original text (e.g. one workload). */
  range?: Range;
  /** Only findings of these rules. */
  ruleIds?: readonly string[];
  maxRounds?: number;
}

export interface FixAllResult {
  text: string;
  /** One combined edit against the original text; undefined when nothing changed. */
  edit?: TextEdit;
  applied: number;
  remaining: Finding[];
}

/**
 * Applies fixes in rounds: each round re-analyzes the current text and applies every chosen fix whose edits do not
 * touch another's, so two fixes that both need a new `securityContext:` never write it twice. The result is one
 * minimal edit of the original, idempotent by construction (a second run finds nothing to apply).
 */
export function fixAll(uri: string, text: string, settings: ResolvedSettings, options: FixAllOptions): FixAllResult {
  const effective: ResolvedSettings = options.mode === 'harden' ? { ...settings, pssLevel: 'restricted' } : settings;
  const maxRounds = options.maxRounds ?? 12;
  let current = text;
  let applied = 0;
  let scope: Span | undefined;
  let lastAnalysis: AnalysisResult | undefined;
  /** Findings whose fix breaks the syntax or leaves them in place (e.g. in a file that does not parse): skipped. */
  let rejected: Placed[] = [];
  /** After a round broke the syntax: one fix per round, to find the fix that did. */
  let oneAtATime = false;
  // Rejected attempts are retried without the culprit; their number is bounded too.
  for (let round = 0, attempt = 0; round < maxRounds && attempt < maxRounds * 4; attempt++) {
    const analysis = analyze({ uri, text: current, settings: effective });
    lastAnalysis = analysis;
    if (attempt === 0 && options.range) scope = { start: analysis.lines.offsetAt(options.range.start), end: analysis.lines.offsetAt(options.range.end) };
    const candidates = chooseFixes(analysis, options, scope, rejected);
    const chosen = oneAtATime ? candidates.slice(0, 1) : candidates;
    if (chosen.length === 0) break;
    const next = applyOffsetEdits(current, chosen.flatMap((fix) => fix.edits));
    if (next === current) break;
    const nextAnalysis = analyze({ uri, text: next, settings: effective });
    // A fix must never turn a parsing file into a broken one: find the fix that does and leave it out.
    if (syntaxErrors(nextAnalysis) > syntaxErrors(analysis)) {
      if (chosen.length === 1) rejected.push(chosen[0].finding);
      oneAtATime = true;
      continue;
    }
    // A fix that leaves its finding in place would be applied again every round (and every run): leave it out.
    const edits = chosen.flatMap((fix) => fix.edits);
    const stuck = chosen.filter((fix) => isStuck(analysis, nextAnalysis, fix.finding, edits));
    if (stuck.length > 0) {
      rejected.push(...stuck.map((fix) => fix.finding));
      continue;
    }
    rejected = rejected.flatMap((place) => {
      const start = mapOffset(place.start, edits);
      return start === undefined ? [] : [{ key: place.key, start }];
    });
    if (!oneAtATime) round++;
    if (scope) scope = shiftScope(scope, chosen.flatMap((fix) => fix.edits));
    applied += chosen.length;
    current = next;
    lastAnalysis = nextAnalysis;
  }
  const edit = minimalEdit(text, current);
  return {
    text: current,
    edit: edit ? new LineIndex(text).textEdit(edit) : undefined,
    applied,
    remaining: lastAnalysis?.findings ?? [],
  };
}

function syntaxErrors(analysis: AnalysisResult): number {
  return analysis.yaml?.errors.length ?? 0;
}

/** A finding as fixAll tells it apart: rule, message and where it starts. */
interface Placed {
  key: string;
  start: number;
}

function findingKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.message}`;
}

/** Where an offset of the text moves to after the edits; undefined when an edit replaced it. */
function mapOffset(offset: number, edits: readonly OffsetEdit[]): number | undefined {
  let mapped = offset;
  for (const edit of edits) {
    if (edit.span.end <= offset && !(edit.span.start === edit.span.end && edit.span.start === offset)) mapped += edit.newText.length - (edit.span.end - edit.span.start);
    else if (edit.span.start < offset && offset < edit.span.end) return undefined;
  }
  return mapped;
}

function countAt(analysis: AnalysisResult, key: string, start: number): number {
  return analysis.findings.filter((candidate) => findingKey(candidate) === key && analysis.lines.offsetAt(candidate.range.start) === start).length;
}

/** The finding (rule, message) is reported as often as before where the edits moved it: its fix did nothing. */
function isStuck(before: AnalysisResult, after: AnalysisResult, finding: Placed, edits: readonly OffsetEdit[]): boolean {
  const start = mapOffset(finding.start, edits);
  return start !== undefined && countAt(after, finding.key, start) >= countAt(before, finding.key, finding.start);
}

interface ChosenFix {
  finding: Placed;
  edits: OffsetEdit[];
}

function chooseFixes(analysis: AnalysisResult, options: FixAllOptions, scope: Span | undefined, rejected: readonly Placed[]): ChosenFix[] {
  const taken: Span[] = [];
  const chosen: ChosenFix[] = [];
  for (const finding of analysis.findings) {
    const start = analysis.lines.offsetAt(finding.range.start);
    if (scope && (start < scope.start || start > scope.end)) continue;
    if (options.ruleIds && !options.ruleIds.includes(finding.ruleId)) continue;
    const key = findingKey(finding);
    if (rejected.some((place) => place.key === key && place.start === start)) continue;
    const fix = pickFix(finding, options.mode);
    if (!fix) continue;
    const edits = fix.edits.map((edit) => ({ span: { start: analysis.lines.offsetAt(edit.range.start), end: analysis.lines.offsetAt(edit.range.end) }, newText: edit.newText }));
    if (edits.some((edit) => taken.some((span) => spansConflict(span, edit.span)))) continue;
    taken.push(...edits.map((edit) => edit.span));
    chosen.push({ finding: { key, start }, edits });
  }
  return chosen;
}

export function pickFix(finding: Finding, mode: FixMode): Fix | undefined {
  const fixes = finding.fixes ?? [];
  if (mode === 'all' || (mode === 'harden' && finding.pss)) return fixes[0];
  return fixes.find((fix) => fix.safe);
}

/** Keeps the workload's span aligned with the text after edits before or inside it. */
function shiftScope(scope: Span, edits: OffsetEdit[]): Span {
  let { start, end } = scope;
  for (const edit of edits) {
    const delta = edit.newText.length - (edit.span.end - edit.span.start);
    if (edit.span.end <= start) start += delta;
    if (edit.span.start <= end) end += delta;
  }
  return { start, end: Math.max(start, end) };
}
