// A shopper's first visit, in a real Chromium against the real server on a fresh database:
// home -> category -> product -> switch language -> reload, on a phone and on a kiosk.
// No console errors; axe-core finds no violations on any page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ARTIFACTS, axeViolations, describeViolations, freePort, freshDir, launchBrowser, startServer, watchConsole,
} from './support.mjs';

const VIEWPORTS = [
  { name: 'phone', width: 360, height: 740, isMobile: true, hasTouch: true },
  { name: 'kiosk', width: 1920, height: 1080, isMobile: false, hasTouch: true },
];

let server;
let browser;

before(async () => {
  server = await startServer({ port: await freePort(), dbPath: join(freshDir(), 'journey.db') });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page, label) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe violations on ${label}:\n${describeViolations(violations)}`);
}

async function noHorizontalScroll(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow}px`);
}

describe('shopper journey', () => {
  for (const vp of VIEWPORTS) {
    test(`home -> category -> product -> English -> reload at ${vp.width}x${vp.height}`, async () => {
      const context = await browser.newContext({
        viewport: { width: vp.width, height: vp.height },
        isMobile: vp.isMobile,
        hasTouch: vp.hasTouch,
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      const errors = watchConsole(page);
      const shot = (name) => page.screenshot({ path: join(ARTIFACTS, `${vp.name}-${name}.png`) });

      // Home: Chinese by default for a zh-CN browser, real products on the shelf.
      await page.goto(`${server.url}/`);
      await page.locator('main a[href^="/product/"]').first().waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await noHorizontalScroll(page, 'home');
      await shot('home-zh');
      await expectAccessible(page, `home (${vp.name})`);

      // Category: a tile on the home page leads to a listing of real products.
      const categoryLink = page.locator('main a[href^="/category/"]').first();
      const categoryHref = await categoryLink.getAttribute('href');
      await categoryLink.click();
      await page.waitForURL((u) => u.pathname === categoryHref.split('?')[0]);
      await page.locator('main a[href^="/product/"]').first().waitFor();
      const cards = await page.locator('main a[href^="/product/"]').count();
      assert.ok(cards >= 2, `category page shows ${cards} product links`);
      await page.waitForLoadState('networkidle');
      await noHorizontalScroll(page, 'category');
      await shot('category-zh');
      await expectAccessible(page, `category (${vp.name})`);

      // Product: name as the heading and a price in yuan.
      const productLink = page.locator('main a[href^="/product/"]').first();
      const productHref = await productLink.getAttribute('href');
      await productLink.click();
      await page.waitForURL((u) => u.pathname === productHref.split('?')[0]);
      const h1 = page.locator('main h1');
      await h1.waitFor();
      const zhName = (await h1.textContent()).trim();
      assert.match(zhName, /[\u4e00-\u9fff]/, `product heading "${zhName}" is not Chinese`);
      assert.match(await page.locator('main').textContent(), /¥\s?[\d,]+\.\d\d/);
      await page.waitForLoadState('networkidle');
      await noHorizontalScroll(page, 'product');
      await shot('product-zh');
      await expectAccessible(page, `product (${vp.name})`);

      // Switch to English in the header: the page re-renders in English at once.
      await page.locator('header button[lang="en"], header [data-lang-switch]').first().click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.waitForFunction((zh) => {
        const t = document.querySelector('main h1')?.textContent?.trim();
        return t && t !== zh && /[A-Za-z]/.test(t);
      }, zhName);
      const enName = (await h1.textContent()).trim();
      await shot('product-en');
      await expectAccessible(page, `product in English (${vp.name})`);

      // Reload: the route and the language survive.
      await page.reload();
      await h1.waitFor();
      await page.waitForFunction((en) => document.querySelector('main h1')?.textContent?.trim() === en, enName);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(new URL(page.url()).pathname, productHref.split('?')[0]);

      assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);
      await context.close();
    });
  }

  test('unknown route shows the not-found page, in the app shell', async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    const res = await page.goto(`${server.url}/no/such/page`);
    assert.equal(res.status(), 200, 'client routes are served index.html');
    await page.locator('main h1').waitFor();
    assert.ok(await page.locator('main a[href="/"]').count() >= 1, 'a way back home');
    await expectAccessible(page, 'not found');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
