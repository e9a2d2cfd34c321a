import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from 'vscode-languageserver/node';
import { PassThrough } from 'node:stream';
import { ChunkedStreamMessageWriter, encodeChunks, encodeMessage } from '../../server/src/lsp/messageEncoder';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import type { Finding } from '../../server/src/engine/types';
import { seededRandom } from './seededRandom';

const finding = (line: number, message = 'Container "app" runs privileged.'): Finding => ({
  ruleId: 'pss-privileged',
  severity: 'error',
  message,
  range: { start: { line, character: 4 }, end: { line, character: 20 } },
});

const publish = (params: unknown): Message => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params }) as Message;

test('publishDiagnostics encodes to the same JSON value as JSON.stringify, with and without a version', () => {
  const uri = 'file:///w/deploy "quoted" \u00e9.yaml';
  const diagnostics = [toDiagnostic(uri, finding(3)), toDiagnostic(uri, { ...finding(9, 'tab\there "q" \\ \u2028'), related: [{ message: 'see', range: finding(1).range }], tags: ['unnecessary'] })];
  for (const params of [{ uri, version: 7, diagnostics }, { uri, diagnostics }, { uri, version: null, diagnostics: [] }]) {
    const message = publish(params);
    assert.deepEqual(JSON.parse(encodeMessage(message)), JSON.parse(JSON.stringify(message)));
  }
});

test('a diagnostic is serialized once and reused by identity; a new finding gets a new diagnostic', () => {
  const uri = 'file:///w/a.yaml';
  const same = finding(2);
  const first = toDiagnostic(uri, same);
  assert.equal(toDiagnostic(uri, same), first, 'the same finding yields the same diagnostic object');
  assert.notEqual(toDiagnostic('file:///w/b.yaml', same), first, 'another file gets its own');
  assert.notEqual(toDiagnostic(uri, same, 'https://docs.example/rules'), first, 'another docs base URL gets its own');
  const once = encodeMessage(publish({ uri, version: 1, diagnostics: [first] }));
  const twice = encodeMessage(publish({ uri, version: 2, diagnostics: [first, toDiagnostic(uri, finding(5))] }));
  assert.equal(JSON.parse(twice).params.version, 2);
  assert.deepEqual(JSON.parse(twice).params.diagnostics[0], JSON.parse(once).params.diagnostics[0]);
  assert.equal(JSON.parse(twice).params.diagnostics[1].range.start.line, 5);
});

test('other messages and unexpected publishDiagnostics shapes fall back to JSON.stringify', () => {
  const messages: Message[] = [
    { jsonrpc: '2.0', id: 4, result: { items: [1, 'two', null] } } as Message,
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hello' } } as Message,
    publish({ diagnostics: [], uri: 'file:///reordered.yaml' }),
    publish({ uri: 'file:///extra.yaml', diagnostics: [], extra: true }),
    publish([{ uri: 'file:///array.yaml', diagnostics: [] }]),
  ];
  for (const message of messages) assert.equal(encodeMessage(message), JSON.stringify(message));
});

test('the writer frames each message with its UTF-8 byte length, in the order sent', async () => {
  const stream = new PassThrough();
  const received: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => received.push(chunk));
  const writer = new ChunkedStreamMessageWriter(stream);
  const uri = 'file:///w/\u00fc.yaml';
  const messages: Message[] = [
    publish({ uri, version: 3, diagnostics: [toDiagnostic(uri, finding(1, 'caf\u00e9 \u{1F600}'))] }),
    { jsonrpc: '2.0', id: 1, result: null } as Message,
    publish({ uri, version: 4, diagnostics: [] }),
  ];
  for (const message of messages) await writer.write(message);
  await new Promise((resolve) => setImmediate(resolve));
  let wire = Buffer.concat(received);
  const decoded: unknown[] = [];
  while (wire.length > 0) {
    const headerEnd = wire.indexOf('\r\n\r\n');
    const length = Number(/^Content-Length: (\d+)$/.exec(wire.subarray(0, headerEnd).toString('ascii'))?.[1]);
    decoded.push(JSON.parse(wire.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
    wire = wire.subarray(headerEnd + 4 + length);
  }
  assert.deepEqual(decoded, messages.map((message) => JSON.parse(JSON.stringify(message))));
});

test('versions of a document reuse the bytes of the diagnostics sent before, whatever was added, removed or moved', () => {
  const next = seededRandom(11);
  const uri = 'file:///w/big.yaml';
  const other = 'file:///w/other.yaml';
  const pool = Array.from({ length: 40 }, (_unused, index) => toDiagnostic(uri, finding(index, `message ${index} "q" \u00e9`)));
  let current = pool.slice(0, 20);
  for (let version = 1; version <= 60; version++) {
    // Drop, insert and swap a few, as edits of a multi-document file do.
    const list = current.filter(() => next() > 0.1);
    for (let added = 0; added < 3; added++) list.splice(Math.floor(next() * (list.length + 1)), 0, pool[Math.floor(next() * pool.length)]);
    if (list.length > 2 && next() < 0.3) [list[0], list[list.length - 1]] = [list[list.length - 1], list[0]];
    current = list;
    const message = publish({ uri, version, diagnostics: list });
    assert.deepEqual(JSON.parse(encodeMessage(message)), JSON.parse(JSON.stringify(message)), `version ${version}`);
    // Another document's messages in between must not disturb this one's.
    const interleaved = publish({ uri: other, version, diagnostics: list.slice(0, 3) });
    assert.deepEqual(JSON.parse(encodeMessage(interleaved)), JSON.parse(JSON.stringify(interleaved)));
  }
  const unversioned = publish({ uri, diagnostics: current });
  assert.deepEqual(JSON.parse(encodeMessage(unversioned)), JSON.parse(JSON.stringify(unversioned)));
});

test('a version whose diagnostics are mostly those of the last goes out in a few large pieces', () => {
  const uri = 'file:///w/pieces.yaml';
  const diagnostics = Array.from({ length: 2000 }, (_unused, index) => toDiagnostic(uri, finding(index, `finding ${index}`)));
  const first = encodeChunks(publish({ uri, version: 1, diagnostics }));
  const bytes = first.reduce((sum, chunk) => sum + chunk.length, 0);
  // Changed in the middle: one diagnostic replaced.
  const changed = [...diagnostics];
  changed[1000] = toDiagnostic(uri, finding(1000, 'changed'));
  const second = encodeChunks(publish({ uri, version: 2, diagnostics: changed }));
  // Head and tail, a view per 64 KB slab the bytes span, and the replaced diagnostic splitting one run.
  assert.ok(second.length <= 2 + Math.ceil(bytes / (64 * 1024)) + 3, `${second.length} pieces for ${bytes} bytes`);
  assert.deepEqual(JSON.parse(Buffer.concat(second).toString('utf8')), JSON.parse(JSON.stringify(publish({ uri, version: 2, diagnostics: changed }))));
});
