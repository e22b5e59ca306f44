// Issue 5 journeys, the virtual store tour: from a store card into the tour (preview, then
// the full picture), keyboard only to a product hotspot and its card with this store's
// stock, another scene through a hotspot and through the floor plan, the deep link
// reloaded to the same scene and view, the WebGL context lost (the flat strip takes over), booking a shopping guide (field errors, a slot
// filled meanwhile, the confirmation and its QR code decoded with zbarimg), the same
// journey in a Chromium launched without WebGL (the flat panorama strip), and a store
// without a tour. axe-core with the page and with the dialogs open; phone and kiosk
// sizes; English and Chinese.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ARTIFACTS, PHONE, KIOSK, serverAndBrowser, newPage as openPage, expectNoAxe, launchBrowser,
} from './support.mjs';

const env = serverAndBrowser('tour.db');
const STORE = 's_sh_jingan';
/** Longer than the viewer's URL throttle (400 ms). */
const URL_SETTLE = 700;
/** Longer than the viewer's URL throttle (400 ms). */
// a second browser that has no WebGL at all, as on old or locked-down devices
let noGl;
before(async () => {
  noGl = await launchBrowser(['--disable-webgl', '--disable-webgl2']);
});
after(async () => {
  await noGl?.close();
});

function newPage(opts = PHONE, locale = 'en-US', browser = env.browser) {
  return openPage(browser, opts, locale);
}

async function api(path, init = {}) {
  const r = await fetch(env.server.url + path, init);
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

/**
 * Console errors other than the browser's note of the 404 a tour-less store answers with
 * and of the 409 a full slot answers with (both expected, both handled by the page).
 */
const realErrors = (errors) => errors.filter((e) => !/status of (404|409)/.test(e));

/** Waits for a performance mark the viewer sets. */
async function waitMark(page, name, timeout = 30_000) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout });
}

/** A screenshot with the panorama at the top of the viewport. */
async function shootStage(page, file) {
  await page.locator('.tour-stage').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(ARTIFACTS, file) });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * The RGBA pixels of a rectangle (CSS pixels) of a viewport screenshot, decoded by the browser
 * on a blank page (no CSP there). A clipped `page.screenshot` is not used: it captures beyond
 * the viewport, which composites differently from what the shopper sees.
 */
async function pixels(browser, png, rect, scale) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async ({ b64, rect, scale }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const [w, h] = [Math.floor(rect.width * scale), Math.floor(rect.height * scale)];
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const g = c.getContext('2d');
      g.drawImage(img, Math.ceil(rect.x * scale), Math.ceil(rect.y * scale), w, h, 0, 0, w, h);
      return Array.from(g.getImageData(0, 0, w, h).data);
    }, { b64: png.toString('base64'), rect, scale });
  } finally {
    await page.close();
  }
}

/**
 * What the shopper sees at the top of the panorama is the same whether or not the phone's tab
 * bar covers its bottom (Chromium's software compositor once drew the covered canvas shifted
 * down, leaving a dark strip with a white shape at its top).
 */
async function expectSamePanorama(page) {
  const scale = await page.evaluate(() => devicePixelRatio);
  const top = async () => {
    await page.waitForTimeout(300);
    const box = await page.locator('.tour-canvas').boundingBox();
    const rect = { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: 48 };
    return pixels(page.context().browser(), await page.screenshot(), rect, scale);
  };
  await page.evaluate(() => window.scrollTo(0, 0));
  const bar = await page.locator('.bottom-nav').boundingBox();
  const canvas = await page.locator('.tour-canvas').boundingBox();
  assert.ok(canvas.y + canvas.height > bar.y + 20, 'the tab bar covers the bottom of the panorama');
  const covered = await top();
  await page.locator('.tour-stage').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const whole = await top();
  assert.equal(covered.length, whole.length);
  let diff = 0;
  for (let i = 0; i < covered.length; i++) diff += Math.abs(covered[i] - whole[i]);
  const mean = diff / covered.length;
  assert.ok(mean < 6, `the panorama's top differs when the tab bar covers its bottom (mean ${mean.toFixed(1)})`);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The tour URL's query as an object. */
function query(page) {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

/** Presses Tab until the focused element satisfies `pred` (evaluated in the page). */
async function tabUntil(page, pred, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(pred)) return;
  }
  throw new Error(`focus never reached the element after ${max} Tab presses`);
}

