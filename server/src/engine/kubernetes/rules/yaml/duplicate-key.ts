import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { isMap, isSeq, isTemplated, keyName, type Node, type Pair, type YAMLMap, type YAMLSeq } from '../../../documents/yaml';
import { isMergeKey } from './typedTree';

export default defineKubernetesRule({
  meta: {
    id: 'duplicate-key',
    title: 'Duplicate keys in a mapping',
    description: 'Reports a key that appears more than once in the same mapping, at each repetition, with the first occurrence as related location.',
    rationale:
      'YAML forbids duplicate keys, but Kubernetes tooling disagrees on what to do: go-yaml v2 based decoding (sigs.k8s.io/yaml, older kubectl) silently keeps the last value, while strict field validation (kubectl apply since 1.27, server-side strict decoding) rejects the object. Either way one of the two values — often a security setting added later — is not what runs.',
    remediation: 'Keep one occurrence of the key and merge the intended values into it.',
    defaultSeverity: 'error',
    category: 'yaml',
    fileKind: 'kubernetes',
    fix: 'none',
    references: [
      { title: 'YAML 1.2: mapping keys are unique', url: 'https://yaml.org/spec/1.2.2/#mapping' },
      { title: 'Kubernetes API: field validation', url: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation' },
    ],
  },
  check(context) {
    for (const document of context.file.documents) {
      const root = document.doc.contents as Node | null;
      if (root) visit(context, root, 0);
    }
  },
});

function visit(context: KubernetesRuleContext, node: Node, depth: number): void {
  if (depth > 64) return;
  if (isSeq(node)) {
    for (const item of (node as YAMLSeq).items) if (item) visit(context, item as Node, depth + 1);
    return;
  }
  if (!isMap(node)) return;
  const first = new Map<string, Pair>();
  for (const item of (node as YAMLMap).items) {
    const pair = item as Pair;
    const key = keyName(pair);
    const value = pair.value as Node | null;
    if (value) visit(context, value, depth + 1);
    // Template actions are blanked out, so two templated keys would look equal.
    if (key === undefined || isMergeKey(pair) || isTemplated(context.file, pair.key as Node)) continue;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, pair);
      continue;
    }
    context.report({
      node: pair.key as Node,
      message: `Duplicate key "${key}": lenient decoders keep only this last value and silently drop the earlier one, strict field validation rejects the object. Keep one "${key}".`,
      related: [{ node: earlier.key as Node, message: `first "${key}"` }],
    });
  }
}
