import { replaceScalar } from '../../fixes';
import { nodeSpan } from '../../documents/yaml';
import { didYouMean } from '../../text';
import { defineFalcoRule } from '../context';
import { scalarText } from '../model';
import { falcoMeta, FALCO_REFERENCES } from './common';

export const PRIORITIES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG'];
/** Accepted case-insensitively, plus the alias INFO (falco_common.cpp). */
const ACCEPTED = new Set([...PRIORITIES, 'INFO']);

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-priority',
    title: 'Priority must be a Falco priority',
    description: 'Reports `priority` values other than EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL (or INFO) and DEBUG — compared case-insensitively, as Falco does — with the closest one as a quick fix.',
    rationale: 'Falco refuses the whole rules file with "Invalid priority", so none of its rules load.',
    remediation: 'Use one of the priority names (upper case, like the official rules).',
    defaultSeverity: 'error',
    fix: 'safe',
    references: FALCO_REFERENCES,
  }),
  check(context) {
    for (const item of context.items) {
      if (item.kind !== 'rule') continue;
      const priority = scalarText(item.keys.get('priority'));
      if (!priority || ACCEPTED.has(priority.text.trim().toUpperCase())) continue;
      const suggestion = didYouMean(priority.text.toUpperCase(), PRIORITIES, 3)[0];
      context.report({
        span: nodeSpan(priority.node) ?? { start: 0, end: 1 },
        message: `Invalid priority "${priority.text}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}: Falco refuses the rules file. Use ${PRIORITIES.join(', ')}.`,
        fixes: suggestion ? [{ title: `Change to ${suggestion}`, safe: true, edits: [replaceScalar(context.file, priority.node, suggestion)] }] : [],
      });
    }
  },
});
