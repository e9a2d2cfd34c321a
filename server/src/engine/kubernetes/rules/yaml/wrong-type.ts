import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { isMap, isScalar, isSeq, isTemplated, nodeSpan, sourceOf, type Node, type Pair, type Scalar, type YAMLSeq } from '../../../documents/yaml';
import type { OffsetEdit } from '../../../types';
import { fieldOf, type FieldSpec } from '../../schema';
import { expectedTypeOf } from '../../values';
import { fix } from '../helpers';
import { forEachTypedPair, SECURITY_TYPES } from './typedTree';

const DECIMAL = /^-?(0|[1-9][0-9]*)$/;

export default defineKubernetesRule({
  meta: {
    id: 'wrong-type',
    title: 'Security fields with the wrong value type',
    description:
      'Reports security-relevant API fields whose value has the wrong type for the API: `runAsUser: "1000"`, `privileged: "true"`, `runAsNonRoot: 1`, `capabilities.drop: ALL` (a string, not a list), `seccompProfile: RuntimeDefault` (a string, not an object).',
    rationale:
      'The API server decodes manifests as JSON with the Go types of k8s.io/api and rejects a string where it expects a boolean or integer, so the workload never deploys — or, worse, a tool that "fixes" it on the way drops the setting. Quoting also hides intent from reviewers and from tools that check the value.',
    remediation: 'Write booleans and numbers without quotes, lists as lists (`drop: ["ALL"]`), and profiles as objects (`seccompProfile: {type: RuntimeDefault}`).',
    defaultSeverity: 'error',
    category: 'yaml',
    fileKind: 'kubernetes',
    fix: 'safe',
    references: [{ title: 'k8s.io/api core/v1 types.go', url: 'https://github.com/kubernetes/api/blob/master/core/v1/types.go' }],
  },
  check(context) {
    forEachTypedPair(context, ({ pair, key, field, typeName }) => {
      if (!field || !(field.securityRelevant || SECURITY_TYPES.has(typeName))) return;
      const node = pair.value as Node | null;
      if (!node || isTemplated(context.file, node)) return;
      if (isScalar(node) && (node as Scalar).value === null) return; // null means "not set"
      if (expectedTypeOf(node) === 'unknown') return; // aliases (*anchor) and other shapes we cannot judge
      checkValue(context, pair, node, field, `${typeName}.${key}`);
    });
  },
});

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

function describeActual(context: KubernetesRuleContext, node: Node): string {
  const actual = expectedTypeOf(node);
  const label = actual === 'object' ? 'a mapping' : actual === 'array' ? 'a list' : `${article(actual)} ${actual}`;
  return isScalar(node) ? `${sourceOf(context.file, node)} is ${label}` : `the value is ${label}`;
}

function checkValue(context: KubernetesRuleContext, pair: Pair, node: Node, field: FieldSpec, where: string): void {
  const { file } = context;
  const scalar = isScalar(node) ? (node as Scalar) : undefined;
  const value = scalar?.value;
  const span = nodeSpan(node);
  const replace = (newText: string): OffsetEdit | undefined => (span ? { span, newText } : undefined);
  const report = (expected: string, fixTitle?: string, edit?: OffsetEdit): void =>
    context.report({
      pair,
      message: `${where} must be ${expected}, but ${describeActual(context, node)}: the API server rejects the object.`,
      fixes: fixTitle ? [fix(fixTitle, true, edit)] : [],
    });
  switch (field.kind) {
    case 'boolean':
      if (typeof value === 'boolean') return;
      if (typeof value === 'string' && (value === 'true' || value === 'false')) return report('a boolean', `Write ${value} without quotes`, replace(value));
      return report('a boolean (true or false)');
    case 'integer':
      if ((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint') return;
      if (typeof value === 'string' && DECIMAL.test(value.trim())) return report('an integer', `Write ${value.trim()} without quotes`, replace(value.trim()));
      return report('an integer');
    case 'string':
      if (typeof value === 'string') return;
      if (scalar && (typeof value === 'number' || typeof value === 'boolean')) {
        const source = sourceOf(file, node).trim();
        return report('a string', `Quote it: "${source}"`, replace(JSON.stringify(source)));
      }
      return report('a string');
    case 'array':
      if (isSeq(node)) return checkItems(context, node as YAMLSeq, field, where);
      if (scalar && field.items === 'string' && typeof value === 'string') {
        const source = sourceOf(file, node).trim();
        return report('a list', `Make it a list: [${source}]`, replace(`[${source}]`));
      }
      return report('a list');
    case 'object': {
      if (isMap(node)) return;
      // `seccompProfile: RuntimeDefault` clearly means the profile type.
      const typeField = fieldOf(field.ref, 'type');
      if (typeof value === 'string' && typeField?.enum?.includes(value)) return report('an object', `Write {type: ${value}}`, replace(`{type: ${value}}`));
      return report('an object');
    }
    default:
      return; // string maps and int-or-string values are not checked here
  }
}

function checkItems(context: KubernetesRuleContext, seq: YAMLSeq, field: FieldSpec, where: string): void {
  if (!field.items) return;
  for (const item of seq.items) {
    if (!isScalar(item) || isTemplated(context.file, item as Node)) continue;
    const scalar = item as Scalar;
    const span = nodeSpan(scalar);
    if (!span || scalar.value === null) continue;
    if (field.items === 'string' && (typeof scalar.value === 'number' || typeof scalar.value === 'boolean')) {
      const source = sourceOf(context.file, scalar).trim();
      context.report({
        node: scalar,
        message: `Items of ${where} must be strings, but ${source} is ${article(expectedTypeOf(scalar))} ${expectedTypeOf(scalar)}: the API server rejects the object.`,
        fixes: [fix(`Quote it: "${source}"`, true, { span, newText: JSON.stringify(source) })],
      });
    }
    if (field.items === 'integer' && !(typeof scalar.value === 'number' && Number.isInteger(scalar.value))) {
      const text = typeof scalar.value === 'string' ? scalar.value.trim() : '';
      context.report({
        node: scalar,
        message: `Items of ${where} must be integers, but ${sourceOf(context.file, scalar).trim()} is ${article(expectedTypeOf(scalar))} ${expectedTypeOf(scalar)}: the API server rejects the object.`,
        fixes: DECIMAL.test(text) ? [fix(`Write ${text} without quotes`, true, { span, newText: text })] : [],
      });
    }
  }
}
