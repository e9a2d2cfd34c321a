import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../../schemas/seccomp-profile.schema.json';
import { didYouMean } from '../text';
import type { Span } from '../types';
import { nodeAt, toValue, type TreeNode } from './tree';

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

export interface SchemaProblem {
  span: Span;
  message: string;
  /** Unknown keys are ignored by runtimes (Go JSON decoding): a warning, not an error. */
  unknownKey?: { key: string; suggestion?: string };
}

const KNOWN_KEYS: Record<string, string[]> = {
  root: Object.keys(schema.properties),
  rule: Object.keys(schema.definitions.rule.properties),
  arg: Object.keys(schema.definitions.arg.properties),
  filter: Object.keys(schema.definitions.filter.properties),
  archMap: ['architecture', 'subArchitectures'],
};

function knownKeysFor(schemaPath: string): string[] {
  if (schemaPath.includes('/definitions/rule/')) return KNOWN_KEYS.rule;
  if (schemaPath.includes('/definitions/arg/')) return KNOWN_KEYS.arg;
  if (schemaPath.includes('/definitions/filter/')) return KNOWN_KEYS.filter;
  if (schemaPath.includes('/archMap/')) return KNOWN_KEYS.archMap;
  return KNOWN_KEYS.root;
}

export function validateProfileSchema(body: TreeNode): SchemaProblem[] {
  if (validate(toValue(body))) return [];
  const problems: SchemaProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = describe(body, error);
    if (problem) problems.push(problem);
  }
  return problems;
}

function describe(body: TreeNode, error: ErrorObject): SchemaProblem | undefined {
  const path = error.instancePath.split('/').slice(1).map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment.replace(/~1/g, '/').replace(/~0/g, '~')));
  const at = nodeAt(body, path);
  if (!at) return undefined;
  const where = path.length ? path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('').replace(/^\./, '') : 'the profile';
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const entry = (at.node.properties ?? []).find((candidate) => candidate.key === key);
      const suggestion = didYouMean(key, knownKeysFor(error.schemaPath))[0];
      return {
        span: entry?.keySpan ?? at.node.span,
        message: `Unknown key "${key}" in ${where}: runtimes ignore it silently${suggestion ? ` (did you mean "${suggestion}"?)` : ''}.`,
        unknownKey: { key, suggestion },
      };
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { span: { start: at.node.span.start, end: at.node.span.start + 1 }, message: `${where} is missing "${missing}"${missing === 'defaultAction' ? ': crun refuses the profile and Docker disables seccomp when there are no syscalls either' : ''}.` };
    }
    case 'type':
      return { span: at.node.span, message: `${where} must be ${articleFor(String((error.params as { type: string }).type))}.` };
    case 'minimum':
    case 'maximum':
      return { span: at.node.span, message: `${where} must be an unsigned ${error.schemaPath.includes('uint64') ? '64' : '32'}-bit integer.` };
    case 'minItems':
      return { span: at.node.span, message: `${where} must list at least one syscall name (runtime-spec: minItems 1).` };
    default:
      return { span: at.node.span, message: `${where} ${error.message ?? 'is invalid'}.` };
  }
}

function articleFor(type: string): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}
