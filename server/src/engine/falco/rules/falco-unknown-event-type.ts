import { walkCondition, type OperandNode, type ValueNode } from '../condition';
import { conditionSpan, defineFalcoRule } from '../context';
import { EVT_TYPE_VALUES } from '../data.generated';
import { didYouMean } from '../../text';
import { falcoMeta, CONDITION_REFERENCES } from './common';

const KNOWN = new Set(EVT_TYPE_VALUES);

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-unknown-event-type',
    title: 'evt.type values must be event or syscall names',
    description: 'Reports values compared with `evt.type` (`=`, `!=`, `in`, also through lists) that are neither a libs event name nor a syscall name, with the closest names.',
    rationale: 'Falco refuses the rules file with "unknown event type"; a misspelled syscall name in a condition would otherwise never match.',
    remediation: 'Use the syscall name as in `man 2 syscalls` (e.g. `openat2`, `execveat`).',
    defaultSeverity: 'error',
    fix: 'safe',
    references: CONDITION_REFERENCES,
  }),
  check(context) {
    const lists = new Map(context.lists.map((list) => [list.name, list.items]));
    for (const parsed of context.conditions) {
      if (!parsed.ast || parsed.source !== 'syscall') continue;
      walkCondition(parsed.ast, (node) => {
        if (node.type !== 'check' || node.left.type !== 'field' || node.left.name !== 'evt.type' || !node.right) return;
        if (!['=', '==', '!=', 'in'].includes(node.operator) || node.modifier) return;
        for (const value of values(node.right)) {
          const named = lists.get(value.value);
          if (named) {
            const unknown = named.filter((item) => !KNOWN.has(item));
            if (unknown.length) context.report({ span: conditionSpan(parsed, value.span), message: `List ${value.value} holds ${unknown.map((item) => `"${item}"`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not an event type: Falco refuses the rules file.` });
            continue;
          }
          // A list of another file is substituted there: its items are checked where it is defined.
          if (KNOWN.has(value.value) || context.workspace?.lists.includes(value.value)) continue;
          const suggestion = didYouMean(value.value, KNOWN)[0];
          const span = conditionSpan(parsed, value.span);
          context.report({
            span,
            message: `unknown event type ${value.value}${suggestion ? ` (did you mean ${suggestion}?)` : ''}.`,
            fixes: suggestion && !value.quoted ? [{ title: `Change to ${suggestion}`, safe: true, edits: [{ span, newText: suggestion }] }] : [],
          });
        }
      });
    }
  },
});

function values(node: OperandNode): ValueNode[] {
  if (node.type === 'value') return [node];
  if (node.type === 'list') return node.items;
  return [];
}
