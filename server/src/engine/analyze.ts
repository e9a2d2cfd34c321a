import { analyzeKubernetes, type KubernetesAnalysis, type RawFinding } from './kubernetes/analyzer';
import { classifyYaml, isConfigFile, looksLikeSeccompJson } from './classify';
import { DEFAULT_SETTINGS, parseConfig, type ResolvedSettings } from './config';
import { parseYamlFile, type YamlFile } from './documents/yaml';
import { configInvalid, fileTooLarge, templateNotRendered, yamlSyntaxError } from './rules';
import { parseSuppressions } from './suppression';
import { LineIndex, sizeOverLimit } from './text';
import { analyzeSeccompJson, analyzeSeccompSpec, type SeccompFinding } from './seccomp/analyzer';
import { analyzeFalco } from './falco/analyzer';
import { fromYaml } from './seccomp/tree';
import { getNode } from './documents/yaml';
import type { FileKind, Finding, Span } from './types';
import { severityFor } from './config';
import type { RuleMeta, WorkspaceFacts } from './rule';
import { ALL_RULES } from './registry';

const ALL_RULE_IDS = ALL_RULES.map((meta) => meta.id);
export const TEMPLATE_MESSAGE = 'Go/Helm template detected: only literal values are checked. Scan the output of `helm template` for a complete analysis.';

export interface AnalyzeInput {
  uri: string;
  text: string;
  settings?: ResolvedSettings;
  /** What the caller knows about the workspace (profile files…); rules that need it stay silent without it. */
  workspace?: WorkspaceFacts;
  /** `parseYamlFile(text)` when the caller already made it (the language server parses a Falco file to index it). */
  parsed?: YamlFile;
}

export interface AnalysisResult {
  uri: string;
  kind: FileKind;
  findings: Finding[];
  lines: LineIndex;
  yaml?: YamlFile;
  kubernetes?: KubernetesAnalysis;
}

