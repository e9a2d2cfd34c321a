import { isMap, isScalar, keyName, nodeSpan, type Node, type Pair, type Scalar, type YAMLMap } from '../../documents/yaml';
import { defineFalcoRule } from '../context';
import { yamlCppBool } from '../model';
import { falcoMeta, FALCO_REFERENCES } from './common';

/** language.json override.appendable / override.replaceable (falco rule_loader_reader.cpp). */
const APPENDABLE: Record<string, readonly string[]> = { rule: ['condition', 'output', 'desc', 'tags', 'exceptions'], macro: ['condition'], list: ['items'] };
const REPLACEABLE: Record<string, readonly string[]> = {
  rule: ['condition', 'output', 'desc', 'priority', 'capture', 'capture_duration', 'tags', 'exceptions', 'enabled', 'warn_evttypes', 'skip-if-unknown-filter'],
  macro: ['condition'],
  list: ['items'],
};

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-override',
    title: 'Overrides must name keys that can be appended or replaced',
    description:
      'Checks `override:` maps: each key must be one the item type allows (a rule can append to condition, output, desc, tags, exceptions and replace those plus priority, enabled, …; a macro only its condition; a list only its items), each value `append` or `replace`, and each overridden key must be present in the item. Also flags `append: true`, which Falco deprecates.',
    rationale: 'Falco refuses an invalid override (LOAD_ERR_YAML_VALIDATE), and an override whose key is missing from the item changes nothing.',
    remediation: 'Use `override: {condition: append}` with a `condition:` fragment next to it, or `replace` to swap the value.',
    defaultSeverity: 'error',
    fix: 'none',
    references: [{ title: 'Falco: overriding rules', url: 'https://falco.org/docs/concepts/rules/overriding/' }, ...FALCO_REFERENCES],
  }),
  check(context) {
    for (const item of context.items) {
      if (item.kind !== 'rule' && item.kind !== 'macro' && item.kind !== 'list') continue;
      const append = item.keys.get('append');
      if (append && isScalar(append.value) && yamlCppBool(String((append.value as Scalar).value)) === true) {
        context.report({ span: nodeSpan(append.key as Node) ?? { start: 0, end: 1 }, severity: 'warning', tags: ['deprecated'], message: "'append' key is deprecated: use override: {<key>: append} instead." });
      }
      const override = item.keys.get('override');
      if (!override) continue;
      const map = override.value as Node | null;
      if (!isMap(map)) {
        context.report({ span: nodeSpan(map) ?? nodeSpan(override.key as Node) ?? { start: 0, end: 1 }, message: 'override must be a map of key: append|replace.' });
        continue;
      }
      for (const pair of (map as YAMLMap).items as Pair[]) {
        const key = keyName(pair) ?? '';
        const mode = isScalar(pair.value) ? String((pair.value as Scalar).value) : '';
        const span = nodeSpan(pair.key as Node) ?? { start: 0, end: 1 };
        if (mode !== 'append' && mode !== 'replace') context.report({ span: nodeSpan(pair.value as Node) ?? span, message: `override of '${key}' must be append or replace, not "${mode}".` });
        else if (!(mode === 'append' ? APPENDABLE : REPLACEABLE)[item.kind].includes(key)) context.report({ span, message: `A ${item.kind}'s '${key}' cannot be ${mode === 'append' ? 'appended to' : 'replaced'}: ${mode === 'append' ? 'appendable' : 'replaceable'} keys are ${(mode === 'append' ? APPENDABLE : REPLACEABLE)[item.kind].join(', ')}.` });
        else if (!item.keys.has(key)) context.report({ span, message: `override names '${key}', but this ${item.kind} has no '${key}' to ${mode === 'append' ? 'append' : 'put in its place'}.` });
      }
    }
  },
});
