// Hostile and half-typed input: the engine never throws, never hangs, reports the parse error where it is, and
// still analyzes the parts that parsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type AnalysisResult } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fixAll';
import { DEFAULT_SETTINGS, mergeSettings } from '../../server/src/engine/config';

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

// ---------------------------------------------------------------------------------------------------------------
// Hostile input: each case returns (no internal error, no crash) with a diagnostic that says what happened. Large
// cases get a generous test timeout so a hang fails instead of blocking the suite; nothing asserts on speed.
const HOSTILE_TIMEOUT = { timeout: 120_000 };
const TOO_DEEP = /nests too deeply/;

function findingsOf(result: AnalysisResult, ruleId: string): string[] {
  return result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.message);
}

test('billion laughs: the classic alias bomb in a manifest, a Falco file and the config file', HOSTILE_TIMEOUT, () => {
  const lol = ['lol: &a0 "lol"', ...Array.from({ length: 9 }, (_, index) => `lol${index + 1}: &a${index + 1} [${Array(10).fill(`*a${index}`).join(', ')}]`)];
  const manifest = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n${lol.map((line) => `    ${line}`).join('\n')}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: {privileged: true}\n`;
  assert.ok(ids(run(manifest)).includes('pss-privileged'), 'the rest of the manifest is still analyzed');
  run(`- list: l\n  items: [a]\n- macro: m\n  condition: evt.type = open\n${lol.map((line) => `# ${line}`).join('\n')}\n- list: bomb\n  items:\n${lol.map((line) => `    - ${line.replace(/: /, '_x: ')}`).join('\n')}\n`);
  const config = analyze({ uri: 'file:///project/.workload-guard.yaml', text: `pssLevel: baseline\n${lol.join('\n')}\n` });
  assert.ok(config.findings.length > 0, 'the config file reports its unknown keys');
  for (const finding of config.findings) assert.notEqual(finding.ruleId, 'internal-error', finding.message);
});

test('10k-deep nesting, flow and block, in YAML, JSON and the config file: a clear "too deep" diagnostic', HOSTILE_TIMEOUT, () => {
  const pod = `${PRIVILEGED_POD}  extra:\n`;
  const cases: Record<string, string> = {
    'flow sequences': `${pod}    x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    'flow mappings': `${pod}    x: ${'{a: '.repeat(10_000)}${'}'.repeat(10_000)}\n`,
    'block sequences': `${pod}    x:\n      ${'- '.repeat(10_000)}x\n`,
    'unclosed flow': `${pod}    x: ${'['.repeat(10_000)}\n`,
  };
  for (const [name, text] of Object.entries(cases)) {
    const result = run(text);
    assert.ok(findingsOf(result, 'yaml-syntax-error').some((message) => TOO_DEEP.test(message)), `${name}: says the file nests too deeply`);
  }
  const json = analyze({ uri: 'file:///profile.json', text: `{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": ${'['.repeat(10_000)}${']'.repeat(10_000)}}` });
  assert.equal(json.findings.length, 1);
  assert.match(json.findings[0].message, TOO_DEEP);
  const config = analyze({ uri: 'file:///project/.workload-guard.yaml', text: `rules: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` });
  assert.ok(findingsOf(config, 'config-invalid').some((message) => TOO_DEEP.test(message)));
  const falco = analyze({ uri: 'file:///rules.yaml', text: `- rule: r\n  desc: d\n  condition: ${'('.repeat(10_000)}evt.type = open${')'.repeat(10_000)}\n  output: o\n  priority: WARNING\n` });
  assert.ok(findingsOf(falco, 'falco-condition-syntax').some((message) => /depth/.test(message)));
});

