// Seccomp profile analysis: JSON files and security-profiles-operator SeccompProfile objects in YAML.
import { findingSeverity, type ResolvedSettings } from '../config';
import { completeFixes, type MetaFinding, type RuleMeta } from '../rule';
import { removeProperty, replaceValue } from './edits';
import { readProfile } from './profile';
import type { SeccompReport, SeccompRule } from './rule';
import { SECCOMP_RULES, seccompJsonSyntax, seccompSchema } from './rules';
import { validateProfileSchema } from './schema';
import { fromJson, type Syntax, type TreeNode } from './tree';

export type SeccompFinding = MetaFinding;

export function analyzeSeccompJson(text: string, settings: ResolvedSettings): SeccompFinding[] {
  const { root, problems } = fromJson(text);
  const findings: SeccompFinding[] = [];
  const sink = collector(findings, settings);
  for (const problem of problems) sink(seccompJsonSyntax, { span: problem.span, message: problem.message });
  if (!root || root.kind !== 'object') return findings;
  analyzeBody(text, root, root, 'json', settings, sink);
  return findings;
}

/** A SeccompProfile object's `spec` (already parsed as YAML): the same rules, spans in the YAML text. */
export function analyzeSeccompSpec(text: string, spec: TreeNode, settings: ResolvedSettings): SeccompFinding[] {
  const findings: SeccompFinding[] = [];
  analyzeBody(text, spec, spec, 'yaml', settings, collector(findings, settings));
  return findings;
}

type Sink = (meta: RuleMeta, report: SeccompReport) => void;

function collector(findings: SeccompFinding[], settings: ResolvedSettings): Sink {
  return (meta, report) => {
    const severity = findingSeverity(settings, meta, report.severity);
    const span = report.span ?? report.node?.span;
    if (severity === 'off' || !span) return;
    findings.push({ meta, span, message: report.message, severity, fixes: completeFixes(report.fixes), tags: report.tags });
  };
}

function analyzeBody(text: string, root: TreeNode, body: TreeNode, syntax: Syntax, settings: ResolvedSettings, sink: Sink): void {
  for (const problem of validateProfileSchema(body)) {
    const entry = problem.unknownKey ? (body.properties ?? []).find((candidate) => candidate.keySpan.start === problem.span.start) : undefined;
    const fixes = problem.unknownKey?.suggestion
      ? [{ title: `Rename to ${problem.unknownKey.suggestion}`, safe: true, edits: [{ ...replaceValue(text, syntax, { kind: 'string', span: problem.span, value: problem.unknownKey.key }, problem.unknownKey.suggestion) }] }]
      : problem.unknownKey && entry
        ? [{ title: `Remove "${problem.unknownKey.key}"`, safe: false, edits: [removeProperty(text, syntax, body, entry)] }]
        : [];
    sink(seccompSchema, { span: problem.span, message: problem.message, severity: problem.unknownKey ? 'warning' : undefined, fixes });
  }
  const profile = readProfile(root, syntax, body);
  runRules(SECCOMP_RULES, text, profile, settings, sink);
}

function runRules(rules: readonly SeccompRule[], text: string, profile: ReturnType<typeof readProfile>, settings: ResolvedSettings, sink: Sink): void {
  for (const rule of rules) {
    try {
      rule.check({ text, profile, settings, report: (report) => sink(rule.meta, report) });
    } catch (error) {
      sink(rule.meta, { span: { start: 0, end: Math.min(1, text.length) }, severity: 'hint', message: `Internal error in rule ${rule.meta.id}: ${error instanceof Error ? error.message : String(error)}. Please report this with the file.` });
    }
  }
}
