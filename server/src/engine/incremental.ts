import { analyze, embeddedSeccompProfiles, metaFinding, seccompFinding, TEMPLATE_MESSAGE, toFinding, type AnalysisResult, type AnalyzeInput } from './analyze';
import { hasKubernetesObject, isConfigFile } from './classify';
import { DEFAULT_SETTINGS, type ResolvedSettings } from './config';
import { Lexer, Parser } from 'yaml';
import { maskTemplates } from './documents/helm';
import { getNode, nodeSpan, parseYamlFile, scalarString, type YamlFile } from './documents/yaml';
import { textStyle, useStyle, type Style } from './fixes';
import { analyzeKubernetes, workloadOutline, type KubernetesAnalysis, type RawFinding, type WorkloadOutline } from './kubernetes/analyzer';
import type { KubernetesObject } from './kubernetes/model';
import { KUBERNETES_RULES } from './kubernetes/rules';
import type { KubernetesRule, WorkspaceFacts } from './rule';
import { templateNotRendered, yamlSyntaxError } from './rules';
import { nextContentLine, suppressionDirectives, SuppressionTable, type SuppressionDirective } from './suppression';
import type { FileKind, Finding, Range, Span } from './types';
import { partitionPoint, sizeOverLimit, type LineIndex } from './text';

/**
 * Incremental analysis of multi-document YAML files: each document (split on `---` / `...` lines the way the yaml
 * package's lexer ends documents) is parsed and analyzed on its own and cached by its text; an edit re-analyzes only
 * the documents it touched and reuses the others' findings with their lines shifted. What depends on the whole file
 * (inline suppressions, the first template, NetworkPolicies and RuntimeClasses of the same file, the edit style) is
 * recombined per call; whatever cannot be split safely goes through `analyze()`. The findings always equal
 * `analyze()` of the same text, in the same order.
 */

/** Rules that look at other documents of the file: they run per document with the file's facts merged in. */
const FILE_SCOPED_RULE_IDS = new Set(['network-policy-missing', 'runtimeclass-not-found']);
const LOCAL_RULES = KUBERNETES_RULES.filter((rule) => !FILE_SCOPED_RULE_IDS.has(rule.meta.id));
const SCOPED_RULES = KUBERNETES_RULES.filter((rule) => FILE_SCOPED_RULE_IDS.has(rule.meta.id));
const RULE_INDEX = new Map<KubernetesRule, number>(KUBERNETES_RULES.map((rule, index) => [rule, index]));
const INTERNAL_RULE_ERROR = 'Internal error in rule ';
/** Parses kept for features: hover, completion and quick fixes come back to the documents around the cursor. */
const RECENT_PARSES = 8;

/** A document's place in the file: [start, end) offsets and the line it starts on. */
export interface DocumentSlice {
  start: number;
  end: number;
  line: number;
}

/**
 * Cuts a YAML stream where its documents start (`---` at column 0) and end (after a `...` line that holds at most a
 * comment). The yaml lexer
 * ends any scalar or flow collection at such a line, so each piece parses alone exactly as inside the stream.
 * Undefined when a line starts with `%`: directives carry over to the next document.
 */
