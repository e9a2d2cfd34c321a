import { defineKubernetesRule } from '../../../rule';
import { getNode, getSeq, keyName, mapItems, scalarString, stringItems, type Node, type Pair } from '../../../documents/yaml';
import { auditRules, isAuditPolicy, RULE_SELECTORS } from './audit';

export default defineKubernetesRule({
  meta: {
    id: 'audit-policy-rule-order',
    title: 'Audit rules after a catch-all rule never match',
    description: 'The first matching rule decides the level of an audit event. Reports rules that come after a rule with no selector (no users, userGroups, verbs, resources, namespaces or nonResourceURLs), which matches every request.',
    rationale: 'A catch-all `- level: Metadata` placed first makes every later rule dead: the `RequestResponse` rule for pod exec or the `None` rule for noisy health checks you wrote never applies.',
    remediation: 'Move the catch-all rule to the end of `rules`.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      differences:
        'No peer reads audit Policy files.',
    },
    references: [{ title: 'Kubernetes: Audit policy', url: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy' }],
  },
  check(context) {
    for (const object of context.objects) {
      if (!isAuditPolicy(object)) continue;
      let catchAll: Node | undefined;
      for (const rule of auditRules(object)) {
        const anchor = (rule.items[0] as Pair | undefined)?.key as Node | undefined;
        if (catchAll && anchor) {
          context.report({ node: anchor, message: 'This audit rule never matches: an earlier rule without selectors matches every request first (the first matching rule wins).', related: [{ node: catchAll, message: 'the catch-all rule' }], tags: ['unnecessary'] });
          continue;
        }
        const selectors = (rule.items as Pair[]).map((pair) => keyName(pair)).filter((key): key is string => key !== undefined && RULE_SELECTORS.includes(key));
        const restricted = selectors.some((key) => {
          const seq = getSeq(rule, key);
          return key === 'resources' ? mapItems(seq).length > 0 : stringItems(seq).length > 0 || (seq?.items.length ?? 0) > 0;
        });
        if (!restricted && scalarString(getNode(rule, 'level')) !== undefined) catchAll = anchor;
      }
    }
  },
});
