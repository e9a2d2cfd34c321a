import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * The wire format of outgoing messages, serializing each diagnostic once. A 50k-line manifest has ~10k diagnostics
 * (4 MB of JSON); an edit changes a handful, yet `JSON.stringify` of the whole notification took most of the server's
 * CPU per edit, and a fresh 4 MB buffer per edit made V8 run full garbage collections for its external memory.
 * Diagnostic objects are reused between versions (diagnostics.ts) and never mutated, so their JSON bytes are cached by
 * identity and written as they are; every other message is JSON.stringify'd as vscode-jsonrpc does.
 *
 * Each diagnostic's JSON, with a leading comma, written once into shared slabs in the order they are first sent, so
 * the unchanged diagnostics of a new version lie side by side in memory as before and go out as a few large views
 * (not 10k small writes, not a fresh 4 MB copy per edit, which made V8 collect for its external memory).
 */
const diagnosticBytes = new WeakMap<object, Buffer>();
const SLAB_SIZE = 64 * 1024;
let slab = Buffer.allocUnsafe(0);
let slabUsed = 0;

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
  const chunks: Buffer[] = [Buffer.from(`{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(uri)}${versionText},"diagnostics":[`, 'utf8')];
  // The run being gathered: consecutive bytes of one slab, cut out as a view when it ends.
  let run: { buffer: ArrayBufferLike; start: number; end: number } | undefined;
  const endRun = (): void => {
    if (run) chunks.push(Buffer.from(run.buffer, run.start, run.end - run.start));
  };
  (diagnostics as unknown[]).forEach((diagnostic, index) => {
    let bytes = diagnosticJson(diagnostic);
    if (index === 0) bytes = bytes.subarray(1);
    if (run && run.buffer === bytes.buffer && run.end === bytes.byteOffset) run.end += bytes.length;
    else {
      endRun();
      run = { buffer: bytes.buffer, start: bytes.byteOffset, end: bytes.byteOffset + bytes.length };
    }
  });
  endRun();
  chunks.push(Buffer.from(']}}'));
  return chunks;
}

function diagnosticJson(diagnostic: unknown): Buffer {
  if (typeof diagnostic !== 'object' || diagnostic === null) return Buffer.from(`,${JSON.stringify(diagnostic) ?? 'null'}`, 'utf8');
  let bytes = diagnosticBytes.get(diagnostic);
  if (bytes === undefined) {
    bytes = intoSlab(`,${JSON.stringify(diagnostic)}`);
    diagnosticBytes.set(diagnostic, bytes);
  }
  return bytes;
}

/** A view of `text`'s UTF-8 bytes, written right after the previous text in the current slab when it fits. */
function intoSlab(text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  if (length > SLAB_SIZE / 4) return Buffer.from(text, 'utf8');
  if (slabUsed + length > slab.length) {
    slab = Buffer.allocUnsafe(SLAB_SIZE);
    slabUsed = 0;
  }
  slab.write(text, slabUsed, 'utf8');
  const view = slab.subarray(slabUsed, slabUsed + length);
  slabUsed += length;
  return view;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An LSP base-protocol writer (Content-Length header, UTF-8 JSON body) that hands the body's pieces to the stream in
 * one corked batch (a writev), never joining them into one buffer. Messages are encoded synchronously, so they go out
 * in the order they were sent.
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
