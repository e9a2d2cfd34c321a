// Falco files scanned together are one rule set, loaded in the order given (like repeated `falco -r`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'workload-guard.js');
const DIR = join(ROOT, 'test', 'fixtures', 'cli', 'falco');

interface Report {
  files: { path: string; kind: string; findings: { ruleId: string; severity: string; range: { start: { line: number } } }[] }[];
}

function scan(...files: string[]): Report {
  const run = spawnSync(process.execPath, [BIN, 'scan', '--no-config', '--format', 'json', ...files], { cwd: DIR, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout) as Report;
}

function errors(report: Report, path: string): string[] {
  return (report.files.find((file) => file.path === path)?.findings ?? []).filter((finding) => finding.severity === 'error').map((finding) => `${finding.ruleId}@${finding.range.start.line}`);
}

test('base then custom: overrides and macro use resolve, nothing reported', () => {
  const report = scan('base_rules.yaml', 'custom_rules.yaml');
  assert.deepEqual(report.files.map((file) => file.kind), ['falco', 'falco']);
  assert.deepEqual(errors(report, 'base_rules.yaml'), []);
  assert.deepEqual(errors(report, 'custom_rules.yaml'), []);
});

test('custom alone: its overrides and macros have nothing to refer to', () => {
  assert.deepEqual(errors(scan('custom_rules.yaml'), 'custom_rules.yaml'), ['falco-undefined-reference@1', 'falco-undefined-reference@6', 'falco-undefined-reference@13']);
});

test('custom before base: the load order matters, as in Falco', () => {
  assert.ok(errors(scan('custom_rules.yaml', 'base_rules.yaml'), 'custom_rules.yaml').length > 0);
});
