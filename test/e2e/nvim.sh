#!/usr/bin/env bash
# Neovim end-to-end test: Neovim, headless, as a real and independent LSP client of workload-guard-ls
# (test/e2e/nvim/init.lua starts the server, test/e2e/nvim/e2e.lua runs the checks).
# Builds nothing: run `npm run build` first. When `nvim` is missing it installs Debian's neovim with apt (needs root).
set -euo pipefail
cd "$(dirname "$0")/../.."

# Debian bookworm's package. The test uses Neovim 0.7 APIs only (no vim.lsp.start).
NEOVIM_APT_VERSION='0.7.2-*'
# A guard against a hung editor, far above a normal run (about 1 s); the checks themselves wait on conditions.
RUN_LIMIT=300s

die() {
  echo "test:nvim: $*" >&2
  exit 1
}

[ -f dist/server.js ] || die "dist/server.js is missing: run \`npm run build\` first"
command -v node >/dev/null || die "node is not on PATH"

if ! command -v nvim >/dev/null; then
  [ "$(id -u)" -eq 0 ] || die "nvim is missing and only root may install it: install neovim (0.7 or newer) and re-run"
  command -v apt-get >/dev/null || die "nvim is missing and there is no apt-get: install neovim (0.7 or newer) and re-run"
  echo "test:nvim: installing Debian neovim=$NEOVIM_APT_VERSION"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "neovim=$NEOVIM_APT_VERSION" >/dev/null ||
    die "apt-get install neovim=$NEOVIM_APT_VERSION failed"
  command -v nvim >/dev/null || die "neovim was installed but nvim is still not on PATH"
fi

version_line=$(nvim --version | head -n 1)
if [[ ! $version_line =~ ^NVIM\ v([0-9]+)\.([0-9]+) ]] || { [ "${BASH_REMATCH[1]}" -eq 0 ] && [ "${BASH_REMATCH[2]}" -lt 7 ]; }; then
  die "Neovim 0.7 or newer is needed, found: $version_line"
fi
echo "test:nvim: $version_line, node $(node --version)"

# Neovim's config, state, LSP log and temp files (the test's workspace copy) stay in one scratch folder.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
export TMPDIR="$scratch"

status=0
timeout "$RUN_LIMIT" nvim --headless -n -i NONE -u test/e2e/nvim/init.lua -c 'luafile test/e2e/nvim/e2e.lua' </dev/null || status=$?
if [ "$status" -ne 0 ]; then
  [ "$status" -eq 124 ] && echo "test:nvim: Neovim did not finish within $RUN_LIMIT" >&2
  log="$XDG_CACHE_HOME/nvim/lsp.log"
  if [ -s "$log" ]; then
    echo "test:nvim: last lines of Neovim's lsp.log:" >&2
    tail -n 40 "$log" >&2
  fi
  exit "$status"
fi
