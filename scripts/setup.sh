#!/usr/bin/env bash
# Installs every tool the project needs, skipping whatever is already there.
#   scripts/setup.sh            tools to build and run (wasm target, Trunk, wasm-bindgen CLI, npm packages)
#   scripts/setup.sh --test     also what the tests need (Debian chromium, chromium-driver, zbar-tools,
#                               nginx-light with its brotli module)
# Nothing here downloads a prebuilt tool: Rust tools come from crates.io, wasm-opt from the
# npm package `binaryen` (never Debian's binaryen: its wasm-opt 108 breaks the app).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '[setup] %s\n' "$*" >&2; }
export PATH="$HOME/.cargo/bin:$PATH"

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly.
wbg_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding rust component $component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

[ -f Cargo.lock ] || cargo generate-lockfile
WBG=$(wbg_version)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG"; then
  say "installing wasm-bindgen-cli $WBG"
  # Not --locked: its lock file names a webpki-roots version the registry does not have.
  cargo install wasm-bindgen-cli --version "$WBG"
fi

# Splits the wasm at the app's split points (scripts/split-wasm.mjs, Trunk's post_build hook).
WASM_SPLIT_VERSION=0.2.4
SCHEMATHESIS_VERSION=4.32.5
# (It has no --version: cargo's own record of installed crates says which one is there.)
if ! command -v wasm-split-cli >/dev/null 2>&1 \
  || ! grep -q "\"wasm_split_cli_support $WASM_SPLIT_VERSION " "$HOME/.cargo/.crates.toml" 2>/dev/null; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  say "installing npm packages (binaryen, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi

if [ "$want_test" = 1 ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
  # the static-hosting journeys (e2e/static-host.test.mjs) serve dist/ with nginx
  [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
  if ! python3 -c 'import openapi_spec_validator' 2>/dev/null; then
    say "installing openapi-spec-validator (PyPI) to validate the published OpenAPI document"
    python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator
  fi
  # run as `python3 -m schemathesis.cli` (no `st` shim to depend on)
  if ! python3 -m schemathesis.cli --version 2>/dev/null | grep -q "version $SCHEMATHESIS_VERSION\$"; then
    say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI) for the contract run"
    python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    say "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    # Debian starts a newly installed nginx on port 80 unless policy-rc.d says no: the tests
    # start their own, on 127.0.0.1 only
    no_start=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
      $sudo chmod +x /usr/sbin/policy-rc.d
      no_start=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
    [ "$no_start" = 0 ] || $sudo rm -f /usr/sbin/policy-rc.d
  fi
fi
say "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-split-cli $WASM_SPLIT_VERSION, $(node_modules/.bin/wasm-opt --version)"
