/**
 * The floor for the bench: a language server that does nothing but what every YAML server must do — keep each
 * document's text in sync (incremental changes) and parse every version with `yaml` as Workload Guard does — then
 * publishes empty, versioned diagnostics. Run: `node out/test/bench/floor-server.js --stdio`.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
  serverInfo: { name: 'bench-floor' },
}));

documents.onDidChangeContent(({ document }) => {
  // The same options as the engine's parser (documents/yaml.ts), so the floor parses exactly as much.
  parseAllDocuments(document.getText(), { version: '1.1', uniqueKeys: false, prettyErrors: false, strict: false });
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
});
documents.onDidClose(({ document }) => void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }));

documents.listen(connection);
connection.listen();
