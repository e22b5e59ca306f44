// Issue 15, the app's part: a screen paired as a store's kiosk with a code from the staff API;
// the attract screen; a shopper browses, saves to the wishlist, searches and opens a product;
// the idle warning comes, is extended, comes again and the session resets; then nothing of the
// shopper is left in the page's storage, databases, caches or readable cookies, and Back does
// not reach their pages. "Continue on your phone": the QR (decoded with zbarimg) opens the
// same product and variant on a phone, once. Low reach; axe-core on the kiosk's screens in
// both languages. Time is moved with Playwright's clock (the idle timeout is 30 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  declineConsent, ARTIFACTS, PHONE, KIOSK, SERVER_BIN, serverAndBrowser, newPage, expectNoAxe, followLink,
} from './support.mjs';

const partnerFlag = execFileSync(SERVER_BIN, ['--help'], { encoding: 'utf8' }).includes('--demo-partner-listen')
  ? ['--demo-partner-listen', 'off'] : [];
const env = serverAndBrowser('kiosk.db', ['--demo', ...partnerFlag]);
const STORE = 's_sh_jingan';
const STAFF = { authorization: `Bearer demo-${STORE}`, 'content-type': 'application/json', 'x-requested-with': 'storefront' };

/** A new kiosk of the store with short timeouts; its pairing code. */
async function newKiosk(name, lang = 'zh-CN') {
  const r = await fetch(`${env.server.url}/api/v1/staff/stores/${STORE}/kiosks`, {
    method: 'POST', headers: STAFF, body: JSON.stringify({ name }),
  });
  assert.equal(r.status, 201, await r.clone().text());
  const k = await r.json();
  const s = await fetch(`${env.server.url}/api/v1/staff/stores/${STORE}/kiosks/${k.kiosk_id}/settings`, {
    method: 'PUT',
    headers: STAFF,
    body: JSON.stringify({
      idle_seconds: 30, warning_seconds: 20, default_lang: lang, attract_campaign: 'autumn-edit',
      attract_product_ids: [], show_tour_teaser: true, maintenance_time: '04:00',
    }),
  });
  assert.equal(s.status, 200, await s.text());
  return k;
}

/** Pairs `page` with `code` through the pairing screen. */
async function pair(page, code) {
  await page.goto(env.server.url + '/kiosk');
  await page.locator('#kiosk-code').fill(code);
  await page.locator('.kiosk-pair button[type=submit]').click();
  await page.locator('.kiosk-attract').waitFor();
}

/** What the page keeps: storage, databases, caches, readable cookies. */
async function traces(page) {
  return page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
    caches: await caches.keys(),
    cookie: document.cookie,
  }));
}

