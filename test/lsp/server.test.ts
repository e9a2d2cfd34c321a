import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'url';
import { ALL_RULES } from '../../server/src/engine/registry';
import { applyEdits, fixturePath, TestClient, type Diagnostic } from './client';

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: nginx:1.27',
  '          securityContext:',
  '            privileged: true',
  '',
].join('\n');

const RESTRICTED_RULES = ['pss-capabilities-restricted', 'pss-allow-privilege-escalation', 'pss-run-as-non-root', 'pss-seccomp-restricted'];

const URI = 'file:///tmp/workload-guard-lsp-test/deployment.yaml';

interface TextEdit {
  range: Diagnostic['range'];
  newText: string;
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { documentChanges?: { edits: TextEdit[] }[] };
}

function editsOf(action: CodeAction): TextEdit[] {
  return (action.edit?.documentChanges ?? []).flatMap((change) => change.edits);
}

function byRule(diagnostics: Diagnostic[], id: string): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === id);
}

test('language server over stdio', async (t) => {
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });

  await t.test('initialize advertises its capabilities', async () => {
    const capabilities = await client.initialize(null);
    assert.deepEqual((capabilities.textDocumentSync as { change: number }).change, 2);
    assert.ok(capabilities.codeActionProvider);
    assert.deepEqual((capabilities.completionProvider as { triggerCharacters: string[] }).triggerCharacters, [':', ' ', '-', '"']);
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.codeLensProvider);
    assert.deepEqual((capabilities.executeCommandProvider as { commands: string[] }).commands, ['workload-guard.applyFixAll', 'workload-guard.hardenWorkload', 'workload-guard.generateSeccompProfile', 'workload-guard.nodeProfiles', 'workload-guard.scanWorkspace']);
  });

  await t.test('an insecure Deployment gets diagnostics with rule id, docs link and exact range', async () => {
    await client.open(URI, DEPLOYMENT, 1);
    const published = await client.diagnostics(URI, 1);
    const [privileged] = byRule(published.diagnostics, 'pss-privileged');
    assert.ok(privileged, JSON.stringify(published.diagnostics));
    assert.equal(privileged.source, 'workload-guard');
    assert.match(privileged.codeDescription?.href ?? '', /docs\/rules\/pss-privileged\.md$/);
    assert.deepEqual(privileged.range, { start: { line: 11, character: 12 }, end: { line: 11, character: 28 } });
    assert.equal(published.version, 1);
    assert.equal(privileged.code, 'pss-privileged');
  });

  await t.test('a quick fix edits the text as expected; disable actions are offered', async () => {
    const published = await client.diagnostics(URI, 1);
    const [privileged] = byRule(published.diagnostics, 'pss-privileged');
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: privileged.range,
      context: { diagnostics: [privileged], only: ['quickfix'] },
    });
    const fix = actions.find((action) => !action.title.startsWith('Disable'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyEdits(DEPLOYMENT, editsOf(fix));
    assert.doesNotMatch(fixed, /privileged: true/);
    assert.match(fixed, /privileged: false|securityContext:\s*\{\}|securityContext:\n(?! {12}privileged)/);

    const line = actions.find((action) => action.title === 'Disable pss-privileged for this line');
    assert.ok(line);
    assert.match(applyEdits(DEPLOYMENT, editsOf(line)), /\n {12}# workload-guard-disable-next-line pss-privileged\n {12}privileged: true/);
    const resource = actions.find((action) => action.title === 'Disable pss-privileged for this resource');
    assert.ok(resource);
    assert.match(applyEdits(DEPLOYMENT, editsOf(resource)), /metadata:\n  name: web\n  annotations:\n    workload-guard\.dev\/ignore: pss-privileged\n/);
  });

  await t.test('source.fixAll returns one combined edit', async () => {
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.workload-guard'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(editsOf(actions[0]).length, 1);
    assert.doesNotMatch(applyEdits(DEPLOYMENT, editsOf(actions[0])), /privileged: true/);
  });

  await t.test('executeCommand hardenWorkload sends one workspace edit', async () => {
    await client.connection.sendRequest('workspace/executeCommand', { command: 'workload-guard.hardenWorkload', arguments: [URI, { line: 1, character: 0 }] });
    const last = client.applied[client.applied.length - 1] as { edit: { documentChanges: { edits: TextEdit[] }[] } } | undefined;
    assert.ok(last);
    assert.equal(last.edit.documentChanges[0].edits.length, 1);
    const hardened = applyEdits(DEPLOYMENT, last.edit.documentChanges[0].edits);
    assert.doesNotMatch(hardened, /privileged: true/);
  });

  await t.test('code lens shows the Pod Security level at the kind line', async () => {
    const lenses = await client.connection.sendRequest<{ range: Diagnostic['range']; command: { title: string; command: string; arguments?: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 1);
    assert.equal(lenses[0].command.title.startsWith('Pod Security: privileged'), true);
    assert.equal(lenses[0].command.command, 'workloadGuard.hardenWorkload');
  });

  await t.test('hover on a securityContext key shows the effective value per container', async () => {
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 11, character: 14 } });
    assert.ok(hover);
    assert.match(hover.contents.value, /privileged/);
    assert.match(hover.contents.value, /`app`: `true` \(container\)/);
  });

  await t.test('completion inside securityContext: keys and seccompProfile.type values, on a half-typed document', async () => {
    const halfTyped = DEPLOYMENT.replace('            privileged: true\n', '            runAsNo\n');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/half.yaml', languageId: 'yaml', version: 1, text: halfTyped } });
    const keys = await client.connection.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri: 'file:///tmp/half.yaml' }, position: { line: 11, character: 19 } });
    const labels = keys.map((item) => item.label);
    assert.ok(labels.includes('runAsNonRoot'), labels.join(','));
    assert.ok(labels.includes('allowPrivilegeEscalation'));
    assert.ok(labels.includes('seccompProfile'));

    const seccomp = DEPLOYMENT.replace('            privileged: true\n', '            seccompProfile:\n              type: \n');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/seccomp.yaml', languageId: 'yaml', version: 1, text: seccomp } });
    const values = await client.connection.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri: 'file:///tmp/seccomp.yaml' }, position: { line: 12, character: 20 } });
    assert.deepEqual(values.map((item) => item.label).sort(), ['Localhost', 'RuntimeDefault', 'Unconfined']);

    const empty = DEPLOYMENT.replace('          securityContext:\n            privileged: true\n', '          securityContext:\n            \n');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/empty.yaml', languageId: 'yaml', version: 1, text: empty } });
    const emptyKeys = await client.connection.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri: 'file:///tmp/empty.yaml' }, position: { line: 11, character: 12 } });
    assert.ok(emptyKeys.some((item) => item.label === 'capabilities'));
  });

  await t.test('incremental didChange publishes diagnostics for the new version', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 11, character: 24 }, end: { line: 11, character: 28 } }, text: 'false' }],
    });
    const published = await client.diagnostics(URI, 2);
    assert.equal(byRule(published.diagnostics, 'pss-privileged').length, 0);
  });

  await t.test('inline suppression comment silences the rule on the next line', async () => {
    const uri = 'file:///tmp/suppressed.yaml';
    await client.open(uri, DEPLOYMENT.replace('            privileged: true', '            # workload-guard-disable-next-line pss-privileged\n            privileged: true'));
    const published = await client.diagnostics(uri, 1);
    assert.equal(byRule(published.diagnostics, 'pss-privileged').length, 0);
  });

  await t.test('configuration change to baseline re-diagnoses without restricted findings', async () => {
    const uri = 'file:///tmp/restricted.yaml';
    await client.open(uri, DEPLOYMENT.replace('privileged: true', 'privileged: false'));
    const before = await client.diagnostics(uri, 1);
    // Restricted-only rules land in parallel: check them once they are registered.
    for (const id of RESTRICTED_RULES.filter((rule) => ALL_RULES.some((meta) => meta.id === rule))) {
      assert.ok(before.diagnostics.some((d) => d.code === id), `expected ${id} at level restricted`);
    }
    client.clearPublished();
    client.settings = { pssLevel: 'baseline' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const published = await client.diagnostics(uri, 1);
    const restricted = published.diagnostics.filter((d) => RESTRICTED_RULES.includes(String(d.code)));
    assert.deepEqual(restricted, []);
    client.settings = {};
  });

  await t.test('broken YAML and Helm templates give diagnostics and do not crash the server', async () => {
    const broken = 'file:///tmp/broken.yaml';
    await client.open(broken, 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: [unclosed\n');
    const syntax = await client.diagnostics(broken, 1);
    assert.ok(syntax.diagnostics.length > 0);
    const helm = 'file:///tmp/templates/deployment.yaml';
    await client.open(helm, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: {{ .Values.image }}\n');
    const template = await client.diagnostics(helm, 1);
    assert.ok(template.diagnostics.some((d) => d.code === 'template-not-rendered'), JSON.stringify(template.diagnostics));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: broken }, position: { line: 4, character: 8 } });
    assert.equal(hover, null);
  });

  await t.test('shutdown and exit', async () => {
    await client.close();
    assert.equal(client.process.exitCode, 0);
  });
});

