// Issue 3 journeys at phone size: search in Chinese characters, pinyin initials and English
// with a typo; two facets; sort; open a product; back to the same results and scroll
// position; choose a variant; wishlist kept across a reload. Keyboard-only combobox and zoom
// view. axe-core on listing, search and product pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ARTIFACTS, PHONE, KIOSK, serverAndBrowser, newPage as openPage, expectNoAxe,
} from './support.mjs';

const env = serverAndBrowser('search.db');

function newPage(opts = PHONE, locale = 'zh-CN') {
  return openPage(env.browser, opts, locale);
}

/** Names of the product cards currently rendered, in order. */
function cardNames(page) {
  return page.locator('.card .card-name').allTextContents();
}

async function waitForResults(page) {
  await page.locator('.card').first().waitFor({ timeout: 20_000 });
}

/** Types into the header combobox and submits with Enter. */
async function search(page, text) {
  const box = page.getByRole('combobox').first();
  await box.click();
  await box.fill('');
  await box.pressSequentially(text, { delay: 30 });
  await page.getByRole('listbox').first().waitFor({ state: 'visible' });
  // the results of this query, not the previous ones still on screen while it loads
  const answered = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === '/api/v1/products' && u.searchParams.get('q') === text;
  });
  await box.press('Enter');
  await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === text);
  const first = (await (await answered).json()).data[0];
  await page.locator('.listing-results[aria-busy=false] .card').first().waitFor({ timeout: 20_000 });
  // the grid draws the new cards in the next animation frame: wait until it shows this answer
  if (first) {
    await page.waitForFunction(
      (names) => names.includes(document.querySelector('.card .card-name')?.textContent),
      Object.values(first.name), { timeout: 20_000 },
    );
  }
}

test('search in Chinese, pinyin initials and English with a typo finds the right products', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(env.server.url + '/', { waitUntil: 'networkidle' });

  await search(page, '运动鞋');
  let names = await cardNames(page);
  assert.ok(names.length > 0 && names.every((n) => n.includes('运动鞋') || n.includes('鞋')), `运动鞋: ${names.slice(0, 5)}`);
  assert.ok(names.some((n) => n.includes('运动鞋')), `运动鞋 first results: ${names.slice(0, 5)}`);
  assert.match(await page.locator('h1').innerText(), /运动鞋/);
  await page.screenshot({ path: join(ARTIFACTS, 'search-zh-360.png') });

  await search(page, 'ydx');
  names = await cardNames(page);
  assert.ok(names.some((n) => n.includes('运动鞋')), `ydx should find 运动鞋: ${names.slice(0, 5)}`);

  // English UI, a misspelt word
  await page.getByRole('button', { name: /English/ }).first().click();
  await search(page, 'jakcet');
  names = await cardNames(page);
  assert.ok(names.length > 0 && names.slice(0, 10).every((n) => /jacket/i.test(n)), `jakcet: ${names.slice(0, 5)}`);
  await page.screenshot({ path: join(ARTIFACTS, 'search-typo-en-360.png') });
  await expectNoAxe(page, 'search page');
  // opening a result is what makes a search count as popular (typed as it was sent)
  const click = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/search/clicks');
  await page.locator('.card a').first().click();
  const sent = JSON.parse((await click).postData());
  assert.equal(sent.q, 'jakcet');
  await page.waitForURL((u) => u.pathname.startsWith('/product/'));
  assert.ok(page.url().includes(`/product/${sent.product}`), `${sent.product} vs ${page.url()}`);
  // the server counts it under the corrected spelling, and never suggests the typo
  const popular = await (await fetch(`${env.server.url}/api/v1/search/suggest?q=`)).json();
  assert.ok(!popular.queries.some((x) => /jakcet/.test(JSON.stringify(x))), JSON.stringify(popular.queries));
  assert.deepEqual(errors, []);
  await context.close();
});

