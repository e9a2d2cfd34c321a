import { walkCondition, type FieldNode } from '../condition';
import { APPEND_PLACEHOLDER, conditionSpan, defineFalcoRule, type FalcoRuleContext, type ParsedCondition } from '../context';
import { knownSources, lookupField, sourcesOf, suggestFields } from '../fields';
import { falcoMeta, CONDITION_REFERENCES } from './common';

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-unknown-field',
    title: 'Fields must exist for the rule\'s event source',
    description:
      'Checks every field of a condition against the field catalog of the rule\'s `source` (syscall by default; k8s_audit, aws_cloudtrail, okta, github, gcp_auditlog for the official plugins) — including fields taking their argument after a dot (`evt.arg.flags`) or in brackets (`proc.aname[2]`) — with the closest names as suggestions. Fields removed from libs (e.g. the container and k8s fields that moved to the container plugin) are named with their replacement. Macros are checked against every source.',
    rationale: 'An unknown field makes Falco refuse the rules file ("nonexistent field"), or skip the rule with a warning when `skip-if-unknown-filter` is set.',
    remediation: 'Fix the field name, or set the `source` the field belongs to; load the plugin that provides it.',
    defaultSeverity: 'error',
    fix: 'safe',
    references: [{ title: 'Falco supported fields', url: 'https://falco.org/docs/reference/rules/supported-fields/' }, ...CONDITION_REFERENCES],
  }),
  check(context) {
    const sources = knownSources();
    for (const parsed of context.conditions) {
      if (!parsed.ast) continue;
      const isMacro = parsed.item.kind === 'macro';
      if (!isMacro && !sources.includes(parsed.source)) continue; // unknown sources: Falco skips the rule (plugins may add sources)
      walkCondition(parsed.ast, (node) => {
        if (node.type === 'field') checkField(context, parsed, node, isMacro ? sources : [parsed.source]);
      });
    }
  },
});

function checkField(context: FalcoRuleContext, parsed: ParsedCondition, node: FieldNode, sources: readonly string[]): void {
  if (node.name === APPEND_PLACEHOLDER) return;
  const lookups = sources.map((source) => lookupField(node.name, source));
  const found = lookups.find((lookup) => lookup.kind === 'field');
  const span = conditionSpan(parsed, node.nameSpan);
  if (found && found.kind === 'field') {
    const field = found.field;
    if (field.a === 'none' && node.arg) context.report({ span: conditionSpan(parsed, node.arg.span), message: `${field.n} does not take an argument.` });
    else if (field.r && !node.arg && !found.dotArgument) context.report({ span, message: `${field.n} needs an argument: ${field.d ? `${field.n}.NAME or ` : ''}${field.n}[${field.a === 'index' ? 'N' : 'NAME'}].` });
    return;
  }
  const removed = lookups.find((lookup) => lookup.kind === 'removed');
  if (removed && removed.kind === 'removed') {
    const [plugin, replacement] = removed.field.rep.split(':');
    context.report({
      span,
      message: `${node.name} was removed from Falco's built-in fields${removed.field.rm ? ` in ${removed.field.rm}` : ''}${replacement ? `: it is now provided by the ${plugin} plugin as ${replacement} (load that plugin)` : ''}.`,
    });
    return;
  }
  const elsewhere = sourcesOf(node.name).filter((source) => source !== '*');
  const suggestions = elsewhere.length ? [] : sources.flatMap((source) => suggestFields(node.name, source));
  const unique = [...new Set(suggestions)].slice(0, 3);
  const where = sources.length === 1 ? `source ${sources[0]}` : 'any event source';
  context.report({
    span,
    message: elsewhere.length
      ? `${node.name} is a field of source ${elsewhere.join(', ')}, not of ${where}: set source: ${elsewhere[0]} on the rule.`
      : `Unknown field ${node.name} for ${where}${unique.length ? ` (did you mean ${unique.join(', ')}?)` : ''}: Falco refuses the rules file.`,
    fixes: elsewhere.length ? [] : unique.map((suggestion) => ({ title: `Change to ${suggestion}`, safe: true, edits: [{ span, newText: suggestion }] })),
  });
}
