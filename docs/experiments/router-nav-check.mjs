// Router measurement (issue 11), quick check: link clicks stay in the document (no reload),
// Back and Forward work, a split page (stores) loads, an unknown path shows the not-found
// page; prints the page errors with their stacks. Usage: node docs/experiments/router-nav-check.mjs
// (STOREFRONT_DIST to check another build).
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer, launchBrowser, watchConsole } from '../../e2e/support.mjs';
const port = await freePort();
const server = await startServer({ port, dbPath: join(freshDir(), 'nav.db') });
const browser = await launchBrowser();
let errors = [];
const log = (...a) => console.log(...a, 'errors so far:', errors.length);
try {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  errors = watchConsole(page);
  page.on('pageerror', (e) => console.log('STACK', (e.stack || '').split('\n').slice(0, 25).join('\n')));
  await page.goto(`${server.url}/`);
  await page.locator('main a[href^="/category/"]').first().waitFor();
  await page.evaluate(() => { window.__marker = 42; });
  const cat = page.locator('main a[href^="/category/"]').first();
  const catHref = await cat.getAttribute('href');
  await cat.click();
  await page.waitForURL((u) => u.pathname === catHref.split('?')[0]);
  await page.locator('main a[href^="/product/"]').first().waitFor();
  log('category', page.url(), 'no reload:', await page.evaluate(() => window.__marker === 42));
  const prod = page.locator('main a[href^="/product/"]').first();
  const prodHref = await prod.getAttribute('href');
  await prod.click();
  await page.waitForURL((u) => u.pathname === prodHref.split('?')[0]);
  await page.locator('main h1').first().waitFor();
  log('product', page.url(), 'h1:', await page.locator('main h1').first().textContent(), 'scrollY', await page.evaluate(() => scrollY));
  await page.goBack();
  await page.waitForURL((u) => u.pathname === catHref.split('?')[0]);
  await page.locator('main a[href^="/product/"]').first().waitFor();
  log('back ->', page.url(), 'cards', await page.locator('main a[href^="/product/"]').count(), 'no reload:', await page.evaluate(() => window.__marker === 42));
  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/');
  await page.locator('main a[href^="/category/"]').first().waitFor();
  log('back ->', page.url());
  await page.goForward();
  await page.waitForURL((u) => u.pathname === catHref.split('?')[0]);
  await page.locator('main a[href^="/product/"]').first().waitFor();
  log('forward ->', page.url());
  // tab bar link to a split page
  await page.locator(`a[href="/stores"]:visible`).first().click();
  await page.waitForURL((u) => u.pathname === '/stores');
  await page.locator('main .deferred').first().waitFor({ timeout: 20000 });
  log('stores (split module) ->', page.url(), 'aria-current', await page.locator(`a[href="/stores"]:visible`).first().getAttribute('aria-current'));
  await page.goBack();
  await page.waitForURL((u) => u.pathname === catHref.split('?')[0]);
  log('back ->', page.url(), 'no reload:', await page.evaluate(() => window.__marker === 42));
  // unknown path
  await page.goto(`${server.url}/nowhere/at/all`);
  await page.locator('main h1').first().waitFor();
  log('404 h1:', await page.locator('main h1').first().textContent());
  log('console errors:', JSON.stringify(errors));
} finally {
  await browser.close();
  await server.stop();
}
