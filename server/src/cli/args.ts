import { parseArgs } from 'node:util';
import { parseKubernetesMinor, type PartialSettings } from '../engine/config';
import { SEVERITIES, type Severity } from '../engine/types';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export interface ScanOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  failOn: FailOn;
  /** Explicit config file (--config); undefined means discovery, unless noConfig. */
  configPath?: string;
  noConfig: boolean;
  /** Settings from flags: they beat the project config. */
  flags: PartialSettings;
  color: boolean;
}

export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'none'];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

export function parseScanArgs(argv: string[], colorDefault: boolean): ScanOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'pss-level': { type: 'string' },
        'kubernetes-version': { type: 'string' },
        fix: { type: 'boolean' },
        'fail-on': { type: 'string' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(error));
  }
  const { values, positionals } = parsed;
  const flags: PartialSettings = {};
  if (values['pss-level'] !== undefined) flags.pssLevel = oneOf('pss-level', values['pss-level'], ['baseline', 'restricted'] as const, 'restricted');
  const version = values['kubernetes-version'];
  if (version !== undefined) {
    if (parseKubernetesMinor(version) === undefined) throw new UsageError(`--kubernetes-version must be "latest" or a version like 1.30 (got "${version}")`);
    flags.kubernetesVersion = version;
  }
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config exclude each other');
  const paths = positionals.length ? positionals : ['.'];
  if (values.fix && paths.includes('-')) throw new UsageError('--fix cannot write to standard input; pass file paths');
  return {
    paths,
    format: oneOf('format', values.format, FORMATS, 'text'),
    fix: values.fix === true,
    failOn: oneOf('fail-on', values['fail-on'], FAIL_ON, 'error'),
    configPath: values.config,
    noConfig: values['no-config'] === true,
    flags,
    color: values['no-color'] ? false : values.color ? true : colorDefault,
  };
}

export function parseRulesArgs(argv: string[]): { format: 'text' | 'json' } {
  try {
    const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { format: { type: 'string', short: 'f' } } });
    return { format: oneOf('format', values.format, ['text', 'json'] as const, 'text') };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
