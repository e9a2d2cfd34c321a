// Falco over LSP in a multi-file workspace: cross-file diagnostics that follow edits, go to definition,
// references, rename across files, symbols, completion and hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { applyEdits, fixturePath, TestClient, type Diagnostic } from './client';

const WORKSPACE = fixturePath('falco-workspace');
const BASE = fixturePath('falco-workspace', 'base_rules.yaml');
const CUSTOM = fixturePath('falco-workspace', 'custom_rules.yaml');
const BASE_URI = pathToFileURL(BASE).toString();
const CUSTOM_URI = pathToFileURL(CUSTOM).toString();

interface Location {
  uri: string;
  range: Diagnostic['range'];
}

async function diagnosticsMatching(client: TestClient, uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const deadline = Date.now() + 15_000;
  let last: Diagnostic[] = [];
  while (Date.now() < deadline) {
    const published = await client.diagnostics(uri).catch(() => undefined);
    if (published) {
      last = published.diagnostics;
      if (accept(last)) return last;
    }
    client.clearPublished();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`diagnostics never matched: ${JSON.stringify(last.map((d) => `${String(d.code)}@${d.range.start.line}`))}`);
}

const errorsOf = (diagnostics: Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.severity === 1);

function position(text: string, needle: string, delta = 1): { line: number; character: number } {
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

test('Falco over LSP', async (t) => {
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });
  const capabilities = await client.initialize(pathToFileURL(WORKSPACE).toString());
  assert.equal(capabilities.referencesProvider, true);
  assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
  assert.equal(capabilities.documentSymbolProvider, true);

  const base = readFileSync(BASE, 'utf8');
  const custom = readFileSync(CUSTOM, 'utf8');

  await t.test('a file using another file\'s macro, list and rule has no errors once the workspace is indexed', async () => {
    await client.open(CUSTOM_URI, custom);
    await diagnosticsMatching(client, CUSTOM_URI, (list) => errorsOf(list).length === 0);
  });

  await t.test('an edit in another file updates the diagnostics', async () => {
    await client.open(BASE_URI, base);
    const renamed = base.replace('- macro: spawned_process', '- macro: spawned_processes');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: BASE_URI, version: 2 }, contentChanges: [{ text: renamed }] });
    const diagnostics = await diagnosticsMatching(client, CUSTOM_URI, (list) => errorsOf(list).some((d) => d.code === 'falco-undefined-reference'));
    assert.match(errorsOf(diagnostics)[0].message, /spawned_process/);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: BASE_URI, version: 3 }, contentChanges: [{ text: base }] });
    await diagnosticsMatching(client, CUSTOM_URI, (list) => errorsOf(list).length === 0);
  });

  await t.test('go to definition of a macro in another file', async () => {
    const locations = await client.connection.sendRequest<Location[]>('textDocument/definition', { textDocument: { uri: CUSTOM_URI }, position: position(custom, 'spawned_process and proc.pname') });
    assert.deepEqual(locations.map((location) => [location.uri, location.range.start.line]), [[BASE_URI, 0]]);
  });

  await t.test('references of a list across files, with and without the declaration', async () => {
    const at = { textDocument: { uri: BASE_URI }, position: position(base, 'shell_binaries') };
    const all = await client.connection.sendRequest<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: true } });
    assert.deepEqual(all.map((location) => `${location.uri === BASE_URI ? 'base' : 'custom'}:${location.range.start.line}`).sort(), ['base:3', 'base:8', 'custom:1', 'custom:13']);
    const uses = await client.connection.sendRequest<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: false } });
    assert.equal(uses.length, 2);
  });

  await t.test('rename a macro across files', async () => {
    const at = { textDocument: { uri: CUSTOM_URI }, position: position(custom, 'spawned_process and proc.pname') };
    const prepared = await client.connection.sendRequest<{ placeholder: string } | null>('textDocument/prepareRename', at);
    assert.equal(prepared?.placeholder, 'spawned_process');
    const edit = await client.connection.sendRequest<{ changes: Record<string, { range: Diagnostic['range']; newText: string }[]> }>('textDocument/rename', { ...at, newName: 'process_started' });
    assert.deepEqual(Object.keys(edit.changes).sort(), [BASE_URI, CUSTOM_URI].sort());
    const renamedBase = applyEdits(base, edit.changes[BASE_URI]);
    assert.match(renamedBase, /- macro: process_started\n/);
    assert.match(renamedBase, /condition: process_started and proc.name in/);
    assert.match(applyEdits(custom, edit.changes[CUSTOM_URI]), /condition: process_started and proc.pname/);
    await assert.rejects(client.connection.sendRequest('textDocument/rename', { ...at, newName: 'has space' }));
  });

  await t.test('document symbols list rules, macros and lists', async () => {
    const symbols = await client.connection.sendRequest<{ name: string; detail: string }[]>('textDocument/documentSymbol', { textDocument: { uri: CUSTOM_URI } });
    assert.deepEqual(symbols.map((symbol) => `${symbol.detail}:${symbol.name}`), ['list (override):shell_binaries', 'rule (override):Shell spawned', 'rule:Shell from a web server']);
  });

  await t.test('completion: fields and workspace macros in conditions, priorities', async () => {
    const conditionLine = custom.split('\n').findIndex((line) => line.includes('condition: spawned_process and proc.pname'));
    const items = await client.connection.sendRequest<{ label: string; detail?: string }[]>('textDocument/completion', { textDocument: { uri: CUSTOM_URI }, position: { line: conditionLine, character: '  condition: '.length } });
    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('proc.name') && labels.includes('spawned_process'), labels.slice(0, 10).join(', '));
    assert.equal(items.find((item) => item.label === 'spawned_process')?.detail, 'macro');
    const priorityLine = custom.split('\n').findIndex((line) => line.includes('priority: WARNING'));
    const priorities = await client.connection.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri: CUSTOM_URI }, position: { line: priorityLine, character: '  priority: '.length } });
    assert.ok(priorities.some((item) => item.label === 'CRITICAL'));
  });

  await t.test('hover: a field\'s type and description, a macro\'s text and file', async () => {
    const field = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: CUSTOM_URI }, position: position(custom, 'proc.pname in (nginx', 3) });
    assert.match(field?.contents.value ?? '', /\*\*proc\.pname\*\* `CHARBUF`/);
    const macro = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: CUSTOM_URI }, position: position(custom, 'spawned_process and proc.pname') });
    assert.match(macro?.contents.value ?? '', /macro spawned_process\*\* — defined in base_rules\.yaml/);
    assert.match(macro?.contents.value ?? '', /evt\.type in \(execve, execveat\)/);
  });

  await client.close();
});
