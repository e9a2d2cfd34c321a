// Generated files are committed; this fails when one is stale so docs never drift from the rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docsDrift } from '../../scripts/generate-docs';
import { ALL_RULES } from '../../server/src/engine/registry';

test('docs/rules is up to date with the rule definitions (run `npm run docs`)', () => {
  assert.deepEqual(docsDrift(), { stale: [], orphaned: [] });
});

test('every rule has a complete definition', () => {
  const ids = new Set<string>();
  for (const meta of ALL_RULES) {
    assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${meta.id}: kebab-case id`);
    assert.ok(!ids.has(meta.id), `duplicate rule id ${meta.id}`);
    ids.add(meta.id);
    for (const field of ['title', 'description', 'rationale', 'remediation'] as const) {
      assert.ok(meta[field].trim().length >= 10, `${meta.id}: ${field} is missing or too short`);
    }
    if (meta.category === 'pss-baseline' || meta.category === 'pss-restricted') {
      assert.ok(meta.pss, `${meta.id}: PSS rules name their pod-security-admission check`);
      assert.equal(meta.pss?.level, meta.category === 'pss-baseline' ? 'baseline' : 'restricted');
    }
  }
});
