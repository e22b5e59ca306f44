// Shared pieces of the end-to-end journeys: the real server on a fresh database, Debian's
// Chromium driven by playwright-core, console-error capture and axe-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';

export const ROOT = resolve(import.meta.dirname, '..');
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const SERVER_BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'debug', 'storefront-server');
const DIST = process.env.STOREFRONT_DIST || join(ROOT, 'dist');

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

const madeDirs = [];
process.on('exit', () => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory for a fresh database; removed when the process exits. */
export function freshDir(prefix = 'storefront-e2e-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/**
 * Starts the real storefront-server on 127.0.0.1:port with the database at dbPath (created and
 * seeded when absent), serving the SPA of `dist`. Resolves once /api/health answers. `stop()` kills it by PID; `child`
 * and `exited` ({ code, signal, at }) are there for whoever times the exit.
 */
export async function startServer({ port, dbPath, extraArgs = [], bin = SERVER_BIN, dist = DIST }) {
  const child = spawn(bin, [
    '--listen', `127.0.0.1:${port}`,
    '--database-url', `sqlite://${dbPath}`,
    '--dist', dist,
    ...extraArgs,
    // demo mode's partner page (port 8090) is for `make run`; servers under test share none
    ...(extraArgs.includes('--demo') && !extraArgs.includes('--demo-partner-listen') ? ['--demo-partner-listen', 'off'] : []),
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d.toString(); });
  // how and when the process ended (benches time the shutdown)
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal, at: Date.now() })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`server did not become healthy in 120 s:\n${log}`);
  }
  return {
    url,
    child,
    exited,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Debian's Chromium, headless, with the flags this offline machine needs (WebGL runs on
 * SwiftShader), plus `extraArgs` (e.g. `--disable-webgl` to test the tour without WebGL).
 */
export async function launchBrowser(extraArgs = []) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
  // Journeys about other features start as a shopper who already declined everything, so
  // the first visit's consent sheet does not cover what they tap; a context made with
  // `{ consent: 'ask' }` starts undecided (the privacy journeys). Kiosks never remember a
  // choice: their journeys answer the sheet themselves (`declineConsent`).
  // Service workers are blocked unless a context asks for them (`serviceWorkers: 'allow'`,
  // the offline journeys): a worker would answer requests from its caches, and journeys
  // that route, mock or time requests must see every one of them.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async ({ consent, ...opts } = {}) => {
    const context = await newContext({ serviceWorkers: 'block', ...opts });
    if (consent !== 'ask') {
      await context.addInitScript(() => {
        try {
          if (!localStorage.getItem('storefront.consent')) localStorage.setItem('storefront.consent', '1:00');
        } catch { /* storage unavailable: the sheet shows */ }
      });
    }
    return context;
  };
  browser.newPage = async (opts = {}) => {
    const context = await browser.newContext(opts);
    const page = await context.newPage();
    page.close = async (...a) => { await context.close(...a); };
    return page;
  };
  return browser;
}

/** Answers the consent sheet with "Decline all" when it shows (a kiosk session's start). */
export async function declineConsent(page) {
  const sheet = page.locator('.consent-sheet');
  await sheet.waitFor();
  await sheet.getByRole('button', { name: /^(Decline all|全部拒绝)$/ }).click();
  await sheet.waitFor({ state: 'detached' });
}

/** Collects console errors and uncaught page errors of a page. */
export function watchConsole(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page and returns its violations, each with
 * the offending nodes, so a failing assertion says what is wrong.
 */
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary}`),
    }));
  });
  return result;
}

/** Formats axe violations for an assertion message. */
export function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
}

/** A phone: 360×740 at 2x, touch. */
export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
/** An in-store kiosk: 1920×1080 touch screen. */
export const KIOSK = { viewport: { width: 1920, height: 1080 }, hasTouch: true };

/**
 * One server on a fresh database (`dbName`, server flags `extraArgs`) and one browser for a test file, started
 * before its tests and stopped after them. Returns `{ server, browser }`, filled in by then.
 */
export function serverAndBrowser(dbName, extraArgs = []) {
  const ctx = { server: null, browser: null };
  before(async () => {
    const port = await freePort();
    ctx.server = await startServer({ port, dbPath: join(freshDir(), dbName), extraArgs });
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/** Follows an in-app link to `href`, as a tap on it would (a kiosk adds no history entries). */
export async function followLink(page, href) {
  await page.evaluate((h) => {
    const a = document.createElement('a');
    a.href = h;
    document.body.append(a);
    a.click();
    a.remove();
  }, href);
}

/**
 * Makes the first Shanghai store "my store" through the stores page of the shop at `base`
 * (English); answers its name and card.
 */
export async function chooseShanghai(page, base) {
  await page.goto(`${base}/stores`);
  await page.getByLabel(/^(City|城市)$/).selectOption({ label: 'Shanghai' });
  // the list is filtered once every card shown is in Shanghai; reading a name from the
  // unfiltered list and clicking the filtered one would choose another store
  await page.waitForFunction(() => {
    const cities = [...document.querySelectorAll('.store-card .store-city')];
    return cities.length > 0 && cities.every((c) => c.textContent.includes('Shanghai'));
  });
  const name = (await page.locator('.store-card .store-name').first().textContent()).trim();
  const card = page.locator('.store-card', { has: page.locator('.store-name', { hasText: name }) });
  await card.getByRole('button', { name: /Make this my store/ }).click();
  await page.locator('.my-store-name', { hasText: name }).waitFor();
  return { name, card };
}

/** A new browser context and page with `opts` and `locale`, its console watched. */
export async function newPage(browser, opts = PHONE, locale = 'zh-CN', consent = undefined) {
  const context = await browser.newContext({ ...opts, locale, consent });
  const page = await context.newPage();
  const errors = watchConsole(page);
  return { context, page, errors };
}

/** Fails with the list when axe-core finds violations on the page. */
export async function expectNoAxe(page, what) {
  const v = await axeViolations(page);
  assert.equal(v.length, 0, `${what}: axe violations\n${describeViolations(v)}`);
}
