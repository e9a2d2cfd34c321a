// Helpers for the extension suite, which runs inside a real VS Code extension host (see test/extension/run.ts).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

/** The repository (= the extension under development): out/test/extension/suite → four levels up. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const RULE_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'rules');
export const E2E_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'e2e');

/** Diagnostics and edits arrive asynchronously: a generous deadline, because this checks behaviour, not speed. */
const DEFAULT_WAIT_MS = 30_000;

/** Polls until `probe` returns a value other than undefined; the error names what never happened and what was last seen. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, lastSeen?: () => string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastSeen ? `; last seen: ${lastSeen()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'workload-guard');
}

/** `line:rule-id` (0-based line) for each of our diagnostics: compact to compare and to print. */
export function findingKeys(uri: vscode.Uri): string[] {
  return ourDiagnostics(uri)
    .map((diagnostic) => `${diagnostic.range.start.line}:${codeOf(diagnostic)}`)
    .sort();
}

/**
 * A fresh folder for one scenario inside the opened workspace, holding copies of the given files
 * (so no scenario sees another's edits or settings, and the repository's fixtures stay untouched).
 */
export function scenarioFolder(name: string, files: Record<string, string>): Record<string, vscode.Uri> {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!workspace) throw new Error('the extension suite needs a workspace folder');
  const folder = path.join(workspace.uri.fsPath, name);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  const uris: Record<string, vscode.Uri> = {};
  for (const [target, source] of Object.entries(files)) {
    const file = path.join(folder, target);
    fs.copyFileSync(source, file);
    uris[target] = vscode.Uri.file(file);
  }
  return uris;
}

export function writeScenarioFile(name: string, file: string, text: string): vscode.Uri {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!workspace) throw new Error('the extension suite needs a workspace folder');
  const folder = path.join(workspace.uri.fsPath, name);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, file), text);
  return vscode.Uri.file(path.join(folder, file));
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** Ends a scenario: unsaved edits are saved (inside the scratch workspace) so closing never prompts. */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.saveAll');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

export function completionLabels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

/** Lines (0-based) that carry `# expect: <ruleId>` in a rule fixture (see docs/DEVELOPING.md, Fixtures). */
export function expectedLines(text: string, ruleId: string): number[] {
  return text.split('\n').flatMap((line, index) => {
    const marker = /# expect: (.*)$/.exec(line);
    return marker && marker[1].split(',').map((id) => id.trim()).includes(ruleId) ? [index] : [];
  });
}
