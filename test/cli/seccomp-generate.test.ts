// `workload-guard seccomp from-strace|from-audit` as a process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'workload-guard.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'seccomp', 'generate');

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: FIXTURES, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('from-strace: profile on stdout, exit 0 without problems', () => {
  const run = cli(['seccomp', 'from-strace', 'strace-summary.txt']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual((JSON.parse(run.stdout) as { syscalls: { names: string[] }[] }).syscalls[0].names.length, 8);
});

test('from-strace with problems: exit 1, problems as FILE:LINE on stderr', () => {
  const run = cli(['seccomp', 'from-strace', '--arch', 'SCMP_ARCH_X86_64', 'strace-follow.log']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /strace-follow\.log:14: "wrtie"/);
  assert.match(run.stdout, /"SCMP_ARCH_X86_64"/);
});

test('from-audit from stdin, -o writes the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wg-seccomp-'));
  try {
    const out = join(dir, 'profile.json');
    const run = cli(['seccomp', 'from-audit', '-', '-o', out], readFileSync(join(FIXTURES, 'audit.log'), 'utf8'));
    assert.equal(run.status, 1, 'the fixture has two bad lines');
    assert.equal(run.stdout, '');
    assert.deepEqual((JSON.parse(readFileSync(out, 'utf8')) as { syscalls: { names: string[] }[] }).syscalls[0].names, ['execve', 'openat', 'read', 'write']);
    const scan = spawnSync(process.execPath, [BIN, 'scan', '--no-config', out], { encoding: 'utf8' });
    assert.equal(scan.status, 0, scan.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage and IO errors exit 2', () => {
  assert.equal(cli(['seccomp', 'from-nothing', 'x']).status, 2);
  assert.equal(cli(['seccomp', 'from-strace']).status, 2);
  assert.equal(cli(['seccomp', 'from-strace', 'missing.log']).status, 2);
  assert.equal(cli(['seccomp', 'from-audit', '--arch', 'SCMP_ARCH_X86_64', 'audit.log']).status, 2);
  assert.equal(cli(['seccomp', 'from-strace', '-'], 'nothing useful\n').status, 2);
});
