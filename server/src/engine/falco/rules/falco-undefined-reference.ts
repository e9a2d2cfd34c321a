import { nodeSpan } from '../../documents/yaml';
import { walkCondition } from '../condition';
import { APPEND_PLACEHOLDER, conditionSpan, defineFalcoRule, hasOverride, type FalcoRuleContext } from '../context';
import { didYouMean } from '../../text';
import { falcoMeta, FALCO_REFERENCES } from './common';

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-undefined-reference',
    title: 'Macros, lists and override targets must be defined',
    description:
      'Reports macro references (identifiers in a condition) and list references (`x in my_list`) that no loaded file defines, macros that use a macro first defined after them in the same file (Falco resolves macro-to-macro references in load order), and `override`/`append`/standalone `enabled` items whose target does not exist. In the editor the whole workspace counts as loaded; the CLI treats the files it is given as one rule set.',
    rationale: 'Falco refuses the rules file ("Undefined macro … used in filter", "Rule has \'enabled\' key but no rule by that name already exists"): none of its rules load.',
    remediation: 'Define the macro or list, fix its name, or load the file that defines it first.',
    defaultSeverity: 'error',
    fix: 'none',
    references: FALCO_REFERENCES,
  }),
  check(context) {
    const { workspace } = context;
    if (workspace && !workspace.complete) return;
    const macroNames = new Set([...context.macros.keys(), ...(workspace?.macros ?? [])]);
    const listNames = new Set([...context.lists.map((list) => list.name), ...(workspace?.lists ?? [])]);
    const firstPosition = new Map<string, number>();
    for (const item of context.items) if (item.kind === 'macro' && item.name && !firstPosition.has(item.name)) firstPosition.set(item.name, item.position);
    for (const parsed of context.conditions) {
      if (!parsed.ast) continue;
      walkCondition(parsed.ast, (node) => {
        if (node.type === 'macro' && node.name !== APPEND_PLACEHOLDER) {
          const span = conditionSpan(parsed, node.span);
          if (!macroNames.has(node.name) && !listNames.has(node.name)) {
            const suggestion = didYouMean(node.name, macroNames)[0];
            context.report({ span, message: `Undefined macro '${node.name}' used in filter${suggestion ? ` (did you mean ${suggestion}?)` : ''}.` });
          } else if (parsed.item.kind === 'macro' && (firstPosition.get(node.name) ?? -1) > parsed.item.position && !workspace?.macros.includes(node.name)) {
            context.report({ span, message: `Macro '${node.name}' is defined after macro "${parsed.item.name ?? ''}" in this file: Falco resolves macro references in load order, so it is undefined here. Move its definition up.` });
          }
        }
        if (node.type === 'listref' && !listNames.has(node.name) && !macroNames.has(node.name)) {
          const suggestion = didYouMean(node.name, listNames)[0];
          context.report({ span: conditionSpan(parsed, node.span), message: `Undefined list '${node.name}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}.` });
        }
      });
    }
    checkTargets(context);
  },
});

function checkTargets(context: FalcoRuleContext): void {
  const ruleNames = new Set(context.workspace?.rules ?? []);
  const seen = { rule: new Set<string>(), macro: new Set<string>(), list: new Set<string>() };
  for (const item of context.items) {
    if ((item.kind !== 'rule' && item.kind !== 'macro' && item.kind !== 'list') || !item.name) continue;
    const enableOnly = item.kind === 'rule' && item.keys.has('enabled') && !['condition', 'output', 'desc', 'priority'].some((key) => item.keys.has(key)) && !hasOverride(item);
    if (hasOverride(item) || enableOnly) {
      const earlier = seen[item.kind].has(item.name);
      const elsewhere = item.kind === 'rule' ? ruleNames.has(item.name) : item.kind === 'macro' ? (context.workspace?.macros ?? []).includes(item.name) : (context.workspace?.lists ?? []).includes(item.name);
      if (!earlier && !elsewhere) {
        const what = enableOnly ? "has 'enabled' key but no rule by that name already exists" : `overrides or appends to a ${item.kind} that is not defined before it`;
        context.report({ span: nodeSpan(item.nameNode) ?? { start: 0, end: 1 }, message: `${item.kind} "${item.name}" ${what}.` });
      }
    }
    seen[item.kind].add(item.name);
  }
}
