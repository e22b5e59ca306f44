// What a product's stock block tells a shopper (issue 13): times on the store's clock even
// when the phone is set to another time zone, and the same on the pass; no fact asserted
// while the figures load; "near you" only when the shopper's position is known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, PHONE, chooseShanghai, serverAndBrowser, expectNoAxe } from './support.mjs';

const env = serverAndBrowser('stock.db', ['--demo']);
const PRODUCT = 'p_000042';

async function product() {
  return (await fetch(`${env.server.url}/api/v1/products/${PRODUCT}`)).json();
}

async function openPage(extra = {}, locale = 'en-US') {
  const context = await env.browser.newContext({ ...PHONE, locale, ...extra });
  const page = await context.newPage();
  return { context, page };
}

/** Makes the first Shanghai store "my store" through the stores page; its name. */
async function chooseMyStore(page) {
  const { name, card } = await chooseShanghai(page, env.server.url);
  // my store shows no distance to itself
  assert.equal(await card.locator('.store-distance').count(), 0, 'no "0 m" on my own store');
  return name;
}

test('with the phone in London, pickup times are on the store clock, labelled, and the pass agrees', async () => {
  const { context, page } = await openPage({ timezoneId: 'Europe/London' });
  const name = await chooseMyStore(page);
  const store = (await (await fetch(`${env.server.url}/api/v1/stores`)).json()).data.find((s) => s.name.en === name);
  const p = await product();
  const variant = p.variants[0];
  // stocked there (the staff endpoint, demo key), so a reservation would be ready at a known time
  const put = await fetch(`${env.server.url}/api/v1/staff/stores/${store.id}/stock/${variant.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer demo-${store.id}` },
    body: JSON.stringify({ quantity: 6 }),
  });
  assert.equal(put.status, 200);
  await page.goto(`${env.server.url}/product/${p.slug}?variant=${variant.id}`);
  const block = page.locator('section.stock');
  const ready = block.locator('.stock-meta', { hasText: 'Ready from' }).first();
  await ready.waitFor();
  const text = await ready.textContent();
  assert.match(text, /\(store time\)/, text);
  const blockTime = text.match(/(\d\d:\d\d)/)?.[1];
  // the API's instant on Shanghai's clock
  const at = (await (await fetch(`${env.server.url}/api/v1/variants/${variant.id}/availability`)).json())
    .data.find((s) => s.store_id === store.id);
  const shanghai = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(at.pickup_ready_at));
  assert.equal(blockTime, shanghai, `${text} vs ${shanghai}`);
  await page.screenshot({ path: join(ARTIFACTS, 'stock-london-phone-en.png') });

  // reserve it: the pass shows the same clock
  await block.getByRole('button', { name: 'Reserve for pickup' }).click();
  const form = page.getByRole('dialog', { name: 'Reserve and collect in store' });
  await form.getByLabel('Your name').fill('Li Ming');
  await form.getByLabel('Mobile number').fill('13812345678');
  await form.getByRole('button', { name: 'Reserve now' }).click();
  await page.waitForURL(/\/reservations\/[0-9A-Z]{10}$/);
  const ready_dd = page.locator('.pass-facts dd').first();
  await ready_dd.waitFor();
  const passText = await ready_dd.textContent();
  assert.match(passText, /\(store time\)/, passText);
  assert.ok(passText.includes(blockTime), `pass "${passText}" vs block ${blockTime}`);
  await expectNoAxe(page, 'pass in London');
  await context.close();
});

test('no stock figure or "not in stock" is shown before the availability answer arrives', async () => {
  const { context, page } = await openPage();
  const p = await product();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/v1/variants/*/availability*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${env.server.url}/product/${p.slug}?variant=${p.variants[0].id}`);
  const block = page.locator('section.stock');
  await block.getByText('Checking the stores…').waitFor();
  // while held, nothing asserts a fact about stock
  for (let i = 0; i < 10; i++) {
    const t = await block.textContent();
    assert.doesNotMatch(t, /Not in stock|Available at|In stock|Low stock/, t);
    await page.waitForTimeout(100);
  }
  release();
  await block.getByRole('button', { name: /Available at \d+ stores?|Not in stock/ }).waitFor();
  await context.close();
});

test('"near you" only with a position: without one, every store counts and the shopper can share it', async () => {
  const { context, page } = await openPage({
    geolocation: { latitude: 31.2304, longitude: 121.4737 },
    permissions: ['geolocation'],
  });
  const p = await product();
  await page.goto(`${env.server.url}/product/${p.slug}?variant=${p.variants[0].id}`);
  const block = page.locator('section.stock');
  const opener = block.getByRole('button', { name: /Available at \d+ stores?$|Not in stock at any store/ });
  await opener.waitFor();
  assert.doesNotMatch(await block.textContent(), /near you/);
  await block.getByRole('link', { name: 'Choose a store' }).first().waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'stock-nowhere-phone-en.png') });
  await expectNoAxe(page, 'stock block without a position');
  // sharing the position: now it is "near you", with distances in the list
  await block.getByRole('button', { name: 'Use my location' }).click();
  await block.getByRole('button', { name: /stores? near you/ }).waitFor();
  await block.getByRole('button', { name: /stores? near you/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Stock in nearby stores' });
  await dialog.locator('.store-distance').first().waitFor();
  await context.close();
});
