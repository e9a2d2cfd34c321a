// Falco rules file analysis: build the context once, run each rule, never throw on user input.
import { findingSeverity, type ResolvedSettings } from '../config';
import { namesList } from './lists';
import { isScalar, type Node, type Scalar, type YamlFile } from '../documents/yaml';
import { readFalcoItems } from './model';
import { completeFixes, type MetaFinding, type RuleMeta } from '../rule';
import { buildFalcoContext, type FalcoReport, type FalcoWorkspaceFacts } from './context';
import { FALCO_RULES } from './rules';

export type FalcoFinding = MetaFinding;

export function analyzeFalco(file: YamlFile, settings: ResolvedSettings, workspace?: FalcoWorkspaceFacts): FalcoFinding[] {
  const findings: FalcoFinding[] = [];
  let current: RuleMeta | undefined;
  const sink = (report: FalcoReport): void => {
    if (!current) return;
    const severity = findingSeverity(settings, current, report.severity);
    if (severity === 'off') return;
    findings.push({ meta: current, span: report.span, message: report.message, severity, fixes: completeFixes(report.fixes), tags: report.tags });
  };
  const context = buildFalcoContext(file, settings, workspace, sink);
  for (const rule of FALCO_RULES) {
    current = rule.meta;
    try {
      rule.check(context);
    } catch (error) {
      sink({ span: { start: 0, end: Math.min(1, file.text.length) }, severity: 'hint', message: `Internal error in rule ${rule.meta.id}: ${error instanceof Error ? error.message : String(error)}. Please report this with the file.` });
    }
  }
  return findings;
}

/** Names a Falco file defines and uses, for the workspace index and multi-file CLI scans. */
export function falcoDefinitions(file: YamlFile): { macros: string[]; lists: string[]; rules: string[]; used: string[] } {
  // What the workspace index needs: names and the condition texts' words. No condition is parsed for it (that is the
  // analysis' work), so indexing a rules file costs little more than reading its items.
  const { items } = readFalcoItems(file);
  const names = (kind: string) => items.filter((item) => item.kind === kind && item.name).map((item) => item.name as string);
  const lists = [...new Set(names('list'))];
  const used = new Set<string>();
  for (const item of items) {
    if (item.kind !== 'macro' && item.kind !== 'rule') continue;
    const value = item.keys.get('condition')?.value as Node | null | undefined;
    if (!isScalar(value) || typeof (value as Scalar).value !== 'string') continue;
    const condition = (value as Scalar).value as string;
    for (const list of lists) if (namesList(condition, list)) used.add(list);
    for (const ref of condition.match(/[a-zA-Z]+[a-zA-Z0-9_]*/g) ?? []) used.add(ref);
  }
  return { macros: names('macro'), lists: names('list'), rules: names('rule'), used: [...used] };
}
