// Issue 16, the insight dashboard of the workspace: a scripted set of events sent through
// the API (product views, stock views, one of them out of stock, searches, at two stores
// and without a store) plus a reservation the store's staff collect; then the dashboard
// shows exactly those figures (chart, table view, CSV download), says a reversed period at
// its field with the server's words, and a store's staff sign-in sees its store only.
// Keyboard alone and axe-core at phone and 1920 sizes in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS, PHONE, KIOSK, serverAndBrowser, newPage, expectNoAxe,
} from './support.mjs';

const env = serverAndBrowser('insight.db', ['--demo', '--demo-partner-listen', 'off']);
const STORE = 's_sh_jingan';
const OTHER = 's_bj_sanlitun';
const JSON_HEADERS = { 'content-type': 'application/json', 'x-requested-with': 'storefront' };
// Unauthenticated reads answer 401 and a refused period 400 by contract: Chromium logs them.
const appErrors = (errors) => errors.filter((e) => !/status of (400|401)/.test(e));

/** What was sent, and so what the dashboard must show. */
const sent = {
  all: { product_views: 7, stock_views: 3, reservations: 1, collected: 1, expired: 0 },
  store: { product_views: 4, stock_views: 3, reservations: 1, collected: 1, expired: 0 },
  stockout: null, // { product, name } once chosen
};

async function api(path, init = {}) {
  const r = await fetch(env.server.url + path, init);
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, text };
}

/** A product whose first variant the store has in stock for pickup, and another one. */
async function pickProducts() {
  const list = (await api('/api/v1/products?limit=40')).body.data;
  const found = [];
  for (const p of list) {
    const detail = (await api(`/api/v1/products/${p.id}`)).body;
    const variant = detail.variants[0];
    const a = (await api(`/api/v1/variants/${variant.id}/availability`)).body;
    const here = a.data.find((s) => s.store_id === STORE);
    const elsewhere = a.data.some((s) => s.store_id !== STORE && s.quantity > 0);
    if (here && here.pickup && here.quantity > 1 && elsewhere) found.push({ id: p.id, variant: variant.id, name: detail.name });
    if (found.length === 2) return found;
  }
  throw new Error('no two products in stock for pickup at the store');
}

const event = (name, params) => ({ name, at: new Date().toISOString(), params });
const item = (p, withVariant = false) => ({ items: [{ item_id: p.id, ...(withVariant ? { item_variant: p.variant } : {}) }] });

async function sendBatch(channel, events) {
  const r = await api('/api/v1/events', {
    method: 'POST', headers: JSON_HEADERS,
    body: JSON.stringify({ session_id: randomBytes(16).toString('base64url'), channel, events }),
  });
  assert.equal(r.status, 202, r.text);
  assert.deepEqual(r.body, { accepted: events.length, dropped: 0 });
}

/** Sends the scripted events and the reservation once, before the first test that needs them. */
let scripted;
const script = () => (scripted ??= sendScript());

