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

/** One `workload-guard-disable-*` comment, with its line (0-based) and the rule ids it names (empty: all rules). */
export interface SuppressionDirective {
  line: number;
  scope: 'next-line' | 'line' | 'file';
  ids: string[];
  startCharacter: number;
  endCharacter: number;
}

/** Every suppression comment of a text, in line order. */
export function suppressionDirectives(lines: LineIndex): SuppressionDirective[] {
  const directives: SuppressionDirective[] = [];
  if (!lines.text.includes('workload-guard-disable')) return directives;
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
    directives.push({ line, scope: match[2] as SuppressionDirective['scope'], ids, startCharacter: start, endCharacter: content.length });
  }
  return directives;
}

/** Which rules are silenced where: rule ids (or `*`) for the whole file and per line. */
export class SuppressionTable {
  private readonly byLine = new Map<number, Set<string>>();
  private readonly fileWide = new Set<string>();

  add(directive: SuppressionDirective, target: number | undefined): void {
    const set = directive.ids.length ? directive.ids : [ALL];
    if (directive.scope === 'file') set.forEach((id) => this.fileWide.add(id));
    else if (target !== undefined) {
      const existing = this.byLine.get(target) ?? new Set<string>();
      set.forEach((id) => existing.add(id));
      this.byLine.set(target, existing);
    }
  }

  get empty(): boolean {
    return this.byLine.size === 0 && this.fileWide.size === 0;
  }

  isSuppressed(ruleId: string, line: number): boolean {
    if (this.fileWide.has(ALL) || this.fileWide.has(ruleId)) return true;
    const ids = this.byLine.get(line);
    return ids !== undefined && (ids.has(ALL) || ids.has(ruleId));
  }
}

export function parseSuppressions(lines: LineIndex): InlineSuppressions {
  const directives = suppressionDirectives(lines);
  const table = new SuppressionTable();
  for (const directive of directives) table.add(directive, directive.scope === 'line' ? directive.line : directive.scope === 'next-line' ? nextContentLine(lines, directive.line) : undefined);
  return {
    directives: directives.map(({ line, ids, startCharacter, endCharacter }) => ({ line, ids, startCharacter, endCharacter })),
    isSuppressed: (ruleId, line) => table.isSuppressed(ruleId, line),
  };
}

/** The first line after `from` that is neither blank nor a comment: what a disable-next-line comment targets. */
export function nextContentLine(lines: LineIndex, from: number): number | undefined {
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