test('pair, browse, the idle warning extended, then the reset leaves nothing of the shopper', async () => {
  const { context, page, errors } = await newPage(env.browser, KIOSK, 'en-US');
  await page.clock.install();
  // a wrong code says so at the field
  await page.goto(env.server.url + '/kiosk');
  await page.locator('#kiosk-code').fill('ZZZZ-ZZZZ');
  await page.locator('.kiosk-pair button[type=submit]').click();
  await page.getByText('That code is wrong, already used or expired.').waitFor();
  assert.equal(await page.locator('#kiosk-code').getAttribute('aria-invalid'), 'true');
  await expectNoAxe(page, 'pairing (kiosk, English)');

  const k = await newKiosk('E2E entrance');
  await pair(page, k.pairing_code);
  const device = (await context.cookies()).find((c) => c.name === 'sf_kiosk');
  assert.ok(device && device.httpOnly, 'the device cookie is HttpOnly');
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-kiosk')), true);
  // the attract screen, in the kiosk's language, with the store
  const attract = page.locator('.kiosk-attract');
  await attract.getByText('轻触屏幕开始').waitFor();
  await attract.getByText('上海').first().waitFor();
  await expectNoAxe(page, 'attract (kiosk, Chinese)');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-attract-zh.png') });
  await attract.click();
  await attract.waitFor({ state: 'detached' });
  await declineConsent(page);
  // "my store" is the kiosk's
  assert.match(await page.evaluate(() => localStorage.getItem('storefront.my_store') || ''), /s_sh_jingan/);

  // a shopper: a wishlist item, a search, a product
  await page.locator('main .card-heart').first().click();
  await page.getByRole('combobox').first().fill('shirt');
  await page.getByRole('combobox').first().press('Enter');
  await page.waitForURL(/\/search\?q=shirt/);
  await page.locator('main a[href^="/product/"]').first().click();
  await page.waitForURL(/\/product\//);
  const productUrl = page.url();
  assert.ok((await traces(page)).local.length > 0);
  await page.waitForLoadState('networkidle');

  // the first heartbeat falls due while the clock jumps below (every 60 s); its answer is
  // awaited before the last jump, which would otherwise also fire the request's own timeout
  // (a fake-clock timer too) and abort it on a slow machine
  const beat = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/kiosk/heartbeat', { timeout: 60_000 });
  // idle: the warning with its countdown; a touch extends
  await page.clock.fastForward(31_000);
  const warning = page.getByRole('alertdialog');
  await warning.waitFor();
  await warning.locator('.kiosk-count').waitFor();
  assert.ok(Number(await warning.locator('.kiosk-count').innerText()) <= 20);
  await expectNoAxe(page, 'idle warning (kiosk, Chinese)');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-warning-zh.png') });
  await warning.getByRole('button').click();
  await warning.waitFor({ state: 'detached' });
  assert.equal(page.url(), productUrl);

  // idle again, to the end: the reset
  await page.waitForLoadState('networkidle');
  await page.clock.fastForward(31_000);
  await warning.waitFor();
  assert.equal((await beat).status(), 204, 'the heartbeat is taken');
  await page.clock.fastForward(21_000);
  await attract.waitFor();
  await page.waitForFunction(() => location.pathname === '/');
  // give the reset's clean-up and the fresh app a moment
  await page.clock.runFor(500);
  await page.waitForLoadState('networkidle');
  const left = await traces(page);
  // the fresh app writes the kiosk's own store and language back; nothing of the shopper
  assert.deepEqual(left.local.filter((k) => !['storefront.my_store', 'storefront.lang'].includes(k)), [], JSON.stringify(left));
  assert.match(await page.evaluate(() => localStorage.getItem('storefront.my_store') || ''), /s_sh_jingan/);
  assert.match(await page.evaluate(() => localStorage.getItem('storefront.lang') || 'zh-CN'), /zh/);
  assert.equal(await page.locator('.wishlist-count, .header-wishlist-count').filter({ hasText: /[1-9]/ }).count(), 0);
  assert.deepEqual(left.session, []);
  assert.deepEqual(left.idb, []);
  assert.deepEqual(left.caches, []);
  assert.equal(left.cookie, '');
  assert.ok((await context.cookies()).some((c) => c.name === 'sf_kiosk'), 'the device cookie stays');
  // the heartbeat (every 60 s; the clock moved 83 s): staff see the kiosk online, with its report
  const list = await (await fetch(`${env.server.url}/api/v1/staff/stores/${STORE}/kiosks`, { headers: STAFF })).json();
  const me = list.data.find((x) => x.kiosk_id === k.kiosk_id);
  assert.equal(me.status, 'online', JSON.stringify(me));
  assert.match(me.last_report.route, /^\/[^?#]*$/);
  assert.equal(typeof me.last_report.webgl, 'boolean');
  // Back does not reach the shopper's pages
  await page.goBack().catch(() => {});
  assert.doesNotMatch(page.url(), /\/product\/|\/search/);
  assert.deepEqual(errors.filter((e) => !/status of 4\d\d/.test(e)), []);
  await context.close();
});

test('continue on your phone: the QR opens the same product on a phone, once', async () => {
  const { context, page } = await newPage(env.browser, KIOSK, 'en-US');
  const k = await newKiosk('E2E hand-off', 'en');
  await pair(page, k.pairing_code);
  await page.locator('.kiosk-attract').click();
  await declineConsent(page);
  await page.locator('main a[href^="/product/"]').first().click();
  await page.waitForURL(/\/product\//);
  const kioskUrl = new URL(page.url());
  await page.getByRole('button', { name: 'Continue on your phone' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Continue on your phone' });
  const qr = dialog.getByRole('img', { name: 'QR code to open this on your phone' });
  await qr.waitFor();
  await expectNoAxe(page, 'hand-off (kiosk, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-handoff-en.png') });
  const shot = join(ARTIFACTS, 'kiosk-handoff-qr.png');
  await qr.screenshot({ path: shot });
  const link = execFileSync('zbarimg', ['--quiet', '--raw', shot], { encoding: 'utf8' }).trim();
  assert.match(link, /\/h\/[2-9A-Za-z]{10}$/);

  const phone = await newPage(env.browser, PHONE, 'en-US');
  const t0 = Date.now();
  await phone.page.goto(link);
  await phone.page.waitForURL((u) => u.pathname === kioskUrl.pathname);
  await phone.page.locator('main h1').first().waitFor();
  console.log(`hand-off: product shown on the phone ${Date.now() - t0} ms after opening the link`);
  assert.equal(new URL(phone.page.url()).search, kioskUrl.search);
  // the kiosk learns it
  await dialog.getByText('Opened on your phone.').waitFor({ timeout: 10_000 });
  // used again: refused, with a way into the shop
  const again = await newPage(env.browser, PHONE, 'en-US');
  await again.page.goto(link);
  await again.page.getByRole('heading', { name: 'This link has already been used.' }).waitFor();
  await again.page.getByRole('link', { name: 'Go to the shop' }).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  // low reach: on until the session ends, axe clean
  const low = page.getByRole('button', { name: 'Low reach' });
  await low.click();
  assert.equal(await low.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('low-reach')), true);
  await expectNoAxe(page, 'low reach (kiosk, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-low-reach-en.png') });
  // keyboard alone: Start over resets
  await page.getByRole('button', { name: 'Start over' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.kiosk-attract').waitFor();
  await page.waitForFunction(() => !document.documentElement.classList.contains('low-reach'));
  await again.context.close();
  await phone.context.close();
  await context.close();
});

test('member pages stay on the phone; staff leave kiosk mode with the store key behind the hidden gesture', async () => {
  const { context, page } = await newPage(env.browser, KIOSK, 'en-US');
  const k = await newKiosk('E2E exit', 'en');
  await pair(page, k.pairing_code);
  await page.locator('.kiosk-attract').click();
  await declineConsent(page);
  // no phone number or member QR on a shared screen
  await page.goto(env.server.url + '/member');
  await page.locator('.kiosk-attract').click();
  await declineConsent(page);
  const members = page.getByRole('region', { name: 'Membership is on your phone' });
  await members.waitFor();
  await members.getByRole('button', { name: 'Continue on your phone' }).waitFor();
  await expectNoAxe(page, 'member page on a kiosk (English)');
  // five taps on the store's name open the staff prompt; a wrong PIN is refused
  const store = page.locator('.kiosk-store');
  for (let i = 0; i < 5; i++) await store.click();
  const prompt = page.getByRole('dialog', { name: 'Leave kiosk mode' });
  await prompt.waitFor();
  await prompt.getByLabel('Store key or PIN').fill('0000');
  await prompt.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await prompt.getByText('That key or PIN is not right.').waitFor();
  await expectNoAxe(page, 'staff prompt (English)');
  await prompt.getByLabel('Store key or PIN').fill(`demo-${STORE}`);
  await prompt.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-kiosk'));
  await page.locator('.site-header').waitFor();
  assert.equal(await page.locator('.kiosk-bar').count(), 0);
  assert.ok(!(await context.cookies()).some((c) => c.name === 'sf_kiosk'), 'the device cookie is gone');
  await context.close();
});

/** The number in the listing's "n results". */
async function resultCount(page) {
  await page.waitForFunction(() => /\d/.test(document.querySelector('.listing-count')?.textContent || ''));
  await page.waitForFunction(() => !document.querySelector('.listing-results[aria-busy=true]'));
  return Number((await page.locator('.listing-count').textContent()).replace(/[^\d]/g, ''));
}

test('portrait 1080×1920: store status, in stock here by default, a pickup pass carried to the phone, both languages', async () => {
  const PORTRAIT = { viewport: { width: 1080, height: 1920 }, hasTouch: true };
  const { context, page, errors } = await newPage(env.browser, PORTRAIT, 'en-US');
  await page.clock.install();
  const k = await newKiosk('E2E portrait', 'en');
  await pair(page, k.pairing_code);
  const attract = page.locator('.kiosk-attract');
  await attract.getByText('Touch the screen to start').waitFor();
  await expectNoAxe(page, 'attract (portrait, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-portrait-attract-en.png') });
  await attract.click();
  await attract.waitFor({ state: 'detached' });
  await declineConsent(page);
  // the bar names the store and whether it is open now
  const status = page.locator('.kiosk-bar .kiosk-status');
  await status.waitFor();
  assert.match(await status.textContent(), /^(Open now|Closed)/);

  // listings show what is in stock here unless the shopper says otherwise: one product of
  // the category sold out here
  const gone = (await (await fetch(`${env.server.url}/api/v1/products?category=women&limit=1`)).json()).data[0];
  const full = await (await fetch(`${env.server.url}/api/v1/products/${gone.id}`)).json();
  for (const v of full.variants) {
    const r = await fetch(`${env.server.url}/api/v1/staff/stores/${STORE}/stock/${v.id}`, {
      method: 'PUT', headers: STAFF, body: JSON.stringify({ quantity: 0 }),
    });
    assert.equal(r.status, 200);
  }
  await followLink(page, '/category/women');
  await page.waitForURL((u) => u.pathname === '/category/women');
  assert.equal(new URL(page.url()).search, '');
  const chip = page.locator('.filter-chips button', { hasText: 'In stock' });
  await chip.waitFor();
  const here = await resultCount(page);
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-portrait-listing-en.png') });
  await chip.click();
  await page.waitForURL(/in_stock=false/);
  await chip.waitFor({ state: 'detached' });
  const all = await resultCount(page);
  assert.equal(here, all - 1, `in stock here ${here}, all ${all}`);

  // reserve here: the pass goes to the phone by QR, then the kiosk starts over
  const p = await (await fetch(`${env.server.url}/api/v1/products/p_000042`)).json();
  const variant = p.variants[0];
  const put = await fetch(`${env.server.url}/api/v1/staff/stores/${STORE}/stock/${variant.id}`, {
    method: 'PUT', headers: STAFF, body: JSON.stringify({ quantity: 6 }),
  });
  assert.equal(put.status, 200);
  await followLink(page, `/product/${p.slug}?variant=${variant.id}`);
  await page.locator('section.stock').getByRole('button', { name: 'Reserve for pickup' }).click();
  const form = page.getByRole('dialog', { name: 'Reserve and collect in store' });
  await form.getByLabel('Your name').fill('Li Ming');
  await form.getByLabel('Mobile number').fill('13812345678');
  await form.getByRole('button', { name: 'Reserve now' }).click();
  await page.waitForURL(/\/reservations\/[0-9A-Z]{10}$/);
  const code = new URL(page.url()).pathname.split('/').pop();
  const pass = page.getByRole('dialog', { name: 'Take your pickup pass with you' });
  const qr = pass.getByRole('img', { name: 'QR code to open this on your phone' });
  await qr.waitFor();
  await expectNoAxe(page, 'pickup pass hand-off (portrait, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-portrait-pass-en.png') });
  const shot = join(ARTIFACTS, 'kiosk-pass-qr.png');
  await qr.screenshot({ path: shot });
  const link = execFileSync('zbarimg', ['--quiet', '--raw', shot], { encoding: 'utf8' }).trim();
  const phone = await newPage(env.browser, PHONE, 'en-US');
  await phone.page.goto(link);
  await phone.page.waitForURL((u) => u.pathname === `/reservations/${code}`);
  await phone.page.locator('.pass-facts dd').first().waitFor();
  // the phone keeps the pass; the kiosk learns the hand-off was taken (alongside the page)
  await phone.page.waitForFunction((c) => (localStorage.getItem('storefront.reservations') || '').includes(c), code);
  await pass.getByText('Opened on your phone.').waitFor({ timeout: 10_000 });
  await phone.context.close();
  await pass.getByRole('button', { name: /^Start over now/ }).click();
  await attract.waitFor();
  await page.waitForFunction(() => location.pathname === '/');
  await page.clock.runFor(500);
  await page.waitForLoadState('networkidle');
  assert.doesNotMatch(JSON.stringify(await traces(page)), new RegExp(code));

  // the idle warning in English
  await attract.click();
  await attract.waitFor({ state: 'detached' });
  await declineConsent(page);
  await page.waitForLoadState('networkidle');
  await page.clock.fastForward(31_000);
  const warning = page.getByRole('alertdialog');
  await warning.getByText('Still there?').waitFor();
  await expectNoAxe(page, 'idle warning (portrait, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-portrait-warning-en.png') });
  await warning.getByRole('button', { name: 'Continue' }).click();
  await warning.waitFor({ state: 'detached' });

  // in Chinese: continue on your phone, and low reach
  await page.locator('[data-lang-switch]').click();
  await page.getByRole('button', { name: '在手机上继续' }).first().click();
  const handoff = page.getByRole('dialog', { name: '在手机上继续' });
  await handoff.getByRole('img', { name: '在手机上打开的二维码' }).waitFor();
  await expectNoAxe(page, 'hand-off (portrait, Chinese)');
  await handoff.getByRole('button', { name: '关闭' }).click();
  await handoff.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '低位操作' }).click();
  await page.waitForFunction(() => document.documentElement.classList.contains('low-reach'));
  await expectNoAxe(page, 'low reach (portrait, Chinese)');
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-portrait-low-reach-zh.png') });
  assert.deepEqual(errors.filter((e) => !/status of 4\d\d/.test(e)), []);
  await context.close();
});