async function sendScript() {
  // a fresh database starts with no events and no facts
  const [p, q] = await pickProducts();
  sent.stockout = q;
  // the second product is out of stock at the store when its stock there is seen
  const zero = await api(`/api/v1/staff/stores/${STORE}/stock/${q.variant}`, {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer demo-${STORE}` },
    body: JSON.stringify({ quantity: 0 }),
  });
  assert.equal(zero.status, 200, zero.text);
  const here = { store_id: STORE };
  await sendBatch('phone', [
    event('view_item', { ...item(p), ...here }),
    event('view_item', { ...item(p), ...here }),
    event('view_item', { ...item(p), ...here }),
    event('view_store_stock', { ...item(p, true), ...here }),
    event('view_store_stock', { ...item(p, true), ...here }),
    event('reserve', { ...item(p, true), ...here }),
    event('view_item', { ...item(q), ...here }),
    event('view_store_stock', { ...item(q, true), ...here }),
    event('search', { search_term: 'e2e teapot', results: 0 }),
    event('search', { search_term: 'e2e teapot', results: 0 }),
    event('search', { search_term: 'shirt', results: 12 }),
  ]);
  await sendBatch('kiosk', [
    event('view_item', { ...item(p), store_id: OTHER }),
    event('view_item', { ...item(p), store_id: OTHER }),
    event('view_item', item(p)),
  ]);
  // the reservation (a server fact), collected by the store's staff
  const reserved = await api('/api/v1/reservations', {
    method: 'POST', headers: { ...JSON_HEADERS, 'idempotency-key': 'e2e-insight-1' },
    body: JSON.stringify({ variant_id: p.variant, store_id: STORE, quantity: 1, name: '李明', phone: '13812345678' }),
  });
  assert.equal(reserved.status, 201, reserved.text);
  const collected = await api(`/api/v1/staff/stores/${STORE}/reservations/${reserved.body.code}/collect`, {
    method: 'POST', headers: { authorization: `Bearer demo-${STORE}` },
  });
  assert.equal(collected.status, 200, collected.text);
}

/** Signs in on the workspace form (already on screen) by typing the key and Enter. */
async function signIn(page, key, zh) {
  const field = page.getByLabel(zh ? '营销密钥' : 'Marketing key');
  await field.fill(key);
  await field.press('Enter');
}

/** Waits until all five reports have answered. */
async function reportsLoaded(page) {
  await page.waitForFunction(() => document.querySelectorAll('.ins-report[aria-busy="false"]').length === 5
    && !document.querySelector('.ins-placeholder'));
}

/** The funnel's table view: step name -> its figure. */
async function funnelTable(page) {
  const funnel = page.locator('#ins-funnel');
  const chart = funnel.locator('figure.ins-chart');
  const toggle = chart.getByRole('button', { name: /Show as table|以表格显示/ });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  const table = chart.locator('table');
  await table.waitFor();
  const out = {};
  for (const row of await table.locator('tbody tr').all()) {
    out[(await row.locator('th').textContent()).trim()] = (await row.locator('td').first().textContent()).trim();
  }
  return out;
}

const FIGURES_EN = (f) => ({
  'Product views': String(f.product_views), 'Stock viewed': String(f.stock_views), Reserved: String(f.reservations),
  Collected: String(f.collected), 'Expired uncollected': String(f.expired),
});

test('marketing: the funnel shows exactly what was sent (chart, table, CSV); stock-outs, search; a reversed period at its field', async () => {
  await script();
  const { context, page, errors } = await newPage(env.browser, KIOSK, 'en-US');
  await page.goto(env.server.url + '/marketing/insight');
  await signIn(page, 'demo-marketing', false);
  await page.getByRole('heading', { level: 1, name: 'Business insight' }).waitFor();
  await reportsLoaded(page);
  // the workspace's bar links the campaigns and the dashboard
  assert.equal(await page.locator('.mk-bar a', { hasText: 'Marketing workspace' }).count(), 1);
  assert.equal(await page.locator('.mk-bar a', { hasText: 'Insight' }).getAttribute('aria-current'), 'page');
  // the picture says the figures too
  const img = page.locator('#ins-funnel [role="img"]');
  const label = await img.getAttribute('aria-label');
  assert.match(label, /Product views 7; Stock viewed 3 \(42\.9%\); Reserved 1 \(33\.3%\); Collected 1 \(100\.0%\); Expired uncollected 0 \(0\.0%\)/);
  await expectNoAxe(page, 'insight dashboard (1920, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'insight-kiosk-en.png'), fullPage: true });
  assert.deepEqual(await funnelTable(page), FIGURES_EN(sent.all));
  const caption = await page.locator('#ins-funnel figure table caption').textContent();
  assert.equal(caption.trim(), 'From product views to collection in store');
  assert.equal(await page.locator('#ins-funnel figure table th[scope="col"]').count(), 3);

  // stock-outs: the out-of-stock view, with the nearest store that had it
  const stockRow = page.locator('#ins-stockouts table tbody tr').first();
  const stockCells = await stockRow.locator('th, td').allTextContents();
  assert.equal(stockCells[1], sent.stockout.name.en);
  assert.deepEqual(stockCells.slice(2, 4), ['1', '1']);
  assert.notEqual(stockCells[4], 'None');
  // search: the query that found nothing
  const none = page.locator('figure#ins-none');
  await none.getByRole('button', { name: 'Show as table' }).click();
  assert.deepEqual(await none.locator('tbody tr').first().locator('th, td').allTextContents(), ['e2e teapot', '2']);

  // the CSV download holds the same figures
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV: Online-to-store funnel' }).click();
  const file = join(ARTIFACTS, 'insight-funnel.csv');
  await (await download).saveAs(file);
  const csv = readFileSync(file, 'utf8');
  const f = sent.all;
  assert.ok(csv.split(/\r?\n/).includes(`total,,,${f.product_views},${f.stock_views},${f.reservations},${f.collected},${f.expired}`), csv);

  // a period without events: each report says so
  const to = page.getByLabel('To', { exact: true });
  const fromField = page.getByLabel('From', { exact: true });
  const from = await fromField.inputValue();
  const daysBefore = (n) => new Date(Date.parse(`${from}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  await fromField.fill(daysBefore(200));
  await to.fill(daysBefore(100));
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('.ins-report .empty').length === 5);
  for (const text of await page.locator('.ins-report .empty').allTextContents()) assert.equal(text, 'No events in this period.');
  await fromField.fill(from);

  // a reversed period: the server's refusal at the field it names, the keyboard taken there
  await to.fill(daysBefore(1));
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.locator('#ins-to-err', { hasText: 'must not be before from' }).waitFor();
  assert.equal(await to.getAttribute('aria-invalid'), 'true');
  await page.waitForFunction(() => document.activeElement?.id === 'ins-to', null, { timeout: 2000 });
  assert.match(await page.locator('#ins-to-err').textContent(), /^Check this date: /);
  assert.equal(await page.locator('.ins-fix').count(), 5);
  await expectNoAxe(page, 'insight dashboard with a refused period (1920, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'insight-reversed-kiosk-en.png') });
  // a quick choice puts it right
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await page.locator('#ins-to-err').waitFor({ state: 'hidden' });
  await reportsLoaded(page);
  assert.equal(await to.getAttribute('aria-invalid'), null);
  assert.equal(await page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await funnelTable(page), FIGURES_EN(sent.all));

  // one store: only its figures
  await page.getByLabel('Store', { exact: true }).selectOption(OTHER);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.waitForFunction(() => /Product views 2;/.test(document.querySelector('#ins-funnel [role="img"]')?.getAttribute('aria-label') || '')
    || document.querySelector('#ins-funnel table tbody td')?.textContent === '2');

  // the session ends: the reports say so, and "Sign in again" brings the sign-in form
  await context.clearCookies();
  await page.getByRole('button', { name: 'Last 30 days' }).click();
  await page.locator('#ins-funnel .ins-problem').getByText('Your sign-in has ended. Sign in again to see the figures.').waitFor();
  await page.locator('#ins-funnel').getByRole('button', { name: 'Sign in again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Marketing sign-in' }).waitFor();
  assert.deepEqual(appErrors(errors), []);
  await context.close();
});

test('a store\'s staff sign in: straight to the dashboard, their store only, no campaigns', async () => {
  await script();
  const { context, page, errors } = await newPage(env.browser, PHONE, 'zh-CN');
  await page.goto(env.server.url + '/marketing');
  await signIn(page, `demo-${STORE}`, true);
  await page.waitForURL(/\/marketing\/insight$/);
  await page.getByRole('heading', { level: 1, name: '经营洞察' }).waitFor();
  await reportsLoaded(page);
  // the store is fixed: no choice of store, no campaigns link
  assert.equal(await page.locator('#ins-store').count(), 0);
  await page.locator('.ins-own-store', { hasText: '上海' }).waitFor();
  assert.equal(await page.locator('.mk-bar a', { hasText: '营销工作台' }).count(), 0);
  const table = await funnelTable(page);
  const f = sent.store;
  assert.deepEqual(table, {
    商品浏览: String(f.product_views), 查看门店库存: String(f.stock_views), 预留: String(f.reservations),
    已取货: String(f.collected), 过期未取: String(f.expired),
  });
  // its CSV is its store's
  const href = await page.getByRole('link', { name: '下载 CSV: 线上到门店的转化' }).getAttribute('href');
  assert.match(href, new RegExp(`store_id=${STORE}`));
  const csv = await (await context.request.get(new URL(href, env.server.url).href)).text();
  assert.ok(csv.split(/\r?\n/).some((l) => l.startsWith('total,') && l.endsWith(`,${f.product_views},${f.stock_views},1,1,0`)), csv);
  // another store's figures are refused by the server
  const other = await context.request.get(new URL(href.replace(STORE, OTHER), env.server.url).href);
  assert.equal(other.status(), 403);
  // the campaigns are not theirs: the workspace takes them back to the dashboard
  await page.goto(env.server.url + '/marketing/campaigns/new');
  await page.waitForURL(/\/marketing\/insight$/);
  await reportsLoaded(page);
  await expectNoAxe(page, 'insight dashboard, store staff (phone, Chinese)');
  await page.screenshot({ path: join(ARTIFACTS, 'insight-staff-phone-zh.png'), fullPage: true });
  assert.deepEqual(appErrors(errors), []);
  await context.close();
});

/** Presses Tab until the focused element's text is `want`; fails after `max`. */
async function tabTo(page, want, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => (document.activeElement?.textContent || '').trim());
    if (text === want) return;
  }
  assert.fail(`Tab never reached ${want}`);
}

