import { analyze, type AnalysisResult } from './analyze';
import type { ResolvedSettings } from './config';
import { applyOffsetEdits, LineIndex, minimalEdit, partitionPoint, spansConflict } from './text';
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
    const map = offsetMap(edits);
    const before = placedCounts(analysis);
    const after = placedCounts(nextAnalysis);
    const stuck = chosen.filter((fix) => isStuck(before, after, fix.finding, map));
    if (stuck.length > 0) {
      rejected.push(...stuck.map((fix) => fix.finding));
      continue;
    }
    rejected = rejected.flatMap((place) => {
      const start = map(place.start);
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

/**
 * Where offsets of the text move to after the (non-overlapping) edits; undefined when an edit replaced the offset.
 * An insertion exactly at an offset leaves it before the inserted text. Sorted once, looked up by binary search:
 * fix all maps every chosen and rejected finding through every edit of a round.
 */
function offsetMap(edits: readonly OffsetEdit[]): (offset: number) => number | undefined {
  const sorted = [...edits].sort((a, b) => a.span.end - b.span.end);
  // shiftBefore[i]: the length change of sorted[0..i).
  const shiftBefore = [0];
  for (const edit of sorted) shiftBefore.push(shiftBefore[shiftBefore.length - 1] + edit.newText.length - (edit.span.end - edit.span.start));
  const replacing = edits.filter((edit) => edit.span.start < edit.span.end).sort((a, b) => a.span.start - b.span.start);
  // furthestEnd[i]: the largest end among replacing[0..i].
  const furthestEnd: number[] = [];
  for (const edit of replacing) furthestEnd.push(Math.max(edit.span.end, furthestEnd[furthestEnd.length - 1] ?? 0));
  return (offset) => {
    // Inside a replaced span (its start and end are kept).
    const startingBefore = partitionPoint(replacing, (edit) => edit.span.start < offset);
    if (startingBefore > 0 && offset < furthestEnd[startingBefore - 1]) return undefined;
    // Every edit ending before the offset shifts it; one ending at it only if it is not an insertion there.
    const endingBefore = partitionPoint(sorted, (edit) => edit.span.end < offset);
    let shift = shiftBefore[endingBefore];
    for (let index = endingBefore; index < sorted.length && sorted[index].span.end === offset; index++) {
      const edit = sorted[index];
      if (edit.span.start !== edit.span.end) shift += edit.newText.length - (edit.span.end - edit.span.start);
    }
    return offset + shift;
  };
}

/** How often each (rule, message) is reported at each offset. */
function placedCounts(analysis: AnalysisResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of analysis.findings) {
    const place = `${findingKey(finding)}\u0000${analysis.lines.offsetAt(finding.range.start)}`;
    counts.set(place, (counts.get(place) ?? 0) + 1);
  }
  return counts;
}

/** The finding (rule, message) is reported as often as before where the edits moved it: its fix did nothing. */
function isStuck(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>, finding: Placed, map: (offset: number) => number | undefined): boolean {
  const start = map(finding.start);
  return start !== undefined && (after.get(`${finding.key}\u0000${start}`) ?? 0) >= (before.get(`${finding.key}\u0000${finding.start}`) ?? 0);
}

interface ChosenFix {
  finding: Placed;
  edits: OffsetEdit[];
}

function chooseFixes(analysis: AnalysisResult, options: FixAllOptions, scope: Span | undefined, rejected: readonly Placed[]): ChosenFix[] {
  const taken = new TakenSpans();
  const skip = new Set(rejected.map((place) => `${place.key}\u0000${place.start}`));
  const chosen: ChosenFix[] = [];
  for (const finding of analysis.findings) {
    const start = analysis.lines.offsetAt(finding.range.start);
    if (scope && (start < scope.start || start > scope.end)) continue;
    if (options.ruleIds && !options.ruleIds.includes(finding.ruleId)) continue;
    const key = findingKey(finding);
    if (skip.has(`${key}\u0000${start}`)) continue;
    const fix = pickFix(finding, options.mode);
    if (!fix) continue;
    const edits = fix.edits.map((edit) => ({ span: { start: analysis.lines.offsetAt(edit.range.start), end: analysis.lines.offsetAt(edit.range.end) }, newText: edit.newText }));
    if (edits.some((edit) => taken.conflicts(edit.span))) continue;
    for (const edit of edits) taken.add(edit.span);
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

/**
 * The spans of the fixes chosen so far, sorted by start, for the conflict test of spansConflict (same start, or
 * overlapping) in logarithmic time rather than against every span taken.
 */
class TakenSpans {
  private readonly spans: Span[] = [];

  /** Set once two taken spans conflict (edits of one fix): from then on every span is checked. */
  private overlapping = false;

  /** Taken spans neither share starts nor overlap: only the neighbours on either side of `span.start` can conflict. */
  conflicts(span: Span): boolean {
    if (this.overlapping) return this.spans.some((taken) => spansConflict(taken, span));
    const index = partitionPoint(this.spans, (taken) => taken.start < span.start);
    const before = this.spans[index - 1];
    const after = this.spans[index];
    return (before !== undefined && spansConflict(before, span)) || (after !== undefined && spansConflict(after, span));
  }

  add(span: Span): void {
    if (!this.overlapping && this.conflicts(span)) this.overlapping = true;
    this.spans.splice(partitionPoint(this.spans, (taken) => taken.start < span.start), 0, span);
  }
}
