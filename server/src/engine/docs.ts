import type { RuleMeta } from './rule';

/** Where the project lives; rule pages are docs/rules/<id>.md in it (also shipped inside the package). */
export const PROJECT_URL = 'https://github.com/workload-guard/workload-guard';

export function ruleDocsWebUrl(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules/${ruleId}.md`;
}

/** A rule's help as one markdown text, for SARIF `help` and other reports that travel without the docs folder. */
export function ruleHelpMarkdown(meta: RuleMeta): string {
  const parts = [`**${meta.title}**`, meta.description, `**Why:** ${meta.rationale}`, `**Fix:** ${meta.remediation}`];
  if (meta.pss) parts.push(`Pod Security Standards ${meta.pss.level}: pod-security-admission check \`${meta.pss.check}\`.`);
  parts.push(`[Rule documentation](${ruleDocsWebUrl(meta.id)})`);
  return parts.join('\n\n');
}
