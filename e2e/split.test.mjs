// The wasm bundle is split (scripts/split-wasm.mjs): the catalogue loads without the code
// of the stores pages, which comes in its own module the first time it is needed. A module
// that cannot be downloaded shows the shopper what happened and a way on, and the rest of
// the app keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, serverAndBrowser, newPage } from './support.mjs';

const env = serverAndBrowser('split.db');

test('the home page loads no split module; the stores page loads its own', async () => {
  const { context, page, errors } = await newPage(env.browser, PHONE, 'en-US');
  const wasm = [];
  page.on('request', (r) => {
    if (/\.(wasm|pack)$/.test(r.url())) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto(env.server.url + '/');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(wasm.filter((p) => !/^\/storefront-[0-9a-f]+_bg\.wasm$/.test(p)), [], wasm.join(' '));
  assert.equal(wasm.length, 1, wasm.join(' '));

  await page.locator('nav.bottom-nav').getByRole('link', { name: 'Stores' }).click();
  await page.getByRole('heading', { name: 'Our stores' }).waitFor();
  assert.ok(wasm.some((p) => /^\/split_stores-[0-9a-f]+\.pack$/.test(p)), wasm.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link hovered or pressed starts its page\'s modules before the click: each comes once', async () => {
  const { context, page, errors } = await newPage(env.browser, PHONE, 'en-US');
  const packs = [];
  page.on('request', (r) => {
    if (/\.pack$/.test(r.url())) packs.push(new URL(r.url()).pathname);
  });
  await page.goto(env.server.url + '/');
  const link = page.locator('main a[href^="/product/"]').first();
  await link.waitFor();
  await page.waitForLoadState('networkidle');
  assert.ok(!packs.some((p) => p.startsWith('/split_product-')), packs.join(' '));
  // a pointer over a product card: the product page's module starts, with its stock block's
  const started = Promise.all([
    page.waitForRequest(/\/split_product-[0-9a-f]+\.pack$/),
    page.waitForRequest(/\/split_stores-[0-9a-f]+\.pack$/),
  ]);
  await link.hover();
  await started;
  await link.click();
  await page.locator('.pdp-name').waitFor();
  await page.locator('.stock:not(.deferred-busy)').first().waitFor();
  for (const m of ['product', 'stores', 'zoom']) {
    assert.equal(packs.filter((p) => p.startsWith(`/split_${m}-`)).length, 1, `${m}: ${packs.join(' ')}`);
  }
  // a category link taken by the keyboard: focus alone starts the listing's module
  await page.goto(env.server.url + '/');
  const tile = page.locator('main a[href^="/category/"]').first();
  await tile.waitFor();
  const listing = page.waitForRequest(/\/split_listing-[0-9a-f]+\.pack$/);
  await tile.focus();
  await listing;
  assert.deepEqual(errors, []);
  await context.close();
});

test('a split module that cannot be downloaded: the reason and Try again, then the page', async () => {
  const { context, page } = await newPage(env.browser, PHONE, 'en-US');
  let blocked = true;
  await page.route(/\/split_stores-[0-9a-f]+\.pack$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(env.server.url + '/stores');
  const alert = page.getByRole('alert');
  await alert.getByText("We couldn't reach the shop").waitFor();
  // the app is alive: the header still works (its suggestions come), and Escape closes them
  // again, as a shopper would before tapping what they cover
  await page.getByRole('combobox').first().fill('shirt');
  await page.getByRole('listbox').getByRole('option').first().waitFor();
  await page.getByRole('combobox').first().press('Escape');
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
  blocked = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Our stores' }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

test('leaving a page before its split module arrives: no error, and the app goes on', async () => {
  const { context, page, errors } = await newPage(env.browser, PHONE, 'en-US');
  // Hold the stores module (the product page's stock block) until the shopper has left.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/split_stores-[0-9a-f]+\.pack$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.server.url + '/');
  await page.locator('main a[href^="/product/"]').first().click();
  // the home page has an h1 too: wait for the product page itself, or goBack could leave the app
  await page.waitForURL(/\/product\//);
  await page.locator('main h1').first().waitFor();
  await page.goBack();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  release();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  // The app still answers: another product page, with its stock block this time.
  await page.locator('main a[href^="/product/"]').nth(1).click();
  await page.getByRole('heading', { name: 'Stock at my store' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
