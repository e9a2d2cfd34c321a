#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../engine/registry';
import { CATEGORY_TITLES } from '../engine/rule';
import { parseRulesArgs, parseScanArgs, UsageError, type ScanOptions } from './args';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { readConfigFile, type ProjectConfig } from './projectConfig';
import { failsAt, scan } from './scan';
import { runSeccomp, SECCOMP_USAGE } from './seccompCommand';
import { packageInfo } from '../packageInfo';

const PACKAGE_VERSION = packageInfo()?.version ?? '0.0.0';

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  isTty: boolean;
  env: Record<string, string | undefined>;
}

const USAGE = `Usage:
  workload-guard scan [options] [PATH...]   check Kubernetes manifests, seccomp profiles and Falco rules
  workload-guard rules [--format text|json] list every rule
${SECCOMP_USAGE}
  workload-guard --version | --help | help scan

Scan options:
  -f, --format text|json|sarif                 output format (default text)
      --pss-level baseline|restricted          Pod Security Standards level (default restricted, or the config)
      --kubernetes-version 1.NN|latest         apply the pod-security-admission checks of that version
      --fix                                    apply safe fixes in place, then report what is left
      --fail-on error|warning|information|hint|none
                                               exit 1 when a finding at or above this severity remains (default error)
  -c, --config FILE                            use this config instead of the nearest .workload-guard.yaml
      --no-config                              ignore project config files
      --color / --no-color                     force or disable colours (default: on a terminal, unless NO_COLOR)

PATH: files or directories (searched recursively for *.yaml, *.yml, *.json); "-" reads standard input. Default ".".
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or I/O error.
`;

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        if (rest.includes('--help') || rest.includes('-h')) return printUsage(io);
        return runScan(parseScanArgs(rest, io.isTty && !io.env.NO_COLOR), io);
      case 'rules':
        return runRules(parseRulesArgs(rest).format, io);
      case 'seccomp':
        return runSeccomp(rest, io);
      case 'help':
      case '--help':
      case '-h':
        return printUsage(io);
      case '--version':
      case '-v':
      case 'version':
        io.stdout(`${PACKAGE_VERSION}\n`);
        return EXIT.clean;
      case undefined:
        io.stderr(USAGE);
        return EXIT.usage;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`workload-guard: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
}

function printUsage(io: Io): number {
  io.stdout(USAGE);
  return EXIT.clean;
}

function runScan(options: ScanOptions, io: Io): number {
  let config: ProjectConfig | undefined;
  if (options.configPath) {
    try {
      config = readConfigFile(path.resolve(io.cwd, options.configPath));
    } catch (error) {
      io.stderr(`workload-guard: cannot read config ${options.configPath} (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
      return EXIT.usage;
    }
  }
  const result = scan({ paths: options.paths, cwd: io.cwd, flags: options.flags, fix: options.fix, config, noConfig: options.noConfig, readStdin: io.readStdin });
  for (const error of result.errors) io.stderr(`workload-guard: ${error}\n`);
  if (options.fix) {
    const fixed = result.files.filter((file) => file.fixed > 0);
    if (options.format !== 'text') for (const file of fixed) io.stderr(`${file.path}: applied ${file.fixed} fix${file.fixed === 1 ? '' : 'es'}\n`);
  }
  if (options.format === 'json') io.stdout(formatJson(result.files));
  else if (options.format === 'sarif') io.stdout(formatSarif(result.files, PACKAGE_VERSION));
  else io.stdout(formatText(result.files, options.color));
  if (result.errors.length > 0) return EXIT.usage;
  const failing = result.files.some((file) => file.findings.some((finding) => failsAt(finding.severity, options.failOn)));
  return failing ? EXIT.findings : EXIT.clean;
}

function runRules(format: 'text' | 'json', io: Io): number {
  if (format === 'json') {
    const rules = ALL_RULES.map((meta) => ({ id: meta.id, title: meta.title, category: meta.category, defaultSeverity: meta.defaultSeverity, fix: meta.fix, fileKind: meta.fileKind, ...(meta.pss ? { pss: meta.pss } : {}) }));
    io.stdout(`${JSON.stringify({ version: 1, rules }, null, 2)}\n`);
    return EXIT.clean;
  }
  const idWidth = Math.max(...ALL_RULES.map((meta) => meta.id.length));
  const lines: string[] = [];
  for (const category of [...new Set(ALL_RULES.map((meta) => meta.category))]) {
    lines.push(`${CATEGORY_TITLES[category]}:`);
    for (const meta of ALL_RULES.filter((rule) => rule.category === category)) {
      const fix = meta.fix === 'none' ? '' : ` [fix: ${meta.fix}]`;
      lines.push(`  ${meta.id.padEnd(idWidth)}  ${meta.defaultSeverity.padEnd(11)}  ${meta.title}${fix}`);
    }
    lines.push('');
  }
  io.stdout(`${lines.join('\n')}${ALL_RULES.length} rules. Docs: docs/rules/<id>.md\n`);
  return EXIT.clean;
}

function processIo(): Io {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => fs.readFileSync(0, 'utf8'),
    isTty: process.stdout.isTTY === true,
    env: process.env,
  };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`workload-guard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
