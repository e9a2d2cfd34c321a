import { defineKubernetesRule } from '../../../rule';
import { getMap, getNode, getPair } from '../../../documents/yaml';
import { describeContainer, forEachContainer, reportContainerMissing } from '../helpers';

export default defineKubernetesRule({
  meta: {
    id: 'memory-limit',
    title: 'Set a memory limit on every container',
    description:
      'Reports containers and init containers without `resources.limits.memory` (ephemeral containers cannot have resources), unless the pod sets a pod-level memory limit (`spec.resources.limits.memory`, Kubernetes 1.32+). CPU limits are deliberately not required: exceeding one only throttles the container, it cannot take the node down.',
    rationale:
      'A container without a memory limit can use all of the node\'s memory: a leak, a decompression bomb or an attacker\'s process then makes the kernel OOM-kill other pods and node daemons (kubelet, runtime, log agents) — a denial of service for every tenant on the node. A limit confines the OOM kill to the offending container.',
    remediation: 'Set `resources.limits.memory` (and a matching `requests.memory`) from the container\'s measured peak use, e.g.\n\n```yaml\nresources:\n  requests: {memory: 256Mi}\n  limits: {memory: 256Mi}\n```\n\nA namespace LimitRange can supply a default.',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      kubeLinter: ['unset-memory-requirements'],
      kubesec: ['LimitsMemory'],
      polaris: ['memoryLimitsMissing'],
      trivy: ['KSV018'],
      checkov: ['CKV_K8S_13'],
      kubescape: ['C-0271', 'C-0004', 'C-0009'],
      differences:
        'CPU limits are deliberately not required (kubesec `LimitsCPU`, Polaris `cpuLimitsMissing`, Trivy `KSV011`, Checkov `CKV_K8S_11`, Kubescape `C-0270`): exceeding one only throttles the container, it cannot starve the node. Init containers are checked too (Polaris skips them); a pod-level memory limit counts.',
    },
    references: [
      { title: 'Resource Management for Pods and Containers', url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
      { title: 'Limit Ranges', url: 'https://kubernetes.io/docs/concepts/policy/limit-range/' },
    ],
  },
  check(context) {
    forEachContainer(context, (workload, container) => {
      if (container.kind === 'ephemeralContainers') return;
      // Pod-level resources (Kubernetes 1.32+) bound every container of the pod together.
      if (getNode(getMap(getMap(workload.podSpec, 'resources'), 'limits'), 'memory') !== undefined) return;
      const resources = getMap(container.node, 'resources');
      if (getNode(getMap(resources, 'limits'), 'memory') !== undefined) return;
      if (workload.templated && !resources) return;
      const message = `${describeContainer(container)} has no memory limit: it can use all of the node's memory and get other pods OOM-killed. Set resources.limits.memory.`;
      const anchor = getPair(resources, 'limits') ?? getPair(container.node, 'resources');
      if (anchor) context.report({ pair: anchor, message });
      else reportContainerMissing(context, container, message);
    });
  },
});
