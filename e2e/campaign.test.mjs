// Issue 14, the app's part: the campaign page at phone and kiosk sizes in both languages
// (axe-core clean, keyboard only), its kind answers for an unknown and an ended campaign,
// and the embed on a partner page served by this test from another origin
// (http://localhost:<port>, another site than the shop's http://127.0.0.1:<port>): the
// iframe appears, sizes itself to its content, the host receives `view_promotion` and
// `select_item`; a page on an origin not on the campaign's list cannot frame it; and the
// coupon is claimed from inside the embed through the hand-off window in a browser that
// blocks third-party cookies (the shop's cookies never reach the framed page: its session
// cookie is SameSite=Lax and the pages are cross-site), then redeemed at the till from its
// decoded QR, and the campaign's results count the claim and the redemption for the partner.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  ARTIFACTS, PHONE, KIOSK, SERVER_BIN, freePort, serverAndBrowser, newPage, expectNoAxe, launchBrowser,
} from './support.mjs';

// the demo partner page's own listener (port 8090) is not wanted here: this test serves its own
const partnerFlag = execFileSync(SERVER_BIN, ['--help'], { encoding: 'utf8' }).includes('--demo-partner-listen')
  ? ['--demo-partner-listen', 'off'] : [];
const env = serverAndBrowser('campaign.db', ['--demo', ...partnerFlag]);
const SLUG = 'autumn-edit';

/** The partner page: an article with the one-line snippet (and a listener of its events). */
function partnerHtml(shop, slug, lang = 'en') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner blog</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script>window.dataLayer = []; window.__events = [];
document.addEventListener('storefront:event', function (e) { window.__events.push(e.detail); });</script>
<style>body{margin:0;font:16px/1.5 sans-serif}main{max-width:960px;margin:0 auto;padding:16px}</style></head>
<body><main><h1>Our autumn picks</h1><p>We went shopping. Here is what we liked.</p>
<div id="slot"><script src="${shop}/embed.js" data-campaign="${slug}" data-lang="${lang}" async></script></div>
<p id="after">Thanks for reading.</p></main></body></html>`;
}

/** A tiny partner site on 127.0.0.1:port serving `partnerHtml` at `/`. */
async function partnerSite(slug) {
  const port = await freePort();
  const srv = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(partnerHtml(env.server.url, slug));
  });
  await new Promise((ok) => srv.listen(port, '127.0.0.1', ok));
  return { port, origin: `http://localhost:${port}`, close: () => new Promise((ok) => srv.close(ok)) };
}

