import * as path from 'path';
import { runTests } from '@vscode/test-electron';

export const NOT_RUN_EXIT_CODE = 78;

/** Runs the extension suite in a real VS Code. Needs VSCODE_EXECUTABLE: this environment cannot download one. */
async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    // Not a pass: a distinct exit code, so nobody mistakes a missing editor for a green suite.
    console.error('NOT RUN: no VS Code executable. Set VSCODE_EXECUTABLE to a VS Code binary to run the extension suite.');
    process.exit(NOT_RUN_EXIT_CODE);
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

if (require.main === module) void main();
