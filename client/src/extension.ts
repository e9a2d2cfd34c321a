import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, WorkDoneProgress, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ALL_RULES } from '../../server/src/engine/registry';

let client: LanguageClient | undefined;

const SELECTOR = ['yaml', 'json', 'jsonc'].flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // stdio like every other editor: the server's diagnostics encoder (messageEncoder.ts) works on that transport.
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    synchronize: {
      configurationSection: 'workloadGuard',
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/.workload-guard.{yaml,yml}'), vscode.workspace.createFileSystemWatcher('**/*.json'), vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}')],
    },
  };
  client = new LanguageClient('workloadGuard', 'Workload Guard', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.text = '$(shield) Workload Guard';
  status.command = 'workloadGuard.fixAll';
  status.tooltip = 'Workload Guard: fix all safe problems in this file';
  context.subscriptions.push(status);
  const updateStatus = (editor: vscode.TextEditor | undefined): void => {
    if (editor && vscode.languages.match(SELECTOR, editor.document) > 0) status.show();
    else status.hide();
  };
  updateStatus(vscode.window.activeTextEditor);

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.commands.registerCommand('workloadGuard.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      await client.sendRequest('workspace/executeCommand', { command: 'workload-guard.applyFixAll', arguments: [editor.document.uri.toString()] });
    }),
    vscode.commands.registerCommand('workloadGuard.hardenWorkload', async (uri?: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
      if (!client) return;
      const editor = vscode.window.activeTextEditor;
      const target = uri ?? editor?.document.uri.toString();
      if (!target) return;
      const where = range ?? (editor ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined);
      await client.sendRequest('workspace/executeCommand', { command: 'workload-guard.hardenWorkload', arguments: where ? [target, where] : [target] });
    }),
    vscode.commands.registerCommand('workloadGuard.generateSeccompProfile', async () => {
      if (!client) return;
      const kind = await vscode.window.showQuickPick(
        [
          { label: 'strace output', description: 'strace -f log or strace -c summary', value: 'strace' },
          { label: 'Audit log', description: 'type=SECCOMP lines from an SCMP_ACT_LOG profile', value: 'audit' },
        ],
        { placeHolder: 'Build an allow-list seccomp profile from…' },
      );
      if (!kind) return;
      const [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Build profile' })) ?? [];
      if (!file) return;
      const result = await client.sendRequest<{ text?: string; problems: string[] }>('workspace/executeCommand', { command: 'workload-guard.generateSeccompProfile', arguments: [file.toString(), kind.value] });
      if (result.text) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content: result.text }));
      if (result.problems.length) void vscode.window.showWarningMessage(`Workload Guard: ${result.problems.length} line(s) could not be used: ${result.problems.slice(0, 3).join('; ')}`);
    }),
    vscode.commands.registerCommand('workloadGuard.showNodeProfiles', async () => {
      if (!client) return;
      const result = await client.sendRequest<{ markdown: string }>('workspace/executeCommand', { command: 'workload-guard.nodeProfiles', arguments: [] });
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown }));
    }),
    vscode.commands.registerCommand('workloadGuard.openRuleDocs', async (ruleId?: string) => {
      const id = ruleId ?? (await pickRule());
      if (!id) return;
      const uri = docsUri(context, id);
      // Shipped docs open inside the editor; a docs site opens in the browser.
      if (uri.scheme === 'file') await vscode.commands.executeCommand('vscode.open', uri);
      else await vscode.env.openExternal(uri);
    }),
    vscode.commands.registerCommand('workloadGuard.scanWorkspace', () => scanWorkspace()),
    vscode.commands.registerCommand('workloadGuard.restartServer', async () => {
      await client?.restart();
    }),
  );

  await client.start();
}

interface ScanSummary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
}

/** Runs the server's workspace scan with a cancellable progress notification; the findings land in Problems. */
async function scanWorkspace(): Promise<ScanSummary | undefined> {
  const running = client;
  if (!running) return undefined;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Workload Guard: scanning the workspace', cancellable: true },
    async (progress, cancel) => {
      const workDoneToken = `workload-guard-scan-${Date.now()}`;
      let reported = 0;
      const listener = running.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end' || value.percentage === undefined) return;
        progress.report({ message: value.message, increment: value.percentage - reported });
        reported = value.percentage;
      });
      try {
        return await running.sendRequest(ExecuteCommandRequest.type, { command: 'workload-guard.scanWorkspace', arguments: [], workDoneToken }, cancel);
      } finally {
        listener.dispose();
      }
    },
  );
  const result = summary as ScanSummary | undefined;
  if (result) {
    const found = result.findings ? `${result.findings} problem(s) in ${result.filesWithFindings} file(s), listed in Problems` : 'no problems';
    void vscode.window.showInformationMessage(`Workload Guard ${result.cancelled ? 'stopped after' : 'scanned'} ${result.files} file(s): ${found}.`);
  }
  return result;
}

async function pickRule(): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    ALL_RULES.map((rule) => ({ label: rule.id, description: rule.title })),
    { placeHolder: 'Open the documentation of a Workload Guard rule' },
  );
  return picked?.label;
}

/** `workloadGuard.docsBaseUrl` when set, else the documentation shipped in the extension. */
function docsUri(context: vscode.ExtensionContext, ruleId: string): vscode.Uri {
  const base = vscode.workspace.getConfiguration('workloadGuard').get<string>('docsBaseUrl', '');
  if (base) return vscode.Uri.parse(`${base.endsWith('/') ? base : `${base}/`}${ruleId}.md`);
  return vscode.Uri.file(context.asAbsolutePath(`docs/rules/${ruleId}.md`));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
