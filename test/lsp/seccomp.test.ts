// Seccomp over LSP: diagnostics and fixes in profiles, syscall completion and hover, and the link from
// Kubernetes `localhostProfile` to the workspace's profile files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { applyEdits, fixturePath, TestClient, type Diagnostic } from './client';

interface CompletionItem {
  label: string;
  detail?: string;
  textEdit?: { newText: string };
  documentation?: { value: string };
}

const WORKSPACE = fixturePath('seccomp-workspace');
const POD = fixturePath('seccomp-workspace', 'deploy', 'pod.yaml');
const AUDIT = fixturePath('seccomp-workspace', 'node-setup', 'seccomp', 'profiles', 'audit.json');
const PROFILE_URI = pathToFileURL(fixturePath('seccomp-workspace', 'draft.json')).toString();
const PROFILE = '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "architectures": ["SCMP_ARCH_AARCH64"],\n  "syscalls": [{"names": ["read", "ptrce", ""], "action": "SCMP_ACT_ALLOW"}]\n}\n';

async function waitForDiagnostics(client: TestClient, uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const published = await client.diagnostics(uri);
    if (accept(published.diagnostics)) return published.diagnostics;
    if (Date.now() > deadline) throw new Error(`diagnostics never matched: ${JSON.stringify(published.diagnostics.map((d) => d.code))}`);
    client.clearPublished();
    await client.diagnostics(uri, undefined, 10_000).catch(() => undefined);
  }
}

test('seccomp over LSP', async (t) => {
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });
  const capabilities = await client.initialize(pathToFileURL(WORKSPACE).toString());
  assert.equal(capabilities.definitionProvider, true);

  await t.test('a profile with a misspelled syscall: diagnostic with a did-you-mean fix', async () => {
    await client.open(PROFILE_URI, PROFILE, 1, 'json');
    const diagnostics = await waitForDiagnostics(client, PROFILE_URI, (list) => list.some((d) => d.code === 'seccomp-unknown-syscall'));
    const typo = diagnostics.find((d) => d.code === 'seccomp-unknown-syscall');
    assert.deepEqual(typo?.range.start, { line: 3, character: PROFILE.split('\n')[3].indexOf('"ptrce"') });
    const actions = await client.connection.sendRequest<{ title: string; edit?: { documentChanges?: { edits: { range: Diagnostic['range']; newText: string }[] }[] } }[]>('textDocument/codeAction', {
      textDocument: { uri: PROFILE_URI },
      range: typo?.range,
      context: { diagnostics: [typo], only: ['quickfix'] },
    });
    const fix = actions.find((action) => action.title === 'Change to ptrace');
    assert.ok(fix, actions.map((action) => action.title).join(', '));
    const edits = (fix.edit?.documentChanges ?? []).flatMap((change) => change.edits);
    assert.match(applyEdits(PROFILE, edits), /"ptrace"/);
  });

  await t.test('completion of syscall names for the declared architecture, with numbers', async () => {
    const line = 3;
    const character = PROFILE.split('\n')[3].indexOf('""') + 1;
    const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: PROFILE_URI }, position: { line, character } });
    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('openat'));
    assert.ok(!labels.includes('open'), 'open does not exist on aarch64');
    assert.equal(items.find((item) => item.label === 'ptrace')?.detail, 'aarch64 117');
    const actions = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: PROFILE_URI }, position: { line: 3, character: PROFILE.split('\n')[3].indexOf('SCMP_ACT_ALLOW') + 2 } });
    assert.ok(actions.some((item) => item.label === 'SCMP_ACT_ERRNO'));
  });

  await t.test('hover on a syscall: numbers and what the default profiles do', async () => {
    const character = PROFILE.split('\n')[3].indexOf('read') + 1;
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: PROFILE_URI }, position: { line: 3, character } });
    assert.match(hover?.contents.value ?? '', /\*\*read\*\*/);
    assert.match(hover?.contents.value ?? '', /aarch64 63/);
    assert.match(hover?.contents.value ?? '', /Docker default: allowed/);
  });

  await t.test('Kubernetes localhostProfile: missing profile reported, existing one linked and completed', async () => {
    const podUri = pathToFileURL(POD).toString();
    const text = readFileSync(POD, 'utf8');
    await client.open(podUri, text);
    const diagnostics = await waitForDiagnostics(client, podUri, (list) => list.some((d) => d.code === 'seccomp-profile-not-found'));
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'seccomp-profile-not-found').map((d) => d.range.start.line),
      [13],
    );
    const line = 8;
    const character = text.split('\n')[line].indexOf('profiles/audit') + 3;
    const locations = await client.connection.sendRequest<{ uri: string }[]>('textDocument/definition', { textDocument: { uri: podUri }, position: { line, character } });
    assert.deepEqual(locations.map((location) => location.uri), [pathToFileURL(AUDIT).toString()]);
    const completionLine = text.split('\n')[line];
    const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: podUri }, position: { line, character: completionLine.length } });
    assert.ok(items.some((item) => item.label === 'profiles/audit.json'), items.map((item) => item.label).join(', '));
  });

  await t.test('the node profiles report lists every Localhost profile with the workloads that need it', async () => {
    const result = await client.connection.sendRequest<{ markdown: string }>('workspace/executeCommand', { command: 'workload-guard.nodeProfiles', arguments: [] });
    assert.match(result.markdown, /## Seccomp/);
    // The container's own profile overrides the pod-level one, so only missing.json is really needed.
    assert.match(result.markdown, /- `profiles\/missing\.json`\n  - Pod "app", container "app" — pod\.yaml:14/);
    assert.doesNotMatch(result.markdown, /profiles\/audit\.json/);
  });

  await t.test('the generate command builds a profile from an audit log', async () => {
    const log = pathToFileURL(fixturePath('..', 'seccomp', 'generate', 'audit.log')).toString();
    const result = await client.connection.sendRequest<{ text?: string; problems: string[] }>('workspace/executeCommand', { command: 'workload-guard.generateSeccompProfile', arguments: [log, 'audit'] });
    assert.deepEqual((JSON.parse(result.text ?? '{}') as { syscalls: { names: string[] }[] }).syscalls[0].names, ['execve', 'openat', 'read', 'write']);
    assert.equal(result.problems.length, 2);
  });

  await client.close();
});
