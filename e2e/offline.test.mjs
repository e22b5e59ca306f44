// Issue 17, offline and updates: the service worker the build writes (dist/sw.js, from
// scripts/service-worker.mjs and scripts/sw-template.js) keeps what a shopper saw readable
// without a signal, saying when it was stored, and a new build is announced and applied
// only on the shopper's tap or a reload. Real server in demo mode, Debian's Chromium; these
// contexts allow service workers (support.mjs blocks them for every other journey).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS, PHONE, ROOT, expectNoAxe, freePort, freshDir, serverAndBrowser, startServer,
} from './support.mjs';

const DIST = process.env.STOREFRONT_DIST || join(ROOT, 'dist');
const GENERATOR = join(ROOT, 'scripts', 'service-worker.mjs');
const DESKTOP = { viewport: { width: 1920, height: 1080 } };
const env = serverAndBrowser('offline.db', ['--demo']);

/** dist/ must have been built with its worker (scripts/build-spa.sh). */
function assertBuilt() {
  assert.ok(existsSync(join(DIST, 'sw.js')), `${DIST}/sw.js is missing: build with scripts/build-spa.sh`);
  assert.match(readFileSync(join(DIST, 'index.html'), 'utf8'), /register\(.\/sw\.js/, 'index.html does not register /sw.js');
}

/** A context that lets pages register the worker. */
async function workerPage(browser, opts, locale) {
  const context = await browser.newContext({ ...opts, locale, serviceWorkers: 'allow' });
  return { context, page: await context.newPage() };
}

/** Waits until a worker controls the page (it registers a few seconds after load). */
async function waitForWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 90_000 });
}

/** The names of the worker's build caches, as the page sees them. */
const precaches = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('storefront-precache-')));

/** The build id the worker file in `dir` carries. */
function buildOf(dir) {
  const m = readFileSync(join(dir, 'sw.js'), 'utf8').match(/^const BUILD = "([0-9a-f]+)";$/m);
  assert.ok(m, 'sw.js names its build');
  return m[1];
}

/**
 * Every API answer (200) the page receives from now on: its path, X-Storefront-Cached-At
 * and its body (read at once: a page that moves on drops it).
 */
function watchApi(page) {
  const seen = [];
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/v1/') && r.status() === 200) {
      seen.push({ path: u.pathname + u.search, cachedAt: r.headers()['x-storefront-cached-at'] ?? null, body: r.json().catch(() => null) });
    }
  });
  return seen;
}

