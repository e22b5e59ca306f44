// Search and listing benchmark on the 10,000-product catalogue. Prints figures; asserts nothing.
//
//   1. backend: GET /api/v1/products?q= (search), /api/v1/search/suggest?q= and
//      /api/v1/products/facets over loopback, N requests each from C concurrent keep-alive
//      clients -> p50/p95/p99/max latency and requests per second
//   2. browser: keystroke -> rendered suggestions in the header search box (headless
//      Chromium at 360x740): time from each `input` event to the first animation frame after
//      the listbox shows suggestions for that exact text -> p50/p95/max
//   3. browser: scrolling the whole 10,000-result listing to its end: most DOM nodes seen,
//      long tasks (PerformanceObserver 'longtask', i.e. > 50 ms) while scrolling
//
// Usage: node scripts/bench-search.mjs   (after scripts/build-spa.sh and
//        cargo build -p storefront-server --profile server; `make bench` does all of it)
// Env: BENCH_REQUESTS (default 2000 per endpoint), BENCH_CONCURRENCY (default 2),
//      STOREFRONT_SERVER_BIN (default target/server/storefront-server).
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer, launchBrowser } from '../e2e/support.mjs';

const BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'server', 'storefront-server');
const REQUESTS = Number(process.env.BENCH_REQUESTS || 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 2);
const PRODUCTS = 10_000;

const SEARCHES = [
  '运动鞋', '跑步', '衬衫', '鞋', '羽绒服', 'T恤', '背包', '连衣裙', '牛仔裤',
  'yundongxie', 'ydx', 'yundong', 'yrf', 'chenshan',
  'jacket', 'jack', 'jakcet', 'sneakrs', 'cotton', 'denim', 'wool',
  '羽绒 jacket', 'running 鞋', 'nonexistentword',
];
const FILTERS = ['', '&sort=price_asc', '&on_sale=true', '&price=10000-20000&price=20000-50000', '&sort=best_selling&on_sale=true'];
const SUGGESTS = ['y', 'yu', 'yun', 'yund', 'ydx', '运', '运动', '运动鞋', '羽', 'j', 'ja', 'jac', 'jack', 'jakc', 's', 'sn', 'sne', 'T', 'T恤', 'c', 'co', 'cot'];

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (x) => `${x.toFixed(2)} ms`;

