import { didYouMean } from '../../text';
import { replaceValue } from '../edits';
import { defineSeccompRule, FORMAT_SOURCES } from '../rule';
import { syscallInfo, syscallNames, tableArchesOf } from '../syscalls';
import { TABLE_VERSION } from '../data.generated';

export default defineSeccompRule({
  meta: {
    id: 'seccomp-unknown-syscall',
    title: 'Syscall names must exist',
    description: `Reports syscall names that libseccomp does not know on any architecture (table of Linux ${TABLE_VERSION}), with the closest names as quick fixes. Names that exist, but not on every architecture the profile declares, are reported by [seccomp-syscall-arch](seccomp-syscall-arch.md).`,
    rationale: 'runc and crun skip a rule whose syscall name libseccomp cannot resolve — runc with only a debug log, crun with a warning. A typo in a deny rule therefore silently disables it, and a typo in an allow rule turns into a mysterious EPERM at run time.',
    remediation: 'Fix the name (see `man 2 syscalls`); remove names of system calls that do not exist.',
    defaultSeverity: 'error',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'safe',
    references: [{ title: 'libseccomp src/syscalls.csv', url: 'https://github.com/seccomp/libseccomp/blob/main/src/syscalls.csv' }, ...FORMAT_SOURCES],
  },
  check(context) {
    const { profile } = context;
    const columns = tableArchesOf(profile.architectures.map((arch) => arch.value));
    let candidates: string[] | undefined;
    for (const rule of profile.rules) {
      for (const name of rule.names) {
        if (syscallInfo(name.value)) continue;
        candidates ??= syscallNames();
        // Prefer names that exist on the declared architectures.
        const pool = columns.length ? candidates.filter((candidate) => columns.some((column) => syscallInfo(candidate)?.numbers[column] !== undefined)) : candidates;
        const suggestions = didYouMean(name.value, pool, 3).slice(0, 3);
        const action = rule.action?.value ?? 'its action';
        context.report({
          node: name.node,
          message: `Unknown syscall "${name.value}"${suggestions.length ? ` (did you mean ${suggestions.join(', ')}?)` : ''}: runc and crun skip it, so this ${action} rule does nothing for it.`,
          fixes: suggestions.map((suggestion) => ({ title: `Change to ${suggestion}`, safe: true, edits: [replaceValue(context.text, profile.syntax, name.node, suggestion)] })),
        });
      }
    }
  },
});
