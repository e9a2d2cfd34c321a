import type { Node, Pair, YamlFile } from './documents/yaml';
import type { Container, KubernetesObject, Workload } from './kubernetes/model';
import type { ResolvedSettings } from './config';
import type { FileKind, OffsetEdit, PssLevel, Severity, Span } from './types';
import type { FalcoWorkspaceFacts } from './falco/context';

export type RuleCategory = 'pss-baseline' | 'pss-restricted' | 'hardening' | 'yaml' | 'config' | 'seccomp' | 'falco';

export const CATEGORY_TITLES: Record<RuleCategory, string> = {
  'pss-baseline': 'Pod Security Standards: baseline',
  'pss-restricted': 'Pod Security Standards: restricted',
  hardening: 'Workload hardening (CKS)',
  yaml: 'YAML traps that weaken security',
  config: 'Workload Guard configuration',
  seccomp: 'Seccomp profiles',
  falco: 'Falco rules',
};

export interface RuleMeta {
  /** Stable kebab-case id: diagnostics code, config key, doc page name and fixture folder. */
  id: string;
  /** One line, shown in lists and SARIF shortDescription. */
  title: string;
  /** What the rule checks, in a few sentences (markdown). */
  description: string;
  /** Why it matters: the attack or failure it prevents. */
  rationale: string;
  /** What to write instead (markdown, may include a YAML snippet). */
  remediation: string;
  defaultSeverity: Severity;
  category: RuleCategory;
  fileKind: FileKind;
  /** What its quick fix does, if it has one. */
  fix: 'safe' | 'unsafe' | 'none';
  /** For Pod Security Standards rules: the pod-security-admission check this rule mirrors. */
  pss?: { level: PssLevel; check: string };
  /**
   * Rules that report the same problem more authoritatively (usually a Pod Security Standards check): where one of
   * them reports at the same place, this rule's finding is left out, so each problem shows once.
   */
  supersededBy?: readonly string[];
  /** Upstream documents that define the behaviour. */
  references?: { title: string; url: string }[];
  /** The checks of other scanners that look for the same problem, for users switching tools (docs, parity table). */
  peers?: PeerChecks;
}

/** Check ids as each scanner names them; only ids that exist in the scanner's own sources. */
export interface PeerChecks {
  /** stackrox/kube-linter check names. */
  kubeLinter?: readonly string[];
  /** controlplaneio/kubesec rule ids. */
  kubesec?: readonly string[];
  /** FairwindsOps/polaris check ids. */
  polaris?: readonly string[];
  /** aquasecurity/trivy-checks AVD ids (KSV…). */
  trivy?: readonly string[];
  /** bridgecrewio/checkov Kubernetes check ids (CKV_K8S_…). */
  checkov?: readonly string[];
  /** kubescape/regolibrary control ids (C-…). */
  kubescape?: readonly string[];
  /** Where this rule deliberately differs from those checks, and why (markdown). */
  differences?: string;
}

export const PEER_TOOLS: readonly { key: Exclude<keyof PeerChecks, 'differences'>; name: string }[] = [
  { key: 'kubeLinter', name: 'kube-linter' },
  { key: 'kubesec', name: 'kubesec' },
  { key: 'polaris', name: 'Polaris' },
  { key: 'trivy', name: 'Trivy' },
  { key: 'checkov', name: 'Checkov' },
  { key: 'kubescape', name: 'Kubescape' },
];

export interface FixInput {
  title: string;
  safe: boolean;
  /** Any undefined edit (a shape the fixer cannot edit safely) drops the whole fix. */
  edits: (OffsetEdit | undefined)[];
}

/** Keeps the fixes whose every edit could be computed: a fix with a missing edit would be a partial change. */
export function completeFixes(fixes: readonly FixInput[] | undefined): { title: string; safe: boolean; edits: OffsetEdit[] }[] {
  return (fixes ?? []).filter((fix) => fix.edits.length > 0 && fix.edits.every((edit) => edit !== undefined)).map((fix) => ({ title: fix.title, safe: fix.safe, edits: fix.edits as OffsetEdit[] }));
}

export interface ReportInput {
  /** Where the finding points: a node (key, value or anchor) or an explicit span. */
  node?: Node | null;
  /** A whole `key: value` pair (the usual target when a field is set to a bad value). */
  pair?: Pair;
  span?: Span;
  message: string;
  related?: { node?: Node | null; span?: Span; message: string }[];
  fixes?: FixInput[];
  /** Only for rules whose severity depends on the case (e.g. a PSS rule that is an error at baseline). */
  severity?: Severity;
  tags?: ('unnecessary' | 'deprecated')[];
}

/** Facts about the user's workspace the editor or CLI knows and passes in (the engine does no IO). */
export interface WorkspaceFacts {
  /** Workspace-relative paths (forward slashes) of the seccomp profile files found there. */
  seccompProfiles?: readonly string[];
  /** Namespaces that have at least one NetworkPolicy in the workspace. */
  networkPolicyNamespaces?: readonly string[];
  /** Names of the RuntimeClass objects of the workspace. */
  runtimeClasses?: readonly string[];
  /** Macros, lists and rules the other Falco files of the rule set define (and the names they use). */
  falco?: FalcoWorkspaceFacts;
}

export interface KubernetesRuleContext {
  file: YamlFile;
  workspace: WorkspaceFacts;
  objects: readonly KubernetesObject[];
  workloads: readonly Workload[];
  settings: ResolvedSettings;
  /** Kubernetes minor version the checks follow (Infinity for "latest"). */
  kubernetesMinor: number;
  report(finding: ReportInput): void;
}

export interface KubernetesRule {
  meta: RuleMeta;
  check(context: KubernetesRuleContext): void;
}

export function defineKubernetesRule(rule: KubernetesRule): KubernetesRule {
  return rule;
}

/** A finding of the seccomp and Falco analyzers, before positions are turned into lines and characters. */
export interface MetaFinding {
  meta: RuleMeta;
  span: Span;
  message: string;
  severity: Severity;
  fixes: { title: string; safe: boolean; edits: OffsetEdit[] }[];
  tags?: ('unnecessary' | 'deprecated')[];
}

export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

export type { Container, Workload, KubernetesObject };
