// RuntimeClass over LSP: runtimeClassName resolved to the workspace's RuntimeClass objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fixturePath, TestClient } from './client';

test('runtimeClassName: not-found information, go to definition, hover with the handler', async (t) => {
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });
  await client.initialize(pathToFileURL(fixturePath('runtimeclass-workspace')).toString());
  const pods = fixturePath('runtimeclass-workspace', 'pods.yaml');
  const uri = pathToFileURL(pods).toString();
  const text = readFileSync(pods, 'utf8');
  await client.open(uri, text);
  const deadline = Date.now() + 15_000;
  let lines: number[] = [];
  while (Date.now() < deadline) {
    lines = (await client.diagnostics(uri)).diagnostics.filter((d) => d.code === 'runtimeclass-not-found').map((d) => d.range.start.line);
    if (lines.length > 0) break;
    client.clearPublished();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(lines, [15]);
  const position = { line: 5, character: '  runtimeClassName: gv'.length };
  const locations = await client.connection.sendRequest<{ uri: string }[]>('textDocument/definition', { textDocument: { uri }, position });
  assert.deepEqual(locations.map((location) => location.uri), [pathToFileURL(fixturePath('runtimeclass-workspace', 'runtimeclass.yaml')).toString()]);
  const hover = await client.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position });
  assert.match(hover.contents.value, /handler `runsc`: gVisor/);
  await client.close();
});
