// Kiosk soak: N simulated shopper sessions on one kiosk page in headless Chromium (browse a
// category, search, open a product, open the store's tour, then idle until the reset), with
// Playwright's clock standing in for the idle time. Prints, and checks against issue 15's
// figures: the JS heap after the last reset against the first (within 10 % or 5 MB, after a
// full garbage collection, read over the DevTools protocol), the DOM node count back to the
// attract screen's, the time from the countdown's end to the attract screen painted (at most
// 300 ms; Element Timing of its welcome line, on the document's timeline, which the fake
// clock does not move) and the long tasks during a reset (none of 200 ms or more; a reset
// lasts until the rebuilt app's attract screen is painted).
//
// Usage: node scripts/bench-kiosk.mjs   (after scripts/build.sh; `make bench` runs it)
// Env: STOREFRONT_SERVER_BIN (default target/server/storefront-server), BENCH_KIOSK_SESSIONS (300),
// BENCH_KIOSK_LISTENERS=1 (the listeners by type), BENCH_KIOSK_NODES=1 (which elements changed)
import { join } from 'node:path';
import { ROOT, followLink, freePort, freshDir, launchBrowser, startServer } from '../e2e/support.mjs';

const BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'server', 'storefront-server');
const SESSIONS = Number(process.env.BENCH_KIOSK_SESSIONS || 300);
const STORE = 's_sh_jingan';
let failed = false;
const mark = (ok, text) => {
  console.log(`${ok ? '  ok ' : 'MISS '} ${text}`);
  if (!ok) failed = true;
};

const dir = freshDir('storefront-bench-kiosk-');
const server = await startServer({
  port: await freePort(),
  dbPath: join(dir, 'bench.db'),
  extraArgs: ['--demo', '--demo-partner-listen', 'off'],
  bin: BIN,
});
const staff = { authorization: `Bearer demo-${STORE}`, 'content-type': 'application/json', 'x-requested-with': 'storefront' };
const made = await (await fetch(`${server.url}/api/v1/staff/stores/${STORE}/kiosks`, {
  method: 'POST', headers: staff, body: JSON.stringify({ name: 'Soak' }),
})).json();
await fetch(`${server.url}/api/v1/staff/stores/${STORE}/kiosks/${made.kiosk_id}/settings`, {
  method: 'PUT',
  headers: staff,
  body: JSON.stringify({
    idle_seconds: 30, warning_seconds: 20, default_lang: 'zh-CN', attract_campaign: 'autumn-edit',
    attract_product_ids: [], show_tour_teaser: true, maintenance_time: '04:00',
  }),
});

