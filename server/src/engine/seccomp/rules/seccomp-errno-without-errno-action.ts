import { removeProperty } from '../edits';
import { ERRNO_ACTIONS } from '../profile';
import { defineSeccompRule, FORMAT_SOURCES } from '../rule';

export default defineSeccompRule({
  meta: {
    id: 'seccomp-errno-without-errno-action',
    title: 'errnoRet only goes with SCMP_ACT_ERRNO or SCMP_ACT_TRACE',
    description: 'Reports `errnoRet` on a rule, and `defaultErrnoRet` on the profile, whose action does not carry an errno (ALLOW, LOG, KILL*, TRAP, NOTIFY). The quick fix removes the field.',
    rationale: 'Runtimes disagree: runc ignores the value silently (contrary to the runtime-spec\'s MUST), crun refuses the profile with "errno value specified for action". A profile that works with runc breaks when the node switches to crun.',
    remediation: 'Remove `errnoRet`, or change the action to `SCMP_ACT_ERRNO` if the call was meant to fail with that errno.',
    defaultSeverity: 'warning',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'safe',
    references: FORMAT_SOURCES,
  },
  check(context) {
    const { profile, text } = context;
    const defaultAction = profile.defaultAction?.value;
    if (profile.defaultErrnoRet && defaultAction && !ERRNO_ACTIONS.includes(defaultAction)) {
      context.report({
        node: profile.defaultErrnoRet.property.value,
        message: `defaultErrnoRet has no meaning for ${defaultAction}: runc ignores it, crun refuses the profile.`,
        fixes: [{ title: 'Remove defaultErrnoRet', safe: true, edits: [removeProperty(text, profile.syntax, profile.body, profile.defaultErrnoRet.property)] }],
      });
    }
    for (const rule of profile.rules) {
      const action = rule.action?.value;
      if (!rule.errnoRet || !action || ERRNO_ACTIONS.includes(action)) continue;
      context.report({
        node: rule.errnoRet.node,
        message: `errnoRet has no meaning for ${action}: runc ignores it, crun refuses the profile.`,
        fixes: [{ title: 'Remove errnoRet', safe: true, edits: [removeProperty(text, profile.syntax, rule.node, rule.errnoRet.property)] }],
      });
    }
  },
});
