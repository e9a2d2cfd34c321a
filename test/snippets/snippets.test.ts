import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';

const root = findRoot(__dirname);

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

interface Snippet {
  prefix: string | string[];
  body: string[];
  description: string;
}

/** What the editor inserts when the user accepts every default: ${n:default} -> default, $n -> ''. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets/kubernetes.code-snippets'), 'utf8')) as Record<string, Snippet>;

test('every snippet is declared in package.json', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { path: string }[] } };
  assert.ok(manifest.contributes.snippets.some((entry) => entry.path === './snippets/kubernetes.code-snippets'));
});

for (const [name, snippet] of Object.entries(snippets)) {
  const text = expand(snippet.body);
  const isWholeManifest = text.startsWith('apiVersion:');
  test(`snippet "${name}" ${isWholeManifest ? 'is a manifest with no findings' : 'parses'}`, () => {
    assert.ok(snippet.description.length > 20, 'has a description');
    if (!isWholeManifest) {
      const result = analyze({ uri: 'file:///snippet.yaml', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: c\n      image: c\n${text.replace(/^/gm, '      ')}\n` });
      assert.deepEqual(result.findings.filter((f) => f.ruleId === 'yaml-syntax-error'), []);
      return;
    }
    const result = analyze({ uri: 'file:///snippet.yaml', text });
    assert.equal(result.kind, 'kubernetes');
    assert.equal(result.kubernetes?.workloads.length, 1, 'one workload');
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${f.range.start.line + 1}: ${f.message}`),
      [],
    );
    assert.equal(result.kubernetes?.summaries[0].level, 'restricted');
  });
}

const seccompSnippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets/seccomp.code-snippets'), 'utf8')) as Record<string, Snippet>;

test('seccomp snippets are declared for JSON', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { path: string; language: string }[] } };
  assert.ok(manifest.contributes.snippets.some((entry) => entry.path === './snippets/seccomp.code-snippets' && entry.language === 'json'));
});

for (const [name, snippet] of Object.entries(seccompSnippets)) {
  test(`seccomp snippet "${name}" analyzes without errors`, () => {
    assert.ok(snippet.description.length > 20, 'has a description');
    const body = expand(snippet.body);
    // A rule snippet is inserted inside syscalls[]: check it there.
    const text = body.includes('defaultAction') ? body : `{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [${body}]}`;
    const result = analyze({ uri: 'file:///profile.json', text });
    assert.equal(result.kind, 'seccomp');
    assert.deepEqual(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`), []);
    if (name.includes('allow-list')) assert.deepEqual(result.findings.map((f) => f.ruleId), []);
  });
}

const falcoSnippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets/falco.code-snippets'), 'utf8')) as Record<string, Snippet>;

test('Falco snippets together make a rules file Falco would load, with no findings', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { path: string; language: string }[] } };
  assert.ok(manifest.contributes.snippets.some((entry) => entry.path === './snippets/falco.code-snippets' && entry.language === 'yaml'));
  const expandChoices = (body: string[]) => expand(body).replace(/\$\{\d+\|([^,|]+)[^}]*\|\}/g, '$1');
  const rule = expandChoices(falcoSnippets['Falco rule'].body);
  const exception = expandChoices(falcoSnippets['Falco exception'].body).replace(/^/gm, '  ');
  const text = [
    expandChoices(falcoSnippets['Falco macro'].body),
    expandChoices(falcoSnippets['Falco list'].body),
    `${rule}\n${exception}`,
    expandChoices(falcoSnippets['Falco override'].body),
    '- rule: Uses the macro and list\n  desc: x\n  condition: spawned_process and proc.name in (shell_binaries)\n  output: x (%proc.name)\n  priority: NOTICE',
  ].join('\n\n');
  const result = analyze({ uri: 'file:///rules.yaml', text: `${text}\n` });
  assert.equal(result.kind, 'falco');
  assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.range.start.line + 1}: ${f.message}`), []);
});
