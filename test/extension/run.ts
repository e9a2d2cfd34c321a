import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/** Runs the extension suite in a real VS Code. Needs VSCODE_EXECUTABLE: this environment cannot download one. */
async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    console.log('SKIPPED: no VS Code executable (set VSCODE_EXECUTABLE)');
    process.exit(0);
  }
  const root = path.resolve(__dirname, '..', '..', '..');
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [path.join(root, 'test', 'fixtures', 'lsp', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (error) {
    console.error('Extension tests failed:', error);
    process.exit(1);
  }
}

void main();
