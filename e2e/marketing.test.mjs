// Issue 14, the marketing workspace: sign in with the marketing key (wrong key refused),
// build a campaign with mistakes and see each at its field, fix them, save and publish, see
// the previews and the embed code, print a poster and decode its QR (the claim link tagged
// with the store and utm_medium=poster), then read a campaign's results after a scripted
// view, claim and till redemption from one origin and UTM source. Keyboard and axe-core on
// the workspace's screens, both languages, kiosk and phone sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ARTIFACTS, PHONE, KIOSK, serverAndBrowser, newPage, expectNoAxe,
} from './support.mjs';

const env = serverAndBrowser('marketing.db', ['--demo', '--demo-partner-listen', 'off']);
const STORE = 's_sh_jingan';
const JSON_HEADERS = { 'content-type': 'application/json', 'x-requested-with': 'storefront' };

// Unauthenticated reads answer 401 by contract: Chromium logs that response.
const appErrors = (errors) => errors.filter((e) => !/status of (401|400|409)/.test(e));

async function signIn(page, key = 'demo-marketing') {
  await page.goto(env.server.url + '/marketing');
  const field = page.getByLabel('Marketing key');
  await field.fill(key);
  await field.press('Enter');
}

test('sign in, build a campaign with mistakes, fix them at their fields, preview, publish, print a poster', async () => {
  const { context, page, errors } = await newPage(env.browser, KIOSK, 'en-US');
  // keyboard: the empty form says what is missing, a wrong key is refused
  await page.goto(env.server.url + '/marketing');
  await page.getByRole('heading', { level: 1, name: 'Marketing sign-in' }).waitFor();
  await expectNoAxe(page, 'marketing sign-in (kiosk, English)');
  await page.getByLabel('Marketing key').focus();
  await page.keyboard.press('Enter');
  await page.getByText('Enter your marketing key.').waitFor();
  await signIn(page, 'mk_not-a-real-key');
  await page.getByText('That key is wrong or has been revoked.').waitFor();
  assert.equal(await page.getByLabel('Marketing key').getAttribute('aria-invalid'), 'true');
  await signIn(page);
  await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
  for (const state of ['Live', 'Scheduled', 'Ended']) await page.locator('.mk-state', { hasText: state }).first().waitFor();
  assert.equal(await context.cookies().then((c) => c.find((x) => x.name === 'sf_marketing')?.httpOnly), true);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).some((k) => /marketing/.test(k))), false);
  await expectNoAxe(page, 'campaign list (kiosk, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'marketing-list-kiosk-en.png') });

  // a new campaign with mistakes: each is shown at its field
  await page.getByRole('link', { name: 'New campaign' }).click();
  await page.getByRole('heading', { level: 1, name: 'New campaign' }).waitFor();
  await page.getByLabel('Slug').fill('Bad Slug!');
  await page.getByLabel('Headline (Chinese)').fill('冬季新品');
  await page.getByLabel('Sites allowed to embed it').fill('http://news.example.com/path\nhttps://*.*.example.com');
  await page.getByText('Line 1: an origin has no path, query, fragment or user name').waitFor();
  await page.getByLabel('Ends').fill('2026-01-01T10:00');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Not saved: fix the problems marked below.').waitFor();
  const invalid = async (label) => page.getByLabel(label, { exact: true }).getAttribute('aria-invalid');
  assert.equal(await invalid('Slug'), 'true');
  assert.equal(await invalid('Headline (English)'), 'true');
  assert.equal(await invalid('Copy (Chinese)'), 'true');
  assert.equal(await invalid('Ends'), 'true');
  assert.equal(await page.getByLabel('Headline (Chinese)').getAttribute('aria-invalid'), null);
  assert.match(await page.locator('#mk-f-product-ids-err').textContent(), /\S/);
  assert.match(await page.locator('#mk-f-allowed-origins-err').textContent(), /Line 2: /);
  await expectNoAxe(page, 'campaign editor with errors (kiosk, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'marketing-errors-kiosk-en.png'), fullPage: true });

  // fix everything and publish
  await page.getByLabel('Slug').fill('e2e-winter');
  await page.getByLabel('Headline (English)').fill('Winter arrivals');
  await page.getByLabel('Copy (Chinese)').fill('暖意上新。\n\n到店试穿，满额有礼。');
  await page.getByLabel('Copy (English)').fill('Warm new arrivals.\n\nTry them on in store.');
  await page.getByLabel('Hero alt text (read by screen readers) (Chinese)').fill('冬季新品陈列');
  await page.getByLabel('Hero alt text (read by screen readers) (English)').fill('Winter arrivals on display');
  // Enter in the product search searches; it does not submit the editor
  const productSearch = page.getByRole('searchbox', { name: 'Search products' });
  await productSearch.fill('shirt');
  await productSearch.press('Enter');
  const adds = page.locator('.mk-found button', { hasText: 'Add' });
  await adds.first().waitFor();
  await adds.nth(0).click();
  await adds.nth(1).click();
  assert.equal(await page.locator('.mk-picked li').count(), 2);
  await page.getByLabel('Coupon').selectOption({ index: 1 });
  await page.getByLabel('Sites allowed to embed it').fill('https://*.partner.example\nhttp://127.0.0.1:8090');
  await page.getByLabel('Starts').fill('2026-12-01T09:00');
  await page.getByLabel('Ends').fill('2027-12-01T09:00');
  await page.getByLabel('Published (goes live at its start)').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Saved.').waitFor();
  await page.waitForURL(/\/marketing\/campaigns\/e2e-winter$/);
  await page.locator('.mk-state', { hasText: 'Live' }).waitFor();
  // the campaign is public now, with what was written
  const pub = await (await fetch(`${env.server.url}/api/v1/campaigns/e2e-winter`)).json();
  assert.equal(pub.title.en, 'Winter arrivals');
  assert.equal(pub.products.length, 2);

  // previews and the embed code
  const frames = page.locator('.mk-frame iframe');
  assert.equal(await frames.count(), 3);
  assert.match(await frames.nth(2).getAttribute('src'), /^\/embed\/campaign\/e2e-winter\?preview=1&parent=/);
  assert.equal(
    (await page.locator('#mk-snippet').textContent()).trim(),
    `<div style="min-height:100vh"><script src="${env.server.url}/embed.js" data-campaign="e2e-winter" async></script></div>`,
  );
  await expectNoAxe(page, 'saved campaign with previews (kiosk, English)');
  await page.screenshot({ path: join(ARTIFACTS, 'marketing-editor-kiosk-en.png'), fullPage: true });

  // a poster for one store: its QR opens the claim link with the store and the medium
  await page.locator('#mk-poster-store').selectOption(STORE);
  assert.equal(await page.getByRole('combobox', { name: 'Store', exact: true }).count(), 1);
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).click();
  const pngFile = join(ARTIFACTS, 'poster-e2e-winter-a4.png');
  await (await png).saveAs(pngFile);
  const link = execFileSync('zbarimg', ['--quiet', '--raw', pngFile], { encoding: 'utf8' }).trim();
  assert.equal(link, `${env.server.url}/campaign/e2e-winter?store=${STORE}&utm_source=store&utm_medium=poster&utm_campaign=e2e-winter`);
  await page.getByLabel('Size').selectOption('a3');
  const pdf = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PDF' }).click();
  const pdfFile = join(ARTIFACTS, 'poster-e2e-winter-a3.pdf');
  await (await pdf).saveAs(pdfFile);
  const pdfText = readFileSync(pdfFile).toString('latin1');
  assert.ok(pdfText.startsWith('%PDF-'));
  assert.match(pdfText, /\/MediaBox \[0 0 841\.89 1190\.55\]/);
  assert.deepEqual(appErrors(errors), []);
  await context.close();
});

