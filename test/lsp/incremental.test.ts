// Protocol hygiene of the language server on a multi-document manifest, through the real process over stdio:
// incremental edits give what a fresh open gives, stale versions are never published, didClose frees the
// document, a cancelled request answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { generateManifests } from '../bench/generate';
import { TestClient, type Diagnostic, type Published } from './client';

const URI = 'file:///tmp/workload-guard-incremental/manifests.yaml';
const FRESH_URI = 'file:///tmp/workload-guard-incremental/fresh.yaml';
const STATS = 'workloadGuard/internalStats';

interface Stats {
  openDocuments: number;
  cachedAnalyses: number;
  analyzers: number;
  cachedDocumentParts: number;
  lineIndexes: number;
}

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** A diagnostic without what depends on the document's URI and version. */
function comparable(diagnostics: Diagnostic[]): unknown[] {
  return diagnostics.map(({ data: _data, ...rest }) => {
    const related = (rest as { relatedInformation?: { location: { range: unknown }; message: string }[] }).relatedInformation;
    return { ...rest, relatedInformation: related?.map((item) => ({ range: item.location.range, message: item.message })) };
  });
}

function applyChange(text: string, change: Change): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  return text.slice(0, offset(change.range.start)) + change.text + text.slice(offset(change.range.end));
}

function at(line: number, character: number): Change['range'] {
  return { start: { line, character }, end: { line, character } };
}

test('incremental edits over LSP', async (t) => {
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });
  await client.initialize(null);
  let text = generateManifests(30);
  await client.open(URI, text, 1);
  await client.diagnostics(URI, 1);

  await t.test('a burst of incremental changes ends with the diagnostics of the final text opened fresh', async () => {
    const lines = text.split('\n');
    const privileged = lines.findIndex((line) => line.includes('allowPrivilegeEscalation: true'));
    const changes: Change[] = [
      { range: at(0, 0), text: '# edited\n' },
      { range: { start: { line: privileged + 1, character: 0 }, end: { line: privileged + 1, character: 0 } }, text: '      privileged: true\n' },
      { range: at(40, 0), text: '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: added\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: nginx:1.27\n' },
      { range: { start: { line: 5, character: 0 }, end: { line: 7, character: 0 } }, text: '' },
      { range: at(60, 0), text: '  bad: [unclosed\n' },
    ];
    let version = 1;
    for (const change of changes) {
      text = applyChange(text, change);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: [change] });
    }
    const final = await client.diagnostics(URI, version);
    await client.open(FRESH_URI, text, 1);
    const fresh = await client.diagnostics(FRESH_URI, 1);
    assert.ok(final.diagnostics.some((diagnostic) => diagnostic.code === 'pss-privileged'));
    assert.ok(final.diagnostics.some((diagnostic) => diagnostic.code === 'pss-host-namespaces'));
    assert.deepStrictEqual(comparable(final.diagnostics), comparable(fresh.diagnostics));
    assert.equal(final.version, version);
  });

  await t.test('published versions never go back, and a change older than the document is ignored', async () => {
    const versions = client.publishedFor(URI).map((published: Published) => published.version ?? 0);
    assert.deepStrictEqual(versions, [...versions].sort((a, b) => a - b));
    // Version 3 again (already applied long ago): the server keeps the current text.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 3 }, contentChanges: [{ range: at(0, 0), text: 'garbage: [\n' }] });
    const change = { range: at(0, 0), text: '# one more line\n' };
    text = applyChange(text, change);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 7 }, contentChanges: [change] });
    const latest = await client.diagnostics(URI, 7);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: FRESH_URI } });
    await client.open(FRESH_URI, text, 2);
    const fresh = await client.diagnostics(FRESH_URI, 2);
    assert.deepStrictEqual(comparable(latest.diagnostics), comparable(fresh.diagnostics));
    assert.ok(!client.publishedFor(URI).some((published) => published.version === 3 && published.diagnostics.some((diagnostic) => diagnostic.range.start.line === 0 && diagnostic.code === 'yaml-syntax-error')));
  });

  await t.test('didClose clears the diagnostics and frees what the server held for the document', async () => {
    const before = await client.connection.sendRequest<Stats>(STATS);
    assert.equal(before.openDocuments, 2);
    assert.ok(before.cachedDocumentParts > 30);
    client.clearPublished();
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    const cleared = await client.diagnostics(URI);
    assert.deepStrictEqual(cleared.diagnostics, []);
    const after = await client.connection.sendRequest<Stats>(STATS);
    assert.equal(after.openDocuments, 1);
    assert.equal(after.analyzers, 1);
    assert.equal(after.cachedAnalyses, 1);
    assert.ok(after.cachedDocumentParts < before.cachedDocumentParts - 30, `${after.cachedDocumentParts} parts still cached`);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: FRESH_URI } });
    const empty = await client.connection.sendRequest<Stats>(STATS);
    assert.deepStrictEqual([empty.openDocuments, empty.analyzers, empty.cachedAnalyses, empty.cachedDocumentParts, empty.lineIndexes], [0, 0, 0, 0, 0]);
  });

  await t.test('a cancelled request answers RequestCancelled or a result, and the server keeps serving', async () => {
    const big = generateManifests(400);
    await client.open(URI, big, 10);
    const source = new CancellationTokenSource();
    const line = big.split('\n').findIndex((candidate) => candidate.includes('runAsNonRoot'));
    const pending = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line, character: big.split('\n')[line].indexOf('runAsNonRoot') + 2 } }, source.token);
    source.cancel();
    const outcome = await pending.then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if ('error' in outcome) {
      assert.ok(outcome.error instanceof ResponseError);
      assert.equal(outcome.error.code, -32800);
    }
    const lenses = await client.connection.sendRequest<unknown[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.equal(lenses.length, 400);
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line, character: big.split('\n')[line].indexOf('runAsNonRoot') + 2 } });
    assert.match(hover?.contents.value ?? '', /runAsNonRoot/);
  });

  await client.close();
});
