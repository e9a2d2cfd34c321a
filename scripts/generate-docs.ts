// `npm run docs` writes docs/rules/; `npm run docs:check` exits 1 when a committed page is stale or orphaned.
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, renderRuleDocs } from './docs';

export interface DocsDrift {
  stale: string[];
  orphaned: string[];
}

export function docsDrift(): DocsDrift {
  const expected = renderRuleDocs();
  const stale = [...expected].filter(([path, text]) => !existsSync(join(REPO_ROOT, path)) || readFileSync(join(REPO_ROOT, path), 'utf8') !== text).map(([path]) => path);
  const dir = join(REPO_ROOT, 'docs', 'rules');
  const present = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.md')).map((name) => `docs/rules/${name}`) : [];
  const orphaned = present.filter((path) => !expected.has(path));
  return { stale, orphaned };
}

function main(): void {
  if (process.argv.includes('--check')) {
    const { stale, orphaned } = docsDrift();
    if (stale.length || orphaned.length) {
      for (const path of stale) console.error(`stale: ${path}`);
      for (const path of orphaned) console.error(`orphaned: ${path}`);
      console.error('Rule docs are out of date: run `npm run docs` and commit the result.');
      process.exit(1);
    }
    console.log('Rule docs are up to date.');
    return;
  }
  mkdirSync(join(REPO_ROOT, 'docs', 'rules'), { recursive: true });
  const { orphaned } = docsDrift();
  for (const path of orphaned) unlinkSync(join(REPO_ROOT, path));
  let written = 0;
  for (const [path, text] of renderRuleDocs()) {
    const target = join(REPO_ROOT, path);
    if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
    writeFileSync(target, text);
    written++;
  }
  console.log(`docs/rules: ${written} written, ${orphaned.length} removed.`);
}

if (require.main === module) main();
