// `workload-guard scan --format sarif` against the official SARIF 2.1.0 JSON schema (the copy shipped in the pinned
// devDependency @microsoft/jest-sarif), and its fixes against the JSON report's fix edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ruleDocsWebUrl } from '../../server/src/engine/docs';
import { ALL_RULES } from '../../server/src/engine/registry';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'workload-guard.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');
const SARIF_SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifFix {
  description: { text: string };
  artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[];
}
interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string }[] } };
    results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Region } }[]; fixes?: SarifFix[] }[];
  }[];
}
interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface JsonReport {
  files: { path: string; findings: { ruleId: string; range: LspRange; fixes: { title: string; safe: boolean; edits: { range: LspRange; newText: string }[] }[] }[] }[];
}

function scan(format: 'sarif' | 'json', cwd: string, paths: string[]): string {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  const run = spawnSync(process.execPath, [BIN, 'scan', '--format', format, ...paths], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(run.status, 1, `findings expected; stderr: ${run.stderr}`);
  return run.stdout;
}

function sarifValidator(): (log: unknown) => string[] {
  // The schema is draft-04 (`id`, not `$id`), so the draft-04 Ajv class; its `language` pattern has a stray `]`
  // that only non-unicode regular expressions accept, which is what JSON Schema's ECMA 262 patterns are.
  const ajv = new Ajv04({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`));
}

const validate = sarifValidator();
const SCANS: { name: string; cwd: string; paths: string[] }[] = [
  { name: 'project (Kubernetes, seccomp, config, broken YAML)', cwd: join(FIXTURES, 'project'), paths: ['.'] },
  { name: 'Falco rules without their base file', cwd: join(FIXTURES, 'falco'), paths: ['custom_rules.yaml'] },
  { name: 'shipped examples (Kubernetes, seccomp, Falco)', cwd: ROOT, paths: ['examples'] },
];

for (const { name, cwd, paths } of SCANS) {
  test(`sarif output of the ${name} is valid SARIF 2.1.0`, () => {
    const log = JSON.parse(scan('sarif', cwd, paths)) as SarifLog;
    assert.deepEqual(validate(log), []);
    assert.ok(log.runs[0].results.length > 0);
  });
}

test('the schema validator rejects what SARIF 2.1.0 forbids', () => {
  const log = JSON.parse(scan('sarif', join(FIXTURES, 'project'), ['apps/web.yaml'])) as { runs: { results: Record<string, unknown>[] }[] };
  log.runs[0].results[0].level = 'fatal';
  assert.ok(validate(log).some((error) => error.startsWith('/runs/0/results/0/level')));
});

test('every rule has a helpUri to its documentation page, which exists', () => {
  const log = JSON.parse(scan('sarif', join(FIXTURES, 'project'), ['apps/web.yaml'])) as SarifLog;
  const rules = log.runs[0].tool.driver.rules;
  assert.deepEqual(
    rules.map((rule) => rule.id),
    ALL_RULES.map((meta) => meta.id),
  );
  for (const rule of rules) {
    assert.equal(rule.helpUri, ruleDocsWebUrl(rule.id));
    assert.ok(existsSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
  }
});

test("sarif fixes are the findings' fix edits: one replacement per edit, 1-based regions, same text", () => {
  let compared = 0;
  for (const { cwd, paths } of SCANS) compared += compareFixes(cwd, paths);
  assert.ok(compared > 10, `fixes compared: ${compared}`);
});

/** Compares the SARIF fixes of one scan with its JSON report's; returns how many fixes it compared. */
function compareFixes(cwd: string, paths: string[]): number {
  const log = JSON.parse(scan('sarif', cwd, paths)) as SarifLog;
  const report = JSON.parse(scan('json', cwd, paths)) as JsonReport;
  const findings = report.files.flatMap((file) => file.findings.map((finding) => ({ path: file.path, ...finding })));
  const results = log.runs[0].results;
  assert.equal(results.length, findings.length);
  let compared = 0;
  findings.forEach((finding, index) => {
    const result = results[index];
    assert.equal(result.ruleId, finding.ruleId);
    const expected = finding.fixes.map((fix) => ({
      description: { text: fix.safe ? fix.title : `${fix.title} (review: may change behaviour)` },
      artifactChanges: [
        {
          artifactLocation: { uri: encodeURI(finding.path), uriBaseId: '%SRCROOT%' },
          replacements: fix.edits.map((edit) => ({
            deletedRegion: { startLine: edit.range.start.line + 1, startColumn: edit.range.start.character + 1, endLine: edit.range.end.line + 1, endColumn: edit.range.end.character + 1 },
            insertedContent: { text: edit.newText },
          })),
        },
      ],
    }));
    assert.deepEqual(result.fixes ?? [], expected, `${finding.path} ${finding.ruleId}`);
    compared += expected.length;
  });
  return compared;
}
