// Writes brotli (quality 11) and gzip (level 9) copies next to the text and wasm assets of a
// built dist/, so the server sends the smallest bytes without compressing on every request.
// Usage: node scripts/precompress.mjs [dist]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2] || 'dist';
for (const f of readdirSync(dist)) {
  if (!/\.(wasm|js|css|svg|json|webmanifest)$/.test(f)) continue;
  const buf = readFileSync(join(dist, f));
  writeFileSync(join(dist, `${f}.br`), brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }));
  writeFileSync(join(dist, `${f}.gz`), gzipSync(buf, { level: 9 }));
}
