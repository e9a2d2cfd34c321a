// Minimal text edits on a profile: replace a value, remove an array item or a property. JSON edits keep the
// surrounding layout; YAML (SeccompProfile objects) gets value replacement only.
import type { OffsetEdit } from '../types';
import type { Syntax, TreeNode, TreeProperty } from './tree';

export function replaceValue(text: string, syntax: Syntax, node: TreeNode, value: string | number): OffsetEdit {
  const original = text.slice(node.span.start, node.span.end);
  let newText: string;
  if (typeof value === 'number') newText = String(value);
  else if (syntax === 'json' || original.startsWith('"')) newText = JSON.stringify(value);
  else if (original.startsWith("'")) newText = `'${value.replace(/'/g, "''")}'`;
  else newText = value;
  return { span: node.span, newText };
}

/** Removes `item` from a JSON array with its comma; undefined for YAML. */
export function removeArrayItem(text: string, syntax: Syntax, array: TreeNode, item: TreeNode): OffsetEdit | undefined {
  if (syntax !== 'json') return undefined;
  return removeListEntry(text, array, (array.items ?? []).map((entry) => entry.span), item.span);
}

/** Removes a property from a JSON object with its comma; undefined for YAML. */
export function removeProperty(text: string, syntax: Syntax, object: TreeNode, entry: TreeProperty): OffsetEdit | undefined {
  if (syntax !== 'json') return undefined;
  return removeListEntry(text, object, (object.properties ?? []).map((candidate) => candidate.span), entry.span);
}

function removeListEntry(text: string, container: TreeNode, spans: { start: number; end: number }[], target: { start: number; end: number }): OffsetEdit | undefined {
  const index = spans.findIndex((span) => span.start === target.start);
  if (index < 0) return undefined;
  if (spans.length === 1) return { span: { start: container.span.start + 1, end: container.span.end - 1 }, newText: '' };
  if (index < spans.length - 1) {
    // From this entry's line start (when it starts a line) to the next entry: takes the comma and the line break.
    const lineStart = text.lastIndexOf('\n', target.start - 1) + 1;
    const ownLine = text.slice(lineStart, target.start).trim() === '';
    const nextLineStart = text.lastIndexOf('\n', spans[index + 1].start - 1) + 1;
    const nextOwnLine = text.slice(nextLineStart, spans[index + 1].start).trim() === '';
    if (ownLine && nextOwnLine) return { span: { start: lineStart, end: nextLineStart }, newText: '' };
    return { span: { start: target.start, end: spans[index + 1].start }, newText: '' };
  }
  return { span: { start: spans[index - 1].end, end: target.end }, newText: '' };
}