test('into the tour from the stores page, keyboard only to a product and its stock here (phone, English)', async () => {
  const { context, page, errors } = await newPage(PHONE, 'en-US');
  const tour = (await api(`/api/v1/stores/${STORE}/tour`)).body;
  const wasm = [];
  page.on('request', (r) => { if (/\.(wasm|pack)$/.test(r.url())) wasm.push(new URL(r.url()).pathname); });
  await page.goto(env.server.url + '/stores');
  await page.locator('.store-card').first().waitFor();
  // the tour's code is not loaded before it is needed
  assert.ok(!wasm.some((p) => p.startsWith('/split_tour-')), wasm.join(' '));
  const card = page.locator('.store-card', { has: page.locator('.store-name', { hasText: "Shanghai Jing'an" }) });
  await card.getByRole('link', { name: 'Virtual tour' }).click();
  await waitMark(page, 'tour-preview-painted');
  assert.match(new URL(page.url()).pathname, new RegExp(`^/stores/${STORE}/tour$`));
  assert.ok(wasm.some((p) => /^\/split_tour-[0-9a-f]+\.pack$/.test(p)), wasm.join(' '));
  await page.getByRole('heading', { level: 1, name: /Virtual tour · Shanghai Jing'an/ }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Entrance' }).waitFor();
  // the view is in the URL (written back, replaced)
  await page.waitForFunction(() => location.search.includes('scene=entrance'));
  assert.deepEqual(query(page), { scene: 'entrance', yaw: '0', pitch: '-4', fov: '90' });
  // the full picture replaces the preview, with a visible status while it loads
  await waitMark(page, 'tour-full-painted', 60_000);
  await page.waitForFunction(() => !document.querySelector('.tour-status').textContent.includes('full resolution'));
  const stage = await page.locator('.tour-view').getAttribute('aria-label');
  assert.equal(stage, '360° view: Entrance');
  await page.screenshot({ path: join(ARTIFACTS, 'tour-phone-en-page.png'), fullPage: true });
  await expectSamePanorama(page);
  await shootStage(page, 'tour-phone-en.png');
  await expectNoAxe(page, 'tour page (phone)');

  // keyboard only: Tab to the panorama, turn left, Tab to a product hotspot, Enter
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => document.activeElement?.blur());
  await tabUntil(page, () => document.activeElement?.getAttribute('role') === 'application');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('yaw') === '-30');
  await tabUntil(page, () => (document.activeElement?.getAttribute('aria-label') || '').startsWith('Product: '), 20);
  const name = (await page.evaluate(() => document.activeElement.getAttribute('aria-label'))).replace('Product: ', '');
  const spot = tour.scenes[0].hotspots.find((h) => h.label.en === name);
  assert.ok(spot, name);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  const row = (await api(`/api/v1/variants/${spot.target.variant_id}/availability`)).body.data.find((s) => s.store_id === STORE);
  const expected = row.status === 'out_of_stock' ? 'Out of stock here'
    : row.status === 'low_stock' ? `Low stock: ${row.quantity} left` : `In stock: ${row.quantity}`;
  await dialog.getByText(expected, { exact: true }).waitFor();
  const img = dialog.locator('img.tour-card-img');
  for (const a of ['width', 'height', 'alt']) assert.ok(await img.getAttribute(a), a);
  const product = (await api(`/api/v1/products/${spot.target.product_id}`)).body;
  assert.equal(
    await dialog.getByRole('link', { name: 'View product' }).getAttribute('href'),
    `/product/${product.slug}?variant=${spot.target.variant_id}`,
  );
  await expectNoAxe(page, 'product card dialog');
  await page.screenshot({ path: join(ARTIFACTS, 'tour-phone-card-en.png') });
  // reserve for pickup here: the shared form, for this store
  await dialog.getByRole('button', { name: 'Reserve for pickup here' }).click();
  await dialog.getByRole('textbox', { name: 'Your name' }).waitFor();
  assert.match(await dialog.locator('.reserve-store').textContent(), /Shanghai Jing'an/);
  await page.screenshot({ path: join(ARTIFACTS, 'tour-phone-reserve-en.png') });
  await dialog.getByRole('button', { name: /Back to the product/ }).click();
  await dialog.getByRole('button', { name: 'Reserve for pickup here' }).waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  // focus went back to the hotspot
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), `Product: ${name}`);

  // look around by moving the phone (after DeviceOrientationEvent.requestPermission where
  // the browser has it): the view follows the turn of the phone from where it was, and
  // stops following when asked
  const motion = page.locator('.tour-motion');
  assert.equal(await motion.textContent(), 'Move your phone to look');
  await motion.click();
  await page.locator('.tour-motion[aria-pressed="true"]').waitFor();
  assert.equal(await motion.textContent(), 'Stop following the phone');
  await page.evaluate(() => {
    for (const alpha of [40, 10]) window.dispatchEvent(new DeviceOrientationEvent('deviceorientation', { alpha, beta: 100, gamma: 0 }));
  });
  await page.waitForFunction(() => { const q = new URLSearchParams(location.search); return q.get('yaw') === '0' && q.get('pitch') === '10'; });
  await motion.click();
  await page.locator('.tour-motion[aria-pressed="false"]').waitFor();
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});

