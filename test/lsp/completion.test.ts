import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/features/completion';

/** Completion labels at the `|` of a (possibly half-typed) document. */
function labels(textWithCursor: string): string[] {
  const offset = textWithCursor.indexOf('|');
  return complete(textWithCursor.replace('|', ''), offset).map((entry) => entry.label);
}

const CONTAINER = 'kind: Pod\nspec:\n  containers:\n  - name: x\n    securityContext:\n';

test('keys at container securityContext, without those already present', () => {
  const result = labels(`${CONTAINER}      runAsUser: 1000\n      runAsNo|`);
  assert.ok(result.includes('runAsNonRoot'));
  assert.ok(result.includes('seccompProfile'));
  assert.ok(!result.includes('runAsUser'));
});

test('keys on an empty line right after `securityContext:`', () => {
  assert.ok(labels(`${CONTAINER}      |`).includes('allowPrivilegeEscalation'));
});

test('pod-level securityContext offers pod fields', () => {
  const result = labels('kind: Pod\nspec:\n  securityContext:\n    |\n  containers: []\n');
  assert.ok(result.includes('fsGroup'));
  assert.ok(!result.includes('allowPrivilegeEscalation'));
});

test('enum and boolean values', () => {
  assert.deepEqual(labels(`${CONTAINER}      seccompProfile:\n        type: |`).sort(), ['Localhost', 'RuntimeDefault', 'Unconfined']);
  assert.deepEqual(labels(`${CONTAINER}      procMount: |`).sort(), ['Default', 'Unmasked']);
  assert.deepEqual(labels(`${CONTAINER}      runAsNonRoot: |`), ['true', 'false']);
});

test('capability names in drop (with ALL) and add', () => {
  const drop = labels(`${CONTAINER}      capabilities:\n        drop:\n        - |`);
  assert.equal(drop[0], 'ALL');
  assert.ok(drop.includes('NET_RAW'));
  const add = labels(`${CONTAINER}      capabilities:\n        add:\n          - NET_|`);
  assert.ok(add.includes('NET_BIND_SERVICE'));
  assert.ok(!add.includes('ALL'));
});

test('container and pod spec keys in a Deployment; the seccompProfile snippet', () => {
  const doc = 'kind: Deployment\nspec:\n  template:\n    spec:\n      host|\n      containers:\n        - name: x\n';
  assert.ok(labels(doc).includes('hostNetwork'));
  assert.ok(labels('kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - |').includes('image'));
  const entries = complete(`${CONTAINER}      `, `${CONTAINER}      `.length);
  assert.equal(entries.find((entry) => entry.label === 'seccompProfile')?.insertText, 'seccompProfile:\n  type: RuntimeDefault');
});

test('no completion outside a Kubernetes object', () => {
  assert.deepEqual(labels('foo:\n  |'), []);
});

test('enum values of the cluster security objects', () => {
  assert.deepEqual(labels('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: |'), ['None', 'Metadata', 'Request', 'RequestResponse']);
  assert.deepEqual(labels('apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nwebhooks:\n  - name: x\n    reinvocationPolicy: |'), ['Never', 'IfNeeded']);
  assert.ok(labels('apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nwebhooks:\n  - name: x\n    rules:\n      - operations:\n          - |').includes('CONNECT'));
  assert.deepEqual(labels('apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nspec:\n  validationActions:\n    - |'), ['Deny', 'Warn', 'Audit']);
  assert.ok(labels('apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nhandler: |').includes('runsc'));
});
