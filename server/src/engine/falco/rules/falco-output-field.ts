import { isScalar, type Node, type Scalar } from '../../documents/yaml';
import { defineFalcoRule, sourceOf } from '../context';
import { knownSources, lookupField } from '../fields';
import { mapScalar } from '../sourceMap';
import { didYouMean } from '../../text';
import { fieldsForSource } from '../fields';
import { TRANSFORMERS } from '../condition';
import { falcoMeta, FALCO_REFERENCES } from './common';

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-output-field',
    title: 'Output %fields must exist',
    description:
      'Resolves every `%field` of a rule output the way Falco\'s formatter does: optional width digits, then the LONGEST prefix that names a field of the rule\'s source (`%proc.name_x` prints proc.name followed by `_x`), with `[arg]` and dot arguments and transformers such as `%tolower(proc.name)`. Reports `%` not followed by a field, a trailing `%`, and removed fields.',
    rationale: 'An output that does not compile makes Falco refuse the rules file (LOAD_ERR_COMPILE_OUTPUT).',
    remediation: 'Fix the field name; Falco has no escape for a literal `%`.',
    defaultSeverity: 'error',
    fix: 'safe',
    references: [{ title: 'Falco rule outputs', url: 'https://falco.org/docs/concepts/outputs/' }, ...FALCO_REFERENCES],
  }),
  check(context) {
    const sources = knownSources();
    for (const item of context.items) {
      if (item.kind !== 'rule') continue;
      const source = sourceOf(item);
      if (!sources.includes(source)) continue;
      const value = item.keys.get('output')?.value as Node | null | undefined;
      if (!isScalar(value) || typeof (value as Scalar).value !== 'string') continue;
      const text = (value as Scalar).value as string;
      const map = mapScalar(context.file.text, value as Scalar, text);
      for (let index = text.indexOf('%'); index >= 0; index = text.indexOf('%', index + 1)) {
        let cursor = index + 1;
        while (/[0-9]/.test(text[cursor] ?? '')) cursor++;
        if (text[cursor] === '*') cursor++;
        if (cursor >= text.length) {
          context.report({ span: map.spanToSource({ start: index, end: cursor }), message: cursor > index + 1 ? 'formatting cannot end with a number' : 'formatting cannot end with a %' });
          break;
        }
        const transformer = TRANSFORMERS.find((name) => text.startsWith(`${name}(`, cursor));
        if (transformer) {
          // Skip the balanced call; its fields are checked like condition fields by the formatter at load time.
          let depth = 0;
          let end = cursor;
          for (; end < text.length; end++) {
            if (text[end] === '(') depth++;
            else if (text[end] === ')' && --depth === 0) break;
          }
          index = end;
          continue;
        }
        if (/^container\.info(?![a-zA-Z0-9_])/.test(text.slice(cursor))) {
          context.report({ span: map.spanToSource({ start: index, end: cursor + 'container.info'.length }), severity: 'warning', tags: ['deprecated'], message: '%container.info is deprecated since Falco 0.41.0: Falco removes it from outputs and warns. Write the container fields you want (e.g. %container.id %container.image.repository).' });
          index = cursor + 'container.info'.length - 1;
          continue;
        }
        const word = /^[a-zA-Z0-9_.]+/.exec(text.slice(cursor))?.[0] ?? '';
        let resolved = '';
        for (let length = word.length; length > 0; length--) {
          const candidate = word.slice(0, length);
          if (!candidate.includes('.') || candidate.endsWith('.')) continue;
          if (lookupField(candidate, source).kind === 'field') {
            resolved = candidate;
            break;
          }
        }
        if (resolved) {
          const field = lookupField(resolved, source);
          if (field.kind === 'field' && field.field.dep) {
            context.report({ span: map.spanToSource({ start: index, end: cursor + resolved.length }), severity: 'warning', tags: ['deprecated'], message: `%${resolved} is deprecated: ${field.field.desc}` });
          }
          index = cursor + resolved.length - 1;
          continue;
        }
        const lookup = word ? lookupField(word, source) : undefined;
        const span = map.spanToSource({ start: index, end: cursor + Math.max(word.length, 1) });
        if (lookup?.kind === 'removed') {
          const [plugin, replacement] = lookup.field.rep.split(':');
          context.report({ span, message: `%${word} was removed from Falco's built-in fields${replacement ? `: load the ${plugin} plugin, which provides ${replacement}` : ''}.` });
          continue;
        }
        const suggestion = word ? didYouMean(word, fieldsForSource(source).map((row) => row.n), 3)[0] : undefined;
        const wordSpan = map.spanToSource({ start: cursor, end: cursor + word.length });
        context.report({
          span,
          message: `unknown filter: '%${word || text[cursor]}' is not a field of source ${source}${suggestion ? ` (did you mean %${suggestion}?)` : ''}. Falco has no escape for a literal %.`,
          fixes: suggestion ? [{ title: `Change to %${suggestion}`, safe: true, edits: [{ span: wordSpan, newText: suggestion }] }] : [],
        });
      }
    }
  },
});
