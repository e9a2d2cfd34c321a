import { defineSeccompRule, FORMAT_SOURCES } from '../rule';
import { SCMP_ARCHES, syscallInfo } from '../syscalls';

export default defineSeccompRule({
  meta: {
    id: 'seccomp-syscall-arch',
    title: 'Syscalls missing on some declared architectures',
    description: 'For profiles that declare `architectures`, reports syscall names that exist in libseccomp\'s table but not on some of those architectures (e.g. `open` does not exist on aarch64, `socketcall` only on 32-bit ABIs).',
    rationale: 'libseccomp resolves such a name to a pseudo number on that architecture and drops the rule there. Usually harmless (the call cannot be made there), but an allow-list written on x86_64 may then lack the replacement call (e.g. `openat`) on arm64.',
    remediation: 'Check that the equivalent call exists in the profile for each architecture (`openat` for `open`, `newfstatat` for `stat`, …).',
    defaultSeverity: 'information',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'none',
    references: [{ title: 'libseccomp src/syscalls.csv', url: 'https://github.com/seccomp/libseccomp/blob/main/src/syscalls.csv' }, ...FORMAT_SOURCES],
  },
  check(context) {
    const { profile } = context;
    const declared = profile.architectures.filter((arch) => SCMP_ARCHES[arch.value]);
    if (declared.length === 0) return;
    for (const rule of profile.rules) {
      for (const name of rule.names) {
        const info = syscallInfo(name.value);
        if (!info) continue;
        const missing = declared.filter((arch) => info.numbers[SCMP_ARCHES[arch.value]] === undefined).map((arch) => arch.value);
        if (missing.length === 0) continue;
        const none = missing.length === declared.length;
        context.report({
          node: name.node,
          message: `${name.value} does not exist on ${none ? 'any declared architecture' : missing.join(', ')}: libseccomp drops this rule there.`,
        });
      }
    }
  },
});