function get(agent, url) {
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { agent, headers: { 'accept-encoding': 'identity' } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => ok({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function load(name, base, paths) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  for (const p of paths.slice(-50)) await get(agent, base + p); // warm-up (connections, page cache)
  const times = [];
  const statuses = new Map();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const i = next++;
      const r = await get(agent, base + paths[i % paths.length]);
      times.push(r.ms);
      statuses.set(r.status, (statuses.get(r.status) || 0) + 1);
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  const codes = [...statuses].map(([s, n]) => `${s}x${n}`).join(' ');
  console.log(`${name.padEnd(9)} n=${times.length} c=${CONCURRENCY}  p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  p99 ${ms(pct(times, 99))}  max ${ms(times[times.length - 1])}  ${(times.length / secs).toFixed(0)} req/s  [${codes}]`);
}

/** Distinct search texts cut from real product names (so a result cache cannot help). */
async function distinctQueries(base, n) {
  const names = [];
  let cursor = '';
  while (names.length < n) {
    const page = await (await fetch(`${base}/api/v1/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json();
    for (const p of page.data) names.push({ zh: p.name['zh-CN'], en: p.name.en, brand: p.brand });
    if (!page.next_cursor) break;
    cursor = encodeURIComponent(page.next_cursor);
  }
  const out = new Set();
  names.forEach((p, i) => {
    const zh = [...p.zh];
    const words = p.en.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 3);
    const w = words[i % Math.max(1, words.length)] || 'shirt';
    const at = i % Math.max(1, zh.length - 2);
    switch (i % 5) {
      case 0: out.add(zh.slice(at, at + 3).join('')); break;
      case 1: out.add(zh.slice(at, at + 2).join('')); break;
      case 2: out.add(`${w} ${zh.slice(at, at + 2).join('')}`); break;
      case 3: out.add(w.length >= 5 ? w.slice(0, 1) + w[2] + w[1] + w.slice(3) : w); break; // one transposition
      default: out.add(`${p.brand.toLowerCase()} ${w.slice(0, 4)}`); break;
    }
  });
  return [...out];
}

async function backend(base) {
  const enc = encodeURIComponent;
  const search = [];
  for (const f of FILTERS) for (const q of SEARCHES) search.push(`/api/v1/products?q=${enc(q)}${f}`);
  const suggest = SUGGESTS.map((q) => `/api/v1/search/suggest?q=${enc(q)}`);
  const facets = [];
  for (const f of FILTERS) for (const q of SEARCHES.slice(0, 12)) facets.push(`/api/v1/products/facets?q=${enc(q)}${f}`);
  facets.push('/api/v1/products/facets', '/api/v1/products/facets?on_sale=true');
  console.log(`\n-- backend on loopback, ${PRODUCTS} products (${BIN.replace(ROOT + '/', '')})`);
  await load('search', base, search);
  const distinct = await distinctQueries(base, REQUESTS);
  await load('search*', base, distinct.map((q) => `/api/v1/products?q=${enc(q)}`));
  await load('suggest*', base, distinct.map((q) => `/api/v1/search/suggest?q=${enc(q.slice(0, 4))}`));
  await load('suggest', base, suggest);
  await load('facets', base, facets);
  console.log(`(* = ${distinct.length} distinct texts cut from product names, each sent about once: no result cache helps)`);
}

async function typing(browser, base) {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true });
  await page.goto(base + '/', { waitUntil: 'networkidle' });
  const box = page.getByRole('combobox').first();
  await box.waitFor();
  await page.evaluate(() => {
    window.__lat = [];
    window.__pending = new Map();
    const input = document.querySelector('[role=combobox]');
    input.addEventListener('input', () => {
      if (input.value.trim()) window.__pending.set(input.value.trim(), performance.now());
    }, true);
    const seen = () => {
      const lb = document.querySelector('[role=listbox][data-query]');
      const q = lb && lb.dataset.query;
      if (q && window.__pending.has(q)) {
        const t0 = window.__pending.get(q);
        window.__pending.delete(q);
        requestAnimationFrame(() => window.__lat.push(performance.now() - t0));
      }
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
  });
  const words = ['yundongxie', 'jakcet', 'sneakers', 'ydx', 'cotton shirt', 'running', 'denim'];
  const chinese = ['运动鞋', '羽绒服', '连衣裙', '跑步鞋'];
  for (let round = 0; round < 3; round++) {
    for (const w of words) {
      await box.click();
      await box.fill('');
      await box.pressSequentially(w, { delay: 140 });
      await page.waitForTimeout(300);
    }
    for (const w of chinese) {
      await box.click();
      await box.fill('');
      for (const ch of w) {
        await page.keyboard.insertText(ch);
        await page.waitForTimeout(180);
      }
      await page.waitForTimeout(300);
    }
  }
  const { lat, missed } = await page.evaluate(() => ({ lat: window.__lat, missed: window.__pending.size }));
  await page.close();
  lat.sort((a, b) => a - b);
  if (lat.length === 0) {
    console.log('keystroke->suggestions: no measurement (listbox with data-query not found)');
    return;
  }
  console.log(`keystroke->suggestions n=${lat.length} (superseded or never shown: ${missed})  p50 ${ms(pct(lat, 50))}  p95 ${ms(pct(lat, 95))}  max ${ms(lat[lat.length - 1])}`);
}

async function scrolling(browser, base, path) {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true });
  await page.addInitScript(() => {
    window.__long = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ start: e.startTime, dur: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch { /* no longtask support */ }
  });
  const problems = [];
  page.on('response', (res) => {
    if (res.url().includes('/api/') && res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  const start = await page.evaluate(() => performance.now());
  let maxNodes = 0;
  let steps = 0;
  let stuck = 0;
  let lastHeight = 0;
  const t0 = Date.now();
  while (Date.now() - t0 < 240_000) {
    const s = await page.evaluate(async () => {
      for (let i = 0; i < 8; i++) {
        window.scrollBy(0, 600);
        await new Promise((r) => requestAnimationFrame(r));
      }
      const el = document.scrollingElement;
      return {
        nodes: document.getElementsByTagName('*').length,
        atEnd: el.scrollTop + innerHeight >= el.scrollHeight - 4,
        height: el.scrollHeight,
      };
    });
    steps++;
    maxNodes = Math.max(maxNodes, s.nodes);
    if (s.atEnd) {
      stuck = s.height === lastHeight ? stuck + 1 : 0;
      if (stuck >= 20) break; // at the end and no more pages arriving for ~2 s
      await page.waitForTimeout(100);
    }
    lastHeight = s.height;
  }
  const r = await page.evaluate((start) => ({
    long: window.__long.filter((e) => e.start >= start),
    nodes: document.getElementsByTagName('*').length,
    cards: document.querySelectorAll('.card').length,
    status: (document.querySelector('[aria-live] .result-count, .result-count') || {}).textContent || '',
  }), start);
  await page.close();
  const worst = r.long.reduce((m, e) => Math.max(m, e.dur), 0);
  console.log(`scroll ${path}: ${steps} steps in ${((Date.now() - t0) / 1000).toFixed(1)} s; most DOM nodes ${maxNodes}; at the end ${r.nodes} nodes, ${r.cards} cards rendered; "${r.status.trim()}"`);
  console.log(`  long tasks (> 50 ms) while scrolling: ${r.long.length}${r.long.length ? `, longest ${ms(worst)}` : ''}`);
  for (const e of r.long) console.log(`    ${ms(e.dur)} at +${((e.start - start) / 1000).toFixed(2)} s`);
  if (problems.length) console.log(`  problems while scrolling (${problems.length}):\n    ${problems.slice(0, 10).join('\n    ')}`);
}

const port = await freePort();
const dir = freshDir('storefront-bench-');
const seedStart = Date.now();
const server = await startServer({ port, dbPath: join(dir, 'bench.db'), bin: BIN, extraArgs: ['--products', String(PRODUCTS)] });
console.log(`server up with ${PRODUCTS} products in ${((Date.now() - seedStart) / 1000).toFixed(1)} s (seeding included)`);
try {
  await backend(server.url);
  const browser = await launchBrowser();
  try {
    console.log('\n-- browser (headless Chromium, 360x740)');
    await typing(browser, server.url);
    await scrolling(browser, server.url, process.env.BENCH_LISTING || '/search');
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}
