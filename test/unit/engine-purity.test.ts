// The engine is pure (text in, findings out) so the CLI, the server and tests share it: no IO, no LSP, no vscode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const ENGINE = join(ROOT, 'server', 'src', 'engine');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function forbidden(specifier: string): string | undefined {
  if (BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0])) return 'a Node built-in (IO belongs to the CLI and the server)';
  if (specifier === 'vscode' || specifier.startsWith('vscode-languageserver') || specifier.startsWith('vscode-languageclient') || specifier.startsWith('vscode-jsonrpc')) {
    return 'LSP/VS Code (only server/src/lsp and client know them)';
  }
  if (specifier.startsWith('.') && /\/(lsp|cli|features)\//.test(`${specifier}/`)) return 'a module outside the engine';
  return undefined;
}

test('no engine module imports fs, other Node built-ins, LSP or vscode', () => {
  const files = sources(ENGINE);
  assert.ok(files.length > 20, 'engine sources found');
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
      const reason = forbidden(specifier);
      if (reason) problems.push(`${relative(ROOT, file)} imports "${specifier}": ${reason}`);
    }
    if (/\bprocess\.(env|cwd|argv|stdout|stderr|exit)\b/.test(text)) problems.push(`${relative(ROOT, file)} uses the process environment`);
  }
  assert.deepEqual(problems, []);
});

test('the purity check itself catches forbidden imports', () => {
  assert.ok(forbidden('fs'));
  assert.ok(forbidden('node:fs/promises'));
  assert.ok(forbidden('vscode-languageserver/node'));
  assert.ok(forbidden('../lsp/server'));
  assert.equal(forbidden('yaml'), undefined);
  assert.equal(forbidden('./documents/yaml'), undefined);
});
