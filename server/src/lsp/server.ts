#!/usr/bin/env node
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InsertTextMode,
  MarkupKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type InitializeResult,
  type Location,
  type Position,
  SymbolKind,
  type Range,
  type CancellationToken,
  LSPErrorCodes,
  ResponseError,
  type MessageWriter,
  type WorkDoneProgressReporter,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type AnalysisResult, type AnalyzeInput } from '../engine/analyze';
import { IncrementalAnalyzer, type IncrementalResult } from '../engine/incremental';
import { hoverOf, lensesOf, quickFixesOf, workloadRangeOf } from '../features/documentParts';
import { DEFAULT_SETTINGS, isIgnoredPath } from '../engine/config';
import { fixAllAction, FIX_ALL_KIND, hardenAction, HARDEN_KIND, type ActionData } from '../features/codeActions';
import { complete } from '../features/completion';
import type { CompletionEntry } from '../features/completion';
import { matchLocalhostProfile, localhostProfileCandidates } from '../engine/seccomp/localhost';
import { SeccompProfileIndex } from './workspaceIndex';
import { FalcoIndex } from './falcoIndex';
import { RuntimeClassIndex } from './runtimeClassIndex';
import { folderPaths, MAX_INDEXED_BYTES, readIndexable, walkFiles } from './workspaceFiles';
import { scanWorkspace, type ScanSummary } from './workspaceScan';
import * as path from 'node:path';
import { Console } from 'node:console';
import { nodeProfileNeeds, nodeProfilesMarkdown, type NodeProfileNeed } from '../engine/kubernetes/nodeProfiles';
import { parseYamlFile } from '../engine/documents/yaml';
import { pathToFileURL } from 'node:url';
import { KNOWN_HANDLERS } from '../engine/kubernetes/rules/cluster/runtimeclass-invalid';
import { completeFalco, falcoDefinitionMarkdown, falcoFieldMarkdown, falcoMacroTexts, falcoNameAt, falcoOccurrences, falcoSymbols } from '../features/falco';
import { LineIndex, sizeOverLimit } from '../engine/text';
import { profileFromAudit, profileFromStrace } from '../engine/seccomp/generate';
import { readFile } from 'node:fs/promises';
import { filePathOf } from './settings';
import { completeSeccomp, hoverSeccomp } from '../features/seccomp';
import { looksLikeSeccompJson } from '../engine/classify';
import { toDiagnostic } from './diagnostics';
import { ChunkedStreamMessageWriter } from './messageEncoder';
import { resolveDocumentSettings, type DocumentSettings, type EditorSettings } from './settings';
import type { Finding } from '../engine/types';

export const COMMANDS = { applyFixAll: 'workload-guard.applyFixAll', hardenWorkload: 'workload-guard.hardenWorkload', generateSeccompProfile: 'workload-guard.generateSeccompProfile', nodeProfiles: 'workload-guard.nodeProfiles', scanWorkspace: 'workload-guard.scanWorkspace' } as const;
/** Short: the per-edit analysis is incremental, so waiting mostly delays diagnostics. */
const DEBOUNCE_MS = 50;
/** A long analysis (a large file's first) gives the event loop back this often, so newer edits and cancellations get in. */
const ANALYSIS_SLICE_MS = 20;
/** Test and benchmark hook: what the server holds per document and the CPU it has used. */
export const STATS_REQUEST = 'workloadGuard/internalStats';

interface CachedAnalysis {
  version: number;
  generation: number;
  result: IncrementalResult;
  settings: DocumentSettings;
}