export function splitDocuments(text: string): DocumentSlice[] | undefined {
  const slices: DocumentSlice[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  for (let position = 0; position < text.length; line++) {
    const newline = text.indexOf('\n', position);
    const next = newline < 0 ? text.length : newline + 1;
    const first = text.charCodeAt(position === 0 && text.charCodeAt(0) === 0xfeff ? 1 : position);
    if (first === 37 /* % */) return undefined;
    // `...` ends a piece only when nothing but a comment follows it: other text there starts the next document.
    if (isDocumentMarker(text, position) && (first === 45 /* - */ || /^\.\.\.[ \t]*(#.*)?\r?$/.test(text.slice(position, newline < 0 ? text.length : newline)))) {
      if (first === 45 /* - */) {
        if (position > start) slices.push({ start, end: position, line: startLine });
        start = position;
        startLine = line;
      } else {
        slices.push({ start, end: next, line: startLine });
        start = next;
        startLine = line + 1;
      }
    }
    position = next;
  }
  if (start < text.length || slices.length === 0) slices.push({ start, end: text.length, line: startLine });
  return slices;
}

function isDocumentMarker(text: string, at: number): boolean {
  if (!text.startsWith('---', at) && !text.startsWith('...', at)) return false;
  const after = text.charCodeAt(at + 3);
  // The lexer's isEmpty(): end of text, space, tab, CR, LF.
  return Number.isNaN(after) || after === 32 || after === 9 || after === 13 || after === 10;
}

interface RuleFinding {
  rule: number;
  finding: Finding;
}

/**
 * A finding of a file-scoped rule, found with no NetworkPolicy namespaces and no RuntimeClasses known: whether the file
 * reports it depends only on the fact it names (the rules skip a workload whose namespace or class is known), so it
 * is decided per version in assemble() and the document is never analyzed again for it.
 */
interface ScopedFinding extends RuleFinding {
  /** The namespace without a NetworkPolicy, or the RuntimeClass name not found. */
  fact: { kind: 'namespace' | 'runtimeClass'; name: string };
  /** False when severities or annotations dropped it (network-policy-missing: it still claims its namespace). */
  kept: boolean;
}

/** What a document is analyzed with: kept with it, so that parsing it again for a feature analyzes it the same way. */
interface AnalysisContext {
  settings: ResolvedSettings;
  workspace: WorkspaceFacts;
  style: Style;
}

/** A document's parse and analysis: not kept with its findings, made again when a feature asks for it. */
interface DocumentParse {
  file: YamlFile;
  analysis: KubernetesAnalysis;
}

/** What one document yields, in its own coordinates (line 0 = its first line). */
interface DocumentEntry {
  text: string;
  lines: LineIndex;
  context: AnalysisContext;
  /** Present while a feature uses it lately (see IncrementalAnalyzer.parseOf); analysis does not keep it. */
  parse?: DocumentParse;
  outline: WorkloadOutline[];
  /** False when this document needs the whole file (parser or rule crash). */
  usable: boolean;
  /** An unclosed quote or flow collection: inside the file it may swallow later documents. */
  runsToEnd: boolean;
  /** A parser error or `...` before its first document: inside the file it belongs to the document before. */
  needsPrevious: boolean;
  kubernetesObject: boolean;
  errors: Finding[];
  /** Syntax errors whose span runs past this piece's end (the parser points one past the last character). */
  overhanging: { index: number; start: number; end: number }[];
  template?: Finding;
  local: RuleFinding[];
  seccomp: Finding[];
  policyNamespaces: string[];
  runtimeClassNames: string[];
  directives: { directive: SuppressionDirective; target?: number }[];
  firstContentLine?: number;
  scoped: ScopedFinding[];
  /**
   * The file line the findings above (errors, template, local, seccomp, scoped) are placed at: 0 when analyzed, the
   * document's line once placed in a file. Kept in one placement only: a second copy of a big file's findings per
   * document cost memory and garbage collection for nothing.
   */
  placedAt: number;
}

/** One independently analyzed part of a file, with where it starts: features map positions through it. */
export interface AnalysisPart {
  offset: number;
  line: number;
  result: AnalysisResult;
  /** The part's workloads for CodeLenses, readable without parsing the part again. */
  outline: WorkloadOutline[];
}

export interface IncrementalResult {
  uri: string;
  kind: FileKind;
  /** Identical to `analyze()` of the same text and inputs. */
  findings: Finding[];
  /** 'documents': analyzed per document; 'file': the whole file went through `analyze()`. */
  mode: 'documents' | 'file';
  /** Documents analyzed anew by this call (the others were reused). */
  analyzed: number;
  documents: number;
  /** The part holding an offset (the whole file in 'file' mode). */
  partAt(offset: number): AnalysisPart;
  /** The part holding a line. */
  partAtLine(line: number): AnalysisPart;
  parts(): AnalysisPart[];
}

export interface IncrementalOptions {
  /** Asked between documents: true stops the call (it returns undefined); the documents done so far stay cached. */
  shouldYield?: () => boolean;
}

/** Per-file cache of document analyses; one instance per open file. */
export class IncrementalAnalyzer {
  private entries = new Map<string, DocumentEntry>();
  private key = '';
  private split?: { text: string; markers: DocumentSlice[] | undefined; style: Style };
  /** Entries whose parse a feature asked for lately (hover, completion, quick fixes), most recent last. */
  private recent: DocumentEntry[] = [];
  /** The entries of the last completed pass, in file order. */
  private lastPass: DocumentEntry[] = [];
  /** Where a pass that yielded stopped: the next call on the same text and settings goes on from there. */
  private paused?: { text: string; index: number; pass: Pass };

  /** Documents held in the cache (a test and memory observable). */
  get cachedDocuments(): number {
    // A paused pass holds what it analyzed so far in its own map until it finishes or is given up.
    const held = new Set(this.entries.keys());
    for (const text of this.paused?.pass.current.keys() ?? []) held.add(text);
    return held.size;
  }

  /** Documents whose parse tree is held (a test and memory observable): at most the few features used lately. */
  get heldParses(): number {
    return [...this.entries.values()].filter((entry) => entry.parse).length;
  }

  clear(): void {
    this.entries = new Map();
    this.key = '';
    this.split = undefined;
    this.recent = [];
    this.paused = undefined;
    this.lastPass = [];
  }

  /**
   * A document's parse tree and analysis, made again from its text. Only the last few documents features asked about
   * keep theirs: a 50k-line file's trees are ~30 MB, which the garbage collector copied into the old generation and
   * marked again and again when every document's tree lived as long as its findings.
   */
  private parseOf(entry: DocumentEntry): DocumentParse {
    if (!entry.parse) {
      const { settings, workspace, style } = entry.context;
      const file = parseYamlFile(entry.text);
      useStyle(file, style);
      entry.parse = { file, analysis: analyzeKubernetes(file, settings, LOCAL_RULES, workspace) };
    }
    this.recent = [...this.recent.filter((known) => known !== entry), entry];
    if (this.recent.length > RECENT_PARSES) (this.recent.shift() as DocumentEntry).parse = undefined;
    return entry.parse;
  }

  analyze(input: AnalyzeInput, options: IncrementalOptions & { shouldYield: () => boolean }): IncrementalResult | undefined;
  analyze(input: AnalyzeInput, options?: IncrementalOptions): IncrementalResult;
  analyze(input: AnalyzeInput, options: IncrementalOptions = {}): IncrementalResult | undefined {
    const settings = input.settings ?? DEFAULT_SETTINGS;
    const workspace = input.workspace ?? {};
    const { text } = input;
    // A file over maxFileSize gets analyze()'s single file-too-large finding, never a split.
    if (settings.maxFileSize > 0 && sizeOverLimit(text, settings.maxFileSize) !== undefined) return this.whole(input);
    // A call resumed after yielding sees the same text again: split it and read its style once.
    if (this.split?.text !== text) this.split = { text, markers: splitDocuments(text), style: textStyle(text) };
    const { markers, style } = this.split;
    // One document has nothing to reuse between versions, and a Falco file analyzed per document would be analyzed twice.
    if (!markers || markers.length < 2 || isConfigFile(input.uri) || text.replace(/^\uFEFF/, '').trimStart().startsWith('{') || !settings.enable.kubernetes) return this.whole(input);
    const key = JSON.stringify([settings, { ...workspace, falco: undefined, runtimeClasses: undefined, networkPolicyNamespaces: undefined }, style]);
    if (key !== this.key) {
      this.clear();
      this.split = { text, markers, style };
      this.key = key;
    }
    // A pass that yielded goes on where it stopped when it sees the same text again: starting over would look every
    // finished document up again (hashing the whole text) on each of the ~50 slices of a big file's first analysis.
    const resumed = this.paused?.text === text ? this.paused : undefined;
    // A pass given up (the text changed meanwhile) leaves what it analyzed to the cache for the new one.
    if (this.paused && !resumed) this.keep(this.paused.pass);
    this.paused = undefined;
    const context: AnalysisContext = { settings, workspace, style };
    const pass = resumed?.pass ?? new Pass(text, markers, this.entries, this.lastPass, (piece) => analyzeDocument(detach(piece), context));
    const stopped = pass.run(resumed?.index ?? 0, options.shouldYield);
    const { current, slices, entries, analyzed } = pass;
    if (stopped) {
      if (stopped.resumable) this.paused = { text, index: stopped.index, pass };
      else this.keep(pass);
      return undefined;
    }
    this.entries = current;
    this.lastPass = entries;
    const assembled = entries.every((entry) => entry.usable) && entries.some((entry) => entry.kubernetesObject) ? assemble(input.uri, text, slices, entries, workspace, (entry) => this.parseOf(entry)) : undefined;
    return assembled ? { ...assembled, analyzed, documents: slices.length } : this.whole(input);
  }

  /** Adds what an unfinished pass analyzed to the cache, where the next pass looks documents up. */
  private keep(pass: Pass): void {
    for (const [done, value] of pass.current) this.entries.set(done, value);
  }

  private whole(input: AnalyzeInput): IncrementalResult {
    this.clear();
    const result = analyze(input);
    const part: AnalysisPart = { offset: 0, line: 0, result, outline: workloadOutline(result.kubernetes) };
    return { uri: input.uri, kind: result.kind, findings: result.findings, mode: 'file', analyzed: 1, documents: 1, partAt: () => part, partAtLine: () => part, parts: () => [part] };
  }
}

/**
 * One pass over a file's documents in order: each piece's entry, found in the cache or analyzed now. Its own small
 * methods, not closures in IncrementalAnalyzer.analyze: V8 recompiled that long function (25 ms of background CPU)
 * when an edit changed the type feedback.
 */
class Pass {
  readonly current = new Map<string, DocumentEntry>();
  readonly slices: DocumentSlice[] = [];
  readonly entries: DocumentEntry[] = [];
  /** Documents analyzed anew by the latest run() (the others were reused). */
  analyzed = 0;
  /** Most documents sit where they sat in the last pass, give or take the documents an edit added or removed. */
  private drift = 0;
  /** Where the next `{{` is, found once per pass rather than once per document. */
  private nextAction = -1;
  private shouldYield: (() => boolean) | undefined;

  constructor(
    private readonly text: string,
    private readonly markers: readonly DocumentSlice[],
    private readonly cached: ReadonlyMap<string, DocumentEntry>,
    private readonly last: readonly DocumentEntry[],
    private readonly analyzePiece: (piece: string) => DocumentEntry,
  ) {}

  /** Goes through the pieces from marker `from`; when it yields, where it stopped and whether it can go on from there. */
  run(from: number, shouldYield: (() => boolean) | undefined): { index: number; resumable: boolean } | undefined {
    this.analyzed = 0;
    this.shouldYield = shouldYield;
    this.nextAction = -1;
    const { markers, text } = this;
    for (let index = from; index < markers.length; index++) {
      const started = { index, pieces: this.slices.length };
      let slice = markers[index];
      // A template action left open runs on into the next documents (the mask spans them): analyze them together.
      while (index + 1 < markers.length && this.mayHaveOpenTemplate(slice)) slice = { start: slice.start, end: markers[++index].end, line: slice.line };
      let entry = this.obtain(text.slice(slice.start, slice.end));
      while (entry) {
        if (entry.runsToEnd && slice.end < text.length) {
          // An unclosed quote may run to the end of the file in the stream: the rest of the file is one piece then.
          slice = { start: slice.start, end: text.length, line: slice.line };
          index = markers.length - 1;
        } else if (entry.needsPrevious && this.slices.length > 0) {
          // The composer gives parser errors (and a stray `...`) to the document before: analyze them together.
          const previous = this.slices.pop() as DocumentSlice;
          this.entries.pop();
          slice = { start: previous.start, end: slice.end, line: previous.line };
        } else break;
        entry = this.obtain(text.slice(slice.start, slice.end));
      }
      // Resumable at this document unless it had already merged pieces before it (then the next call starts over).
      if (!entry) return { index: started.index, resumable: this.slices.length === started.pieces };
      this.current.set(entry.text, entry);
      this.slices.push(slice);
      this.entries.push(entry);
    }
    return undefined;
  }

  /** The entry of a piece; undefined when the pass should yield before analyzing it. */
  private obtain(piece: string): DocumentEntry | undefined {
    // A string comparison with the entry at the same place last time is much cheaper than hashing the piece.
    const at = this.entries.length;
    const guess = this.last[at + this.drift];
    if (guess !== undefined && guess.text.length === piece.length && guess.text === piece) return guess;
    const known = this.current.get(piece) ?? this.cached.get(piece);
    if (known) {
      const was = this.last.indexOf(known, Math.max(0, at + this.drift - 64));
      if (was >= 0) this.drift = was - at;
      return known;
    }
    if (this.analyzed > 0 && this.shouldYield?.()) return undefined;
    this.analyzed++;
    const entry = this.analyzePiece(piece);
    this.current.set(entry.text, entry);
    return entry;
  }

  private mayHaveOpenTemplate(slice: DocumentSlice): boolean {
    if (this.nextAction < slice.start && this.nextAction !== Number.POSITIVE_INFINITY) {
      const found = this.text.indexOf('{{', slice.start);
      this.nextAction = found < 0 ? Number.POSITIVE_INFINITY : found;
    }
    return this.nextAction < slice.end && hasOpenTemplate(this.text, slice);
  }
}

/** A copy that does not keep the whole file's text alive through a sliced string. */
function detach(text: string): string {
  return text.length < 16 ? text : (' ' + text).slice(1);
}

function analyzeDocument(text: string, context: AnalysisContext): DocumentEntry {
  const { settings, workspace, style } = context;
  const file = parseYamlFile(text);
  useStyle(file, style);
  const lines = file.lines;
  // Every field set here, even those filled later: entries of one shape keep V8's optimized code for assemble() and
  // the lookups valid (optional fields added later gave entries several shapes and deoptimized them on edits).
  const entry: DocumentEntry = {
    text,
    lines,
    context,
    parse: undefined,
    outline: [],
    usable: !file.errors.some((error) => error.code === 'PARSER'),
    runsToEnd: endsInsideQuoteOrFlow(text, file),
    needsPrevious: false,
    kubernetesObject: hasKubernetesObject(file),
    errors: [],
    overhanging: [],
    local: [],
    seccomp: [],
    policyNamespaces: [],
    runtimeClassNames: [],
    directives: [],
    template: undefined,
    firstContentLine: undefined,
    scoped: [],
    placedAt: 0,
  };
  entry.needsPrevious = entry.usable && hasLeadingStreamError(text, file);
  if (!entry.usable) return entry;
  try {
    for (const error of file.errors) {
      const finding = metaFinding(yamlSyntaxError, settings, lines, error.span, error.message);
      if (!finding) continue;
      if (error.span.end > text.length) entry.overhanging.push({ index: entry.errors.length, start: error.span.start, end: error.span.end });
      entry.errors.push(finding);
    }
    if (file.templateSpans.length > 0) entry.template = metaFinding(templateNotRendered, settings, lines, file.templateSpans[0], TEMPLATE_MESSAGE);
    const analysis = analyzeKubernetes(file, settings, LOCAL_RULES, workspace);
    entry.outline = workloadOutline(analysis);
    if (analysis.reported.some(isRuleCrash) || !analysis.findings.every((raw) => spansInside(raw, text.length))) entry.usable = false;
    entry.local = analysis.findings.map((raw) => ({ rule: RULE_INDEX.get(raw.rule) ?? -1, finding: toFinding(raw, lines) }));
    if (settings.enable.seccomp) {
      const embedded = embeddedSeccompProfiles(text, analysis, settings);
      if (!embedded.every((raw) => spansInside(raw, text.length))) entry.usable = false;
      entry.seccomp = embedded.map((finding) => seccompFinding(finding, lines));
    }
    entry.policyNamespaces = analysis.objects.filter((object) => object.kind === 'NetworkPolicy').map((object) => object.namespace ?? 'default');
    entry.runtimeClassNames = analysis.objects.filter((object) => object.kind === 'RuntimeClass' && object.name).map((object) => object.name as string);
    entry.directives = suppressionDirectives(lines).map((directive) => ({
      directive,
      target: directive.scope === 'line' ? directive.line : directive.scope === 'next-line' ? nextContentLine(lines, directive.line) : undefined,
    }));
    entry.firstContentLine = nextContentLine(lines, -1);
    const scoped = scopedFindings(file, settings, workspace, analysis);
    if (scoped) entry.scoped = scoped;
    else entry.usable = false;
  } catch {
    // analyze() turns a crash into its one internal-error finding: let it.
    entry.usable = false;
  }
  return entry;
}

/** A `{{` without its `}}` in this slice: the template action runs on across the next document marker. */
function hasOpenTemplate(text: string, slice: DocumentSlice): boolean {
  const piece = text.slice(slice.start, slice.end);
  const spans = maskTemplates(piece).spans;
  return piece.indexOf('{{', spans.length ? spans[spans.length - 1].end : 0) >= 0;
}

/**
 * The composer hands parser error tokens (a stray `}`, a badly indented key …) and document end markers to the
 * document composed last: those before a piece's first document belong to the previous document of the stream, where
 * the piece alone keeps them. Only pieces with syntax errors can hold one.
 */
function hasLeadingStreamError(text: string, file: YamlFile): boolean {
  if (!file.documents.some((document) => document.doc.errors.length > 0)) return false;
  for (const token of new Parser().parse(maskTemplates(text).text)) {
    if (token.type === 'document') return false;
    if (token.type === 'error' || token.type === 'doc-end') return true;
  }
  return false;
}

/**
 * Pieces that end inside a quoted scalar or a flow collection. In the whole stream the lexer ends an unclosed quote at
 * the end of the file when it never closes, and the parser carries an unclosed flow collection on past the next
 * marker: the documents after it are not what they are alone. Only a piece with syntax errors can hold one.
 * Lexed as the parser sees it, with template actions blanked out.
 */
function endsInsideQuoteOrFlow(text: string, file: YamlFile): boolean {
  if (!file.documents.some((document) => document.doc.errors.length > 0)) return false;
  let offset = 0;
  let flowLevel = 0;
  for (const token of new Lexer().lex(maskTemplates(text).text)) {
    // Document start and scalar markers are the lexer's own, not source text; flow end closes every open collection.
    if (token === '\x02' || token === '\x1f') continue;
    if (token === '\x18') {
      flowLevel = 0;
      continue;
    }
    if (token === '[' || token === '{') flowLevel++;
    else if (token === ']' || token === '}') flowLevel = Math.max(0, flowLevel - 1);
    const quote = token[0];
    if ((quote === '"' || quote === "'") && offset + token.length === text.length) return true;
    offset += token.length;
  }
  return flowLevel > 0;
}

/**
 * A span outside the piece (or reversed) would land somewhere else once the piece is placed in the file: such a
 * finding (a fix that computed a wrong offset) is left to the whole-file analysis, which reports it as it is.
 */
function spansInside(raw: { span: Span; fixes: { edits: { span: Span }[] }[]; related?: { span: Span }[] }, length: number): boolean {
  const inside = (span: Span): boolean => span.start >= 0 && span.start <= span.end && span.end <= length;
  return inside(raw.span) && raw.fixes.every((fix) => fix.edits.every((edit) => inside(edit.span))) && (raw.related ?? []).every((item) => inside(item.span));
}

function isRuleCrash(raw: RawFinding): boolean {
  return raw.message.startsWith(INTERNAL_RULE_ERROR) && raw.fixes.length === 0 && raw.related.length === 0;
}

/**
 * The file-scoped rules of one document with nothing known (no NetworkPolicy namespaces, no RuntimeClasses), each
 * finding with the fact it names; undefined when a rule crashed or a finding's fact cannot be told.
 */
function scopedFindings(file: YamlFile, settings: ResolvedSettings, workspace: WorkspaceFacts, local: KubernetesAnalysis): ScopedFinding[] | undefined {
  const analysis = analyzeKubernetes(file, settings, SCOPED_RULES, { ...workspace, networkPolicyNamespaces: [], runtimeClasses: [] }, local);
  if (analysis.reported.some(isRuleCrash)) return undefined;
  const kept = new Set(analysis.findings);
  const scoped: ScopedFinding[] = [];
  for (const raw of analysis.reported) {
    const fact = raw.rule.meta.id === 'network-policy-missing' ? namespaceFact(analysis, raw) : runtimeClassFact(analysis, raw);
    if (!fact) return undefined;
    scoped.push({ rule: RULE_INDEX.get(raw.rule) ?? -1, finding: toFinding(raw, file.lines), kept: kept.has(raw), fact });
  }
  return scoped;
}

function namespaceFact(analysis: KubernetesAnalysis, raw: RawFinding): ScopedFinding['fact'] | undefined {
  const name = innermostObject(analysis.objects, raw.span.start)?.namespace;
  return name === undefined ? undefined : { kind: 'namespace', name };
}

/** runtimeclass-not-found reports on the runtimeClassName value. */
function runtimeClassFact(analysis: KubernetesAnalysis, raw: RawFinding): ScopedFinding['fact'] | undefined {
  for (const workload of analysis.workloads) {
    const node = getNode(workload.podSpec, 'runtimeClassName');
    const span = nodeSpan(node);
    const name = scalarString(node);
    if (span && name !== undefined && span.start === raw.span.start && span.end === raw.span.end) return { kind: 'runtimeClass', name };
  }
  return undefined;
}

function innermostObject(objects: readonly KubernetesObject[], offset: number): KubernetesObject | undefined {
  let best: KubernetesObject | undefined;
  let bestStart = -1;
  for (const object of objects) {
    const span = nodeSpan(object.root);
    if (span && span.start <= offset && offset < Math.max(span.end, span.start + 1) && span.start >= bestStart) {
      best = object;
      bestStart = span.start;
    }
  }
  return best;
}

function assemble(uri: string, text: string, slices: readonly DocumentSlice[], entries: readonly DocumentEntry[], workspace: WorkspaceFacts, parseOf: (entry: DocumentEntry) => DocumentParse): Omit<IncrementalResult, 'analyzed' | 'documents'> {
  // Facts of the whole file for the file-scoped rules: the workspace's plus this file's; unknown while the workspace's are.
  const policyNamespaces = workspace.networkPolicyNamespaces && new Set([...workspace.networkPolicyNamespaces, ...entries.flatMap((entry) => entry.policyNamespaces)]);
  const runtimeClasses = workspace.runtimeClasses && new Set([...workspace.runtimeClasses, ...entries.flatMap((entry) => entry.runtimeClassNames)]);
  const reports = ({ fact }: ScopedFinding): boolean => {
    const known = fact.kind === 'namespace' ? policyNamespaces : runtimeClasses;
    return known !== undefined && !known.has(fact.name);
  };

  const assembly = new Assembly(text, reports);
  for (let index = 0; index < entries.length; index++) assembly.add(entries[index], slices[index]);
  const findings = assembly.findings();
  const parts = new Array<AnalysisPart | undefined>(slices.length);
  const partWhere = (before: (slice: DocumentSlice) => boolean): AnalysisPart => {
    // The last part starting at or before the place; the first part for a place before every part.
    const low = Math.max(0, partitionPoint(slices, before) - 1);
    return (parts[low] ??= documentPart(uri, slices, entries, low, findings, parseOf));
  };
  return {
    uri,
    kind: 'kubernetes',
    findings,
    mode: 'documents',
    partAt: (offset) => partWhere((slice) => slice.start <= offset),
    partAtLine: (line) => partWhere((slice) => slice.line <= line),
    parts: () => slices.map((_slice, index) => (parts[index] ??= documentPart(uri, slices, entries, index, findings, parseOf))),
  };
}

/**
 * The documents' findings gathered in analyze()'s order (syntax errors, the first template, rule by rule, seccomp) and
 * the file's suppressions. Small methods rather than one long loop: V8 re-optimizes this code when an edit brings
 * findings of a new shape, and recompiling one long function took 30-40 ms of background CPU each time.
 */
class Assembly {
  private readonly errors: Finding[] = [];
  private template: Finding | undefined = undefined;
  private readonly byRule: Finding[][] = KUBERNETES_RULES.map(() => []);
  private readonly seccomp: Finding[] = [];
  private readonly suppressions = new SuppressionTable();
  /** next-line directives on the last lines of a document: they apply to the next document's first content line. */
  private pending: SuppressionDirective[] = [];
  private readonly reportedNamespaces = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly reports: (scoped: ScopedFinding) => boolean,
  ) {}

  add(entry: DocumentEntry, slice: DocumentSlice): void {
    place(entry, slice.line);
    appendAll(this.errors, entry.overhanging.length ? placeOverhanging(this.text, slice, entry, entry.errors) : entry.errors);
    this.template ??= entry.template;
    for (const { rule, finding } of entry.local) this.byRule[rule].push(finding);
    this.addScoped(entry.scoped);
    appendAll(this.seccomp, entry.seccomp);
    this.addDirectives(entry, slice.line);
  }

  findings(): Finding[] {
    const all = [...this.errors, ...(this.template ? [this.template] : []), ...this.byRule.flat(), ...this.seccomp];
    return this.suppressions.empty ? all : all.filter((finding) => !this.suppressions.isSuppressed(finding.ruleId, finding.range.start.line));
  }

  private addScoped(scoped: readonly ScopedFinding[]): void {
    for (const candidate of scoped) {
      if (!this.reports(candidate)) continue;
      // network-policy-missing reports each namespace once per file.
      if (candidate.fact.kind === 'namespace') {
        if (this.reportedNamespaces.has(candidate.fact.name)) continue;
        this.reportedNamespaces.add(candidate.fact.name);
      }
      if (candidate.kept) this.byRule[candidate.rule].push(candidate.finding);
    }
  }

  private addDirectives(entry: DocumentEntry, line: number): void {
    if (entry.firstContentLine !== undefined && this.pending.length) {
      for (const directive of this.pending) this.suppressions.add(directive, line + entry.firstContentLine);
      this.pending = [];
    }
    for (const { directive, target } of entry.directives) {
      if (directive.scope === 'next-line' && target === undefined) this.pending.push(directive);
      else this.suppressions.add(directive, target === undefined ? undefined : target + line);
    }
  }
}

function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Spans past a piece's end land on the next piece's first characters (or the end of the file), as in the file. */
function placeOverhanging(text: string, slice: DocumentSlice, entry: DocumentEntry, errors: readonly Finding[]): Finding[] {
  const placed = [...errors];
  for (const { index, start, end } of entry.overhanging) {
    placed[index] = { ...errors[index], range: { start: positionIn(text, slice, entry, start), end: positionIn(text, slice, entry, end) } };
  }
  return placed;
}

/** The file position of an offset into a piece, which may lie past the piece's end. */
function positionIn(text: string, slice: DocumentSlice, entry: DocumentEntry, offset: number): Range['start'] {
  const lines = entry.lines;
  if (offset <= entry.text.length) {
    const local = lines.positionAt(offset);
    return { line: local.line + slice.line, character: local.character };
  }
  const lastLine = lines.lineCount - 1;
  let line = slice.line + lastLine;
  let lineStart = slice.start + lines.lineStart(lastLine);
  const target = Math.min(slice.start + offset, text.length);
  for (let at = slice.end; at < target; at++) {
    if (text.charCodeAt(at) === 10) {
      line++;
      lineStart = at + 1;
    }
  }
  return { line, character: target - lineStart };
}

/** One document as an analysis result of its own: its text, parse, objects and the file's findings inside it. */
function documentPart(uri: string, slices: readonly DocumentSlice[], entries: readonly DocumentEntry[], index: number, findings: readonly Finding[], parseOf: (entry: DocumentEntry) => DocumentParse): AnalysisPart {
  const entry = entries[index];
  const first = slices[index].line;
  const next = index + 1 < slices.length ? slices[index + 1].line : Number.POSITIVE_INFINITY;
  let own: Finding[] | undefined;
  const result: AnalysisResult = {
    uri,
    kind: 'kubernetes',
    // Only quick fixes read them: filtered on first use, not for every part of every version.
    get findings(): Finding[] {
      own ??= findings.filter((finding) => finding.range.start.line >= first && finding.range.start.line < next).map((finding) => shiftFinding(finding, -first));
      return own;
    },
    lines: entry.lines,
    // Parsed again on first use when the pass that analyzed the document has let its tree go.
    get yaml(): YamlFile {
      return parseOf(entry).file;
    },
    get kubernetes(): KubernetesAnalysis {
      return parseOf(entry).analysis;
    },
  };
  return { offset: slices[index].start, line: first, result, outline: entry.outline };
}

/** Moves a document's findings to its line in the file (new finding objects; the old ones may still be in use). */
function place(entry: DocumentEntry, line: number): void {
  const delta = line - entry.placedAt;
  if (delta === 0) return;
  entry.errors = entry.errors.map((finding) => shiftFinding(finding, delta));
  entry.template = entry.template && shiftFinding(entry.template, delta);
  entry.local = entry.local.map(({ rule, finding }) => ({ rule, finding: shiftFinding(finding, delta) }));
  entry.seccomp = entry.seccomp.map((finding) => shiftFinding(finding, delta));
  entry.scoped = entry.scoped.map((candidate) => ({ ...candidate, finding: shiftFinding(candidate.finding, delta) }));
  entry.placedAt = line;
}

export function shiftRange(range: Range, lines: number): Range {
  return lines === 0 ? range : { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** The same finding `lines` lines further down (a document's findings placed in the file). */
export function shiftFinding(finding: Finding, lines: number): Finding {
  if (lines === 0) return finding;
  const shifted: Finding = { ...finding, range: shiftRange(finding.range, lines) };
  if (finding.related) shifted.related = finding.related.map((item) => ({ ...item, range: shiftRange(item.range, lines) }));
  if (finding.fixes) shifted.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ range: shiftRange(edit.range, lines), newText: edit.newText })) }));
  return shifted;
}
