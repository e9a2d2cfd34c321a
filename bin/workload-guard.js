#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled into dist/cli.js by `npm run build` (run by `npm ci` through "prepare").
const { main } = require('../dist/cli.js');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`workload-guard: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
