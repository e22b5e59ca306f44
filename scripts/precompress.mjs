// Writes brotli and gzip copies next to the text and wasm assets of a built dist/, so the
// server sends the smallest bytes without compressing on every request.
// config.json is left as it is: it is the deployer's to edit after the build (README,
// "Hosting the app yourself"), and a web server would send a stale compressed copy instead.
// Usage: node scripts/precompress.mjs [dist]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliMax, gzipMax } from './compress.mjs';

const dist = process.argv[2] || 'dist';
for (const f of readdirSync(dist)) {
  if (!/\.(wasm|pack|js|css|svg|json|webmanifest)$/.test(f) || f === 'config.json') continue;
  const buf = readFileSync(join(dist, f));
  writeFileSync(join(dist, `${f}.br`), brotliMax(buf));
  writeFileSync(join(dist, `${f}.gz`), gzipMax(buf));
}
