import { removeArrayItem } from '../edits';
import { effectiveErrno } from '../profile';
import { defineSeccompRule, FORMAT_SOURCES } from '../rule';
import { child } from '../tree';

export default defineSeccompRule({
  meta: {
    id: 'seccomp-redundant-rule',
    title: 'A rule must not repeat the default action',
    description: 'Reports rules whose action (and errno) equals `defaultAction` (and `defaultErrnoRet`). The quick fix removes the rule.',
    rationale: 'runc and crun skip such rules silently, so they only mislead readers (often a deny rule in a deny-by-default profile that was meant to be an allow). libseccomp itself rejects them (`-EACCES`), so tools that build the filter without that pre-filter (containers/common `BuildFilter`) fail on them.',
    remediation: 'Remove the rule, or give it the action you meant (usually `SCMP_ACT_ALLOW` in an allow-list profile).',
    defaultSeverity: 'warning',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'safe',
    references: FORMAT_SOURCES,
  },
  check(context) {
    const { profile } = context;
    const defaultAction = profile.defaultAction?.value;
    if (!defaultAction || profile.body.properties?.some((entry) => entry.key === 'defaultErrno')) return;
    const defaultErrno = effectiveErrno(defaultAction, profile.defaultErrnoRet?.value);
    const syscalls = child(profile.body, 'syscalls');
    for (const rule of profile.rules) {
      if (!rule.action || rule.action.value !== defaultAction || rule.errno) continue;
      if (effectiveErrno(rule.action.value, rule.errnoRet?.value) !== defaultErrno) continue;
      context.report({
        node: rule.action.node,
        tags: ['unnecessary'],
        message: `This rule's action ${rule.action.value}${defaultErrno !== undefined ? ` (errno ${defaultErrno})` : ''} is the default action: runc and crun skip it and libseccomp would reject it. Did you mean another action?`,
        fixes: [{ title: 'Remove the redundant rule', safe: true, edits: [syscalls ? removeArrayItem(context.text, profile.syntax, syscalls, rule.node) : undefined] }],
      });
    }
  },
});
