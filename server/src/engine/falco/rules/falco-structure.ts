import { isMap, isScalar, isSeq, nodeSpan, type Node, type Pair, type Scalar } from '../../documents/yaml';
import { defineFalcoRule, hasOverride, type FalcoRuleContext } from '../context';
import type { FalcoItem } from '../model';
import { falcoMeta, FALCO_REFERENCES } from './common';

const DEFINITION_KEYS = ['condition', 'output', 'desc', 'priority'];

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-structure',
    title: 'Falco items must have the structure the loader requires',
    description:
      'Reports what stops Falco from loading a rules file: documents that are not sequences, entries that are not maps, entries without a kind key (`rule`, `macro`, `list`, `required_engine_version`, `required_plugin_versions`), missing or empty required keys (a rule definition needs `condition`, `output`, `desc` and `priority`; a macro `condition`; a list `items`), and values of the wrong shape (a list\'s `items` must be a sequence of scalars, `tags` a sequence, `exceptions` a sequence of maps).',
    rationale: 'The Falco loader stops at the first such error: every rule after it in the file (and the files loaded after it) is not loaded, so detections silently go missing.',
    remediation: 'Add the missing key or fix its value as the message says.',
    defaultSeverity: 'error',
    fix: 'none',
    references: FALCO_REFERENCES,
  }),
  check(context) {
    for (const problem of context.structureProblems) context.report(problem);
    for (const item of context.items) checkItem(context, item);
  },
});

function checkItem(context: FalcoRuleContext, item: FalcoItem): void {
  const anchor = nodeSpan(item.map.items[0]?.key as Node) ?? nodeSpan(item.map) ?? { start: 0, end: 1 };
  if (item.kind === 'unknown') {
    context.report({ span: anchor, severity: 'warning', message: 'Unknown top level item: an entry needs one of rule, macro, list, required_engine_version or required_plugin_versions. Falco skips it.' });
    return;
  }
  if (item.kind === 'list' || item.kind === 'macro' || item.kind === 'rule') {
    const name = item.kindPair?.value as Node | null;
    if (!isScalar(name) || (name as Scalar).value === null || String((name as Scalar).value).trim() === '') {
      context.report({ span: nodeSpan(item.kindPair?.key as Node) ?? anchor, message: `Mapping for key '${item.kind}' is empty: the ${item.kind} needs a name.` });
      return;
    }
  }
  const required: string[] = [];
  if (item.kind === 'list') required.push('items');
  if (item.kind === 'macro' && !item.keys.has('override')) required.push('condition');
  if (item.kind === 'rule' && !hasOverride(item) && DEFINITION_KEYS.some((key) => item.keys.has(key))) required.push(...DEFINITION_KEYS);
  if (item.kind === 'rule' && !hasOverride(item) && !DEFINITION_KEYS.some((key) => item.keys.has(key)) && !item.keys.has('enabled')) required.push(...DEFINITION_KEYS);
  for (const key of required) {
    const pair = item.keys.get(key);
    if (!pair) {
      context.report({ span: nodeSpan(item.nameNode) ?? anchor, message: `${item.kind} "${item.name ?? ''}" has no mapping for key '${key}'.` });
      continue;
    }
    checkScalarOrSeq(context, key, pair);
  }
  for (const key of ['tags', 'exceptions']) {
    const pair = item.keys.get(key);
    const value = pair?.value as Node | null | undefined;
    if (pair && value && !isSeq(value)) context.report({ span: nodeSpan(value) ?? anchor, message: `'${key}' must be a sequence.` });
    if (key === 'exceptions' && isSeq(value)) {
      for (const entry of (value as { items: Node[] }).items) if (!isMap(entry)) context.report({ span: nodeSpan(entry) ?? anchor, message: 'Each exception must be a map with name, fields, comps and values.' });
    }
  }
}

function checkScalarOrSeq(context: FalcoRuleContext, key: string, pair: Pair): void {
  const value = pair.value as Node | null;
  const keySpan = nodeSpan(pair.key as Node) ?? { start: 0, end: 1 };
  if (value === null || (isScalar(value) && (value as Scalar).value === null)) {
    if (key === 'items') return; // an empty list is allowed
    context.report({ span: keySpan, message: `Mapping for key '${key}' is empty.` });
    return;
  }
  if (key === 'items') {
    if (!isSeq(value)) context.report({ span: nodeSpan(value) ?? keySpan, message: "A list's items must be a sequence." });
    else for (const entry of (value as { items: Node[] }).items) if (!isScalar(entry)) context.report({ span: nodeSpan(entry) ?? keySpan, message: 'sequence value is not scalar: list items must be strings or numbers.' });
    return;
  }
  if (!isScalar(value)) context.report({ span: nodeSpan(value) ?? keySpan, message: `Value of '${key}' is not a scalar value.` });
  else if (String((value as Scalar).value).trim() === '') context.report({ span: nodeSpan(value) ?? keySpan, message: `Value of '${key}' must be non-empty.` });
}
