#!/usr/bin/env bash
# Builds the release SPA into dist/ and the server with its optimised profile.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/build-spa.sh
cargo build --profile server -p storefront-server
