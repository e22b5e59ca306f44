// Loading (issue 17): the first screen's requests start with the document, each is made once,
// a split module comes in one request, and nothing moves while a page loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIOSK, PHONE, serverAndBrowser, newPage } from './support.mjs';

const env = serverAndBrowser('loading.db', ['--demo']);

const api = async (path) => (await fetch(env.server.url + path)).json();

/** The key pages, found through the API as a client would. */
async function keyPages() {
  const categories = await api('/api/v1/categories');
  const category = categories.data[0];
  const product = (await api(`/api/v1/products?category=${encodeURIComponent(category.slug)}&limit=1`)).data[0];
  return [
    ['home', '/'],
    ['category', `/category/${category.slug}`],
    ['product', `/product/${product.slug}`],
    ['search', `/search?q=${encodeURIComponent('杯')}`],
    ['stores', '/stores'],
  ];
}

/** The URLs the `Link` headers of `res` preload, with their `as`. */
async function preloads(res) {
  const values = (await res.headersArray()).filter((h) => h.name.toLowerCase() === 'link').map((h) => h.value);
  return values.flatMap((v) => v.split(/[,\n](?=\s*<)/)).map((part) => {
    const url = part.match(/<([^>]+)>/)?.[1];
    const as = part.match(/;\s*as=(\w+)/)?.[1];
    return { url, as };
  }).filter((p) => p.url);
}

test('each key page names its first screen\'s data (and the product its picture) in the document, and each is fetched once', async () => {
  for (const [name, path] of await keyPages()) {
    const { context, page, errors } = await newPage(env.browser, PHONE, 'zh-CN');
    const requests = [];
    page.on('request', (r) => requests.push(r.url().replace(env.server.url, '')));
    const res = await page.goto(env.server.url + path);
    const named = await preloads(res);
    assert.ok(named.some((p) => p.url === '/api/v1/categories' && p.as === 'fetch'), `${name}: the categories are preloaded`);
    // the split modules its page loads: in the header, or for a page with a copy of its first
    // screen, in the copy (its boot script asks for them with the main module)
    const copied = (await res.text()).match(/ data-modules="([^"]*)"/)?.[1].split(' ') ?? [];
    const modules = [...named.filter((p) => p.url.endsWith('.pack')).map((p) => p.url), ...copied];
    if (name !== 'home') assert.ok(modules.some((m) => /^\/split_/.test(m)), `${name}: its page's module is named`);
    await page.locator('main h1, main h2').first().waitFor();
    await page.waitForLoadState('networkidle');
    for (const { url, as } of named) {
      const asked = requests.filter((u) => u === url).length;
      assert.equal(asked, 1, `${name}: ${url} (${as}) is preloaded and then fetched ${asked} times:\n${requests.join('\n')}`);
    }
    for (const url of copied) {
      const asked = requests.filter((u) => u === url).length;
      assert.equal(asked, 1, `${name}: ${url} (named by the copy) is fetched ${asked} times:\n${requests.join('\n')}`);
    }
    if (name === 'product') {
      const picture = named.find((p) => p.as === 'image');
      assert.ok(picture, 'the product page preloads its picture');
      // the gallery shows that very picture (the preload was not wasted)
      const shown = await page.locator('.gallery-main img').first().evaluate((img) => img.currentSrc);
      assert.equal(new URL(shown).pathname, new URL(picture.url, env.server.url).pathname);
    }
    if (name === 'home') assert.ok(named.some((p) => p.url.startsWith('/api/v1/products?')), 'home preloads its shelf');
    assert.deepEqual(errors, [], name);
    await context.close();
  }
});

test('a campaign page\'s hero photo, in its loading shell, has the link to itself: the wasm is asked for after it has arrived', async () => {
  const { context, page, errors } = await newPage(env.browser, PHONE, 'en-US');
  const seen = [];
  page.on('request', (r) => seen.push(['asked', new URL(r.url()).pathname]));
  page.on('requestfinished', (r) => seen.push(['done', new URL(r.url()).pathname]));
  const res = await page.goto(env.server.url + '/campaign/autumn-edit');
  assert.match(await res.text(), /<img class="shell-hero shell-photo"/, 'the loading shell shows the hero photo');
  await page.locator('#campaign-title').waitFor();
  const heroDone = seen.findIndex(([what, path]) => what === 'done' && path.startsWith('/media/campaigns/'));
  const wasmAsked = seen.findIndex(([what, path]) => what === 'asked' && /^\/storefront-[0-9a-f]+_bg\.wasm$/.test(path));
  assert.ok(heroDone >= 0 && wasmAsked > heroDone, `hero done at ${heroDone}, wasm asked at ${wasmAsked}:\n${seen.map((e) => e.join(' ')).join('\n')}`);
  // (signed out, the coupon's member check answers 401: expected)
  assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  await context.close();
});

test('a split module comes in one request (the stores page)', async () => {
  const { context, page, errors } = await newPage(env.browser, PHONE, 'en-US');
  const modules = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (/\.(wasm|pack)$/.test(p)) modules.push(p);
  });
  await page.goto(env.server.url + '/stores');
  await page.getByRole('heading', { name: 'Our stores' }).waitFor();
  await page.waitForLoadState('networkidle');
  const split = modules.filter((p) => !/^\/storefront-[0-9a-f]+_bg\.wasm$/.test(p));
  assert.equal(split.length, 1, modules.join(' '));
  assert.match(split[0], /^\/split_stores-[0-9a-f]{16}\.pack$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('nothing moves while a key page loads (layout shift at most 0.02, phone and kiosk)', async () => {
  const pages = await keyPages();
  for (const [device, opts] of [['phone', PHONE], ['kiosk', KIOSK]]) {
    for (const [name, path] of pages) {
      const { context, page, errors } = await newPage(env.browser, opts, 'zh-CN');
      await page.addInitScript(() => {
        window.__shift = 0;
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            window.__shift += e.value;
            window.__shifts.push(`${e.value.toFixed(4)} ${e.sources.map((s) => s.node?.nodeName + '.' + (s.node?.className ?? '')).join(' ')}`);
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(env.server.url + path);
      await page.locator('main h1, main h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      // the product page's stock answer and shelves come a moment later
      await page.waitForTimeout(2500);
      const [shift, shifts] = await page.evaluate(() => [window.__shift, window.__shifts]);
      assert.ok(shift <= 0.02, `${device} ${name}: layout shift ${shift.toFixed(4)}\n${shifts.join('\n')}`);
      assert.deepEqual(errors, [], `${device} ${name}`);
      await context.close();
    }
  }
});
