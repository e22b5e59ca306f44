// Moving around the app as a shopper does (issue 13): every in-app navigation starts the new
// page at its top, header and search box in view, at phone and kiosk size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, KIOSK, serverAndBrowser, newPage } from './support.mjs';

const env = serverAndBrowser('navigation.db');

/** Follows the link `link` and waits for the new page's heading; the page's scroll then. */
async function follow(page, link, path) {
  await link.click();
  await page.waitForURL((u) => path(u.pathname));
  await page.locator('main h1').first().waitFor();
  // what is drawn after the heading (pictures, deferred modules) must not move the page either
  await page.waitForTimeout(400);
  return page.evaluate(() => window.scrollY);
}

for (const [name, opts] of [['phone', PHONE], ['kiosk', KIOSK]]) {
  test(`every in-app navigation starts at the top, header in view (${name})`, async () => {
    const { context, page, errors } = await newPage(env.browser, opts);
    await page.goto(`${env.server.url}/`, { waitUntil: 'networkidle' });
    // scrolled down the home page first, as a shopper would be
    await page.evaluate(() => window.scrollTo(0, 600));
    const category = page.locator('main a[href^="/category/"]').first();
    assert.equal(await follow(page, category, (p) => p !== '/'), 0, 'home -> category');
    await page.locator('.card a').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 400));
    assert.equal(await follow(page, page.locator('.card a').first(), (p) => p.startsWith('/product/')), 0, 'category -> product');
    await page.evaluate(() => window.scrollTo(0, 300));
    const stores = page.locator('a[href="/stores"]').first();
    assert.equal(await follow(page, stores, (p) => p === '/stores'), 0, 'product -> stores');
    // the header's search box is on screen
    const box = await page.getByRole('combobox').first().boundingBox();
    assert.ok(box && box.y >= 0, `search box in view: ${JSON.stringify(box)}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
