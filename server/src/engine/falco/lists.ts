// Falco substitutes list names TEXTUALLY in conditions before parsing (falco rule_loader_compiler.cpp, restated in
// shared/data/falco/language.json "lists.substitution"): an occurrence is the name between start/end of text or
// one of blank ( ) , = — quotes are not understood. Items are joined with ", ", items with a space double-quoted.

export interface ListDefinition {
  name: string;
  items: readonly string[];
}

import { escapeRegExp } from '../text';

const BOUNDARY = '[\\s(),=]';

/** True when `text` names the list where Falco would substitute it (between start/end or blank ( ) , =). */
export function namesList(text: string, name: string): boolean {
  // Most conditions name few of a file's lists: skip compiling a pattern for the others.
  if (!text.includes(name)) return false;
  return new RegExp(`(^|${BOUNDARY})${escapeRegExp(name)}(?=$|${BOUNDARY})`).test(text);
}

function renderItems(items: readonly string[]): string {
  return items.map((item) => (/\s/.test(item) && !/^["']/.test(item) ? `"${item}"` : item)).join(', ');
}

/** Applies every list, in definition order, to a condition text. */
export function substituteLists(condition: string, lists: readonly ListDefinition[]): string {
  let text = condition;
  for (const list of lists) {
    if (!text.includes(list.name)) continue;
    const name = escapeRegExp(list.name);
    if (list.items.length === 0) {
      // An empty list also takes one adjacent comma: "(a, empty)" -> "(a)", "(empty, a)" -> "(a)".
      text = text
        .replace(new RegExp(`\\s*,\\s*${name}(?=$|${BOUNDARY})`, 'g'), '')
        .replace(new RegExp(`(^|[\\s(=])\\s*${name}\\s*,\\s*`, 'g'), '$1')
        .replace(new RegExp(`(^|${BOUNDARY})\\s*${name}\\s*(?=$|${BOUNDARY})`, 'g'), '$1');
      continue;
    }
    const replacement = renderItems(list.items);
    text = text.replace(new RegExp(`(^|${BOUNDARY})(\\s*)${name}(\\s*)(?=$|${BOUNDARY})`, 'g'), (_match, before: string) => `${before}${replacement}`);
  }
  return text;
}
