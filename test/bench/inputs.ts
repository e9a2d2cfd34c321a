/** The bench's input files: generated ones written to bench/.tmp, and the official Falco rules when available. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFalcoRules, generateManifests, generateSeccompProfile } from './generate';

export type InputKind = 'kubernetes' | 'seccomp' | 'falco';

export interface BenchInput {
  name: string;
  kind: InputKind;
  path: string;
  uri: string;
  text: string;
  lines: number;
  languageId: string;
  /** Where the text came from, for the report. */
  origin: string;
}

function input(name: string, kind: InputKind, path: string, text: string, origin: string): BenchInput {
  return { name, kind, path, uri: pathToFileURL(path).toString(), text, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), languageId: path.endsWith('.json') ? 'json' : 'yaml', origin };
}

function writeGenerated(dir: string, file: string, kind: InputKind, text: string, origin: string): BenchInput {
  const path = join(dir, file);
  writeFileSync(path, text);
  return input(file, kind, path, text, origin);
}

/**
 * The official Falco rule files are not vendored (their licence and size belong upstream): point WG_BENCH_FALCO_RULES
 * at `falco_rules.yaml` or at the `rules/` folder of a falcosecurity/rules checkout, or put them in
 * ../shared/data/falco/rules/.
 */
export function officialFalcoFiles(root: string): string[] {
  const candidates = [process.env.WG_BENCH_FALCO_RULES, join(root, '..', 'shared', 'data', 'falco', 'rules')].filter((candidate): candidate is string => !!candidate);
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    if (statSync(candidate).isFile()) return [candidate];
    const files = readdirSync(candidate)
      .filter((name) => /^falco.*_rules\.ya?ml$/.test(name))
      .sort((a, b) => (a === 'falco_rules.yaml' ? -1 : b === 'falco_rules.yaml' ? 1 : a.localeCompare(b)));
    if (files.length) return files.map((name) => join(candidate, name));
  }
  return [];
}

export function prepareInputs(root: string, dir: string): BenchInput[] {
  mkdirSync(dir, { recursive: true });
  const inputs = [
    writeGenerated(dir, 'k8s-100.yaml', 'kubernetes', generateManifests(100), 'generated: 100 workloads'),
    writeGenerated(dir, 'k8s-1000.yaml', 'kubernetes', generateManifests(1000), 'generated: 1000 workloads'),
    writeGenerated(dir, 'seccomp-large.json', 'seccomp', generateSeccompProfile(), 'generated: every syscall of the libseccomp table'),
    writeGenerated(dir, 'falco-synthetic.yaml', 'falco', generateFalcoRules(10_000), 'generated: lists, macros and rules using each other'),
  ];
  for (const path of officialFalcoFiles(root)) inputs.push(input(basename(path), 'falco', path, readFileSync(path, 'utf8'), `official: ${path}`));
  return inputs;
}
