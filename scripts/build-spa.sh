#!/usr/bin/env bash
# The release SPA in dist/, with brotli/gzip copies of its assets for the server to send.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
trunk build --release
node scripts/precompress.mjs dist
