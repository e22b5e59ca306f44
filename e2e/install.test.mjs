// Installable (issue 17): the web app manifest in the shopper's language, its icons, Chrome's
// installability check, and the once-only "Add to Home Screen" hint on iOS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, PHONE, KIOSK, serverAndBrowser, newPage, expectNoAxe, freshDir, watchConsole } from './support.mjs';

const env = serverAndBrowser('install.db');

/** The PNG's width and height, from its IHDR chunk. */
function pngSize(buf) {
  assert.equal(buf.subarray(1, 4).toString('latin1'), 'PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

test('Chrome finds nothing that stops installing the shop, and the manifest names it in both languages', async () => {
  // one manifest, its names in both languages (a home screen shows one name, whatever the
  // language the shopper picked in the app)
  for (const locale of ['zh-CN', 'en-US']) {
    const [manifestPath, name] = ['/manifest.webmanifest', '优品生活 Youpin Living'];
    // a profile of its own: Chrome never offers installing in an incognito context
    const profile = freshDir('storefront-install-');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage'],
      ...PHONE,
      locale,
    });
    const page = context.pages()[0] ?? await context.newPage();
    const errors = watchConsole(page);
    await page.goto(env.server.url + '/');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.equal(await page.locator('link[rel="manifest"]').getAttribute('href'), manifestPath);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], JSON.stringify(installabilityErrors));
    const { url, errors: manifestErrors, parsed } = await cdp.send('Page.getAppManifest');
    assert.equal(new URL(url).pathname, manifestPath);
    assert.deepEqual(manifestErrors, []);
    assert.ok(parsed, 'the manifest parses');
    const manifest = await (await fetch(env.server.url + manifestPath)).json();
    assert.equal(manifest.name, name);
    assert.match(manifest.short_name, /优品生活/);
    for (const s of manifest.shortcuts) assert.match(s.name, /[\u4e00-\u9fff].* [A-Z]/, s.name);
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, '/');
    assert.deepEqual(manifest.shortcuts.map((s) => s.url), ['/search', '/stores', '/member/code', '/wallet']);
    // every icon and screenshot is there, at the size the manifest says
    for (const icon of manifest.icons) {
      const res = await fetch(env.server.url + icon.src);
      assert.equal(res.status, 200, icon.src);
      const [w, h] = pngSize(Buffer.from(await res.arrayBuffer()));
      assert.equal(`${w}x${h}`, icon.sizes, icon.src);
    }
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512'));
    assert.ok(manifest.icons.some((i) => i.purpose === 'any' && i.sizes === '192x192'));
    for (const shot of manifest.screenshots) {
      const res = await fetch(env.server.url + shot.src);
      assert.equal(res.status, 200, shot.src);
      assert.equal(res.headers.get('content-type'), 'image/jpeg');
    }
    assert.deepEqual(manifest.screenshots.map((s) => s.form_factor).sort(), ['narrow', 'wide']);
    assert.deepEqual(errors, []);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

test('on an iPhone the shop says once how to add it to the Home Screen, and the shopper can dismiss it', async () => {
  for (const [locale, title, close] of [['en-US', 'Keep Youpin Living on your Home Screen', 'Got it'], ['zh-CN', '把优品生活放到主屏幕', '知道了']]) {
    const { context, page, errors } = await newPage(env.browser, { ...PHONE, userAgent: IPHONE_SAFARI }, locale);
    await page.goto(env.server.url + '/');
    const hint = page.getByRole('complementary', { name: /Add to Home Screen|添加到主屏幕/ });
    await hint.waitFor({ timeout: 10_000 });
    assert.match(await hint.textContent(), new RegExp(title));
    // not a modal: the page behind still answers the keyboard and taps
    assert.equal(await page.locator('dialog[open]').count(), 0);
    await expectNoAxe(page, `iOS hint (${locale})`);
    await page.screenshot({ path: join(ARTIFACTS, `install-hint-${locale}.png`) });
    await hint.getByRole('button', { name: close }).click();
    await hint.waitFor({ state: 'detached' });
    // once: not on the next visit
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForTimeout(5000);
    assert.equal(await page.locator('.install-hint').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('no hint where the browser offers installing itself, nor on a kiosk-sized screen without iOS', async () => {
  for (const opts of [PHONE, KIOSK]) {
    const { context, page, errors } = await newPage(env.browser, opts, 'en-US');
    await page.goto(env.server.url + '/');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForTimeout(5000);
    assert.equal(await page.locator('.install-hint').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
