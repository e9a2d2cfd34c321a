import { nodeSpan, type Node } from '../../documents/yaml';
import { renameKey } from '../../fixes';
import { didYouMean } from '../../text';
import { defineFalcoRule } from '../context';
import type { ItemKind } from '../model';
import { falcoMeta, FALCO_REFERENCES } from './common';

/** Keys each item kind reads (falco rule_loader_reader.cpp; language.json items.*.keys). */
export const ITEM_KEYS: Record<ItemKind, readonly string[]> = {
  rule: ['rule', 'condition', 'output', 'desc', 'priority', 'source', 'enabled', 'capture', 'capture_duration', 'warn_evttypes', 'skip-if-unknown-filter', 'tags', 'exceptions', 'override', 'append'],
  macro: ['macro', 'condition', 'append', 'override'],
  list: ['list', 'items', 'append', 'override'],
  required_engine_version: ['required_engine_version'],
  required_plugin_versions: ['required_plugin_versions'],
};

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-unknown-key',
    title: 'Item keys must be ones Falco reads',
    description: 'Reports keys a rule, macro or list does not have (Falco 0.44+ warns "Unknown key … The key will be ignored"), with the closest known key as a quick fix. A misspelled `enabled`, `priority` or `exceptions` silently does nothing.',
    rationale: 'Falco ignores unknown keys: `enable: false` does not disable the rule, `exception:` adds no exception.',
    remediation: 'Use the key names of the Falco rules format (`desc`, `condition`, `output`, `priority`, `source`, `enabled`, `tags`, `exceptions`, `override`).',
    defaultSeverity: 'warning',
    fix: 'safe',
    references: FALCO_REFERENCES,
  }),
  check(context) {
    for (const item of context.items) {
      if (item.kind === 'unknown') continue;
      const known = ITEM_KEYS[item.kind];
      for (const [key, pair] of item.keys) {
        if (known.includes(key)) continue;
        const suggestion = didYouMean(key, known)[0];
        const otherKind = (['rule', 'macro', 'list'] as const).includes(key as 'rule') ? ` (an entry has one kind: it is a ${item.kind} because '${item.kind}' comes first)` : '';
        context.report({
          span: nodeSpan(pair.key as Node) ?? { start: 0, end: 1 },
          message: `Unknown key '${key}' in ${item.kind} "${item.name ?? ''}"${suggestion ? ` (did you mean '${suggestion}'?)` : ''}${otherKind}: Falco ignores it.`,
          fixes: suggestion ? [{ title: `Rename to ${suggestion}`, safe: true, edits: [renameKey(pair, suggestion)] }] : [],
        });
      }
    }
  },
});
