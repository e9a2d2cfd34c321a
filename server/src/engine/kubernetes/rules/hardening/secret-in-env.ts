import { defineKubernetesRule } from '../../../rule';
import { getNode, getSeq, isTemplated, mapItems, scalarString, type Node } from '../../../documents/yaml';
import { describeContainer, forEachContainer } from '../helpers';

const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|_KEY$)/i;
/** Names that hold where a secret is, not the secret. */
const REFERENCE_NAME = /_(FILE|PATH|NAME|DIR|LOCATION|REF|URL|URI|ENDPOINT|HOST|PORT|ID|TYPE|ENABLED|TTL|EXPIRY|LENGTH)$/i;
const KEY_MATERIAL = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

export default defineKubernetesRule({
  meta: {
    id: 'secret-in-env',
    title: 'Do not put secrets in plain env values',
    description: 'Reports container `env` entries with a literal `value` whose name says it is a secret (…PASSWORD, …SECRET, …TOKEN, …API_KEY, …_KEY, …CREDENTIALS; not …_FILE, …_PATH, …_URL and other references) or whose value contains private key material.',
    rationale: 'A literal value lives in the manifest, the repository history, `kubectl get -o yaml` output and every copy of the pod spec; anyone who can read Deployments reads the secret.',
    remediation: 'Store the value in a Secret and reference it: `valueFrom: {secretKeyRef: {name: app-secrets, key: password}}` (or mount it as a file).',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      kubeLinter: ['env-var-secret'],
      polaris: ['sensitiveContainerEnvVar'],
      kubescape: ['C-0012', 'C-0259'],
      differences:
        'Names such as PASSWORD, TOKEN and `*_KEY`, and private-key material in values. kube-linter `env-var-secret` only matches names containing SECRET; Trivy and Checkov do not look at env values.',
    },
    references: [{ title: 'Kubernetes: Secrets as environment variables', url: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables' }],
  },
  check(context) {
    forEachContainer(context, (_workload, container) => {
      for (const entry of mapItems(getSeq(container.node, 'env'))) {
        const name = scalarString(getNode(entry, 'name'));
        const valueNode = getNode(entry, 'value') as Node | undefined;
        const value = scalarString(valueNode);
        if (!name || !valueNode || value === undefined || value.trim() === '' || isTemplated(context.file, valueNode)) continue;
        if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(value.trim())) continue; // a reference to another variable
        const keyMaterial = KEY_MATERIAL.test(value);
        if (!keyMaterial && (!SECRET_NAME.test(name) || REFERENCE_NAME.test(name))) continue;
        context.report({
          node: valueNode,
          message: `${describeContainer(container)} sets ${name} to a literal ${keyMaterial ? 'private key' : 'value'}: move it to a Secret and use valueFrom.secretKeyRef.`,
        });
      }
    });
  },
});
