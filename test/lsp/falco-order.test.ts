// With a falco.yaml in the workspace, its rules_files order decides what each file can refer to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fixturePath, TestClient } from './client';

test('falco.yaml rules_files order: a file loaded first cannot use or override what comes later', async (t) => {
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });
  await client.initialize(pathToFileURL(fixturePath('falco-order')).toString());
  const custom = fixturePath('falco-order', 'rules', 'custom_rules.yaml');
  const uri = pathToFileURL(custom).toString();
  await client.open(uri, readFileSync(custom, 'utf8'));
  const deadline = Date.now() + 15_000;
  let lines: number[] = [];
  while (Date.now() < deadline) {
    const published = await client.diagnostics(uri);
    lines = published.diagnostics.filter((d) => d.code === 'falco-undefined-reference').map((d) => d.range.start.line).sort((a, b) => a - b);
    if (lines.length === 3) break;
    client.clearPublished();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(lines, [1, 6, 13]);
  await client.close();
});
