// Property tests over every analyzer (fast-check, seeded so a failure reproduces): random edits and truncations of
// the fixtures and examples never break the engine, ranges stay inside the document, and fixes are trustworthy.
// The same properties run longer with `npm run fuzz` (FUZZ_RUNS, FUZZ_SEED).
import { test } from 'node:test';
import fc from 'fast-check';
import { describeSample, loadCorpus, properties, type Sample } from '../fuzz/properties';

const SEED = 20261125;
const RUNS = 200;
const corpus = loadCorpus();

for (const { name, property } of properties(corpus)) {
  // A hang fails the test instead of blocking the suite; the limit is far above a normal run.
  test(name, { timeout: 120_000 }, () => {
    fc.assert(property as fc.IProperty<[Sample, ...unknown[]]>, {
      seed: SEED,
      numRuns: RUNS,
      reporter: (details) => {
        if (!details.failed) return;
        const sample = details.counterexample?.[0] as Sample | undefined;
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`${error}\n(seed ${details.seed}, path ${details.counterexamplePath})\n${sample ? describeSample(sample) : ''}`);
      },
    });
  });
}
