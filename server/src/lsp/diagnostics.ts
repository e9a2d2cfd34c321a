import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/types';
import { ruleDocsUrl } from './docsUrl';

export interface DiagnosticData {
  ruleId: string;
  version: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(uri: string, finding: Finding, version: number, docsBaseUrl?: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: 'workload-guard',
    message: finding.message,
    data: { ruleId: finding.ruleId, version } satisfies DiagnosticData,
  };
  const href = ruleDocsUrl(finding.ruleId, docsBaseUrl);
  if (href) diagnostic.codeDescription = { href };
  if (finding.related?.length) diagnostic.relatedInformation = finding.related.map((item) => ({ location: { uri, range: item.range }, message: item.message }));
  if (finding.tags?.length) diagnostic.tags = finding.tags.map((tag) => (tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  return diagnostic;
}
