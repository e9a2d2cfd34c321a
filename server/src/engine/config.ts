import Ajv, { type ErrorObject } from 'ajv';
import configSchema from '../../../schemas/workload-guard-config.schema.json';
import { getNode, isMap, isSeq, nodeSpan, parseYamlFile, type Node, type YAMLMap, type YAMLSeq } from './documents/yaml';
import type { RuleCategory } from './rule';
import type { PodSpecPathSetting } from './kubernetes/model';
import { didYouMean } from './text';
import { SEVERITIES, type PssLevel, type Severity, type Span } from './types';

export type RuleSetting = Severity | 'off';
export type { PodSpecPathSetting };

/** Settings as a user writes them (config file, editor settings, CLI flags): every field optional. */
export interface PartialSettings {
  pssLevel?: PssLevel;
  kubernetesVersion?: string;
  rules?: Record<string, RuleSetting>;
  enable?: { kubernetes?: boolean; seccomp?: boolean; falco?: boolean };
  ignorePaths?: string[];
  podSpecPaths?: PodSpecPathSetting[];
  ignoreImages?: ImageException[];
  /** Files larger than this many bytes (UTF-8) are not analyzed; 0 means no limit. */
  maxFileSize?: number;
}

/** Containers running a matching image are not reported for these rules (all rules when none are listed). */
export interface ImageException {
  image: string;
  rules?: string[];
  reason?: string;
}

export interface ResolvedSettings {
  pssLevel: PssLevel;
  kubernetesVersion: string;
  rules: Record<string, RuleSetting>;
  enable: { kubernetes: boolean; seccomp: boolean; falco: boolean };
  ignorePaths: string[];
  podSpecPaths: PodSpecPathSetting[];
  ignoreImages: ImageException[];
  maxFileSize: number;
}

/** Big enough for any hand-written manifest; generated dumps beyond it would cost seconds and hundreds of MB. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export const DEFAULT_SETTINGS: ResolvedSettings = Object.freeze({
  pssLevel: 'restricted',
  kubernetesVersion: 'latest',
  rules: {},
  enable: { kubernetes: true, seccomp: true, falco: true },
  ignorePaths: [],
  podSpecPaths: [],
  ignoreImages: [],
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
}) as ResolvedSettings;

/** Later layers win: defaults < project config file < editor settings / CLI flags. Rule maps merge key by key. */
export function mergeSettings(...layers: (PartialSettings | undefined)[]): ResolvedSettings {
  const result: ResolvedSettings = { ...DEFAULT_SETTINGS, rules: {}, enable: { ...DEFAULT_SETTINGS.enable }, ignorePaths: [], podSpecPaths: [], ignoreImages: [] };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.pssLevel === 'baseline' || layer.pssLevel === 'restricted') result.pssLevel = layer.pssLevel;
    if (typeof layer.kubernetesVersion === 'string' && parseKubernetesMinor(layer.kubernetesVersion) !== undefined) {
      result.kubernetesVersion = layer.kubernetesVersion;
    }
    if (layer.rules) {
      for (const [id, value] of Object.entries(layer.rules)) {
        if (value === 'off' || SEVERITIES.includes(value as Severity)) result.rules[id] = value;
      }
    }
    if (layer.enable) {
      for (const key of ['kubernetes', 'seccomp', 'falco'] as const) {
        if (typeof layer.enable[key] === 'boolean') result.enable[key] = layer.enable[key] as boolean;
      }
    }
    if (Array.isArray(layer.ignorePaths)) result.ignorePaths.push(...layer.ignorePaths.filter((p) => typeof p === 'string'));
    if (Array.isArray(layer.podSpecPaths)) result.podSpecPaths.push(...layer.podSpecPaths.filter((entry) => typeof entry?.path === 'string'));
    if (Array.isArray(layer.ignoreImages)) result.ignoreImages.push(...layer.ignoreImages.filter((entry) => typeof entry?.image === 'string'));
    if (Number.isSafeInteger(layer.maxFileSize) && (layer.maxFileSize as number) >= 0) result.maxFileSize = layer.maxFileSize as number;
  }
  return result;
}

