// One hostile document must not take the language server down or stall it: after a too-large file, a 10k-deep
// nesting and binary junk, a normal document opened next still gets its diagnostics, and each hostile one gets a
// diagnostic that says what happened. A real server process over stdio; no timing assertions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixturePath, TestClient } from './client';

const PRIVILEGED_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
const ROOT = 'file:///tmp/workload-guard-hostile';

test('the server stays up and keeps answering other documents when one file is hostile', { timeout: 120_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });
  await client.initialize(null);

  const large = `${ROOT}/large.yaml`;
  const copies = Math.ceil((6 * 1024 * 1024) / PRIVILEGED_POD.length);
  await client.open(large, Array.from({ length: copies }, () => PRIVILEGED_POD).join('---\n'));
  const deep = `${ROOT}/deep.yaml`;
  await client.open(deep, `${PRIVILEGED_POD}  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
  const binary = `${ROOT}/binary.yaml`;
  await client.open(binary, `\u0000\u0001${'\uFFFD\u0007'.repeat(50_000)}`);
  const normal = `${ROOT}/normal.yaml`;
  await client.open(normal, PRIVILEGED_POD);

  const normalDiagnostics = await client.diagnostics(normal, 1, 60_000);
  assert.ok(normalDiagnostics.diagnostics.some((diagnostic) => diagnostic.code === 'pss-privileged'), 'the normal document is analyzed');

  const tooLarge = (await client.diagnostics(large, 1, 60_000)).diagnostics;
  assert.deepEqual(tooLarge.map((diagnostic) => [diagnostic.code, diagnostic.severity]), [['file-too-large', 3]]);
  assert.match(tooLarge[0].message, /maxFileSize/);

  const tooDeep = (await client.diagnostics(deep, 1, 60_000)).diagnostics;
  assert.ok(tooDeep.some((diagnostic) => diagnostic.code === 'yaml-syntax-error' && /nests too deeply/.test(diagnostic.message)));

  const junk = (await client.diagnostics(binary, 1, 60_000)).diagnostics;
  for (const diagnostic of junk) assert.notEqual(diagnostic.code, 'internal-error', diagnostic.message);

  // Still answering requests after all of it.
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: normal }, position: { line: 9, character: 10 } });
  assert.ok(hover, 'hover answers');
  // The file over maxFileSize gets no completion or hover work, like its analysis.
  const position = { line: 9, character: 10 };
  assert.deepEqual(await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: large }, position }), []);
  assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: large }, position }), null);
  await client.close();
  assert.equal(client.process.exitCode, 0);
});

test('console output inside the server goes to stderr, not into the LSP stream on stdout', async (t) => {
  const client = new TestClient(fixturePath('stray-console.js'));
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });
  await client.initialize(null);
  await client.open(`${ROOT}/after-console.yaml`, PRIVILEGED_POD);
  const published = await client.diagnostics(`${ROOT}/after-console.yaml`, 1, 60_000);
  assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'pss-privileged'));
  assert.match(client.stderr, /stray console\.log output/);
  assert.match(client.stderr, /console\.table/);
  await client.close();
  assert.equal(client.process.exitCode, 0);
});
