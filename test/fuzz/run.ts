// The long fuzz run (not part of `npm test`): `npm run fuzz`, or `FUZZ_RUNS=5000 FUZZ_SEED=42 npm run fuzz`.
// Prints per property the runs, the time and the slowest single input; exits 1 with the shrunk counterexample.
import fc from 'fast-check';
import { describeSample, loadCorpus, properties, type Sample } from './properties';

function main(): void {
  const numRuns = Number(process.env.FUZZ_RUNS ?? 2000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
  const corpus = loadCorpus();
  console.log(`fuzz: ${corpus.length} corpus files, ${numRuns} runs per property, seed ${seed} (FUZZ_SEED=${seed} reproduces)`);
  let slowest: { milliseconds: number; sample?: Sample } = { milliseconds: 0 };
  let failed = false;
  for (const { name, property } of properties(corpus, (sample, milliseconds) => {
    if (milliseconds > slowest.milliseconds) slowest = { milliseconds, sample };
  })) {
    slowest = { milliseconds: 0 };
    const started = performance.now();
    const details = fc.check(property as fc.IProperty<[Sample, ...unknown[]]>, { numRuns, seed });
    const seconds = (performance.now() - started) / 1000;
    const slow = slowest.sample ? `; slowest run ${slowest.milliseconds.toFixed(0)} ms (${slowest.sample.file.name}, ${slowest.sample.edits.length} edits)` : '';
    console.log(`${details.failed ? 'FAIL' : 'ok  '} ${name}: ${details.numRuns} runs in ${seconds.toFixed(1)} s${slow}`);
    if (details.failed) {
      failed = true;
      console.log(`  seed ${details.seed}, path ${details.counterexamplePath ?? ''}`);
      console.log(`  ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
      const counterexample = details.counterexample?.[0] as Sample | undefined;
      if (counterexample) console.log(`  ${describeSample(counterexample)}${details.counterexample && details.counterexample.length > 1 ? `\n  with ${JSON.stringify(details.counterexample.slice(1))}` : ''}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main();
