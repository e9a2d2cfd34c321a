import { defineKubernetesRule } from '../../../rule';
import { getMap, getPair, type Node } from '../../../documents/yaml';

export default defineKubernetesRule({
  meta: {
    id: 'secret-in-manifest',
    title: 'Secret values committed in plain manifests',
    description: 'Reports Secret objects that carry `data` or `stringData` values in the manifest itself.',
    rationale: 'Base64 is an encoding, not encryption: anyone who can read the repository or the CI logs can read the secret, and it stays in the history after it is rotated.',
    remediation: 'Keep secret values out of the repository: use an external secret store (External Secrets Operator, Secrets Store CSI driver), Sealed Secrets or SOPS-encrypted files, and commit only the reference.',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      differences:
        'Peers look for credentials in ConfigMaps (Trivy, Polaris `sensitiveConfigmapContent`, Kubescape `C-0012`), not for Secret objects with values committed to the repository.',
    },
    references: [{ title: 'Kubernetes: Good practices for Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' }],
  },
  check(context) {
    for (const object of context.objects) {
      if (object.kind !== 'Secret' || object.apiVersion !== 'v1') continue;
      for (const key of ['data', 'stringData']) {
        const values = getMap(object.root, key);
        if (!values || values.items.length === 0) continue;
        const type = object.root.items.find((pair) => String((pair.key as { value?: unknown })?.value) === 'type')?.value as { value?: unknown } | undefined;
        if (type?.value === 'kubernetes.io/service-account-token' && key === 'data') continue; // filled in by the token controller
        context.report({
          node: getPair(object.root, key)?.key as Node,
          message: `Secret${object.name ? ` "${object.name}"` : ''} carries ${values.items.length} value${values.items.length === 1 ? '' : 's'} in ${key}: anyone with read access to this file has them. Use an external secret store or encrypted secrets.`,
        });
      }
    }
  },
});
