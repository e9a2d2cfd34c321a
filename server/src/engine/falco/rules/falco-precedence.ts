import { walkCondition } from '../condition';
import { conditionSpan, defineFalcoRule } from '../context';
import { falcoMeta, CONDITION_REFERENCES } from './common';

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-precedence',
    title: 'Mixed and/or without parentheses',
    description: 'Reports `a or b and c` (and `a and b or c`) written without parentheses: `and` binds tighter, so it reads `a or (b and c)`.',
    rationale: 'A rule meant as `(a or b) and c` fires on every `a` event: noise at best, a bypassed exception at worst.',
    remediation: 'Add parentheses that say what you mean.',
    defaultSeverity: 'hint',
    fix: 'none',
    references: CONDITION_REFERENCES,
  }),
  check(context) {
    for (const parsed of context.conditions) {
      if (!parsed.ast) continue;
      walkCondition(parsed.ast, (node) => {
        if (node.type !== 'or') return;
        for (const child of node.children) {
          if (child.type !== 'and') continue;
          context.report({ span: conditionSpan(parsed, child.keywordSpans[0]), message: '`and` binds tighter than `or`: this reads `… or (… and …)`. Add parentheses to make the grouping explicit.' });
        }
      });
    }
  },
});
