// Hand-off speed (issue 15): from a phone opening a kiosk's "Continue on your phone" link to
// the restored product painted, against opening that product's URL directly. Each run is a
// fresh phone (360×740, empty cache); the two ways alternate. Timed in the page from the
// navigation's start to the frame after the product's name is on screen. Without and with
// slow-4G emulation (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up).
//
// Usage: node scripts/bench-handoff.mjs   (after scripts/build.sh; `make bench` runs it)
// Env: STOREFRONT_SERVER_BIN (default target/server/storefront-server), BENCH_HANDOFF_RUNS (12)
import { join } from 'node:path';
import { PHONE, ROOT, freePort, freshDir, launchBrowser, startServer } from '../e2e/support.mjs';

const BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'server', 'storefront-server');
const RUNS = Number(process.env.BENCH_HANDOFF_RUNS || 12);
const STORE = 's_sh_jingan';
const dir = freshDir('storefront-bench-handoff-');
const server = await startServer({
  port: await freePort(),
  dbPath: join(dir, 'bench.db'),
  extraArgs: ['--demo', '--demo-partner-listen', 'off'],
  bin: BIN,
});
let failed = false;
const browser = await launchBrowser();
try {
  const staff = { authorization: `Bearer demo-${STORE}`, 'content-type': 'application/json', 'x-requested-with': 'storefront' };
  const made = await (await fetch(`${server.url}/api/v1/staff/stores/${STORE}/kiosks`, {
    method: 'POST', headers: staff, body: JSON.stringify({ name: 'Hand-off bench' }),
  })).json();
  // the kiosk: paired in a browser, whose device cookie then asks for the hand-offs
  const kiosk = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const kpage = await kiosk.newPage();
  await kpage.goto(`${server.url}/kiosk`);
  await kpage.locator('#kiosk-code').fill(made.pairing_code);
  await kpage.locator('.kiosk-pair button[type=submit]').click();
  await kpage.locator('.kiosk-attract').waitFor();
  const device = (await kiosk.cookies()).find((c) => c.name === 'sf_kiosk');
  const product = await (await fetch(`${server.url}/api/v1/products/p_000042`)).json();
  const route = `/product/${product.slug}?variant=${product.variants[0].id}`;
  const handoff = async () => {
    const r = await fetch(`${server.url}/api/v1/kiosk/handoffs`, {
      method: 'POST',
      headers: { cookie: `sf_kiosk=${device.value}`, 'content-type': 'application/json', 'x-requested-with': 'storefront' },
      body: JSON.stringify({ route, wishlist: [product.id] }),
    });
    if (r.status !== 201) throw new Error(`hand-off: ${r.status} ${await r.text()}`);
    return (await r.json()).url;
  };
  /** Milliseconds from the navigation's start to the product's name painted, on a fresh phone. */
  const time = async (url, slow) => {
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    await context.addInitScript(() => {
      new MutationObserver((_, o) => {
        if (document.querySelector('h1.pdp-name')?.textContent) {
          o.disconnect();
          requestAnimationFrame(() => setTimeout(() => { window.__shown = performance.now(); }, 0));
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    if (slow) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8,
      });
    }
    await page.goto(url);
    await page.waitForFunction(() => window.__shown, null, { timeout: 60_000 });
    const ms = await page.evaluate(() => window.__shown);
    if (new URL(page.url()).pathname !== `/product/${product.slug}`) throw new Error(`landed on ${page.url()}`);
    await context.close();
    return ms;
  };
  const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  for (const slow of [false, true]) {
    const direct = [];
    const handed = [];
    for (let i = 0; i < RUNS; i++) {
      direct.push(await time(server.url + route, slow));
      handed.push(await time(await handoff(), slow));
    }
    const d = median(direct);
    const h = median(handed);
    const label = slow ? 'slow 4G' : 'no throttling';
    console.log(`${label}: product painted, median of ${RUNS}: direct URL ${d.toFixed(0)} ms, hand-off link ${h.toFixed(0)} ms (${h <= d ? 'no slower' : `+${(h - d).toFixed(0)} ms`})`);
    const ok = h <= d * 1.05;
    if (!ok) failed = true;
    console.log(`${ok ? '  ok ' : 'MISS '} hand-off no slower than the direct URL (${label}; 5 % for noise)`);
  }
  await kiosk.close();
} finally {
  await browser.close();
  await server.stop();
}
process.exit(failed ? 1 : 0);
