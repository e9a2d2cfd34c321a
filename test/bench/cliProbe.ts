/**
 * Preloaded into the CLI under test (`node --require out/test/bench/cliProbe.js bin/workload-guard.js scan ...`):
 * when the process exits it writes its own CPU time and peak RSS to the file named by WG_BENCH_PROBE, which a
 * parent cannot read from /proc once the child is gone.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.WG_BENCH_PROBE;
if (target) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    writeFileSync(target, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
  });
}
