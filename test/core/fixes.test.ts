import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getMap, getMapPath, getPair, getSeq, parseYamlFile, type Node, type YAMLMap, type YAMLSeq } from '../../server/src/engine/documents/yaml';
import { appendSeqItem, ensureEntries, insertIntoMap, removePair, removeSeqItem, renameKey, replaceScalar } from '../../server/src/engine/fixes';
import { applyOffsetEdits } from '../../server/src/engine/text';
import type { OffsetEdit } from '../../server/src/engine/types';

function root(text: string): { file: ReturnType<typeof parseYamlFile>; map: YAMLMap } {
  const file = parseYamlFile(text);
  return { file, map: file.documents[0].doc.contents as YAMLMap };
}

function apply(text: string, edit: OffsetEdit | undefined): string {
  assert.ok(edit, 'an edit was produced');
  const result = applyOffsetEdits(text, [edit]);
  assert.deepEqual(parseYamlFile(result).errors, [], `result parses:\n${result}`);
  return result;
}

function container(map: YAMLMap, index = 0): YAMLMap {
  return getSeq(getMap(map, 'spec'), 'containers')?.items[index] as YAMLMap;
}

const pod = (sc: string) => `spec:\n  containers:\n    - name: app # keep\n      image: nginx\n${sc}`;

test('ensureEntries creates the missing part of a path at the container key column, after a trailing comment', () => {
  const text = pod('      ports: [] # last\n');
  const { file, map } = root(text);
  const result = apply(text, ensureEntries(file, container(map), ['securityContext', 'capabilities'], [['drop', ['ALL']]]));
  assert.equal(result, pod('      ports: [] # last\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n'));
});

test('ensureEntries follows the file indentation unit and compact sequence style', () => {
  const text = 'spec:\n    containers:\n    - name: app\n      image: nginx\n      securityContext:\n          runAsUser: 1\n';
  const { file, map } = root(text);
  const result = apply(text, ensureEntries(file, container(map), ['securityContext', 'capabilities'], [['drop', ['ALL']]]));
  assert.equal(result, 'spec:\n    containers:\n    - name: app\n      image: nginx\n      securityContext:\n          runAsUser: 1\n          capabilities:\n              drop:\n              - ALL\n');
});

test('ensureEntries fills an empty or null-valued key', () => {
  for (const [value, expected] of [
    ['', ''],
    [' # note', ' # note'],
    [' null', ''],
    [' ~ # n', ' # n'],
  ]) {
    const text = pod(`      securityContext:${value}\n      ports: []\n`);
    const { file, map } = root(text);
    const result = apply(text, ensureEntries(file, container(map), ['securityContext'], [['runAsNonRoot', true]]));
    assert.equal(result, pod(`      securityContext:${expected}\n        runAsNonRoot: true\n      ports: []\n`));
  }
});

test('insertIntoMap writes flow entries into flow maps, JSON-quoted when the map is JSON', () => {
  const yamlText = pod('      securityContext: {privileged: true}\n');
  const y = root(yamlText);
  assert.equal(
    apply(yamlText, ensureEntries(y.file, container(y.map), ['securityContext'], [['allowPrivilegeEscalation', false]])),
    pod('      securityContext: {privileged: true, allowPrivilegeEscalation: false}\n'),
  );
  const emptyText = pod('      securityContext: {}\n');
  const e = root(emptyText);
  assert.equal(apply(emptyText, ensureEntries(e.file, container(e.map), ['securityContext', 'seccompProfile'], [['type', 'RuntimeDefault']])), pod('      securityContext: {seccompProfile: {type: RuntimeDefault}}\n'));
  const json = '{"spec": {"containers": [{"name": "a", "securityContext": {"privileged": true}}]}}';
  const j = root(json);
  const sc = getMapPath(container(j.map), ['securityContext']) as YAMLMap;
  assert.equal(apply(json, insertIntoMap(j.file, sc, [['runAsNonRoot', true]])), '{"spec": {"containers": [{"name": "a", "securityContext": {"privileged": true, "runAsNonRoot": true}}]}}');
});

test('edits keep CRLF line endings', () => {
  const text = pod('      securityContext:\n        privileged: true\n').replace(/\n/g, '\r\n');
  const { file, map } = root(text);
  const result = apply(text, ensureEntries(file, container(map), ['securityContext'], [['runAsNonRoot', true]]));
  assert.equal(result, pod('      securityContext:\n        privileged: true\n        runAsNonRoot: true\n').replace(/\n/g, '\r\n'));
});

