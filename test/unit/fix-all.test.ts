// "Fix all in file" and "Harden workload to restricted": one combined edit, valid YAML, comments kept, idempotent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, mergeSettings } from '../../server/src/engine/config';
import { fixAll } from '../../server/src/engine/fixAll';
import { applyTextEdits } from '../../server/src/engine/text';

const ROOT = join(__dirname, '..', '..', '..');
const INSECURE = readFileSync(join(ROOT, 'examples', 'insecure-deployment.yaml'), 'utf8');
const URI = 'file:///examples/insecure-deployment.yaml';

function commentsOf(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const index = line.search(/(^|\s)#/);
    return index < 0 ? [] : [line.slice(index).trim()];
  });
}

function assertParses(text: string): void {
  for (const document of parseAllDocuments(text)) assert.deepEqual(document.errors.map((error) => error.message), []);
}

for (const mode of ['safe', 'harden'] as const) {
  test(`fix all (${mode}): one edit of the original, parses, keeps comments, idempotent, clears what it fixed`, () => {
    const before = analyze({ uri: URI, text: INSECURE });
    const result = fixAll(URI, INSECURE, DEFAULT_SETTINGS, { mode });
    assert.ok(result.applied > 0, 'something was fixed');
    assert.ok(result.edit, 'one combined edit');
    assert.equal(applyTextEdits(INSECURE, [result.edit]), result.text, 'the combined edit produces the fixed text');
    assertParses(result.text);
    for (const comment of commentsOf(INSECURE)) assert.ok(result.text.includes(comment), `comment kept: ${comment}`);
    const again = fixAll(URI, result.text, DEFAULT_SETTINGS, { mode });
    assert.equal(again.text, result.text, 'idempotent');
    assert.equal(again.edit, undefined);
    const after = analyze({ uri: URI, text: result.text });
    const fixableLeft = after.findings.filter((finding) => (mode === 'harden' && finding.pss ? finding.fixes?.length : finding.fixes?.some((fix) => fix.safe)));
    assert.deepEqual(fixableLeft.map((finding) => `${finding.ruleId}: ${finding.message}`), []);
    assert.ok(after.findings.length < before.findings.length);
  });
}

test('harden to restricted leaves only PSS findings that need a human decision', () => {
  const result = fixAll(URI, INSECURE, mergeSettings({ pssLevel: 'baseline' }), { mode: 'harden' });
  const left = analyze({ uri: URI, text: result.text }).findings.filter((finding) => finding.pss);
  for (const finding of left) assert.equal(finding.fixes, undefined, `${finding.ruleId} has a fix but was left: ${finding.message}`);
});

test('harden within a range touches only that workload', () => {
  const second = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: other\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
  const text = `${INSECURE}---\n${second}`;
  const lines = text.split('\n');
  const podLine = lines.indexOf('kind: Pod');
  const result = fixAll(URI, text, DEFAULT_SETTINGS, { mode: 'harden', range: { start: { line: podLine - 1, character: 0 }, end: { line: lines.length, character: 0 } } });
  assert.ok(result.applied > 0);
  const firstDocument = text.slice(0, text.indexOf('---\n'));
  assert.ok(result.text.startsWith(firstDocument), 'the Deployment is untouched');
  assert.match(result.text.slice(firstDocument.length), /privileged: false/);
});

test('fix all keeps CRLF and a BOM', () => {
  const crlf = `\uFEFF${INSECURE.replace(/\n/g, '\r\n')}`;
  const result = fixAll(URI, crlf, DEFAULT_SETTINGS, { mode: 'safe' });
  assert.ok(result.applied > 0);
  assert.ok(result.text.startsWith('\uFEFF'));
  assert.ok(!/[^\r]\n/.test(result.text), 'only CRLF line endings');
});

test('ruleIds limits fixing to those rules', () => {
  const result = fixAll(URI, INSECURE, DEFAULT_SETTINGS, { mode: 'all', ruleIds: ['pss-privileged'] });
  assert.equal(result.applied, 1);
  assert.equal(result.text, INSECURE.replace('privileged: yes # YAML 1.1', 'privileged: false # YAML 1.1'));
});
