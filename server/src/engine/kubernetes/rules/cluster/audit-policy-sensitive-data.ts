import { defineKubernetesRule } from '../../../rule';
import { getNode, getSeq, mapItems, scalarString, stringItems, type Node, type YAMLMap } from '../../../documents/yaml';
import { auditRules, isAuditPolicy, RULE_SELECTORS } from './audit';

const SENSITIVE = ['secrets', 'configmaps', 'tokenreviews'];
const BODY_LEVELS = ['Request', 'RequestResponse'];

export default defineKubernetesRule({
  meta: {
    id: 'audit-policy-sensitive-data',
    title: 'Do not log secret contents in the audit log',
    description: 'Reports audit rules that log request or response bodies (`Request`, `RequestResponse`) for secrets, configmaps or tokenreviews — explicitly, or through a catch-all rule that reaches them before a Metadata rule does.',
    rationale: 'At Request/RequestResponse level the audit log contains the secret data itself (base64 is not encryption) and service account tokens: anyone who can read the log backend can read every secret.',
    remediation: 'Log secrets, configmaps and tokenreviews at `Metadata` level in a rule placed before any broader Request/RequestResponse rule.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      kubescape: ['C-0161'],
      differences:
        'Kubescape `C-0161` reads the running API server\'s audit configuration; this rule reads the Policy file itself.',
    },
    references: [{ title: 'Kubernetes: Audit policy', url: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy' }],
  },
  check(context) {
    for (const object of context.objects) {
      if (!isAuditPolicy(object)) continue;
      const covered = new Set<string>();
      for (const rule of auditRules(object)) {
        const level = scalarString(getNode(rule, 'level'));
        const matched = sensitiveMatched(rule);
        const levelNode = getNode(rule, 'level') as Node | undefined;
        const fresh = matched.filter((resource) => !covered.has(resource));
        if (level && BODY_LEVELS.includes(level) && fresh.length > 0 && levelNode) {
          context.report({ node: levelNode, message: `Level ${level} logs the contents of ${fresh.join(', ')} into the audit log: put a Metadata rule for them first.` });
        }
        // Only rules without other selectors decide for every request; narrower ones leave other requests open.
        if (matched.length > 0 && isOnlyResourceSelector(rule)) matched.forEach((resource) => covered.add(resource));
      }
    }
  },
});

/** Which sensitive resources a rule can match: named in a core-group resources entry, or any when unrestricted. */
function sensitiveMatched(rule: YAMLMap): string[] {
  const resources = getSeq(rule, 'resources');
  if (!resources) return getSeq(rule, 'nonResourceURLs') ? [] : SENSITIVE;
  const matched = new Set<string>();
  for (const entry of mapItems(resources)) {
    const group = scalarString(getNode(entry, 'group')) ?? '';
    if (group !== '' && group !== 'authentication.k8s.io') continue;
    const names = stringItems(getSeq(entry, 'resources')).map((item) => item.value);
    const all = names.length === 0 || names.includes('*');
    for (const resource of SENSITIVE) {
      const inGroup = resource === 'tokenreviews' ? group === 'authentication.k8s.io' : group === '';
      if (inGroup && (all || names.includes(resource))) matched.add(resource);
    }
  }
  return [...matched];
}

function isOnlyResourceSelector(rule: YAMLMap): boolean {
  return RULE_SELECTORS.filter((key) => key !== 'resources').every((key) => !getSeq(rule, key) || getSeq(rule, key)?.items.length === 0);
}
