// The generated field catalog and its lookups, as the libs field resolution works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knownSources, lookupField, sourcesOf, suggestFields } from '../../server/src/engine/falco/fields';
import { EVT_TYPE_VALUES } from '../../server/src/engine/falco/data.generated';
import { expandMacros } from '../../server/src/features/falco';

test('sources of libs and the official plugins', () => {
  for (const source of ['syscall', 'k8s_audit', 'aws_cloudtrail', 'okta', 'github', 'gcp_auditlog']) assert.ok(knownSources().includes(source), source);
});

test('exact, dot-argument and generic fields resolve per source', () => {
  const name = lookupField('proc.name', 'syscall');
  assert.equal(name.kind === 'field' && name.field.t, 'CHARBUF');
  const arg = lookupField('evt.arg.flags', 'syscall');
  assert.equal(arg.kind === 'field' && arg.field.n, 'evt.arg');
  assert.equal(arg.kind === 'field' && arg.dotArgument, 'flags');
  assert.equal(lookupField('evt.time', 'k8s_audit').kind, 'field', 'generic evt.* fields exist for every source');
  assert.equal(lookupField('ka.verb', 'k8s_audit').kind, 'field');
  assert.equal(lookupField('ka.verb', 'syscall').kind, 'unknown');
  assert.deepEqual(sourcesOf('ka.verb'), ['k8s_audit']);
});

test('the container plugin fields replace the removed libs ones; typos get suggestions', () => {
  const container = lookupField('container.image.repository', 'syscall');
  assert.equal(container.kind === 'field' && container.field.p, 'container');
  assert.equal(lookupField('proc.cmdlin', 'syscall').kind, 'unknown');
  assert.ok(suggestFields('proc.cmdlin', 'syscall').includes('proc.cmdline'));
  assert.equal(lookupField('proc.name_x', 'syscall').kind, 'unknown', 'the whole text must name a field');
});

test('evt.type values include syscall and event names', () => {
  for (const name of ['execve', 'openat', 'connect', 'container', 'NA']) assert.ok(EVT_TYPE_VALUES.includes(name), name);
  assert.ok(!EVT_TYPE_VALUES.includes('exceve'));
});

test('macro expansion for hovers: nested, parenthesised, cycle-safe', () => {
  const macros = new Map([
    ['a', 'b and proc.name = x'],
    ['b', 'evt.type = execve'],
    ['loop', 'loop or proc.pid = 1'],
  ]);
  assert.equal(expandMacros('a or c', macros), '((evt.type = execve) and proc.name = x) or c');
  assert.equal(expandMacros('loop', macros), '(loop or proc.pid = 1)');
});
