import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { isScalar, isSeq, isTemplated, nodeSpan, type Node, type Scalar, type YAMLSeq } from '../../../documents/yaml';
import { fix } from '../helpers';
import { forEachTypedPair } from './typedTree';

/** UID/GID fields: here a leading zero is a typo, not a permission mode (unlike defaultMode: 0644). */
const ID_FIELDS: ReadonlySet<string> = new Set(['runAsUser', 'runAsGroup', 'fsGroup', 'supplementalGroups']);
const ID_TYPES: ReadonlySet<string> = new Set(['SecurityContext', 'PodSecurityContext']);
/** YAML 1.1 octal: a leading 0 followed by octal digits. */
const YAML11_OCTAL = /^[-+]?0[0-7]+$/;

export default defineKubernetesRule({
  meta: {
    id: 'octal-uid-gid',
    title: 'UIDs and GIDs with a leading zero are octal',
    description: 'Reports `runAsUser`, `runAsGroup`, `fsGroup` and `supplementalGroups` values written with a leading zero, such as `runAsUser: 0777`.',
    rationale:
      'Kubernetes reads manifests as YAML 1.1, where `0777` is an octal number: `runAsUser: 0777` runs as UID 511, not 777. A leading zero makes sense for file modes (`defaultMode: 0644`), never for user and group ids, and YAML 1.2 tools read the same text as 777.',
    remediation: 'Write the id in decimal without a leading zero.',
    defaultSeverity: 'warning',
    category: 'yaml',
    fileKind: 'kubernetes',
    fix: 'safe',
    references: [{ title: 'YAML 1.1 integer type', url: 'https://yaml.org/type/int.html' }],
  },
  check(context) {
    forEachTypedPair(context, ({ pair, key, typeName }) => {
      if (!ID_FIELDS.has(key) || !ID_TYPES.has(typeName)) return;
      const value = pair.value as Node | null;
      if (isSeq(value)) for (const item of (value as YAMLSeq).items) check(context, item as Node, key);
      else check(context, value, key);
    });
  },
});

function check(context: KubernetesRuleContext, node: Node | null, key: string): void {
  if (!isScalar(node) || isTemplated(context.file, node)) return;
  const scalar = node as Scalar;
  const source = (scalar.source ?? '').trim();
  const span = nodeSpan(scalar);
  if (scalar.type !== 'PLAIN' || typeof scalar.value !== 'number' || !YAML11_OCTAL.test(source) || !span) return;
  const read = scalar.value;
  const asWritten = String(Number.parseInt(source, 10));
  if (String(read) === asWritten) return; // 00 or 07: same value either way
  context.report({
    node: scalar,
    message: `${key}: ${source} is octal in YAML 1.1, so Kubernetes reads ${read}, not ${asWritten}. Write the id in decimal.`,
    fixes: [
      // Writing what Kubernetes already reads changes nothing at runtime, so it is safe; the decimal digits are not.
      fix(`Write ${read} (the value Kubernetes reads)`, true, { span, newText: String(read) }),
      fix(`Write ${asWritten} (the digits as written; unsafe: changes the id)`, false, { span, newText: asWritten }),
    ],
  });
}