test('results after a view, a claim and a till redemption from one origin and source (Chinese, phone)', async () => {
  const base = env.server.url;
  const slug = 'autumn-edit';
  const origin = 'http://127.0.0.1:8090';
  const attribution = { campaign: slug, utm_source: 'partner-news', utm_medium: 'embed', embed_origin: origin };
  // a view from the embed
  const view = await fetch(`${base}/api/v1/campaigns/${slug}/views`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ attribution, embedded: true }) });
  assert.equal(view.status, 204);
  // a member claims the campaign's coupon from it
  const campaign = await (await fetch(`${base}/api/v1/campaigns/${slug}`)).json();
  const login = '13800000002';
  await fetch(`${base}/api/v1/auth/code`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ login }) });
  const code = (await (await fetch(`${base}/api/v1/demo/last-code?login=${login}`)).json()).code;
  const verified = await fetch(`${base}/api/v1/auth/verify`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ login, code, agree_terms: true }) });
  assert.equal(verified.status, 200);
  const cookie = verified.headers.get('set-cookie').split(';')[0];
  const claim = await fetch(`${base}/api/v1/me/wallet/coupons`, {
    method: 'POST', headers: { ...JSON_HEADERS, cookie, 'idempotency-key': 'e2e-results-claim' },
    body: JSON.stringify({ offer: campaign.offer.code, attribution }),
  });
  const claimText = await claim.text();
  assert.equal(claim.status, 201, claimText);
  const coupon = JSON.parse(claimText);
  // the till redeems it
  const token = (await (await fetch(`${base}/api/v1/me/wallet/coupons/${coupon.id}/token`, { headers: { cookie } })).json()).tokens[0].token;
  const redeem = await fetch(`${base}/api/v1/pos/coupons/redeem`, {
    method: 'POST', headers: { ...JSON_HEADERS, authorization: `Bearer demo-${STORE}`, 'idempotency-key': 'e2e-results-redeem' },
    body: JSON.stringify({ coupon_token: token, store_id: STORE, receipt_no: 'E2E-RESULTS-1' }),
  });
  const redeemText = await redeem.text();
  assert.equal(redeem.status, 200, redeemText);

  const { context, page, errors } = await newPage(env.browser, PHONE, 'zh-CN');
  await page.goto(`${base}/marketing`);
  await page.getByLabel('营销密钥').fill('demo-marketing');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { level: 1, name: '营销活动' }).waitFor();
  await expectNoAxe(page, 'campaign list (phone, Chinese)');
  await page.screenshot({ path: join(ARTIFACTS, 'marketing-list-phone-zh.png'), fullPage: true });
  await page.goto(`${base}/marketing/campaigns/${slug}/results`);
  await page.getByRole('heading', { level: 2, name: '转化漏斗' }).waitFor();
  // the embedding site's row: 1 view, 1 claim, 0 reservations, 0 bookings, 1 redemption
  const row = page.locator('.mk-breakdown', { has: page.getByRole('heading', { name: '按嵌入网站' }) }).locator('tr', { hasText: origin });
  assert.deepEqual(await row.locator('td').allTextContents(), ['1', '1', '0', '0', '1', '100.0%']);
  const source = page.locator('.mk-breakdown', { has: page.getByRole('heading', { name: '按来源（utm_source）' }) }).locator('tr', { hasText: 'partner-news' });
  assert.deepEqual((await source.locator('td').allTextContents()).slice(0, 5), ['1', '1', '0', '0', '1']);
  // the CSV holds the same row
  const csvHref = await page.getByRole('link', { name: '下载 CSV' }).getAttribute('href');
  const csv = await (await context.request.get(new URL(csvHref, base).href)).text();
  assert.ok(csv.split(/\r?\n/).some((l) => l.startsWith('origin,') && l.includes(origin) && l.endsWith(',1,1,0,0,1')), csv);
  await expectNoAxe(page, 'campaign results (phone, Chinese)');
  await page.screenshot({ path: join(ARTIFACTS, 'marketing-results-phone-zh.png'), fullPage: true });
  assert.deepEqual(appErrors(errors), []);
  await context.close();
});

