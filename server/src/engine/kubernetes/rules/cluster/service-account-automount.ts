import { defineKubernetesRule } from '../../../rule';
import { replaceScalar } from '../../../fixes';
import { readBool } from '../../values';
import { fix, setField } from '../helpers';

export default defineKubernetesRule({
  meta: {
    id: 'service-account-automount',
    title: 'ServiceAccounts should not automount their token by default',
    description: 'Reports ServiceAccount objects that do not set `automountServiceAccountToken: false`. Pods using the account then get its API token mounted unless they opt out themselves.',
    rationale: 'A token in every pod lets any code execution in the pod talk to the API server with the account\'s permissions; most workloads never call the API.',
    remediation: 'Set `automountServiceAccountToken: false` on the ServiceAccount and `true` only on the pods that need the API.',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    peers: {
      polaris: ['automountServiceAccountToken'],
      checkov: ['CKV_K8S_41'],
      kubescape: ['C-0189'],
      differences:
        'Every ServiceAccount object is checked, not only the one named `default` (Checkov `CKV_K8S_41`, Kubescape `C-0189`).',
    },
    references: [{ title: 'Kubernetes: Configure Service Accounts for Pods', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting' }],
  },
  check(context) {
    for (const object of context.objects) {
      if (object.kind !== 'ServiceAccount' || object.apiVersion !== 'v1') continue;
      const read = readBool(context.file, object.root, 'automountServiceAccountToken');
      if (read.state === 'value' && !read.value) continue;
      if (read.state === 'templated') continue;
      const title = 'Set automountServiceAccountToken: false (unsafe: pods that call the API must then opt in)';
      context.report({
        ...(read.state === 'value' ? { pair: read.pair } : { node: object.kindNode }),
        message: `ServiceAccount${object.name ? ` "${object.name}"` : ''} mounts its token into every pod that uses it: set automountServiceAccountToken: false.`,
        fixes: [fix(title, false, read.state === 'value' ? replaceScalar(context.file, read.node, false) : setField(context.file, object.root, [], 'automountServiceAccountToken', false))],
      });
    }
  },
});