test('another scene through a hotspot and the floor plan; the deep link reopens the same view (kiosk, Chinese)', async () => {
  const { context, page, errors } = await newPage(KIOSK, 'zh-CN');
  await page.goto(`${env.server.url}/stores/${STORE}/tour`);
  await waitMark(page, 'tour-preview-painted');
  await page.getByRole('heading', { level: 2, name: '入口' }).waitFor();
  // a touch-screen kiosk is not a phone to move around
  assert.equal(await page.locator('.tour-motion').count(), 0);
  // through a hotspot in the view
  await page.locator('.tour-spots').getByRole('button', { name: '前往：店中央' }).click();
  await page.getByRole('heading', { level: 2, name: '店中央' }).waitFor();
  await page.waitForFunction(() => location.search.includes('scene=centre'));
  assert.equal(query(page).yaw, '-70');
  // the plan's dot of the current scene says so; another one moves there
  const plan = page.locator('.tour-plan');
  assert.equal(await plan.getByRole('button', { name: '2 店中央（当前位置）' }).getAttribute('aria-current'), 'location');
  await plan.getByRole('button', { name: '3 收银台与试衣间' }).click();
  await page.getByRole('heading', { level: 2, name: '收银台与试衣间' }).waitFor();
  await page.waitForFunction(() => location.search.includes('scene=back'));
  // facing on the plan: yaw 120 + north offset 180 = 300°, north-west
  await page.getByText('朝向：西北').waitFor();

  // look around and zoom with the keys, wait for the URL to follow
  await page.locator('.tour-view').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('+');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('fov') === '75');
  const link = page.url();
  assert.deepEqual(query(page), { scene: 'back', yaw: '135', pitch: '-1', fov: '75' });
  const spot = page.locator('.tour-spots button:not([hidden])').first();
  const spotName = await spot.getAttribute('aria-label');
  const before = await spot.boundingBox();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(ARTIFACTS, 'tour-kiosk-zh.png') });
  await expectNoAxe(page, 'tour page (kiosk, zh)');

  // reload the deep link: the same scene and view, hotspots in the same places
  await page.goto(link);
  await waitMark(page, 'tour-preview-painted');
  await page.getByRole('heading', { level: 2, name: '收银台与试衣间' }).waitFor();
  const again = page.locator('.tour-spots').getByRole('button', { name: spotName, exact: true });
  await again.waitFor();
  await page.waitForTimeout(URL_SETTLE);
  assert.equal(page.url(), link);
  const after = await again.boundingBox();
  assert.ok(Math.abs(after.x - before.x) <= 2 && Math.abs(after.y - before.y) <= 2, `${JSON.stringify(before)} vs ${JSON.stringify(after)}`);

  // the browser takes WebGL away (a lost context): the flat panorama of the same scene
  await page.evaluate(() => document.querySelector('.tour-canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext());
  await page.getByText('这台设备无法显示 3D 全景', { exact: false }).waitFor();
  await page.waitForFunction(() => /\/back\/(preview|full)\.jpg$/.test(document.querySelector('.tour-flat img')?.src || ''));
  assert.equal(await page.locator('canvas').count(), 0);
  await page.getByRole('heading', { level: 2, name: '收银台与试衣间' }).waitFor();
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});

