import type { OffsetEdit, Position, Range, Span, TextEdit } from './types';

/** How many leading items satisfy `isBefore`, which must hold for a prefix of `items` only (a binary search). */
export function partitionPoint<T>(items: readonly T[], isBefore: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isBefore(items[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Maps between UTF-16 offsets and LSP positions for one text. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10 /* \n */) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Inside a CRLF line break is no position an editor has: use the end of the line's text.
    if (this.text.charCodeAt(clamped) === 10 /* \n */ && this.text.charCodeAt(clamped - 1) === 13 /* \r */) clamped--;
    // lineStarts[0] is 0, so the line is never before the first.
    const line = partitionPoint(this.lineStarts, (start) => start <= clamped) - 1;
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of the line's content, before any \r\n or \n. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length + 1;
    let end = next - 1;
    if (end > this.text.length) end = this.text.length;
    // A \r is part of the line break only before a \n; a lone \r at the end of the text is content (positionAt agrees).
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13 && line + 1 < this.lineStarts.length) end -= 1;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  textEdit(edit: OffsetEdit): TextEdit {
    return { range: this.range(edit.span), newText: edit.newText };
  }
}

/** The document's line break: CRLF when the first line break is CRLF. */
/** A string as a literal inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function detectEol(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Applies non-overlapping offset edits; later edits first so offsets stay valid. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  // Applied from the last to the first, so each edit's offsets still hold; among edits at the same place the one
  // applied last ends up first.
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  // Edits that do not overlap are joined in one pass: slicing the growing text per edit copied it every time
  // (fix all on a file with 10k fixes took minutes).
  const ascending = sorted.reverse();
  if (ascending.every((edit, index) => edit.span.start <= edit.span.end && (index === 0 || ascending[index - 1].span.end <= edit.span.start))) {
    const pieces: string[] = [];
    let cursor = 0;
    for (const edit of ascending) {
      pieces.push(text.slice(cursor, edit.span.start), edit.newText);
      cursor = edit.span.end;
    }
    pieces.push(text.slice(cursor));
    return pieces.join('');
  }
  let result = text;
  for (const edit of ascending.reverse()) result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  return result;
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  return applyOffsetEdits(
    text,
    edits.map((edit) => ({ span: { start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end) }, newText: edit.newText })),
  );
}

/** True when two spans overlap or are insertions at the same point (which would interleave text). */
export function spansConflict(a: Span, b: Span): boolean {
  if (a.start === b.start) return true;
  return a.start < b.end && b.start < a.end;
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix trimmed). */
export function minimalEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const maxPrefix = Math.min(before.length, after.length);
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length) - prefix;
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // An edit boundary inside a CRLF has no line/character position: widen it to the whole line break.
  const splitsCrlf = (offset: number) => before.charCodeAt(offset - 1) === 13 && before.charCodeAt(offset) === 10;
  if (prefix > 0 && splitsCrlf(prefix)) prefix--;
  if (suffix > 0 && splitsCrlf(before.length - suffix)) suffix--;
  return { span: { start: prefix, end: before.length - suffix }, newText: after.slice(prefix, after.length - suffix) };
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "runAsNonRoto" is one edit
 * from "runAsNonRoot"), compared case-insensitively when asked. Returns limit + 1 once it exceeds limit.
 */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
  }
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
      rows[i][j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

/** The closest candidates to `word` (case-insensitive match first, then small edit distance). */
export function didYouMean(word: string, candidates: Iterable<string>, maxDistance?: number): string[] {
  const limit = maxDistance ?? (word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3);
  const lower = word.toLowerCase();
  let best: string[] = [];
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = [candidate];
      bestDistance = distance;
    } else if (distance === bestDistance && distance <= limit) {
      best.push(candidate);
    }
  }
  return bestDistance <= limit ? best : [];
}

/** The text's UTF-8 size in bytes when it is larger than `limit` bytes, else undefined (limits are about disk bytes). */
export function sizeOverLimit(text: string, limit: number): number | undefined {
  // Each UTF-16 unit is 1 to 3 bytes: most texts are decided without counting.
  if (text.length * 3 <= limit) return undefined;
  const bytes = utf8ByteLength(text);
  return bytes > limit ? bytes : undefined;
}

export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index++;
    } else bytes += 3; // a lone surrogate is written as U+FFFD
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
