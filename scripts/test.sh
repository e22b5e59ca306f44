#!/usr/bin/env bash
# `make test`: every test, in the order that fails fastest.
#   0. style and structure: rustfmt, clippy (warnings are errors), and scripts/check-modules.py
#      (no import cycles, no oversized file, no API path outside src/api/), so a slip fails fast
#   1. native: contract round-trips, backend handlers on real SQLite files, SPA pure logic
#   2. browser: wasm-bindgen-test components in headless Chromium
#   3. release build of the SPA, then the contract run (schemathesis over the served OpenAPI
#      document, scripts/contract.mjs) and the end-to-end journeys (Playwright + axe-core),
#      each against the real server on a fresh database
#   4. the release wasm size (raw, gzip, brotli) and the home page's first-load bytes
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
. scripts/env.sh
# CI builds once from a clean clone: incremental caches would only fill the disk.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

step() { printf '\n==> %s\n' "$*" >&2; }

step "style and structure (cargo fmt --check, scripts/check-modules.py, cargo clippy -D warnings)"
cargo fmt --all -- --check
python3 scripts/check-modules.py
cargo clippy --workspace --all-targets -- -D warnings

step "native tests (cargo test --workspace)"
cargo test --workspace

step "browser tests (wasm-bindgen-test in headless Chromium)"
# (without the split feature: the test wasm is not cut into modules)
cargo test -p storefront --target wasm32-unknown-unknown --no-default-features

step "release build of the SPA (trunk build --release) and the server"
scripts/build-spa.sh
cargo build -p storefront-server

step "contract (schemathesis over /api/openapi.json: all checks, positive, negative, stateful)"
node scripts/contract.mjs

step "end-to-end journeys (Playwright driving Debian's Chromium)"
node --test --test-concurrency=1 e2e/

step "sizes"
node scripts/size-report.mjs
