/**
 * One language server as a child process, driven over stdio the way an editor drives it, with the arrival time
 * and the server's CPU time stamped on every published diagnostic set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { cpuNanoseconds, peakRssMiB, statCpuMs, waitUntilIdle } from './proc';

export interface ServerLaunch {
  label: string;
  command: string;
  args: string[];
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: { message: string; range: { start: { line: number } } }[];
  /** process.hrtime of arrival, in ms. */
  atMs: number;
  /** Server CPU (all threads) at arrival, in ns. */
  cpuNs: number;
}

export interface Position {
  line: number;
  character: number;
}

export interface SessionOptions {
  /** Answers workspace/configuration, one value per requested section. */
  configuration?: (section: string | undefined) => unknown;
  /** Answers any other server-to-client request (custom schema requests and the like); undefined → null. */
  onRequest?: (method: string, params: unknown) => unknown;
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export class LspSession {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly pid: number;
  readonly requestsSeen = new Map<string, number>();
  private readonly published: Published[] = [];
  private waiters: (() => void)[] = [];
  private stderr = '';

  constructor(
    readonly launch: ServerLaunch,
    options: SessionOptions = {},
  ) {
    this.process = spawn(launch.command, launch.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    if (this.process.pid === undefined) throw new Error(`cannot start ${launch.label}`);
    this.pid = this.process.pid;
    this.process.stderr?.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 20_000) this.stderr += chunk.toString();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: Omit<Published, 'atMs' | 'cpuNs'>) => {
      this.published.push({ ...params, atMs: nowMs(), cpuNs: cpuNanoseconds(this.pid) });
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
    this.connection.onRequest((method: string, params: unknown) => {
      this.requestsSeen.set(method, (this.requestsSeen.get(method) ?? 0) + 1);
      if (method === 'workspace/configuration') {
        const items = (params as { items: { section?: string }[] }).items;
        return items.map((item) => options.configuration?.(item.section) ?? null);
      }
      return options.onRequest?.(method, params) ?? null;
    });
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  async initialize(initializationOptions?: unknown): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: false },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Waits until start-up work (module loading, configuration pulls, indexing) has stopped using CPU. */
  settle(): Promise<void> {
    return waitUntilIdle(this.pid);
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, start: Position, end: Position, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start, end }, text }] });
  }

  closeDocument(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /**
   * The first diagnostics for `uri` that arrived at or after `sinceMs` and match `version` (servers that do not
   * version their diagnostics: any version).
   */
  async diagnostics(uri: string, sinceMs: number, version: number | undefined, timeoutMs = 120_000): Promise<Published> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published.find((p) => p.uri === uri && p.atMs >= sinceMs && (version === undefined || p.version === undefined || p.version === version));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`${this.launch.label}: no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderr.slice(0, 2000)}`);
      if (this.process.exitCode !== null) throw new Error(`${this.launch.label} exited (${this.process.exitCode}); stderr: ${this.stderr.slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  cpuNs(): number {
    return cpuNanoseconds(this.pid);
  }

  statCpuMs(): number {
    return statCpuMs(this.pid);
  }

  peakRssMiB(): number {
    return peakRssMiB(this.pid);
  }

  /** shutdown + exit, killing the process when it does not leave within 5 s. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
