import { defineKubernetesRule } from '../../../rule';
import { isWindowsPod, type Container } from '../../model';
import { readMap } from '../../values';
import { fix, setPodField } from '../helpers';
import { pssReferences, reportUnset, since, suffix } from './common';

export default defineKubernetesRule({
  meta: {
    id: 'pss-seccomp-restricted',
    title: 'A seccomp profile must be set',
    description:
      'Reports containers (including init and ephemeral containers) for which neither the container nor the pod `securityContext` sets `seccompProfile` (to `RuntimeDefault` or `Localhost`). Mirrors the `seccompProfile_restricted` check of the Pod Security Standards restricted level (1.19+); from 1.25 Windows pods are exempt. Explicitly disabled profiles (`Unconfined`) are reported by [pss-seccomp-baseline](pss-seccomp-baseline.md), which this check replaces at level restricted.',
    rationale: 'Kubernetes runs containers Unconfined unless a profile is requested (or the kubelet enables SeccompDefault). Without a filter every system call is reachable, including those used by most kernel privilege-escalation exploits.',
    remediation: 'Set `securityContext.seccompProfile: {type: RuntimeDefault}` at pod level; it applies to every container.',
    defaultSeverity: 'error',
    category: 'pss-restricted',
    fileKind: 'kubernetes',
    fix: 'safe',
    pss: { level: 'restricted', check: 'seccompProfile_restricted' },
    peers: {
      kubesec: ['SeccompAny'],
      trivy: ['KSV030'],
      checkov: ['CKV_K8S_31'],
      kubescape: ['C-0210', 'C-0211'],
      differences:
        '`Localhost` profiles pass, as in the restricted level. Checkov `CKV_K8S_31` and Kubescape `C-0210` accept only RuntimeDefault.',
    },
    references: pssReferences('restricted', 'check_seccompProfile_restricted.go'),
  },
  check(context) {
    if (!since(context, 19)) return;
    const { file } = context;
    for (const workload of context.workloads) {
      if (since(context, 25) && isWindowsPod(workload)) continue;
      // An explicitly set pod-level profile (valid or not) covers the containers: a bad one is pss-seccomp-baseline's.
      if (readMap(file, workload.podSecurityContext, 'seccompProfile').state !== 'absent') continue;
      const unset: Container[] = workload.containers.filter((container) => readMap(file, container.securityContext, 'seccompProfile').state === 'absent');
      reportUnset(context, workload, unset, (who) => `${who} runs without a seccomp profile: set securityContext.seccompProfile.type: RuntimeDefault at pod level ${suffix('restricted', 'seccompProfile_restricted')}.`, [
        fix('Set pod-level seccompProfile type RuntimeDefault', true, setPodField(file, workload, [], 'seccompProfile', { type: 'RuntimeDefault' })),
      ]);
    }
  },
});
