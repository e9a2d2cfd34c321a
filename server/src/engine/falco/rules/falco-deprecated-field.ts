import { walkCondition } from '../condition';
import { conditionSpan, defineFalcoRule } from '../context';
import { lookupField } from '../fields';
import { falcoMeta, CONDITION_REFERENCES } from './common';

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-deprecated-field',
    title: 'Deprecated fields',
    description: 'Reports fields the catalog marks deprecated (libs EPF_DEPRECATED, or plugin fields documented as deprecated) in conditions.',
    rationale: 'Deprecated fields are removed in a later Falco release; the rules file then stops loading.',
    remediation: 'Use the replacement named in the field\'s description.',
    defaultSeverity: 'warning',
    fix: 'none',
    references: [{ title: 'Falco supported fields', url: 'https://falco.org/docs/reference/rules/supported-fields/' }, ...CONDITION_REFERENCES],
  }),
  check(context) {
    for (const parsed of context.conditions) {
      if (!parsed.ast) continue;
      walkCondition(parsed.ast, (node) => {
        if (node.type !== 'field') return;
        const lookup = lookupField(node.name, parsed.source);
        if (lookup.kind === 'field' && lookup.field.dep) {
          context.report({ span: conditionSpan(parsed, node.nameSpan), tags: ['deprecated'], message: `${lookup.field.n} is deprecated: ${lookup.field.desc}` });
        }
      });
    }
  },
});
