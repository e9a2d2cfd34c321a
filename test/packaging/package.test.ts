// The published artifacts as users get them: the npm tarball installed offline into an empty project (its bins run
// from there, with no node_modules but their own), and the file list of the VS Code extension package.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isBuiltin } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const ROOT = join(__dirname, '..', '..', '..');
const PROJECT = join(ROOT, 'test', 'fixtures', 'cli', 'project');
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies?: Record<string, string> };

/** Files both packages carry besides their own; docs/rules pages are counted, not listed. */
const SHARED_FILES = ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'schemas/seccomp-profile.schema.json', 'schemas/workload-guard-config.schema.json', 'snippets/falco.code-snippets', 'snippets/kubernetes.code-snippets', 'snippets/seccomp.code-snippets'];
const NPM_FILES = [...SHARED_FILES, 'bin/workload-guard.js', 'bin/workload-guard-ls.js', 'dist/cli.js', 'dist/server.js'];
const VSIX_FILES = [...SHARED_FILES, 'dist/extension.js', 'dist/server.js', 'images/icon.png'];

let work: string;
let installed: string;
let packedFiles: string[];

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // The bins start with `#!/usr/bin/env node`: the node running the tests must be the one they find.
  const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' };
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The files of a package listing, with the rule pages folded into one count. */
function split(files: string[]): { listed: string[]; rulePages: number } {
  const rulePages = files.filter((file) => /^docs\/rules\/[^/]+\.md$/.test(file)).length;
  return { listed: files.filter((file) => !file.startsWith('docs/rules/')).sort(), rulePages };
}

before(() => {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/ is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'wg-package-'));
  // --ignore-scripts: pack the dist/ the build made; "prepare" would rebuild it under the other tests' feet.
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  assert.equal(pack.status, 0, pack.stderr);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed.files.map((file) => file.path);
  installed = join(work, 'consumer');
  mkdirSync(installed);
  writeFileSync(join(installed, 'package.json'), '{ "name": "consumer", "private": true }\n');
  // An empty cache and --offline: the install succeeds only if the package needs nothing from a registry.
  const install = run('npm', ['install', '--offline', '--cache', join(work, 'cache'), '--no-audit', '--no-fund', join(work, packed.filename)], installed);
  assert.equal(install.status, 0, install.stderr);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the npm package holds the bundles, bins and docs only, and declares no runtime dependencies', () => {
  assert.deepEqual(MANIFEST.dependencies ?? {}, {}, 'dist/ is bundled: everything else is a devDependency');
  const { listed, rulePages } = split(packedFiles);
  assert.deepEqual(listed, [...NPM_FILES].sort());
  assert.ok(rulePages > 50, `rule pages shipped (${rulePages})`);
  const modules = readdirSync(join(installed, 'node_modules')).filter((name) => !name.startsWith('.'));
  assert.deepEqual(modules, ['workload-guard'], 'installing pulls in nothing else');
});

test('installed `workload-guard scan` reports findings with exit code 1, and its version', () => {
  const bin = join(installed, 'node_modules', '.bin', 'workload-guard');
  const scan = run(bin, ['scan', '--format', 'json', 'apps/web.yaml'], PROJECT);
  assert.equal(scan.status, 1, scan.stderr);
  const report = JSON.parse(scan.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
  assert.equal(report.files[0].path, 'apps/web.yaml');
  assert.ok(report.files[0].findings.some((finding) => finding.ruleId === 'pss-privileged'));
  assert.equal(run(bin, ['--version'], PROJECT).stdout.trim(), MANIFEST.version, 'reads the installed package.json');
  assert.equal(run(bin, ['scan', 'apps/hardened.yaml'], PROJECT).status, 0);
});

test('installed `workload-guard scan` validates a project config with the bundled schema validator', () => {
  const project = join(work, 'config-project');
  mkdirSync(project);
  writeFileSync(join(project, '.workload-guard.yaml'), 'pssLevel: strict\nignorePaths: [""]\n');
  writeFileSync(join(project, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx}]\n');
  const scan = run(join(installed, 'node_modules', '.bin', 'workload-guard'), ['scan', '--format', 'json', 'pod.yaml'], project);
  assert.equal(scan.status, 1, scan.stderr);
  const report = JSON.parse(scan.stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
  const config = report.files.find((file) => file.path === '.workload-guard.yaml');
  assert.deepEqual(
    config?.findings.map((finding) => finding.ruleId),
    ['config-invalid', 'config-invalid'],
    JSON.stringify(config),
  );
});

test('installed `workload-guard-ls --stdio` answers initialize', async () => {
  const bin = join(installed, 'node_modules', '.bin', 'workload-guard-ls');
  const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
  const server = spawn(bin, ['--stdio'], { cwd: installed, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.listen();
  try {
    const result = await connection.sendRequest<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.ok(result.capabilities.textDocumentSync !== undefined, `capabilities: ${JSON.stringify(result.capabilities)}; stderr: ${stderr}`);
    assert.ok(result.capabilities.codeActionProvider, 'quick fixes offered');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const code = await new Promise<number | null>((resolve) => (server.exitCode !== null ? resolve(server.exitCode) : server.once('exit', resolve)));
    assert.equal(code, 0, stderr);
  } finally {
    connection.dispose();
    server.kill();
  }
});

test('the extension bundle loads nothing but Node built-ins and the editor-provided vscode module', () => {
  const required = [...readFileSync(join(ROOT, 'dist', 'extension.js'), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]);
  assert.ok(required.includes('vscode'));
  assert.deepEqual([...new Set(required.filter((name) => name !== 'vscode' && !isBuiltin(name)))], []);
});

test('the VS Code package (vsce ls) holds the bundled extension and server, no node_modules or sources', () => {
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const ls = run(process.execPath, [vsce, 'ls', '--no-dependencies'], ROOT);
  assert.equal(ls.status, 0, ls.stderr);
  const { listed, rulePages } = split(ls.stdout.split('\n').filter(Boolean));
  assert.deepEqual(listed, [...VSIX_FILES].sort());
  assert.equal(rulePages, split(packedFiles).rulePages, 'the same rule pages as the npm package');
});
