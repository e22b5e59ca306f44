#!/usr/bin/env bash
# `make run`: installs what is missing, builds, creates and seeds the database if absent,
# and serves the whole app (API + SPA) at http://127.0.0.1:8080 unless STOREFRONT_LISTEN says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
export STOREFRONT_DIST="${STOREFRONT_DIST:-$PWD/dist}"
echo "[run] serving on http://${STOREFRONT_LISTEN:-127.0.0.1:8080}  (Ctrl-C to stop)" >&2
exec target/server/storefront-server "$@"
