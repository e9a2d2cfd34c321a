// See server/src/lsp/modules.d.ts: moduleResolution "node" ignores "exports".
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
