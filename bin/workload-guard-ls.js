#!/usr/bin/env node
'use strict';
// The language server for any LSP client: `workload-guard-ls --stdio`.
require('../dist/server.js').main();
