// Campaign page and embed figures (issue 14). Prints them; exits non-zero when a figure
// misses its mark.
//
//   a. embed.js size: raw, gzip and brotli (mark: at most 3 KB brotli)
//   b. the embed on a partner page served from another origin (another port on 127.0.0.1) at
//      host widths 360, 768 and 1280: the host page's layout shift caused by the embed (mark
//      0.00) and the iframe's height against its content's height (mark: within 2 px)
//   c. Lighthouse, mobile preset (simulated slow 4G and a mid-range phone's CPU), fresh
//      profile, on /campaign/autumn-edit served by the project's server: performance (mark
//      >= 90), accessibility (mark 100), CLS (mark <= 0.02)
//
// Usage: node scripts/bench-campaign.mjs   (after scripts/build.sh; `make bench` runs it)
// Env: STOREFRONT_SERVER_BIN (default target/server/storefront-server), BENCH_LH_RUNS
//      (default 3: the median run is reported).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { ROOT, freePort, freshDir, launchBrowser, startServer } from '../e2e/support.mjs';
import { runLighthouse } from './lighthouse.mjs';

const BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'server', 'storefront-server');
const RUNS = Number(process.env.BENCH_LH_RUNS || 3);
const SLUG = 'autumn-edit';
let failed = false;
const mark = (ok, text) => {
  console.log(`${ok ? '  ok ' : 'MISS '} ${text}`);
  if (!ok) failed = true;
};

// a. the script's size
const embed = readFileSync(join(ROOT, 'dist', 'embed.js'));
const br = brotliCompressSync(embed, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`embed.js: raw ${embed.length} B, gzip ${gzipSync(embed, { level: 9 }).length} B, brotli ${br} B`);
mark(br <= 3072, `embed.js brotli ${br} B <= 3072 B`);

const dir = freshDir('storefront-bench-campaign-');
const port = await freePort();
const partnerPort = await freePort();
const server = await startServer({
  port,
  dbPath: join(dir, 'bench.db'),
  extraArgs: ['--demo', '--demo-partner-listen', 'off'],
  bin: BIN,
});
// the partner origin must be on the campaign's list: the demo lists port 8090; this bench's
// partner runs on a free port, added through the marketing API with the demo key
const partner = `http://127.0.0.1:${partnerPort}`;
await allowOrigin(server.url, partner);

// b. a partner page with the snippet, and a tall article around it
const page = (width) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Partner</title>
<style>body{margin:0;font:16px/1.5 system-ui;width:${width}px}p{margin:16px}</style></head><body>
<p>${'A partner article paragraph. '.repeat(20)}</p>
<div style="min-height:100vh"><script src="${server.url}/embed.js" data-campaign="${SLUG}" async></script></div>
<p>${'More of the article below the campaign. '.repeat(40)}</p>
<script>
  window.__shift = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
</script></body></html>`;
const host = createServer((req, res) => {
  const width = Number(new URL(req.url, partner).searchParams.get('w') || 360);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page(width));
});
await new Promise((ok) => host.listen(partnerPort, '127.0.0.1', ok));
const browser = await launchBrowser();
try {
  for (const width of [360, 768, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const p = await context.newPage();
    await p.goto(`${partner}/?w=${width}`);
    const frameEl = await p.waitForSelector('iframe', { timeout: 30_000 });
    const frame = await frameEl.contentFrame();
    await frame.waitForSelector('h1', { timeout: 30_000 });
    // let the size messages settle
    await p.waitForTimeout(1500);
    const iframeHeight = await frameEl.evaluate((f) => f.getBoundingClientRect().height);
    const contentHeight = await frame.evaluate(() => document.documentElement.scrollHeight);
    const shift = await p.evaluate(() => window.__shift);
    console.log(`host ${width} px: iframe ${iframeHeight.toFixed(1)} px, content ${contentHeight} px, layout shift ${shift.toFixed(4)}`);
    mark(Math.abs(iframeHeight - contentHeight) <= 2, `host ${width} px: iframe height within 2 px of its content`);
    mark(shift < 0.005, `host ${width} px: layout shift ${shift.toFixed(2)} (0.00)`);
    await context.close();
  }
} finally {
  await browser.close();
  host.close();
}

// c. Lighthouse (scripts/lighthouse.mjs)
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const lhr = await runLighthouse(`${server.url}/campaign/${SLUG}`, ['performance', 'accessibility']);
  runs.push({
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    cls: lhr.audits['cumulative-layout-shift'].numericValue,
    lcp: lhr.audits['largest-contentful-paint'].numericValue,
    tbt: lhr.audits['total-blocking-time'].numericValue,
  });
  console.log(`lighthouse run ${i + 1}: ${JSON.stringify(runs.at(-1))}`);
}
runs.sort((a, b) => a.performance - b.performance);
const median = runs[Math.floor(runs.length / 2)];
console.log(`lighthouse mobile, median of ${runs.length}: performance ${median.performance}, accessibility ${median.accessibility}, CLS ${median.cls.toFixed(3)}, LCP ${(median.lcp / 1000).toFixed(2)} s, TBT ${Math.round(median.tbt)} ms`);
mark(median.performance >= 90, `performance ${median.performance} >= 90`);
mark(median.accessibility === 100, `accessibility ${median.accessibility} = 100`);
mark(median.cls <= 0.02, `CLS ${median.cls.toFixed(3)} <= 0.02`);

await server.stop();
process.exit(failed ? 1 : 0);

/** Adds `origin` to the demo campaign's allowed origins, signed in with the demo marketing key. */
async function allowOrigin(base, origin) {
  const headers = { 'content-type': 'application/json', 'x-requested-with': 'storefront' };
  const signIn = await fetch(`${base}/api/v1/marketing/session`, { method: 'POST', headers, body: JSON.stringify({ key: 'demo-marketing' }) });
  if (!signIn.ok) throw new Error(`marketing sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  const get = await fetch(`${base}/api/v1/marketing/campaigns/${SLUG}`, { headers: { cookie } });
  const campaign = await get.json();
  const input = { ...campaign.input, allowed_origins: [...campaign.input.allowed_origins, origin] };
  const put = await fetch(`${base}/api/v1/marketing/campaigns/${SLUG}`, { method: 'PUT', headers: { ...headers, cookie }, body: JSON.stringify(input) });
  if (!put.ok) throw new Error(`marketing PUT: ${put.status} ${await put.text()}`);
}
