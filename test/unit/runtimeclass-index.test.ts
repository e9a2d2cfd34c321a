// The RuntimeClass/NetworkPolicy index parses only the documents of a file that mention those kinds; what it records
// must be placed in the file's lines as if the whole file had been parsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeClassIndex } from '../../server/src/lsp/runtimeClassIndex';

const FILE = [
  'apiVersion: apps/v1', // 0
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec: {}',
  '---', // 5
  '# the sandbox',
  'apiVersion: node.k8s.io/v1',
  'kind: RuntimeClass', // 8
  'metadata:',
  '  name: gvisor', // 10
  'handler: runsc',
  '---',
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: deny',
  '  namespace: shop',
  'spec:',
  '  podSelector: {}',
  '---',
  'apiVersion: node.k8s.io/v1',
  'kind: RuntimeClass', // 22
  'metadata: {name: kata}',
  'handler: kata',
  '',
].join('\n');

test('RuntimeClasses and NetworkPolicy namespaces of a multi-document file, with file ranges', () => {
  const index = new RuntimeClassIndex();
  index.ready = true;
  index.update('file:///w/cluster.yaml', FILE);
  assert.deepEqual(index.names()?.sort(), ['gvisor', 'kata']);
  assert.deepEqual(index.networkPolicyNamespaces(), ['shop']);
  const [gvisor] = index.find('gvisor');
  assert.equal(gvisor.handler, 'runsc');
  assert.deepEqual(gvisor.range, { start: { line: 8, character: 6 }, end: { line: 8, character: 18 } });
  const [kata] = index.find('kata');
  assert.equal(kata.range.start.line, 22);
  assert.equal(kata.handler, 'kata');
});

test('a file that stops mentioning the kinds leaves the index; CRLF and a directive file still index', () => {
  const index = new RuntimeClassIndex();
  index.ready = true;
  index.update('file:///w/a.yaml', FILE);
  index.update('file:///w/a.yaml', 'apiVersion: v1\nkind: ConfigMap\n');
  assert.deepEqual(index.names(), []);
  assert.deepEqual(index.networkPolicyNamespaces(), []);
  index.update('file:///w/crlf.yaml', FILE.replace(/\n/g, '\r\n'));
  assert.equal(index.find('kata')[0].range.start.line, 22);
  // A %YAML directive: the file is not split, and still indexed.
  index.update('file:///w/directive.yaml', `%YAML 1.1\n---\n${FILE}`);
  assert.deepEqual(index.find('gvisor').map((entry) => [entry.range.start.line, entry.range.start.character]).sort((a, b) => a[0] - b[0]), [
    [8, 6],
    [10, 6],
  ]);
});
