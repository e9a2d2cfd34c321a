import { defineKubernetesRule } from '../../../rule';
import { replaceScalar } from '../../../fixes';
import { describeWorkload, workloadAnchor } from '../../model';
import { readBool } from '../../values';
import { fix, setField } from '../helpers';

const FIX_TITLE = 'Set automountServiceAccountToken: false (unsafe: breaks pods that call the Kubernetes API)';

export default defineKubernetesRule({
  meta: {
    id: 'automount-service-account-token',
    title: 'Do not mount the service account token',
    description:
      'Reports pod templates that do not set `automountServiceAccountToken: false` in the pod spec. The ServiceAccount can also disable automounting; a pod-level `true` overrides it.',
    rationale:
      'Every container gets a token for the pod\'s ServiceAccount at /var/run/secrets/kubernetes.io/serviceaccount unless automounting is off. An attacker who gets code execution in the container can use it against the API server with whatever RBAC the account has.',
    remediation:
      'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount). Pods that need the API should use a dedicated ServiceAccount with minimal RBAC, or a projected token volume with a short expiry and audience.',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    peers: {
      kubesec: ['AutomountServiceAccountToken'],
      polaris: ['automountServiceAccountToken'],
      trivy: ['KSV036'],
      checkov: ['CKV_K8S_38'],
      kubescape: ['C-0034', 'C-0190', 'C-0261'],
      differences:
        'Read from the pod template of every workload kind. Trivy `KSV036` reads `spec.automountServiceAccountToken` of the object itself, so for a Deployment it looks at the wrong place.',
    },
    references: [
      { title: 'Configure Service Accounts for Pods: opt out of API credential automounting', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting' },
    ],
  },
  check(context) {
    const { file } = context;
    for (const workload of context.workloads) {
      const read = readBool(file, workload.podSpec, 'automountServiceAccountToken');
      if (read.state === 'value' && read.value) {
        context.report({
          pair: read.pair,
          message: `${describeWorkload(workload)} mounts its service account token into every container: set automountServiceAccountToken: false unless it calls the API server.`,
          fixes: [fix(FIX_TITLE, false, replaceScalar(file, read.node, false))],
        });
      } else if (read.state === 'absent' && !workload.templated) {
        context.report({
          node: workloadAnchor(workload),
          message: `${describeWorkload(workload)} mounts its service account token into every container (unless its ServiceAccount disables it): set automountServiceAccountToken: false in the pod spec unless it calls the API server.`,
          fixes: [fix(FIX_TITLE, false, setField(file, workload.podSpec, [], 'automountServiceAccountToken', false))],
        });
      }
    }
  },
});
