// The backend goes away and comes back: the page says what happened, offers Retry, and
// recovers when the shopper presses it, or by itself once the server answers again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, expectNoAxe, freePort, freshDir, launchBrowser, startServer } from './support.mjs';

test('with the backend stopped the page shows an error with Retry, and Retry recovers', async () => {
  const port = await freePort();
  const dbPath = join(freshDir(), 'outage.db');
  let server = await startServer({ port, dbPath });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
    await page.goto(`${server.url}/`);
    await page.locator('main a[href^="/category/"]').first().waitFor();
    const categoryLink = page.locator('main a[href^="/category/"]').first();

    await server.stop();
    await categoryLink.click();

    const alert = page.locator('main [role="alert"]');
    await alert.waitFor({ timeout: 20_000 });
    const retry = alert.getByRole('button');
    await retry.waitFor();
    assert.ok((await alert.textContent()).trim().length > 10, 'the error says what happened');
    await page.screenshot({ path: join(ARTIFACTS, 'phone-outage.png') });

    server = await startServer({ port, dbPath });
    await retry.click();
    await page.locator('main a[href^="/product/"]').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('main [role="alert"]').count(), 0, 'the error is gone after retry');
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('after an outage the page recovers by itself, and the error screen is a proper page', async () => {
  const port = await freePort();
  const dbPath = join(freshDir(), 'outage-auto.db');
  let server = await startServer({ port, dbPath });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
    await page.goto(`${server.url}/`);
    const categoryLink = page.locator('main a[href^="/category/"]').first();
    await categoryLink.waitFor();
    await server.stop();
    await categoryLink.click();
    const alert = page.locator('main [role="alert"]');
    await alert.waitFor({ timeout: 20_000 });
    // a heading for the page (the panel's, when the page has no other), a human message,
    // the technical code only as a detail
    await alert.getByRole('heading').waitFor();
    assert.ok(await page.locator('main h1, main [aria-level="1"]').count() >= 1, 'the page has a level-1 heading');
    assert.equal(await alert.locator('details.error-code').getAttribute('open'), null);
    await expectNoAxe(page, 'error screen');
    await page.screenshot({ path: join(ARTIFACTS, 'phone-outage-heading.png') });

    // the server comes back; nobody taps anything
    server = await startServer({ port, dbPath });
    const t0 = Date.now();
    await page.locator('main a[href^="/product/"]').first().waitFor({ timeout: 40_000 });
    console.log(`recovered ${Date.now() - t0} ms after the server came back`);
    assert.equal(await page.locator('main [role="alert"]').count(), 0, 'the error is gone without a tap');
  } finally {
    await browser.close();
    await server.stop();
  }
});
