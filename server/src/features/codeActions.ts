import { analyze, type AnalysisResult } from '../engine/analyze';
import type { ResolvedSettings } from '../engine/config';
import { getMap, getNode, nodeSpan, scalarString } from '../engine/documents/yaml';
import { ensureEntries, replaceScalar } from '../engine/fixes';
import { fixAll } from '../engine/fixAll';
import type { KubernetesObject } from '../engine/kubernetes/model';
import { IGNORE_ANNOTATION, parseIgnoreList } from '../engine/suppression';
import type { Finding, Range, TextEdit } from '../engine/types';

export const FIX_ALL_KIND = 'source.fixAll.workload-guard';
export const HARDEN_KIND = 'source.harden.workload-guard';

export interface DiagnosticRef {
  ruleId: string;
  range: Range;
}

export interface ActionData {
  title: string;
  kind: 'quickfix' | typeof FIX_ALL_KIND | typeof HARDEN_KIND;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** The diagnostic this action resolves (quick fixes only). */
  diagnostic?: DiagnosticRef;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Quick fixes for the given diagnostics, recomputed from the current text: findings are matched by rule id and range. */
export function quickFixes(analysis: AnalysisResult, diagnostics: readonly DiagnosticRef[]): ActionData[] {
  const actions: ActionData[] = [];
  for (const diagnostic of diagnostics) {
    const finding = analysis.findings.find((candidate) => candidate.ruleId === diagnostic.ruleId && sameRange(candidate.range, diagnostic.range));
    if (!finding) continue;
    let preferred = false;
    for (const fix of finding.fixes ?? []) {
      const isPreferred = fix.safe && !preferred;
      if (isPreferred) preferred = true;
      actions.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, isPreferred, diagnostic });
    }
    actions.push({ title: `Disable ${finding.ruleId} for this line`, kind: 'quickfix', edits: [disableLineEdit(analysis, finding)], diagnostic });
    const resourceEdit = disableResourceEdit(analysis, finding);
    if (resourceEdit) actions.push({ title: `Disable ${finding.ruleId} for this resource`, kind: 'quickfix', edits: [resourceEdit], diagnostic });
  }
  return actions;
}

function disableLineEdit(analysis: AnalysisResult, finding: Finding): TextEdit {
  const line = finding.range.start.line;
  const indent = /^\s*/.exec(analysis.lines.lineText(line))?.[0] ?? '';
  const eol = analysis.lines.text.includes('\r\n') ? '\r\n' : '\n';
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: `${indent}# workload-guard-disable-next-line ${finding.ruleId}${eol}` };
}

/** Adds the rule to the object's `workload-guard.dev/ignore` annotation, creating metadata.annotations when needed. */
function disableResourceEdit(analysis: AnalysisResult, finding: Finding): TextEdit | undefined {
  const file = analysis.yaml;
  if (!file || !analysis.kubernetes) return undefined;
  const start = analysis.lines.offsetAt(finding.range.start);
  const object = innermostObject(analysis.kubernetes.objects, start);
  if (!object) return undefined;
  const existing = getNode(getMap(object.metadata, 'annotations'), IGNORE_ANNOTATION);
  const current = scalarString(existing);
  const edit =
    existing !== undefined && current !== undefined
      ? replaceScalar(file, existing, [...parseIgnoreList(current), finding.ruleId].join(', '))
      : existing === undefined
        ? ensureEntries(file, object.root, ['metadata', 'annotations'], [[IGNORE_ANNOTATION, finding.ruleId]])
        : undefined;
  return edit ? analysis.lines.textEdit(edit) : undefined;
}

function innermostObject(objects: readonly KubernetesObject[], offset: number): KubernetesObject | undefined {
  let best: KubernetesObject | undefined;
  let bestStart = -1;
  for (const object of objects) {
    const span = nodeSpan(object.root);
    if (span && span.start <= offset && offset <= span.end && span.start >= bestStart) {
      best = object;
      bestStart = span.start;
    }
  }
  return best;
}

/** Every safe fix of the file as one edit ("Fix all"). */
export function fixAllAction(uri: string, text: string, settings: ResolvedSettings): ActionData | undefined {
  const result = fixAll(uri, text, settings, { mode: 'safe' });
  return result.edit ? { title: 'Fix all Workload Guard problems', kind: FIX_ALL_KIND, edits: [result.edit] } : undefined;
}

/** The workload object containing `range` (or the first one), as a range: what "harden" applies to. */
export function workloadRangeAt(analysis: AnalysisResult, range?: Range): Range | undefined {
  const workloads = analysis.kubernetes?.workloads ?? [];
  const offset = range ? analysis.lines.offsetAt(range.start) : undefined;
  for (const workload of workloads) {
    const span = nodeSpan(workload.object.root);
    if (!span) continue;
    if (offset === undefined || (span.start <= offset && offset <= span.end)) return analysis.lines.range(span);
  }
  return undefined;
}

/** "Harden this workload to restricted": PSS fixes of any safety, limited to the workload. */
export function hardenAction(uri: string, text: string, settings: ResolvedSettings, workloadRange: Range): ActionData | undefined {
  const result = fixAll(uri, text, settings, { mode: 'harden', range: workloadRange });
  return result.edit ? { title: 'Harden this workload to restricted', kind: HARDEN_KIND, edits: [result.edit] } : undefined;
}

export function analyzeText(uri: string, text: string, settings: ResolvedSettings): AnalysisResult {
  return analyze({ uri, text, settings });
}
