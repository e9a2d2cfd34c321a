// Kubernetes manifests in the editor: diagnostics, quick fixes, the two fix commands, the hardened snippet, settings.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAll, codeOf, E2E_FIXTURES, findingKeys, open, ourDiagnostics, readText, REPO_ROOT, RULE_FIXTURES, scenarioFolder, waitFor } from './support';

const INSECURE = path.join(E2E_FIXTURES, 'deployment.yaml');

/** What the CLI reports for test/fixtures/e2e/deployment.yaml at the restricted level (0-based lines). */
const PSS_FINDINGS = ['13:pss-capabilities-restricted', '16:pss-privileged', '17:pss-allow-privilege-escalation', '2:pss-run-as-non-root', '2:pss-seccomp-restricted'].sort();
const HARDENING_FINDINGS = ['2:apparmor-profile', '2:automount-service-account-token', '13:memory-limit', '13:read-only-root-filesystem', '13:run-as-high-uid', '14:image-tag'];
const RESTRICTED_ONLY = new Set(['pss-capabilities-restricted', 'pss-allow-privilege-escalation', 'pss-run-as-non-root', 'pss-seccomp-restricted']);

const pssKeys = (uri: vscode.Uri): string[] => findingKeys(uri).filter((key) => key.includes(':pss-'));

export async function insecureDeploymentShowsFindings(): Promise<void> {
  const { 'deployment.yaml': uri } = scenarioFolder('s1-diagnostics', { 'deployment.yaml': INSECURE });
  const editor = await open(uri);
  assert.equal(editor.document.languageId, 'yaml', 'code-server\'s built-in YAML language must claim .yaml files, or the extension never activates');

  await waitFor('the PSS findings of the insecure Deployment', () => (JSON.stringify(pssKeys(uri)) === JSON.stringify(PSS_FINDINGS) ? true : undefined), () => findingKeys(uri).join(', '));
  const keys = findingKeys(uri);
  for (const expected of HARDENING_FINDINGS) assert.ok(keys.includes(expected), `missing ${expected} among ${keys.join(', ')}`);

  for (const diagnostic of ourDiagnostics(uri)) {
    const code = diagnostic.code;
    assert.ok(typeof code === 'object', `diagnostic ${String(code)} has no documentation link`);
    // The link is the rule's page shipped with the extension (server/src/lsp/docsUrl.ts).
    const page = path.join(REPO_ROOT, 'docs', 'rules', `${String(code.value)}.md`);
    assert.equal(code.target.scheme, 'file');
    assert.equal(code.target.fsPath, page);
    assert.ok(fs.existsSync(page), `${page} does not exist`);
  }
  const privileged = ourDiagnostics(uri).find((diagnostic) => codeOf(diagnostic) === 'pss-privileged');
  assert.equal(privileged?.severity, vscode.DiagnosticSeverity.Error);
  assert.match(privileged?.message ?? '', /runs privileged/);
  await closeAll();
}

interface QuickFixCase {
  ruleId: string;
  fixture: string;
  title: RegExp;
}

const QUICK_FIXES: QuickFixCase[] = [
  { ruleId: 'pss-capabilities-restricted', fixture: 'drop-all', title: /^(Add ALL to capabilities\.drop|Write ALL)$/ },
  { ruleId: 'pss-run-as-non-root', fixture: 'pod-level', title: /^Set pod-level runAsNonRoot: true/ },
  { ruleId: 'pss-seccomp-restricted', fixture: 'pod-level', title: /^Set pod-level seccompProfile type RuntimeDefault$/ },
];

/**
 * Applies the rule's quick fix to one of its diagnostics at a time until none is left. Diagnostics lag behind edits,
 * so a stale one (whose range no longer matches a finding) gets no action from the server: wait for fresh ones.
 */
async function applyQuickFixesUntilClean(uri: vscode.Uri, ruleId: string, title: RegExp): Promise<string[]> {
  const applied: string[] = [];
  await waitFor(`every ${ruleId} finding to be fixed`, async () => {
    const remaining = ourDiagnostics(uri).filter((diagnostic) => codeOf(diagnostic) === ruleId);
    if (remaining.length === 0) return true;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, remaining[0].range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    // Actions of every diagnostic on that range come back, and the command's result does not carry their
    // diagnostics: the rule's fix is recognised by its title.
    const fix = actions.find((action) => title.test(action.title));
    if (!fix?.edit) return undefined;
    assert.ok(await vscode.workspace.applyEdit(fix.edit), `applying "${fix.title}" failed`);
    applied.push(fix.title);
    return undefined;
  }, () => findingKeys(uri).join(', '));
  return applied;
}

