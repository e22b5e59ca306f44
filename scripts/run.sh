#!/usr/bin/env bash
# `make run`: installs what is missing, builds, creates and seeds the database if absent,
# and serves the whole app (API + SPA) at http://127.0.0.1:8080 unless STOREFRONT_LISTEN says otherwise,
# in DEMO MODE (`--demo`: well-known staff keys demo-<store>, demo members, sign-in codes in the log
# and at /api/v1/demo/last-code, the marketing key demo-marketing, the demo partner page at
# http://localhost:8090/). Never expose it; production is the binary without `--demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
export STOREFRONT_DIST="${STOREFRONT_DIST:-$PWD/dist}"
echo "[run] serving on http://${STOREFRONT_LISTEN:-127.0.0.1:8080} in demo mode: never expose this server  (Ctrl-C to stop)" >&2
# The demo partner page (a fictional magazine on another origin embedding the autumn-edit
# campaign); STOREFRONT_DEMO_PARTNER_LISTEN=off disables it.
partner="${STOREFRONT_DEMO_PARTNER_LISTEN:-127.0.0.1:8090}"
if [ "$partner" != "off" ]; then
  echo "[run] demo partner page with the campaign embed: http://${partner/127.0.0.1/localhost}/" >&2
fi
exec target/server/storefront-server --demo "$@"