test('book a shopping guide from the tour: field errors, a slot filled meanwhile, the confirmation QR (phone, Chinese)', async () => {
  const { context, page, errors } = await newPage(PHONE, 'zh-CN');
  await page.goto(`${env.server.url}/stores/${STORE}/tour`);
  await waitMark(page, 'tour-preview-painted');
  await shootStage(page, 'tour-phone-zh.png');
  await page.getByRole('button', { name: '预约导购' }).click();
  const dialog = page.getByRole('dialog', { name: '预约导购' });
  await dialog.waitFor();
  const today = (await api(`/api/v1/stores/${STORE}/guide-slots`)).body.date;
  // 14 dates from the store's today; tomorrow
  const dates = dialog.getByRole('group', { name: '日期' }).getByRole('button');
  assert.equal(await dates.count(), 14);
  await dates.nth(1).click();
  assert.equal(await dates.nth(1).getAttribute('aria-pressed'), 'true');
  const tomorrow = await (async () => {
    const d = new Date(`${today}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1); return d.toISOString().slice(0, 10);
  })();
  const slots = (await api(`/api/v1/stores/${STORE}/guide-slots?date=${tomorrow}`)).body.slots;
  assert.ok(slots.length > 2, JSON.stringify(slots));
  const first = slots[0].local_time;
  const times = dialog.getByRole('group', { name: '时间' });
  await times.getByRole('button', { name: first, exact: true }).click();
  // bad input: both fields say what is wrong
  await dialog.getByRole('textbox', { name: '手机号' }).fill('12345');
  await dialog.getByRole('button', { name: '确认预约' }).click();
  await dialog.getByText('请填写姓名（最多 40 个字）。').waitFor();
  await dialog.getByText(/请输入 11 位中国大陆手机号/).waitFor();
  assert.equal(await dialog.getByRole('textbox', { name: '姓名' }).getAttribute('aria-invalid'), 'true');
  await expectNoAxe(page, 'booking form with errors');

  // meanwhile the two guides of that slot are booked by others
  for (let i = 0; i < 2; i++) {
    const r = await api('/api/v1/appointments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `other-${i}-${Date.now()}` },
      body: JSON.stringify({ store_id: STORE, start: `${tomorrow}T${first}`, name: `顾客${i}`, phone: `1390000000${i}` }),
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  await dialog.getByRole('textbox', { name: '姓名' }).fill('王小明');
  await dialog.getByRole('textbox', { name: '手机号' }).fill('138 1234 5678');
  await dialog.getByRole('button', { name: '确认预约' }).click();
  await dialog.getByRole('alert').filter({ hasText: '这个时间刚刚约满了' }).waitFor();
  // the slots were asked again: that one is full now
  await times.getByRole('button', { name: new RegExp(`^${first}`) }).and(page.locator('[disabled]')).waitFor();
  const second = slots[1].local_time;
  await times.getByRole('button', { name: second, exact: true }).click();
  await dialog.getByRole('button', { name: '确认预约' }).click();
  await dialog.getByRole('heading', { name: '预约成功' }).waitFor();
  const code = (await dialog.locator('.pass-code-text').textContent()).trim();
  assert.match(code, /^[0-9A-Z]{10}$/);
  const appt = await api(`/api/v1/appointments/${code}`);
  assert.equal(appt.status, 200);
  assert.equal(appt.body.local_time, second);
  assert.equal(appt.body.local_date, tomorrow);
  const qr = dialog.locator('img.pass-qr');
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await qr.elementHandle());
  for (const a of ['width', 'height', 'alt']) assert.ok(await qr.getAttribute(a), a);
  const shot = join(ARTIFACTS, 'tour-guide-qr.png');
  await qr.screenshot({ path: shot });
  assert.equal(execFileSync('zbarimg', ['--quiet', '--raw', shot], { encoding: 'utf8' }).trim(), code);
  await page.screenshot({ path: join(ARTIFACTS, 'tour-phone-booked-zh.png') });
  await expectNoAxe(page, 'booking confirmation');
  await dialog.getByRole('button', { name: '完成' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // after "Done" the booking is not lost: kept on the device, listed with the pickup passes
  // (after a reload too), with its QR, and cancellable with the app's own dialog
  await page.goto(env.server.url + '/reservations');
  await page.reload();
  const card = page.locator('.appointment-row', { hasText: code });
  await card.waitFor();
  await card.locator('.appointment-qr').evaluate((img) => img.decode());
  await expectNoAxe(page, 'reservations and appointments');
  await page.screenshot({ path: join(ARTIFACTS, 'appointments-phone-zh.png'), fullPage: true });
  await card.getByRole('button', { name: '取消预约' }).click();
  const sure = page.getByRole('dialog', { name: '确定取消这次导购预约吗？' });
  await sure.getByRole('button', { name: '取消预约' }).click();
  await card.locator('.pass-status-note', { hasText: '已取消' }).waitFor();
  assert.equal((await api(`/api/v1/appointments/${code}`)).body.status, 'cancelled');
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});

for (const [size, opts, locale] of [['kiosk', KIOSK, 'en-US'], ['phone', PHONE, 'zh-CN']]) {
  test(`without WebGL: the flat panorama, the lists, a product's stock here and another scene (${size})`, async () => {
    const { context, page, errors } = await newPage(opts, locale, noGl);
    assert.equal(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2')), false);
    const en = locale === 'en-US';
    await page.goto(`${env.server.url}/stores/${STORE}/tour?scene=entrance&yaw=-60&pitch=0&fov=80`);
    await page.getByText(en ? "This device can't show the 3D view" : '这台设备无法显示 3D 全景', { exact: false }).waitFor();
    assert.equal(await page.locator('canvas').count(), 0);
    const strip = page.locator('.tour-flat');
    await strip.waitFor();
    // the full picture replaces the preview in the same box
    const img = strip.locator('img');
    await page.waitForFunction(() => document.querySelector('.tour-flat img')?.src.endsWith('/full.jpg'), null, { timeout: 60_000 });
    assert.equal(await img.getAttribute('width'), '4096');
    // the strip starts centred on the linked view (yaw -60: a third of its width) and
    // scrolls with the keyboard
    const { left, want } = await strip.evaluate((el) => ({
      left: el.scrollLeft,
      want: Math.max(0, Math.min(el.scrollWidth - el.clientWidth, el.scrollWidth / 3 - el.clientWidth / 2)),
    }));
    assert.ok(Math.abs(left - want) <= 2, `scrollLeft ${left}, expected ${want}`);
    await strip.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((l) => document.querySelector('.tour-flat').scrollLeft > l, left);
    await page.screenshot({ path: join(ARTIFACTS, `tour-nogl-${size}.png`) });
    await expectNoAxe(page, `tour without WebGL (${size})`);

    // a product from the list of this spot: its card with the stock here
    const list = page.getByRole('region', { name: en ? 'In this spot' : '这里可以看到' });
    const product = list.getByRole('button', { name: en ? /^Product: / : /^商品：/ }).first();
    const name = (await product.locator('span').last().textContent()).replace(en ? 'Product: ' : '商品：', '').trim();
    await product.click();
    const dialog = page.getByRole('dialog', { name });
    await dialog.waitFor();
    await dialog.locator('.stock-line').filter({ hasText: en ? /In stock|Low stock|Out of stock here/ : /本店/ }).waitFor();
    await expectNoAxe(page, `product card without WebGL (${size})`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // another scene from the list of scenes
    const scenes = page.getByRole('navigation', { name: en ? 'All scenes' : '全部场景' });
    await scenes.getByRole('button', { name: en ? 'Centre aisle' : '店中央' }).click();
    await page.getByRole('heading', { level: 2, name: en ? 'Centre aisle' : '店中央' }).waitFor();
    await page.waitForFunction(() => /\/centre\/(preview|full)\.jpg$/.test(document.querySelector('.tour-flat img')?.src || ''));
    await page.waitForFunction(() => location.search.includes('scene=centre'));
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });
}

test('a flick coasts gently, and not at all with reduced motion', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const { context, page, errors } = await openPage(env.browser, { ...KIOSK, reducedMotion }, 'en-US');
    await page.goto(`${env.server.url}/stores/${STORE}/tour`);
    await waitMark(page, 'tour-preview-painted');
    // a quick swipe (touch pointer events at 60 Hz, released while moving), then count frames
    const frames = await page.evaluate(async () => {
      const el = document.querySelector('.tour-view');
      const r = el.getBoundingClientRect();
      const at = (type, x) => el.dispatchEvent(new PointerEvent(type, {
        pointerId: 7, pointerType: 'touch', isPrimary: true, bubbles: true, clientX: r.x + x, clientY: r.y + r.height / 2,
      }));
      const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));
      at('pointerdown', 400);
      for (let i = 1; i <= 5; i++) { await wait(16); at('pointermove', 400 + i * 40); }
      at('pointerup', 600);
      const count = () => performance.getEntriesByName('tour-frame').length;
      const released = count();
      await wait(150);
      const soon = count();
      await wait(1000);
      return { soon: soon - released, later: count() - soon };
    });
    if (reducedMotion === 'reduce') {
      assert.equal(frames.later, 0, `the view kept moving: ${JSON.stringify(frames)}`);
    } else {
      assert.ok(frames.soon + frames.later >= 3, `no coasting after a flick: ${JSON.stringify(frames)}`);
    }
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  }
});

test('a store without a tour says so, with the way back', async () => {
  const { context, page, errors } = await newPage(PHONE, 'en-US');
  await page.goto(`${env.server.url}/stores/s_sh_xintiandi/tour`);
  await page.getByRole('heading', { name: 'This store has no virtual tour yet' }).waitFor();
  await page.locator('.tour-none').getByRole('link', { name: 'Back to stores' }).click();
  await page.getByRole('heading', { name: 'Our stores' }).waitFor();
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});