test('a 20 MB file: exactly one information diagnostic naming maxFileSize, and how to raise it', HOSTILE_TIMEOUT, () => {
  const copies = Math.ceil((20 * 1024 * 1024) / PRIVILEGED_POD.length);
  for (const [uri, text] of [
    ['file:///big.yaml', Array.from({ length: copies }, () => PRIVILEGED_POD).join('---\n')],
    ['file:///big.json', `{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [${Array.from({ length: copies }, () => '{"names": ["read"], "action": "SCMP_ACT_ALLOW"}').join(',')}]}`],
  ]) {
    const result = analyze({ uri, text });
    assert.equal(result.findings.length, 1, uri);
    const [finding] = result.findings;
    assert.equal(finding.ruleId, 'file-too-large');
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /larger than maxFileSize \(5\.0 MB/);
    assert.match(finding.message, /raise `maxFileSize`.*\.workload-guard\.yaml.*workloadGuard\.maxFileSize/);
    assert.deepEqual(finding.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(fixAll(uri, text, DEFAULT_SETTINGS, { mode: 'safe' }).applied, 0);
  }
});

test('maxFileSize counts UTF-8 bytes, can be raised, and 0 turns the limit off', () => {
  const text = `${PRIVILEGED_POD}# ${'é'.repeat(100)}\n`; // 2 bytes each
  const bytes = Buffer.byteLength(text, 'utf8');
  assert.deepEqual(ids(analyze({ uri: 'file:///a.yaml', text, settings: mergeSettings({ maxFileSize: bytes - 1 }) })), ['file-too-large']);
  assert.ok(ids(analyze({ uri: 'file:///a.yaml', text, settings: mergeSettings({ maxFileSize: bytes }) })).includes('pss-privileged'));
  assert.ok(ids(analyze({ uri: 'file:///a.yaml', text, settings: mergeSettings({ maxFileSize: 0 }) })).includes('pss-privileged'));
  assert.equal(mergeSettings({ maxFileSize: -1 }).maxFileSize, DEFAULT_SETTINGS.maxFileSize, 'invalid values are ignored');
});

test('one 1 MB line: a long scalar and a long flow list are analyzed', HOSTILE_TIMEOUT, () => {
  // analyze only: fix-all's rounds would repeat the same work a dozen times without testing more.
  const scalar = analyze({ uri: 'file:///input.yaml', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {note: "${'x'.repeat(1024 * 1024)}"}\nspec:\n  containers: [{name: a, image: "nginx:1.27", securityContext: {privileged: true}}]\n` });
  assert.ok(ids(scalar).includes('pss-privileged'));
  const list = analyze({ uri: 'file:///input.yaml', text: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "nginx:1.27", args: [${Array(200_000).fill('"-v"').join(', ')}], securityContext: {privileged: true}}]}\n` });
  const privileged = list.findings.filter((finding) => finding.ruleId === 'pss-privileged');
  assert.equal(privileged.length, 1);
  assert.equal(privileged[0].range.start.line, 3);
  assert.ok(privileged[0].range.start.character > 1_000_000, 'the range is on the long line, past the list');
});

test('binary content: random bytes, NUL runs and invalid UTF-8 never break the engine', HOSTILE_TIMEOUT, () => {
  let state = 7;
  const byte = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) % 256;
  const random = Buffer.from(Array.from({ length: 256 * 1024 }, byte));
  for (const text of [random.toString('utf8'), random.toString('latin1'), '\u0000'.repeat(100_000), `${PRIVILEGED_POD}\u0000\u0000\u0007\u001b[31m`]) {
    run(text);
    run(text, 'file:///input.json');
  }
  // go-yaml (and so kubectl) rejects control characters: say where the first one is.
  const nul = run(PRIVILEGED_POD.replace('kind: Pod', 'kind: Pod\u0000'));
  assert.deepEqual(findingsOf(nul, 'yaml-syntax-error'), ['Control character U+0000 is not allowed in YAML: Kubernetes rejects the file. Binary content or a wrong encoding?']);
  assert.deepEqual(nul.findings.find((finding) => finding.ruleId === 'yaml-syntax-error')?.range.start, { line: 1, character: 9 });
});

test('mixed CRLF and LF in one file: findings on the same lines as the LF file', () => {
  const lines = PRIVILEGED_POD.split('\n');
  const mixed = lines.map((line, index) => (index % 2 ? `${line}\r` : line)).join('\n');
  const at = (result: AnalysisResult) => result.findings.map((finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}`).sort();
  assert.deepEqual(at(run(mixed)), at(run(PRIVILEGED_POD)));
  const fixed = fixAll('file:///input.yaml', mixed, DEFAULT_SETTINGS, { mode: 'safe' }).text;
  assert.notEqual(fixed, mixed, 'fixes apply');
  for (const finding of run(fixed).findings) assert.notEqual(finding.ruleId, 'yaml-syntax-error');
});

test('an analyzer that throws costs only that file: one warning saying so, the caller goes on', () => {
  const exploding = new Proxy(mergeSettings({}), {
    get(target, key) {
      if (key === 'enable') throw new Error('boom');
      return Reflect.get(target, key);
    },
  });
  const result = analyze({ uri: 'file:///input.yaml', text: PRIVILEGED_POD, settings: exploding });
  assert.deepEqual(result.findings.map((finding) => [finding.ruleId, finding.severity]), [['internal-error', 'warning']]);
  assert.match(result.findings[0].message, /could not analyze this file \(internal error: boom\)\. Please report this/);
  assert.ok(ids(analyze({ uri: 'file:///other.yaml', text: PRIVILEGED_POD })).includes('pss-privileged'), 'the next file is analyzed normally');
});
