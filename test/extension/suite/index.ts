import assert from 'node:assert/strict';
import * as path from 'path';
import * as vscode from 'vscode';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'lsp', 'workspace', 'deployment.yaml');

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Entry point called by @vscode/test-electron; plain assert, no mocha. */
export async function run(): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(FIXTURE));
  await vscode.window.showTextDocument(document);
  if (document.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(document, 'yaml');

  const diagnostic = await waitFor(
    () => vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'workload-guard' && codeOf(d) === 'pss-privileged'),
    'workload-guard diagnostics',
  );
  assert.equal(diagnostic.range.start.line, 11);

  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((action) => action.diagnostics?.some((d) => codeOf(d) === 'pss-privileged') && !action.title.startsWith('Disable'));
  assert.ok(fix?.edit, `no quick fix among: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.doesNotMatch(document.getText(), /privileged: true/);

  await waitFor(() => (vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === 'pss-privileged') ? undefined : true), 'the finding to disappear');
  // Leave the fixture unchanged on disk.
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
