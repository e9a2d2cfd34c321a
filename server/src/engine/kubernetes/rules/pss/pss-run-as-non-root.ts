import { defineKubernetesRule } from '../../../rule';
import { replaceScalar } from '../../../fixes';
import { describeWorkload, type Container } from '../../model';
import { readBool } from '../../values';
import { describeContainer, fix, setPodField } from '../helpers';
import { inUserNamespace, pssReferences, reportUnset, since, suffix } from './common';

const CHECK = suffix('restricted', 'runAsNonRoot');
const POD_FIX_TITLE = 'Set pod-level runAsNonRoot: true (unsafe: the image must run as a non-root user)';

export default defineKubernetesRule({
  meta: {
    id: 'pss-run-as-non-root',
    title: 'Containers must run as non-root',
    description:
      'Reports pods where `runAsNonRoot` is not `true` for every container (containers, init and ephemeral containers): set at pod level, or in each container. A container-level `false` overrides the pod. Mirrors the `runAsNonRoot` check of the Pod Security Standards restricted level; from Kubernetes 1.35 pods with `hostUsers: false` are exempt.',
    rationale: 'With `runAsNonRoot: true` the kubelet refuses to start a container whose user is root (UID 0), whatever the image says. Root in a container keeps root\'s file access on mounted volumes and turns any escape into root on the node.',
    remediation: 'Set `securityContext.runAsNonRoot: true` at pod level, plus a non-zero `runAsUser` if the image does not declare a numeric non-root USER.',
    defaultSeverity: 'error',
    category: 'pss-restricted',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'restricted', check: 'runAsNonRoot' },
    peers: {
      kubeLinter: ['run-as-non-root'],
      kubesec: ['RunAsNonRoot'],
      polaris: ['runAsRootAllowed'],
      trivy: ['KSV012'],
      checkov: ['CKV_K8S_23'],
      kubescape: ['C-0013'],
      differences:
        'Follows pod-security-admission: `runAsNonRoot: true` is required; a non-zero `runAsUser` alone does not satisfy it. Polaris `runAsRootAllowed` and Checkov `CKV_K8S_23` accept either, so a pod they pass can still be rejected at the restricted level.',
    },
    references: pssReferences('restricted', 'check_runAsNonRoot.go'),
  },
  check(context) {
    const { file } = context;
    for (const workload of context.workloads) {
      if (since(context, 35) && inUserNamespace(file, workload)) continue;
      const pod = readBool(file, workload.podSecurityContext, 'runAsNonRoot');
      const podFix = fix(POD_FIX_TITLE, false, pod.state === 'value' ? replaceScalar(file, pod.node, true) : setPodField(file, workload, [], 'runAsNonRoot', true));
      if (pod.state === 'value' && !pod.value) {
        context.report({ pair: pod.pair, message: `${describeWorkload(workload)} sets runAsNonRoot: false for its containers ${CHECK}.`, fixes: [podFix] });
      }
      const podTrue = pod.state === 'value' && pod.value;
      const unset: Container[] = [];
      for (const container of workload.containers) {
        const own = readBool(file, container.securityContext, 'runAsNonRoot');
        if (own.state === 'value' && !own.value) {
          context.report({
            pair: own.pair,
            message: `${describeContainer(container)} sets runAsNonRoot: false, so it may run as root ${CHECK}.`,
            fixes: [fix('Set runAsNonRoot: true (unsafe: the image must run as a non-root user)', false, replaceScalar(file, own.node, true))],
          });
        } else if (own.state === 'absent' && !podTrue && pod.state !== 'value' && pod.state !== 'templated') {
          unset.push(container);
        }
      }
      reportUnset(context, workload, unset, (who) => `${who} may run as root: set securityContext.runAsNonRoot: true at pod level ${CHECK}.`, [podFix]);
    }
  },
});
