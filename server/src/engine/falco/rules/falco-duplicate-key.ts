import { keyName, nodeSpan, type Node, type Pair } from '../../documents/yaml';
import { defineFalcoRule } from '../context';
import { falcoMeta, FALCO_REFERENCES } from './common';

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-duplicate-key',
    title: 'Duplicate keys: Falco keeps the first',
    description: 'Reports a key repeated in one rule, macro or list. Falco\'s YAML library (yaml-cpp) looks up the FIRST occurrence, while most other YAML tools (and editors\' previews) keep the last one.',
    rationale: 'A second `condition:` added at the bottom of a rule while tuning it is silently ignored by Falco.',
    remediation: 'Keep one occurrence of each key.',
    defaultSeverity: 'warning',
    fix: 'none',
    references: [{ title: 'yaml-cpp', url: 'https://github.com/jbeder/yaml-cpp' }, ...FALCO_REFERENCES],
  }),
  check(context) {
    for (const item of context.items) {
      const seen = new Map<string, Pair>();
      for (const pair of item.map.items as Pair[]) {
        const key = keyName(pair);
        if (key === undefined) continue;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, pair);
          continue;
        }
        context.report({ span: nodeSpan(pair.key as Node) ?? { start: 0, end: 1 }, tags: ['unnecessary'], message: `'${key}' is repeated: Falco uses the first occurrence (line above) and ignores this one.` });
      }
    }
  },
});
