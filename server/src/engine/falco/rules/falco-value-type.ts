import { walkCondition, type OperandNode, type ValueNode } from '../condition';
import { conditionSpan, defineFalcoRule } from '../context';
import { lookupField } from '../fields';
import { falcoMeta, CONDITION_REFERENCES } from './common';

const NUMERIC = /^(U?INT(8|16|32|64)|RELTIME|ABSTIME|DOUBLE)$/;
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|[+-]?[0-9]+)$/;
const VALUE_OPERATORS = ['=', '==', '!=', '<', '<=', '>', '>=', 'in', 'intersects'];

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-value-type',
    title: 'Values must fit the field\'s type',
    description:
      'Checks constant values against the compared field\'s type the way libs parses them at compile time: integers (decimal or hex) for numeric fields (DOUBLE fields too), `true`/`false` for BOOL fields, hex digits for `bcontains`/`bstartswith` — also for the items of a list used in `in (…)`.',
    rationale: 'Falco refuses the rules file when a value does not parse for the field type ("unrecognized boolean value", "bcontains and bstartswith operator support hex strings only"); a condition like `proc.pid = init` can never be loaded.',
    remediation: 'Use a value of the field\'s type, or compare a different field.',
    defaultSeverity: 'error',
    fix: 'none',
    references: CONDITION_REFERENCES,
  }),
  check(context) {
    const lists = new Map(context.lists.map((list) => [list.name, list.items]));
    for (const parsed of context.conditions) {
      if (!parsed.ast) continue;
      walkCondition(parsed.ast, (node) => {
        if (node.type !== 'check' || node.left.type !== 'field' || !node.right || node.modifier) return;
        const lookup = lookupField(node.left.name, parsed.source);
        if (lookup.kind !== 'field') return;
        const type = lookup.field.t;
        const binary = node.operator === 'bcontains' || node.operator === 'bstartswith';
        if (!binary && !VALUE_OPERATORS.includes(node.operator)) return;
        for (const value of constants(node.right)) {
          const candidates = !value.quoted && lists.has(value.value) ? (lists.get(value.value) ?? []) : [value.value];
          for (const candidate of candidates) {
            let problem: string | undefined;
            if (binary && !/^([0-9a-fA-F]{2})+$/.test(candidate)) problem = `${node.operator} needs a hex string (e.g. 7f454c46), not "${candidate}"`;
            else if (!binary && NUMERIC.test(type) && !NUMBER.test(candidate)) problem = `${lookup.field.n} is a number (${type}): "${candidate}" is not one`;
            else if (!binary && type === 'BOOL' && candidate !== 'true' && candidate !== 'false') problem = `${lookup.field.n} is a boolean: use true or false, not "${candidate}" (unrecognized boolean value)`;
            if (problem) context.report({ span: conditionSpan(parsed, value.span), message: `${problem}. Falco refuses the rules file.` });
          }
        }
      });
    }
  },
});

function constants(node: OperandNode): ValueNode[] {
  if (node.type === 'value') return [node];
  if (node.type === 'list') return node.items;
  return [];
}
