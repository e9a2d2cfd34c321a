import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { analyze } from '../engine/analyze';
import { mergeSettings, type PartialSettings } from '../engine/config';
import { fixAll } from '../engine/fixAll';
import { classifyYaml, looksLikeSeccompJson } from '../engine/classify';
import { parseYamlFile } from '../engine/documents/yaml';
import { findObjects } from '../engine/kubernetes/model';
import { falcoDefinitions } from '../engine/falco/analyzer';
import type { FalcoWorkspaceFacts } from '../engine/falco/context';
import type { WorkspaceFacts } from '../engine/rule';
import type { FileKind, Finding, Severity } from '../engine/types';
import { collectFiles, displayPathOf, type InputFile } from './files';
import { ConfigFinder, type ProjectConfig } from './projectConfig';

export interface FileReport {
  path: string;
  kind: FileKind;
  findings: Finding[];
  /** Safe fixes applied by --fix. */
  fixed: number;
}

export interface ScanResult {
  files: FileReport[];
  /** IO problems: reported on stderr, exit code 2. */
  errors: string[];
}

export interface ScanRequest {
  paths: readonly string[];
  cwd: string;
  flags: PartialSettings;
  fix: boolean;
  config?: ProjectConfig;
  noConfig: boolean;
  readStdin: () => string;
}

export function scan(request: ScanRequest): ScanResult {
  const finder = new ConfigFinder(request.config, request.noConfig);
  const { files, errors } = collectFiles(request.paths, request.cwd, (absolutePath) => finder.isIgnored(absolutePath));
  const reports: FileReport[] = [];
  const facts = gatherFacts(files);
  // A folder scan knows its seccomp profiles and cluster objects, so references to them can be checked.
  const workspace: WorkspaceFacts = files.some((file) => file.discovered)
    ? { seccompProfiles: facts.seccompProfiles, runtimeClasses: facts.runtimeClasses, networkPolicyNamespaces: facts.networkPolicyNamespaces }
    : {};
  const falcoSet = falcoRuleSet(facts.falco);
  for (const file of files) {
    const falco = falcoSet.get(file);
    const report = scanFile(file, request, finder, errors, falco ? { ...workspace, falco } : workspace);
    if (report && (!file.discovered || report.kind !== 'unknown' || report.findings.length > 0)) reports.push(report);
  }
  // Problems of a config file that was used but not scanned would otherwise be silent.
  for (const config of finder.used()) {
    const shown = displayPathOf(config.path, request.cwd);
    if (reports.some((report) => report.path === shown)) continue;
    const report = scanFile({ displayPath: shown, absolutePath: config.path, discovered: true }, request, finder, errors, workspace);
    if (report && report.findings.length > 0) reports.push(report);
  }
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: reports, errors };
}

interface ScanFacts {
  seccompProfiles: string[];
  runtimeClasses: string[];
  networkPolicyNamespaces: string[];
  /** Falco files in the order given, with what each defines and uses. */
  falco: { file: InputFile; definitions: FalcoDefinitions }[];
}

type FalcoDefinitions = ReturnType<typeof falcoDefinitions>;

/**
 * One read of every file before the scan: the seccomp profiles, RuntimeClass names, NetworkPolicy namespaces and
 * Falco definitions that other files refer to. YAML is parsed only when a file can hold one of these.
 */
function gatherFacts(files: readonly InputFile[]): ScanFacts {
  const facts: ScanFacts = { seccompProfiles: [], runtimeClasses: [], networkPolicyNamespaces: [], falco: [] };
  for (const file of files) {
    if (!file.absolutePath) continue;
    const isJson = file.absolutePath.endsWith('.json');
    const isYaml = /\.ya?ml$/i.test(file.absolutePath);
    if (!isJson && !isYaml) continue;
    let text: string;
    try {
      text = fs.readFileSync(file.absolutePath, 'utf8');
    } catch {
      continue; // unreadable files are reported by the scan itself
    }
    if (isJson) {
      if (looksLikeSeccompJson(text)) facts.seccompProfiles.push(file.displayPath);
      continue;
    }
    try {
      const yaml = parseYamlFile(text);
      if (classifyYaml(yaml) === 'falco') {
        facts.falco.push({ file, definitions: falcoDefinitions(yaml) });
        continue;
      }
      if (!/kind:\s*(RuntimeClass|NetworkPolicy)\b/.test(text)) continue;
      for (const object of findObjects(yaml)) {
        if (object.kind === 'RuntimeClass' && object.name) facts.runtimeClasses.push(object.name);
        if (object.kind === 'NetworkPolicy') facts.networkPolicyNamespaces.push(object.namespace ?? 'default');
      }
    } catch {
      // a file the parser cannot read contributes nothing; its own analysis reports why
    }
  }
  return facts;
}

/**
 * Falco files scanned together form one rule set, loaded in the order given (like repeated `falco -r`): a file sees
 * the macros, lists and rules of the files before it, and a definition counts as used if any file uses it.
 */
function falcoRuleSet(parsed: ScanFacts['falco']): Map<InputFile, FalcoWorkspaceFacts> {
  const result = new Map<InputFile, FalcoWorkspaceFacts>();
  parsed.forEach(({ file }, index) => {
    const earlier = parsed.slice(0, index).map((entry) => entry.definitions);
    const others = parsed.filter((_, other) => other !== index).map((entry) => entry.definitions);
    result.set(file, {
      macros: earlier.flatMap((definitions) => definitions.macros),
      lists: earlier.flatMap((definitions) => definitions.lists),
      rules: earlier.flatMap((definitions) => definitions.rules),
      used: others.flatMap((definitions) => definitions.used),
      complete: true,
    });
  });
  return result;
}

function scanFile(file: InputFile, request: ScanRequest, finder: ConfigFinder, errors: string[], workspace: WorkspaceFacts): FileReport | undefined {
  let text: string;
  try {
    text = file.absolutePath ? fs.readFileSync(file.absolutePath, 'utf8') : request.readStdin();
  } catch (error) {
    errors.push(`${file.displayPath}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return undefined;
  }
  const config = file.absolutePath ? finder.forFile(file.absolutePath) : request.noConfig ? undefined : (request.config ?? finder.forDir(request.cwd));
  const settings = mergeSettings(config?.parsed.settings, request.flags);
  const uri = file.absolutePath ? pathToFileURL(file.absolutePath).toString() : 'stdin:///stdin.yaml';
  let fixed = 0;
  if (request.fix && file.absolutePath) {
    const result = fixAll(uri, text, settings, { mode: 'safe' });
    if (result.text !== text) {
      try {
        fs.writeFileSync(file.absolutePath, result.text);
        text = result.text;
        fixed = result.applied;
      } catch (error) {
        errors.push(`${file.displayPath}: cannot write fixes (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    }
  }
  const analysis = analyze({ uri, text, settings, workspace });
  const findings = [...analysis.findings].sort(byPosition);
  return { path: file.displayPath, kind: analysis.kind, findings, fixed };
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** True when a finding is at or above the --fail-on severity. */
export function failsAt(severity: Severity, failOn: Severity | 'none'): boolean {
  return failOn !== 'none' && RANK[severity] <= RANK[failOn];
}
