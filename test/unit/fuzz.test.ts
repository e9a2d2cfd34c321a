// Half-typed and mangled files of every kind: truncations and random edits of the fixtures never make the engine
// throw, hang or report an internal error. Deterministic (seeded), so a failure reproduces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config';
import { fixAll } from '../../server/src/engine/fixAll';
import { completeFalco } from '../../server/src/features/falco';
import { completeSeccomp, hoverSeccomp } from '../../server/src/features/seccomp';
import { complete } from '../../server/src/features/completion';
import { seededRandom as random } from './seededRandom';

const ROOT = join(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}


const SNIPPETS = ['{', '}', '[', ']', ':', '- ', '"', "'", '\n', '\t', '#', '&a', '*a', '{{ x }}', '%', '(', ')', ' and ', ' in ', '\\'];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const choice = next();
  if (choice < 0.35) return text.slice(0, at); // half typed
  if (choice < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 8));
  return text.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)] + text.slice(at);
}

const corpus = [...files(join(ROOT, 'test', 'fixtures', 'rules')), ...files(join(ROOT, 'examples'))].sort();

test(`mangled versions of ${corpus.length} fixture files never break the engine`, () => {
  const next = random(20261125);
  let runs = 0;
  for (const path of corpus) {
    let text = readFileSync(path, 'utf8');
    for (let round = 0; round < 6; round++) {
      text = mutate(text, next);
      const uri = `file:///fuzz/${runs}${path.endsWith('.json') ? '.json' : '.yaml'}`;
      const result = analyze({ uri, text });
      for (const finding of result.findings) {
        assert.ok(!finding.message.startsWith('Internal error') && finding.ruleId !== 'internal-error', `${path} round ${round}: ${finding.message}\n--- text ---\n${text}`);
      }
      const offset = Math.floor(next() * (text.length + 1));
      complete(text, offset);
      completeSeccomp(text, offset);
      hoverSeccomp(text, offset);
      completeFalco(text, offset, { macros: ['m'], lists: ['l'], tags: [] });
      if (round % 3 === 0) fixAll(uri, text, DEFAULT_SETTINGS, { mode: 'all' });
      runs++;
    }
  }
  assert.ok(runs > 500);
});
