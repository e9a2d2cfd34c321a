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
  for (let round = 0; round < maxRounds; round++) {
    const analysis = analyze({ uri, text: current, settings: effective });
    lastAnalysis = analysis;
    if (round === 0 && options.range) scope = { start: analysis.lines.offsetAt(options.range.start), end: analysis.lines.offsetAt(options.range.end) };
    const chosen = chooseFixes(analysis, options, scope);
    if (chosen.length === 0) break;
    const next = applyOffsetEdits(current, chosen.flatMap((fix) => fix.edits));
    if (next === current) break;
    const nextAnalysis = analyze({ uri, text: next, settings: effective });
    // A fix must never turn a parsing file into a broken one; stop rather than hand back a lost edit.
    if (syntaxErrors(nextAnalysis) > syntaxErrors(analysis)) break;
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

function chooseFixes(analysis: AnalysisResult, options: FixAllOptions, scope: Span | undefined): { edits: OffsetEdit[] }[] {
  const taken: Span[] = [];
  const chosen: { edits: OffsetEdit[] }[] = [];
  for (const finding of analysis.findings) {
    const start = analysis.lines.offsetAt(finding.range.start);
    if (scope && (start < scope.start || start > scope.end)) continue;
    if (options.ruleIds && !options.ruleIds.includes(finding.ruleId)) continue;
    const fix = pickFix(finding, options.mode);
    if (!fix) continue;
    const edits = fix.edits.map((edit) => ({ span: { start: analysis.lines.offsetAt(edit.range.start), end: analysis.lines.offsetAt(edit.range.end) }, newText: edit.newText }));
    if (edits.some((edit) => taken.some((span) => spansConflict(span, edit.span)))) continue;
    taken.push(...edits.map((edit) => edit.span));
    chosen.push({ edits });
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
