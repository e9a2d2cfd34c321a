// "Scan workspace" over LSP: every YAML/JSON file of the folder that is not open gets its findings published, with
// work-done progress, ignorePaths honoured, cancellation, and scanned findings surviving an open/close of the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TestClient } from './client';

interface ScanSummary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
}

const INSECURE_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: app\n      securityContext:\n        privileged: true\n';
const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');
const HARDENED = readFileSync(path.join(EXAMPLES, 'hardened-deployment.yaml'), 'utf8');
const NETWORK_POLICY = readFileSync(path.join(EXAMPLES, 'network-policy.yaml'), 'utf8');

function workspace(files: Record<string, string>): { root: string; uri: (relative: string) => string } {
  const root = mkdtempSync(path.join(tmpdir(), 'wg-scan-'));
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
  return { root, uri: (relative) => pathToFileURL(path.join(root, relative)).toString() };
}

function scan(client: TestClient, token?: CancellationTokenSource, workDoneToken?: string): Promise<ScanSummary> {
  const params = { command: 'workload-guard.scanWorkspace', arguments: [], workDoneToken };
  return token ? client.connection.sendRequest<ScanSummary>('workspace/executeCommand', params, token.token) : client.connection.sendRequest<ScanSummary>('workspace/executeCommand', params);
}

test('scan workspace publishes the findings of files that are not open', async (t) => {
  const folder = workspace({
    'apps/insecure.yaml': INSECURE_POD,
    'apps/hardened.yaml': HARDENED,
    'apps/network-policy.yaml': NETWORK_POLICY,
    'charts/ignored.yaml': INSECURE_POD,
    '.workload-guard.yaml': 'ignorePaths:\n  - "charts/**"\n',
    'notes.json': '{"not": "a profile"}\n',
    'open.yaml': INSECURE_POD,
  });
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
    rmSync(folder.root, { recursive: true, force: true });
  });
  await client.initialize(pathToFileURL(folder.root).toString());
  const progress: { kind: string; percentage?: number }[] = [];
  client.connection.onNotification('$/progress', (params: { token: string; value: { kind: string; percentage?: number } }) => {
    if (params.token === 'scan-1') progress.push(params.value);
  });
  await client.open(folder.uri('open.yaml'), INSECURE_POD);
  await client.diagnostics(folder.uri('open.yaml'));
  client.clearPublished();

  const summary = await scan(client, undefined, 'scan-1');

  assert.equal(summary.cancelled, false);
  // apps/*.yaml, the config file and notes.json; open.yaml is diagnosed as an open editor; charts/ is ignored.
  assert.equal(summary.files, 6);
  assert.equal(summary.filesWithFindings, 1);
  const insecure = await client.diagnostics(folder.uri('apps/insecure.yaml'));
  assert.ok(insecure.diagnostics.some((diagnostic) => diagnostic.code === 'pss-privileged'), JSON.stringify(insecure.diagnostics.map((d) => d.code)));
  assert.equal(summary.findings, insecure.diagnostics.length);
  await assert.rejects(client.diagnostics(folder.uri('charts/ignored.yaml'), undefined, 300), 'ignorePaths are not scanned');
  await assert.rejects(client.diagnostics(folder.uri('open.yaml'), undefined, 300), 'open editors are not re-published by the scan');
  assert.deepEqual([progress[0]?.kind, progress[progress.length - 1]?.kind], ['begin', 'end']);
  assert.ok(progress.some((value) => value.kind === 'report' && value.percentage === 100));

  await t.test('closing a scanned file shows its findings from disk again', async () => {
    const uri = folder.uri('apps/insecure.yaml');
    await client.open(uri, INSECURE_POD.replace('privileged: true', 'privileged: false'));
    const edited = await client.diagnostics(uri, 1);
    assert.ok(!edited.diagnostics.some((diagnostic) => diagnostic.code === 'pss-privileged'));
    client.clearPublished();
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const fromDisk = await client.diagnostics(uri);
    assert.ok(fromDisk.diagnostics.some((diagnostic) => diagnostic.code === 'pss-privileged'));
  });
});

test('scan workspace stops when cancelled', async (t) => {
  const files: Record<string, string> = {};
  for (let index = 0; index < 400; index++) files[`many/pod-${String(index).padStart(3, '0')}.yaml`] = INSECURE_POD;
  const folder = workspace(files);
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
    rmSync(folder.root, { recursive: true, force: true });
  });
  await client.initialize(pathToFileURL(folder.root).toString());
  const source = new CancellationTokenSource();
  client.connection.onNotification('$/progress', (params: { token: string; value: { kind: string; percentage?: number } }) => {
    if (params.value.kind === 'report' && (params.value.percentage ?? 0) > 0) source.cancel();
  });
  const outcome = await scan(client, source, 'scan-2').then(
    (summary) => ({ summary }),
    (error: { code?: number }) => ({ error }),
  );
  if ('summary' in outcome) {
    assert.equal(outcome.summary.cancelled, true);
    assert.ok(outcome.summary.files < 400, `scanned ${outcome.summary.files} files after cancellation`);
  } else {
    assert.equal(outcome.error.code, -32800, 'a cancelled request answers RequestCancelled');
  }
});
