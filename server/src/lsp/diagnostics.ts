import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/types';
import { ruleDocsUrl } from './docsUrl';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The diagnostic last made of each finding. The incremental analysis hands back the very same finding objects for the
 * documents an edit did not touch, so a big file's diagnostics are mostly reused objects between versions, which the
 * message encoder (messageEncoder.ts) has already serialized. Diagnostics are never mutated after they are made.
 */
const madeFrom = new WeakMap<Finding, { uri: string; docsBaseUrl: string | undefined; diagnostic: Diagnostic }>();

export function toDiagnostic(uri: string, finding: Finding, docsBaseUrl?: string): Diagnostic {
  const known = madeFrom.get(finding);
  if (known && known.uri === uri && known.docsBaseUrl === docsBaseUrl) return known.diagnostic;
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: 'workload-guard',
    message: finding.message,
  };
  const href = ruleDocsUrl(finding.ruleId, docsBaseUrl);
  if (href) diagnostic.codeDescription = { href };
  if (finding.related?.length) diagnostic.relatedInformation = finding.related.map((item) => ({ location: { uri, range: item.range }, message: item.message }));
  if (finding.tags?.length) diagnostic.tags = finding.tags.map((tag) => (tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  madeFrom.set(finding, { uri, docsBaseUrl, diagnostic });
  return diagnostic;
}
