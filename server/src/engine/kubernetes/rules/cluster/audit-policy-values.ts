import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { getNode, getSeq, keyName, mapItems, nodeSpan, scalarString, stringItems, type Node, type Pair, type YAMLMap } from '../../../documents/yaml';
import { renameKey, replaceScalar } from '../../../fixes';
import { didYouMean } from '../../../text';
import { AUDIT_LEVELS, AUDIT_STAGES, auditRules, GROUP_RESOURCE_KEYS, isAuditPolicy, POLICY_KEYS, RULE_KEYS } from './audit';

export default defineKubernetesRule({
  meta: {
    id: 'audit-policy-values',
    title: 'Audit policy levels, stages and keys must be valid',
    description:
      'Checks audit.k8s.io Policy objects: `level` must be None, Metadata, Request or RequestResponse; `omitStages` entries RequestReceived, ResponseStarted, ResponseComplete or Panic; keys of the policy, its rules and `resources` entries must exist (`resourceName` → `resourceNames`, `groups` → `userGroups`, …); `users`/`userGroups` entries must not be empty.',
    rationale: 'The API server refuses a policy with an invalid level or stage at start-up; a misspelled key is dropped silently, so the rule matches far more (or less) than intended — a `resourceName:` typo makes a "log only this secret" rule apply to every secret.',
    remediation: 'Use the exact field names and values of the audit.k8s.io/v1 Policy type.',
    defaultSeverity: 'error',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'safe',
    peers: {
      differences:
        'No peer reads audit Policy files.',
    },
    references: [{ title: 'Kubernetes: Auditing', url: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/' }, { title: 'audit.k8s.io/v1 Policy', url: 'https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/' }],
  },
  check(context) {
    for (const object of context.objects) {
      if (!isAuditPolicy(object)) continue;
      checkKeys(context, object.root, POLICY_KEYS, 'policy');
      checkStages(context, object.root);
      for (const rule of auditRules(object)) {
        checkKeys(context, rule, RULE_KEYS, 'audit rule');
        const level = getNode(rule, 'level');
        const value = scalarString(level);
        if (level && value !== undefined && !AUDIT_LEVELS.includes(value)) {
          const suggestion = didYouMean(value, AUDIT_LEVELS)[0];
          context.report({
            node: level,
            message: `Audit level "${value}" is not one of ${AUDIT_LEVELS.join(', ')}${suggestion ? ` (did you mean ${suggestion}?)` : ''}: the API server refuses the policy.`,
            fixes: suggestion ? [{ title: `Change to ${suggestion}`, safe: true, edits: [replaceScalar(context.file, level, suggestion)] }] : [],
          });
        }
        checkStages(context, rule);
        for (const key of ['users', 'userGroups']) {
          for (const item of stringItems(getSeq(rule, key))) {
            if (item.value.trim() === '') context.report({ node: item.node, message: `An empty ${key} entry matches nothing useful and hides a missing name.` });
          }
        }
        for (const resource of mapItems(getSeq(rule, 'resources'))) checkKeys(context, resource, GROUP_RESOURCE_KEYS, 'resources entry');
      }
    }
  },
});

const ALIASES: Record<string, string> = { resourceName: 'resourceNames', resource: 'resources', groups: 'userGroups', user: 'users', verb: 'verbs', namespace: 'namespaces', apiGroups: 'group', apiGroup: 'group' };

function checkKeys(context: KubernetesRuleContext, map: YAMLMap, known: readonly string[], where: string): void {
  for (const pair of map.items as Pair[]) {
    const key = keyName(pair);
    if (key === undefined || known.includes(key)) continue;
    const suggestion = ALIASES[key] && known.includes(ALIASES[key]) ? ALIASES[key] : didYouMean(key, known)[0];
    context.report({
      node: pair.key as Node,
      severity: 'warning',
      message: `Unknown key "${key}" in ${where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: the API server ignores it${where === 'policy' ? '' : ', so this rule matches more than it says'}.`,
      fixes: suggestion ? [{ title: `Rename to ${suggestion}`, safe: true, edits: [renameKey(pair, suggestion)] }] : [],
    });
  }
}

function checkStages(context: KubernetesRuleContext, map: YAMLMap): void {
  for (const item of stringItems(getSeq(map, 'omitStages'))) {
    if (AUDIT_STAGES.includes(item.value)) continue;
    const suggestion = didYouMean(item.value, AUDIT_STAGES)[0];
    context.report({
      span: nodeSpan(item.node),
      message: `"${item.value}" is not an audit stage (${AUDIT_STAGES.join(', ')})${suggestion ? `: did you mean ${suggestion}?` : ''}.`,
      fixes: suggestion ? [{ title: `Change to ${suggestion}`, safe: true, edits: [replaceScalar(context.file, item.node, suggestion)] }] : [],
    });
  }
}
