/** The bench's results as Markdown tables (printed, and written to bench/RESULTS.md). */
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { clockTicksPerSecond } from './proc';
import { distribution, median, ms, ratio, type Sample } from './stats';

export const FLOOR_LABEL = 'floor (parse only)';
export const WARM_SUFFIX = ' (warm re-open)';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  clockTicks: number;
  loadAverage: string;
}

export interface FirstRow {
  server: string;
  input: string;
  diagnostics: number;
  samples: (Sample & { statCpuMs: number })[];
}

export interface LatencyRow {
  server: string;
  input: string;
  operation: string;
  samples: (Sample & { resultSize?: number })[];
}

export interface TargetRow {
  target: string;
  measured: number;
  unit: string;
  limit: number;
  /** undefined: not measured in this run. */
  pass: boolean | undefined;
  detail?: string;
}

export interface BenchResults {
  quick: boolean;
  startedAt: string;
  finishedAt?: string;
  machine: Machine;
  loadAverageEnd?: string;
  versions: Record<string, string>;
  inputs: { name: string; lines: number; bytes: number; origin: string }[];
  schema: { kinds: number; definitions: number };
  inProcess: { input: string; parseCpuMs: number; analyzeCpuMs: number }[];
  first: FirstRow[];
  latency: LatencyRow[];
  /** peakRssMiB: the median of the sessions' peaks, all of which are in `peaks`. */
  rss: { server: string; input: string; peakRssMiB: number; peaks: number[]; after: string }[];
  cli: { input: string; wallMs: number; cpuMs: number; peakRssMiB: number; exitCode: number }[];
  yamlLsCheck?: { ok: boolean; detail: string };
  targets: TargetRow[];
  note?: string;
}

export function machineInfo(): Machine {
  const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? '?';
  return {
    cpuModel: model.trim(),
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    clockTicks: clockTicksPerSecond(),
    loadAverage: loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
  };
}