export function startServer(connection: Connection): void {
  // Versions only grow: a change that is not newer than the document (out of order, replayed) is ignored.
  const documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => (version > document.version ? TextDocument.update(document, changes, version) : document),
  });
  const cache = new Map<string, CachedAnalysis>();
  /** Per open document: the incremental analyzer (documents' parses and findings) and the version last scheduled. */
  const analyzers = new Map<string, IncrementalAnalyzer>();
  const scheduledVersions = new Map<string, number>();
  const publishedVersions = new Map<string, number>();
  /** Line offsets of each open document's current version, shared by completion and hover. */
  const lineIndexes = new Map<string, { version: number; lines: LineIndex }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const profiles = new SeccompProfileIndex();
  const falco = new FalcoIndex();
  const runtimeClasses = new RuntimeClassIndex();
  let falcoTimer: NodeJS.Timeout | undefined;

  /** A Falco file changed: every other open Falco file may gain or lose a definition it uses. */
  function falcoChanged(uri: string): void {
    if (falcoTimer) clearTimeout(falcoTimer);
    falcoTimer = setTimeout(() => {
      falcoTimer = undefined;
      generation++;
      for (const document of documents.all()) if (document.uri !== uri && falco.has(document.uri)) schedule(document.uri);
    }, DEBOUNCE_MS);
  }

  /** The current text of every Falco file: open editors first, then the index. */
  function falcoTexts(): [string, string][] {
    return falco.entries().map(([uri, text]) => [uri, documents.get(uri)?.getText() ?? text]);
  }

  /** `localhostProfile: pro|` completes the workspace's seccomp profiles by their trailing paths. */
  function localhostProfileCompletions(text: string, offset: number): CompletionEntry[] | undefined {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const match = /localhostProfile\s*:\s*["']?([^"'\s,}]*)$/.exec(text.slice(lineStart, offset));
    if (!match) return undefined;
    const replaceStart = offset - match[1].length;
    return localhostProfileCandidates(profiles.relativePaths() ?? []).map((candidate) => ({
      label: candidate.value,
      kind: 'value' as const,
      insertText: candidate.value,
      replaceStart,
      detail: candidate.path,
      documentation: `Seccomp profile \`${candidate.path}\` of this workspace; the kubelet reads it from \`/var/lib/kubelet/seccomp/${candidate.value}\`.`,
    }));
  }
  const editorSettingsCache = new Map<string, Promise<EditorSettings>>();
  let pushedSettings: EditorSettings = {};
  let workspaceFolders: string[] = [];
  let pullConfiguration = false;
  let folderEvents = false;
  let watchDynamically = false;
  /** The client shows server-initiated progress (window/workDoneProgress/create). */
  let clientShowsProgress = false;
  /** Bumped on every settings or config-file change: cached analyses of older generations are stale. */
  let generation = 0;

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities?.workspace?.configuration === true;
    folderEvents = params.capabilities?.workspace?.workspaceFolders === true;
    clientShowsProgress = params.capabilities?.window?.workDoneProgress === true;
    watchDynamically = params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const options = params.initializationOptions as { settings?: EditorSettings } | EditorSettings | undefined;
    pushedSettings = (options && 'settings' in options ? options.settings : (options as EditorSettings | undefined)) ?? {};
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, HARDEN_KIND] },
        completionProvider: { triggerCharacters: [':', ' ', '-', '"'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [COMMANDS.applyFixAll, COMMANDS.hardenWorkload, COMMANDS.generateSeccompProfile, COMMANDS.nodeProfiles, COMMANDS.scanWorkspace] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'workload-guard' },
    };
  });

  connection.onInitialized(() => {
    void indexWorkspace();
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        workspaceFolders = workspaceFolders.filter((uri) => !event.removed.some((folder) => folder.uri === uri)).concat(event.added.map((folder) => folder.uri));
        void indexWorkspace();
      });
    }
    // Clients other than our VS Code extension (which watches through `synchronize.fileEvents`) learn what to watch here.
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.workload-guard.{yaml,yml}' }, { globPattern: '**/*.json' }, { globPattern: '**/*.{yaml,yml}' }] }).catch(() => undefined);
    }
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'workloadGuard' }).catch(() => undefined);
  });

  /** Bumped when the workspace folders change: an older indexing walk stops feeding the indexes. */
  let indexRound = 0;

  /**
   * One walk of the workspace feeds every index: seccomp profiles (JSON), Falco rule files, RuntimeClasses and
   * NetworkPolicies (YAML, each file read once). Open editors give their own texts; falco.yaml gives the load order.
   */
  /** Gives a file's text to the YAML indexes; true when it is (or was) a Falco file, so dependents need re-checking. */
  function indexText(uri: string, text: string, open = false): boolean {
    // An open file too large to index (a generated dump) is not parsed on every keystroke, as on disk.
    if (text.length > MAX_INDEXED_BYTES) {
      const wasFalco = falco.has(uri);
      unindex(uri);
      return wasFalco;
    }
    runtimeClasses.update(uri, text);
    return falco.update(uri, text, open);
  }

  function unindex(uri: string): void {
    falco.remove(uri);
    runtimeClasses.remove(uri);
  }

  async function indexWorkspace(): Promise<void> {
    const round = ++indexRound;
    profiles.reset(workspaceFolders);
    falco.clear();
    runtimeClasses.clear();
    for (const document of documents.all()) indexText(document.uri, document.getText(), true);
    let falcoConfig: string | undefined;
    await walkFiles(folderPaths(workspaceFolders), (name) => /\.(ya?ml|json)$/i.test(name), async (full) => {
      if (round !== indexRound) return;
      if (/\.json$/i.test(full)) return profiles.update(full);
      if (path.basename(full) === 'falco.yaml') {
        falcoConfig ??= full;
        return;
      }
      const uri = pathToFileURL(full).toString();
      if (documents.get(uri)) return;
      const text = await readIndexable(full);
      if (text !== undefined) indexText(uri, text);
    });
    if (round !== indexRound) return;
    await falco.finishIndexing(falcoConfig);
    profiles.ready = true;
    runtimeClasses.ready = true;
    revalidateAll();
  }

  function editorSettings(uri: string): Promise<EditorSettings> {
    if (!pullConfiguration) return Promise.resolve(pushedSettings);
    let pending = editorSettingsCache.get(uri);
    if (!pending) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'workloadGuard' })
        .then((value: unknown) => (value && typeof value === 'object' ? (value as EditorSettings) : {}))
        .catch(() => ({}));
      editorSettingsCache.set(uri, pending);
    }
    return pending;
  }

  function linesOf(document: TextDocument): LineIndex {
    const known = lineIndexes.get(document.uri);
    if (known?.version === document.version) return known.lines;
    const lines = new LineIndex(document.getText());
    if (documents.get(document.uri)) lineIndexes.set(document.uri, { version: document.version, lines });
    return lines;
  }

  /**
   * The analysis of the document's current version: parsed and analyzed once per version and shared by diagnostics,
   * hover, code actions and code lenses. Only changed documents of a multi-document file are analyzed again; a long
   * analysis yields every few milliseconds and starts over on a newer version (keeping what it finished). Undefined
   * when the document closed or the request was cancelled meanwhile.
   */
  async function analysisFor(document: TextDocument, token?: CancellationToken): Promise<CachedAnalysis | undefined> {
    const uri = document.uri;
    for (;;) {
      const current = documents.get(uri);
      if (!current || token?.isCancellationRequested) return undefined;
      const cached = cache.get(uri);
      if (cached && cached.version === current.version && cached.generation === generation) return cached;
      const startGeneration = generation;
      const { input, settings } = await analysisInput(uri, current.getText());
      let analyzer = analyzers.get(uri);
      if (!documents.get(uri)) return undefined;
      if (!analyzer) analyzers.set(uri, (analyzer = new IncrementalAnalyzer()));
      let result: IncrementalResult | undefined;
      let superseded = false;
      for (;;) {
        const deadline = performance.now() + ANALYSIS_SLICE_MS;
        result = analyzer.analyze(input, { shouldYield: () => performance.now() > deadline });
        if (result) break;
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (token?.isCancellationRequested || documents.get(uri) !== current || generation !== startGeneration || analyzers.get(uri) !== analyzer) {
          superseded = true;
          break;
        }
      }
      if (superseded || !result) continue;
      const entry: CachedAnalysis = { version: current.version, generation: startGeneration, result, settings };
      if (startGeneration === generation && documents.get(uri) === current) cache.set(uri, entry);
      return entry;
    }
  }

  /** The settings of a file's location and the workspace facts; files in ignorePaths are analyzed as empty. */
  async function analysisInput(uri: string, text: string): Promise<{ input: AnalyzeInput; settings: DocumentSettings }> {
    const settings = resolveDocumentSettings(uri, workspaceFolders, await editorSettings(uri));
    const ignored = settings.relativePath !== undefined && isIgnoredPath(settings.relativePath, settings.settings.ignorePaths);
    const workspace = { seccompProfiles: profiles.relativePaths(), falco: falco.factsFor(uri), runtimeClasses: runtimeClasses.names(), networkPolicyNamespaces: runtimeClasses.networkPolicyNamespaces() };
    return { input: { uri, text: ignored ? '' : text, settings: settings.settings, workspace, parsed: ignored ? undefined : falco.takeParse(uri, text) }, settings };
  }

  /** A whole-file analysis of a file that is not open (workspace scan, closed editor). */
  async function analyzeText(uri: string, text: string): Promise<{ result: AnalysisResult; settings: DocumentSettings }> {
    const { input, settings } = await analysisInput(uri, text);
    return { result: analyze(input), settings };
  }

  /** Files whose findings the last workspace scan published: closing their editor shows the disk state again. */
  const scannedFiles = new Set<string>();

  async function publishFromDisk(uri: string): Promise<void> {
    const filePath = filePathOf(uri);
    const text = filePath ? await readIndexable(filePath) : undefined;
    if (text === undefined) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const { result, settings } = await analyzeText(uri, text);
    publishFindings(uri, result.findings, settings);
  }

  /** Publishes findings as diagnostics; `version` only for open documents (files on disk have none). */
  function publishFindings(uri: string, findings: readonly Finding[], settings: DocumentSettings, version?: number): void {
    const diagnostics = findings.map((finding) => toDiagnostic(uri, finding, settings.docsBaseUrl));
    void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }

  async function runWorkspaceScan(token: CancellationToken, attached: WorkDoneProgressReporter, wantsAttached: boolean): Promise<ScanSummary> {
    const progress = wantsAttached || !clientShowsProgress ? attached : await connection.window.createWorkDoneProgress().catch(() => attached);
    progress.begin('Workload Guard: scanning the workspace', 0, undefined, true);
    for (const uri of scannedFiles) if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    scannedFiles.clear();
    try {
      const summary = await scanWorkspace(
        {
          folders: folderPaths(workspaceFolders),
          isOpen: (uri) => documents.get(uri) !== undefined,
          diagnose: async (uri, text) => {
            const { result, settings } = await analyzeText(uri, text);
            return { count: result.findings.length, publish: () => publishFindings(uri, result.findings, settings) };
          },
        },
        {
          isCancelled: () => token.isCancellationRequested || ('token' in progress && (progress as WorkDoneProgressServerReporter).token.isCancellationRequested),
          report: (done, total) => progress.report(total ? Math.floor((done * 100) / total) : 100, `${done} of ${total} files`),
        },
      );
      for (const uri of summary.published) scannedFiles.add(uri);
      return summary;
    } finally {
      progress.done();
    }
  }

  function schedule(uri: string): void {
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.set(uri, setTimeout(() => validate(uri).catch((error: unknown) => connection.console.error(`workload-guard: ${String(error)}`)), DEBOUNCE_MS));
  }

  async function validate(uri: string): Promise<void> {
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    const entry = await analysisFor(document);
    // A newer edit arrived while we were computing (its own run will publish), or the document closed.
    if (!entry || documents.get(uri)?.version !== entry.version || timers.has(uri)) return;
    // Never publish an older version after a newer one.
    if (entry.version < (publishedVersions.get(uri) ?? Number.NEGATIVE_INFINITY)) return;
    publishedVersions.set(uri, entry.version);
    publishFindings(uri, entry.result.findings, entry.settings, entry.version);
  }

  function revalidateAll(): void {
    generation++;
    editorSettingsCache.clear();
    for (const document of documents.all()) schedule(document.uri);
  }

  function textChanged(document: TextDocument): void {
    if (indexText(document.uri, document.getText(), true)) falcoChanged(document.uri);
    schedule(document.uri);
  }

  documents.onDidOpen((event) => {
    // onDidChangeContent fires right after for the same version: this handler does the work once.
    scheduledVersions.set(event.document.uri, event.document.version);
    cache.delete(event.document.uri);
    textChanged(event.document);
  });
  documents.onDidChangeContent((event) => {
    // A change the version guard ignored leaves the document as it was: nothing to do.
    if (scheduledVersions.get(event.document.uri) === event.document.version) return;
    scheduledVersions.set(event.document.uri, event.document.version);
    textChanged(event.document);
  });
  documents.onDidClose((event) => {
    const pending = timers.get(event.document.uri);
    if (pending) clearTimeout(pending);
    timers.delete(event.document.uri);
    // Free everything held for the document: its analysis, the per-document parses, line offsets.
    cache.delete(event.document.uri);
    analyzers.get(event.document.uri)?.clear();
    analyzers.delete(event.document.uri);
    scheduledVersions.delete(event.document.uri);
    publishedVersions.delete(event.document.uri);
    lineIndexes.delete(event.document.uri);
    editorSettingsCache.delete(event.document.uri);
    if (scannedFiles.has(event.document.uri)) void publishFromDisk(event.document.uri);
    else void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    const settings = (change.settings as { workloadGuard?: EditorSettings } | undefined)?.workloadGuard;
    if (settings) pushedSettings = settings;
    revalidateAll();
  });
  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      const filePath = filePathOf(change.uri);
      if (filePath && /\.ya?ml$/i.test(filePath) && !documents.get(change.uri)) {
        const text = change.type === FileChangeType.Deleted ? undefined : await readIndexable(filePath);
        if (text === undefined) unindex(change.uri);
        else indexText(change.uri, text);
        continue;
      }
      if (!filePath || !filePath.endsWith('.json')) continue;
      if (change.type === FileChangeType.Deleted) profiles.remove(filePath);
      else await profiles.update(filePath);
    }
    revalidateAll();
  });

  connection.onDefinition((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    if (falco.has(document.uri)) return falcoDefinitionsOf(document, params.position);
    const runtimeClass = runtimeClassNameAt(document, params.position);
    if (runtimeClass) return runtimeClasses.find(runtimeClass.name).map((entry) => ({ uri: entry.uri, range: entry.range }));
    const line = document.getText({ start: { line: params.position.line, character: 0 }, end: { line: params.position.line + 1, character: 0 } });
    const match = /(localhostProfile\s*:\s*)(["']?)([^"'\s,}#]+)/.exec(line);
    if (!match) return [];
    const start = match.index + match[1].length + match[2].length;
    if (params.position.character < start || params.position.character > start + match[3].length) return [];
    return matchLocalhostProfile(match[3], profiles.relativePaths() ?? []).flatMap((relative) => {
      const uri = profiles.uriOf(relative);
      return uri ? [{ uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
    });
  });

  /** The value of `runtimeClassName:` under the cursor. */
  function runtimeClassNameAt(document: TextDocument, position: Position): { name: string } | undefined {
    const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
    const match = /(runtimeClassName\s*:\s*)(["']?)([a-z0-9][-a-z0-9.]*)/.exec(line);
    if (!match) return undefined;
    const start = match.index + match[1].length + match[2].length;
    return position.character >= start && position.character <= start + match[3].length ? { name: match[3] } : undefined;
  }

  /** Every Localhost seccomp/AppArmor profile the workspace's workloads need, for node set-up. */
  async function workspaceNodeProfiles(): Promise<string> {
    const needs: (NodeProfileNeed & { location: string })[] = [];
    const collect = (uri: string, text: string): void => {
      if (!/localhost/i.test(text)) return;
      const lines = new LineIndex(text);
      for (const need of nodeProfileNeeds(parseYamlFile(text))) needs.push({ ...need, location: `${uri.slice(uri.lastIndexOf('/') + 1)}:${lines.range(need.span).start.line + 1}` });
    };
    const seen = new Set<string>();
    for (const document of documents.all()) {
      seen.add(document.uri);
      collect(document.uri, document.getText());
    }
    await walkFiles(folderPaths(workspaceFolders), (name) => /\.ya?ml$/i.test(name), async (full) => {
      const uri = pathToFileURL(full).toString();
      if (seen.has(uri)) return;
      collect(uri, await readFile(full, 'utf8').catch(() => ''));
    });
    return nodeProfilesMarkdown(needs);
  }

  function falcoNameUnder(document: TextDocument, position: Position): string | undefined {
    return falcoNameAt(document.getText(), document.offsetAt(position));
  }

  function falcoDefinitionsOf(document: TextDocument, position: Position): Location[] {
    const name = falcoNameUnder(document, position);
    if (!name) return [];
    const found = falcoTexts().flatMap(([uri, text]) =>
      falcoSymbols(text)
        .filter((symbol) => symbol.name === name && symbol.kind !== 'other')
        .map((symbol) => ({ uri, text, symbol })),
    );
    const definitions = found.filter((entry) => !entry.symbol.isOverride);
    return (definitions.length ? definitions : found).map(({ uri, text, symbol }) => ({ uri, range: rangeIn(text, symbol.nameSpan) }));
  }

  function falcoReferences(name: string, includeDeclaration: boolean): Location[] {
    return falcoTexts().flatMap(([uri, text]) =>
      falcoOccurrences(text, name)
        .filter((occurrence) => includeDeclaration || !occurrence.isDefinition)
        .map((occurrence) => ({ uri, range: rangeIn(text, occurrence.span) })),
    );
  }

  connection.onReferences((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !falco.has(document.uri)) return [];
    const name = falcoNameUnder(document, params.position);
    return name ? falcoReferences(name, params.context.includeDeclaration) : [];
  });

  connection.onPrepareRename((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !falco.has(document.uri)) return null;
    const name = falcoNameUnder(document, params.position);
    if (!name || falcoDefinitionsOf(document, params.position).length === 0) return null;
    const occurrence = falcoOccurrences(document.getText(), name).find((candidate) => {
      const offset = document.offsetAt(params.position);
      return candidate.span.start <= offset && offset <= candidate.span.end;
    });
    return occurrence ? { range: rangeIn(document.getText(), occurrence.span), placeholder: name } : null;
  });

  connection.onRenameRequest((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !falco.has(document.uri)) return null;
    const name = falcoNameUnder(document, params.position);
    if (!name) return null;
    if (!/^[^()"'\s=,]+$/.test(params.newName)) throw new Error(`"${params.newName}" cannot be a Falco macro or list name (no blanks, quotes, parentheses, commas or '=').`);
    const changes: Record<string, { range: Range; newText: string }[]> = {};
    for (const location of falcoReferences(name, true)) (changes[location.uri] ??= []).push({ range: location.range, newText: params.newName });
    return { changes };
  });

  connection.onDocumentSymbol((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !falco.has(document.uri)) return [];
    const text = document.getText();
    return falcoSymbols(text).map((symbol) => ({
      name: symbol.name,
      detail: symbol.isOverride ? `${symbol.kind} (override)` : symbol.kind,
      kind: symbol.kind === 'rule' ? SymbolKind.Event : symbol.kind === 'macro' ? SymbolKind.Function : symbol.kind === 'list' ? SymbolKind.Array : SymbolKind.Object,
      range: rangeIn(text, symbol.span),
      selectionRange: rangeIn(text, symbol.nameSpan),
    }));
  });

  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const entry = await analysisFor(document, token);
    if (!entry) return cancelledOr([], token);
    const only = params.context.only;
    const wants = (kind: string): boolean => (only ? only.some((requested) => kind === requested || kind.startsWith(`${requested}.`)) : kind === CodeActionKind.QuickFix);
    const actions: ActionData[] = [];
    // Source actions re-run the analysis in rounds: compute them only when asked for (menu, on save), not per cursor move.
    if (wants(CodeActionKind.QuickFix)) {
      const refs = params.context.diagnostics
        .filter((diagnostic) => diagnostic.source === 'workload-guard' && typeof diagnostic.code === 'string')
        .map((diagnostic) => ({ ruleId: diagnostic.code as string, range: diagnostic.range }));
      actions.push(...quickFixesOf(entry.result, refs));
    }
    const text = document.getText();
    if (wants(FIX_ALL_KIND)) {
      const action = fixAllAction(document.uri, text, entry.settings.settings);
      if (action) actions.push(action);
    }
    if (wants(HARDEN_KIND)) {
      const range = workloadRangeOf(entry.result, params.range);
      const action = range ? hardenAction(document.uri, text, entry.settings.settings, range) : undefined;
      if (action) actions.push(action);
    }
    return actions.map((action) => toCodeAction(document.uri, document.version, action, params.context.diagnostics));
  });

  /** Over maxFileSize (as last resolved for it): completion and hover stay off, as the analysis does. */
  function tooLarge(document: TextDocument): boolean {
    const limit = (cache.get(document.uri)?.settings.settings ?? DEFAULT_SETTINGS).maxFileSize;
    return limit > 0 && sizeOverLimit(document.getText(), limit) !== undefined;
  }

  connection.onCompletion((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || tooLarge(document)) return [];
    const offset = document.offsetAt(params.position);
    const text = document.getText();
    const entries = isSeccompDocument(text)
      ? completeSeccomp(text, offset)
      : falco.has(document.uri)
        ? completeFalco(text, offset, falco.names())
        : (localhostProfileCompletions(text, offset) ?? complete(text, offset, linesOf(document)));
    return entries.map((entry): CompletionItem => {
      const range: Range = { start: document.positionAt(entry.replaceStart), end: params.position };
      const item: CompletionItem = {
        label: entry.label,
        kind: entry.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
        textEdit: { range, newText: entry.insertText },
        preselect: entry.preselect,
      };
      if (entry.detail) item.detail = entry.detail;
      if (entry.documentation) item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
      if (entry.insertText.includes('\n')) item.insertTextMode = InsertTextMode.adjustIndentation;
      return item;
    });
  });

  connection.onHover(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || tooLarge(document)) return null;
    if (falco.has(document.uri)) {
      const name = falcoNameUnder(document, params.position);
      if (!name) return null;
      const field = falcoFieldMarkdown(name);
      if (field) return { contents: { kind: MarkupKind.Markdown, value: field } };
      const texts = falcoTexts();
      const macros = falcoMacroTexts(texts.map(([, text]) => text));
      for (const [uri, text] of texts) {
        const markdown = falcoDefinitionMarkdown(text, name, `defined in ${uri.slice(uri.lastIndexOf('/') + 1)}`, macros);
        if (markdown) return { contents: { kind: MarkupKind.Markdown, value: markdown } };
      }
      return null;
    }
    if (isSeccompDocument(document.getText())) {
      const info = hoverSeccomp(document.getText(), document.offsetAt(params.position));
      return info ? { contents: { kind: MarkupKind.Markdown, value: info.markdown } } : null;
    }
    const runtimeClass = runtimeClassNameAt(document, params.position);
    if (runtimeClass) {
      const found = runtimeClasses.find(runtimeClass.name);
      const handler = found[0]?.handler;
      const value = found.length
        ? `**RuntimeClass ${runtimeClass.name}** — handler \`${handler ?? '?'}\`${handler && KNOWN_HANDLERS[handler] ? `: ${KNOWN_HANDLERS[handler]}` : ''}`
        : `**RuntimeClass ${runtimeClass.name}** — not found in this workspace.`;
      return { contents: { kind: MarkupKind.Markdown, value } };
    }
    const handlerLine = document.getText({ start: { line: params.position.line, character: 0 }, end: { line: params.position.line + 1, character: 0 } });
    const handlerMatch = /^handler:\s*["']?([a-z0-9-]+)/.exec(handlerLine);
    if (handlerMatch && KNOWN_HANDLERS[handlerMatch[1]]) return { contents: { kind: MarkupKind.Markdown, value: `**${handlerMatch[1]}** — ${KNOWN_HANDLERS[handlerMatch[1]]}` } };
    const entry = await analysisFor(document, token);
    if (!entry) return cancelledOr(null, token);
    const info = hoverOf(entry.result, params.position);
    return info ? { contents: { kind: MarkupKind.Markdown, value: info.markdown } } : null;
  });

  connection.onCodeLens(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const entry = await analysisFor(document, token);
    if (!entry) return cancelledOr([], token);
    if (!entry.settings.codeLens) return [];
    return lensesOf(entry.result).map((lens): CodeLens => ({
      range: lens.range,
      command: lens.harden
        ? { title: lens.title, command: 'workloadGuard.hardenWorkload', arguments: [document.uri, lens.harden.workloadRange] }
        : { title: lens.title, command: '' },
    }));
  });

  connection.onExecuteCommand(async (params, token, workDone) => {
    if (params.command === COMMANDS.scanWorkspace) return runWorkspaceScan(token, workDone, params.workDoneToken !== undefined);
    const [uri, where] = (params.arguments ?? []) as [unknown, unknown];
    if (params.command === COMMANDS.generateSeccompProfile) return generateSeccompProfile(uri, where);
    if (params.command === COMMANDS.nodeProfiles) return { markdown: await workspaceNodeProfiles() };
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document) return { applied: false };
    const entry = await analysisFor(document, token);
    if (!entry) return cancelledOr({ applied: false }, token);
    const text = document.getText();
    let action: ActionData | undefined;
    if (params.command === COMMANDS.applyFixAll) action = fixAllAction(document.uri, text, entry.settings.settings);
    else if (params.command === COMMANDS.hardenWorkload) {
      const range = workloadRangeOf(entry.result, toRange(where));
      action = range ? hardenAction(document.uri, text, entry.settings.settings, range) : undefined;
    }
    if (!action) return { applied: false };
    const response = await connection.workspace.applyEdit({
      label: action.title,
      edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: action.edits }] },
    });
    return { applied: response.applied };
  });

  connection.onRequest(STATS_REQUEST, () => {
    const cpu = process.cpuUsage();
    return {
      openDocuments: documents.all().length,
      cachedAnalyses: cache.size,
      analyzers: analyzers.size,
      cachedDocumentParts: [...analyzers.values()].reduce((sum, analyzer) => sum + analyzer.cachedDocuments, 0),
      lineIndexes: lineIndexes.size,
      cpuMicros: cpu.user + cpu.system,
      rssBytes: process.memoryUsage.rss(),
    };
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
}

/** Reads a strace output or audit log the user picked and returns the allow-list profile built from it. */
async function generateSeccompProfile(uri: unknown, kind: unknown): Promise<{ text?: string; problems: string[] }> {
  const filePath = typeof uri === 'string' ? filePathOf(uri) : undefined;
  if (!filePath) return { problems: ['Pick a local file.'] };
  let input: string;
  try {
    input = await readFile(filePath, 'utf8');
  } catch (error) {
    return { problems: [`Cannot read ${filePath}: ${String(error)}`] };
  }
  const result = kind === 'audit' ? profileFromAudit(input) : profileFromStrace(input);
  const problems = result.problems.map((problem) => (problem.line ? `line ${problem.line}: ${problem.message}` : problem.message));
  return result.syscallCount > 0 ? { text: result.text, problems } : { problems: [...problems, 'No system calls found.'] };
}

/** A request whose token was cancelled answers RequestCancelled; otherwise (document closed) the empty answer. */
function cancelledOr<T>(empty: T, token: CancellationToken): T {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  return empty;
}

function rangeIn(text: string, span: { start: number; end: number }): Range {
  return new LineIndex(text).range(span);
}

function isSeccompDocument(text: string): boolean {
  return text.trimStart().startsWith('{') && looksLikeSeccompJson(text);
}

/** Accepts a Range or a Position (as a one-point range). */
function toRange(value: unknown): Range | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const candidate = value as Partial<Range> & { line?: unknown; character?: unknown };
  if (candidate.start && candidate.end) return { start: candidate.start, end: candidate.end };
  if (typeof candidate.line === 'number' && typeof candidate.character === 'number') {
    const position = { line: candidate.line, character: candidate.character };
    return { start: position, end: position };
  }
  return undefined;
}

