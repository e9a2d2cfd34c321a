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

test('every workload rule says which peer scanner checks it matches (docs and docs/parity.md)', () => {
  const workloadRules = ALL_RULES.filter((meta) => meta.fileKind === 'kubernetes' && (meta.category === 'pss-baseline' || meta.category === 'pss-restricted' || meta.category === 'hardening'));
  const unmapped = workloadRules.filter((meta) => meta.peers === undefined).map((meta) => meta.id);
  assert.deepEqual(unmapped, [], 'add `peers` to these rules (an empty object with `differences` when no peer has the check)');
  const formats: Record<string, RegExp> = {
    kubeLinter: /^[a-z0-9]+(-[a-z0-9]+)*$/,
    kubesec: /^[A-Z][A-Za-z]+$/,
    polaris: /^[a-z][A-Za-z]+$/,
    trivy: /^KSV\d{3}$/,
    checkov: /^CKV2?_K8S_\d+$/,
    kubescape: /^C-\d{4}$/,
  };
  for (const meta of workloadRules) {
    for (const [tool, pattern] of Object.entries(formats)) {
      for (const id of (meta.peers as Record<string, readonly string[] | undefined>)[tool] ?? []) assert.match(id, pattern, `${meta.id}: ${tool} id ${id}`);
    }
    const hasIds = Object.keys(formats).some((tool) => ((meta.peers as Record<string, readonly string[] | undefined>)[tool] ?? []).length > 0);
    assert.ok(hasIds || meta.peers?.differences, `${meta.id}: without peer ids, say in \`differences\` that no peer has the check`);
  }
});
