import { isMap, isScalar, isSeq, keyName, nodeSpan, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from '../../documents/yaml';
import { defineFalcoRule, isAppend, sourceOf, type FalcoRuleContext } from '../context';
import { knownSources, lookupField } from '../fields';
import type { FalcoItem } from '../model';
import { falcoMeta, FALCO_REFERENCES } from './common';

/** Operators an exception comp may use (falco rule_loader_reader.cpp), optionally followed by a modifier. */
const COMPS = ['=', '==', '!=', '<', '<=', '>', '>=', 'exists', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'glob', 'iglob', 'regex', 'in', 'intersects', 'pmatch'];
const SINGLE_FORM_COMPS = ['in', 'pmatch', 'intersects'];
const MODIFIERS = ['oneof', 'anyof', 'allof'];
const EXCEPTION_KEYS = ['name', 'fields', 'comps', 'values'];

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-exceptions',
    title: 'Exceptions must have the shape Falco expands',
    description:
      'Checks each rule exception: a non-empty unique `name`; `fields` as one field or a sequence of fields of the rule\'s source; `comps` of the same length as `fields` using valid operators (`in`, `pmatch`, `intersects` or an `op modifier` for the single-field form); `values` entries with one element per field (sequence form) or scalars (single form).',
    rationale: 'Falco expands exceptions into condition text; a shape error makes it refuse the rules file ("Fields and values lists must have equal length"), and an unknown key (`value:`) silently adds no exception at all.',
    remediation: 'Write `fields: [a, b]`, `comps: [=, startswith]`, `values: [[x, /y]]` — one comp and one value per field.',
    defaultSeverity: 'error',
    fix: 'none',
    references: [{ title: 'Falco rule exceptions', url: 'https://falco.org/docs/concepts/rules/exceptions/' }, ...FALCO_REFERENCES],
  }),
  check(context) {
    for (const item of context.items) {
      if (item.kind !== 'rule') continue;
      const exceptions = item.keys.get('exceptions')?.value as Node | null | undefined;
      if (!isSeq(exceptions)) continue;
      const names = new Set<string>();
      for (const entry of (exceptions as YAMLSeq).items as Node[]) {
        if (isMap(entry)) checkException(context, item, entry as YAMLMap, names);
      }
    }
  },
});

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).find((pair) => keyName(pair) === key);
}

function checkException(context: FalcoRuleContext, item: FalcoItem, map: YAMLMap, names: Set<string>): void {
  const anchor = nodeSpan(map) ?? { start: 0, end: 1 };
  for (const pair of map.items as Pair[]) {
    const key = keyName(pair);
    if (key && !EXCEPTION_KEYS.includes(key)) context.report({ span: nodeSpan(pair.key as Node) ?? anchor, severity: 'warning', message: `Unknown exception key '${key}': Falco ignores it (exception keys are name, fields, comps, values).` });
  }
  const name = pairOf(map, 'name')?.value as Node | null | undefined;
  const nameText = isScalar(name) ? String((name as Scalar).value ?? '') : '';
  if (!nameText.trim()) {
    context.report({ span: nodeSpan(name) ?? anchor, message: 'An exception needs a non-empty name.' });
    return;
  }
  if (names.has(nameText)) context.report({ span: nodeSpan(name) ?? anchor, severity: 'warning', message: `Exception name "${nameText}" is used twice in this rule.` });
  names.add(nameText);
  const fields = pairOf(map, 'fields')?.value as Node | null | undefined;
  if (!fields) {
    if (!isAppend(item, 'exceptions')) context.report({ span: nodeSpan(name) ?? anchor, message: `Exception "${nameText}" has no fields.` });
    return;
  }
  const sequenceForm = isSeq(fields);
  const fieldNodes = sequenceForm ? ((fields as YAMLSeq).items as Node[]) : [fields];
  const source = sourceOf(item);
  if (knownSources().includes(source)) {
    for (const field of fieldNodes) {
      const text = isScalar(field) ? String((field as Scalar).value) : '';
      const bare = text.replace(/^[a-z0-9]+\((.*)\)$/, '$1').replace(/\[.*\]$/, '');
      if (bare && lookupField(bare, source).kind !== 'field') context.report({ span: nodeSpan(field) ?? anchor, message: `${text} is not a supported filter field for source ${source}.` });
    }
  }
  const comps = pairOf(map, 'comps')?.value as Node | null | undefined;
  const compNodes = comps ? (isSeq(comps) ? ((comps as YAMLSeq).items as Node[]) : [comps]) : [];
  if (sequenceForm && comps && compNodes.length !== fieldNodes.length) {
    context.report({ span: nodeSpan(comps) ?? anchor, message: `Fields and comps lists must have equal length (${fieldNodes.length} fields, ${compNodes.length} comps).` });
  }
  for (const comp of compNodes) {
    const text = isScalar(comp) ? String((comp as Scalar).value).trim() : '';
    const [operator, modifier] = text.split(/\s+/);
    const valid = COMPS.includes(operator) && (modifier === undefined || MODIFIERS.includes(modifier));
    const singleOk = sequenceForm || SINGLE_FORM_COMPS.includes(operator) || modifier !== undefined;
    if (!valid || !singleOk) {
      context.report({ span: nodeSpan(comp) ?? anchor, message: !valid ? `"${text}" is not an operator Falco accepts in an exception.` : `With a single field, comps must be in, pmatch, intersects or an "op modifier" (e.g. "startswith oneof"), not "${text}".` });
    }
  }
  const values = pairOf(map, 'values')?.value as Node | null | undefined;
  if (!isSeq(values)) return;
  for (const value of (values as YAMLSeq).items as Node[]) {
    if (sequenceForm) {
      const count = isSeq(value) ? (value as YAMLSeq).items.length : -1;
      if (count !== fieldNodes.length) context.report({ span: nodeSpan(value) ?? anchor, message: `Fields and values lists must have equal length: each values entry needs ${fieldNodes.length} element${fieldNodes.length === 1 ? '' : 's'} ([${fieldNodes.map((field) => String((field as Scalar).value)).join(', ')}]).` });
    } else if (!isScalar(value)) {
      context.report({ span: nodeSpan(value) ?? anchor, message: 'Expected values array to contain a list of strings: with a single field, values are scalars.' });
    }
  }
}