/** The engine's entry point: text in, findings out. Never throws on user input and does no IO. */
export function analyze(input: AnalyzeInput): AnalysisResult {
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const lines = new LineIndex(input.text);
  const result: AnalysisResult = { uri: input.uri, kind: 'unknown', findings: [], lines };
  const size = settings.maxFileSize > 0 ? sizeOverLimit(input.text, settings.maxFileSize) : undefined;
  if (size !== undefined) {
    const finding = metaFinding(fileTooLarge, settings, lines, { start: 0, end: 0 }, tooLargeMessage(size, settings.maxFileSize));
    result.findings = finding ? [finding] : [];
    return result;
  }
  try {
    analyzeInto(result, input.text, settings, input.workspace ?? {}, input.parsed);
  } catch (error) {
    // A bug in one analyzer costs this file's findings, never the caller (an editor session, a CI scan of many files).
    result.findings = [
      {
        ruleId: 'internal-error',
        severity: 'warning',
        message: isStackOverflow(error)
          ? 'Workload Guard could not analyze this file: it nests too deeply (thousands of levels). Flatten the structure or split the file.'
          : `Workload Guard could not analyze this file (internal error: ${error instanceof Error ? error.message : String(error)}). Please report this with the file.`,
        range: lines.range({ start: 0, end: 0 }),
      },
    ];
  }
  return result;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function tooLargeMessage(size: number, limit: number): string {
  const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `This file (${megabytes(size)}) is larger than maxFileSize (${megabytes(limit)}, ${limit} bytes), so it was not analyzed. To analyze it, raise \`maxFileSize\` (in bytes; 0 = no limit) in .workload-guard.yaml or the editor setting workloadGuard.maxFileSize.`;
}

function analyzeInto(result: AnalysisResult, text: string, settings: ResolvedSettings, workspace: WorkspaceFacts, parsed: YamlFile | undefined): void {
  const { lines } = result;
  if (isConfigFile(result.uri)) {
    result.kind = 'config';
    result.findings = parseConfig(text, ALL_RULE_IDS).problems.map((problem) => metaFinding(configInvalid, settings, lines, problem.span, problem.message)).filter(isFinding);
    return;
  }
  if (looksLikeSeccompJson(text)) {
    result.kind = 'seccomp';
    if (settings.enable.seccomp) result.findings = analyzeSeccompJson(text, settings).map((finding) => seccompFinding(finding, lines));
    return;
  }
  const file = parsed ?? parseYamlFile(text);
  result.yaml = file;
  result.kind = classifyYaml(file);
  if (result.kind === 'falco') {
    if (!settings.enable.falco) return;
    const falcoFindings: Finding[] = [];
    for (const error of file.errors) {
      const finding = metaFinding(yamlSyntaxError, settings, lines, error.span, error.message);
      if (finding) falcoFindings.push(finding);
    }
    falcoFindings.push(...analyzeFalco(file, settings, workspace.falco).map((finding) => seccompFinding(finding, lines)));
    const suppressions = parseSuppressions(lines);
    result.findings = falcoFindings.filter((finding) => !suppressions.isSuppressed(finding.ruleId, finding.range.start.line));
    return;
  }
  if (result.kind !== 'kubernetes' || !settings.enable.kubernetes) return;

  const findings: Finding[] = [];
  for (const error of file.errors) {
    const finding = metaFinding(yamlSyntaxError, settings, lines, error.span, error.message);
    if (finding) findings.push(finding);
  }
  if (file.templateSpans.length > 0) {
    const finding = metaFinding(templateNotRendered, settings, lines, file.templateSpans[0], TEMPLATE_MESSAGE);
    if (finding) findings.push(finding);
  }
  const analysis = analyzeKubernetes(file, settings, undefined, workspace);
  result.kubernetes = analysis;
  findings.push(...analysis.findings.map((raw) => toFinding(raw, lines)));
  if (settings.enable.seccomp) findings.push(...embeddedSeccompProfiles(text, analysis, settings).map((finding) => seccompFinding(finding, lines)));
  const suppressions = parseSuppressions(lines);
  result.findings = findings.filter((finding) => !suppressions.isSuppressed(finding.ruleId, finding.range.start.line));
}

/** security-profiles-operator SeccompProfile objects carry a profile in `spec`. */
export function embeddedSeccompProfiles(text: string, analysis: KubernetesAnalysis, settings: ResolvedSettings): SeccompFinding[] {
  return analysis.objects
    .filter((object) => object.kind === 'SeccompProfile' && object.apiVersion.startsWith('security-profiles-operator.x-k8s.io/'))
    .flatMap((object) => {
      const spec = fromYaml(getNode(object.root, 'spec'));
      return spec?.kind === 'object' ? analyzeSeccompSpec(text, spec, settings) : [];
    });
}

/** Seccomp and Falco findings share the shape: rule meta, span, severity, fixes. */
export function seccompFinding(raw: SeccompFinding, lines: LineIndex): Finding {
  const finding: Finding = { ruleId: raw.meta.id, severity: raw.severity, message: raw.message, range: lines.range(raw.span) };
  if (raw.fixes.length) finding.fixes = raw.fixes.map((fix) => ({ title: fix.title, safe: fix.safe, edits: fix.edits.map((edit) => lines.textEdit(edit)) }));
  if (raw.tags?.length) finding.tags = raw.tags;
  return finding;
}

function isFinding(value: Finding | undefined): value is Finding {
  return value !== undefined;
}

export function metaFinding(meta: RuleMeta, settings: ResolvedSettings, lines: LineIndex, span: Span, message: string): Finding | undefined {
  const severity = severityFor(settings, meta.id, meta.category, meta.defaultSeverity);
  if (severity === 'off') return undefined;
  return { ruleId: meta.id, severity, message, range: lines.range(span) };
}

export function toFinding(raw: RawFinding, lines: LineIndex): Finding {
  const finding: Finding = {
    ruleId: raw.rule.meta.id,
    severity: raw.severity,
    message: raw.message,
    range: lines.range(raw.span),
  };
  if (raw.related.length) finding.related = raw.related.map((item) => ({ range: lines.range(item.span), message: item.message }));
  if (raw.fixes.length) finding.fixes = raw.fixes.map((fix) => ({ title: fix.title, safe: fix.safe, edits: fix.edits.map((edit) => lines.textEdit(edit)) }));
  if (raw.rule.meta.pss) finding.pss = { level: raw.rule.meta.pss.level, check: raw.rule.meta.pss.check };
  if (raw.tags?.length) finding.tags = raw.tags;
  return finding;
}
