// Bugs the property tests (test/fuzz/properties.ts) found, each pinned by the smallest input that showed it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, mergeSettings } from '../../server/src/engine/config';
import { fixAll } from '../../server/src/engine/fixAll';
import { applyOffsetEdits, applyTextEdits, LineIndex, minimalEdit } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/types';

const URI = 'file:///regressions/pod.yaml';

function fixesOf(text: string, ruleId: string): Finding['fixes'] {
  return analyze({ uri: URI, text }).findings.find((finding) => finding.ruleId === ruleId)?.fixes ?? [];
}

function assertParses(text: string): void {
  for (const document of parseAllDocuments(text, { version: '1.1' })) assert.deepEqual(document.errors.map((error) => error.message), []);
}

const CONTAINER_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: app\n      securityContext:\n';

test('a half-typed key without a colon gets no fix that writes at the start of the file', () => {
  const text = `# first line\n${CONTAINER_HEAD}        readOnlyRootFilesystem: true\n        "allowPrivilegeEscalation"`;
  for (const fix of fixesOf(text, 'pss-allow-privilege-escalation') ?? []) {
    for (const edit of fix.edits) assert.notDeepEqual(edit.range.start, { line: 0, character: 0 }, fix.title);
  }
});

test('an unclosed flow sequence gets no "add ALL" fix at the start of the file', () => {
  const text = `# first line\n${CONTAINER_HEAD}        capabilities:\n          drop: [`;
  for (const fix of fixesOf(text, 'pss-capabilities-restricted') ?? []) {
    for (const edit of fix.edits) assert.notDeepEqual(edit.range.start, { line: 0, character: 0 }, fix.title);
  }
});

test('removing the last item of a list keeps the comments written in it, in order', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    sysctls: # tuning\n      # the database wants it\n      - name: net.core.somaxconn\n        value: "1024" # measured\n  containers:\n    - name: app\n      image: app\n';
  const [fix] = fixesOf(text, 'pss-sysctls') ?? [];
  assert.ok(fix, 'the sysctl has a removal fix');
  const fixed = applyTextEdits(text, fix.edits);
  assertParses(fixed);
  assert.match(fixed, /sysctls: \[\] # tuning\n\s+# the database wants it\n\s+# measured\n  containers:/);
});

test('a key inserted into a mapping whose first key carries an anchor lands at the mapping column', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    &ctx runAsUser: 0\n  containers:\n    - name: app\n      image: app:1\n';
  const fix = (fixesOf(text, 'pss-run-as-non-root') ?? []).find((candidate) => candidate.title.includes('pod-level'));
  assert.ok(fix);
  const fixed = applyTextEdits(text, fix.edits);
  assertParses(fixed);
  assert.match(fixed, /\n    &ctx runAsUser: 0\n    runAsNonRoot: true\n/);
});

test('fix all never re-applies a fix that leaves its finding (a file that does not parse)', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: win\nspec:\n  os: {name: windows}\n    - name: app\n      image: app\n';
  const result = fixAll(URI, text, mergeSettings({ pssLevel: 'baseline' }), { mode: 'all' });
  assert.ok((result.text.match(/automountServiceAccountToken/g) ?? []).length <= 1, result.text);
});

test('fix all fixes every finding when two share a message (a changed action makes a second redundant rule)', () => {
  const uri = 'file:///regressions/profile.json';
  const text = '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [\n    {"names": ["read"], "action": "SCMP_ACT_ALLOW"},\n    {"names": ["ptrace"], "action": "xSCMP_ACT_ERRNO"},\n    {"names": ["kexec_load"], "action": "SCMP_ACT_ERRNO"}\n  ]\n}\n';
  const once = fixAll(uri, text, DEFAULT_SETTINGS, { mode: 'safe' });
  assert.equal(fixAll(uri, once.text, DEFAULT_SETTINGS, { mode: 'safe' }).text, once.text, 'idempotent');
  assert.doesNotMatch(once.text, /kexec_load/);
});

test('two pod specs of one object (JobSet replicated jobs) each get their finding and fix', () => {
  const settings = mergeSettings({ podSpecPaths: [{ path: 'spec.replicatedJobs.*.template.spec.template.spec', kinds: ['JobSet'] }] });
  const job = (name: string) => `    - name: ${name}\n      template:\n        spec:\n          template:\n            spec:\n              containers:\n                - name: ${name}\n                  image: trainer:1\n`;
  const text = `apiVersion: jobset.x-k8s.io/v1alpha2\nkind: JobSet\nmetadata:\n  name: training\nspec:\n  replicatedJobs:\n${job('leader')}${job('workers')}`;
  const uri = 'file:///regressions/jobset.yaml';
  assert.equal(analyze({ uri, text, settings }).findings.filter((finding) => finding.ruleId === 'automount-service-account-token').length, 2);
  const fixed = fixAll(uri, text, settings, { mode: 'all', ruleIds: ['automount-service-account-token'] });
  assert.equal((fixed.text.match(/automountServiceAccountToken: false/g) ?? []).length, 2);
});

test('minimal edits and finding positions never split a CRLF line break', () => {
  for (const [before, after] of [['a\r\nb', 'a\nb'], ['a\r\n', 'a\r'], ['q\r\n', 'q\r\nz\r\n']]) {
    const edit = minimalEdit(before, after);
    assert.ok(edit);
    assert.equal(applyOffsetEdits(before, [edit]), after);
    const lines = new LineIndex(before);
    assert.equal(applyTextEdits(before, [lines.textEdit(edit)]), after, JSON.stringify([before, after]));
  }
  assert.deepEqual(new LineIndex('ab\r\ncd').positionAt(3), { line: 0, character: 2 });
});

test('a lone \\r at the end of the text (a CRLF file cut off) stays addressable and out of fixed values', () => {
  const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: app\r';
  const lines = new LineIndex(text);
  assert.equal(lines.offsetAt(lines.positionAt(text.length)), text.length);
  const result = fixAll(URI, text, DEFAULT_SETTINGS, { mode: 'safe' });
  assert.ok(result.edit);
  assert.equal(applyTextEdits(text, [result.edit]), result.text, 'the combined edit reproduces the fixed text');
  const fix = (fixesOf(text, 'pss-run-as-non-root') ?? [])[0];
  assert.ok(fix);
  const fixed = applyTextEdits(text, fix.edits);
  assert.ok(!analyze({ uri: URI, text: fixed }).findings.some((finding) => finding.ruleId === 'pss-run-as-non-root'), fixed);
});
