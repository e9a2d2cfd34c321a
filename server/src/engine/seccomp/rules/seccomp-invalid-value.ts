import { didYouMean } from '../../text';
import { replaceValue } from '../edits';
import { ACTIONS, FLAGS, OPERATORS, type Located } from '../profile';
import { defineSeccompRule, FORMAT_SOURCES, type SeccompRuleContext } from '../rule';
import { ARCHES_RUNC_REJECTS, SCMP_ARCHES } from '../syscalls';
import { ERRNO_NUMBERS } from '../errno';

const ARCH_NAMES = Object.keys(SCMP_ARCHES);

export default defineSeccompRule({
  meta: {
    id: 'seccomp-invalid-value',
    title: 'Actions, architectures, operators and flags must be valid names',
    description:
      'Reports `defaultAction`/`action` values that are not one of the nine `SCMP_ACT_*` actions, containers/common `errno`/`defaultErrno` names that are not Linux errno names, `architectures` and `archMap` entries that are not runtime-spec `SCMP_ARCH_*` names, `args[].op` values that are not `SCMP_CMP_*` operators, and `flags` that are not `SECCOMP_FILTER_FLAG_*` profile flags — with the closest valid name as a quick fix. Architectures runc does not know (PARISC, PARISC64, M68K, SH, SHEB) are a warning.',
    rationale: 'runc and crun refuse a profile with an unknown action, operator, architecture or flag, so the container does not start; the spelling is case-sensitive. runc\'s architecture table has only 18 of the 23 spec values.',
    remediation: 'Use the exact names from the runtime-spec, e.g. `SCMP_ACT_ERRNO`, `SCMP_ARCH_X86_64`, `SCMP_CMP_MASKED_EQ`, `SECCOMP_FILTER_FLAG_LOG`.',
    defaultSeverity: 'error',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'safe',
    references: FORMAT_SOURCES,
  },
  check(context) {
    const { profile } = context;
    if (profile.defaultAction) checkValue(context, profile.defaultAction, ACTIONS, 'action');
    for (const rule of profile.rules) {
      if (rule.action) checkValue(context, rule.action, ACTIONS, 'action');
      for (const arg of rule.args) if (arg.op) checkValue(context, arg.op, OPERATORS, 'operator');
    }
    for (const arch of [...profile.architectures, ...profile.archMapArches]) {
      if (!checkValue(context, arch, ARCH_NAMES, 'architecture')) continue;
      if (ARCHES_RUNC_REJECTS.has(arch.value)) {
        context.report({ node: arch.node, severity: 'warning', message: `${arch.value} is in the runtime-spec but not in runc's architecture table: runc refuses the profile ("not a valid arch"); crun accepts it.` });
      }
    }
    // containers/common resolves errno names and refuses unknown ones; a decimal string is accepted too.
    const errnoNames = [...ERRNO_NUMBERS.keys()];
    const defaultErrno = profile.body.properties?.find((entry) => entry.key === 'defaultErrno');
    for (const located of [
      ...(defaultErrno && defaultErrno.value.kind === 'string' ? [{ value: defaultErrno.value.value as string, node: defaultErrno.value }] : []),
      ...profile.rules.flatMap((rule) => (rule.errno ? [rule.errno] : [])),
    ]) {
      if (/^\d+$/.test(located.value)) continue;
      checkValue(context, located, errnoNames, 'errno name', 'Podman, Buildah and CRI-O (containers/common) refuse the profile');
    }
    for (const flag of profile.flags) {
      if (flag.value === 'SECCOMP_FILTER_FLAG_NEW_LISTENER' || flag.value === 'SECCOMP_FILTER_FLAG_TSYNC_ESRCH') {
        context.report({ node: flag.node, message: `${flag.value} is a kernel flag the runtime sets itself (for SCMP_ACT_NOTIFY), not a profile flag: runc and crun reject it.` });
        continue;
      }
      checkValue(context, flag, FLAGS, 'flag');
    }
  },
});

/** Reports an invalid value; returns true when the value is valid. */
function checkValue(context: SeccompRuleContext, located: Located<string>, valid: readonly string[], what: string, consequence = 'runc and crun refuse the profile'): boolean {
  if (valid.includes(located.value)) return true;
  const upper = located.value.toUpperCase();
  const suggestion = valid.find((candidate) => candidate === upper) ?? didYouMean(located.value, valid, 4)[0];
  context.report({
    node: located.node,
    message: `"${located.value}" is not a valid seccomp ${what}${suggestion ? ` (did you mean ${suggestion}?)` : ''}: ${consequence}.`,
    fixes: suggestion ? [{ title: `Change to ${suggestion}`, safe: true, edits: [replaceValue(context.text, context.profile.syntax, located.node, suggestion)] }] : [],
  });
  return false;
}
