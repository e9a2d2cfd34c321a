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

/** JSON seccomp profiles are recognised by a top-level "defaultAction" (OCI, Docker and containers/common formats). */
export function looksLikeSeccompJson(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first !== '{') return false;
  const root: JsonNode | undefined = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  return root?.type === 'object' && (root.children ?? []).some((property) => property.children?.[0]?.value === 'defaultAction');
}

/** Decides by content, not by file name, what a YAML file holds. */
export function classifyYaml(file: YamlFile): FileKind {
  for (const document of file.documents) {
    const root = document.doc.contents;
    if (isMap(root)) {
      const keys = new Set((root as YAMLMap).items.map((pair) => keyName(pair as Pair)));
      if (keys.has('apiVersion') && keys.has('kind')) return 'kubernetes';
    }
  }
  const first = file.documents.find((document) => document.doc.contents !== null)?.doc.contents;
  if (isSeq(first)) {
    const items = (first as YAMLSeq).items;
    if (items.some((item) => isMap(item) && (item as YAMLMap).items.some((pair) => FALCO_ITEM_KEYS.has(keyName(pair as Pair) ?? '')))) return 'falco';
  }
  // A half-typed manifest with a syntax error before "kind:" still is a manifest.
  if (file.errors.length > 0 && /^apiVersion\s*:/m.test(file.text) && /^kind\s*:/m.test(file.text)) return 'kubernetes';
  return 'unknown';
}
