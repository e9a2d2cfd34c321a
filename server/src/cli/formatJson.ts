import type { Finding } from '../engine/types';
import type { FileReport } from './scan';

/** The documented, versioned JSON report (README "JSON output"). Key order is part of the format. */
export interface JsonReport {
  version: 1;
  files: {
    path: string;
    kind: string;
    findings: JsonFinding[];
  }[];
}

type JsonFinding = Pick<Finding, 'ruleId' | 'severity' | 'message' | 'range'> & Partial<Pick<Finding, 'pss' | 'fixes'>>;

export function toJsonReport(files: readonly FileReport[]): JsonReport {
  return {
    version: 1,
    files: files.map((file) => ({
      path: file.path,
      kind: file.kind,
      findings: file.findings.map((finding) => {
        const entry: JsonFinding = {
          ruleId: finding.ruleId,
          severity: finding.severity,
          message: finding.message,
          range: { start: { ...finding.range.start }, end: { ...finding.range.end } },
        };
        if (finding.pss) entry.pss = { level: finding.pss.level, check: finding.pss.check };
        entry.fixes = (finding.fixes ?? []).map((fix) => ({ title: fix.title, safe: fix.safe, edits: fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })) }));
        return entry;
      }),
    })),
  };
}

export function formatJson(files: readonly FileReport[]): string {
  return `${JSON.stringify(toJsonReport(files), null, 2)}\n`;
}