test('replaceScalar keeps quoting and renameKey keeps the key style', () => {
  const text = 'a: "Unconfined"\nb: \'x\'\nrunAsNonroot: true\n';
  const { file, map } = root(text);
  assert.equal(apply(text, replaceScalar(file, getPair(map, 'a')?.value as Node, 'RuntimeDefault')), 'a: "RuntimeDefault"\nb: \'x\'\nrunAsNonroot: true\n');
  assert.equal(apply(text, replaceScalar(file, getPair(map, 'b')?.value as Node, "it's")), 'a: "Unconfined"\nb: \'it\'\'s\'\nrunAsNonroot: true\n');
  assert.equal(apply(text, renameKey(getPair(map, 'runAsNonroot')!, 'runAsNonRoot')), 'a: "Unconfined"\nb: \'x\'\nrunAsNonRoot: true\n');
});

test('removePair removes whole lines (keeping their comments), or pulls the next key behind a sequence dash', () => {
  const text = 'spec:\n  securityContext:\n    privileged: true # gone\n    runAsUser: 1\n  other: 1\n';
  const { file, map } = root(text);
  const sc = getMapPath(map, ['spec', 'securityContext']) as YAMLMap;
  assert.equal(apply(text, removePair(file, sc, getPair(sc, 'privileged')!)), 'spec:\n  securityContext:\n    # gone\n    runAsUser: 1\n  other: 1\n');
  const nested = 'list:\n  - privileged: true\n    image: x\n';
  const n = root(nested);
  const item = getSeq(n.map, 'list')?.items[0] as YAMLMap;
  assert.equal(apply(nested, removePair(n.file, item, getPair(item, 'privileged')!)), 'list:\n  - image: x\n');
  const flow = 'sc: {a: 1, b: 2, c: 3}\n';
  const f = root(flow);
  const fm = getMap(f.map, 'sc') as YAMLMap;
  assert.equal(apply(flow, removePair(f.file, fm, getPair(fm, 'a')!)), 'sc: {b: 2, c: 3}\n');
  assert.equal(apply(flow, removePair(f.file, fm, getPair(fm, 'c')!)), 'sc: {a: 1, b: 2}\n');
});

test('removeSeqItem handles block, last block item and flow sequences', () => {
  const text = 'caps:\n  add:\n    - SYS_ADMIN # bad\n    - NET_BIND_SERVICE\n';
  const { file, map } = root(text);
  const caps = getMap(map, 'caps') as YAMLMap;
  const add = getSeq(caps, 'add') as YAMLSeq;
  assert.equal(apply(text, removeSeqItem(file, getPair(caps, 'add')!, add, add.items[0] as Node)), 'caps:\n  add:\n    # bad\n    - NET_BIND_SERVICE\n');
  const single = 'caps:\n  add: # needed?\n    - SYS_ADMIN\n  drop: [ALL]\n';
  const s = root(single);
  const sCaps = getMap(s.map, 'caps') as YAMLMap;
  const sAdd = getSeq(sCaps, 'add') as YAMLSeq;
  assert.equal(apply(single, removeSeqItem(s.file, getPair(sCaps, 'add')!, sAdd, sAdd.items[0] as Node)), 'caps:\n  add: [] # needed?\n  drop: [ALL]\n');
  const flow = 'add: ["SYS_ADMIN", "NET_ADMIN"]\n';
  const f = root(flow);
  const fAdd = getSeq(f.map, 'add') as YAMLSeq;
  assert.equal(apply(flow, removeSeqItem(f.file, getPair(f.map, 'add')!, fAdd, fAdd.items[1] as Node)), 'add: ["SYS_ADMIN"]\n');
  assert.equal(apply(flow, removeSeqItem(f.file, getPair(f.map, 'add')!, fAdd, fAdd.items[0] as Node)), 'add: ["NET_ADMIN"]\n');
});

test('appendSeqItem follows the sequence style and quoting', () => {
  const block = 'drop:\n  - NET_RAW # raw\nnext: 1\n';
  const b = root(block);
  assert.equal(apply(block, appendSeqItem(b.file, getSeq(b.map, 'drop') as YAMLSeq, 'ALL')), 'drop:\n  - NET_RAW # raw\n  - ALL\nnext: 1\n');
  const flow = 'drop: ["NET_RAW"]\n';
  const f = root(flow);
  assert.equal(apply(flow, appendSeqItem(f.file, getSeq(f.map, 'drop') as YAMLSeq, 'ALL')), 'drop: ["NET_RAW", "ALL"]\n');
  const empty = 'drop: []\n';
  const e = root(empty);
  assert.equal(apply(empty, appendSeqItem(e.file, getSeq(e.map, 'drop') as YAMLSeq, 'ALL')), 'drop: [ALL]\n');
});

test('a file without a final newline gets the new line appended after the last content', () => {
  const text = pod('      securityContext:\n        privileged: true').trimEnd();
  const { file, map } = root(text);
  assert.equal(apply(text, ensureEntries(file, container(map), ['securityContext'], [['runAsNonRoot', true]])), text + '\n        runAsNonRoot: true');
});