function toCodeAction(uri: string, version: number, action: ActionData, diagnostics: CodeAction['diagnostics']): CodeAction {
  const codeAction: CodeAction = {
    title: action.title,
    kind: action.kind,
    edit: { documentChanges: [{ textDocument: { uri, version }, edits: action.edits }] },
  };
  if (action.isPreferred) codeAction.isPreferred = true;
  if (action.diagnostic && diagnostics) {
    const ref = action.diagnostic;
    codeAction.diagnostics = diagnostics.filter((diagnostic) => diagnostic.code === ref.ruleId && JSON.stringify(diagnostic.range) === JSON.stringify(ref.range));
  }
  return codeAction;
}

/** Starts a server on the transport named in argv: createConnection reads --stdio / --node-ipc / --socket=<port>. */
export function main(): void {
  startServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));
}

/**
 * What createConnection does for --stdio, but with the caching writer (messageEncoder.ts) for what goes out. Stdin
 * stays a stream, so the library still exits when the client goes away. The library guards stdout against stray
 * console output only for its own --stdio transport: here every console method writes to stderr instead.
 */
function stdioConnection(): Connection {
  Object.assign(console, new Console({ stdout: process.stderr, stderr: process.stderr }));
  // The library takes a stream or a reader/writer on either side (vscode-jsonrpc wraps streams) and exits when a stdin
  // stream ends; its typings only list same-kind pairs.
  const streamAndWriter = createConnection as (factories: typeof ProposedFeatures.all, input: NodeJS.ReadableStream, output: MessageWriter) => Connection;
  return streamAndWriter(ProposedFeatures.all, process.stdin, new ChunkedStreamMessageWriter(process.stdout));
}

// The VS Code client runs dist/server.js directly; bin/workload-guard-ls.js requires it and calls main().
if (require.main === module) main();
