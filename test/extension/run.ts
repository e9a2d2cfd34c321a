import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

export const NOT_RUN_EXIT_CODE = 78;

/**
 * Runs the extension suite in a real VS Code. Needs VSCODE_EXECUTABLE: this environment cannot download one.
 * `npm run test:e2e` points it at test/e2e/code-shim.mjs, which runs the suite in code-server's extension host.
 */
async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    // Not a pass: a distinct exit code, so nobody mistakes a missing editor for a green suite.
    console.error('NOT RUN: no VS Code executable. Set VSCODE_EXECUTABLE to a VS Code binary (or test/e2e/code-shim.mjs after `bash test/e2e/setup.sh`) to run the extension suite.');
    process.exit(NOT_RUN_EXIT_CODE);
  }
  const root = path.resolve(__dirname, '..', '..', '..');
  // A scratch workspace per run: each scenario copies its fixtures into a folder of its own there.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-extension-suite-'));
  const started = Date.now();
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    console.log(`Extension suite passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error('Extension tests failed:', error);
    process.exitCode = 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
