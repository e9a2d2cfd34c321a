// Falco rules file analysis: build the context once, run each rule, never throw on user input.
import { DEFAULT_SETTINGS, findingSeverity, type ResolvedSettings } from '../config';
import { namesList } from './lists';
import type { YamlFile } from '../documents/yaml';
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
  const context = buildFalcoContext(file, DEFAULT_SETTINGS, undefined, () => undefined);
  const names = (kind: string) => context.items.filter((item) => item.kind === kind && item.name).map((item) => item.name as string);
  const used = new Set<string>();
  for (const parsed of context.conditions) {
    for (const list of context.lists) if (namesList(parsed.map.value, list.name)) used.add(list.name);
    const macroRefs = parsed.map.value.match(/[a-zA-Z]+[a-zA-Z0-9_]*/g) ?? [];
    for (const ref of macroRefs) used.add(ref);
  }
  return { macros: names('macro'), lists: names('list'), rules: names('rule'), used: [...used] };
}
