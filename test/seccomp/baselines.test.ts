// The real default profiles (Docker, containers/common, containerd) must produce no errors, and the generated
// syscall data must match ../shared/data (the reference data the build reads).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/engine/analyze';

const ROOT = join(__dirname, '..', '..', '..');
const SHARED = process.env.WG_SHARED_DATA ?? join(ROOT, '..', 'shared', 'data', 'seccomp');
const BASELINES = join(SHARED, 'baselines');

test('the Docker, containers/common and containerd default profiles have no errors or warnings of the JSON/schema kind', (t) => {
  if (!existsSync(BASELINES)) {
    t.skip(`reference data not found at ${BASELINES} (set WG_SHARED_DATA)`);
    return;
  }
  const files = readdirSync(BASELINES).filter((name) => name.endsWith('.json'));
  assert.equal(files.length, 3);
  for (const file of files) {
    const result = analyze({ uri: `file:///baselines/${file}`, text: readFileSync(join(BASELINES, file), 'utf8') });
    assert.equal(result.kind, 'seccomp', file);
    const errors = result.findings.filter((finding) => finding.severity === 'error' || finding.ruleId === 'seccomp-schema' || finding.ruleId === 'seccomp-unknown-syscall');
    assert.deepEqual(errors.map((finding) => `${file}:${finding.range.start.line + 1} ${finding.ruleId} ${finding.message}`), []);
  }
});

test('generated seccomp data is up to date with the reference data', (t) => {
  if (!existsSync(SHARED)) {
    t.skip(`reference data not found at ${SHARED}`);
    return;
  }
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate-seccomp-data.mjs'), '--check'], { encoding: 'utf8', env: { ...process.env, WG_SHARED_DATA: SHARED } });
  assert.equal(run.status, 0, run.stderr);
});

test('generated Falco data is up to date with the reference data', (t) => {
  const falcoData = process.env.WG_FALCO_DATA ?? join(ROOT, '..', 'shared', 'data', 'falco');
  if (!existsSync(falcoData)) {
    t.skip(`reference data not found at ${falcoData}`);
    return;
  }
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate-falco-data.mjs'), '--check'], { encoding: 'utf8', env: { ...process.env, WG_FALCO_DATA: falcoData } });
  assert.equal(run.status, 0, run.stderr);
});