/** "latest" -> Infinity, "1.29" / "v1.29" -> 29, anything else -> undefined. */
export function parseKubernetesMinor(version: string): number | undefined {
  if (version === 'latest') return Number.POSITIVE_INFINITY;
  const match = /^v?1\.(\d{1,2})$/.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}

/** The severity a rule reports at, or 'off'. A rule id setting beats its category's setting. */
export function severityFor(settings: ResolvedSettings, ruleId: string, category: RuleCategory, defaultSeverity: Severity): RuleSetting {
  return settings.rules[ruleId] ?? settings.rules[category] ?? defaultSeverity;
}

/**
 * The severity a finding is reported at: 'off' when the user turned the rule off; the user's setting when they chose
 * one; otherwise what the rule asked for this case (e.g. a warning-level variant), else the rule's default.
 */
export function findingSeverity(settings: ResolvedSettings, meta: { id: string; category: RuleCategory; defaultSeverity: Severity }, requested?: Severity): RuleSetting {
  const configured = severityFor(settings, meta.id, meta.category, meta.defaultSeverity);
  if (configured === 'off') return 'off';
  const userChose = settings.rules[meta.id] !== undefined || settings.rules[meta.category] !== undefined;
  return requested && !userChose ? requested : configured;
}

export interface ConfigProblem {
  message: string;
  span: Span;
}

export interface ParsedConfig {
  settings: PartialSettings;
  problems: ConfigProblem[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateConfig = ajv.compile<PartialSettings>(configSchema);

export const CONFIG_FILE_NAMES = ['.workload-guard.yaml', '.workload-guard.yml'];

/**
 * Reads a .workload-guard.yaml text. Invalid parts are reported at their exact place and ignored; the valid rest
 * still applies, so one typo does not silently switch the whole configuration off.
 */
export function parseConfig(text: string, knownRuleIds?: readonly string[]): ParsedConfig {
  const file = parseYamlFile(text);
  const problems: ConfigProblem[] = file.errors.map((error) => ({ message: error.message, span: error.span }));
  const document = file.documents[0];
  if (!document || document.doc.contents === null) return { settings: {}, problems };
  const root = document.doc.contents as Node;
  if (!isMap(root)) {
    problems.push({ message: 'The configuration must be a mapping (key: value pairs).', span: nodeSpan(root) ?? { start: 0, end: 1 } });
    return { settings: {}, problems };
  }
  let value: unknown;
  try {
    value = normalizeOff(document.doc.toJS({ maxAliasCount: 100 }));
  } catch (error) {
    problems.push({ message: `Cannot read configuration: ${String(error)}`, span: nodeSpan(root) ?? { start: 0, end: 1 } });
    return { settings: {}, problems };
  }
  // With a syntax error the schema errors are mostly its echo; the valid rest still applies silently.
  const report = problems.length === 0;
  if (knownRuleIds && report) problems.push(...unknownRuleIds(root as YAMLMap, knownRuleIds));
  if (validateConfig(value)) return { settings: value, problems };
  const bad = new Set<string>();
  for (const error of validateConfig.errors ?? []) {
    // propertyNames failures come twice (the pattern and the propertyNames keyword); keep the clearer one.
    if (error.keyword === 'pattern' && error.schemaPath.includes('propertyNames')) continue;
    const { node, path } = locate(root as YAMLMap, error);
    bad.add(path.join('/'));
    if (report) problems.push({ message: describeError(error), span: nodeSpan(node) ?? { start: 0, end: 1 } });
  }
  return { settings: dropInvalid(value as Record<string, unknown>, bad), problems };
}

const CATEGORY_IDS = ['pss-baseline', 'pss-restricted', 'hardening', 'yaml', 'config', 'seccomp', 'falco'];

/** A misspelled rule id in `rules:` would silently configure nothing. */
function unknownRuleIds(root: YAMLMap, knownRuleIds: readonly string[]): ConfigProblem[] {
  const rules = getNode(root, 'rules');
  if (!isMap(rules)) return [];
  const known = new Set([...knownRuleIds, ...CATEGORY_IDS]);
  const problems: ConfigProblem[] = [];
  for (const pair of (rules as YAMLMap).items) {
    const key = pair.key as Node;
    const id = String((key as { value?: unknown })?.value ?? '');
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || known.has(id)) continue;
    const suggestion = didYouMean(id, known)[0];
    problems.push({ message: `Unknown rule id "${id}"${suggestion ? `: did you mean "${suggestion}"?` : '.'} Run \`workload-guard rules\` for the list.`, span: nodeSpan(key) ?? { start: 0, end: 1 } });
  }
  return problems;
}

/** YAML 1.1 (which Kubernetes users write) reads an unquoted `off` as false: in `rules` it means "off". */
function normalizeOff(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const rules = (value as Record<string, unknown>).rules;
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) return value;
  const normalized = Object.fromEntries(Object.entries(rules as Record<string, unknown>).map(([id, setting]) => [id, setting === false ? 'off' : setting]));
  return { ...(value as Record<string, unknown>), rules: normalized };
}

