// Issue 19: the built app served as static files by nginx on one host, calling the
// reference server on another host of the same site, as README "Hosting the app yourself"
// sets it up: the site written by scripts/nginx-site.mjs from deploy/nginx/storefront.conf,
// config.json naming the API, the server run with --cors-allowed-origins.
// Chromium resolves shop.brand.test and api.brand.test to 127.0.0.1 (two ports): two
// origins of one site, as shop.brand.cn and api.brand.cn would be.
// Journeys: browse, search, a product with its stock, reserve for pickup, sign in and see
// the member QR; what the static host answers (caching, precompressed files, the fallback,
// the policy); a missing or malformed config.json said in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, ARTIFACTS, PHONE, chooseShanghai, freePort, freshDir, startServer, launchBrowser, newPage, expectNoAxe,
} from './support.mjs';

const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const DIST = process.env.STOREFRONT_DIST || join(ROOT, 'dist');

const env = {};

before(async () => {
  assert.ok(existsSync(NGINX), `nginx is needed (scripts/setup.sh --test installs it): ${NGINX}`);
  const [apiPort, webPort] = [await freePort(), await freePort()];
  env.shop = `http://shop.brand.test:${webPort}`;
  env.api = `http://api.brand.test:${apiPort}`;
  env.web = `http://127.0.0.1:${webPort}`;
  const dir = freshDir('storefront-static-');
  // nginx's workers may run as another user: they read the site through these
  chmodSync(dir, 0o755);
  env.server = await startServer({
    port: apiPort,
    dbPath: join(dir, 'api.db'),
    extraArgs: ['--demo', '--cors-allowed-origins', env.shop],
  });
  // the deploy, as the README says: the build's files, config.json, the generated site
  env.www = join(dir, 'www');
  cpSync(DIST, env.www, { recursive: true });
  env.config = join(env.www, 'config.json');
  writeFileSync(env.config, JSON.stringify({ api_base: `${env.api}/api` }));
  const site = execFileSync('node', [join(ROOT, 'scripts', 'nginx-site.mjs'),
    '--dist', env.www, '--api', env.api, '--server-name', 'shop.brand.test', '--listen', `127.0.0.1:${webPort}`], { encoding: 'utf8' });
  writeFileSync(join(dir, 'site.conf'), site);
  const temp = (name) => `${name} ${join(dir, name)};`;
  writeFileSync(join(dir, 'nginx.conf'), `
daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
${existsSync(BROTLI_MODULE) ? `load_module ${BROTLI_MODULE};` : ''}
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${temp('client_body_temp_path')} ${temp('proxy_temp_path')} ${temp('fastcgi_temp_path')} ${temp('uwsgi_temp_path')} ${temp('scgi_temp_path')}
  include ${join(dir, 'site.conf')};
}
`);
  env.nginxLog = '';
  env.nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  env.nginx.stderr.on('data', (d) => { env.nginxLog += d; });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (env.nginx.exitCode !== null) throw new Error(`nginx exited (${env.nginx.exitCode}): ${env.nginxLog}${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    try {
      if ((await fetch(`${env.web}/config.json`)).ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`nginx did not answer: ${env.nginxLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  env.browser = await launchBrowser([
    `--host-resolver-rules=MAP shop.brand.test 127.0.0.1, MAP api.brand.test 127.0.0.1`,
  ]);
});

after(async () => {
  await env.browser?.close();
  if (env.nginx && env.nginx.exitCode === null) {
    const gone = new Promise((r) => env.nginx.once('exit', r));
    env.nginx.kill('SIGTERM');
    await gone;
  }
  await env.server?.stop();
});

/** A page of the shop with its console and the policy's refusals watched. */
async function shopPage(locale = 'en-US') {
  const { context, page, errors } = await newPage(env.browser, PHONE, locale);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { context, page, errors };
}

test('the static host answers as the reference server does: caching, brotli, the fallback, the policy', async () => {
  const index = await fetch(`${env.web}/`, { headers: { host: 'shop.brand.test' } });
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(index.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
  const html = await index.text();
  // the built page names no API: config.json does
  assert.doesNotMatch(html, /<meta[^>]*storefront-api-base/);
  const csp = index.headers.get('content-security-policy');
  assert.ok(csp.includes(`connect-src 'self' ${env.api};`), csp);
  assert.ok(csp.includes(`img-src 'self' data: ${env.api};`), csp);
  assert.ok(csp.includes("frame-ancestors 'none'"), csp);
  assert.doesNotMatch(csp, /unsafe-inline/);
  // the same hashes of the same page's inline scripts as the reference server's policy
  const served = (await fetch(`${env.server.url}/`)).headers.get('content-security-policy');
  const scriptHashes = (p) => p.match(/script-src ([^;]*)/)[1].split(' ').filter((s) => s.includes('sha256-')).sort();
  assert.deepEqual(scriptHashes(csp), scriptHashes(served));

  // a client route is the app; a missing file is a 404, not the app
  const deep = await fetch(`${env.web}/product/anything?x=1`);
  assert.equal(deep.status, 200);
  assert.equal(deep.headers.get('cache-control'), 'no-cache');
  assert.equal(await deep.text(), html);
  assert.equal((await fetch(`${env.web}/storefront-0123456789abcdef_bg.wasm`)).status, 404);
  assert.equal((await fetch(`${env.web}/nothing.js`)).status, 404);

  // the main module: its brotli copy, immutable, typed for streaming compilation
  const wasm = html.match(/\/(storefront-[0-9a-f]+_bg\.wasm)/)[1];
  const w = await fetch(`${env.web}/${wasm}`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(w.status, 200);
  assert.equal(w.headers.get('content-encoding'), 'br');
  assert.equal(w.headers.get('content-type'), 'application/wasm');
  assert.equal(w.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const gz = await fetch(`${env.web}/${wasm}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  // the worker and the configuration are never kept without asking; the manifest is typed
  assert.equal((await fetch(`${env.web}/sw.js`)).headers.get('cache-control'), 'no-cache');
  const config = await fetch(`${env.web}/config.json`);
  assert.equal(config.headers.get('cache-control'), 'no-cache');
  assert.deepEqual(await config.json(), { api_base: `${env.api}/api` });
  assert.match((await fetch(`${env.web}/manifest.webmanifest`)).headers.get('content-type'), /^application\/manifest\+json/);

  // the generator refuses what nginx would take wrongly, naming it
  for (const [args, said] of [
    [['--dist', env.www, '--api', 'https://api.brand.test/api'], '--api "https://api.brand.test/api": expected an origin'],
    [['--dist', join(env.www, 'nowhere'), '--api', env.api], 'no index.html there'],
    [['--api', env.api], '--dist is needed'],
    [['--dist', env.www, '--api', env.api, '--listen', '80; evil'], '--listen "80; evil"'],
  ]) {
    const r = spawnSync('node', [join(ROOT, 'scripts', 'nginx-site.mjs'), ...args], { encoding: 'utf8' });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.includes(said), r.stderr);
    assert.equal(r.stdout, '');
  }
});

test('browse, search, a product with its stock, reserve for pickup, sign in and see the member QR (phone)', async () => {
  const { context, page, errors } = await shopPage();
  await page.goto(`${env.shop}/`);
  // the catalogue, from the API on its own host, pictures included
  const card = page.locator('main a[href^="/product/"]').first();
  await card.waitFor();
  await page.waitForFunction((api) => [...document.querySelectorAll('main img')]
    .some((i) => i.currentSrc.startsWith(api) && i.complete && i.naturalWidth > 0), env.api);
  await expectNoAxe(page, 'home, served statically');
  await page.screenshot({ path: join(ARTIFACTS, 'static-home-phone-en.png') });

  // a category from the menu's links
  const category = page.locator('a[href^="/category/"]').first();
  const href = await category.getAttribute('href');
  await page.goto(`${env.shop}${href}`);
  await page.locator('main a[href^="/product/"]').first().waitFor();

  // search
  const box = page.getByRole('combobox').first();
  await box.fill('mug');
  await box.press('Enter');
  await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === 'mug');
  await page.locator('main a[href^="/product/"]').first().waitFor();

  // my store, and a product stocked there
  await chooseShanghai(page, env.shop);
  const storeId = await page.evaluate(() => (localStorage.getItem('storefront.my_store') || '').match(/s_[a-z_]+/)?.[0]);
  assert.ok(storeId, 'my store is kept');
  const product = await (await fetch(`${env.server.url}/api/v1/products/p_000042`)).json();
  const variant = product.variants[0];
  const put = await fetch(`${env.server.url}/api/v1/staff/stores/${storeId}/stock/${variant.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer demo-${storeId}` },
    body: JSON.stringify({ quantity: 6 }),
  });
  assert.equal(put.status, 200);
  await page.goto(`${env.shop}/product/${product.slug}?variant=${variant.id}`);
  const block = page.locator('section.stock');
  await block.locator('.stock-meta', { hasText: 'Ready from' }).first().waitFor();
  // the product's picture, from the API's host
  await page.waitForFunction((api) => {
    const img = document.querySelector('.gallery-main img');
    return img && img.currentSrc.startsWith(api) && img.complete && img.naturalWidth > 0;
  }, env.api);
  await page.screenshot({ path: join(ARTIFACTS, 'static-product-phone-en.png') });
  // its share button (it loads with the stock block's module): this browser has no share
  // sheet, and no clipboard on a plain-HTTP host, so the link is offered to copy by hand
  await page.getByRole('button', { name: 'Share' }).click();
  const link = page.locator('.share-manual input');
  await link.waitFor();
  assert.equal(await link.inputValue(), page.url());
  assert.equal(await link.evaluate((i) => document.activeElement === i), true, 'the field has the focus');

  // reserve for pickup: a write across origins (preflight, Idempotency-Key, X-Requested-With)
  await block.getByRole('button', { name: 'Reserve for pickup' }).click();
  const form = page.getByRole('dialog', { name: 'Reserve and collect in store' });
  await form.getByLabel('Your name').fill('Li Ming');
  await form.getByLabel('Mobile number').fill('13812345678');
  await form.getByRole('button', { name: 'Reserve now' }).click();
  await page.waitForURL(/\/reservations\/[0-9A-Z]{10}$/);
  await page.locator('.pass-facts dd').first().waitFor();
  await expectNoAxe(page, 'pickup pass, served statically');

  // sign in: the session cookie is the API host's, and goes with the app's requests
  await page.goto(`${env.shop}/member`);
  await page.getByLabel('Mobile number or email').fill('13800000002');
  await page.getByRole('button', { name: 'Send code' }).click();
  const code = page.getByLabel('Code (6 digits)');
  await code.waitFor();
  const demo = await (await fetch(`${env.server.url}/api/v1/demo/last-code?login=13800000002`)).json();
  await code.fill(demo.code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Silver', level: 1 }).waitFor();
  const session = (await context.cookies(env.api)).find((c) => c.name === 'sf_session');
  assert.ok(session, 'the API host keeps the session');
  assert.equal(session.domain, 'api.brand.test', 'a host-only cookie of the API');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Lax');
  await page.getByRole('link', { name: 'Show member code' }).click();
  await page.getByRole('img', { name: 'Member QR code for points' }).waitFor();
  await expectNoAxe(page, 'member code, served statically');
  await page.screenshot({ path: join(ARTIFACTS, 'static-member-code-phone-en.png') });
  // a reload keeps the member signed in
  await page.reload();
  await page.getByRole('img', { name: 'Member QR code for points' }).waitFor();

  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'nothing refused by the policy');
  // (signed out, /me answers 401 by contract, which Chromium logs)
  assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  await context.close();
});

test('a missing or malformed config.json is said in both languages, and Try again recovers', async () => {
  const { context, page, errors } = await shopPage('zh-CN');
  renameSync(env.config, `${env.config}.away`);
  try {
    await page.goto(`${env.shop}/`);
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: '商店暂时无法打开' }).waitFor();
    await alert.getByRole('heading', { name: 'The shop cannot open' }).waitFor();
    await alert.getByText('config.json: HTTP 404').waitFor();
    await expectNoAxe(page, 'configuration error (missing)');
    await page.screenshot({ path: join(ARTIFACTS, 'static-config-error-phone.png') });
    // nothing of the app started
    assert.equal(await page.locator('#app').innerHTML(), '');

    writeFileSync(env.config, '{"api_base": 3}');
    await page.reload();
    await page.getByText(/"api_base" must be a path/).waitFor();
    writeFileSync(env.config, '{"api_base": "/api"');
    await page.reload();
    await page.getByText('config.json: not valid JSON').waitFor();
  } finally {
    writeFileSync(env.config, JSON.stringify({ api_base: `${env.api}/api` }));
    try { renameSync(`${env.config}.away`, `${env.config}.old`); } catch { /* written over */ }
  }
  // fixed: the link tries again
  await page.getByRole('link', { name: '重试 · Try again' }).click();
  await page.locator('main a[href^="/product/"]').first().waitFor();
  // kiosk-sized too
  await page.setViewportSize({ width: 1920, height: 1080 });
  writeFileSync(env.config, 'not json');
  await page.reload();
  await page.getByRole('heading', { name: 'The shop cannot open' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'static-config-error-kiosk.png') });
  writeFileSync(env.config, JSON.stringify({ api_base: `${env.api}/api` }));
  // the failed fetch of config.json is the only complaint
  assert.deepEqual(errors.filter((e) => !/404|config\.json/.test(e)), []);
  await context.close();
});
