import { defineSeccompRule, FORMAT_SOURCES } from '../rule';

export default defineSeccompRule({
  meta: {
    id: 'seccomp-arg-conditions',
    title: 'Argument conditions: index 0–5, at most 6, one per argument',
    description:
      'Reports `args[].index` above 5 (system calls have six arguments), rules with more than six conditions, and several conditions on the same argument index in one rule, and `SCMP_CMP_MASKED_EQ` with a mask (`value`) of 0.',
    rationale:
      'libseccomp rejects indexes above 5, so runc and crun refuse the profile. crun reads only the first six conditions and ignores the rest. Two conditions on the same argument are split by runc and crun into separate rules, so they are ORed, not ANDed — usually the opposite of what was meant. For MASKED_EQ the runtimes pass `value` as the mask and `valueTwo` as the compared value; a mask of 0 makes the test always true.',
    remediation: 'Use indexes 0–5; to express a range on one argument, use two rules or one MASKED_EQ; for MASKED_EQ put the mask in `value` and the expected bits in `valueTwo`.',
    defaultSeverity: 'error',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'none',
    references: FORMAT_SOURCES,
  },
  check(context) {
    for (const rule of context.profile.rules) {
      if (rule.args.length > 6) {
        context.report({ node: rule.args[6].node, severity: 'warning', message: `This rule has ${rule.args.length} argument conditions: crun reads only the first six and ignores the rest.` });
      }
      const seen = new Map<number, number>();
      rule.args.forEach((arg, position) => {
        const index = arg.index?.value;
        if (arg.index && index !== undefined && index > 5) {
          context.report({ node: arg.index.node, message: `Argument index ${index} does not exist (0–5): libseccomp rejects it, so runc and crun refuse the profile.` });
        }
        if (index !== undefined && seen.has(index)) {
          context.report({
            node: arg.node,
            severity: 'warning',
            message: `A second condition on argument ${index} (after condition ${Number(seen.get(index)) + 1}): runc and crun split them into separate rules, so they are ORed, not ANDed.`,
          });
        } else if (index !== undefined) seen.set(index, position);
        if (arg.op?.value === 'SCMP_CMP_MASKED_EQ' && arg.value?.value === 0) {
          context.report({ node: arg.value.node, severity: 'warning', message: 'MASKED_EQ with mask (value) 0 is always true: runtimes use value as the mask and valueTwo as the compared bits. Did you swap them?' });
        }
      });
    }
  },
});
