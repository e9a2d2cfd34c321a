import { nodeSpan, type Node } from '../../documents/yaml';
import { walkCondition } from '../condition';
import { defineFalcoRule, type FalcoRuleContext } from '../context';
import { falcoMeta, FALCO_REFERENCES } from './common';

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-unused-definition',
    title: 'Unused macros and lists',
    description: 'Reports macros and lists that no condition, list or exception of the loaded rule set uses (Falco warns LOAD_UNUSED_MACRO / LOAD_UNUSED_LIST). In the editor the workspace is the rule set.',
    rationale: 'Unused definitions are often a sign of a typo in the place that was meant to use them.',
    remediation: 'Use it or remove it.',
    defaultSeverity: 'hint',
    fix: 'none',
    references: FALCO_REFERENCES,
  }),
  check(context) {
    if (context.workspace && (!context.workspace.complete || !context.workspace.used)) return;
    const usedMacros = new Set<string>(context.workspace?.used ?? []);
    for (const parsed of context.conditions) {
      if (!parsed.ast) continue;
      walkCondition(parsed.ast, (node) => {
        if (node.type === 'macro' || node.type === 'listref') usedMacros.add(node.name);
      });
    }
    // Lists are substituted as text: a list is used when any condition, list or exception names it between delimiters.
    const tokens = new Set(textsThatMayNameLists(context).flatMap((text) => text.split(/[\s(),=[\]]+/)));
    for (const item of context.items) {
      if (!item.name || !item.nameNode || (item.kind !== 'macro' && item.kind !== 'list')) continue;
      const used = usedMacros.has(item.name) || (item.kind === 'list' && tokens.has(item.name));
      if (used) continue;
      context.report({ span: nodeSpan(item.nameNode as Node) ?? { start: 0, end: 1 }, tags: ['unnecessary'], message: `${item.kind === 'macro' ? 'Macro' : 'List'} "${item.name}" is not used by the loaded rules.` });
    }
  },
});

/** Lists are substituted textually, so any condition, list item or exception value may name one. */
function textsThatMayNameLists(context: FalcoRuleContext): string[] {
  const texts = context.conditions.map((parsed) => parsed.map.value);
  for (const list of context.lists) texts.push(...list.items);
  for (const item of context.items) {
    const exceptions = item.keys.get('exceptions');
    if (exceptions) texts.push(context.file.text.slice(nodeSpan(exceptions.value as Node)?.start ?? 0, nodeSpan(exceptions.value as Node)?.end ?? 0));
  }
  return texts;
}
