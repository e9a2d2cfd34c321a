import { defineKubernetesRule } from '../../../rule';
import { isScalar, isTemplated, type Node, type Scalar } from '../../../documents/yaml';
import { replaceScalar } from '../../../fixes';
import { fix } from '../helpers';
import { forEachTypedPair } from './typedTree';

export default defineKubernetesRule({
  meta: {
    id: 'non-canonical-boolean',
    title: 'Write booleans as true or false',
    description:
      'Reports boolean API fields written with YAML 1.1 spellings such as `yes`, `no`, `on`, `off`, `y`, `n`, `True` or `FALSE`.',
    rationale:
      'Kubernetes reads manifests as YAML 1.1 (go-yaml v2), where `yes`/`on`/`y` are booleans, but YAML 1.2 tools (yq v4, many linters, JSON Schema validators, some CI templating) read them as strings. The same file then means different things to different tools, and a reviewer can misread `privileged: on`.',
    remediation: 'Use `true` or `false`.',
    defaultSeverity: 'warning',
    category: 'yaml',
    fileKind: 'kubernetes',
    fix: 'safe',
    references: [{ title: 'YAML 1.1 boolean type', url: 'https://yaml.org/type/bool.html' }],
  },
  check(context) {
    forEachTypedPair(context, ({ pair, key, field, typeName }) => {
      if (field?.kind !== 'boolean') return;
      const node = pair.value as Node | null;
      if (!isScalar(node) || isTemplated(context.file, node)) return;
      const scalar = node as Scalar;
      if (typeof scalar.value !== 'boolean') return; // strings are wrong-type's business
      const source = (scalar.source ?? '').trim();
      if (scalar.type === 'PLAIN' && (source === 'true' || source === 'false')) return;
      const canonical = String(scalar.value);
      context.report({
        pair,
        message: `${key}: ${source} is the YAML 1.1 boolean ${canonical}; YAML 1.2 tools read it as a string. Write ${key}: ${canonical} (${typeName}.${key}).`,
        fixes: [fix(`Write ${canonical}`, true, replaceScalar(context.file, scalar, scalar.value))],
      });
    });
  },
});
