// Hostile and half-typed input: the engine never throws, never hangs, reports the parse error where it is, and
// still analyzes the parts that parsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type AnalysisResult } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fixAll';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config';

const PRIVILEGED_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';

function run(text: string, uri = 'file:///input.yaml'): AnalysisResult {
  const result = analyze({ uri, text });
  for (const finding of result.findings) {
    assert.notEqual(finding.ruleId, 'internal-error', finding.message);
    assert.ok(!finding.message.startsWith('Internal error'), finding.message);
    const { start, end } = finding.range;
    assert.ok(start.line >= 0 && start.character >= 0 && end.line >= start.line, `sane range for ${finding.ruleId}`);
    assert.ok(end.line <= result.lines.lineCount, `range inside the text for ${finding.ruleId}`);
  }
  // fixing must not throw or break a parsing file either
  const fixed = fixAll(uri, text, DEFAULT_SETTINGS, { mode: 'all' });
  assert.equal(typeof fixed.text, 'string');
  return result;
}

function ids(result: AnalysisResult): string[] {
  return result.findings.map((finding) => finding.ruleId);
}

const HOSTILE: Record<string, string> = {
  empty: '',
  'only whitespace': '  \n\n\t\n',
  'only markers': '---\n---\n...\n---\n',
  'only comments': '# nothing here\n# at all\n',
  'bare scalar': 'hello',
  'null document': 'null\n',
  'a sequence': '- a\n- b\n',
  'binary junk': '\u0000\u0001\u0002\uFFFD\uD800 kind: Pod',
  'unterminated quote': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "oops\n',
  'half-typed key': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityCon',
  'half-typed flow': 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, securityContext: {privileged: tr',
  'wrong shapes': 'apiVersion: v1\nkind: Pod\nmetadata: 3\nspec:\n  containers: "nope"\n  initContainers: {a: b}\n  securityContext: [1, 2]\n  volumes: 7\n',
  'null everywhere': 'apiVersion: v1\nkind: Pod\nmetadata:\nspec:\n  securityContext:\n  containers:\n    -\n    - name:\n      securityContext:\n        capabilities:\n          drop:\n          add:\n',
  'non-string keys': 'apiVersion: v1\nkind: Pod\nspec:\n  ? [a, b]\n  : 1\n  containers:\n    - {? {x: y} : z, name: a}\n',
  'kind list with junk items': 'apiVersion: v1\nkind: List\nitems:\n  - null\n  - 3\n  - kind: Pod\n  - apiVersion: v1\n    kind: Pod\n    spec: {containers: [null, 1, {name: x}]}\n',
  'cronjob without template': 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n',
  'tabs as indentation': 'apiVersion: v1\nkind: Pod\nspec:\n\tcontainers:\n\t\t- name: a\n',
  'duplicate documents and keys': `${PRIVILEGED_POD}---\n${PRIVILEGED_POD}kind: Pod\n`,
  'deep nesting': `apiVersion: v1\nkind: Pod\nspec:\n  x: ${'['.repeat(2000)}${']'.repeat(2000)}\n`,
  'unclosed deep nesting': `apiVersion: v1\nkind: Pod\nspec:\n  x: ${'{a: '.repeat(500)}\n`,
  'long line': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${'x'.repeat(200_000)}\n`,
  'helm everywhere': '{{- if .Values.enabled }}\napiVersion: {{ .Values.api }}\nkind: {{ .Values.kind | default "Pod" }}\nspec:\n  {{- toYaml .Values.spec | nindent 2 }}\n  containers:\n    - name: {{ .Chart.Name }}\n      securityContext: {{ toYaml .Values.sc | nindent 8 }}\n{{- end }}\n',
  'json manifest': '{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a", "securityContext": {"privileged": true}}]}}',
  'seccomp-looking broken json': '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [',
  'falco-looking': '- rule: x\n  condition: evt.type = open\n- macro: [\n',
};

for (const [name, text] of Object.entries(HOSTILE)) {
  test(`never throws: ${name}`, () => {
    run(text);
    run(text.replace(/\n/g, '\r\n'));
    run(`\uFEFF${text}`);
  });
}

test('a syntax error is reported at its place and the other documents are still analyzed', () => {
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n    - name: a\n      securityContext: {privileged: true\n---\n${PRIVILEGED_POD}`;
  const result = run(text);
  const syntax = result.findings.filter((finding) => finding.ruleId === 'yaml-syntax-error');
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].range.start.line, 7, 'points at the unclosed {');
  const privileged = result.findings.filter((finding) => finding.ruleId === 'pss-privileged');
  assert.ok(privileged.some((finding) => finding.range.start.line === 18), 'the valid second document is analyzed');
});

