// The README's two pictures: the home page on a phone (Chinese) and a product page on an
// in-store kiosk screen (English), from the real server on a fresh demo database.
// Needs dist/ and a debug server build; writes docs/img/phone.jpg and docs/img/kiosk.jpg.
//   node scripts/screenshots.mjs
import { join } from 'node:path';
import { ROOT, PHONE, KIOSK, freePort, freshDir, startServer, launchBrowser } from '../e2e/support.mjs';

const port = await freePort();
const server = await startServer({ port, dbPath: join(freshDir('storefront-shots-'), 'shots.db') });
const browser = await launchBrowser();
try {
  const list = await (await fetch(`${server.url}/api/v1/products?category=shoes&sort=best_selling&limit=1`)).json();
  const shots = [
    { file: 'phone.jpg', opts: PHONE, locale: 'zh-CN', path: '/' },
    { file: 'kiosk.jpg', opts: { ...KIOSK, deviceScaleFactor: 0.75 }, locale: 'en', path: `/product/${list.data[0].slug}` },
  ];
  for (const { file, opts, locale, path } of shots) {
    const context = await browser.newContext({ ...opts, locale });
    const page = await context.newPage();
    await page.goto(server.url + path, { waitUntil: 'networkidle' });
    await page.waitForSelector('main h1, main h2', { timeout: 15_000 });
    await page.waitForTimeout(800);
    const out = join(ROOT, 'docs', 'img', file);
    await page.screenshot({ path: out, type: 'jpeg', quality: 72 });
    console.log(`wrote ${out}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
