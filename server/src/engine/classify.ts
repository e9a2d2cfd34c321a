import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { CONFIG_FILE_NAMES } from './config';
import { isMap, isSeq, keyName, type Pair, type YAMLMap, type YAMLSeq, type YamlFile } from './documents/yaml';
import type { FileKind } from './types';

const FALCO_ITEM_KEYS = new Set(['rule', 'macro', 'list', 'required_engine_version', 'required_plugin_versions']);

export function baseName(uri: string): string {
  const clean = uri.split(/[?#]/)[0];
  return decodeURIComponent(clean.slice(clean.replace(/\\/g, '/').lastIndexOf('/') + 1));
}

export function isConfigFile(uri: string): boolean {
  return CONFIG_FILE_NAMES.includes(baseName(uri));
}

/** JSON seccomp profiles: a top-level "defaultAction", or a "syscalls" list of rules (OCI, Docker, containers/common). */
export function looksLikeSeccompJson(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first !== '{') return false;
  const root: JsonNode | undefined = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'object') return false;
  const keys = (root.children ?? []).map((property) => property.children?.[0]?.value);
  if (keys.includes('defaultAction')) return true;
  // A profile whose defaultAction is missing (or misspelled) is still a profile: say so instead of staying silent.
  const syscalls = (root.children ?? []).find((property) => property.children?.[0]?.value === 'syscalls')?.children?.[1];
  return syscalls?.type === 'array' && (syscalls.children ?? []).some((rule) => rule.type === 'object' && (rule.children ?? []).some((entry) => ['names', 'name', 'action'].includes(String(entry.children?.[0]?.value))));
}

/** Decides by content, not by file name, what a YAML file holds. */
export function classifyYaml(file: YamlFile): FileKind {
  if (hasKubernetesObject(file)) return 'kubernetes';
  const first = file.documents.find((document) => document.doc.contents !== null)?.doc.contents;
  if (isSeq(first)) {
    const items = (first as YAMLSeq).items;
    if (items.some((item) => isMap(item) && (item as YAMLMap).items.some((pair) => FALCO_ITEM_KEYS.has(keyName(pair as Pair) ?? '')))) return 'falco';
  }
  // A half-typed manifest with a syntax error before "kind:" still is a manifest.
  if (file.errors.length > 0 && /^apiVersion\s*:/m.test(file.text) && /^kind\s*:/m.test(file.text)) return 'kubernetes';
  return 'unknown';
}

/** A document whose root mapping has both apiVersion and kind: the file is a manifest, whatever else it holds. */
export function hasKubernetesObject(file: YamlFile): boolean {
  return file.documents.some((document) => {
    const root = document.doc.contents;
    if (!isMap(root)) return false;
    const keys = new Set((root as YAMLMap).items.map((pair) => keyName(pair as Pair)));
    return keys.has('apiVersion') && keys.has('kind');
  });
}