for (const [size, opts, lang] of [
  ['phone', PHONE, 'en-US'], ['phone', PHONE, 'zh-CN'], ['1920', KIOSK, 'zh-CN'], ['1920', KIOSK, 'en-US'],
]) {
  test(`the dashboard by keyboard alone, ${size}, ${lang}: axe clean with charts and with tables`, async () => {
    await script();
    const { context, page, errors } = await newPage(env.browser, opts, lang);
    const zh = lang === 'zh-CN';
    await page.goto(env.server.url + '/marketing/insight');
    const key = page.getByLabel(zh ? '营销密钥' : 'Marketing key');
    await key.waitFor();
    for (let i = 0; i < 40 && !(await key.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.type('demo-marketing');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: zh ? '经营洞察' : 'Business insight' }).waitFor();
    await reportsLoaded(page);
    await expectNoAxe(page, `insight dashboard (${size}, ${lang})`);
    await page.screenshot({ path: join(ARTIFACTS, `insight-${size}-${lang}.png`), fullPage: true });
    // a quick choice, then the funnel as a table, by keyboard
    await tabTo(page, zh ? '近 90 天' : 'Last 90 days');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.ins-quick [aria-pressed="true"]')?.textContent.includes('90'));
    await reportsLoaded(page);
    await tabTo(page, zh ? '以表格显示' : 'Show as table');
    await page.keyboard.press('Enter');
    await page.locator('#ins-funnel figure table').waitFor();
    const views = await page.locator('#ins-funnel figure table tbody tr').first().locator('td').first().textContent();
    assert.equal(views.trim(), String(sent.all.product_views));
    // the table scrolls sideways in its own region, reachable by keyboard
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'region');
    await expectNoAxe(page, `insight dashboard with a table (${size}, ${lang})`);
    await page.screenshot({ path: join(ARTIFACTS, `insight-table-${size}-${lang}.png`), fullPage: true });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scroll');
    assert.deepEqual(appErrors(errors), []);
    await context.close();
  });
}
