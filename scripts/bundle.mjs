// Bundles the extension, the language server and the CLI into dist/ so the packaged extension and the npm bins
// need no node_modules at runtime except `vscode` (provided by the editor).
import { build } from 'esbuild';

// mainFields: jsonc-parser's UMD "main" build breaks when bundled; its ESM "module" build bundles cleanly.
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none', mainFields: ['module', 'main'] };

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);