/** Runs the generator on `dir`: its exit status and what it printed. */
function generate(dir) {
  const r = spawnSync(process.execPath, [GENERATOR, dir], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** A copy of dist/ (without Trunk's staging folder) in a new temporary directory. */
function copyOfDist(prefix) {
  const dir = freshDir(prefix);
  cpSync(DIST, dir, { recursive: true, filter: (src) => !src.includes(`${DIST}/.`) });
  return dir;
}

test('what a shopper saw stays readable offline, saying when it was stored; online again, fresh answers', async () => {
  assertBuilt();
  const base = env.server.url;
  // browsers revalidate the worker on every update check
  const script = await fetch(`${base}/sw.js`);
  assert.equal(script.headers.get('cache-control'), 'no-cache');
  const { context, page } = await workerPage(env.browser, PHONE, 'en-US');
  try {
    await page.goto(`${base}/`);
    await page.locator('main a[href^="/product/"]').first().waitFor();
    await waitForWorker(page);
    const started = Date.now();

    // the pages, seen online through the worker (the first visit's answers came before it)
    const cards = 'main a[href^="/product/"]';
    await page.reload();
    await page.locator(cards).first().waitFor();
    await page.waitForLoadState('networkidle');
    const categoryHref = await page.locator('main a[href^="/category/"]').first().getAttribute('href');
    await page.goto(base + categoryHref);
    await page.locator(cards).first().waitFor();
    await page.waitForLoadState('networkidle');
    const productHrefs = [...new Set(await page.locator(cards).evaluateAll((as) => as.map((a) => a.getAttribute('href'))))];
    assert.ok(productHrefs.length >= 2, 'the category lists at least two products');
    const [productHref, unseenHref] = productHrefs;
    const online = watchApi(page);
    await page.goto(base + productHref);
    const productName = (await page.locator('main h1').first().textContent()).trim();
    await page.waitForLoadState('networkidle');
    const stock = online.find((a) => /^\/api\/v1\/variants\/[^/]+\/availability/.test(a.path));
    assert.ok(stock, 'the product page asked for its stock');
    assert.ok(online.every((a) => a.cachedAt === null), 'answers from the network say nothing of a cache');
    await page.goto(`${base}/stores`);
    await page.locator('.store-card .store-name').first().waitFor();
    await page.waitForLoadState('networkidle');
    const storeNames = await page.locator('.store-card .store-name').allTextContents();
    // the worker stores copies once the answers are through
    await page.waitForTimeout(500);

    await context.setOffline(true);
    const pages = [
      ['home', '/', async () => page.locator(cards).first().waitFor()],
      ['category', categoryHref, async () => page.locator(cards).first().waitFor()],
      ['product', productHref, async () => page.locator('main h1', { hasText: productName }).waitFor()],
      ['stores', '/stores', async () => {
        await page.locator('.store-card .store-name').first().waitFor();
        assert.deepEqual(await page.locator('.store-card .store-name').allTextContents(), storeNames);
      }],
    ];
    for (const [name, href, shows] of pages) {
      const answers = watchApi(page);
      await page.goto(base + href);
      await shows();
      await page.waitForTimeout(300);
      assert.ok(answers.length >= 1, `${name}: the page got its API answers offline`);
      for (const a of answers) {
        assert.ok(a.cachedAt, `${name}: ${a.path} came from the cache and says so`);
        const at = Date.parse(a.cachedAt);
        assert.match(a.cachedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, `${name}: RFC 3339 UTC`);
        assert.ok(at >= started - 1000 && at <= Date.now(), `${name}: stored during this visit (${a.cachedAt})`);
      }
      // the page says it is offline and how old what it shows is, on the shopper's clock
      const note = page.locator('.offline-note');
      await note.getByText("You're offline").waitFor();
      assert.match(await note.textContent(), /Showing what this device saved at \d\d:\d\d\./, name);
      if (name === 'product') {
        // the stock is the last known figure, never shown as live, and cannot be reserved
        const stale = page.locator('section.stock .stock-stale');
        await stale.waitFor();
        assert.match(await stale.textContent(), /^Offline: the last known figure \(\d\d:\d\d\), not live\.$/);
        assert.equal(await page.locator('section.stock').getByRole('button', { name: 'Reserve for pickup' }).count(), 0);
        await expectNoAxe(page, 'product page offline');
      }
      await page.screenshot({ path: join(ARTIFACTS, `phone-offline-${name}.png`) });
    }
    // the stock, asked again from the page: the last known figure, with its time
    const known = await page.evaluate(async (p) => {
      const r = await fetch(p);
      return { ok: r.ok, cachedAt: r.headers.get('x-storefront-cached-at'), body: await r.json() };
    }, stock.path);
    assert.ok(known.ok && known.cachedAt, 'the last known stock comes from the cache, saying when');
    const seenStock = await stock.body;
    assert.deepEqual(known.body, seenStock, 'the last known figures are the ones seen');

    // a product never opened: the app (from the worker's shell), not the browser's error page
    await page.goto(base + unseenHref);
    await page.locator('header.site-header').waitFor();
    assert.equal(await page.locator('#app').count(), 1, 'the app shell answered the navigation');
    assert.ok(page.url().startsWith(base), `still on the shop (${page.url()})`);
    // what works without a signal, with the way there
    const note = page.locator('.offline-note');
    await note.getByText('Without a connection, only pages you have seen before can open.').waitFor();
    for (const link of ['Wishlist', 'Member code', 'Wallet']) await note.getByRole('link', { name: link }).waitFor();
    await expectNoAxe(page, 'a page never seen, offline');
    await page.screenshot({ path: join(ARTIFACTS, 'phone-offline-unseen-product.png') });

    // while offline the stock changes in the store; back online, the page shows the server's figures
    const { store_id: storeId, quantity } = seenStock.data[0];
    const variantId = stock.path.split('/')[4];
    const put = await fetch(`${base}/api/v1/staff/stores/${storeId}/stock/${variantId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer demo-${storeId}` },
      body: JSON.stringify({ quantity: quantity + 7 }),
    });
    assert.equal(put.status, 200, await put.text());
    await context.setOffline(false);
    const fresh = watchApi(page);
    await page.goto(base + productHref);
    await page.locator('main h1', { hasText: productName }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok(fresh.length >= 1, 'the product page asked the API');
    assert.deepEqual(fresh.filter((a) => a.cachedAt).map((a) => a.path), [], 'online again, every answer is the network\'s');
    const now = fresh.find((a) => a.path === stock.path);
    assert.ok(now, 'the stock was asked again');
    assert.equal((await now.body).data.find((s) => s.store_id === storeId).quantity, quantity + 7, 'the fresh figure');
  } finally {
    await context.close();
  }
});

test('offline in Chinese at kiosk size: the note, its time and what still works, axe clean', async () => {
  assertBuilt();
  const base = env.server.url;
  const { context, page } = await workerPage(env.browser, DESKTOP, 'zh-CN');
  try {
    await page.goto(`${base}/`);
    await page.locator('main a[href^="/product/"]').first().waitFor();
    await waitForWorker(page);
    const href = await page.locator('main a[href^="/product/"]').first().getAttribute('href');
    await page.goto(base + href);
    // the stock's figures have arrived: with no store chosen, the nearby stores' line (the
    // "checking the stores" line before it is there only while the answer is on its way)
    await page.locator('section.stock .link-button').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await context.setOffline(true);
    await page.reload();
    const note = page.locator('.offline-note');
    await note.getByText('当前离线').waitFor();
    assert.match(await note.textContent(), /显示的是本机保存的内容，保存于 \d\d:\d\d。/);
    for (const link of ['心愿单', '会员码', '卡券包']) await note.getByRole('link', { name: link }).waitFor();
    await page.locator('section.stock .stock-stale', { hasText: /^离线：这是最后一次得知的库存（\d\d:\d\d），并非实时。$/ }).waitFor();
    await expectNoAxe(page, 'product page offline, zh-CN, 1920');
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-offline-product-zh.png') });
  } finally {
    await context.close();
  }
});

/**
 * A new build in `dir`: the icon changes (a new content hash, the old file gone, as after a
 * deploy), index.html names it, and the generator writes its worker (and removes the old
 * one's .br/.gz copies, which the server would send instead). Returns the new build id.
 */
function deployNewBuild(dir, n) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const old = html.match(/\/(favicon-[0-9a-f]+\.svg)/)[1];
  const svg = Buffer.concat([readFileSync(join(dir, old)), Buffer.from(`<!-- build ${n} -->\n`)]);
  const name = `favicon-${createHash('sha256').update(svg).digest('hex').slice(0, 16)}.svg`;
  writeFileSync(join(dir, name), svg);
  for (const f of readdirSync(dir).filter((f) => f.startsWith(old))) rmSync(join(dir, f));
  writeFileSync(join(dir, 'index.html'), html.replaceAll(`/${old}`, `/${name}`));
  const r = generate(dir);
  assert.equal(r.status, 0, r.out);
  return buildOf(dir);
}

test('a new build is announced ("A new version is ready"), applied only on the tap or a reload; a retired worker removes itself', async () => {
  assertBuilt();
  const dir = copyOfDist('storefront-sw-update-');
  const port = await freePort();
  const dbPath = join(freshDir(), 'update.db');
  const start = () => startServer({ port, dbPath, extraArgs: ['--demo'], dist: dir });
  let server = await start();
  const browser = env.browser;
  // a deploy: new files, and the server restarted on them (it reads index.html at start)
  const deploy = async (n) => {
    const build = deployNewBuild(dir, n);
    await server.stop();
    server = await start();
    return build;
  };
  const checkUpdate = () => page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg.update();
  });
  let page;
  try {
    // English, on a phone: announced, nothing changes until the tap, then one reload
    const en = await workerPage(browser, PHONE, 'en-US');
    page = en.page;
    await page.goto(`${server.url}/`);
    await page.locator('main a[href^="/product/"]').first().waitFor();
    await waitForWorker(page);
    const [oldCache] = await precaches(page);
    assert.ok(oldCache, 'the worker keeps its build');
    await page.evaluate(() => {
      window.updateEvents = 0;
      addEventListener('storefront-update', () => { window.updateEvents += 1; });
    });
    let loads = 0;
    page.on('load', () => { loads += 1; });

    const build = await deploy(1);
    await checkUpdate();
    const note = page.getByRole('status').filter({ hasText: 'A new version is ready' });
    await note.waitFor({ timeout: 60_000 });
    const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
    await refresh.waitFor();
    assert.equal(await page.evaluate(() => window.storefrontUpdate.waiting), true, 'the kiosk can see it waiting');
    assert.equal(await page.evaluate(() => window.updateEvents), 1, 'one storefront-update event');
    // it sits above the tab bar, whose buttons stay free
    const box = await page.locator('.sw-note').boundingBox();
    const nav = await page.locator('nav.bottom-nav').boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= nav.y, `the notice (${JSON.stringify(box)}) ends above the tab bar (${nav.y})`);
    assert.ok(box.x >= 0 && box.x + box.width <= 360, 'the notice fits the phone');
    await page.screenshot({ path: join(ARTIFACTS, 'phone-update-notice-en.png') });
    await expectNoAxe(page, 'update notice (en, phone)');

    // nothing applied by itself
    await page.waitForTimeout(3000);
    assert.equal(loads, 0, 'no reload before the tap');
    assert.ok(await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg.waiting !== null && navigator.serviceWorker.controller !== null && navigator.serviceWorker.controller !== reg.waiting;
    }), 'the old worker still controls, the new one waits');
    assert.deepEqual((await precaches(page)).sort(), [oldCache, `storefront-precache-${build}`].sort(), 'both builds kept while it waits');

    await refresh.tap();
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg && reg.waiting === null && navigator.serviceWorker.controller !== null;
    }, null, { timeout: 30_000 });
    await page.locator('main a[href^="/product/"]').first().waitFor();
    await page.waitForTimeout(3000);
    assert.equal(loads, 1, 'exactly one reload');
    assert.deepEqual(await precaches(page), [`storefront-precache-${build}`], 'the new build took over, the old one is gone');
    assert.equal(await page.locator('.sw-note').count(), 0, 'no notice after the update');
    await en.context.close();

    // Chinese, at kiosk size: announced in Chinese; a reload takes the new version without a tap
    const zh = await workerPage(browser, DESKTOP, 'zh-CN');
    page = zh.page;
    await page.goto(`${server.url}/`);
    await page.locator('main a[href^="/product/"]').first().waitFor();
    await waitForWorker(page);
    const build2 = await deploy(2);
    await checkUpdate();
    await page.getByRole('status').filter({ hasText: '新版本已就绪' }).waitFor({ timeout: 60_000 });
    const zhRefresh = page.getByRole('button', { name: '刷新', exact: true });
    await zhRefresh.waitFor();
    assert.ok(await zhRefresh.isVisible() && await page.locator('.sw-note').isVisible(), 'visible at 1920 px');
    const zhBox = await page.locator('.sw-note').boundingBox();
    assert.ok(zhBox.x + zhBox.width <= 1920 && zhBox.y + zhBox.height <= 1080, 'within the screen');
    // reachable by keyboard: Tab from the top of the page gets there
    let reached = false;
    for (let i = 0; i < 400 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('sw-btn'));
    }
    assert.ok(reached, 'Tab reaches Refresh');
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-update-notice-zh.png') });
    await expectNoAxe(page, 'update notice (zh, 1920)');

    await page.reload();
    await page.locator('main a[href^="/product/"]').first().waitFor();
    await page.waitForFunction(async (name) => (await caches.keys()).filter((k) => k.startsWith('storefront-precache-')).join() === name,
      `storefront-precache-${build2}`, { timeout: 60_000 });
    assert.equal(await page.locator('.sw-note').count(), 0, 'the reloaded page is the new version: nothing to announce');

    // a deployment that turns the worker off: it removes itself and the app's caches
    const r = spawnSync(process.execPath, [GENERATOR, '--retire', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    await checkUpdate();
    await page.waitForFunction(async () => !(await navigator.serviceWorker.getRegistration())
      && !(await caches.keys()).some((k) => k.startsWith('storefront-')), null, { timeout: 30_000 });
    await page.locator('main a[href^="/product/"]').first().waitFor();
    await zh.context.close();
  } finally {
    await server.stop();
  }
});

