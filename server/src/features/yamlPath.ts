import { LineIndex } from '../engine/text';

/** Where the cursor sits, read from indentation alone so half-typed documents that do not parse still work. */
export interface CursorContext {
  /** The object's kind (from the nearest `kind:` at column 0 of the current document), if any. */
  kind?: string;
  /** Keys and sequence indexes (always 0: only the item type matters) from the object root to the mapping at the cursor. */
  path: (string | number)[];
  /** 'key' when typing a key; 'value' after `key:`; 'item' after `- ` in a scalar sequence. */
  position: 'key' | 'value' | 'item';
  /** The key whose value is typed ('value'), or the sequence key ('item'). */
  key?: string;
  /** Keys already present in the mapping at the cursor. */
  siblings: Set<string>;
  /** The word typed so far, and where it starts on the line. */
  prefix: string;
  prefixStart: number;
  /** Column of the mapping's keys (for indentation of inserted snippets). */
  indent: number;
}

interface LineShape {
  /** Column of the first key/value character (after any `- `). */
  keyColumn: number;
  /** Column of the leading dash, when the line starts a sequence item. */
  dashColumn?: number;
  key?: string;
  /** Text after `key:` (trimmed), or the item text. */
  rest: string;
  blank: boolean;
}

const KEY_LINE = /^([A-Za-z0-9_.\/-]+|"[^"]*"|'[^']*')\s*:(?:\s+(.*)|$)/;

function shape(line: string): LineShape {
  const content = line.replace(/\s+#.*$/, '');
  const indent = content.length - content.trimStart().length;
  if (content.trim() === '' || content.trimStart().startsWith('#')) return { keyColumn: indent, rest: '', blank: true };
  let column = indent;
  let dashColumn: number | undefined;
  let body = content.slice(indent);
  while (body.startsWith('- ') || body === '-') {
    dashColumn = column;
    const after = body.slice(1);
    const spaces = after.length - after.trimStart().length;
    column += 1 + spaces;
    body = after.trimStart();
  }
  const match = KEY_LINE.exec(body);
  if (match) return { keyColumn: column, dashColumn, key: match[1].replace(/^["']|["']$/g, ''), rest: (match[2] ?? '').trim(), blank: false };
  return { keyColumn: column, dashColumn, rest: body.trim(), blank: false };
}

/** Reads the YAML path at `offset` from the lines above it. */
export function cursorContext(text: string, offset: number, known?: LineIndex): CursorContext {
  const lines = known?.text === text ? known : new LineIndex(text);
  const position = lines.positionAt(offset);
  const lineText = lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const current = shape(before);
  const prefixMatch = /[A-Za-z0-9_.\/-]*$/.exec(before);
  const prefix = prefixMatch ? prefixMatch[0] : '';
  const prefixStart = position.character - prefix.length;

  let context: CursorContext['position'] = 'key';
  let key: string | undefined;
  let indent = current.keyColumn;
  const path: (string | number)[] = [];
  if (current.key !== undefined && /:(\s|$)/.test(before.slice(current.keyColumn))) {
    context = 'value';
    key = current.key;
  } else if (current.dashColumn !== undefined && !current.key) {
    context = 'item';
    indent = current.dashColumn;
  }
  if (current.blank) indent = before.length;

  // Walk up: each line with a smaller key column (or a dash before us) is a parent.
  const documentStart = findDocumentStart(lines, position.line);
  let target = indent;
  // On a sequence item, the sequence's key may sit at the dash's own column (`drop:\n- ALL`).
  let inItem = current.dashColumn !== undefined;
  if (inItem) target = current.dashColumn as number;
  if (inItem && context !== 'item') path.unshift(0);
  for (let line = position.line - 1; line >= documentStart && target > 0; line--) {
    const candidate = shape(lines.lineText(line));
    if (candidate.blank) continue;
    if (candidate.dashColumn !== undefined && candidate.dashColumn < target && candidate.keyColumn >= target) {
      path.unshift(0);
      target = candidate.dashColumn;
      inItem = true;
      continue;
    }
    const column = candidate.dashColumn ?? candidate.keyColumn;
    const isParent = candidate.key !== undefined && candidate.rest === '' && (candidate.keyColumn < target || (inItem && candidate.keyColumn === target && candidate.dashColumn === undefined));
    if (isParent) {
      path.unshift(candidate.key as string);
      if (candidate.dashColumn !== undefined) {
        path.unshift(0);
        target = candidate.dashColumn;
        inItem = true;
      } else {
        target = candidate.keyColumn;
        inItem = false;
      }
    } else if (column < target) {
      break; // a scalar line at a lower indent: we cannot be inside it
    }
  }
  if (context === 'item' && path.length > 0) key = String(path[path.length - 1]);
  return {
    kind: findKind(lines, documentStart, position.line),
    path,
    position: context,
    key,
    siblings: siblingKeys(lines, documentStart, position.line, context === 'key' ? indent : -1),
    prefix,
    prefixStart,
    indent,
  };
}

function findDocumentStart(lines: LineIndex, line: number): number {
  for (let i = line; i >= 0; i--) if (/^---(\s|$)/.test(lines.lineText(i))) return i + 1;
  return 0;
}

function findKind(lines: LineIndex, start: number, cursorLine: number): string | undefined {
  for (let i = start; i < lines.lineCount; i++) {
    const text = lines.lineText(i);
    if (i > cursorLine && /^---(\s|$)/.test(text)) break;
    const match = /^kind:\s*["']?([A-Za-z]+)/.exec(text);
    if (match) return match[1];
  }
  return undefined;
}

/** Keys at the cursor's column in the same block, above and below the cursor. */
function siblingKeys(lines: LineIndex, start: number, cursorLine: number, column: number): Set<string> {
  const keys = new Set<string>();
  if (column < 0) return keys;
  for (const step of [-1, 1]) {
    for (let line = cursorLine + step; line >= start && line < lines.lineCount; line += step) {
      const candidate = shape(lines.lineText(line));
      if (candidate.blank) continue;
      if (candidate.keyColumn < column || (candidate.dashColumn !== undefined && candidate.dashColumn < column)) {
        if (step < 0 && candidate.dashColumn !== undefined && candidate.keyColumn === column && candidate.key) keys.add(candidate.key);
        break;
      }
      if (candidate.keyColumn === column && candidate.key && candidate.dashColumn === undefined) keys.add(candidate.key);
    }
  }
  return keys;
}
