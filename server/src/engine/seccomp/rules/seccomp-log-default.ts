import { defineSeccompRule, FORMAT_SOURCES } from '../rule';

export default defineSeccompRule({
  meta: {
    id: 'seccomp-log-default',
    title: 'A SCMP_ACT_LOG default enforces nothing',
    description: 'Reports profiles whose `defaultAction` is `SCMP_ACT_LOG`: unlisted system calls are allowed and only logged to the kernel audit log.',
    rationale: 'Audit profiles are the right tool to record what a workload calls, but they block nothing. Left in production, the pod looks protected ("a seccomp profile is set") while every call is allowed.',
    remediation: 'Use it to record, then generate an allow-list from the log (`workload-guard seccomp from-audit`) and switch `defaultAction` to `SCMP_ACT_ERRNO`.',
    defaultSeverity: 'warning',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'none',
    references: [{ title: 'Kubernetes: Restrict a Container\'s Syscalls with seccomp', url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' }, ...FORMAT_SOURCES],
  },
  check(context) {
    const action = context.profile.defaultAction;
    if (action?.value !== 'SCMP_ACT_LOG') return;
    context.report({ node: action.node, message: 'defaultAction SCMP_ACT_LOG only logs unlisted system calls and allows them: this is an audit profile that enforces nothing.' });
  },
});
