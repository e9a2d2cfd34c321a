import { removeArrayItem } from '../edits';
import { effectiveErrno, type Located, type ProfileRule } from '../profile';
import { defineSeccompRule, FORMAT_SOURCES } from '../rule';

export default defineSeccompRule({
  meta: {
    id: 'seccomp-duplicate-syscall',
    title: 'A syscall must not be in several unconditional rules',
    description:
      'Reports a syscall name that appears again in a later rule without argument filters or include/exclude conditions. With different actions (or errno values) libseccomp keeps the first rule and silently drops the later one; with the same action the repetition is dead weight. The quick fix removes the later name.',
    rationale: 'Profiles are often edited by adding a rule at the end ("deny ptrace") while an earlier allow rule already lists the call: libseccomp keeps the first (allow) and the deny never takes effect — no error from runc or crun.',
    remediation: 'Keep each syscall in exactly one unconditional rule, with the action you want.',
    defaultSeverity: 'warning',
    category: 'seccomp',
    fileKind: 'seccomp',
    fix: 'safe',
    references: FORMAT_SOURCES,
  },
  check(context) {
    const { profile } = context;
    const first = new Map<string, { rule: ProfileRule; name: Located<string> }>();
    for (const rule of profile.rules) {
      if (rule.args.length > 0 || rule.hasConditions) continue;
      const seenInRule = new Set<string>();
      for (const name of rule.names) {
        const earlier = first.get(name.value);
        const namesArray = rule.namesProperty?.value;
        const removal = namesArray && namesArray.items?.includes(name.node) ? removeArrayItem(context.text, profile.syntax, namesArray, name.node) : undefined;
        if (seenInRule.has(name.value)) {
          context.report({ node: name.node, severity: 'hint', tags: ['unnecessary'], message: `${name.value} is listed twice in this rule.`, fixes: [{ title: `Remove the repeated ${name.value}`, safe: true, edits: [removal] }] });
          continue;
        }
        seenInRule.add(name.value);
        if (!earlier) {
          first.set(name.value, { rule, name });
          continue;
        }
        const sameOutcome = earlier.rule.action?.value === rule.action?.value && effectiveErrno(earlier.rule.action?.value, earlier.rule.errnoRet?.value) === effectiveErrno(rule.action?.value, rule.errnoRet?.value);
        context.report({
          node: name.node,
          severity: sameOutcome ? 'hint' : 'warning',
          tags: sameOutcome ? ['unnecessary'] : undefined,
          message: sameOutcome
            ? `${name.value} is already in rule ${earlier.rule.position + 1} with the same action.`
            : `${name.value} is already in rule ${earlier.rule.position + 1} (${earlier.rule.action?.value ?? 'no action'}): libseccomp keeps that first rule and drops this ${rule.action?.value ?? ''} one silently.`,
          fixes: [{ title: `Remove ${name.value} from this rule${sameOutcome ? '' : ' (the first rule already decides)'}`, safe: sameOutcome, edits: [removal] }],
        });
      }
    }
  },
});
