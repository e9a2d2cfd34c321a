import type { Span } from '../types';

/**
 * Go/Helm template actions ({{ ... }}) are not YAML. We blank them out with spaces of the same length so that the
 * rest of the file keeps its offsets and still parses; lines that held only an action become empty lines.
 * Values that were templated are remembered so rules can treat them as unknown rather than wrong.
 */
export interface TemplateMask {
  /** The text handed to the YAML parser (same length as the input). */
  text: string;
  /** Spans of the original text that held template actions. */
  spans: Span[];
}

const ACTION = /\{\{-?[\s\S]*?-?\}\}/g;

export function maskTemplates(text: string): TemplateMask {
  if (!text.includes('{{')) return { text, spans: [] };
  const spans: Span[] = [];
  let masked = '';
  let last = 0;
  for (const match of text.matchAll(ACTION)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    spans.push({ start, end });
    masked += text.slice(last, start);
    // Keep line breaks inside multi-line actions so line numbers do not move.
    const inner = match[0].replace(/[^\r\n]/g, ' ');
    // An action used as a value becomes a placeholder scalar so "key: {{ x }}" stays a key with a value.
    const standsAsValue = /:\s*$/.test(lineBefore(text, start)) || /^\s*-\s*$/.test(lineBefore(text, start));
    masked += standsAsValue && !inner.includes('\n') ? '~' + inner.slice(1) : inner;
    last = end;
  }
  masked += text.slice(last);
  return { text: masked, spans };
}

function lineBefore(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(lineStart, offset);
}

export function overlapsAny(span: Span, spans: readonly Span[]): boolean {
  for (const s of spans) {
    if (s.start < span.end && span.start < s.end) return true;
  }
  return false;
}
