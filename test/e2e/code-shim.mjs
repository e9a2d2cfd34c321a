#!/usr/bin/env node
// @ts-check
// Stands in for the VS Code desktop executable that @vscode/test-electron spawns (no Electron can be downloaded
// here). It accepts the desktop CLI flags and runs the extension tests in code-server's real extension host,
// started through the workbench payload in headless Chromium; the test result comes back through the smoke-test
// driver hooks (codeAutomationExit / codeAutomationLog) and becomes this process's exit code.
//
// Used flags: --extensionDevelopmentPath=, --extensionTestsPath=, --extensions-dir=, and one folder to open.
// Ignored: --user-data-dir (each run gets a fresh one in its sandbox) and the Electron-only switches.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { format } from 'node:util';
import { createSandbox, launchChromium, requireTools, startCodeServer, workbenchUrl } from './editor.mjs';

const TIMEOUT_MS = Number(process.env.SHIM_TIMEOUT_MS ?? 5 * 60_000);
const VERBOSE = process.env.SHIM_VERBOSE === '1';

/** test-electron passes `--flag=value`; the desktop CLI also takes `--flag value`. */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const flags = {};
  const positional = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (VALUE_FLAGS.has(arg.slice(2)) && index + 1 < argv.length) flags[arg.slice(2)] = argv[++index];
    else flags[arg.slice(2)] = 'true';
  }
  return { flags, positional };
}
const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'extensions-dir', 'user-data-dir', 'locale', 'log']);

/**
 * The workbench's own console (errors about the gallery, telemetry, GitHub auth…) is noise offline;
 * the extension host's output (our suite) arrives as log lines of type "log"/"info"/"error" without those prefixes.
 */
const NOISE = [
  /open-vsx|marketplace|gallery/i,
  /telemetry|mobile\.events\.data/i,
  /github/i,
  /vsda/i,
  /\[Extension Host\] \(node:\d+\) \[DEP/,
  /^%c/,
  /^(Resolving|Resolved) connection token|^Creating a socket|^\[reconnection-grace-time\]|^Updating additional builtin extensions cache/,
  /^\[(Service Worker|AgentHost|AccountPolicyGate)/,
];

async function main() {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  if (flags.version === 'true') {
    console.log('1.139.1 (code-server shim)');
    return 0;
  }
  const extensionDevelopmentPath = flags.extensionDevelopmentPath && resolve(flags.extensionDevelopmentPath);
  const extensionTestsPath = flags.extensionTestsPath && resolve(flags.extensionTestsPath);
  const folder = positional.map((path) => resolve(path)).find((path) => existsSync(path) && statSync(path).isDirectory());
  if (!extensionDevelopmentPath || !extensionTestsPath || !folder) {
    console.error(`code-shim: need --extensionDevelopmentPath, --extensionTestsPath and a folder to open; got ${JSON.stringify(process.argv.slice(2))}`);
    return 2;
  }
  requireTools();
  const sandbox = createSandbox('ext');
  const server = await startCodeServer(sandbox, { smokeTestDriver: true, extensionsDir: flags['extensions-dir'] && resolve(flags['extensions-dir']) });
  let browser;
  let exitCode = 1;
  try {
    browser = await launchChromium(sandbox);
    const page = await browser.newPage();
    /** @type {(code: number) => void} */
    let finish = () => undefined;
    const testsDone = new Promise((done) => (finish = done));
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // printf-style arguments ("%s%s", …): format them or the output is garbled.
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (VERBOSE || !NOISE.some((pattern) => pattern.test(line))) (type === 'error' ? console.error : console.log)(line);
    });
    if (VERBOSE) page.on('console', (message) => console.log(`[browser ${message.type()}] ${message.text()}`));
    await page.goto(workbenchUrl(server, folder, { extensionDevelopmentPath, extensionTestsPath }));
    const timeout = new Promise((done) => setTimeout(() => done('timeout'), TIMEOUT_MS).unref());
    const result = await Promise.race([testsDone, timeout]);
    if (result === 'timeout') console.error(`code-shim: the extension tests did not finish within ${TIMEOUT_MS / 1000} s`);
    else exitCode = /** @type {number} */ (result);
    return exitCode;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    // A failed run keeps its sandbox (code-server log, user data) for inspection.
    if (exitCode === 0 && process.env.SHIM_KEEP !== '1') sandbox.remove();
    else if (exitCode !== 0) console.error(`code-shim: code-server log: ${server.logFile}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('code-shim:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
