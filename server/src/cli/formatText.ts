import type { Finding, Severity } from '../engine/types';
import type { FileReport } from './scan';

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4 } as const;
type Color = keyof typeof COLORS;

const SEVERITY_COLOR: Record<Severity, Color> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'gray' };

/** ESLint-style report: one block per file, `line:col  severity  message  rule-id`, 1-based positions. */
export function formatText(files: readonly FileReport[], color: boolean): string {
  const paint = (text: string, ...styles: Color[]): string => (color && styles.length ? `\u001b[${styles.map((style) => COLORS[style]).join(';')}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let fixable = 0;
  for (const file of files) {
    if (file.fixed > 0) out.push(paint(`${file.path}: applied ${file.fixed} fix${file.fixed === 1 ? '' : 'es'}`, 'gray'));
    if (file.findings.length === 0) continue;
    out.push('', paint(file.path, 'underline'));
    const rows = file.findings.map((finding) => ({ finding, where: `${finding.range.start.line + 1}:${finding.range.start.character + 1}` }));
    const whereWidth = Math.max(...rows.map((row) => row.where.length));
    const severityWidth = Math.max(...rows.map((row) => row.finding.severity.length));
    for (const { finding, where } of rows) {
      counts[finding.severity]++;
      if (hasSafeFix(finding)) fixable++;
      const severity = paint(finding.severity.padEnd(severityWidth), SEVERITY_COLOR[finding.severity]);
      out.push(`  ${paint(where.padEnd(whereWidth), 'gray')}  ${severity}  ${finding.message}  ${paint(finding.ruleId, 'gray')}`);
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  if (total === 0) {
    out.push(`${files.length} file${files.length === 1 ? '' : 's'} checked, no problems.`);
    return `${out.join('\n')}\n`;
  }
  const parts = (['error', 'warning', 'information', 'hint'] as const).filter((severity) => counts[severity] > 0).map((severity) => `${counts[severity]} ${plural(severity, counts[severity])}`);
  out.push('', paint(`${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files.filter((file) => file.findings.length).length} of ${files.length} files`, 'bold', counts.error ? 'red' : counts.warning ? 'yellow' : 'blue'));
  if (fixable > 0) out.push(paint(`${fixable} of them can be fixed safely with --fix.`, 'gray'));
  return `${out.join('\n')}\n`;
}

function plural(severity: Severity, count: number): string {
  if (count === 1 || severity === 'information') return severity;
  return `${severity}s`;
}

function hasSafeFix(finding: Finding): boolean {
  return finding.fixes?.some((fix) => fix.safe) ?? false;
}
