// Consent and events (issue 16): the first visit's sheet, "decline all" as prominent as
// "accept all"; after declining, a whole journey sends nothing to the events endpoint; after
// accepting analytics the same journey's views reach the server and the insight report counts
// exactly them; withdrawing stops it; a kiosk's reset forgets the choice. Keyboard only and
// axe-core on the sheet and the settings page, both languages, phone and kiosk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ARTIFACTS, PHONE, KIOSK, SERVER_BIN, serverAndBrowser, newPage, expectNoAxe,
} from './support.mjs';

const partnerFlag = execFileSync(SERVER_BIN, ['--help'], { encoding: 'utf8' }).includes('--demo-partner-listen')
  ? ['--demo-partner-listen', 'off'] : [];
const env = serverAndBrowser('privacy.db', ['--demo', ...partnerFlag]);
const STORE = 's_sh_jingan';
const STAFF = { authorization: `Bearer demo-${STORE}`, 'content-type': 'application/json', 'x-requested-with': 'storefront' };

/** Every request the page makes to the events endpoint. */
function watchEvents(page) {
  const sent = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/events')) sent.push({ method: r.method(), body: r.postData() });
  });
  return sent;
}

/** Hides the page as a shopper leaving it would (what is queued is sent then). */
async function hide(page) {
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    delete document.hidden;
  });
}

