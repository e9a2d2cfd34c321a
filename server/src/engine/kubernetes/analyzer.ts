import { getMap, getNode, nodeSpan, pairSpan, scalarString, type YAMLMap, type YamlFile } from '../documents/yaml';
import { findingSeverity, parseKubernetesMinor, severityFor, type ImageException, type ResolvedSettings } from '../config';
import { escapeRegExp, partitionPoint } from '../text';
import { completeFixes, type KubernetesRule, type ReportInput, type WorkspaceFacts } from '../rule';
import { IGNORE_ANNOTATION, parseIgnoreList } from '../suppression';
import type { Finding, OffsetEdit, Severity, Span } from '../types';
import { findObjects, findWorkloads, type Container, type KubernetesObject, type Workload } from './model';
import { KUBERNETES_RULES } from './rules';

export interface RawFinding {
  rule: KubernetesRule;
  span: Span;
  message: string;
  severity: Severity;
  related: { span: Span; message: string }[];
  fixes: { title: string; safe: boolean; edits: OffsetEdit[] }[];
  tags?: Finding['tags'];
}

export interface WorkloadSummary {
  workload: Workload;
  /** Highest Pod Security Standards level the pod template meets, for the configured Kubernetes version. */
  level: 'privileged' | 'baseline' | 'restricted';
  anchor: Span;
}

/** A Pod Security CodeLens without the parse tree: one per object, the lowest level of its pod templates. */
export interface WorkloadOutline {
  level: WorkloadSummary['level'];
  anchor: Span;
  /** The object, for "harden this workload"; absent when it has no span. */
  objectSpan?: Span;
}

/** An object with several pod templates (a JobSet's replicated jobs) gets one outline: the lowest level among them. */
export function workloadOutline(analysis: KubernetesAnalysis | undefined): WorkloadOutline[] {
  const rank = { privileged: 0, baseline: 1, restricted: 2 } as const;
  const byObject = new Map<unknown, WorkloadSummary>();
  for (const summary of analysis?.summaries ?? []) {
    const seen = byObject.get(summary.workload.object);
    if (!seen || rank[summary.level] < rank[seen.level]) byObject.set(summary.workload.object, summary);
  }
  return [...byObject.values()].map((summary) => ({ level: summary.level, anchor: summary.anchor, objectSpan: nodeSpan(summary.workload.object.root) }));
}

export interface KubernetesAnalysis {
  objects: KubernetesObject[];
  workloads: Workload[];
  findings: RawFinding[];
  /** Every finding the rules reported, before severities, supersession and annotations filtered them. */
  reported: RawFinding[];
  summaries: WorkloadSummary[];
}

/**
 * Runs every Kubernetes rule on a parsed file. PSS rules always run (the CodeLens needs the true level);
 * the PSS level setting, severities and suppressions filter what is reported.
 */
