/** The measurements made over LSP: first diagnostics, per-edit latency, completion and hover latency. */
import { LspSession, nowMs, type Position, type SessionOptions, type ServerLaunch } from './lspSession';
import { waitUntilIdle } from './proc';
import type { Sample } from './stats';

export interface FirstDiagnostics extends Sample {
  diagnostics: number;
  /** utime+stime delta over the same interval (clock ticks), as a cross-check of the schedstat figure. */
  statCpuMs: number;
}

/**
 * Starts a server, lets it settle, runs `beforeOpen` (then settles again) and times the first diagnostics of
 * `text` as version 1.
 */
export async function startAndOpen(
  launch: ServerLaunch,
  document: { uri: string; text: string; languageId: string },
  options?: SessionOptions,
  beforeOpen?: (session: LspSession) => Promise<void>,
): Promise<{ session: LspSession; first: FirstDiagnostics }> {
  const session = new LspSession(launch, options);
  await session.initialize();
  await session.settle();
  if (beforeOpen) {
    await beforeOpen(session);
    await session.settle();
  }
  const first = await openAndTime(session, document.uri, document.text, document.languageId);
  return { session, first };
}

export async function openAndTime(session: LspSession, uri: string, text: string, languageId = 'yaml'): Promise<FirstDiagnostics> {
  const statBefore = session.statCpuMs();
  const cpuBefore = session.cpuNs();
  const start = nowMs();
  await session.open(uri, text, 1, languageId);
  const published = await session.diagnostics(uri, start, 1);
  return { wallMs: published.atMs - start, cpuMs: (published.cpuNs - cpuBefore) / 1e6, statCpuMs: session.statCpuMs() - statBefore, diagnostics: published.diagnostics.length };
}

/**
 * Closes `document` (waiting for the server's clearing publish) and opens it again: the first diagnostics of a
 * server whose code is already loaded and compiled, as when a user opens a file in a running editor.
 */
export async function reopenAndTime(session: LspSession, document: { uri: string; text: string; languageId: string }): Promise<FirstDiagnostics> {
  const closedAt = nowMs();
  await session.closeDocument(document.uri);
  await session.diagnostics(document.uri, closedAt, undefined);
  await session.settle();
  return openAndTime(session, document.uri, document.text, document.languageId);
}

export interface Edit {
  start: Position;
  end: Position;
  text: string;
  what: string;
}

const EDIT_PATTERNS: { pattern: RegExp; make: (line: number, text: string) => Edit }[] = [
  {
    // Typing one character inside an image reference.
    pattern: /^\s+image: registry\./,
    make: (line, text) => {
      const character = text.indexOf('registry.') + 'registry'.length;
      return { start: { line, character }, end: { line, character }, text: 'x', what: 'type in image' };
    },
  },
  {
    // Typing in a comment: no finding changes, yet the whole file is re-read today.
    pattern: /^\s*# pod spec of workload/,
    make: (line, text) => ({ start: { line, character: text.length }, end: { line, character: text.length }, text: ' (edited)', what: 'type in comment' }),
  },
  {
    // Flipping a boolean that a rule reads.
    pattern: /^\s+allowPrivilegeEscalation: (true|false)$/,
    make: (line, text) => {
      const character = text.indexOf(': ') + 2;
      const flipped = text.endsWith('true') ? 'false' : 'true';
      return { start: { line, character }, end: { line, character: text.length }, text: flipped, what: 'flip boolean' };
    },
  },
];

/** `count` single-line edits spread over the file, cycling through the edit kinds; each lands on its own line. */
export function spreadEdits(text: string, count: number): Edit[] {
  const lines = text.split('\n');
  const edits: Edit[] = [];
  const used = new Set<number>();
  for (let j = 0; j < count; j++) {
    const { pattern, make } = EDIT_PATTERNS[j % EDIT_PATTERNS.length];
    const from = Math.floor(((j + 0.5) / count) * lines.length);
    for (let line = from; line < lines.length; line++) {
      if (!used.has(line) && pattern.test(lines[line])) {
        used.add(line);
        edits.push(make(line, lines[line]));
        break;
      }
    }
  }
  return edits;
}

/** Sends each edit as an incremental didChange and times it until diagnostics for that version arrive. */
export async function timeEdits(session: LspSession, uri: string, edits: Edit[], firstVersion = 2): Promise<Sample[]> {
  const samples: Sample[] = [];
  let version = firstVersion;
  for (const edit of edits) {
    const cpuBefore = session.cpuNs();
    const start = nowMs();
    await session.change(uri, version, edit.start, edit.end, edit.text);
    const published = await session.diagnostics(uri, start, version);
    samples.push({ wallMs: published.atMs - start, cpuMs: (published.cpuNs - cpuBefore) / 1e6 });
    version++;
    // Trailing work (garbage collection, index updates) belongs to this edit, not to the next one's measurement.
    await waitUntilIdle(session.pid, 50, 1, 3000);
  }
  return samples;
}

/** Positions at the lines matching `pattern`, spread over the file, `column` chosen per line. */
export function spreadPositions(text: string, count: number, pattern: RegExp, column: (line: string) => number): Position[] {
  const lines = text.split('\n');
  const positions: Position[] = [];
  for (let j = 0; j < count; j++) {
    const from = Math.floor(((j + 0.5) / count) * lines.length);
    for (let offset = 0; offset < lines.length; offset++) {
      const line = (from + offset) % lines.length;
      if (pattern.test(lines[line])) {
        positions.push({ line, character: column(lines[line]) });
        break;
      }
    }
  }
  return positions;
}

export interface RequestTiming extends Sample {
  /** Completion items or hover presence, so a reader sees the requests did real work. */
  resultSize: number;
}

/** Times `method` at each position (request sent → response received), server CPU from schedstat. */
export async function timeRequests(session: LspSession, uri: string, method: 'textDocument/completion' | 'textDocument/hover', positions: Position[]): Promise<RequestTiming[]> {
  const samples: RequestTiming[] = [];
  for (const position of positions) {
    const cpuBefore = session.cpuNs();
    const start = nowMs();
    const result = await session.request<unknown>(method, { textDocument: { uri }, position });
    const wallMs = nowMs() - start;
    const cpuMs = (session.cpuNs() - cpuBefore) / 1e6;
    const resultSize = Array.isArray(result) ? result.length : result && typeof result === 'object' && 'items' in result ? (result as { items: unknown[] }).items.length : result ? 1 : 0;
    samples.push({ wallMs, cpuMs, resultSize });
  }
  return samples;
}
