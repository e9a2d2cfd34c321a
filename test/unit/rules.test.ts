// Fixture harness: every rule has valid/invalid fixtures and every fix a before/after pair (docs/DEVELOPING.md).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { mergeSettings, type PartialSettings, type ResolvedSettings } from '../../server/src/engine/config';
import { fixAll } from '../../server/src/engine/fixAll';
import { ALL_RULES } from '../../server/src/engine/registry';
import type { RuleMeta, WorkspaceFacts } from '../../server/src/engine/rule';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');
const TEST_DEFAULTS: PartialSettings = { pssLevel: 'restricted', kubernetesVersion: 'latest' };
// An `# expect:` marker may follow the settings, for findings on the first line.
const SETTINGS_HEADER = /^(?:\uFEFF)?# wg-test-settings: (\{.*\})\s*(?:#\s*expect:.*)?$/m;
const EXPECT_MARKER = /#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g;

function settingsFor(text: string): ResolvedSettings {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const match = SETTINGS_HEADER.exec(firstLine);
  const layer = match ? (JSON.parse(match[1]) as PartialSettings) : undefined;
  return mergeSettings(TEST_DEFAULTS, layer);
}

function uriFor(meta: RuleMeta, file: string): string {
  // The engine recognises its own config file by name; config rules' fixtures are config files.
  return meta.category === 'config' ? `file:///fixtures/${meta.id}/.workload-guard.yaml` : `file:///fixtures/${meta.id}/${file}`;
}

function listFiles(dir: string, suffix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix) && !name.startsWith('.') && !name.endsWith('.expect'))
    .sort();
}

/** JSON has no comments: a JSON fixture's markers live in `<file>.expect`, lines of `<line>: <rule-id>[, <rule-id>]`. */
function expectationsText(path: string, text: string): string {
  if (!path.endsWith('.json')) return text;
  const sidecar = `${path}.expect`;
  if (!existsSync(sidecar)) return '';
  const lines = text.split(/\r?\n/).map(() => '');
  for (const entry of readFileSync(sidecar, 'utf8').split(/\r?\n/)) {
    const match = /^(\d+):\s*(.+)$/.exec(entry.trim());
    if (match) lines[Number(match[1]) - 1] = `# expect: ${match[2]}`;
  }
  return lines.join('\n');
}

/** Lines (0-based) where `# expect: id` markers say a finding of `ruleId` starts, with the expected count. */
function expectedLines(text: string, ruleId: string): Map<number, number> {
  const expected = new Map<number, number>();
  text.split(/\r?\n/).forEach((line, index) => {
    for (const match of line.matchAll(EXPECT_MARKER)) {
      const count = match[1].split(',').filter((id) => id.trim() === ruleId).length;
      if (count) expected.set(index, (expected.get(index) ?? 0) + count);
    }
  });
  return expected;
}

/** The header may also carry workspace facts: `# wg-test-settings: {"workspace": {"seccompProfiles": [...]}}`. */
function workspaceFor(text: string): WorkspaceFacts | undefined {
  const match = SETTINGS_HEADER.exec(text.split(/\r?\n/, 1)[0] ?? '');
  return match ? (JSON.parse(match[1]) as { workspace?: WorkspaceFacts }).workspace : undefined;
}

function findingLines(meta: RuleMeta, file: string, text: string): Map<number, number> {
  const result = analyze({ uri: uriFor(meta, file), text, settings: settingsFor(text), workspace: workspaceFor(text) });
  const lines = new Map<number, number>();
  for (const finding of result.findings) {
    assert.notEqual(finding.ruleId, 'internal-error', `internal error: ${finding.message}`);
    assert.ok(!finding.message.startsWith('Internal error in rule'), finding.message);
    if (finding.ruleId !== meta.id) continue;
    lines.set(finding.range.start.line, (lines.get(finding.range.start.line) ?? 0) + 1);
  }
  return lines;
}

function describeLines(lines: Map<number, number>): string {
  return [...lines.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, count]) => (count > 1 ? `${line + 1}(x${count})` : `${line + 1}`))
    .join(', ') || 'none';
}

