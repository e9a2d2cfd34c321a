// What the Falco rules see: the file's items, its condition trees and the names defined here or elsewhere.
import type { ResolvedSettings } from '../config';
import { isScalar, type Node, type Pair, type Scalar, type YamlFile } from '../documents/yaml';
import type { RuleMeta } from '../rule';
import type { OffsetEdit, Severity, Span } from '../types';
import { ConditionSyntaxError, parseCondition, type ExprNode } from './condition';
import { DEFAULT_SOURCE } from './fields';
import { substituteLists, type ListDefinition } from './lists';
import { readFalcoItems, scalarText, yamlCppBool, type FalcoItem, type StructureProblem } from './model';
import { mapScalar, type ValueMap } from './sourceMap';

/** Names defined by the other Falco files loaded with this one (editor workspace, or the CLI's file list). */
export interface FalcoWorkspaceFacts {
  macros: readonly string[];
  lists: readonly string[];
  rules: readonly string[];
  /** Names used by the other files, so "unused" is judged over the whole rule set. */
  used?: readonly string[];
  /** False while the editor is still indexing: references are then not judged. */
  complete: boolean;
}

export interface ParsedCondition {
  item: FalcoItem;
  map: ValueMap;
  ast?: ExprNode;
  error?: ConditionSyntaxError;
  /** The condition after list substitution, when that text no longer parses. */
  substitutionError?: ConditionSyntaxError;
  source: string;
  /** Characters added in front of the text before parsing (appended fragments); subtract before mapping. */
  shift?: number;
}

/** Stands for the target's condition when an appended fragment (`and not x`) is parsed on its own. */
export const APPEND_PLACEHOLDER = 'wg_appended_to';

/** A span of a parsed condition, in the YAML source. */
export function conditionSpan(parsed: ParsedCondition, span: Span): Span {
  const shift = parsed.shift ?? 0;
  return parsed.map.spanToSource({ start: Math.max(0, span.start - shift), end: Math.max(0, span.end - shift) });
}

export interface FalcoReport {
  span: Span;
  message: string;
  severity?: Severity;
  fixes?: { title: string; safe: boolean; edits: (OffsetEdit | undefined)[] }[];
  tags?: ('unnecessary' | 'deprecated')[];
}

export interface FalcoRuleContext {
  file: YamlFile;
  settings: ResolvedSettings;
  items: FalcoItem[];
  structureProblems: StructureProblem[];
  conditions: ParsedCondition[];
  lists: ListDefinition[];
  macros: Map<string, FalcoItem>;
  /** Undefined when names defined elsewhere are unknown (do not judge references then). */
  workspace?: FalcoWorkspaceFacts;
  report(finding: FalcoReport): void;
}

export interface FalcoRule {
  meta: RuleMeta;
  check(context: FalcoRuleContext): void;
}

export function defineFalcoRule(rule: FalcoRule): FalcoRule {
  return rule;
}

/** Source of an override/append whose definition lives in another file: unknown, so source-specific checks stay quiet. */
export const INHERITED_SOURCE = '(inherited)';

const inheritedSources = new WeakMap<FalcoItem, string>();

export function sourceOf(item: FalcoItem): string {
  const source = scalarText(item.keys.get('source'))?.text;
  if (source && source.trim() !== '') return source;
  return inheritedSources.get(item) ?? DEFAULT_SOURCE;
}

/** Overrides and appends take the source of the rule they change, not the default. */
function inheritSources(items: readonly FalcoItem[]): void {
  for (const item of items) {
    if (item.kind !== 'rule' || !hasOverride(item) || scalarText(item.keys.get('source'))) continue;
    const definition = items.find((candidate) => candidate.kind === 'rule' && candidate.name === item.name && !hasOverride(candidate) && candidate.position < item.position);
    inheritedSources.set(item, definition ? sourceOf(definition) : INHERITED_SOURCE);
  }
}

export function buildFalcoContext(file: YamlFile, settings: ResolvedSettings, workspace: FalcoWorkspaceFacts | undefined, report: (finding: FalcoReport) => void): FalcoRuleContext {
  const { items, problems } = readFalcoItems(file);
  inheritSources(items);
  const lists: ListDefinition[] = [];
  const macros = new Map<string, FalcoItem>();
  for (const item of items) {
    if (item.kind === 'list' && item.name) {
      const entries = listItems(item.keys.get('items'));
      const existing = lists.find((list) => list.name === item.name);
      const appends = isAppend(item, 'items');
      if (existing && appends) existing.items = [...existing.items, ...entries];
      else if (existing) existing.items = entries;
      else lists.push({ name: item.name, items: entries });
    }
    if (item.kind === 'macro' && item.name && !macros.has(item.name)) macros.set(item.name, item);
  }
  const conditions: ParsedCondition[] = [];
  for (const item of items) {
    if (item.kind !== 'macro' && item.kind !== 'rule') continue;
    const condition = item.keys.get('condition');
    const value = condition?.value as Node | null | undefined;
    if (!isScalar(value) || typeof (value as Scalar).value !== 'string') continue;
    const text = (value as Scalar).value as string;
    const parsed: ParsedCondition = { item, map: mapScalar(file.text, value as Scalar, text), source: sourceOf(item) };
    // Appended conditions are fragments (`and not x`): Falco parses them only after concatenation.
    if (isAppend(item, 'condition') && /^\s*(and|or)\b/.test(text)) {
      // Parse the fragment behind a placeholder for the target's condition; spans shift back by its length.
      try {
        parsed.ast = parseCondition(`${APPEND_PLACEHOLDER} ${text}`);
        parsed.shift = APPEND_PLACEHOLDER.length + 1;
      } catch (error) {
        if (error instanceof ConditionSyntaxError) {
          parsed.error = new ConditionSyntaxError(error.message, { start: Math.max(0, error.span.start - APPEND_PLACEHOLDER.length - 1), end: Math.max(0, error.span.end - APPEND_PLACEHOLDER.length - 1) });
        }
      }
      conditions.push(parsed);
      continue;
    }
    try {
      parsed.ast = parseCondition(text);
      const substituted = substituteLists(text, lists);
      if (substituted !== text) {
        try {
          parseCondition(substituted);
        } catch (error) {
          if (error instanceof ConditionSyntaxError) parsed.substitutionError = error;
        }
      }
    } catch (error) {
      if (error instanceof ConditionSyntaxError) parsed.error = error;
      else throw error;
    }
    conditions.push(parsed);
  }
  return { file, settings, items, structureProblems: problems, conditions, lists, macros, workspace, report };
}

function listItems(pair: Pair | undefined): string[] {
  const value = pair?.value as { items?: unknown[] } | null | undefined;
  if (!value || !Array.isArray(value.items)) return [];
  return value.items.flatMap((item) => (isScalar(item) && (item as Scalar).value !== null ? [String((item as Scalar).value)] : []));
}

/** `append: true`, or `override: {key: append}`. */
export function isAppend(item: FalcoItem, key: string): boolean {
  const append = scalarText(item.keys.get('append'))?.text;
  if (append !== undefined && yamlCppBool(append) === true) return true;
  const override = item.keys.get('override')?.value as { items?: Pair[] } | null | undefined;
  return (override?.items ?? []).some((pair) => String((pair.key as Scalar | null)?.value) === key && String((pair.value as Scalar | null)?.value) === 'append');
}

export function hasOverride(item: FalcoItem): boolean {
  return item.keys.has('override') || isAppend(item, 'condition') || isAppend(item, 'items') || isAppend(item, 'exceptions');
}