/** A Markdown table; the first `textColumns` columns are left-aligned, the rest (numbers) right-aligned. */
function table(header: string[], rows: string[][], textColumns = 2): string {
  const align = header.map((_, index) => (index < textColumns ? '---' : '---:'));
  return [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function firstTable(results: BenchResults): string {
  // Warm rows compare with the floor's warm row, cold with cold.
  const floorCpu = (server: string, input: string): number => {
    const floor = server.endsWith(WARM_SUFFIX) ? `${FLOOR_LABEL}${WARM_SUFFIX}` : FLOOR_LABEL;
    const row = results.first.find((entry) => entry.server === floor && entry.input === input);
    return row ? median(row.samples.map((sample) => sample.cpuMs)) : Number.NaN;
  };
  const parseCpu = (input: string): number => results.inProcess.find((entry) => entry.input === input)?.parseCpuMs ?? Number.NaN;
  const inputOrder = (input: string): number => results.inputs.findIndex((entry) => entry.name === input);
  const serverOrder = [...new Set(results.first.map((row) => row.server.replace(WARM_SUFFIX, '')))];
  const rank = (row: FirstRow): number => inputOrder(row.input) * 100 + serverOrder.indexOf(row.server.replace(WARM_SUFFIX, '')) * 2 + (row.server.endsWith(WARM_SUFFIX) ? 1 : 0);
  const rows = [...results.first].sort((a, b) => rank(a) - rank(b)).map((row) => {
    const cpu = median(row.samples.map((sample) => sample.cpuMs));
    return [
      row.server,
      row.input,
      String(row.samples.length),
      ms(median(row.samples.map((sample) => sample.wallMs))),
      ms(cpu),
      ms(median(row.samples.map((sample) => sample.statCpuMs))),
      ratio(cpu / floorCpu(row.server, row.input)),
      ratio(cpu / parseCpu(row.input)),
      String(row.diagnostics),
    ];
  });
  return table(['server', 'file', 'runs', 'wall ms (median)', 'CPU ms (median)', 'CPU ms by ticks', 'vs floor server', 'vs bare parse', 'diagnostics'], rows);
}

function latencyTable(results: BenchResults): string {
  const rows = results.latency.map((row) => {
    const wall = distribution(row.samples.map((sample) => sample.wallMs));
    const cpu = distribution(row.samples.map((sample) => sample.cpuMs));
    const sizes = row.samples.map((sample) => sample.resultSize).filter((size): size is number => size !== undefined);
    return [
      row.server,
      row.input,
      row.operation,
      String(cpu.n),
      `${ms(cpu.p50)} / ${ms(cpu.p95)} / ${ms(cpu.p99)} / ${ms(cpu.max)}`,
      `${ms(wall.p50)} / ${ms(wall.p95)} / ${ms(wall.p99)} / ${ms(wall.max)}`,
      sizes.length ? (sizes.reduce((sum, size) => sum + size, 0) / sizes.length).toFixed(1) : '',
    ];
  });
  return table(['server', 'file', 'operation', 'n', 'CPU ms p50 / p95 / p99 / max', 'wall ms p50 / p95 / p99 / max', 'avg result size'], rows, 3);
}

function verdict(row: TargetRow): string {
  if (row.pass === undefined) return 'not measured';
  return row.pass ? 'PASS' : 'miss';
}

export function renderReport(results: BenchResults): string {
  const m = results.machine;
  const parts: string[] = [
    '# Workload Guard benchmark results',
    '',
    'Written by `npm run bench` (`test/bench/bench.ts`). Every figure comes from one run on one machine: compare',
    'figures within this file only. CPU times are the server process\'s own (all threads, from',
    '`/proc/<pid>/task/*/schedstat`; the tick-based `/proc/<pid>/stat` utime+stime is shown as a cross-check);',
    'wall times include the server\'s 50 ms diagnostics debounce and the noise of a shared machine.',
    '',
    ...(results.note ? [`> ${results.note}`, ''] : []),
    '## Machine and versions',
    '',
    `- CPU: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.platform}; CLK_TCK ${m.clockTicks}`,
    `- Load average at start: ${m.loadAverage}; at end: ${results.loadAverageEnd ?? '?'}`,
    `- Run: ${results.startedAt} → ${results.finishedAt ?? '?'}${results.quick ? ' (BENCH_QUICK=1: fewer repetitions)' : ''}`,
    `- ${Object.entries(results.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    `- yaml-language-server schema: ${results.schema.kinds} top-level kinds (${results.schema.definitions} definitions) from kubernetes-models, mapped to \`*.yaml\`; SchemaStore and CRD store off.`,
    `- yaml-language-server schema check: ${results.yamlLsCheck ? `${results.yamlLsCheck.ok ? 'OK' : 'FAILED (its timings are not trustworthy)'} — ${results.yamlLsCheck.detail}` : 'not run'}`,
    '',
    '## Targets',
    '',
    table(
      ['target', 'measured', 'verdict'],
      results.targets.map((row) => [row.target, `${Number.isFinite(row.measured) ? `${ms(row.measured)} ${row.unit}` : '–'}${row.detail ? ` (${row.detail})` : ''}`, verdict(row)]),
      1,
    ),
    '',
    '## Inputs',
    '',
    table(
      ['file', 'origin', 'lines', 'KiB'],
      results.inputs.map((input) => [input.name, input.origin, String(input.lines), (input.bytes / 1024).toFixed(0)]),
    ),
    '',
    '## Open → first diagnostics (fresh server per run)',
    '',
    'yaml-language-server had already loaded its schema (its check document was opened first in the same session), which',
    'leaves the schema loading and compilation out of its figure. "(warm re-open)" rows: the same file closed and opened',
    'again in that session, i.e. the server\'s code already loaded and compiled.',
    '',
    firstTable(results),
    '',
    '## Edits, completion, hover (same session, after the open above)',
    '',
    'Edits are single incremental `didChange`s of a few characters at lines spread over the file (typing in an image',
    'name, typing in a comment, flipping `allowPrivilegeEscalation`), each timed until diagnostics for its version arrive.',
    'The first edits after the open are a row of their own: V8 compiles the edit path then, on background threads whose',
    'CPU counts here; the per-edit target is read from the edits after them.',
    '',
    latencyTable(results),
    '',
    '## Peak RSS (VmHWM of the server process)',
    '',
    table(
      ['server', 'file', 'after', 'MiB'],
      results.rss.map((row) => [row.server, row.input, row.after, row.peakRssMiB.toFixed(0)]),
      3,
    ),
    '',
    '## In-process (this process, warm, median)',
    '',
    table(
      ['file', 'yaml parseAllDocuments CPU ms (the floor)', 'engine analyze() CPU ms'],
      results.inProcess.map((row) => [row.input, ms(row.parseCpuMs), ms(row.analyzeCpuMs)]),
      1,
    ),
    '',
    '## CLI (`workload-guard scan --format json`, whole process incl. start-up)',
    '',
    table(
      ['file', 'wall ms', 'CPU ms', 'peak RSS MiB', 'exit code'],
      results.cli.map((row) => [row.input, ms(row.wallMs), ms(row.cpuMs), row.peakRssMiB.toFixed(0), String(row.exitCode)]),
      1,
    ),
    '',
  ];
  return parts.join('\n');
}
