import { parse } from '@marcbachmann/cel-js';
import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { getMap, getNode, getSeq, isScalar, mapItems, nodeSpan, scalarString, stringItems, type Node, type Scalar, type YAMLMap } from '../../../documents/yaml';
import { mapScalar } from '../../../falco/sourceMap';

const EXPRESSION_FIELDS: readonly [string, string][] = [
  ['validations', 'expression'],
  ['validations', 'messageExpression'],
  ['matchConditions', 'expression'],
  ['variables', 'expression'],
  ['auditAnnotations', 'valueExpression'],
];
const VALIDATION_ACTIONS = ['Deny', 'Warn', 'Audit'];

export default defineKubernetesRule({
  meta: {
    id: 'admission-policy-cel',
    title: 'ValidatingAdmissionPolicy expressions must compile',
    description:
      'Parses the CEL expressions of ValidatingAdmissionPolicy objects (`validations[].expression` and `messageExpression`, `matchConditions`, `variables`, `auditAnnotations[].valueExpression`) and reports syntax errors at their place; checks that a policy has validations or audit annotations, and that bindings name a policy and use Deny, Warn or Audit as `validationActions`.',
    rationale: 'The API server rejects a policy whose CEL does not compile, so the admission control you wrote is not in force; a binding without a valid action binds nothing.',
    remediation: 'Fix the expression at the reported place (CEL syntax: `object.spec.replicas <= 5`, `has(object.metadata.labels)`, `x.all(c, …)`).',
    defaultSeverity: 'error',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      differences:
        'No peer parses ValidatingAdmissionPolicy CEL.',
    },
    references: [{ title: 'Kubernetes: Validating Admission Policy', url: 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/' }, { title: 'CEL language definition', url: 'https://github.com/google/cel-spec/blob/master/doc/langdef.md' }],
  },
  check(context) {
    for (const object of context.objects) {
      if (!object.apiVersion.startsWith('admissionregistration.k8s.io/')) continue;
      const spec = getMap(object.root, 'spec');
      if (object.kind === 'ValidatingAdmissionPolicy' && spec) {
        for (const [list, field] of EXPRESSION_FIELDS) for (const entry of mapItems(getSeq(spec, list))) checkExpression(context, entry, field);
        if (!getSeq(spec, 'validations')?.items.length && !getSeq(spec, 'auditAnnotations')?.items.length) {
          context.report({ node: object.kindNode, message: 'A ValidatingAdmissionPolicy needs validations or auditAnnotations: this one checks nothing.' });
        }
      }
      if (object.kind === 'ValidatingAdmissionPolicyBinding' && spec) {
        if (!scalarString(getNode(spec, 'policyName'))) context.report({ node: object.kindNode, message: 'The binding names no policyName: it binds nothing.' });
        const actions = stringItems(getSeq(spec, 'validationActions'));
        if (actions.length === 0) context.report({ node: object.kindNode, message: 'The binding has no validationActions (Deny, Warn or Audit): the API server rejects it.' });
        for (const action of actions) if (!VALIDATION_ACTIONS.includes(action.value)) context.report({ span: nodeSpan(action.node), message: `validationActions entry "${action.value}" must be Deny, Warn or Audit.` });
      }
    }
  },
});

function checkExpression(context: KubernetesRuleContext, entry: YAMLMap, field: string): void {
  const node = getNode(entry, field) as Node | undefined;
  if (!isScalar(node) || typeof (node as Scalar).value !== 'string') return;
  const expression = (node as Scalar).value as string;
  try {
    parse(expression);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = caretOffset(expression, message);
    const map = mapScalar(context.file.text, node as Scalar, expression);
    const span = offset === undefined ? nodeSpan(node) : map.spanToSource({ start: offset, end: Math.min(offset + 1, expression.length) || offset });
    context.report({ span, message: `CEL ${field} does not compile: ${message.split('\n')[0]}.` });
  }
}

/** cel-js marks the error with a caret under a `>    N | source line`: turn that into an offset in the expression. */
function caretOffset(expression: string, message: string): number | undefined {
  const lines = message.split('\n');
  const marked = lines.findIndex((line) => /^>\s+\d+ \| /.test(line));
  if (marked < 0 || marked + 1 >= lines.length) return undefined;
  const lineNumber = Number(/^>\s+(\d+) \| /.exec(lines[marked])?.[1] ?? 1);
  const codeStart = lines[marked].indexOf('| ') + 2;
  const column = lines[marked + 1].indexOf('^') - codeStart;
  if (column < 0) return undefined;
  const lineStarts = [0];
  for (let index = 0; index < expression.length; index++) if (expression[index] === '\n') lineStarts.push(index + 1);
  return Math.min((lineStarts[lineNumber - 1] ?? 0) + column, expression.length);
}
