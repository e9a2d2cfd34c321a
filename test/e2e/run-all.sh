#!/usr/bin/env bash
# `npm run test:e2e`: tools (idempotent), build, then the extension suite (@vscode/test-electron + code-shim), the
# browser suite and Neovim as a second LSP client. Every suite runs even when an earlier one fails; the exit code is
# non-zero when any failed.
set -uo pipefail
cd "$(dirname "$0")/../.."

seconds() { echo $(( $(date +%s) - $1 )); }

start=$(date +%s)
bash test/e2e/setup.sh || exit 1
echo "editor-e2e: setup $(seconds "$start") s"

start=$(date +%s)
npm run build --silent || exit 1
echo "editor-e2e: build $(seconds "$start") s"

start=$(date +%s)
VSCODE_EXECUTABLE="$PWD/test/e2e/code-shim.mjs" node out/test/extension/run.js
extension_status=$?
echo "editor-e2e: extension suite exit $extension_status in $(seconds "$start") s"

start=$(date +%s)
node test/e2e/ui.mjs
browser_status=$?
echo "editor-e2e: browser suite exit $browser_status in $(seconds "$start") s"

start=$(date +%s)
bash test/e2e/nvim.sh
nvim_status=$?
echo "editor-e2e: Neovim suite exit $nvim_status in $(seconds "$start") s"

(( extension_status == 0 && browser_status == 0 && nvim_status == 0 ))