test('facets, sort, product, back to the same results and scroll, variant, wishlist kept', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(env.server.url + '/search?q=' + encodeURIComponent('鞋'), { waitUntil: 'networkidle' });
  await waitForResults(page);

  // two facets from the phone filter sheet: the first enabled brand and "on sale"
  await page.getByRole('button', { name: /筛选/ }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const brand = dialog.locator('fieldset, [role=group]').filter({ hasText: /品牌/ }).getByRole('checkbox').and(page.locator(':enabled')).first();
  await brand.check();
  await page.waitForURL((u) => u.searchParams.getAll('brand').length === 1);
  const sale = dialog.getByRole('checkbox', { name: /促销|特价|折扣|on sale/i }).first();
  await sale.check();
  await page.waitForURL((u) => u.searchParams.get('on_sale') === 'true');
  await page.screenshot({ path: join(ARTIFACTS, 'facets-sheet-360.png') });
  await dialog.getByRole('button', { name: /查看|显示/ }).last().click();
  await dialog.waitFor({ state: 'hidden' });

  // every result really carries the brand and a sale price, as the API says
  const url = new URL(page.url());
  const api = await (await fetch(`${env.server.url}/api/v1/products?${url.searchParams}&limit=100`)).json();
  assert.ok(api.total > 0, 'the two facets leave some products');
  const brandName = url.searchParams.get('brand');
  assert.ok(api.data.every((p) => p.brand === brandName && p.compare_at_price), 'API honours both facets');
  await waitForResults(page);
  assert.deepEqual((await cardNames(page)).slice(0, 3), api.data.slice(0, 3).map((p) => p.name['zh-CN']));

  // sort by price, lowest first
  await page.getByLabel(/排序/).selectOption('price_asc');
  await page.waitForURL((u) => u.searchParams.get('sort') === 'price_asc');
  await waitForResults(page);
  const sorted = await (await fetch(`${env.server.url}/api/v1/products?${new URL(page.url()).searchParams}&limit=100`)).json();
  const prices = sorted.data.map((p) => p.price.amount_minor);
  assert.deepEqual(prices, [...prices].sort((a, b) => a - b));
  await page.waitForFunction((first) => document.querySelector('.card')?.textContent.includes(first), sorted.data[0].name['zh-CN']);

  // a longer listing for the scroll check: drop the brand, keep sort
  await page.goto(env.server.url + '/search?q=' + encodeURIComponent('鞋') + '&sort=price_asc', { waitUntil: 'networkidle' });
  await waitForResults(page);
  await page.mouse.wheel(0, 1500);
  await page.waitForTimeout(600);
  const listingUrl = page.url();
  const scrollY = await page.evaluate(() => scrollY);
  assert.ok(scrollY > 800, `scrolled down (${scrollY})`);
  const visible = page.locator('.card a.card-link').filter({ has: page.locator(':visible') });
  const card = await page.evaluateHandle(() => [...document.querySelectorAll('.card a.card-link')]
    .find((a) => a.getBoundingClientRect().top > 100));
  const productHref = await card.evaluate((a) => a.getAttribute('href'));
  await card.asElement().click();
  await page.waitForURL((u) => u.pathname === productHref.split('?')[0]);
  await page.locator('h1').waitFor();

  // choose a variant: the URL carries it
  const radios = page.getByRole('radio').and(page.locator(':enabled'));
  await radios.nth(1).check();
  await page.waitForURL((u) => u.searchParams.has('variant'));

  // wishlist on the product page, count in the header
  await page.getByRole('button', { name: /收藏|心愿/ }).first().click();
  await page.getByRole('link', { name: /心愿单|收藏/ }).filter({ hasText: '1' }).first().waitFor();

  await page.goBack();
  await page.waitForURL(listingUrl);
  await waitForResults(page);
  await page.waitForFunction((y) => Math.abs(scrollY - y) < 60, scrollY, { timeout: 5000 });

  // reload: the wishlist is still there
  await page.reload({ waitUntil: 'networkidle' });
  await page.goto(env.server.url + '/wishlist', { waitUntil: 'networkidle' });
  await waitForResults(page);
  const wished = await page.locator('.card a.card-link').first().getAttribute('href');
  assert.equal(wished.split('?')[0], productHref.split('?')[0]);
  await page.screenshot({ path: join(ARTIFACTS, 'wishlist-360.png') });
  void visible;
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: the search combobox and the zoom view', async () => {
  const { context, page, errors } = await newPage({ viewport: { width: 1920, height: 1080 } }, 'en-US');
  await page.goto(env.server.url + '/', { waitUntil: 'networkidle' });
  // Tab from the top of the page to the combobox
  let focused = '';
  for (let i = 0; i < 15 && focused !== 'combobox'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.getAttribute('role') || '');
  }
  assert.equal(focused, 'combobox', 'Tab reaches the search box');
  await page.keyboard.type('ydx', { delay: 40 });
  const box = page.getByRole('combobox').first();
  await page.waitForFunction(() => document.querySelector('[role=combobox]')?.getAttribute('aria-expanded') === 'true');
  await page.getByRole('option').first().waitFor();
  await page.keyboard.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  assert.ok(active, 'ArrowDown sets aria-activedescendant');
  assert.equal(await page.locator(`[id="${active}"]`).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false', 'Escape closes the list');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('[role=combobox]')?.getAttribute('aria-expanded') === 'true');
  // walk to the first product option and open it with Enter
  let isProduct = false;
  for (let i = 0; i < 20 && !isProduct; i++) {
    const id = await box.getAttribute('aria-activedescendant');
    isProduct = id ? await page.locator(`[id="${id}"]`).evaluate((o) => /\/product\//.test(o.getAttribute('data-href') || o.querySelector('a')?.getAttribute('href') || '') || o.closest('[role=group]')?.textContent.includes('Products') === true) : false;
    if (!isProduct) await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname.startsWith('/product/'));
  await page.locator('h1').waitFor();

  // zoom view: open with the keyboard, focus trapped, Escape closes and focus returns
  const opener = page.getByRole('button', { name: /zoom|enlarge/i }).first();
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => !!document.activeElement?.closest('[role=dialog], dialog'));
    assert.ok(inside, `focus stays in the zoom view after ${i + 1} Tab(s)`);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'zoom-1920.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(await opener.evaluate((el) => el === document.activeElement), 'focus returns to the opener');
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe: category listing with facets and product page, both sizes', async () => {
  for (const opts of [PHONE, { viewport: { width: 1920, height: 1080 } }]) {
    const { context, page, errors } = await newPage(opts);
    const cats = await (await fetch(`${env.server.url}/api/v1/categories`)).json();
    await page.goto(`${env.server.url}/category/${cats.data[0].slug}`, { waitUntil: 'networkidle' });
    await waitForResults(page);
    await expectNoAxe(page, `category ${opts.viewport.width}`);
    await page.screenshot({ path: join(ARTIFACTS, `category-facets-${opts.viewport.width}.png`) });
    const href = await page.locator('.card a.card-link').first().getAttribute('href');
    await page.goto(env.server.url + href, { waitUntil: 'networkidle' });
    await page.locator('h1').waitFor();
    await expectNoAxe(page, `product ${opts.viewport.width}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