test('other journeys run without a worker (support.mjs blocks it unless a context allows it)', async () => {
  assertBuilt();
  const context = await env.browser.newContext({ ...PHONE, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(`${env.server.url}/`);
    await page.locator('main a[href^="/product/"]').first().waitFor();
    // past the moment the page registers it (load, 3 s, then idle)
    await page.waitForTimeout(6000);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) ?? null), null);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  } finally {
    await context.close();
  }
});

test('the build fails when the worker\'s list and dist/ disagree', () => {
  assertBuilt();
  const dir = copyOfDist('storefront-sw-check-');
  const ok = generate(dir);
  assert.equal(ok.status, 0, ok.out);
  // every content-hashed file of the build is listed, and every listed file is there
  const files = JSON.parse(readFileSync(join(dir, 'sw.js'), 'utf8').match(/^const FILES = (\[.*\]);$/m)[1]);
  const hashed = readdirSync(dir).filter((f) => /-[0-9a-f]{6,}[._]/.test(f) && !/\.(br|gz)$/.test(f));
  assert.deepEqual(hashed.map((f) => `/${f}`).filter((f) => !files.includes(f)), [], 'hashed files missing from the list');
  assert.ok(files.includes('/index.html') && files.every((f) => existsSync(join(dir, f))), 'the shell and every listed file exist');
  assert.ok(files.some((f) => f.endsWith('.pack')), 'the split modules are listed');

  // a split module the loader names is gone
  const pack = readdirSync(dir).find((f) => f.endsWith('.pack'));
  const packBytes = readFileSync(join(dir, pack));
  rmSync(join(dir, pack));
  const absent = generate(dir);
  assert.notEqual(absent.status, 0, 'a listed file that is absent fails the build');
  assert.match(absent.out, new RegExp(pack.replace(/\./g, '\\.')), 'the message names it');
  writeFileSync(join(dir, pack), packBytes);

  // a content-hashed file nothing in the build refers to
  writeFileSync(join(dir, 'split_stray-0123456789abcdef.pack'), 'stray');
  const stray = generate(dir);
  assert.notEqual(stray.status, 0, 'a hashed file missing from the list fails the build');
  assert.match(stray.out, /split_stray-0123456789abcdef\.pack/, 'the message names it');
});