/** Presses Tab until the focused element matches `want` (its href or text); fails after `max`. */
async function tabTo(page, want, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((w) => {
      const el = document.activeElement;
      return !!el && ((el.getAttribute('href') || '').endsWith(w) || (el.textContent || '').trim() === w);
    }, want);
    if (hit) return;
  }
  assert.fail(`Tab never reached ${want}`);
}

for (const [size, opts, lang] of [['kiosk', KIOSK, 'zh-CN'], ['phone', PHONE, 'en-US']]) {
  test(`the workspace by keyboard alone, ${size}, ${lang}: sign-in, list, editor, results, axe clean`, async () => {
    const { context, page, errors } = await newPage(env.browser, opts, lang);
    const zh = lang === 'zh-CN';
    await page.goto(env.server.url + '/marketing');
    await page.getByRole('heading', { level: 1, name: zh ? '营销人员登录' : 'Marketing sign-in' }).waitFor();
    await expectNoAxe(page, `marketing sign-in (${size}, ${lang})`);
    const key = page.getByLabel(zh ? '营销密钥' : 'Marketing key');
    for (let i = 0; i < 40 && !(await key.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.type('demo-marketing');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: zh ? '营销活动' : 'Campaigns' }).waitFor();
    await expectNoAxe(page, `campaign list (${size}, ${lang})`);
    await page.screenshot({ path: join(ARTIFACTS, `marketing-list-${size}-${lang}.png`), fullPage: true });
    // the live campaign's editor
    await tabTo(page, '/marketing/campaigns/autumn-edit');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/marketing\/campaigns\/autumn-edit$/);
    await page.locator('#mk-snippet').waitFor();
    await expectNoAxe(page, `campaign editor (${size}, ${lang})`);
    await page.screenshot({ path: join(ARTIFACTS, `marketing-editor-${size}-${lang}.png`), fullPage: true });
    // Save is reachable and saves without a change
    await tabTo(page, zh ? '保存' : 'Save', 200);
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(zh ? '已保存。' : 'Saved.').waitFor();
    // back to the list and into the results
    await page.goto(env.server.url + '/marketing');
    await page.getByRole('heading', { level: 1, name: zh ? '营销活动' : 'Campaigns' }).waitFor();
    await tabTo(page, '/marketing/campaigns/autumn-edit/results');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: zh ? '转化漏斗' : 'Funnel' }).waitFor();
    await expectNoAxe(page, `campaign results (${size}, ${lang})`);
    await page.screenshot({ path: join(ARTIFACTS, `marketing-results-${size}-${lang}.png`), fullPage: true });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scroll');
    assert.deepEqual(appErrors(errors), []);
    await context.close();
  });
}
