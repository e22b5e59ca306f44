#!/usr/bin/env bash
# The release SPA in dist/, with brotli/gzip copies of its assets for the server to send.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
trunk build --release
# the service worker lists what the build wrote (and fails when the two disagree); before
# precompress, so sw.js gets its .br/.gz copies too
node scripts/service-worker.mjs dist
node scripts/precompress.mjs dist
