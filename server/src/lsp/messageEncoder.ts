import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * The wire format of outgoing messages. A 50k-line manifest has ~10k diagnostics (4 MB of JSON) and an edit changes a
 * handful of them, yet `JSON.stringify` of the whole notification took most of the server's CPU per edit. Diagnostic
 * objects are reused between versions (diagnostics.ts) and never mutated, so a publishDiagnostics for an open document
 * copies the bytes of every diagnostic it sent last time from that message, in runs, and serializes only new ones.
 * Every other message is JSON.stringify'd as vscode-jsonrpc does.
 */

/** The last versioned publishDiagnostics body per document, and where each of its diagnostics lies in it. */
interface SentBody {
  serial: number;
  body: Buffer;
  starts: Int32Array;
  ends: Int32Array;
}

/** Where a diagnostic object was last sent: in which message (serial) and at which index. */
const placement = new WeakMap<object, { serial: number; index: number }>();
const sentBodies = new Map<string, SentBody>();
let serials = 0;
const COMMA = Buffer.from(',');

/** The message's UTF-8 JSON body, in pieces whose concatenation is the body. */
export function encodeChunks(message: Message): Buffer[] {
  return publishDiagnosticsChunks(message) ?? [Buffer.from(JSON.stringify(message, undefined, 0), 'utf8')];
}

/** The message's JSON text (for tests). */
export function encodeMessage(message: Message): string {
  return Buffer.concat(encodeChunks(message)).toString('utf8');
}

/** Undefined unless the message is exactly a publishDiagnostics notification of the shape the server sends. */
function publishDiagnosticsChunks(message: Message): Buffer[] | undefined {
  const { method, params } = message as { method?: unknown; params?: unknown };
  if (method !== 'textDocument/publishDiagnostics' || !isPlainObject(params) || Object.keys(message).length !== 3) return undefined;
  const { uri, version, diagnostics } = params;
  const keys = Object.keys(params);
  const shaped = typeof uri === 'string' && Array.isArray(diagnostics) && (keys.length === 2 || (keys.length === 3 && (typeof version === 'number' || version === null)));
  if (!shaped || keys[0] !== 'uri' || keys[keys.length - 1] !== 'diagnostics') return undefined;
  const versionText = keys.length === 3 ? `,"version":${JSON.stringify(version)}` : '';
  const head = Buffer.from(`{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(uri)}${versionText},"diagnostics":[`, 'utf8');
  // Only open documents (versioned) keep their body: a workspace scan publishes thousands of files once.
  const body = typeof version === 'number' ? bodyReusing(uri, diagnostics as unknown[]) : freshBody(uri, diagnostics as unknown[]);
  return [head, body, Buffer.from(']}}')];
}

function freshBody(uri: string, diagnostics: readonly unknown[]): Buffer {
  sentBodies.delete(uri);
  return Buffer.from(diagnostics.map((diagnostic) => JSON.stringify(diagnostic) ?? 'null').join(','), 'utf8');
}

/** The diagnostics joined by commas, copying runs of them from the document's previous body where it can. */
function bodyReusing(uri: string, diagnostics: readonly unknown[]): Buffer {
  const previous = sentBodies.get(uri);
  const serial = ++serials;
  const pieces: Buffer[] = [];
  const starts = new Int32Array(diagnostics.length);
  const ends = new Int32Array(diagnostics.length);
  let length = 0;
  // The open run: previous body indexes [runFirst, runLast].
  let runFirst = -1;
  let runLast = -1;
  const flushRun = (): void => {
    if (runFirst < 0 || !previous) return;
    pieces.push(previous.body.subarray(previous.starts[runFirst], previous.ends[runLast]));
    runFirst = -1;
  };
  diagnostics.forEach((diagnostic, index) => {
    const at = typeof diagnostic === 'object' && diagnostic !== null ? placement.get(diagnostic) : undefined;
    const known = previous !== undefined && at !== undefined && at.serial === previous.serial ? at.index : -1;
    if (index > 0) {
      // A comma inside a run is copied with it.
      if (!(known >= 0 && runFirst >= 0 && known === runLast + 1)) {
        flushRun();
        pieces.push(COMMA);
      }
      length += 1;
    }
    starts[index] = length;
    if (known >= 0 && previous) {
      if (runFirst >= 0 && known === runLast + 1) runLast = known;
      else {
        flushRun();
        runFirst = runLast = known;
      }
      length += previous.ends[known] - previous.starts[known];
    } else {
      flushRun();
      const bytes = Buffer.from(JSON.stringify(diagnostic) ?? 'null', 'utf8');
      pieces.push(bytes);
      length += bytes.length;
    }
    ends[index] = length;
    if (typeof diagnostic === 'object' && diagnostic !== null) {
      if (at) {
        at.serial = serial;
        at.index = index;
      } else placement.set(diagnostic, { serial, index });
    }
  });
  flushRun();
  const body = Buffer.concat(pieces, length);
  sentBodies.set(uri, { serial, body, starts, ends });
  return body;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An LSP base-protocol writer (Content-Length header, UTF-8 JSON body) that hands the body's pieces to the stream in
 * one corked batch (a writev). Messages are encoded synchronously, so they go out in the order they were sent.
 */
export class ChunkedStreamMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream & { cork(): void; uncork(): void }) {
    super();
    stream.on('error', (error: unknown) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let chunks: Buffer[];
    try {
      chunks = encodeChunks(message);
    } catch (error) {
      this.errorCount++;
      this.fireError(error, message, this.errorCount);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const length = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    this.stream.cork();
    this.stream.write(`Content-Length: ${length}\r\n\r\n`, 'ascii');
    for (const chunk of chunks) this.stream.write(chunk);
    this.stream.uncork();
    this.errorCount = 0;
    return Promise.resolve();
  }

  end(): void {
    this.stream.end();
  }
}
