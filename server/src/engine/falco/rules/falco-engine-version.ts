import { nodeSpan, type Node, type Scalar } from '../../documents/yaml';
import { walkCondition } from '../condition';
import { defineFalcoRule } from '../context';
import { scalarText } from '../model';
import { falcoMeta, FALCO_REFERENCES } from './common';

/** language.json featureVersions: the engine version (and Falco release) that first accepts each feature. */
const FEATURES = {
  exceptions: { engine: '0.8.0', falco: '0.28.0', what: 'exceptions' },
  override: { engine: '0.31.0', falco: '0.37.0', what: 'the override key' },
  iglob: { engine: '0.40.0', falco: '0.38.0', what: 'the iglob operator' },
  transform: { engine: '0.40.0', falco: '0.38.0', what: 'tolower/toupper/b64 transformers and val()' },
  basename: { engine: '0.43.0', falco: '0.39.0', what: 'the basename transformer' },
  len: { engine: '0.46.0', falco: '0.40.0', what: 'the len transformer' },
  capture: { engine: '0.57.0', falco: '0.42.0', what: 'capture / capture_duration' },
  join: { engine: '0.62.0', falco: '0.44.0', what: 'join/concat transformers' },
  modifiers: { engine: '0.62.0', falco: '0.44.0', what: 'getopt and the oneof/anyof/allof modifiers' },
} as const;
type Feature = keyof typeof FEATURES;

/** "0.31.0" or a bare integer N (old style, read as 0.N.0). */
export function parseEngineVersion(text: string): number[] | undefined {
  if (/^\d+$/.test(text.trim())) return [0, Number(text), 0];
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function older(a: number[], b: number[]): boolean {
  for (let index = 0; index < 3; index++) if (a[index] !== b[index]) return a[index] < b[index];
  return false;
}

export default defineFalcoRule({
  meta: falcoMeta({
    id: 'falco-engine-version',
    title: 'required_engine_version must cover the features the file uses',
    description:
      'When a file declares `required_engine_version`, reports features that need a newer engine: exceptions (engine 8), `override` (0.31.0), `iglob`, `tolower`/`toupper`/`b64`/`val()` (0.40.0), `basename` (0.43.0), `len` (0.46.0), `capture` (0.57.0), `join`/`concat`, `getopt` and modifiers (0.62.0). Also reports versions that are neither an integer nor `x.y.z`.',
    rationale: 'The declared version is the promise an older Falco checks: with a too-low requirement, an old Falco starts loading the file and then fails on the newer syntax with a confusing error instead of a clear version message.',
    remediation: 'Raise `required_engine_version` to the version the message names.',
    defaultSeverity: 'warning',
    fix: 'safe',
    references: [{ title: 'Falco: rule versioning', url: 'https://falco.org/docs/concepts/rules/versioning/' }, ...FALCO_REFERENCES],
  }),
  check(context) {
    const declaration = context.items.find((item) => item.kind === 'required_engine_version');
    const value = scalarText(declaration?.keys.get('required_engine_version'));
    if (!declaration || !value) return;
    const declared = parseEngineVersion(value.text);
    const span = nodeSpan(value.node as Node) ?? { start: 0, end: 1 };
    if (!declared) {
      context.report({ span, severity: 'error', message: `Unable to parse engine version "${value.text}": expected an integer or "x.y.z".` });
      return;
    }
    const used = new Set<Feature>();
    for (const item of context.items) {
      if (item.keys.has('exceptions')) used.add('exceptions');
      if (item.keys.has('override')) used.add('override');
      if (item.keys.has('capture') || item.keys.has('capture_duration')) used.add('capture');
    }
    for (const parsed of context.conditions) {
      if (!parsed.ast) continue;
      walkCondition(parsed.ast, (node) => {
        if (node.type === 'check' && node.operator === 'iglob') used.add('iglob');
        if (node.type === 'check' && node.modifier) used.add('modifiers');
        if (node.type !== 'transformer') return;
        if (['tolower', 'toupper', 'b64', 'val'].includes(node.name)) used.add('transform');
        else if (node.name === 'basename') used.add('basename');
        else if (node.name === 'len') used.add('len');
        else if (node.name === 'join' || node.name === 'concat') used.add('join');
        else if (node.name === 'getopt') used.add('modifiers');
      });
    }
    const needed = [...used].filter((feature) => older(declared, parseEngineVersion(FEATURES[feature].engine) as number[]));
    if (needed.length === 0) return;
    const highest = needed.map((feature) => FEATURES[feature].engine).sort((a, b) => (older(parseEngineVersion(a) as number[], parseEngineVersion(b) as number[]) ? 1 : -1))[0];
    const scalar = value.node as Scalar;
    context.report({
      span,
      message: `This file uses ${needed.map((feature) => `${FEATURES[feature].what} (engine ${FEATURES[feature].engine}, Falco ${FEATURES[feature].falco})`).join(', ')}, but requires only engine ${value.text}: raise required_engine_version to ${highest}.`,
      fixes: [{ title: `Require engine ${highest}`, safe: true, edits: [{ span, newText: scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE' ? JSON.stringify(highest) : highest }] }],
    });
  },
});