export async function quickFixesEditLikeTheRuleFixtures(): Promise<void> {
  for (const { ruleId, fixture, title } of QUICK_FIXES) {
    const before = path.join(RULE_FIXTURES, ruleId, 'fix', `${fixture}.before.yaml`);
    const after = readText(path.join(RULE_FIXTURES, ruleId, 'fix', `${fixture}.after.yaml`));
    const { 'manifest.yaml': uri } = scenarioFolder(`s2-quick-fix-${ruleId}`, { 'manifest.yaml': before });
    const editor = await open(uri);
    await waitFor(`a ${ruleId} finding`, () => (ourDiagnostics(uri).some((diagnostic) => codeOf(diagnostic) === ruleId) ? true : undefined), () => findingKeys(uri).join(', '));

    const applied = await applyQuickFixesUntilClean(uri, ruleId, title);
    assert.ok(applied.length > 0);
    assert.equal(editor.document.getText(), after, `${ruleId}: the text after "${applied.join('", "')}" differs from ${fixture}.after.yaml`);
    for (const comment of readText(before).match(/#.*$/gm) ?? []) assert.ok(editor.document.getText().includes(comment), `comment lost: ${comment}`);
    await closeAll();
  }
}

export async function fixAllAndHardenCommands(): Promise<void> {
  const uris = scenarioFolder('s3-commands', { 'fix-all.yaml': INSECURE, 'harden.yaml': INSECURE });

  const fixAllEditor = await open(uris['fix-all.yaml']);
  await waitFor('findings before "Fix all"', () => (pssKeys(uris['fix-all.yaml']).length ? true : undefined));
  await vscode.commands.executeCommand('workloadGuard.fixAll');
  const fixedAll = readText(path.join(E2E_FIXTURES, 'deployment.fix-all.yaml'));
  await waitFor('"Fix all safe problems" to edit the document', () => (fixAllEditor.document.getText() === fixedAll ? true : undefined), () => fixAllEditor.document.getText());
  // Unsafe fixes (allowPrivilegeEscalation, runAsNonRoot) are left for a person to decide.
  await waitFor('only the findings without a safe fix to remain', () => (JSON.stringify(pssKeys(uris['fix-all.yaml'])) === JSON.stringify(['17:pss-allow-privilege-escalation', '2:pss-run-as-non-root']) ? true : undefined), () => findingKeys(uris['fix-all.yaml']).join(', '));

  const hardenEditor = await open(uris['harden.yaml']);
  await waitFor('findings before "Harden"', () => (pssKeys(uris['harden.yaml']).length ? true : undefined));
  // From the command palette the workload is the one under the cursor.
  const imageLine = hardenEditor.document.getText().split('\n').findIndex((line) => line.includes('image:'));
  hardenEditor.selection = new vscode.Selection(imageLine, 12, imageLine, 12);
  await vscode.commands.executeCommand('workloadGuard.hardenWorkload');
  const hardened = readText(path.join(E2E_FIXTURES, 'deployment.harden.yaml'));
  await waitFor('"Harden workload to restricted" to edit the document', () => (hardenEditor.document.getText() === hardened ? true : undefined), () => hardenEditor.document.getText());
  await waitFor('no Pod Security finding after hardening', () => (pssKeys(uris['harden.yaml']).length === 0 ? true : undefined), () => findingKeys(uris['harden.yaml']).join(', '));
  await closeAll();
}

interface Snippet {
  prefix: string | string[];
  body: string[];
}

export async function hardenedSnippetHasNoFindings(): Promise<void> {
  const snippets = JSON.parse(readText(path.join(REPO_ROOT, 'snippets', 'kubernetes.code-snippets'))) as Record<string, Snippet>;
  const snippet = snippets['Hardened Deployment (restricted)'];
  assert.ok(snippet, 'snippet "Hardened Deployment (restricted)" not found');
  // Start from a file with findings: their disappearance proves the server analysed the inserted text.
  const { 'hardened.yaml': uri } = scenarioFolder('s5-snippet', { 'hardened.yaml': INSECURE });
  const editor = await open(uri);
  await waitFor('findings before the snippet', () => (ourDiagnostics(uri).length ? true : undefined));

  const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
  assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippet.body.join('\n')), whole));
  await vscode.commands.executeCommand('leaveSnippet');
  const text = editor.document.getText();
  assert.match(text, /^apiVersion: apps\/v1\nkind: Deployment\n/);
  assert.doesNotMatch(text, /\$\{?\d/, 'unexpanded placeholder');
  // Every severity counts here, hints included.
  await waitFor('no finding at all in the inserted snippet', () => (vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined), () => findingKeys(uri).join(', '));
  await closeAll();
}

export async function pssLevelSettingRediagnoses(): Promise<void> {
  const { 'deployment.yaml': uri } = scenarioFolder('s7-settings', { 'deployment.yaml': INSECURE });
  await open(uri);
  await waitFor('the restricted findings', () => (JSON.stringify(pssKeys(uri)) === JSON.stringify(PSS_FINDINGS) ? true : undefined), () => findingKeys(uri).join(', '));
  const config = vscode.workspace.getConfiguration('workloadGuard');
  await config.update('pssLevel', 'baseline', vscode.ConfigurationTarget.Workspace);
  try {
    await waitFor(
      'restricted-only findings to disappear at the baseline level',
      () => {
        const keys = pssKeys(uri);
        return keys.every((key) => !RESTRICTED_ONLY.has(key.split(':')[1])) && keys.includes('16:pss-privileged') ? true : undefined;
      },
      () => findingKeys(uri).join(', '),
    );
  } finally {
    await config.update('pssLevel', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await waitFor('the restricted findings to come back', () => (JSON.stringify(pssKeys(uri)) === JSON.stringify(PSS_FINDINGS) ? true : undefined), () => findingKeys(uri).join(', '));
  await closeAll();
}
