import { defineKubernetesRule } from '../../../rule';
import { getNode, type Node } from '../../../documents/yaml';
import { describeWorkload } from '../../model';

export default defineKubernetesRule({
  meta: {
    id: 'network-policy-missing',
    title: 'Namespaces with workloads should have a NetworkPolicy',
    description: 'In the editor and in folder scans, reports workloads whose namespace has no NetworkPolicy anywhere in the workspace (or the same file). Workloads without an explicit namespace are not judged.',
    rationale: 'Without a NetworkPolicy every pod accepts traffic from every other pod in the cluster: one compromised workload can reach all the others, including databases and internal admin endpoints.',
    remediation: 'Add a default-deny NetworkPolicy to the namespace (`podSelector: {}` with `policyTypes: [Ingress, Egress]`) and allow only the flows the workloads need.',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      kubeLinter: ['non-isolated-pod'],
      polaris: ['missingNetworkPolicy'],
      checkov: ['CKV2_K8S_6'],
      kubescape: ['C-0206', 'C-0260'],
      differences:
        'Per namespace, like Kubescape `C-0206`; kube-linter `non-isolated-pod` and Kubescape `C-0260` work per workload.',
    },
    references: [{ title: 'Kubernetes: Network Policies', url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/' }],
  },
  check(context) {
    const known = context.workspace.networkPolicyNamespaces;
    if (!known) return;
    const inFile = context.objects.filter((object) => object.kind === 'NetworkPolicy').map((object) => object.namespace ?? 'default');
    const reported = new Set<string>();
    for (const workload of context.workloads) {
      const namespace = workload.object.namespace;
      if (!namespace || known.includes(namespace) || inFile.includes(namespace) || reported.has(namespace)) continue;
      reported.add(namespace);
      const node = (getNode(workload.object.metadata, 'namespace') as Node | undefined) ?? workload.object.kindNode;
      context.report({ node, message: `Namespace "${namespace}" (${describeWorkload(workload)}) has no NetworkPolicy in this workspace: all its pods accept traffic from anywhere in the cluster.` });
    }
  },
});
