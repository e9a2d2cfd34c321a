import { defineFalcoRule, conditionSpan } from '../context';
import { falcoMeta, CONDITION_REFERENCES } from './common';

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-condition-syntax',
    title: 'Conditions must parse',
    description:
      'Parses every macro and rule condition with the grammar of the libs filter parser (and/or/not precedence, parentheses, every operator, `oneof`/`anyof`/`allof` modifiers, transformers, `val()`, field arguments, quoted strings and their escapes, value lists) and reports the first syntax error at the exact token. Also reports conditions that only break after Falco substitutes list names textually (e.g. `x in my_list` with a multi-item list: write `x in (my_list)`).',
    rationale: 'A condition that does not parse makes Falco refuse the rules file (LOAD_ERR_COMPILE_CONDITION), even for a macro nobody uses.',
    remediation: 'Fix the expression at the reported token.',
    defaultSeverity: 'error',
    fix: 'none',
    references: CONDITION_REFERENCES,
  }),
  check(context) {
    for (const parsed of context.conditions) {
      const what = `${parsed.item.kind} "${parsed.item.name ?? ''}"`;
      if (parsed.error) {
        context.report({ span: conditionSpan(parsed, parsed.error.span), message: `Condition of ${what}: ${parsed.error.message}.` });
      } else if (parsed.substitutionError) {
        context.report({
          span: parsed.map.spanToSource({ start: 0, end: parsed.map.value.length }),
          message: `Condition of ${what} does not parse after Falco substitutes its lists: ${parsed.substitutionError.message}. Lists are inserted without parentheses: write "in (list_name)".`,
        });
      }
    }
  },
});