function comments(text: string): string[] {
  return text
    .split(/\r?\n/)
    .flatMap((line) => {
      const index = line.search(/(^|\s)#/);
      return index < 0 ? [] : [line.slice(index).trim()];
    })
    .filter((comment) => !comment.startsWith('# expect:'));
}

const fixtureDirs = existsSync(FIXTURES) ? readdirSync(FIXTURES).sort() : [];

test('every fixture folder belongs to a known rule', () => {
  const ids = new Set(ALL_RULES.map((meta) => meta.id));
  assert.deepEqual(fixtureDirs.filter((dir) => !ids.has(dir)), []);
});

for (const meta of ALL_RULES) {
  const dir = join(FIXTURES, meta.id);
  describe(meta.id, () => {
    const valid = listFiles(join(dir, 'valid'));
    const invalid = listFiles(join(dir, 'invalid'));
    const befores = listFiles(join(dir, 'fix'), '.before.yaml').concat(listFiles(join(dir, 'fix'), '.before.json'));

    test('has valid and invalid fixtures', () => {
      assert.ok(valid.length > 0, `test/fixtures/rules/${meta.id}/valid/ is empty`);
      assert.ok(invalid.length > 0, `test/fixtures/rules/${meta.id}/invalid/ is empty`);
    });

    if (meta.fix !== 'none') {
      test('has a before/after fixture for its fix', () => {
        assert.ok(befores.length > 0, `test/fixtures/rules/${meta.id}/fix/ has no *.before.yaml`);
      });
    }

    for (const file of valid) {
      test(`valid/${file}: no finding`, () => {
        const text = readFileSync(join(dir, 'valid', file), 'utf8');
        const found = findingLines(meta, file, text);
        assert.equal(describeLines(found), 'none', `unexpected ${meta.id} findings on lines ${describeLines(found)}`);
      });
    }

    for (const file of invalid) {
      test(`invalid/${file}: findings exactly on the marked lines`, () => {
        const text = readFileSync(join(dir, 'invalid', file), 'utf8');
        const expected = expectedLines(expectationsText(join(dir, 'invalid', file), text), meta.id);
        assert.ok(expected.size > 0, `invalid/${file} has no "# expect: ${meta.id}" marker`);
        assert.equal(describeLines(findingLines(meta, file, text)), describeLines(expected));
      });
    }

    for (const before of befores) {
      const name = before.replace(/\.before\.(yaml|json)$/, '');
      const extension = before.endsWith('.json') ? 'json' : 'yaml';
      test(`fix/${name}: before -> after, parses, keeps comments, clears the rule, idempotent`, () => {
        const text = readFileSync(join(dir, 'fix', before), 'utf8');
        const afterPath = join(dir, 'fix', `${name}.after.${extension}`);
        assert.ok(existsSync(afterPath), `missing fix/${name}.after.${extension}`);
        const expectedAfter = readFileSync(afterPath, 'utf8');
        const settings = settingsFor(text);
        const uri = uriFor(meta, before);
        const beforeFindings = analyze({ uri, text, settings }).findings.filter((finding) => finding.ruleId === meta.id);
        assert.ok(beforeFindings.length > 0, 'the before fixture must trigger the rule');

        const fixed = fixAll(uri, text, settings, { mode: 'all', ruleIds: [meta.id] });
        assert.equal(fixed.text, expectedAfter);
        assert.ok(fixed.applied > 0);

        if (extension === 'yaml') {
          for (const document of parseAllDocuments(fixed.text)) assert.deepEqual(document.errors, [], 'fixed text must parse');
        }
        for (const comment of comments(text)) assert.ok(fixed.text.includes(comment), `comment lost: ${comment}`);
        if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(fixed.text), 'CRLF line endings must be kept');

        const afterFindings = analyze({ uri, text: fixed.text, settings }).findings.filter((finding) => finding.ruleId === meta.id);
        assert.deepEqual(afterFindings.map((finding) => finding.message), [], 'the rule still reports after fixing');
        const again = fixAll(uri, fixed.text, settings, { mode: 'all', ruleIds: [meta.id] });
        assert.equal(again.text, fixed.text, 'a second fix run must change nothing');
      });
    }
  });
}