test('tabs, CRLF and BOM: same findings on the same lines as the plain file', () => {
  const plain = run(PRIVILEGED_POD);
  const crlf = run(PRIVILEGED_POD.replace(/\n/g, '\r\n'));
  const bom = run(`\uFEFF${PRIVILEGED_POD}`);
  const lines = (result: AnalysisResult) => result.findings.map((finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}`).sort();
  assert.ok(ids(plain).includes('pss-privileged'));
  assert.deepEqual(lines(crlf), lines(plain));
  // the BOM is one UTF-16 unit on line 0 only
  assert.deepEqual(lines(bom).filter((entry) => !entry.endsWith('@0:0') && !entry.endsWith('@0:1')), lines(plain).filter((entry) => !entry.endsWith('@0:0')));
});

test('a tab-indented manifest gets a syntax error diagnostic, not silence', () => {
  const result = run('apiVersion: v1\nkind: Pod\nspec:\n\tcontainers: []\n');
  assert.ok(ids(result).includes('yaml-syntax-error'));
});

test('Helm templates: a template hint, literal values still checked, templated values never reported', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext:\n        privileged: {{ .Values.privileged }}\n        allowPrivilegeEscalation: true\n';
  const result = run(text);
  assert.ok(ids(result).includes('template-not-rendered'));
  assert.ok(!ids(result).includes('yaml-syntax-error'), 'templates are masked before parsing');
  assert.ok(!ids(result).includes('pss-privileged'), 'a templated value is unknown, not true');
});

test('alias bombs neither hang nor explode', () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let index = 1; index < 12; index++) levels.push(`l${index}: &l${index} [*${index === 1 ? 'a' : `l${index - 1}`},*${index === 1 ? 'a' : `l${index - 1}`},*${index === 1 ? 'a' : `l${index - 1}`},*${index === 1 ? 'a' : `l${index - 1}`},*${index === 1 ? 'a' : `l${index - 1}`},*${index === 1 ? 'a' : `l${index - 1}`},*${index === 1 ? 'a' : `l${index - 1}`},*${index === 1 ? 'a' : `l${index - 1}`},*${index === 1 ? 'a' : `l${index - 1}`}]`);
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n${levels.map((line) => `  ${line}`).join('\n')}\nspec:\n  securityContext: &sc {runAsNonRoot: true}\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: *sc\n`;
  run(text);
});

test('anchors and merge keys are read like Kubernetes reads them', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: &sc\n        privileged: true\n    - name: b\n      image: nginx:1.27\n      securityContext: *sc\n';
  const result = run(text);
  const privileged = result.findings.filter((finding) => finding.ruleId === 'pss-privileged');
  assert.deepEqual(privileged.map((finding) => [finding.range.start.line, /"(a|b)"/.exec(finding.message)?.[1]]), [[8, 'a'], [8, 'b']], 'the alias user is reported at the anchored value');

  const hardened = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: &hardened\n        allowPrivilegeEscalation: false\n        capabilities: {drop: [ALL]}\n    - name: b\n      image: nginx:1.27\n      securityContext: *hardened\n    - <<: {securityContext: {allowPrivilegeEscalation: false}}\n      name: c\n      image: nginx:1.27\n';
  const hardenedIds = run(hardened).findings.filter((finding) => finding.message.includes('"b"') || finding.message.includes('"c"')).map((finding) => finding.ruleId);
  assert.ok(!hardenedIds.includes('pss-allow-privilege-escalation'), 'settings reached through an alias or a merge key count');
});

test('a huge multi-document file is analyzed', () => {
  const text = Array.from({ length: 400 }, () => PRIVILEGED_POD).join('---\n');
  const result = run(text);
  assert.equal(result.findings.filter((finding) => finding.ruleId === 'pss-privileged').length, 400);
});
