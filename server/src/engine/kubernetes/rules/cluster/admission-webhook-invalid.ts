import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { getMap, getNode, getPair, getSeq, keyName, mapItems, nodeSpan, scalarString, stringItems, type Node, type Pair, type YAMLMap } from '../../../documents/yaml';
import { renameKey, replaceScalar } from '../../../fixes';
import { didYouMean } from '../../../text';
import { readInt } from '../../values';
import { isWebhookConfiguration, webhooksOf } from './webhooks';

const SIDE_EFFECTS_V1 = ['None', 'NoneOnDryRun'];
const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*'];
const SCOPES = ['Cluster', 'Namespaced', '*'];
const RULE_KEYS = ['apiGroups', 'apiVersions', 'resources', 'operations', 'scope'];
const FAILURE_POLICIES = ['Fail', 'Ignore'];

export default defineKubernetesRule({
  meta: {
    id: 'admission-webhook-invalid',
    title: 'Admission webhooks must be valid',
    description:
      'Checks Validating/MutatingWebhookConfiguration (admissionregistration.k8s.io/v1) webhooks: `sideEffects` required and None or NoneOnDryRun, `admissionReviewVersions` required, `timeoutSeconds` between 1 and 30, `failurePolicy` Fail or Ignore, `clientConfig` with exactly one of `url` and `service`, rule keys (`apiVersion` → `apiVersions`, …) and `operations`/`scope` values.',
    rationale: 'The API server rejects an invalid configuration, so the webhook — often a policy engine enforcing security rules — is not installed at all; a misspelled rule key is dropped and the webhook then intercepts something else than intended.',
    remediation: 'Use the admissionregistration.k8s.io/v1 field names and values.',
    defaultSeverity: 'error',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'safe',
    peers: {
      differences:
        'No peer validates webhook configurations (Kubescape `C-0036`/`C-0039` only list webhooks of a running cluster).',
    },
    references: [{ title: 'Kubernetes: Dynamic Admission Control', url: 'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/' }],
  },
  check(context) {
    for (const object of context.objects) {
      if (!isWebhookConfiguration(object) || !object.apiVersion.endsWith('/v1')) continue;
      for (const webhook of webhooksOf(object)) checkWebhook(context, webhook);
    }
  },
});

function anchorOf(webhook: YAMLMap): Node {
  return (getPair(webhook, 'name')?.value as Node | undefined) ?? ((webhook.items[0] as Pair | undefined)?.key as Node) ?? webhook;
}

function checkWebhook(context: KubernetesRuleContext, webhook: YAMLMap): void {
  const name = scalarString(getNode(webhook, 'name')) ?? '(unnamed)';
  const sideEffects = getNode(webhook, 'sideEffects');
  const sideEffectsValue = scalarString(sideEffects);
  if (!sideEffects) context.report({ node: anchorOf(webhook), message: `Webhook "${name}" has no sideEffects: admissionregistration.k8s.io/v1 requires None or NoneOnDryRun.` });
  else if (sideEffectsValue !== undefined && !SIDE_EFFECTS_V1.includes(sideEffectsValue)) {
    context.report({ node: sideEffects, message: `sideEffects "${sideEffectsValue}" is not allowed in v1 (only None or NoneOnDryRun; Some and Unknown were v1beta1).` });
  }
  const versions = getSeq(webhook, 'admissionReviewVersions');
  if (!versions || versions.items.length === 0) context.report({ node: anchorOf(webhook), message: `Webhook "${name}" has no admissionReviewVersions: v1 requires it (e.g. ["v1"]).` });
  const timeout = readInt(context.file, webhook, 'timeoutSeconds');
  if (timeout.state === 'value' && (timeout.value < 1 || timeout.value > 30)) context.report({ pair: timeout.pair, message: `timeoutSeconds must be between 1 and 30 (is ${timeout.value}).` });
  const failurePolicy = getNode(webhook, 'failurePolicy');
  const policy = scalarString(failurePolicy);
  if (failurePolicy && policy !== undefined && !FAILURE_POLICIES.includes(policy)) {
    const suggestion = didYouMean(policy, FAILURE_POLICIES)[0];
    context.report({ node: failurePolicy, message: `failurePolicy "${policy}" must be Fail or Ignore.`, fixes: suggestion ? [{ title: `Change to ${suggestion}`, safe: true, edits: [replaceScalar(context.file, failurePolicy, suggestion)] }] : [] });
  }
  const clientConfig = getMap(webhook, 'clientConfig');
  if (clientConfig) {
    const hasUrl = getPair(clientConfig, 'url') !== undefined;
    const hasService = getPair(clientConfig, 'service') !== undefined;
    if (hasUrl === hasService) context.report({ node: getPair(webhook, 'clientConfig')?.key as Node, message: `clientConfig of webhook "${name}" needs exactly one of url and service${hasUrl ? ' (both are set)' : ''}.` });
  }
  for (const rule of mapItems(getSeq(webhook, 'rules'))) {
    for (const pair of rule.items as Pair[]) {
      const key = keyName(pair);
      if (key === undefined || RULE_KEYS.includes(key)) continue;
      const suggestion = key === 'apiVersion' ? 'apiVersions' : key === 'apiGroup' ? 'apiGroups' : key === 'operation' ? 'operations' : key === 'resource' ? 'resources' : didYouMean(key, RULE_KEYS)[0];
      context.report({ node: pair.key as Node, message: `Unknown rule key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: it is dropped, so the rule matches something else.`, fixes: suggestion ? [{ title: `Rename to ${suggestion}`, safe: true, edits: [renameKey(pair, suggestion)] }] : [] });
    }
    for (const operation of stringItems(getSeq(rule, 'operations'))) {
      if (!OPERATIONS.includes(operation.value)) {
        const suggestion = didYouMean(operation.value.toUpperCase(), OPERATIONS)[0] ?? (OPERATIONS.includes(operation.value.toUpperCase()) ? operation.value.toUpperCase() : undefined);
        context.report({ span: nodeSpan(operation.node), message: `Operation "${operation.value}" is not one of ${OPERATIONS.join(', ')}.`, fixes: suggestion ? [{ title: `Change to ${suggestion}`, safe: true, edits: [replaceScalar(context.file, operation.node, suggestion)] }] : [] });
      }
    }
    const scope = getNode(rule, 'scope');
    const scopeValue = scalarString(scope);
    if (scope && scopeValue !== undefined && !SCOPES.includes(scopeValue)) context.report({ node: scope, message: `scope "${scopeValue}" must be Cluster, Namespaced or *.` });
  }
}
