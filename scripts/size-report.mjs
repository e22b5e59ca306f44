// Prints the release wasm sizes (raw, gzip, brotli; the main module and each split module) and the home page's first-load bytes:
// every request Chromium makes until the network is idle, fetched again with
// `Accept-Encoding: br` from the real server (what a phone on 4G downloads).
// Usage: node scripts/size-report.mjs   (after `trunk build --release` and a server build)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer, launchBrowser } from '../e2e/support.mjs';
import { brotliMax, gzipMax } from './compress.mjs';

const dist = process.env.STOREFRONT_DIST || join(ROOT, 'dist');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function compressedSizes(buf) {
  return { raw: buf.length, gzip: gzipMax(buf).length, brotli: brotliMax(buf).length };
}

const wasmFiles = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
if (wasmFiles.length === 0) {
  console.error(`no .wasm in ${dist}: run trunk build --release first`);
  process.exit(1);
}
// The main module loads on every page; split modules (scripts/split-wasm.mjs) only with
// the pages that need them.
for (const f of wasmFiles.filter((f) => f.endsWith('_bg.wasm'))) {
  const s = compressedSizes(readFileSync(join(dist, f)));
  console.log(`release wasm, main module ${f}: raw ${kb(s.raw)}, gzip ${kb(s.gzip)}, brotli ${kb(s.brotli)} (${s.brotli} bytes)`);
}
// each split module comes as one pack: the module and the chunks it needs
for (const f of readdirSync(dist).filter((f) => f.endsWith('.pack'))) {
  const s = compressedSizes(readFileSync(join(dist, f)));
  console.log(`  split module ${f}: raw ${kb(s.raw)}, brotli ${kb(s.brotli)} (${s.brotli} bytes)`);
}
for (const f of readdirSync(dist).filter((f) => /\.(js|css)$/.test(f))) {
  const s = compressedSizes(readFileSync(join(dist, f)));
  console.log(`  ${f}: raw ${kb(s.raw)}, brotli ${kb(s.brotli)}`);
}
console.log(`  index.html: raw ${kb(statSync(join(dist, 'index.html')).size)}`);
// The partner sites' one-line embed (public/embed.js, served as /embed.js): at most 3 KB brotli.
{
  const s = compressedSizes(readFileSync(join(dist, 'embed.js')));
  console.log(`embed.js (partner sites): raw ${kb(s.raw)}, gzip ${kb(s.gzip)}, brotli ${kb(s.brotli)} (${s.brotli} bytes; budget 3072)`);
}

function brotliBytes(url) {
  return new Promise((ok, fail) => {
    const req = request(url, { headers: { 'Accept-Encoding': 'br' } }, (res) => {
      let bytes = 0;
      res.on('data', (d) => { bytes += d.length; });
      res.on('end', () => ok({ bytes, encoding: res.headers['content-encoding'] || 'identity', status: res.statusCode }));
    });
    req.on('error', fail);
    req.end();
  });
}

const port = await freePort();
const server = await startServer({ port, dbPath: join(freshDir(), 'size.db') });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  let total = 0;
  const rows = [];
  for (const url of [...new Set(urls)]) {
    if (!url.startsWith(server.url)) continue;
    const { bytes, encoding, status } = await brotliBytes(url);
    total += bytes;
    rows.push(`    ${String(bytes).padStart(8)} B ${encoding.padEnd(8)} ${status} ${url.slice(server.url.length)}`);
  }
  console.log(`home page first load: ${rows.length} requests, ${kb(total)} (${total} bytes) as served with Accept-Encoding: br`);
  console.log(rows.join('\n'));
} finally {
  await browser.close();
  await server.stop();
}
