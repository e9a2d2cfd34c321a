// falcoDefinitions feeds the workspace index (cross-file references, unused definitions) without parsing conditions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../server/src/engine/documents/yaml';
import { falcoDefinitions } from '../../server/src/engine/falco/analyzer';

const RULES = `- list: shell_binaries
  items: [bash, sh]
- list: never_named
  items: [x]
- list: shell_binaries_extra
  items: [zsh]
- macro: spawned_process
  condition: evt.type in (execve, execveat) and evt.dir=<
- macro: spawned_process
  condition: and proc.name != init
  append: true
- rule: Shell in container
  desc: A shell ran.
  condition: >
    spawned_process and container.id != host
    and proc.name in (shell_binaries_extra)
  output: "shell (%proc.cmdline)"
  priority: WARNING
- rule: Broken
  desc: still indexed
  condition: proc.name in (shell_binaries
  output: x
  priority: ERROR
`;

test('names of macros, lists and rules, and every name the conditions use', () => {
  const definitions = falcoDefinitions(parseYamlFile(RULES));
  assert.deepEqual(definitions.lists, ['shell_binaries', 'never_named', 'shell_binaries_extra']);
  assert.deepEqual(definitions.macros, ['spawned_process', 'spawned_process']);
  assert.deepEqual(definitions.rules, ['Shell in container', 'Broken']);
  const used = new Set(definitions.used);
  // A list counts when a condition names it between delimiters, even in a condition that does not parse.
  assert.ok(used.has('shell_binaries_extra'));
  assert.ok(used.has('shell_binaries'));
  assert.ok(!used.has('never_named'));
  assert.ok(used.has('spawned_process'), 'macro references are words of the conditions');
});