/** Signs in to the marketing workspace (demo key) and returns a fetch with its cookie. */
async function marketing() {
  const r = await fetch(`${env.server.url}/api/v1/marketing/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'storefront' },
    body: JSON.stringify({ key: 'demo-marketing' }),
  });
  assert.equal(r.status, 201, await r.text());
  const cookie = r.headers.get('set-cookie').split(';')[0];
  return (path, init = {}) => fetch(`${env.server.url}/api/v1/marketing${path}`, {
    ...init,
    headers: { cookie, 'content-type': 'application/json', 'x-requested-with': 'storefront', ...(init.headers || {}) },
  });
}

/** Adds `origin` to the allowed origins of campaign `slug`. */
async function allowOrigin(slug, origin) {
  const m = await marketing();
  const got = await m(`/campaigns/${slug}`);
  assert.equal(got.status, 200, await got.clone().text());
  const { input } = await got.json();
  input.allowed_origins = [...input.allowed_origins, origin];
  const put = await m(`/campaigns/${slug}`, { method: 'PUT', body: JSON.stringify(input) });
  assert.equal(put.status, 200, await put.text());
}

let allowed;
let stranger;
let ready;
/** The two partner sites, the first on the campaign's list (once, after the server is up). */
function partners() {
  ready ??= (async () => {
    allowed = await partnerSite(SLUG);
    stranger = await partnerSite(SLUG);
    await allowOrigin(SLUG, allowed.origin);
  })();
  return ready;
}
after(async () => {
  await allowed?.close();
  await stranger?.close();
});

for (const [size, opts] of [['phone', PHONE], ['kiosk', KIOSK]]) {
  for (const lang of ['zh-CN', 'en-US']) {
    test(`campaign page, ${size}, ${lang}: hero, time left, products, coupon, axe clean`, async () => {
      const { context, page, errors } = await newPage(env.browser, opts, lang);
      const views = [];
      page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith(`/campaigns/${SLUG}/views`)) views.push(r.postData()); });
      await page.goto(`${env.server.url}/campaign/${SLUG}?utm_source=newsletter&utm_medium=email`);
      const title = page.locator('#campaign-title');
      await title.waitFor();
      const hero = page.locator('.campaign-hero img');
      assert.ok(Number(await hero.getAttribute('width')) > 0);
      assert.ok(Number(await hero.getAttribute('height')) > 0);
      assert.ok((await hero.getAttribute('alt')).length > 0);
      assert.match(await hero.getAttribute('srcset'), /\d+w/);
      assert.match(await page.locator('.campaign-time strong').innerText(), lang === 'en-US' ? /left/ : /还剩/);
      assert.ok(await page.locator('.campaign-card').count() >= 8);
      // signed out: the coupon with the inline sign-in or join
      await page.locator('.campaign-offer #signin-login').waitFor();
      await expectNoAxe(page, `campaign ${size} ${lang}`);
      await page.waitForFunction(() => {
        const img = document.querySelector('.campaign-hero img');
        return img.complete && img.naturalWidth > 0;
      });
      await page.screenshot({ path: join(ARTIFACTS, `campaign-${size}-${lang}.png`), fullPage: size === 'phone' });
      // one view per page load, with the visit's attribution
      await page.waitForTimeout(300);
      assert.equal(views.length, 1);
      const sent = JSON.parse(views[0]);
      assert.equal(sent.attribution.utm_source, 'newsletter');
      assert.equal(sent.attribution.campaign, SLUG);
      assert.equal(sent.embedded, false);
      // no horizontal scroll
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
      assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
      await context.close();
    });
  }
}

test('keyboard only: Tab reaches the claim, sign-in and products in order', async () => {
  const { context, page } = await newPage(env.browser, KIOSK, 'en-US');
  await page.goto(`${env.server.url}/campaign/${SLUG}`);
  await page.locator('.campaign-offer #signin-login').waitFor();
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => {
      const a = document.activeElement;
      return `${a.tagName.toLowerCase()}.${a.className}|${(a.textContent || '').trim().slice(0, 30)}`;
    }));
  }
  assert.ok(seen.some((s) => s.includes('share-button')), seen.join('\n'));
  assert.ok(seen.some((s) => s.startsWith('input.') && s.includes('')), seen.join('\n'));
  assert.ok(seen.some((s) => s.startsWith('a.card-link')), seen.join('\n'));
  await context.close();
});

test('signed out: sign in inline, then claim on the page', async () => {
  const { context, page } = await newPage(env.browser, PHONE, 'en-US');
  await page.goto(`${env.server.url}/campaign/${SLUG}?utm_source=kbd`);
  await page.getByLabel('Mobile number or email').fill('13800000001');
  await page.getByRole('button', { name: 'Send code' }).click();
  const code = page.getByLabel('Code (6 digits)');
  await code.waitFor();
  const r = await fetch(`${env.server.url}/api/v1/demo/last-code?login=13800000001`);
  await code.fill((await r.json()).code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Claim the coupon' }).click();
  await page.getByRole('status').getByText('Claimed: it is in your wallet.').waitFor();
  await expectNoAxe(page, 'campaign claimed');
  await context.close();
});

test('unknown and ended campaigns say so kindly with a way into the shop', async () => {
  for (const lang of ['en-US', 'zh-CN']) {
    const { context, page } = await newPage(env.browser, PHONE, lang);
    await page.goto(`${env.server.url}/campaign/no-such-campaign`);
    await page.locator('.campaign-gone h1').waitFor();
    assert.match(await page.locator('.campaign-gone h1').innerText(), lang === 'en-US' ? /isn't available/ : /暂时无法查看/);
    assert.equal(await page.locator('.campaign-gone a').getAttribute('href'), '/');
    await expectNoAxe(page, `campaign 404 ${lang}`);
    await page.goto(`${env.server.url}/campaign/summer-sale`);
    await page.locator('.campaign-gone h1').waitFor();
    assert.match(await page.locator('.campaign-gone h1').innerText(), lang === 'en-US' ? /has ended/ : /已经结束/);
    await expectNoAxe(page, `campaign 410 ${lang}`);
    await page.screenshot({ path: join(ARTIFACTS, `campaign-ended-${lang}.png`) });
    await context.close();
  }
});

/** The partner page with its embed loaded (view_promotion received). */
async function openPartner(page, site, query = '?utm_source=partner_blog&utm_medium=embed') {
  await partners();
  await page.goto(`${site.origin}/${query}`);
  const iframe = page.locator('#slot iframe');
  await iframe.waitFor();
  return iframe;
}

async function events(page) {
  return page.evaluate(() => window.__events);
}

for (const [width, opts] of [[360, PHONE], [768, { viewport: { width: 768, height: 1024 } }], [1280, { viewport: { width: 1280, height: 900 } }]]) {
  test(`embed on a partner page at ${width} px: appears, sizes itself, sends view_promotion and select_item`, async () => {
    await partners();
    const { context, page } = await newPage(env.browser, opts, 'en-US');
    const iframe = await openPartner(page, allowed);
    assert.ok((await iframe.getAttribute('title')).length > 0);
    assert.equal(await iframe.getAttribute('loading'), 'lazy');
    const src = new URL(await iframe.getAttribute('src'));
    assert.equal(src.searchParams.get('parent'), allowed.origin);
    assert.equal(src.searchParams.get('utm_source'), 'partner_blog');
    const frame = page.frameLocator('#slot iframe');
    await frame.locator('#campaign-title').waitFor();
    await page.waitForFunction(() => window.__events.some((e) => e.name === 'view_promotion'));
    const view = (await events(page)).find((e) => e.name === 'view_promotion');
    assert.equal(view.params.promotion_id, SLUG);
    assert.equal(view.params.creative_name, 'embed');
    assert.ok((await page.evaluate(() => window.dataLayer)).some((e) => e.event === 'view_promotion'));
    // the iframe takes its content's height (within 2 px), with no inner scrollbar
    const f = page.frames().find((x) => x.url().includes('/embed/campaign/'));
    let diff = Infinity;
    for (let i = 0; i < 40 && diff > 2; i++) {
      await page.waitForTimeout(250);
      const content = await f.evaluate(() => document.documentElement.getBoundingClientRect().height);
      const box = await iframe.boundingBox();
      diff = Math.abs(box.height - content);
    }
    assert.ok(diff <= 2, `iframe height off its content by ${diff} px`);
    assert.ok(await f.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 2));
    // no header, footer or tab bar; an "Open the shop" link in a new tab
    assert.equal(await frame.locator('.site-header, .site-footer, .bottom-nav').count(), 0);
    assert.equal(await frame.getByRole('link', { name: /Open the shop/ }).getAttribute('target'), '_blank');
    if (width === 360) {
      await expectNoAxe(page, 'partner page with the embed');
      await page.screenshot({ path: join(ARTIFACTS, 'embed-partner-360.png'), fullPage: true });
    }
    if (width === 1280) await page.screenshot({ path: join(ARTIFACTS, 'embed-partner-1280.png'), fullPage: true });
    // a product click sends select_item (the product opens in a new tab)
    const opened = context.waitForEvent('page');
    await frame.locator('.campaign-card a').first().click();
    const tab = await opened;
    await page.waitForFunction(() => window.__events.some((e) => e.name === 'select_item'));
    const sel = (await events(page)).find((e) => e.name === 'select_item');
    assert.equal(sel.params.item_list_id, SLUG);
    assert.equal(sel.params.items.length, 1);
    assert.equal(sel.params.items[0].currency, 'CNY');
    assert.equal(typeof sel.params.items[0].price, 'number');
    assert.ok(sel.params.items[0].item_id);
    assert.match(tab.url(), /\/product\/.*utm_source=partner_blog/);
    await context.close();
  });
}

test('keyboard only on the partner page: Tab goes into the embed and reaches Open the shop, Claim and the products', async () => {
  await partners();
  const { context, page } = await newPage(env.browser, KIOSK, 'en-US');
  await openPartner(page, allowed);
  await page.frameLocator('#slot iframe').locator('#campaign-title').waitFor();
  const f = page.frames().find((x) => x.url().includes('/embed/campaign/'));
  const seen = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    seen.push(await f.evaluate(() => (document.hasFocus() ? (document.activeElement.textContent || '').trim().slice(0, 40) : '')));
  }
  for (const want of ['Open the shop', 'Share', 'Claim the coupon']) {
    assert.ok(seen.some((t) => t.startsWith(want)), `${want} not reached by Tab: ${seen.join(' | ')}`);
  }
  await context.close();
});

test('the embed itself is axe clean in both languages at phone and kiosk sizes', async () => {
  await partners();
  for (const [size, opts] of [['phone', PHONE], ['kiosk', KIOSK]]) {
    for (const lang of ['en', 'zh-CN']) {
      const { context, page } = await newPage(env.browser, opts, 'en-US');
      await page.goto(`${env.server.url}/embed/campaign/${SLUG}?parent=${encodeURIComponent(allowed.origin)}&lang=${lang}`);
      await page.locator('#campaign-title').waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await expectNoAxe(page, `embed ${size} ${lang}`);
      await context.close();
    }
  }
});

test('a page on an origin not on the list cannot frame the campaign', async () => {
  await partners();
  const head = await fetch(`${env.server.url}/embed/campaign/${SLUG}?parent=${encodeURIComponent(stranger.origin)}`);
  assert.match(head.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  const ok = await fetch(`${env.server.url}/embed/campaign/${SLUG}?parent=${encodeURIComponent(allowed.origin)}`);
  assert.match(ok.headers.get('content-security-policy'), new RegExp(`frame-ancestors ${allowed.origin}`));

  const { context, page } = await newPage(env.browser, KIOSK, 'en-US');
  await openPartner(page, stranger);
  await page.waitForTimeout(4000);
  assert.deepEqual(await events(page), []);
  const f = page.frames().find((x) => x !== page.mainFrame());
  const shown = f ? await f.evaluate(() => !!document.querySelector('#campaign-title')).catch(() => false) : false;
  assert.equal(shown, false);
  await context.close();
});

test('claim from inside the embed through the hand-off window with third-party cookies blocked; the coupon redeemed at the till', async (t) => {
  await partners();
  // a browser that blocks third-party cookies outright, as Safari and Firefox do by default
  const browser = await launchBrowser(['--test-third-party-cookie-phaseout']);
  t.after(() => browser.close());
  const { context, page } = await newPage(browser, PHONE, 'en-US');
  await openPartner(page, allowed);
  const frame = page.frameLocator('#slot iframe');
  const popup = context.waitForEvent('page');
  await frame.getByRole('button', { name: 'Claim the coupon' }).click();
  const win = await popup;
  await win.waitForURL(/\/campaign\/autumn-edit\?handoff=ho_/);
  await frame.getByRole('status').getByText('Sign in and finish claiming').waitFor();
  // sign in (a new member joins) in the top-level window; the claim completes there
  await win.getByLabel('Mobile number or email').fill('13900000114');
  await win.getByRole('button', { name: 'Send code' }).click();
  const code = win.getByLabel('Code (6 digits)');
  await code.waitFor();
  const r = await fetch(`${env.server.url}/api/v1/demo/last-code?login=13900000114`);
  await code.fill((await r.json()).code);
  await win.getByRole('button', { name: 'Sign in' }).click();
  await win.getByRole('alert').getByText('To join, please agree').waitFor();
  await win.getByLabel('I agree to the membership terms and privacy notice').check();
  await win.getByRole('button', { name: 'Join' }).click();
  await win.getByText('Claimed. You can close this window and go back.').waitFor();
  await expectNoAxe(win, 'hand-off claimed');
  // the embed learns it by polling the hand-off
  await frame.getByText('Claimed: it is in your wallet.').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'coupon_claimed'));
  const names = (await events(page)).map((e) => e.name);
  assert.ok(names.includes('select_promotion'), names.join());
  // the member is signed in at the top level, yet the framed shop (cross-site) has no session
  const f = page.frames().find((x) => x.url().includes('/embed/campaign/'));
  assert.equal(await f.evaluate(() => fetch('/api/v1/me/loyalty').then((r) => r.status)), 401);
  assert.equal(await win.evaluate(() => fetch('/api/v1/me/loyalty').then((r) => r.status)), 200);
  // the claim counts for the partner's origin and UTM source
  const m = await marketing();
  const results = await (await m(`/campaigns/${SLUG}/results`)).json();
  const byOrigin = results.by_origin.find((r) => r.key === allowed.origin);
  assert.ok(byOrigin && byOrigin.figures.views >= 1 && byOrigin.figures.claims === 1, JSON.stringify(results.by_origin));
  const bySource = results.by_source.find((r) => r.key === 'partner_blog');
  assert.ok(bySource && bySource.figures.claims === 1, JSON.stringify(results.by_source));
  // the coupon, in the member's wallet, is redeemed at the till from its decoded QR
  await win.goto(`${env.server.url}/wallet`);
  await win.locator('.coupon-list a').first().click();
  const qr = win.getByRole('img', { name: 'Coupon QR code for the till' });
  await qr.waitFor();
  const shot = join(ARTIFACTS, 'campaign-coupon-qr.png');
  // clear of the fixed tab bar (the hand-off window is a small one)
  await qr.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await qr.screenshot({ path: shot });
  const token = execFileSync('zbarimg', ['--quiet', '--raw', shot], { encoding: 'utf8' }).trim();
  const store = 's_sh_jingan';
  const till = spawnSync(SERVER_BIN, ['till', '--url', env.server.url, '--store', store, '--key', `demo-${store}`,
    '--redeem', '--receipt', 'R-EMBED-1', token], { encoding: 'utf8' });
  assert.equal(till.status, 0, `${till.stdout}${till.stderr}`);
  await win.locator('.coupon-detail .pass-status', { hasText: 'Used' }).waitFor({ timeout: 5_000 });
  const after2 = await (await m(`/campaigns/${SLUG}/results`)).json();
  const row = after2.by_origin.find((r) => r.key === allowed.origin);
  assert.equal(row.figures.redemptions, 1, JSON.stringify(after2.by_origin));
  await context.close();
});

/** The index of a campaign product that one of the campaign's stores can hand over now. */
async function pickupableIndex(slug) {
  const c = await (await fetch(`${env.server.url}/api/v1/campaigns/${slug}`)).json();
  for (const [i, p] of c.products.entries()) {
    const detail = await (await fetch(`${env.server.url}/api/v1/products/${p.id}`)).json();
    const a = await (await fetch(`${env.server.url}/api/v1/variants/${detail.variants[0].id}/availability`)).json();
    const ok = a.data.some((s) => s.pickup && s.quantity > 0 && (c.store_ids.length === 0 || c.store_ids.includes(s.store_id)));
    if (ok) return i;
  }
  throw new Error('no campaign product can be collected anywhere');
}

test('reserve for pickup from inside the embed, third-party cookies blocked: the pass in place, reserve to the host, counted for the partner', async (t) => {
  await partners();
  const browser = await launchBrowser(['--test-third-party-cookie-phaseout']);
  t.after(() => browser.close());
  const { context, page } = await newPage(browser, PHONE, 'en-US');
  const iframe = await openPartner(page, allowed, '?utm_source=partner_reserve&utm_medium=embed');
  const frame = page.frameLocator('#slot iframe');
  const f = () => page.frames().find((x) => x.url().includes('/embed/campaign/'));
  const card = frame.locator('.campaign-card').nth(await pickupableIndex(SLUG));
  await card.getByRole('button', { name: 'Reserve for pickup' }).click();
  // the panel opens in the card, with the focus on its heading, and stores that have it
  const heading = card.getByRole('heading', { name: 'Reserve for pickup' });
  await heading.waitFor();
  await f().waitForFunction(() => document.activeElement?.tagName === 'H3', null, { timeout: 2000 });
  const store = card.getByLabel('Collect from');
  await store.waitFor();
  assert.match(await store.locator('option').first().innerText(), /\(\d+ left\)/);
  // errors at their fields first, then the reservation
  await card.getByRole('button', { name: 'Reserve now' }).click();
  await card.getByText('Enter your name (up to 40 characters).').waitFor();
  await card.getByLabel('Your name').fill('Li Ming');
  await card.getByLabel('Mobile number').fill('13812345678');
  await card.getByRole('button', { name: 'Reserve now' }).click();
  await card.getByText('Reserved. Show the pickup code at the store to collect it.').waitFor();
  const code = (await card.locator('.campaign-pickup-code').innerText()).trim();
  assert.match(code, /^[0-9A-Z]{10}$/);
  const pass = card.getByRole('link', { name: /Open the pickup pass/ });
  assert.equal(await pass.getAttribute('target'), '_blank');
  assert.equal(await pass.getAttribute('href'), `/reservations/${code}`);
  assert.equal((await fetch(`${env.server.url}/api/v1/reservations/${code}`)).status, 200);
  await page.screenshot({ path: join(ARTIFACTS, 'embed-reserved-360.png'), fullPage: true });
  // the host hears `reserve`, GA4-shaped, with nothing about the shopper
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'reserve'));
  const ev = (await events(page)).find((e) => e.name === 'reserve');
  assert.equal(ev.params.promotion_id, SLUG);
  assert.equal(ev.params.currency, 'CNY');
  assert.equal(ev.params.items.length, 1);
  assert.equal(ev.params.items[0].quantity, 1);
  assert.equal(ev.params.value, ev.params.items[0].price);
  assert.ok(ev.params.items[0].item_id && ev.params.items[0].item_variant && ev.params.store_id);
  assert.doesNotMatch(JSON.stringify(ev), /Li Ming|13812345678|5678|${code}/);
  // the frame still fits its content
  let diff = Infinity;
  for (let i = 0; i < 40 && diff > 2; i++) {
    await page.waitForTimeout(250);
    const content = await f().evaluate(() => document.documentElement.getBoundingClientRect().height);
    diff = Math.abs((await iframe.boundingBox()).height - content);
  }
  assert.ok(diff <= 2, `iframe height off its content by ${diff} px`);
  // Close, by keyboard, gives the focus back to the card's button
  await card.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Enter');
  await f().waitForFunction(() => document.activeElement.textContent.trim() === 'Reserve for pickup');
  // counted for the partner's origin and UTM source
  const m = await marketing();
  const results = await (await m(`/campaigns/${SLUG}/results`)).json();
  const bySource = results.by_source.find((r) => r.key === 'partner_reserve');
  assert.ok(bySource && bySource.figures.reservations === 1, JSON.stringify(results.by_source));
  assert.ok(results.by_origin.find((r) => r.key === allowed.origin)?.figures.reservations >= 1, JSON.stringify(results.by_origin));
  await context.close();
});

test('a till purchase over the campaign amount: the reward coupon shows on the open member code within 5 s, once', async () => {
  const { context, page, errors } = await newPage(env.browser, PHONE, 'en-US');
  const login = '13900000216';
  await page.goto(`${env.server.url}/member`);
  await page.getByLabel('Mobile number or email').fill(login);
  await page.getByRole('button', { name: 'Send code' }).click();
  const code = page.getByLabel('Code (6 digits)');
  await code.waitFor();
  await code.fill((await (await fetch(`${env.server.url}/api/v1/demo/last-code?login=${login}`)).json()).code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('I agree to the membership terms and privacy notice').check();
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('link', { name: 'Show member code' }).click();
  const qr = page.getByRole('img', { name: 'Member QR code for points' });
  await qr.waitFor();
  const decode = async (name) => {
    const shot = join(ARTIFACTS, name);
    await qr.screenshot({ path: shot });
    return execFileSync('zbarimg', ['--quiet', '--raw', shot], { encoding: 'utf8' }).trim();
  };
  const store = 's_sh_jingan';
  const till = (token, receipt, amount) => spawnSync(SERVER_BIN, ['till', '--url', env.server.url, '--store', store,
    '--key', `demo-${store}`, '--receipt', receipt, '--amount', amount, token], { encoding: 'utf8' });
  const first = till(await decode('reward-member-qr.png'), `R-REWARD-${Date.now()}`, '260.00');
  assert.equal(first.status, 0, `${first.stdout}${first.stderr}`);
  const t0 = Date.now();
  const notice = page.locator('.member-new-coupon', { hasText: 'New in your wallet:' });
  await notice.waitFor({ timeout: 5_000 });
  console.log(`reward coupon shown ${Date.now() - t0} ms after the till's answer`);
  await expectNoAxe(page, 'member code with a new coupon');
  await page.screenshot({ path: join(ARTIFACTS, 'reward-shown-phone.png') });
  // a second purchase over the amount: no second coupon
  await page.waitForTimeout(1_000);
  const second = till(await decode('reward-member-qr-2.png'), `R-REWARD2-${Date.now()}`, '300.00');
  assert.equal(second.status, 0, `${second.stdout}${second.stderr}`);
  await page.waitForTimeout(4_000);
  assert.equal(await notice.count(), 1);
  const wallet = await page.evaluate(() => fetch('/api/v1/me/wallet/coupons').then((r) => r.json()));
  const campaign = await (await fetch(`${env.server.url}/api/v1/campaigns/${SLUG}`)).json();
  assert.equal(wallet.available.filter((c) => c.offer.code === campaign.offer.code).length, 1);
  // the notice's link opens that coupon
  await notice.getByRole('link', { name: 'View it' }).click();
  await page.getByRole('img', { name: 'Coupon QR code for the till' }).waitFor();
  assert.deepEqual(errors.filter((e) => !/status of 401|status of 422/.test(e)), []);
  await context.close();
});
