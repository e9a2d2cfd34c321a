import { defineSeccompRule, FORMAT_SOURCES } from '../rule';

export default defineSeccompRule({
  meta: {
    id: 'seccomp-notify-listener',
    title: 'SCMP_ACT_NOTIFY needs a listener',
    description: 'Reports `SCMP_ACT_NOTIFY` rules in a profile without `listenerPath`, `SCMP_ACT_NOTIFY` as `defaultAction` or on `write`, a relative `listenerPath`, and `listenerMetadata` without `listenerPath`.',
    rationale: 'runc refuses NOTIFY without `listenerPath` ("listenerPath is not set"), as the default action, or on `write`; crun needs an absolute `listenerPath` (or its receiver annotation). The runtime-spec forbids `listenerMetadata` without `listenerPath`.',
    remediation: 'Set `listenerPath` to the absolute path of the agent\'s UNIX socket, and use NOTIFY only in rules for specific calls other than write.',
    defaultSeverity: 'error',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'none',
    references: FORMAT_SOURCES,
  },
  check(context) {
    const { profile } = context;
    if (profile.defaultAction?.value === 'SCMP_ACT_NOTIFY') context.report({ node: profile.defaultAction.node, message: 'SCMP_ACT_NOTIFY cannot be the default action: runc refuses the profile.' });
    const notifyRules = profile.rules.filter((rule) => rule.action?.value === 'SCMP_ACT_NOTIFY');
    if (notifyRules.length && !profile.listenerPath) {
      for (const rule of notifyRules) if (rule.action) context.report({ node: rule.action.node, message: 'SCMP_ACT_NOTIFY without listenerPath: runc refuses the profile ("listenerPath is not set") and crun needs a receiver.' });
    }
    for (const rule of notifyRules) {
      for (const name of rule.names) if (name.value === 'write') context.report({ node: name.node, message: 'SCMP_ACT_NOTIFY on write is refused by runc: the notify agent itself would deadlock.' });
    }
    if (profile.listenerPath && !profile.listenerPath.value.startsWith('/')) {
      context.report({ node: profile.listenerPath.node, severity: 'warning', message: 'listenerPath must be absolute for crun.' });
    }
    if (profile.listenerMetadata && !profile.listenerPath) {
      context.report({ span: profile.listenerMetadata.keySpan, message: 'listenerMetadata without listenerPath is forbidden by the runtime-spec.' });
    }
  },
});
