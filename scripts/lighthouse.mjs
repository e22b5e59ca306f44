// Lighthouse for the benches: a bench-only tool, installed on first use into
// target/bench-tools (not the project's node_modules: `make test` never needs it; 12.x is
// the last line for Node 20), run in a fresh Chromium profile per run, mobile preset.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, freshDir } from '../e2e/support.mjs';

const TOOLS = join(ROOT, 'target', 'bench-tools');
if (!existsSync(join(TOOLS, 'node_modules', 'lighthouse'))) {
  console.log('installing lighthouse 12.2.3 for this bench (npm, once)…');
  execFileSync('npm', ['install', '--prefix', TOOLS, '--no-audit', '--no-fund', 'lighthouse@12.2.3'], { stdio: 'inherit' });
}
const { default: lighthouse } = await import(join(TOOLS, 'node_modules', 'lighthouse', 'core', 'index.js'));
const chromeLauncher = await import(join(TOOLS, 'node_modules', 'chrome-launcher', 'dist', 'index.js'));

/**
 * One Lighthouse run on `url` (the `categories` asked for): its report (`lhr`), with
 * `lhr.paintCandidates` added: the page's largest-paint candidates from the run's trace, in
 * order (`{ at, node, size }`: ms after navigation, the element as Chromium names it, px²).
 * (Lighthouse 12's own "largest contentful paint element" audit fails with this Chromium.)
 */
export async function runLighthouse(url, categories) {
  const profile = freshDir('storefront-lh-');
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    userDataDir: profile,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const { lhr, artifacts } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
    const events = artifacts?.Trace?.traceEvents ?? [];
    const nav = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith('http')).pop();
    lhr.paintCandidates = nav
      ? events
        .filter((e) => e.name === 'largestContentfulPaint::Candidate' && e.ts >= nav.ts && e.tid === nav.tid)
        .map((e) => ({ at: Math.round((e.ts - nav.ts) / 1000), node: e.args?.data?.nodeName ?? '', size: e.args?.data?.size ?? 0 }))
      : [];
    return lhr;
  } finally {
    await chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}
