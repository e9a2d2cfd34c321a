/**
 * `npm run bench`: prints engine timings on generated manifests. Figures only — no assertions, no thresholds
 * (wall time on shared machines is noisy; CPU time is reported beside it).
 */
import { parseAllDocuments } from 'yaml';
import { analyze } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config';
import { fixAll } from '../../server/src/engine/fixAll';
import { generateManifests } from './generate';

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function measure(run: () => void, repeat: number): { median: Sample; best: Sample } {
  const samples: Sample[] = [];
  for (let i = 0; i < repeat; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    run();
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    samples.push({ wallMs, cpuMs: (used.user + used.system) / 1000 });
  }
  samples.sort((a, b) => a.cpuMs - b.cpuMs);
  return { median: samples[Math.floor(samples.length / 2)], best: samples[0] };
}

function row(label: string, lines: number, result: { median: Sample; best: Sample }): string {
  return `| ${label.padEnd(38)} | ${String(lines).padStart(6)} | ${result.median.cpuMs.toFixed(1).padStart(9)} | ${result.median.wallMs.toFixed(1).padStart(9)} | ${result.best.cpuMs.toFixed(1).padStart(8)} |`;
}

function main(): void {
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('| operation                              |  lines | CPU ms p50 | wall ms p50 | CPU best |');
  console.log('|----------------------------------------|-------:|----------:|----------:|---------:|');
  for (const count of [1, 100, 1000]) {
    const text = generateManifests(count);
    const lines = text.split('\n').length;
    const repeat = count >= 1000 ? 5 : 15;
    console.log(row(`yaml parseAllDocuments (floor), ${count} wl`, lines, measure(() => parseAllDocuments(text, { version: '1.1' }), repeat)));
    console.log(row(`analyze, ${count} workloads`, lines, measure(() => analyze({ uri: 'file:///bench.yaml', text, settings: DEFAULT_SETTINGS }), repeat)));
    if (count <= 100) console.log(row(`fixAll safe, ${count} workloads`, lines, measure(() => fixAll('file:///bench.yaml', text, DEFAULT_SETTINGS, { mode: 'safe' }), 3)));
  }
  const memory = process.memoryUsage();
  console.log(`peak-ish RSS after run: ${(memory.rss / 1024 / 1024).toFixed(0)} MB`);
}

main();
