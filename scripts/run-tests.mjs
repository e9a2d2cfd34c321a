// Runs every compiled test (out/test/**/*.test.js) with node:test, except the VS Code integration suite, which
// needs an editor binary and runs through `npm run test:vscode`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(import.meta.dirname, '..');
const testRoot = join(root, 'out', 'test');
const skip = new Set([join(testRoot, 'extension')]);

function collect(dir) {
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (skip.has(path)) continue;
    if (statSync(path).isDirectory()) files.push(...collect(path));
    else if (name.endsWith('.test.js')) files.push(path);
  }
  return files;
}

const files = collect(testRoot);
if (files.length === 0) {
  console.error('No compiled tests found under out/test: run `npm run build` first.');
  process.exit(1);
}
console.log(`Running ${files.length} test files: ${files.map((file) => relative(root, file)).join(', ')}`);
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