/** `model`: the objects and workloads of an earlier analysis of the same file and settings, to run more rules on it. */
export function analyzeKubernetes(file: YamlFile, settings: ResolvedSettings, rules: readonly KubernetesRule[] = KUBERNETES_RULES, workspace: WorkspaceFacts = {}, model?: Pick<KubernetesAnalysis, 'objects' | 'workloads'>): KubernetesAnalysis {
  const objects = model?.objects ?? findObjects(file);
  const workloads = model?.workloads ?? findWorkloads(file, objects, settings.podSpecPaths);
  const kubernetesMinor = parseKubernetesMinor(settings.kubernetesVersion) ?? Number.POSITIVE_INFINITY;
  const all: RawFinding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const report = (input: ReportInput): void => {
      const span = input.span ?? (input.pair ? pairSpan(input.pair) : undefined) ?? nodeSpan(input.node ?? undefined);
      if (!span) return;
      const fixes = completeFixes(input.fixes);
      const related = (input.related ?? []).flatMap((item) => {
        const relatedSpan = item.span ?? nodeSpan(item.node ?? undefined);
        return relatedSpan ? [{ span: relatedSpan, message: item.message }] : [];
      });
      // Findings of rules turned off are still collected (the PSS level of the CodeLens needs them), then filtered.
      const chosen = findingSeverity(settings, rule.meta, input.severity);
      const severity = chosen === 'off' ? rule.meta.defaultSeverity : chosen;
      // A node reached twice through an alias yields the same finding twice: report it once. Two pod specs of one
      // object (a JobSet's replicated jobs) share the anchor and message but not the fix: each keeps its finding.
      const fixPlace = fixes[0]?.edits.map((edit) => `${edit.span.start}-${edit.span.end}`).join(',') ?? '';
      const key = `${rule.meta.id}\u0000${span.start}\u0000${span.end}\u0000${input.message}\u0000${fixPlace}`;
      if (seen.has(key)) return;
      seen.add(key);
      all.push({ rule, span, message: input.message, severity, related, fixes, tags: input.tags });
    };
    try {
      rule.check({ file, workspace, objects, workloads, settings, kubernetesMinor, report });
    } catch (error) {
      // A rule bug must not take the other rules' findings (or the editor) down with it.
      all.push({
        rule,
        span: { start: 0, end: Math.min(1, file.text.length) },
        message: `Internal error in rule ${rule.meta.id}: ${error instanceof Error ? error.message : String(error)}. Please report this with the file.`,
        severity: 'hint',
        related: [],
        fixes: [],
      });
    }
  }
  sortWithinRules(all);
  const locator = new ObjectLocator(objects, workloads);
  const summaries = summarize(workloads, all, locator);
  const checkAnnotations = file.text.includes(IGNORE_ANNOTATION);
  const imageExceptions = compileImageExceptions(settings.ignoreImages);
  const visible = all.filter((finding) => isReported(finding, settings));
  const findings = withoutSuperseded(visible).filter(
    (finding) => !(checkAnnotations && isAnnotationSuppressed(finding, locator)) && !(imageExceptions.length && isImageSuppressed(finding, locator, imageExceptions)),
  );
  return { objects, workloads, findings, reported: all, summaries };
}

/**
 * Each rule's findings in text order (rules that walk the file twice report out of order otherwise): a file's
 * findings are then the same whether its documents are analyzed together or one by one (incremental analysis).
 * Findings arrive grouped by rule; the sort is stable, so findings at the same place keep the rule's order.
 */
function sortWithinRules(findings: RawFinding[]): void {
  let start = 0;
  for (let index = 1; index <= findings.length; index++) {
    if (index < findings.length && findings[index].rule === findings[start].rule) continue;
    if (index - start > 1) {
      const sorted = findings.slice(start, index).sort((a, b) => a.span.start - b.span.start);
      for (let offset = 0; offset < sorted.length; offset++) findings[start + offset] = sorted[offset];
    }
    start = index;
  }
}

/** Drops findings whose rule is superseded by another rule reporting at the same start offset. */
function withoutSuperseded(findings: RawFinding[]): RawFinding[] {
  if (!findings.some((finding) => finding.rule.meta.supersededBy?.length)) return findings;
  const reportedAt = new Set(findings.map((finding) => `${finding.rule.meta.id}@${finding.span.start}`));
  return findings.filter((finding) => !(finding.rule.meta.supersededBy ?? []).some((id) => reportedAt.has(`${id}@${finding.span.start}`)));
}

/** Finds the innermost object (a `kind: List` item before its List) holding a span, in O(log n). */
class ObjectLocator {
  private readonly sorted: { object: KubernetesObject; span: Span }[];
  private readonly workloadsOf = new Map<KubernetesObject, Workload[]>();

  constructor(objects: readonly KubernetesObject[], workloads: readonly Workload[]) {
    this.sorted = objects
      .flatMap((object) => {
        const span = nodeSpan(object.root);
        return span ? [{ object, span }] : [];
      })
      .sort((a, b) => a.span.start - b.span.start);
    for (const workload of workloads) {
      const list = this.workloadsOf.get(workload.object);
      if (list) list.push(workload);
      else this.workloadsOf.set(workload.object, [workload]);
    }
  }

  objectAt(span: Span): KubernetesObject | undefined {
    const last = partitionPoint(this.sorted, (entry) => entry.span.start <= span.start) - 1;
    // Nested objects start later than their List, so the first containing one walking back is the innermost.
    for (let index = last; index >= 0; index--) {
      if (contains(this.sorted[index].span, span)) return this.sorted[index].object;
    }
    return undefined;
  }

