// tsconfig uses moduleResolution "node", which ignores package "exports"; Node and esbuild resolve the subpath.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
declare module 'vscode-languageclient' {
  export * from 'vscode-languageclient/lib/common/api';
}
