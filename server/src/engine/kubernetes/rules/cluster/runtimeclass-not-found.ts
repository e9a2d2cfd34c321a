import { defineKubernetesRule } from '../../../rule';
import { getNode, nodeSpan, scalarString, type Node } from '../../../documents/yaml';
import { describeWorkload } from '../../model';

export default defineKubernetesRule({
  meta: {
    id: 'runtimeclass-not-found',
    title: 'A pod\'s runtimeClassName should name a RuntimeClass of the workspace',
    description: 'In the editor and in folder scans, reports `runtimeClassName` values that match no RuntimeClass object of the workspace (or of the same file). Go to definition on the value opens the RuntimeClass.',
    rationale: 'A pod naming a RuntimeClass that does not exist is rejected by admission ("RuntimeClass not found"); a misspelled sandbox name is found only at deploy time.',
    remediation: 'Fix the name, or add the RuntimeClass (e.g. `gvisor` with `handler: runsc`) to the manifests.',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      differences:
        'No peer resolves `runtimeClassName` against the RuntimeClasses of the project.',
    },
    references: [{ title: 'Kubernetes: Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' }],
  },
  check(context) {
    const known = context.workspace.runtimeClasses;
    if (!known) return;
    const inFile = context.objects.filter((object) => object.kind === 'RuntimeClass' && object.name).map((object) => object.name as string);
    for (const workload of context.workloads) {
      const node = getNode(workload.podSpec, 'runtimeClassName') as Node | undefined;
      const name = scalarString(node);
      if (!node || !name || known.includes(name) || inFile.includes(name)) continue;
      context.report({ span: nodeSpan(node), message: `${describeWorkload(workload)} uses runtimeClassName "${name}", but no RuntimeClass of that name is in the workspace: admission rejects the pod if the cluster has none either.` });
    }
  },
});
