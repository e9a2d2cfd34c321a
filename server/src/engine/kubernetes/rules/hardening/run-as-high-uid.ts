import { defineKubernetesRule } from '../../../rule';
import { getPair, type Pair } from '../../../documents/yaml';
import { effectiveInt } from '../../securityContext';
import { readBool } from '../../values';
import { containerAnchor, describeWorkload, isWindowsPod } from '../../model';
import { describeContainer, fix, setPodField } from '../helpers';

/** UIDs up to this value are commonly allocated on hosts (system and login users); above it a UID is unlikely to collide. */
export const HIGH_UID_THRESHOLD = 10000;
const SUGGESTED_UID = 10001;

export default defineKubernetesRule({
  meta: {
    id: 'run-as-high-uid',
    title: 'Run as a UID above 10000',
    description:
      'Reports containers whose effective `runAsUser` (the container value, else the pod value) is not set, or is 10000 or lower. A value set at pod level is reported once, at the pod-level field. Pods with `hostUsers: false` (their own user namespace) and Windows pods are skipped.',
    rationale:
      'Without user namespaces a UID inside the container is the same UID on the node. A low UID may be shared with a real host user or system service, so a process that escapes the container (or reaches a hostPath) acts with that user\'s files and permissions. A high, dedicated UID owns nothing on the host.',
    remediation: 'Set `securityContext.runAsUser` to a dedicated UID above 10000 (for example `10001`) at pod level, and build the image so it works as that user.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    supersededBy: ['pss-run-as-user'],
    peers: {
      kubesec: ['RunAsUser'],
      trivy: ['KSV020'],
      checkov: ['CKV_K8S_40'],
      differences:
        'Like kubesec and Trivy, a UID of 10000 or lower is reported (Checkov `CKV_K8S_40` passes 10000). The pod-level `runAsUser` counts for containers that do not set their own; Trivy `KSV020` ignores it.',
    },
    references: [
      { title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'Kubernetes user namespaces', url: 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/' },
    ],
  },
  check(context) {
    const { file } = context;
    for (const workload of context.workloads) {
      if (isWindowsPod(workload)) continue; // Windows pods use windowsOptions.runAsUserName, not UIDs.
      // With its own user namespace the pod's UIDs map to an unprivileged host range: no collision possible.
      const hostUsers = readBool(file, workload.podSpec, 'hostUsers');
      if (hostUsers.state === 'value' && !hostUsers.value) continue;
      const reportedPodPairs = new Set<Pair>();
      for (const container of workload.containers) {
        const uid = effectiveInt(file, workload, container, 'runAsUser');
        if (uid.source === 'default') {
          if (workload.templated) continue; // the template may fill it in
          const podHasField = getPair(workload.podSecurityContext, 'runAsUser') !== undefined;
          context.report({
            node: containerAnchor(container),
            severity: 'information',
            message: `${describeContainer(container)} runs as the image's user (often root or a low UID shared with the host): set runAsUser above ${HIGH_UID_THRESHOLD}.`,
            fixes: podHasField ? [] : [fix(`Set pod-level runAsUser: ${SUGGESTED_UID} (unsafe: the image must work as this UID)`, false, setPodField(file, workload, [], 'runAsUser', SUGGESTED_UID))],
          });
          continue;
        }
        const read = uid.read;
        if (read.state !== 'value' || read.value > HIGH_UID_THRESHOLD) continue;
        if (uid.source === 'pod') {
          if (reportedPodPairs.has(read.pair)) continue;
          reportedPodPairs.add(read.pair);
          const inheriting = workload.containers.filter((other) => effectiveInt(file, workload, other, 'runAsUser').source === 'pod');
          context.report({
            pair: read.pair,
            message: `${describeWorkload(workload)} runs ${inheriting.map(describeContainer).join(', ')} as UID ${read.value}: use a dedicated UID above ${HIGH_UID_THRESHOLD} so it cannot collide with a host user.`,
            related: inheriting.map((other) => ({ node: containerAnchor(other), message: `${describeContainer(other)} inherits runAsUser ${read.value}` })),
          });
          continue;
        }
        context.report({
          pair: read.pair,
          message: `${describeContainer(container)} runs as UID ${read.value}: use a dedicated UID above ${HIGH_UID_THRESHOLD} so it cannot collide with a host user.`,
        });
      }
    }
  },
});
