import { defineSeccompRule, FORMAT_SOURCES } from '../rule';

export default defineSeccompRule({
  meta: {
    id: 'seccomp-denylist',
    title: 'Prefer an allow-list profile to a deny-list',
    description: 'Reports profiles whose `defaultAction` is `SCMP_ACT_ALLOW`: every system call not listed — including ones added to future kernels — is allowed, and the rules only deny a few.',
    rationale:
      'A deny-list has to name every dangerous call on every architecture, forever: new system calls (io_uring_setup, open_tree, fsopen, …) arrive allowed, and one missing alias (e.g. `clone3` next to `clone`) defeats the rule. The Docker, Podman and containerd defaults are allow-lists for this reason.',
    remediation: 'Start from `defaultAction: SCMP_ACT_ERRNO` and allow what the workload needs (record it with an `SCMP_ACT_LOG` profile, then `workload-guard seccomp from-audit`), or use the runtime default (`seccompProfile: {type: RuntimeDefault}`).',
    defaultSeverity: 'warning',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'none',
    references: [{ title: 'Kubernetes: Restrict a Container\'s Syscalls with seccomp', url: 'https://kubernetes.io/docs/tutorials/security/seccomp/' }, ...FORMAT_SOURCES],
  },
  check(context) {
    const { profile } = context;
    if (profile.defaultAction?.value !== 'SCMP_ACT_ALLOW') return;
    const denied = profile.rules.filter((rule) => rule.action && rule.action.value !== 'SCMP_ACT_ALLOW' && rule.action.value !== 'SCMP_ACT_LOG');
    const count = denied.reduce((total, rule) => total + rule.names.length, 0);
    context.report({
      node: profile.defaultAction.node,
      message: `This profile allows every system call by default and ${count ? `blocks only ${count}` : 'blocks none'}: a deny-list misses calls added later and their aliases. Prefer an allow-list (defaultAction SCMP_ACT_ERRNO).`,
    });
  },
});