test('a project .workload-guard.yaml turns a rule off', async (t) => {
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });
  await client.initialize(pathToFileURL(fixturePath('project')).toString());
  const file = fixturePath('project', 'sub', 'privileged.yaml');
  const uri = pathToFileURL(file).toString();
  const { readFileSync } = await import('fs');
  await client.open(uri, readFileSync(file, 'utf8'));
  const published = await client.diagnostics(uri, 1);
  assert.equal(byRule(published.diagnostics, 'pss-privileged').length, 0);

  // The config file itself gets its own diagnostics.
  const configUri = pathToFileURL(fixturePath('project', '.workload-guard.yaml')).toString();
  await client.open(configUri, 'rules:\n  pss-privileged: sometimes\n');
  const config = await client.diagnostics(configUri, 1);
  assert.ok(config.diagnostics.length > 0);
  await client.close();
});

test('without workspace/configuration: initializationOptions settings, ignorePaths and harden as a source action', async (t) => {
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
  });
  await client.initialize(pathToFileURL(fixturePath('project')).toString(), false, { settings: { ignorePaths: ['sub/**'], rules: { 'pss-privileged': 'error' } } });
  const { readFileSync } = await import('fs');
  const ignoredFile = fixturePath('project', 'sub', 'privileged.yaml');
  const ignoredUri = pathToFileURL(ignoredFile).toString();
  await client.open(ignoredUri, readFileSync(ignoredFile, 'utf8'));
  assert.deepEqual((await client.diagnostics(ignoredUri, 1)).diagnostics, []);

  // Editor settings win over the project file: the rule is back on, as an error.
  client.clearPublished();
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workloadGuard: { rules: { 'pss-privileged': 'error' } } } });
  const published = await client.diagnostics(ignoredUri, 1);
  const [privileged] = byRule(published.diagnostics, 'pss-privileged');
  assert.ok(privileged, JSON.stringify(published.diagnostics));
  assert.equal((privileged as Diagnostic & { severity?: number }).severity, 1);

  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: ignoredUri },
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
    context: { diagnostics: [], only: ['source'] },
  });
  const harden = actions.find((action) => action.title === 'Harden this workload to restricted');
  assert.ok(harden, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(editsOf(harden).length, 1);
  assert.doesNotMatch(applyEdits(readFileSync(ignoredFile, 'utf8'), editsOf(harden)), /privileged: true/);
  await client.close();
});

test('a changed .workload-guard.yaml (didChangeWatchedFiles) re-diagnoses open documents', async (t) => {
  const fs = await import('fs');
  const os = await import('os');
  const path = await import('path');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-lsp-'));
  const client = new TestClient();
  t.after(() => {
    if (client.process.exitCode === null) client.process.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const configPath = path.join(root, '.workload-guard.yaml');
  fs.writeFileSync(configPath, 'pssLevel: restricted\n');
  await client.initialize(pathToFileURL(root).toString());
  const uri = pathToFileURL(path.join(root, 'deployment.yaml')).toString();
  await client.open(uri, DEPLOYMENT);
  assert.equal(byRule((await client.diagnostics(uri, 1)).diagnostics, 'pss-privileged').length, 1);

  client.clearPublished();
  fs.writeFileSync(configPath, 'rules:\n  pss-privileged: "off"\n');
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).toString(), type: 2 }] });
  assert.equal(byRule((await client.diagnostics(uri, 1)).diagnostics, 'pss-privileged').length, 0);
  await client.close();
});
