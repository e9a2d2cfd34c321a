// Maps offsets in a YAML scalar's value (after folding, block indentation and escapes) back to the source text, so
// condition and output diagnostics land on the exact characters the user wrote.
import type { Scalar } from '../documents/yaml';
import type { Span } from '../types';

export interface ValueMap {
  value: string;
  toSource(offset: number): number;
  spanToSource(span: Span): Span;
}

/**
 * Greedy alignment: YAML folding only removes or merges whitespace and escape characters, so each non-blank value
 * character is the next equal character in the source.
 */
export function mapScalar(text: string, node: Scalar, value: string): ValueMap {
  const [start, end] = node.range ?? [0, 0];
  const offsets: number[] = new Array(value.length + 1);
  let source = start;
  // Skip the block header (`|`, `>-`…) or the opening quote.
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const newline = text.indexOf('\n', start);
    source = newline < 0 ? end : newline + 1;
  } else if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') source = start + 1;
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    if (!/\s/.test(char)) {
      let probe = source;
      while (probe < end && text[probe] !== char) probe++;
      if (probe < end) source = probe;
    }
    offsets[index] = Math.min(source, end);
    if (!/\s/.test(char) && source < end) source++;
  }
  offsets[value.length] = Math.min(source, end);
  const toSource = (offset: number): number => offsets[Math.max(0, Math.min(offset, value.length))] ?? start;
  return {
    value,
    toSource,
    spanToSource: (span) => {
      const from = toSource(span.start);
      const to = span.end > span.start ? toSource(span.end - 1) + 1 : from;
      return { start: from, end: Math.max(to, from) };
    },
  };
}
