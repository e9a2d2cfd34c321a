import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { profileFromAudit, profileFromStrace } from '../engine/seccomp/generate';
import { UsageError } from './args';
import type { Io } from './main';

export const SECCOMP_USAGE = `  workload-guard seccomp from-strace FILE [--arch SCMP_ARCH_X86_64 ...] [-o OUT]
  workload-guard seccomp from-audit FILE [-o OUT]      build an allow-list profile ("-" reads stdin)`;

/** `seccomp from-strace|from-audit`: 0 profile without problems, 1 profile with problems, 2 nothing usable. */
export function runSeccomp(argv: string[], io: Io): number {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'from-strace' && subcommand !== 'from-audit') throw new UsageError(`unknown seccomp command "${subcommand ?? ''}": use from-strace or from-audit`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { arch: { type: 'string', multiple: true }, output: { type: 'string', short: 'o' } } });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [file, extra] = parsed.positionals;
  if (!file || extra !== undefined) throw new UsageError(`seccomp ${subcommand} takes exactly one input FILE (or - for stdin)`);
  if (subcommand === 'from-audit' && parsed.values.arch) throw new UsageError('from-audit reads the architecture from each audit line; --arch is for from-strace');
  let input: string;
  try {
    input = file === '-' ? io.readStdin() : fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr(`workload-guard: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
    return 2;
  }
  const result = subcommand === 'from-strace' ? profileFromStrace(input, { arches: parsed.values.arch }) : profileFromAudit(input);
  for (const problem of result.problems) io.stderr(`${file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}\n`);
  if (result.syscallCount === 0) {
    io.stderr(`workload-guard: no system calls found in ${file}; no profile written.\n`);
    return 2;
  }
  if (parsed.values.output) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, parsed.values.output), result.text);
    } catch (error) {
      io.stderr(`workload-guard: cannot write ${parsed.values.output} (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
      return 2;
    }
    io.stderr(`${parsed.values.output}: allow-list of ${result.syscallCount} system calls\n`);
  } else io.stdout(result.text);
  return result.problems.length > 0 ? 1 : 0;
}
