// Incremental analysis must be invisible: after any sequence of edits, the findings of IncrementalAnalyzer equal a
// fresh analyze() of the same text (messages, ranges, fixes, order). Deterministic (seeded), so a failure reproduces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, mergeSettings, type ResolvedSettings } from '../../server/src/engine/config';
import { IncrementalAnalyzer, splitDocuments } from '../../server/src/engine/incremental';
import type { WorkspaceFacts } from '../../server/src/engine/rule';
import { generateManifests } from '../bench/generate';
import { workloadOutline } from '../../server/src/engine/kubernetes/analyzer';
import { seededRandom as random } from './seededRandom';

const ROOT = join(__dirname, '..', '..', '..');
const RULE_FIXTURES = join(ROOT, 'test', 'fixtures', 'rules');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) && !/^(falco|seccomp)-/.test(path.slice(RULE_FIXTURES.length + 1)) ? [path] : [];
  });
}


/** Multi-document manifests built from the rule fixtures, with the file-level features mixed in. */
function multiDocumentFixtures(): string[] {
  const fixtures = yamlFiles(RULE_FIXTURES)
    .filter((path) => !path.includes('/fix/'))
    .map((path) => readFileSync(path, 'utf8').replace(/^# wg-test-settings:.*\n/, ''));
  const next = random(7);
  const pick = (): string => fixtures[Math.floor(next() * fixtures.length)];
  const special = [
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: prod\nspec:\n  podSelector: {}\n',
    'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: prod\nspec:\n  runtimeClassName: gvisor\n  containers:\n    - name: c\n      image: nginx\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  namespace: staging\n  annotations:\n    workload-guard.dev/ignore: network-policy-missing\nspec:\n  runtimeClassName: kata\n  containers:\n    - name: c\n      image: nginx\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\n  namespace: staging\nspec:\n  containers:\n    - name: c\n      image: nginx\n',
    'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: d\n    spec:\n      containers:\n        - name: c\n          image: nginx\n          securityContext:\n            privileged: true\n',
    '# workload-guard-disable-next-line\n',
    '# workload-guard-disable-file pss-run-as-non-root\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\ndata:\n  run.sh: |\n    echo start\n    ---\n    echo done\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: "{{ .Values.image }}"\n          securityContext:\n            runAsUser: {{ .Values.uid }}\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: e\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext: {privileged: true\n',
  ];
  const files: string[] = [];
  for (let count = 0; count < 6; count++) {
    const documents: string[] = [];
    const size = 3 + Math.floor(next() * 6);
    for (let i = 0; i < size; i++) documents.push(next() < 0.4 ? special[Math.floor(next() * special.length)] : pick());
    const joiner = count % 3 === 2 ? '...\n---\n' : '---\n';
    files.push(documents.map((document) => (document.endsWith('\n') ? document : `${document}\n`)).join(joiner));
  }
  files.push(generateManifests(12));
  files.push(generateManifests(5).replace(/\n/g, '\r\n'));
  files.push('\uFEFF' + generateManifests(3));
  return files;
}

const SNIPPETS = [
  '---\n', '...\n', '--- ', '\n', '  ', 'x', ':', '- ', '"', "'", '[', '{', '}', '|\n', '#', '&a ', '*a',
  '{{ .Values.a }}', '{{', '}}', '%YAML 1.1\n', '\r\n', '\t',
  '# workload-guard-disable-next-line\n', '# workload-guard-disable-line pss-privileged', '# workload-guard-disable-file pss-privileged\n',
  'kind: NetworkPolicy\n', 'namespace: prod\n', 'namespace: staging\n', 'privileged: true\n', '  privileged: yes\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: staging\nspec:\n  containers:\n  - name: x\n    image: y\n',
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: staging\n',
  'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: kata\nhandler: kata\n',
];

/** One random edit: a deletion, an insertion or a replacement at a random place (often at a line start). */
function edit(text: string, next: () => number): string {
  let at = Math.floor(next() * (text.length + 1));
  if (next() < 0.5) at = text.lastIndexOf('\n', at - 1) + 1;
  const removed = next() < 0.5 ? Math.floor(next() * 12) : 0;
  const inserted = next() < 0.8 ? SNIPPETS[Math.floor(next() * SNIPPETS.length)] : '';
  return text.slice(0, at) + inserted + text.slice(at + removed);
}

const SETTINGS: ResolvedSettings[] = [
  DEFAULT_SETTINGS,
  mergeSettings({ pssLevel: 'baseline', rules: { 'image-tag': 'off', 'yaml-syntax-error': 'warning' } }),
  mergeSettings({ ignoreImages: [{ image: 'nginx*' }], rules: { hardening: 'error' } } as never),
];
const WORKSPACES: WorkspaceFacts[] = [{}, { networkPolicyNamespaces: [], runtimeClasses: [], seccompProfiles: [] }, { networkPolicyNamespaces: ['staging'], runtimeClasses: ['kata'], seccompProfiles: ['profiles/audit.json'] }];

function assertSame(analyzer: IncrementalAnalyzer, text: string, settings: ResolvedSettings, workspace: WorkspaceFacts, what: string): void {
  const input = { uri: 'file:///work/manifests.yaml', text, settings, workspace };
  const expected = analyze(input);
  const actual = analyzer.analyze(input);
  assert.equal(actual.kind, expected.kind, `${what}: kind`);
  assert.deepStrictEqual(actual.findings, expected.findings, `${what}: findings differ for text:\n${text}`);
}

/** How many documents the generated manifests hold (the generator also emits Services and comments between them). */
function documentCount(text: string): number {
  const pieces = splitDocuments(text);
  assert.ok(pieces, 'the generated manifests split into documents');
  return pieces.length;
}

test('random edits of multi-document files: incremental findings equal a full analysis', () => {
  const next = random(2024);
  let documentsMode = 0;
  let reused = 0;
  for (const [fileIndex, original] of multiDocumentFixtures().entries()) {
    const analyzer = new IncrementalAnalyzer();
    let text = original;
    for (let step = 0; step < 40; step++) {
      const settings = SETTINGS[Math.floor(step / 14) % SETTINGS.length];
      const workspace = WORKSPACES[(fileIndex + Math.floor(step / 10)) % WORKSPACES.length];
      text = edit(text, next);
      assertSame(analyzer, text, settings, workspace, `file ${fileIndex} step ${step}`);
      const result = analyzer.analyze({ uri: 'file:///work/manifests.yaml', text, settings, workspace });
      if (result.mode === 'documents') {
        documentsMode++;
        if (result.analyzed === 0) reused++;
      }
    }
  }
  // The comparison above means little if everything fell back to a whole-file analysis.
  assert.ok(documentsMode > 100, `only ${documentsMode} steps were analyzed per document`);
  assert.ok(reused > 100, `only ${reused} repeated analyses reused every document`);
});

test('an edit re-analyzes only the document it touches', () => {
  const text = generateManifests(50);
  const count = documentCount(text);
  const analyzer = new IncrementalAnalyzer();
  const first = analyzer.analyze({ uri: 'file:///a.yaml', text });
  assert.equal(first.mode, 'documents');
  assert.equal(first.documents, count);
  assert.equal(first.analyzed, count);
  const at = text.indexOf('runAsUser: 0', text.length / 2);
  const edited = text.slice(0, at) + 'runAsUser: 1000' + text.slice(at + 'runAsUser: 0'.length);
  const second = analyzer.analyze({ uri: 'file:///a.yaml', text: edited });
  assert.equal(second.analyzed, 1);
  assert.deepStrictEqual(second.findings, analyze({ uri: 'file:///a.yaml', text: edited }).findings);
  // A new line above shifts every later document's findings by one line without re-analyzing them.
  const shifted = '# a comment\n' + edited;
  const third = analyzer.analyze({ uri: 'file:///a.yaml', text: shifted });
  assert.equal(third.analyzed, 1);
  assert.deepStrictEqual(third.findings, analyze({ uri: 'file:///a.yaml', text: shifted }).findings);
  assert.equal(analyzer.cachedDocuments, count);
  analyzer.clear();
  assert.equal(analyzer.cachedDocuments, 0);
});

test('a settings or workspace change invalidates the cached documents', () => {
  const text = generateManifests(6);
  const count = documentCount(text);
  const analyzer = new IncrementalAnalyzer();
  analyzer.analyze({ uri: 'file:///a.yaml', text });
  const baseline = mergeSettings({ pssLevel: 'baseline' });
  const result = analyzer.analyze({ uri: 'file:///a.yaml', text, settings: baseline });
  assert.equal(result.analyzed, count);
  assert.deepStrictEqual(result.findings, analyze({ uri: 'file:///a.yaml', text, settings: baseline }).findings);
  const workspace = { seccompProfiles: ['x.json'] };
  assert.equal(analyzer.analyze({ uri: 'file:///a.yaml', text, settings: baseline, workspace }).analyzed, count);
});

test('a yielding analysis stops between documents and resumes from what it cached', () => {
  const text = generateManifests(20);
  const analyzer = new IncrementalAnalyzer();
  let asked = 0;
  const stopped = analyzer.analyze({ uri: 'file:///a.yaml', text }, { shouldYield: () => ++asked >= 5 });
  assert.equal(stopped, undefined);
  const done = analyzer.cachedDocuments;
  assert.ok(done > 0 && done < documentCount(text), `${done} documents cached before the yield`);
  const resumed = analyzer.analyze({ uri: 'file:///a.yaml', text }, { shouldYield: () => false });
  assert.ok(resumed);
  assert.equal(resumed.analyzed, documentCount(text) - done);
  assert.deepStrictEqual(resumed.findings, analyze({ uri: 'file:///a.yaml', text }).findings);
});

test('a pass yielding after every document, with the text changing midway, ends equal to a full analysis', () => {
  const text = generateManifests(15);
  const changed = text.replace('privileged: false', 'privileged: true');
  for (const [first, second] of [[text, text], [text, changed], [changed.replace(/\n/g, '\r\n'), changed]]) {
    const analyzer = new IncrementalAnalyzer();
    let calls = 0;
    let result: ReturnType<IncrementalAnalyzer['analyze']> | undefined;
    // Each call analyzes one document and yields at the next: a resumed pass must not lose or repeat one.
    while (!result) {
      result = analyzer.analyze({ uri: 'file:///b.yaml', text: calls < 4 ? first : second }, { shouldYield: () => true });
      calls++;
      assert.ok(calls < 200, 'the pass makes progress');
    }
    assert.deepStrictEqual(result.findings, analyze({ uri: 'file:///b.yaml', text: second }).findings);
  }
});

test('documents split where the yaml lexer starts and ends them', () => {
  const text = 'a: 1\n---\nb: |\n  x\n---\n...\nc: 3\n--- d\n----\n';
  assert.deepStrictEqual(
    splitDocuments(text)?.map((slice) => text.slice(slice.start, slice.end)),
    ['a: 1\n', 'b: |\n  x\n'.replace(/^/, '---\n'), '---\n...\n', 'c: 3\n', '--- d\n----\n'],
  );
  assert.equal(splitDocuments('%YAML 1.1\n---\na: 1\n'), undefined);
});

test('document parts parse again on demand, equal to their own analysis; only a few parse trees are held', () => {
  const text = generateManifests(30);
  const analyzer = new IncrementalAnalyzer();
  const result = analyzer.analyze({ uri: 'file:///w/parts.yaml', text });
  assert.equal(result.mode, 'documents');
  assert.equal(analyzer.heldParses, 0, 'the analysis keeps findings and outlines, not parse trees');
  const slices = splitDocuments(text) ?? [];
  const parts = result.parts();
  assert.equal(parts.length, slices.length);
  for (const [index, part] of parts.entries()) {
    const alone = analyze({ uri: 'file:///w/alone.yaml', text: text.slice(slices[index].start, slices[index].end) });
    assert.deepEqual(part.outline, workloadOutline(alone.kubernetes));
    assert.deepEqual(part.result.kubernetes?.objects.map((object) => `${object.kind}/${object.name}`), alone.kubernetes?.objects.map((object) => `${object.kind}/${object.name}`));
    assert.deepEqual(part.result.kubernetes?.summaries.map((summary) => [summary.level, summary.anchor]), alone.kubernetes?.summaries.map((summary) => [summary.level, summary.anchor]));
    assert.equal(part.result.yaml?.text, alone.yaml?.text);
    assert.ok(analyzer.heldParses <= 8, `held ${analyzer.heldParses} parse trees`);
  }
  // The same part asked again is served from the held parse.
  const last = parts[parts.length - 1];
  assert.equal(last.result.yaml, last.result.yaml);
});