const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  let step = 'start';
  page.on('pageerror', (e) => errors.push(`${step}: ${e.message}`));
  const setStep = async (s) => {
    step = s;
    await page.evaluate((v) => { window.__step = v; }, s).catch(() => {});
  };
  page.on('console', (m) => {
    if (m.text().startsWith('PANIC')) console.log(step, m.text().slice(0, 4000));
  });
  await page.clock.install();
  await page.goto(`${server.url}/kiosk`);
  await page.locator('#kiosk-code').fill(made.pairing_code);
  await page.locator('.kiosk-pair button[type=submit]').click();
  await page.locator('.kiosk-attract').waitFor();
  await page.waitForLoadState('networkidle');
  // the long tasks and the reset's timing, watched in the page on the document's timeline
  // (Playwright's clock moves Date, timers and performance.now(), not this)
  await page.evaluate(() => {
    const now = () => document.timeline.currentTime;
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration, window.__step || '']);
    }).observe({ type: 'longtask', buffered: true });
    // the attract screen painted (Element Timing on its welcome line)
    window.__painted = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.identifier === 'kiosk-attract') window.__painted.push(e.renderTime || e.loadTime);
    }).observe({ type: 'element', buffered: true });
    // the countdown's end: the warning goes
    window.__gone = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.removedNodes) {
          if (n.nodeType === 1 && n.matches('.kiosk-modal') && n.querySelector('[role=alertdialog], .kiosk-count')) window.__gone.push([now(), window.__step || '']);
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  // the heap as DevTools reads it, after a full garbage collection
  const cdp = await context.newCDPSession(page);
  async function measure() {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    if (process.env.BENCH_KIOSK_NODES) {
      // which elements differ from the last measure (to find what a reset leaves or misses)
      const now = await page.evaluate(() => {
        const m = {};
        for (const e of document.getElementsByTagName('*')) {
          const k = `${e.parentElement?.className || e.parentElement?.tagName}>${e.tagName}.${e.className}`;
          m[k] = (m[k] || 0) + 1;
        }
        return m;
      });
      if (measure.prev) {
        const diff = Object.keys({ ...now, ...measure.prev }).filter((k) => (now[k] || 0) !== (measure.prev[k] || 0))
          .map((k) => `${k}: ${measure.prev[k] || 0} -> ${now[k] || 0}`);
        console.log('nodes changed:', diff.join(' | ') || 'none');
      }
      measure.prev = now;
    }
    let listeners = 0;
    for (const target of ['window', 'document']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: target });
      const ls = (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })).listeners;
      listeners += ls.length;
      if (process.env.BENCH_KIOSK_LISTENERS) console.log(target, JSON.stringify(Object.entries(ls.reduce((m, l) => ({ ...m, [l.type]: (m[l.type] || 0) + 1 }), {}))));
    }
    return { heap: usedSize, nodes, listeners };
  }
  const go = (href) => followLink(page, href);
  // the attract screen over the home page, once the home page has its products
  const homeReady = () => page.locator('main a[href^="/product/"]').first().waitFor({ state: 'attached' });
  await homeReady();
  await page.waitForLoadState('networkidle');
  const attractNodes = (await measure()).nodes;
  let first = null;
  let last = null;
  const started = Date.now();
  for (let i = 1; i <= SESSIONS; i++) {
    await setStep(`session ${i} start`);
    await page.locator('.kiosk-attract').click();
    await page.locator('.kiosk-attract').waitFor({ state: 'detached' });
    await setStep(`session ${i} category`);
    await go('/category/women');
    await page.locator('main a[href^="/product/"]').first().waitFor();
    await setStep(`session ${i} search`);
    await go('/search?q=shirt');
    await page.locator('main a[href^="/product/"]').first().waitFor();
    await setStep(`session ${i} product`);
    await page.locator('main a[href^="/product/"]').first().click();
    await page.waitForURL(/\/product\//);
    await page.locator('main h1').first().waitFor();
    await setStep(`session ${i} tour`);
    await go(`/stores/${STORE}/tour`);
    await page.locator('main h1, .tour').first().waitFor();
    // the shopper walks away once the tour is up (a real reset comes 50 s later, not while
    // the panorama is still loading)
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    // idle to the end
    await setStep(`session ${i} idle`);
    await page.clock.fastForward(31_000);
    await page.getByRole('alertdialog').waitFor();
    await page.clock.fastForward(21_000);
    await page.locator('.kiosk-attract').waitFor();
    await page.waitForFunction(() => location.pathname === '/');
    await homeReady();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(100);
    if (i === 1) first = await measure();
    if (i % 50 === 0 || i === SESSIONS || i <= 3) {
      last = await measure();
      console.log(`session ${i}: heap ${(last.heap / 1e6).toFixed(1)} MB, ${last.nodes} DOM nodes, ${last.listeners} window/document listeners, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  const { long, painted, gone } = await page.evaluate(() => ({ long: window.__long, painted: window.__painted, gone: window.__gone }));
  // each reset: from the countdown's end to the attract screen painted (the figure), and on to
  // the fresh app's attract screen painted (the whole reset: storage, server, app rebuilt)
  const timed = [];
  const windows = [];
  gone.forEach(([g, at], i) => {
    const next = gone[i + 1]?.[0] ?? Infinity;
    const paints = painted.filter((t) => t > g && t < next).sort((a, b) => a - b);
    if (!paints.length) return;
    timed.push([paints[0] - g, at]);
    windows.push([g, paints[paints.length - 1]]);
  });
  const resets = timed.map(([ms]) => ms);
  const sorted = [...resets].sort((a, b) => a - b);
  const p = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const worst = [...timed].sort((a, b) => b[0] - a[0]).slice(0, 3).map(([ms, at]) => `${ms.toFixed(0)} ms (${at})`);
  const whole = windows.map(([a, b]) => b - a).sort((a, b) => a - b);
  console.log(`\n${SESSIONS} sessions; heap after the first reset ${(first.heap / 1e6).toFixed(1)} MB, after the last ${(last.heap / 1e6).toFixed(1)} MB`);
  console.log(`DOM nodes: attract screen at start ${attractNodes}, after the last reset ${last.nodes}`);
  console.log(`reset (countdown end -> attract painted): p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms, max ${Math.max(...resets).toFixed(0)} ms over ${resets.length}; slowest: ${worst.join(', ')}`);
  console.log(`whole reset (-> the fresh app's attract painted): p50 ${whole[Math.floor(whole.length / 2)]?.toFixed(0)} ms, max ${Math.max(...whole).toFixed(0)} ms`);
  // long tasks during a reset, and elsewhere by the step they came in
  const atReset = long.filter(([t, d]) => windows.some(([a, b]) => t < b && t + d > a)).map(([, d]) => d);
  const kinds = {};
  for (const [t, d, at] of long) {
    if (windows.some(([a, b]) => t < b && t + d > a)) continue;
    (kinds[at.replace(/^session \d+ /, '')] ||= []).push(d);
  }
  console.log(`long tasks during a reset: ${atReset.length}, longest ${atReset.length ? Math.max(...atReset).toFixed(0) : 0} ms`);
  for (const [kind, list] of Object.entries(kinds)) {
    console.log(`long tasks elsewhere, while "${kind}": ${list.length}, longest ${Math.max(...list).toFixed(0)} ms`);
  }
  const grew = last.heap - first.heap;
  mark(grew <= Math.max(0.1 * first.heap, 5e6), `heap growth ${(grew / 1e6).toFixed(2)} MB within 10 % or 5 MB`);
  mark(Math.abs(last.nodes - attractNodes) <= 5, `DOM nodes back to the attract screen's (${last.nodes} vs ${attractNodes})`);
  mark(Math.max(...resets) <= 300, `reset at most 300 ms (max ${Math.max(...resets).toFixed(0)} ms)`);
  mark(resets.length === SESSIONS, `every reset timed (${resets.length} of ${SESSIONS})`);
  mark(!atReset.length || Math.max(...atReset) < 200, `no long task of 200 ms or more during a reset (longest ${atReset.length ? Math.max(...atReset).toFixed(0) : 0} ms)`);
  mark(errors.length === 0, `no page errors${errors.length ? `: ${errors.slice(0, 6).join(' | ')}` : ''}`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
process.exit(failed ? 1 : 0);
