import { defineKubernetesRule } from '../../../rule';
import { getNode, getSeq, mapItems, scalarString, stringItems, type Node } from '../../../documents/yaml';
import { isWebhookConfiguration, webhooksOf } from './webhooks';

export default defineKubernetesRule({
  meta: {
    id: 'admission-webhook-fail-open',
    title: 'Security webhooks should fail closed, and stay out of kube-system',
    description:
      'Reports webhooks with `failurePolicy: Ignore` (requests are admitted unchecked whenever the webhook is down or slow), and webhooks whose rules match every resource or every API group without a `namespaceSelector` (they also intercept kube-system and their own namespace, which can lock the cluster when the webhook is down).',
    rationale: 'An attacker who can make a policy webhook time out (or who deploys while it restarts) bypasses it when it fails open; a webhook that intercepts its own pods cannot start again after an outage.',
    remediation: 'Use `failurePolicy: Fail` for webhooks that enforce security, and add a `namespaceSelector` that excludes kube-system and the webhook\'s own namespace.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      differences:
        'No peer checks webhook failure policies or scopes.',
    },
    references: [{ title: 'Kubernetes: Admission webhook good practices', url: 'https://kubernetes.io/docs/concepts/cluster-administration/admission-webhooks-good-practices/' }],
  },
  check(context) {
    for (const object of context.objects) {
      if (!isWebhookConfiguration(object)) continue;
      for (const webhook of webhooksOf(object)) {
        const name = scalarString(getNode(webhook, 'name')) ?? '(unnamed)';
        const failurePolicy = getNode(webhook, 'failurePolicy') as Node | undefined;
        if (scalarString(failurePolicy) === 'Ignore' && failurePolicy) {
          context.report({ node: failurePolicy, message: `Webhook "${name}" fails open: while it is unavailable, requests are admitted without its check.` });
        }
        if (getNode(webhook, 'namespaceSelector')) continue;
        const wildcard = mapItems(getSeq(webhook, 'rules')).some((rule) =>
          ['resources', 'apiGroups'].some((key) => stringItems(getSeq(rule, key)).some((item) => item.value === '*' || item.value === '*/*')),
        );
        if (wildcard) {
          const anchor = (getNode(webhook, 'name') as Node | undefined) ?? (webhook.items[0]?.key as Node);
          context.report({ node: anchor, message: `Webhook "${name}" intercepts every resource in every namespace, including kube-system and its own: add a namespaceSelector that excludes them.` });
        }
      }
    }
  },
});