  /** The workload whose pod spec holds the span; for an object with one pod template, also its metadata's spans. */
  workloadAt(span: Span): Workload | undefined {
    const object = this.objectAt(span);
    const candidates = object ? this.workloadsOf.get(object) : undefined;
    if (!candidates) return undefined;
    if (candidates.length === 1) return candidates[0];
    return candidates.find((workload) => contains(nodeSpan(workload.podSpec), span) || contains(nodeSpan(workload.podMetadata), span)) ?? candidates[0];
  }
}

function isReported(finding: RawFinding, settings: ResolvedSettings): boolean {
  const { meta } = finding.rule;
  if (severityFor(settings, meta.id, meta.category, meta.defaultSeverity) === 'off') return false;
  if (meta.category === 'pss-restricted' && settings.pssLevel === 'baseline') return false;
  return true;
}

/** The container of a workload whose mapping holds the span (a finding about one container). */
function containerAt(workload: Workload, span: Span): Container | undefined {
  return workload.containers.find((candidate) => contains(nodeSpan(candidate.node), span));
}

function contains(outer: Span | undefined, inner: Span): boolean {
  return outer !== undefined && outer.start <= inner.start && inner.start < Math.max(outer.end, outer.start + 1);
}

function summarize(workloads: readonly Workload[], findings: readonly RawFinding[], locator: ObjectLocator): WorkloadSummary[] {
  const levels = new Map<Workload, WorkloadSummary['level']>();
  for (const finding of findings) {
    const category = finding.rule.meta.category;
    if (category !== 'pss-baseline' && category !== 'pss-restricted') continue;
    const workload = locator.workloadAt(finding.span);
    if (!workload || levels.get(workload) === 'privileged') continue;
    levels.set(workload, category === 'pss-baseline' ? 'privileged' : 'baseline');
  }
  return workloads.map((workload) => ({ workload, level: levels.get(workload) ?? 'restricted', anchor: nodeSpan(workload.object.kindNode) ?? { start: 0, end: 0 } }));
}

/** Honors `workload-guard.dev/ignore` on the object and on its pod template, and the per-container form. */
function isAnnotationSuppressed(finding: RawFinding, locator: ObjectLocator): boolean {
  const object = locator.objectAt(finding.span);
  if (!object) return false;
  const workload = locator.workloadAt(finding.span);
  const container = workload && containerAt(workload, finding.span);
  for (const metadata of [object.metadata, workload?.podMetadata]) {
    if (ignores(metadata, IGNORE_ANNOTATION, finding.rule)) return true;
    if (container?.name && ignores(metadata, `${IGNORE_ANNOTATION}.${container.name}`, finding.rule)) return true;
  }
  return false;
}

interface CompiledImageException {
  pattern: RegExp;
  /** Without tag or digest in the pattern, the image is compared without its tag and digest too. */
  matchesName: boolean;
  rules?: readonly string[];
}

function compileImageExceptions(exceptions: readonly ImageException[]): CompiledImageException[] {
  return exceptions.map((exception) => ({
    pattern: new RegExp(`^${exception.image.split('*').map(escapeRegExp).join('.*').replace(/\\\?/g, '.')}$`),
    matchesName: !/[:@]/.test(exception.image),
    rules: exception.rules?.length ? exception.rules : undefined,
  }));
}

/**
 * Honors `ignoreImages` of the project config: findings inside a container whose image matches, and pod-level
 * findings when every container of the pod matches.
 */
function isImageSuppressed(finding: RawFinding, locator: ObjectLocator, exceptions: readonly CompiledImageException[]): boolean {
  const workload = locator.workloadAt(finding.span);
  if (!workload || workload.containers.length === 0) return false;
  const container = containerAt(workload, finding.span);
  const targets = container ? [container] : workload.containers;
  const { id, category } = finding.rule.meta;
  return targets.every((target) => {
    const image = scalarString(getNode(target.node, 'image'))?.trim();
    if (!image) return false;
    const name = image.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
    return exceptions.some(
      (exception) => (!exception.rules || exception.rules.includes(id) || exception.rules.includes(category) || exception.rules.includes('all')) && (exception.pattern.test(image) || (exception.matchesName && exception.pattern.test(name))),
    );
  });
}

function ignores(metadata: YAMLMap | undefined, key: string, rule: KubernetesRule): boolean {
  const value = scalarString(getNode(getMap(metadata, 'annotations'), key));
  if (value === undefined) return false;
  const ids = parseIgnoreList(value);
  return ids.includes('all') || ids.includes(rule.meta.id) || ids.includes(rule.meta.category);
}

export type { Container };
