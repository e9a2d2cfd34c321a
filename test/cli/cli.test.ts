// The CLI as users run it: `node bin/workload-guard.js` as a child process, on fixture projects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ALL_RULES } from '../../server/src/engine/registry';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'workload-guard.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');
const PROJECT = join(FIXTURES, 'project');
const SNAPSHOTS = join(FIXTURES, 'snapshots');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? PROJECT, input: options.input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function snapshot(name: string, actual: string): void {
  const path = join(SNAPSHOTS, name);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) assert.fail(`missing snapshot ${name}: run with UPDATE_SNAPSHOTS=1 and review it`);
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 rewrites it after a reviewed change)`);
}

function tempCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wg-cli-'));
  cpSync(PROJECT, dir, { recursive: true });
  return dir;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  pss?: { level: string; check: string };
  fixes: { title: string; safe: boolean; edits: { range: unknown; newText: string }[] }[];
}
interface JsonReport {
  version: number;
  files: { path: string; kind: string; findings: JsonFinding[] }[];
}

test('text output: snapshot, exit 1 on errors', () => {
  const run = cli(['scan', '.']);
  assert.equal(run.status, 1, run.stderr);
  snapshot('scan.txt', run.stdout);
});

test('json output: snapshot and the documented shape', () => {
  const run = cli(['scan', '--format', 'json', '.']);
  assert.equal(run.status, 1, run.stderr);
  snapshot('scan.json', run.stdout);
  const report = JSON.parse(run.stdout) as JsonReport;
  assert.deepEqual(Object.keys(report), ['version', 'files']);
  assert.equal(report.version, 1);
  const paths = report.files.map((file) => file.path);
  assert.deepEqual(paths, [...paths].sort(), 'files sorted');
  assert.ok(paths.includes('apps/web.yaml') && paths.includes('apps/hardened.yaml') && paths.includes('profiles/seccomp.json'));
  assert.ok(!paths.some((path) => path.startsWith('charts/')), 'ignorePaths from the project config');
  assert.ok(!paths.includes('profiles/other.json'), 'unrelated JSON found by walking is left out');
  assert.equal(report.files.find((file) => file.path === 'profiles/seccomp.json')?.kind, 'seccomp');
  for (const file of report.files) {
    assert.deepEqual(Object.keys(file), ['path', 'kind', 'findings']);
    for (const finding of file.findings) {
      const keys = Object.keys(finding);
      assert.deepEqual(keys.filter((key) => key !== 'pss'), ['ruleId', 'severity', 'message', 'range', 'fixes']);
      assert.equal('pss' in finding, finding.ruleId.startsWith('pss-'), `${finding.ruleId}: pss only on PSS findings`);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(finding.severity));
      assert.ok(finding.range.start.line >= 0 && finding.range.start.character >= 0);
    }
  }
  const web = report.files.find((file) => file.path === 'apps/web.yaml');
  const privileged = web?.findings.find((finding) => finding.ruleId === 'pss-privileged');
  assert.deepEqual(privileged?.range, { start: { line: 16, character: 12 }, end: { line: 16, character: 28 } }, '0-based like LSP');
  assert.deepEqual(privileged?.pss, { level: 'baseline', check: 'privileged' });
  assert.equal(privileged?.fixes[0].safe, true);
  const broken = report.files.find((file) => file.path === 'apps/broken.yaml');
  assert.ok(broken?.findings.some((finding) => finding.ruleId === 'yaml-syntax-error' && finding.range.start.line === 8));
});

test('sarif output: snapshot and SARIF 2.1.0 structure', () => {
  const run = cli(['scan', '--format', 'sarif', '.']);
  assert.equal(run.status, 1, run.stderr);
  snapshot('scan.sarif.json', run.stdout);
  const sarif = JSON.parse(run.stdout) as {
    version: string;
    $schema: string;
    runs: { tool: { driver: { name: string; rules: { id: string; helpUri: string; shortDescription: { text: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[]; fixes?: unknown[] }[] }[];
  };
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  const [sarifRun] = sarif.runs;
  const rules = sarifRun.tool.driver.rules;
  assert.equal(rules.length, ALL_RULES.length, 'every rule is described');
  for (const rule of rules) assert.match(rule.helpUri, new RegExp(`docs/rules/${rule.id}\\.md$`));
  assert.ok(sarifRun.results.length > 0);
  for (const result of sarifRun.results) {
    assert.equal(rules[result.ruleIndex].id, result.ruleId, 'ruleIndex points at the rule');
    assert.ok(['error', 'warning', 'note'].includes(result.level));
    const { region, artifactLocation } = result.locations[0].physicalLocation;
    assert.ok(region.startLine >= 1 && region.startColumn >= 1, '1-based regions');
    assert.ok(!artifactLocation.uri.startsWith('/'), 'relative artifact paths');
  }
  const privileged = sarifRun.results.find((result) => result.ruleId === 'pss-privileged' && result.locations[0].physicalLocation.artifactLocation.uri === 'apps/web.yaml');
  assert.deepEqual(privileged?.locations[0].physicalLocation.region, { startLine: 17, startColumn: 13, endLine: 17, endColumn: 29 });
  assert.ok(privileged?.fixes?.length);
});

test('exit codes: 0 clean, 1 findings, 2 usage and IO errors', () => {
  assert.equal(cli(['scan', 'apps/hardened.yaml']).status, 0);
  assert.equal(cli(['scan', 'apps/web.yaml']).status, 1);
  assert.equal(cli(['scan', '--fail-on', 'none', 'apps/web.yaml']).status, 0);
  const missing = cli(['scan', 'does-not-exist.yaml']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /does-not-exist\.yaml: no such file/);
  const unknownFlag = cli(['scan', '--frobnicate', '.']);
  assert.equal(unknownFlag.status, 2);
  assert.match(unknownFlag.stderr, /frobnicate/);
  assert.equal(cli(['scan', '--format', 'xml', '.']).status, 2);
  assert.equal(cli(['scan', '--kubernetes-version', '2.0', '.']).status, 2);
  assert.equal(cli(['launch']).status, 2);
  assert.equal(cli([]).status, 2);
  assert.equal(cli(['scan', '--config', 'nope.yaml', '.']).status, 2);
});

test('--fail-on warning fails on warnings only files; --pss-level and --kubernetes-version are applied', () => {
  const onlyWarnings = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  automountServiceAccountToken: false\n  securityContext: {runAsNonRoot: true, runAsUser: 20000, seccompProfile: {type: RuntimeDefault}}\n  containers:\n    - name: a\n      image: nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n';
  const dir = mkdtempSync(join(tmpdir(), 'wg-cli-'));
  try {
    writeFileSync(join(dir, 'pod.yaml'), onlyWarnings);
    const json = JSON.parse(cli(['scan', '--format', 'json', '--no-config', 'pod.yaml'], { cwd: dir }).stdout) as JsonReport;
    const severities = new Set(json.files[0].findings.map((finding) => finding.severity));
    assert.ok(!severities.has('error'), `no errors expected, got ${[...severities].join(', ')}`);
    assert.ok(severities.has('warning'));
    assert.equal(cli(['scan', '--no-config', 'pod.yaml'], { cwd: dir }).status, 0);
    assert.equal(cli(['scan', '--no-config', '--fail-on', 'warning', 'pod.yaml'], { cwd: dir }).status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const restricted = JSON.parse(cli(['scan', '--format', 'json', 'apps/web.yaml']).stdout) as JsonReport;
  const baseline = JSON.parse(cli(['scan', '--format', 'json', '--pss-level', 'baseline', 'apps/web.yaml']).stdout) as JsonReport;
  assert.ok(baseline.files[0].findings.every((finding) => finding.pss?.level !== 'restricted'));
  assert.ok(baseline.files[0].findings.length <= restricted.files[0].findings.length);
  assert.equal(cli(['scan', '--kubernetes-version', '1.25', 'apps/web.yaml']).status, 1);
});

test('config discovery, --config and --no-config; flags beat the config', () => {
  const withConfig = JSON.parse(cli(['scan', '--format', 'json', 'apps/web.yaml']).stdout) as JsonReport;
  assert.ok(!withConfig.files[0].findings.some((finding) => finding.ruleId === 'image-tag'), 'the project config turns image-tag off');
  const noConfig = JSON.parse(cli(['scan', '--format', 'json', '--no-config', 'apps/web.yaml']).stdout) as JsonReport;
  assert.ok(noConfig.files[0].findings.some((finding) => finding.ruleId === 'image-tag'));
  const charts = JSON.parse(cli(['scan', '--format', 'json', '--no-config', '.']).stdout) as JsonReport;
  assert.ok(charts.files.some((file) => file.path.startsWith('charts/')), 'without config nothing is ignored');

  const dir = mkdtempSync(join(tmpdir(), 'wg-cli-'));
  try {
    writeFileSync(join(dir, 'strict.yaml'), 'rules:\n  pss-privileged: warning\n');
    const configured = JSON.parse(cli(['scan', '--format', 'json', '--config', join(dir, 'strict.yaml'), 'apps/web.yaml']).stdout) as JsonReport;
    assert.equal(configured.files[0].findings.find((finding) => finding.ruleId === 'pss-privileged')?.severity, 'warning');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an invalid project config shows its problems in the report', () => {
  const dir = tempCopy();
  try {
    writeFileSync(join(dir, '.workload-guard.yaml'), 'pssLevel: strict\nrules:\n  image-tag: off\n');
    const report = JSON.parse(cli(['scan', '--format', 'json', 'apps/web.yaml'], { cwd: dir }).stdout) as JsonReport;
    const config = report.files.find((file) => file.path === '.workload-guard.yaml');
    assert.equal(config?.kind, 'config');
    assert.ok(config?.findings.some((finding) => finding.ruleId === 'config-invalid' && finding.range.start.line === 0));
    const web = report.files.find((file) => file.path === 'apps/web.yaml');
    assert.ok(!web?.findings.some((finding) => finding.ruleId === 'image-tag'), 'the valid rest of the config still applies');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix applies safe fixes in place, keeps comments and CRLF, and a second run changes nothing', () => {
  const dir = tempCopy();
  try {
    const webPath = join(dir, 'apps', 'web.yaml');
    const crlfPath = join(dir, 'apps', 'crlf.yaml');
    const original = readFileSync(webPath, 'utf8');
    writeFileSync(crlfPath, `\uFEFF${original.replace(/\n/g, '\r\n')}`);
    const hardenedBefore = readFileSync(join(dir, 'apps', 'hardened.yaml'), 'utf8');
    const run = cli(['scan', '--fix', '--format', 'json', 'apps'], { cwd: dir });
    assert.match(run.stderr, /apps\/web\.yaml: applied \d+ fix/);
    const fixed = readFileSync(webPath, 'utf8');
    assert.notEqual(fixed, original);
    assert.match(fixed, /privileged: false # to be fixed by --fix/);
    assert.match(fixed, /# A web Deployment with a few problems\./);
    for (const document of parseAllDocuments(fixed)) assert.deepEqual(document.errors, []);
    const crlf = readFileSync(crlfPath, 'utf8');
    assert.ok(crlf.startsWith('\uFEFF') && !/[^\r]\n/.test(crlf), 'BOM and CRLF kept');
    assert.equal(readFileSync(join(dir, 'apps', 'hardened.yaml'), 'utf8'), hardenedBefore, 'clean files are not rewritten');
    const report = JSON.parse(run.stdout) as JsonReport;
    const web = report.files.find((file) => file.path === 'apps/web.yaml');
    assert.ok(!web?.findings.some((finding) => finding.ruleId === 'pss-privileged'), 'the report shows what is left');
    assert.ok(!web?.findings.some((finding) => finding.fixes.some((fix) => fix.safe)), 'no safe fix is left');
    const again = cli(['scan', '--fix', 'apps'], { cwd: dir });
    assert.doesNotMatch(again.stdout, /applied/);
    assert.equal(readFileSync(webPath, 'utf8'), fixed, 'idempotent');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('standard input, rules listing, version and help', () => {
  const manifest = readFileSync(join(PROJECT, 'apps', 'web.yaml'), 'utf8');
  const stdin = JSON.parse(cli(['scan', '--format', 'json', '-'], { input: manifest }).stdout) as JsonReport;
  assert.equal(stdin.files[0].path, '<stdin>');
  assert.ok(stdin.files[0].findings.some((finding) => finding.ruleId === 'pss-privileged'));
  assert.equal(cli(['scan', '--fix', '-'], { input: manifest }).status, 2);

  const rules = JSON.parse(cli(['rules', '--format', 'json']).stdout) as { version: number; rules: { id: string }[] };
  assert.deepEqual(rules.rules.map((rule) => rule.id), ALL_RULES.map((meta) => meta.id));
  const text = cli(['rules']);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /pss-privileged/);

  const version = cli(['--version']);
  assert.equal(version.status, 0);
  assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  const help = cli(['help', 'scan']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--fail-on/);
});
