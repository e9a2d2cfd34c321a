// Settings precedence (defaults < config file < editor/CLI < inline) and every way to silence a rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, isIgnoredPath, mergeSettings, parseConfig, severityFor } from '../../server/src/engine/config';

const POD = (extra = '', annotations = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${annotations}spec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true${extra}\n    - name: side\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n`;

function ruleLines(text: string, ruleId: string, settings = DEFAULT_SETTINGS): number[] {
  return analyze({ uri: 'file:///p.yaml', text, settings })
    .findings.filter((finding) => finding.ruleId === ruleId)
    .map((finding) => finding.range.start.line);
}

test('config file: values, unquoted off, categories, invalid parts dropped but the rest applies', () => {
  const parsed = parseConfig('pssLevel: baseline\nkubernetesVersion: "1.25"\nrules:\n  image-tag: off\n  hardening: warning\n  pss-privileged: loud\nignorePaths: ["charts/**", "*.tmpl.yaml"]\n');
  assert.equal(parsed.problems.length, 1);
  assert.match(parsed.problems[0].message, /pss-privileged/);
  const settings = mergeSettings(parsed.settings);
  assert.equal(settings.pssLevel, 'baseline');
  assert.equal(settings.kubernetesVersion, '1.25');
  assert.equal(settings.rules['image-tag'], 'off');
  assert.equal(settings.rules['pss-privileged'], undefined, 'an invalid value is ignored, not applied');
  assert.equal(severityFor(settings, 'run-as-high-uid', 'hardening', 'error'), 'warning', 'category severity');
  assert.equal(severityFor(settings, 'image-tag', 'hardening', 'error'), 'off', 'rule id beats category');
  assert.ok(isIgnoredPath('charts/app/templates/x.yaml', settings.ignorePaths));
  assert.ok(isIgnoredPath('deploy/a.tmpl.yaml', settings.ignorePaths));
  assert.ok(!isIgnoredPath('deploy/a.yaml', settings.ignorePaths));
});

test('precedence: defaults < config file < editor settings / CLI flags', () => {
  const config = parseConfig('pssLevel: baseline\nrules:\n  pss-privileged: warning\n').settings;
  const editor = { rules: { 'pss-privileged': 'information' as const } };
  assert.equal(mergeSettings(config).rules['pss-privileged'], 'warning');
  assert.equal(mergeSettings(config, editor).rules['pss-privileged'], 'information');
  assert.equal(mergeSettings(config, { pssLevel: 'restricted' }).pssLevel, 'restricted');
  assert.equal(mergeSettings(config, { kubernetesVersion: 'nonsense' }).kubernetesVersion, 'latest', 'an invalid version is ignored');
  const severities = analyze({ uri: 'file:///p.yaml', text: POD(), settings: mergeSettings(config, editor) })
    .findings.filter((finding) => finding.ruleId === 'pss-privileged')
    .map((finding) => finding.severity);
  assert.deepEqual(severities, ['information', 'information']);
});

test('a rule set to off reports nothing; pssLevel baseline hides restricted rules', () => {
  assert.deepEqual(ruleLines(POD(), 'pss-privileged', mergeSettings({ rules: { 'pss-privileged': 'off' } })), []);
  assert.deepEqual(ruleLines(POD(), 'pss-privileged', mergeSettings({ rules: { 'pss-baseline': 'off' } })), []);
  const baseline = analyze({ uri: 'file:///p.yaml', text: POD(), settings: mergeSettings({ pssLevel: 'baseline' }) });
  assert.ok(baseline.findings.every((finding) => finding.pss?.level !== 'restricted'));
});

test('inline: disable-line, disable-next-line, disable-file, with and without ids and a reason', () => {
  assert.deepEqual(ruleLines(POD(), 'pss-privileged'), [9, 13]);
  assert.deepEqual(ruleLines(POD(' # workload-guard-disable-line pss-privileged -- needs iptables'), 'pss-privileged'), [13]);
  assert.deepEqual(ruleLines(POD(' # workload-guard-disable-line other-rule'), 'pss-privileged'), [9, 13]);
  assert.deepEqual(ruleLines(POD(' # workload-guard-disable-line'), 'pss-privileged'), [13]);
  const nextLine = POD().replace('      securityContext:\n        privileged: true\n    - name: side', '      securityContext:\n        # workload-guard-disable-next-line pss-privileged, image-tag\n\n        privileged: true\n    - name: side');
  assert.deepEqual(ruleLines(nextLine, 'pss-privileged'), [15]);
  assert.deepEqual(ruleLines(`# workload-guard-disable-file pss-privileged\n${POD()}`, 'pss-privileged'), []);
});

test('resource annotation: whole object, per container, and by category', () => {
  const annotated = (value: string, key = 'workload-guard.dev/ignore') => POD('', `  annotations:\n    ${key}: "${value}"\n`);
  assert.deepEqual(ruleLines(annotated('pss-privileged, image-tag'), 'pss-privileged'), []);
  assert.deepEqual(ruleLines(annotated('pss-baseline'), 'pss-privileged'), []);
  assert.deepEqual(ruleLines(annotated('pss-privileged', 'workload-guard.dev/ignore.side'), 'pss-privileged'), [11]);
  assert.deepEqual(ruleLines(annotated('something-else'), 'pss-privileged'), [11, 15]);
});

test('the config file itself is analyzed: problems at their place', () => {
  const result = analyze({ uri: 'file:///repo/.workload-guard.yaml', text: 'pssLevel: strict\nrules:\n  pss-privilegd: off\n' });
  assert.equal(result.kind, 'config');
  assert.deepEqual(result.findings.map((finding) => [finding.ruleId, finding.range.start.line]).sort(), [['config-invalid', 0], ['config-invalid', 2]]);
  const messages = result.findings.map((finding) => finding.message).join('\n');
  assert.match(messages, /pssLevel must be one of: baseline, restricted/);
  assert.match(messages, /did you mean "pss-privileged"/);
});
