import type { LineIndex } from './text';

/**
 * Inline suppression comments, the editor-agnostic ESLint style:
 *   # workload-guard-disable-next-line [rule-id, ...]   the next non-comment line
 *   ... # workload-guard-disable-line [rule-id, ...]    this line
 *   # workload-guard-disable-file [rule-id, ...]        the whole file
 * Without rule ids, every rule is silenced there.
 */
export interface InlineSuppressions {
  isSuppressed(ruleId: string, line: number): boolean;
  /** Directives that name no known rule, for a hint. */
  directives: { line: number; ids: string[]; startCharacter: number; endCharacter: number }[];
}

const DIRECTIVE = /(^|\s)#\s*workload-guard-disable-(next-line|line|file)\b([^\n]*)$/;
const ALL = '*';

export function parseSuppressions(lines: LineIndex): InlineSuppressions {
  const byLine = new Map<number, Set<string>>();
  const fileWide = new Set<string>();
  const directives: InlineSuppressions['directives'] = [];
  const text = lines.text;
  if (!text.includes('workload-guard-disable')) return { isSuppressed: () => false, directives };
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    if (!content.includes('workload-guard-disable')) continue;
    const match = DIRECTIVE.exec(content);
    if (!match) continue;
    const ids = match[3]
      .replace(/\s--\s.*$/, '') // "-- reason" is a free-text justification
      .split(/[\s,]+/)
      .filter(Boolean);
    const start = (match.index ?? 0) + match[1].length;
    directives.push({ line, ids, startCharacter: start, endCharacter: content.length });
    const set = ids.length ? ids : [ALL];
    if (match[2] === 'file') set.forEach((id) => fileWide.add(id));
    else {
      const target = match[2] === 'line' ? line : nextContentLine(lines, line);
      if (target === undefined) continue;
      const existing = byLine.get(target) ?? new Set<string>();
      set.forEach((id) => existing.add(id));
      byLine.set(target, existing);
    }
  }
  return {
    directives,
    isSuppressed(ruleId: string, line: number): boolean {
      if (fileWide.has(ALL) || fileWide.has(ruleId)) return true;
      const ids = byLine.get(line);
      return ids !== undefined && (ids.has(ALL) || ids.has(ruleId));
    },
  };
}

function nextContentLine(lines: LineIndex, from: number): number | undefined {
  for (let line = from + 1; line < lines.lineCount; line++) {
    const content = lines.lineText(line).trim();
    if (content && !content.startsWith('#')) return line;
  }
  return undefined;
}

/** Annotation keys: on the object or its pod template, `workload-guard.dev/ignore: "rule-a, rule-b"`;
 *  for one container only, `workload-guard.dev/ignore.<container-name>`. */
export const IGNORE_ANNOTATION = 'workload-guard.dev/ignore';

export function parseIgnoreList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter(Boolean);
}
