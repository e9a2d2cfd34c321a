import { isScalar, nodeSpan, type Node, type Scalar } from '../../documents/yaml';
import { replaceScalar } from '../../fixes';
import { defineFalcoRule } from '../context';
import { yamlCppBool } from '../model';
import { falcoMeta, FALCO_REFERENCES } from './common';

const BOOLEAN_KEYS = ['enabled', 'warn_evttypes', 'skip-if-unknown-filter', 'capture', 'append'];

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-boolean',
    title: 'Boolean keys are read the way yaml-cpp reads them',
    description:
      'For `enabled`, `warn_evttypes`, `skip-if-unknown-filter`, `capture` and `append`: reports values Falco cannot decode as a boolean, and spellings whose meaning differs between Falco and other YAML tools — `yes`/`no`/`on`/`off`/`y`/`n` and quoted `"false"` are booleans for Falco (yaml-cpp) but strings for YAML 1.2 tools and schema validators. The quick fix writes `true` or `false`.',
    rationale: 'A value Falco cannot decode stops the rules file ("Can\'t decode YAML scalar value"); a spelling other tools read differently makes reviews and linters disagree with what Falco does.',
    remediation: 'Write `true` or `false`, unquoted.',
    defaultSeverity: 'warning',
    fix: 'safe',
    references: [{ title: 'yaml-cpp convert.cpp', url: 'https://github.com/jbeder/yaml-cpp/blob/master/src/convert.cpp' }, ...FALCO_REFERENCES],
  }),
  check(context) {
    for (const item of context.items) {
      for (const key of BOOLEAN_KEYS) {
        const pair = item.keys.get(key);
        const value = pair?.value as Node | null | undefined;
        if (!pair || !isScalar(value) || (value as Scalar).value === null) continue;
        const scalar = value as Scalar;
        const source = context.file.text.slice(nodeSpan(scalar)?.start ?? 0, nodeSpan(scalar)?.end ?? 0);
        const text = String(scalar.value);
        const decoded = yamlCppBool(text);
        const span = nodeSpan(scalar) ?? { start: 0, end: 1 };
        if (decoded === undefined) {
          context.report({ span, severity: 'error', message: `${key}: "${text}" is not a boolean Falco can decode (Can't decode YAML scalar value): use true or false.` });
          continue;
        }
        if (source === 'true' || source === 'false') continue;
        context.report({
          span,
          message: `${key}: ${source} is ${decoded} for Falco (yaml-cpp) but ${scalar.type === 'PLAIN' && typeof scalar.value !== 'boolean' ? 'a string' : 'not the canonical spelling'} for other YAML tools: write ${decoded}.`,
          fixes: [{ title: `Write ${decoded}`, safe: true, edits: [replaceScalar(context.file, scalar, decoded)] }],
        });
      }
    }
  },
});
