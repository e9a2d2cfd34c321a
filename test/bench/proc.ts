/**
 * CPU and memory of another process, read from /proc (Linux only).
 *
 * Per operation we sum the first field of /proc/<pid>/task/<tid>/schedstat (nanoseconds on CPU) over the process's
 * threads: /proc/<pid>/stat utime+stime count clock ticks (usually 10 ms), too coarse for a 2 ms completion.
 * The tick counters are still read for each whole session as a cross-check of the summed nanoseconds.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let clockTicks: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`). */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    const parsed = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    clockTicks = Number.isFinite(parsed) && parsed > 0 ? parsed : 100;
  }
  return clockTicks;
}

/** Nanoseconds on CPU of all live threads of `pid`. */
export function cpuNanoseconds(pid: number): number {
  let total = 0;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return Number.NaN;
  }
  for (const tid of tasks) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between readdir and read: its time is lost, as it is for the tick counters.
    }
  }
  return total;
}

/** utime+stime of `pid` in milliseconds, from /proc/<pid>/stat (resolution: one clock tick). */
export function statCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond();
}

/** Peak resident set size (VmHWM) of `pid` in MiB. */
export function peakRssMiB(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** A CPU stopwatch on another process: milliseconds of CPU since `start()`. */
export class CpuMeter {
  private startNs = 0;
  constructor(private readonly pid: number) {}
  start(): void {
    this.startNs = cpuNanoseconds(this.pid);
  }
  elapsedMs(): number {
    return (cpuNanoseconds(this.pid) - this.startNs) / 1e6;
  }
}

/** Waits until `pid` has used less than `quietMs` of CPU over `windowMs` (start-up and indexing are over), at most `maxMs`. */
export async function waitUntilIdle(pid: number, windowMs = 150, quietMs = 2, maxMs = 10_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = cpuNanoseconds(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = cpuNanoseconds(pid);
    if ((now - last) / 1e6 < quietMs) return;
    last = now;
  }
}