/** A short journey: a category, a product, a search that finds something, one that finds nothing. */
async function journey(page) {
  const base = env.server.url;
  await page.goto(base + '/category/women');
  await page.locator('main a[href^="/product/"]').first().waitFor();
  await page.locator('main a[href^="/product/"]').first().click();
  await page.waitForURL(/\/product\//);
  await page.locator('.pdp-desc').waitFor();
  // the stock block has its figures (with my store set, that is a `view_store_stock`)
  await page.waitForLoadState('networkidle');
  await page.goto(base + '/search?q=dress');
  await page.locator('main a[href^="/product/"]').first().waitFor();
  await page.goto(base + '/search?q=zzqqxx');
  await page.locator('.listing-empty, .empty-state, [role=status]').first().waitFor();
  await page.waitForTimeout(300);
}

/** Makes the store the page's "my store", gives the product units there, reserves it
 *  through the product page's stock block; the reservation's code. */
async function reserve(page) {
  const store = await (await fetch(`${env.server.url}/api/v1/stores/${STORE}`)).json();
  const product = await (await fetch(`${env.server.url}/api/v1/products/p_000042`)).json();
  const variant = product.variants[0].id;
  const stocked = await fetch(`${env.server.url}/api/v1/staff/stores/${STORE}/stock/${variant}`, {
    method: 'PUT', headers: STAFF, body: JSON.stringify({ quantity: 10 }),
  });
  assert.equal(stocked.status, 200, await stocked.clone().text());
  await page.evaluate((s) => localStorage.setItem('storefront.my_store',
    JSON.stringify([s.id, s.name['zh-CN'], s.name.en, String(Math.round(s.location.lat * 1e6)), String(Math.round(s.location.lng * 1e6))])), store);
  await page.goto(`${env.server.url}/product/${product.slug}?variant=${variant}`);
  await page.getByRole('button', { name: 'Reserve for pickup' }).click();
  await page.getByLabel('Your name').fill('Li Ming');
  await page.getByLabel('Mobile number').fill('13812345678');
  await page.getByRole('button', { name: 'Reserve now' }).click();
  await page.waitForURL(/\/reservations\/[0-9A-Z]{10}$/);
  return new URL(page.url()).pathname.split('/').pop();
}

/** Today's report `name` (funnel, search, …) as the demo marketing key sees it. */
async function report(name) {
  const signIn = await fetch(`${env.server.url}/api/v1/marketing/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'storefront' },
    body: JSON.stringify({ key: 'demo-marketing' }),
  });
  assert.ok(signIn.ok, await signIn.clone().text());
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const r = await fetch(`${env.server.url}/api/v1/marketing/insight/${name}?from=${day}&to=${day}`, { headers: { cookie } });
  assert.equal(r.status, 200, await r.clone().text());
  return r.json();
}

/** What the server recorded today: product views and searches. */
async function recorded() {
  const [funnel, search] = [await report('funnel'), await report('search')];
  const t = funnel.totals;
  return {
    views: t.product_views, searches: search.searches, none: search.no_results.map((q) => q.query),
    stock: t.stock_views, reserved: t.reservations, collected: t.collected,
  };
}

/** Waits until the server's figures are `want` (events arrive a few seconds after the journey). */
async function until(want) {
  let got;
  for (let i = 0; i < 40; i += 1) {
    got = await recorded();
    if (Object.keys(want).every((k) => got[k] === want[k])) return got;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.deepEqual(Object.fromEntries(Object.keys(want).map((k) => [k, got[k]])), want);
  return got;
}

test('declining sends nothing; accepting sends the journey; withdrawing stops it', async () => {
  const { context, page, errors } = await newPage(env.browser, PHONE, 'en-US', 'ask');
  const sent = watchEvents(page);
  await page.goto(env.server.url + '/');
  const sheet = page.locator('.consent-sheet');
  await sheet.waitFor();
  // the shop stays usable behind it: a region, not a modal dialog
  assert.equal(await sheet.getAttribute('role'), 'region');
  assert.equal(await page.locator('dialog[open]').count(), 0);
  const decline = sheet.getByRole('button', { name: 'Decline all' });
  const accept = sheet.getByRole('button', { name: 'Accept all' });
  // "decline all" exactly as prominent as "accept all"
  assert.equal(await decline.getAttribute('class'), await accept.getAttribute('class'));
  const [db, ab] = [await decline.boundingBox(), await accept.boundingBox()];
  assert.equal(Math.round(db.width), Math.round(ab.width));
  assert.equal(Math.round(db.height), Math.round(ab.height));
  // the notice: what, why, how long, who; and the choice per purpose
  await sheet.getByText('What we collect, why, for how long, and who sees it').click();
  await sheet.getByText('180 days, then deleted automatically').first().waitFor();
  await sheet.getByRole('button', { name: 'Choose per purpose' }).click();
  await sheet.getByLabel('Analytics').waitFor();
  assert.equal(await sheet.getByLabel('Necessary').isDisabled(), true);
  await expectNoAxe(page, 'consent sheet (phone, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'privacy-sheet-360-en.png') });

  // keyboard only: Tab reaches "Decline all", Enter answers
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  let found = false;
  for (let i = 0; i < 40 && !found; i += 1) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Decline all');
  }
  assert.ok(found, 'Tab reaches "Decline all"');
  await page.keyboard.press('Enter');
  await sheet.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => localStorage.getItem('storefront.consent')), '1:00');

  // declined: browsing, searching and reserving send nothing; the server has no event, only
  // the reservation itself (its own record, which needs no consent)
  await journey(page);
  await reserve(page);
  await hide(page);
  await page.waitForTimeout(3_500);
  assert.equal(sent.length, 0, `no request to the events endpoint after declining: ${JSON.stringify(sent)}`);
  assert.deepEqual(await recorded(), { views: 0, searches: 0, none: [], stock: 0, reserved: 1, collected: 0 });
  // and the sheet does not come back
  await page.goto(env.server.url + '/');
  await page.locator('main a[href^="/product/"]').first().waitFor();
  assert.equal(await page.locator('.consent-sheet').count(), 0);

  // the footer's "Privacy choices": turn analytics on
  await page.locator('footer').getByRole('link', { name: 'Privacy choices' }).click();
  await page.waitForURL(/\/privacy$/);
  await page.getByRole('heading', { name: 'Privacy choices', level: 1 }).waitFor();
  await expectNoAxe(page, 'privacy page (phone, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'privacy-page-360-en.png') });
  await page.getByLabel('Analytics').check();
  await page.getByRole('button', { name: 'Save my choices' }).click();
  await page.getByText('Saved.').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('storefront.consent')), '1:10');

  // the same journey now reaches the server: exactly its two product views, two searches and
  // the two stock blocks seen (both product pages show my store's stock of their chosen
  // variant; pages left mid-journey send with keepalive as they go); the reservation, and its
  // collection once the store's staff hand it over
  await journey(page);
  const code = await reserve(page);
  await hide(page);
  const got = await until({ views: 2, searches: 2, stock: 2, reserved: 2, collected: 0 });
  assert.deepEqual(got.none, ['zzqqxx']);
  const collect = await fetch(`${env.server.url}/api/v1/staff/stores/${STORE}/reservations/${code}/collect`, { method: 'POST', headers: STAFF });
  assert.equal(collect.status, 200, await collect.clone().text());
  assert.equal((await recorded()).collected, 1);
  const posts = sent.filter((x) => x.method === 'POST').map((x) => JSON.parse(x.body));
  assert.ok(posts.length >= 1, 'the last page sent its events');
  for (const b of posts) {
    assert.match(b.session_id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(b.channel, 'phone');
  }
  // what the last page sent: GA4-shaped events, the reservation among them
  const names = posts.flatMap((b) => b.events.map((e) => e.name));
  assert.ok(names.includes('reserve'), `reserve sent: ${names}`);

  // withdraw: this visit's events are deleted on the server, and nothing more is sent
  await page.goto(env.server.url + '/privacy');
  await page.getByLabel('Analytics').uncheck();
  await page.getByRole('button', { name: 'Save my choices' }).click();
  await page.getByText("this visit's events were deleted").waitFor();
  assert.ok(sent.some((x) => x.method === 'DELETE'), 'the visit was forgotten');
  assert.deepEqual(await recorded(), { views: 0, searches: 0, none: [], stock: 0, reserved: 2, collected: 1 });
  const count = sent.length;
  await journey(page);
  await hide(page);
  await page.waitForTimeout(3_500);
  assert.equal(sent.length, count, 'nothing sent after withdrawing');
  assert.deepEqual(await recorded(), { views: 0, searches: 0, none: [], stock: 0, reserved: 2, collected: 1 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the sheet and the privacy page in Chinese, at kiosk size, by keyboard and with axe', async () => {
  for (const [opts, size] of [[PHONE, '360'], [KIOSK, '1920']]) {
    const { context, page } = await newPage(env.browser, opts, 'zh-CN', 'ask');
    await page.goto(env.server.url + '/');
    const sheet = page.locator('.consent-sheet');
    await sheet.getByRole('button', { name: '全部拒绝' }).waitFor();
    await sheet.getByRole('button', { name: '全部同意' }).waitFor();
    await expectNoAxe(page, `consent sheet (${size}, Chinese)`);
    await page.screenshot({ path: join(ARTIFACTS, `privacy-sheet-${size}-zh.png`) });
    await page.goto(env.server.url + '/privacy');
    await page.getByRole('heading', { name: '隐私选择', level: 1 }).waitFor();
    await expectNoAxe(page, `privacy page (${size}, Chinese)`);
    await page.screenshot({ path: join(ARTIFACTS, `privacy-page-${size}-zh.png`), fullPage: true });
    // keyboard alone: Tab to the analytics box, Space, Tab to "save", Enter
    const tabTo = async (test) => {
      for (let i = 0; i < 80; i += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(test)) return;
      }
      assert.fail('not reached by Tab');
    };
    await tabTo(() => document.activeElement?.id === 'consent-analytics');
    await page.keyboard.press('Space');
    await tabTo(() => document.activeElement?.textContent?.trim() === '保存我的选择');
    await page.keyboard.press('Enter');
    await page.getByText('已保存。').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('storefront.consent')), '1:10');
    await context.close();
  }
});

test('a kiosk session starts undecided and its reset forgets the choice', async () => {
  const r = await fetch(`${env.server.url}/api/v1/staff/stores/${STORE}/kiosks`, {
    method: 'POST', headers: STAFF, body: JSON.stringify({ name: 'Privacy kiosk' }),
  });
  assert.equal(r.status, 201, await r.clone().text());
  const k = await r.json();
  const { context, page } = await newPage(env.browser, KIOSK, 'en-US', 'ask');
  const sent = watchEvents(page);
  await page.goto(env.server.url + '/kiosk');
  await page.locator('#kiosk-code').fill(k.pairing_code);
  await page.locator('.kiosk-pair button[type=submit]').click();
  const attract = page.locator('.kiosk-attract');
  await attract.click();
  const sheet = page.locator('.consent-sheet');
  await sheet.waitFor();
  await sheet.getByText(/This is a shared store screen|这是门店公用屏幕/).waitFor();
  await expectNoAxe(page, 'consent sheet (kiosk)');
  await page.screenshot({ path: join(ARTIFACTS, 'privacy-kiosk-sheet.png') });
  await sheet.getByRole('button', { name: /^(Accept all|全部同意)$/ }).click();
  await sheet.waitFor({ state: 'detached' });
  // nothing of the choice is kept on the kiosk
  assert.equal(await page.evaluate(() => localStorage.getItem('storefront.consent')), null);
  await page.locator('main a[href^="/product/"]').first().click();
  await page.waitForURL(/\/product\//);
  await page.locator('.pdp-desc').waitFor();
  await hide(page);
  await page.waitForTimeout(1_000);
  const posted = sent.filter((s) => s.method === 'POST').map((s) => JSON.parse(s.body));
  assert.ok(posted.length >= 1 && posted.every((b) => b.channel === 'kiosk'), `a kiosk session sends as a kiosk: ${JSON.stringify(sent)}`);
  // the reset: the next session asks again
  await page.locator('.kiosk-bar').getByRole('button', { name: /^(Start over|重新开始)$/ }).click();
  await attract.waitFor();
  await attract.click();
  await sheet.waitFor();
  await context.close();
});
