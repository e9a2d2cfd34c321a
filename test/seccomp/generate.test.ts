// Profile generation from strace output and audit logs: exact names, arches and problems with line numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { profileFromAudit, profileFromStrace, type GenerationResult } from '../../server/src/engine/seccomp/generate';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'seccomp', 'generate');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function assertValidProfile(result: GenerationResult): void {
  const analysis = analyze({ uri: 'file:///generated.json', text: result.text });
  assert.equal(analysis.kind, 'seccomp');
  assert.deepEqual(analysis.findings.filter((finding) => finding.severity === 'error' || finding.ruleId === 'seccomp-schema').map((finding) => `${finding.ruleId}: ${finding.message}`), []);
}

test('strace -c summary table', () => {
  const result = profileFromStrace(read('strace-summary.txt'));
  assert.deepEqual(result.profile.syscalls[0].names, ['arch_prctl', 'close', 'execve', 'exit_group', 'fstat', 'mmap', 'openat', 'read']);
  assert.deepEqual(result.problems, []);
  assert.equal(result.profile.defaultAction, 'SCMP_ACT_ERRNO');
  assertValidProfile(result);
});

test('strace -f log: pids, timestamps, unfinished/resumed, restart_syscall; noise skipped, junk reported', () => {
  const result = profileFromStrace(read('strace-follow.log'), { arches: ['SCMP_ARCH_X86_64'] });
  assert.deepEqual(result.profile.syscalls[0].names, ['brk', 'clone3', 'epoll_wait', 'execve', 'exit_group', 'futex', 'openat', 'restart_syscall', 'write']);
  assert.deepEqual(result.profile.architectures, ['SCMP_ARCH_X86_64']);
  assert.deepEqual(
    result.problems.map((problem) => [problem.line, problem.message.slice(0, 30)]),
    [
      [14, '"wrtie" is not a syscall libse'],
      [15, 'Not a strace line (expected `n'],
    ],
  );
  assert.match(result.problems[0].message, /did you mean write\?/);
  assertValidProfile(result);
});

test('a trace without execve gets a warning: the container could not start', () => {
  const result = profileFromStrace('read(0, "", 1) = 0\n');
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0].message, /execve was never seen/);
});

test('audit log: auditd and journal formats, numbers resolved per arch, x32 bit, bad lines reported', () => {
  const result = profileFromAudit(read('audit.log'));
  // x86_64 59 execve, 257 openat, 1 write; aarch64 63 read; x32 (bit 30 set) 0 read
  assert.deepEqual(result.profile.syscalls[0].names, ['execve', 'openat', 'read', 'write']);
  assert.deepEqual(result.profile.architectures, ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_X32', 'SCMP_ARCH_X86_64']);
  assert.deepEqual(result.problems.map((problem) => problem.line), [7, 8]);
  assert.match(result.problems[0].message, /Unknown audit architecture deadbeef/);
  assertValidProfile(result);
});

test('the same input gives the same bytes', () => {
  assert.equal(profileFromStrace(read('strace-follow.log')).text, profileFromStrace(read('strace-follow.log')).text);
  assert.ok(profileFromAudit(read('audit.log')).text.endsWith('}\n'));
});