function locate(root: YAMLMap, error: ErrorObject): { node: Node; path: string[] } {
  const path = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') path.push(String((error.params as { additionalProperty: string }).additionalProperty));
  if (error.keyword === 'propertyNames') path.push(String((error.params as { propertyName: string }).propertyName));
  let node: Node = root;
  for (const segment of path) {
    if (isMap(node)) {
      const map = node as YAMLMap;
      const pair = map.items.find((item) => String((item.key as { value?: unknown })?.value) === segment);
      if (!pair) break;
      // Unknown keys point at the key itself; bad values at the value.
      const isLast = segment === path[path.length - 1];
      const wantsKey = isLast && (error.keyword === 'additionalProperties' || error.keyword === 'propertyNames');
      node = (wantsKey ? pair.key : (pair.value ?? pair.key)) as Node;
    } else if (isSeq(node)) {
      const item = (node as YAMLSeq).items[Number(segment)];
      if (!item) break;
      node = item as Node;
    } else break;
  }
  return { node, path: error.keyword === 'additionalProperties' || error.keyword === 'propertyNames' ? path : path };
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'configuration';
  switch (error.keyword) {
    case 'additionalProperties':
      return `Unknown setting "${(error.params as { additionalProperty: string }).additionalProperty}" in ${where}.`;
    case 'enum':
      return `${where} must be one of: ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}.`;
    case 'pattern':
      if (where === 'kubernetesVersion') return 'kubernetesVersion must be "latest" or a version like "1.30".';
      if (/^podSpecPaths\.\d+\.path$/.test(where)) return `${where} must be dotted keys from the object root, like spec.template.spec ('*' for every item of a list).`;
      if (/^ignoreImages\.\d+\.rules\.\d+$/.test(where)) return `${where} must be a rule id or category (kebab-case).`;
      return `${where} ${error.message ?? 'is invalid'}.`;
    case 'propertyNames':
      return `"${(error.params as { propertyName: string }).propertyName}" is not a rule id or category (kebab-case).`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}

function dropInvalid(value: Record<string, unknown>, bad: Set<string>): PartialSettings {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (bad.has(key)) continue;
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const inner: Record<string, unknown> = {};
      for (const [innerKey, innerValue] of Object.entries(item as Record<string, unknown>)) {
        if (!bad.has(`${key}/${innerKey}`)) inner[innerKey] = innerValue;
      }
      result[key] = inner;
    } else result[key] = item;
  }
  return mergeableOnly(result);
}

function mergeableOnly(value: Record<string, unknown>): PartialSettings {
  // mergeSettings re-checks every field's type, so anything left here that is still off is ignored there.
  return value as PartialSettings;
}

/** Minimal glob -> RegExp for ignorePaths: `**` spans folders, `*` and `?` stay inside one segment. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  const normalized = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  for (let i = 0; i < normalized.length; i++) {
    const char = normalized[i];
    if (char === '*' && normalized[i + 1] === '*') {
      const slash = normalized[i + 2] === '/';
      pattern += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without a slash matches at any depth, like .gitignore.
  const anchored = normalized.includes('/') ? `^${pattern}` : `(?:^|/)${pattern}`;
  return new RegExp(`${anchored}(?:/.*)?$`);
}

export function isIgnoredPath(relativePath: string, globs: readonly string[]): boolean {
  const normalized = relativePath.replace(/\\/g, '/');
  return globs.some((glob) => globToRegExp(glob).test(normalized));
}

export { getNode };
