// The first screen in the document (issue 17): the server renders the page into the index.html
// it serves with the app's own components (crates/server/src/first_screen.rs,
// src/first_screen.rs), so the product, the listing and the home page are there before the
// wasm has started; the app then takes over without anything moving. Real server in demo
// mode, Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, KIOSK, PHONE, expectNoAxe, newPage, serverAndBrowser } from './support.mjs';

const env = serverAndBrowser('first-screen.db', ['--demo']);
const api = async (path) => (await fetch(env.server.url + path)).json();

async function someProduct() {
  const category = (await api('/api/v1/categories')).data[0];
  const product = (await api(`/api/v1/products?category=${encodeURIComponent(category.slug)}&limit=1`)).data[0];
  return { category, product };
}

/** The served document of `path` with these request headers. */
async function documentOf(path, headers = {}) {
  const res = await fetch(env.server.url + path, { headers: { accept: 'text/html', ...headers } });
  assert.equal(res.status, 200);
  return res.text();
}

test('the document already holds the page: the product and the home page, in the shopper\'s language', async () => {
  const { category, product } = await someProduct();
  const doc = await documentOf(`/product/${product.slug}`, { 'accept-language': 'en-US,en;q=0.9' });
  assert.match(doc, /id="?shell"? data-first-screen lang="en"/);
  assert.match(doc, /<div id="?app"? data-out-of-sight/, 'the app mounts out of sight until it takes over');
  assert.ok(doc.includes(`<h1 class="pdp-name">${product.name.en}</h1>`), 'the product\'s name');
  assert.ok(doc.includes(`src="${product.image.url}"`), 'its picture');
  assert.doesNotMatch(doc, /rel="?(modulepreload|preload)"?[^>]*\.(js|wasm)|\.(js|wasm)[^>]*rel="?(modulepreload|preload)/, 'no wasm preload competes with it');
  // the shopper's own choice (kept by the app, sent by its boot script) wins over the browser's
  const zh = await documentOf(`/product/${product.slug}`, { 'accept-language': 'en-US', cookie: 'storefront_lang=zh-CN' });
  assert.ok(zh.includes(`<h1 class="pdp-name">${product.name['zh-CN']}</h1>`), 'in Chinese');
  const home = await documentOf('/', { 'accept-language': 'zh-CN' });
  assert.match(home, /class="hero-title">[^<]+<\/h1>/, 'the home page\'s hero');
  // a listing: its title and its first cards, laid out by CSS until the app measures its grid
  const listing = await documentOf(`/category/${category.slug}`, { 'accept-language': 'en' });
  assert.ok(listing.includes(`<h1 class="page-title">${category.name.en}</h1>`), 'the category\'s title');
  assert.match(listing, /<ul [^>]*class="vgrid vgrid-static"/);
  assert.ok(listing.includes(`src="${product.image.url}"`), 'its first card\'s picture');
  const found = await documentOf(`/search?q=${encodeURIComponent(product.name.en)}`, { 'accept-language': 'en' });
  assert.ok(found.includes(`/product/${product.slug}"`), 'search results: the product found');
  // a page made to be used at once (the stores: a city to pick, a position to share) and a
  // member's pages: the loading shell, since a copy would take input it then loses
  const marked = /id="?shell"? data-first-screen/;
  for (const path of ['/stores', '/member', '/wallet']) assert.doesNotMatch(await documentOf(path), marked, path);
  // an unknown product: the app's own "not found", still in the document
  assert.match(await documentOf('/product/no-such-thing', { 'accept-language': 'en' }), marked);
});

test('without the wasm at all, the product page is painted: its name, price and picture', async () => {
  const { product } = await someProduct();
  const { context, page } = await newPage(env.browser, PHONE, 'en-US');
  try {
    await page.route(/\.wasm$/, (r) => r.abort());
    await page.goto(`${env.server.url}/product/${product.slug}`);
    const name = page.locator('#shell h1.pdp-name');
    await name.waitFor();
    assert.equal((await name.textContent()).trim(), product.name.en);
    assert.ok(await page.locator('#shell .pdp-price').isVisible(), 'the price');
    const picture = page.locator('#shell .gallery-main img').first();
    await page.waitForFunction(() => {
      const img = document.querySelector('#shell .gallery-main img');
      return img && img.complete && img.naturalWidth > 0;
    });
    assert.ok(await picture.isVisible(), 'the picture');
    await page.screenshot({ path: join(ARTIFACTS, 'phone-first-screen-without-wasm.png') });
  } finally {
    await context.close();
  }
});

/** Where the page's name and first picture are, and the layout shifts so far. */
const where = (page, scope) => page.evaluate((scope) => {
  const box = (sel) => {
    const e = document.querySelector(`${scope} ${sel}`);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map(Math.round);
  };
  return { name: box('h1'), picture: box('img') };
}, scope);

for (const [label, opts, locale, kind] of [
  ['phone, English', PHONE, 'en-US', 'product'], ['kiosk size, Chinese', KIOSK, 'zh-CN', 'product'],
  ['phone, Chinese', PHONE, 'zh-CN', 'category'], ['kiosk size, English', KIOSK, 'en-US', 'category'],
]) {
  test(`the app takes over where the first screen is, nothing moves, the largest paint is the document's (${kind}, ${label})`, async () => {
    const { category, product } = await someProduct();
    const path = kind === 'product' ? `/product/${product.slug}` : `/category/${category.slug}`;
    const { context, page, errors } = await newPage(env.browser, opts, locale);
    try {
      await page.addInitScript(() => {
        window.__shifts = 0;
        window.__lcp = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__lcp.push({ at: e.startTime, shell: !!(e.element && e.element.closest('#shell')) });
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      });
      // the wasm waits until the test has seen the first screen
      let release;
      const held = new Promise((r) => { release = r; });
      await page.route(/storefront-[0-9a-f]+_bg\.wasm$/, async (r) => { await held; await r.continue(); });
      await page.goto(env.server.url + path);
      await page.locator('#shell h1').waitFor();
      await page.waitForFunction(() => [...document.querySelectorAll('#shell img')].slice(0, 1).every((i) => i.complete));
      const before = await where(page, '#shell');
      release();
      // the app's own page, and the shell gone
      await page.waitForFunction(() => !document.getElementById('shell') && !document.getElementById('app').hasAttribute('data-out-of-sight'));
      await page.locator('main h1').waitFor();
      const after = await where(page, 'main');
      assert.deepEqual(after, before, 'the name and the picture are where the first screen had them');
      const shifts = await page.evaluate(() => window.__shifts);
      assert.ok(shifts <= 0.02, `layout shift ${shifts}`);
      const lcp = await page.evaluate(() => window.__lcp);
      assert.ok(lcp.length >= 1 && lcp.at(-1).shell, `the largest paint is the document's: ${JSON.stringify(lcp)}`);
      // the app works: the product's stock block is there; the listing's grid is the app's
      if (kind === 'product') await page.locator('section.stock').waitFor();
      else {
        await page.locator('main ul.vgrid > li[data-i="0"]').waitFor();
        assert.equal(await page.locator('.vgrid-static').count(), 0, 'the copy\'s grid is gone');
        await page.mouse.wheel(0, 1600);
        await page.locator('main ul.vgrid > li[data-i="9"]').waitFor();
      }
      assert.equal(await page.locator('h1').count(), 1, 'one heading: the copy is gone');
      await expectNoAxe(page, `${kind} page after the takeover (${label})`);
      assert.deepEqual(errors, []);
      await page.screenshot({ path: join(ARTIFACTS, `${opts === PHONE ? 'phone' : 'desktop'}-first-screen-${kind}-taken-over.png`) });
    } finally {
      await context.close();
    }
  });
}

test('a language chosen in the app is the first screen\'s next time (the boot script\'s cookie)', async () => {
  const { product } = await someProduct();
  const { context, page } = await newPage(env.browser, PHONE, 'en-US');
  try {
    await page.goto(`${env.server.url}/product/${product.slug}`);
    await page.locator('main h1').waitFor();
    // the shopper switches to Chinese in the app
    await page.locator('header button[data-lang-switch]').click();
    await page.locator('main h1', { hasText: product.name['zh-CN'] }).waitFor();
    const res = await page.goto(`${env.server.url}/product/${product.slug}`);
    const doc = await res.text();
    assert.ok(doc.includes(`<h1 class="pdp-name">${product.name['zh-CN']}</h1>`), 'the server rendered it in Chinese');
    await page.locator('main h1', { hasText: product.name['zh-CN'] }).waitFor();
  } finally {
    await context.close();
  }
});

test('words typed into the copy\'s search box before the app takes over stay, with the focus; Enter searches even without the app', async () => {
  const { category, product } = await someProduct();
  const { context, page, errors } = await newPage(env.browser, PHONE, 'en-US');
  try {
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/storefront-[0-9a-f]+_bg\.wasm$/, async (r) => { await held; await r.continue(); });
    await page.goto(`${env.server.url}/category/${category.slug}`);
    const copyBox = page.locator('#shell #site-search');
    await copyBox.waitFor();
    const words = product.name.en.slice(0, 4);
    await copyBox.click();
    await page.keyboard.type(words);
    release();
    await page.waitForFunction(() => !document.getElementById('shell'));
    const box = page.locator('#site-search');
    assert.equal(await box.inputValue(), words, 'the words are in the app\'s box');
    assert.ok(await box.evaluate((e) => e === document.activeElement), 'the box keeps the focus');
    // the app took them as typed: its suggestions open, and typing goes on
    await page.getByRole('listbox').waitFor();
    await page.keyboard.type('x');
    assert.equal(await box.inputValue(), words + 'x');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
  // with no app at all, Enter in the copy's box goes to the search page the server renders
  const other = await newPage(env.browser, PHONE, 'en-US');
  try {
    await other.page.route(/\.wasm$/, (r) => r.abort());
    await other.page.goto(`${env.server.url}/category/${category.slug}`);
    await other.page.locator('#shell #site-search').fill(product.name.en);
    await other.page.keyboard.press('Enter');
    await other.page.waitForURL(/\/search\?q=/);
    await other.page.locator(`#shell a[href="/product/${product.slug}"]`).first().waitFor();
  } finally {
    await other.context.close();
  }
});
