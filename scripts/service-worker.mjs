// Writes the service worker dist/sw.js from scripts/sw-template.js and what the build
// produced: the app shell /index.html and every content-hashed file of dist/ (the main
// module and its JS, the split loader, every split module's pack, the stylesheet, the
// icon), in this build's cache, named by a build id.
//
// The list is what the build refers to: index.html's links and its boot script, the JS
// glue's imports and the wasm URL, the split loader's packs, split-manifest.json, and the
// url()s of stylesheets and icons of a web manifest. The build fails when a referenced file
// is absent, or a content-hashed file in dist/ is not in the list (nothing in the build
// refers to it, or the generator does not know where: either way it would be missing
// offline). Both are checked again on the sw.js written.
//
// Not precached, though copied to dist/: embed.js (it runs on partner sites, whose requests
// never pass through this origin's worker), marketing.css (the marketing workspace needs
// the network for everything it shows) and kiosk.css (a kiosk is on the store's network and
// loads it when its layer mounts; its five-minute name-stable copy would also pin an old
// version); split-manifest.json is for the server.
//
// Build id: a hash of the sorted list and of index.html's content (the shell has no hash in
// its name, but a new shell must reach the cache too), so a new build is a new worker.
// Usage: node scripts/service-worker.mjs [dist]
//        node scripts/service-worker.mjs --retire [dist]   (a worker that removes itself and
//        this app's caches, for a deployment that turns the worker off: README, "Offline
//        and updates")
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { Script } from 'node:vm';
import { brotliMax } from './compress.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const retire = args.includes('--retire');
const dist = resolve(args.find((a) => a !== '--retire') || join(ROOT, 'dist'));
const TEMPLATE = join(ROOT, 'scripts', 'sw-template.js');
const SHELL = '/index.html';
/** At most this many bytes brotli (the issue's budget for what the worker adds). */
const MAX_BROTLI = 10 * 1024;

const fail = (msg) => {
  console.error(`service-worker: ${msg}`);
  process.exit(1);
};

/**
 * The server's rule (crates/server/src/spa.rs `has_content_hash`): `-`, at least six hex
 * digits, then `.` or `_`.
 */
function hasContentHash(name) {
  return /-[0-9a-f]{6,}[._]/.test(name);
}

/** Every file under `dir` as a URL path (`/a/b.js`), without dot-entries (Trunk's .stage). */
function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(`/${relative(dist, p).split(sep).join('/')}`);
  }
  return out;
}

/** A build file's own copy, not a compressed copy or the worker itself. */
const isBuildFile = (path) => !/\.(br|gz)$/.test(path) && path !== '/sw.js';

/** `ref` (as written in the file at `from`) as a path of this origin, or null (other origins, data:). */
function resolveRef(ref, from) {
  if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//') || ref.startsWith('#')) return null;
  const clean = ref.split(/[?#]/)[0];
  return clean.startsWith('/') ? posix.normalize(clean) : posix.join(posix.dirname(from), clean);
}

/** The content-hashed files `path`'s text refers to, as paths. */
function referencesOf(path, text) {
  const refs = [];
  const add = (ref) => {
    const p = resolveRef(ref, path);
    if (p && hasContentHash(posix.basename(p))) refs.push(p);
  };
  const unquote = (v) => v.replace(/^["']|["']$/g, '');
  if (path.endsWith('.html')) {
    for (const m of text.matchAll(/\s(?:href|src)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)) add(unquote(m[1]));
    // inline boot scripts: `import … from '/x.js'`, `module_or_path: '/x_bg.wasm'`
    for (const s of text.matchAll(/<script\b[^>]*>([^]*?)<\/script>/gi)) {
      for (const m of s[1].matchAll(/(["'])([^"'\s]+)\1/g)) add(m[2]);
    }
  } else if (path.endsWith('.js')) {
    // ES imports and exports, dynamic imports, `new URL('x', import.meta.url)`, and the split
    // loader's `packLoad("./split_x-….pack", …)`. (Other strings are not files: the wasm's
    // import namespace "./storefront-…_bg.js" looks like one.)
    for (const m of text.matchAll(/\b(?:import|export)\b[^"'`;]*?\bfrom\s*(["'])([^"']+)\1/g)) add(m[2]);
    for (const m of text.matchAll(/\bimport\s*\(\s*(["'])([^"']+)\1\s*\)/g)) add(m[2]);
    for (const m of text.matchAll(/\bnew URL\(\s*(["'])([^"']+)\1\s*,\s*import\.meta\.url\s*\)/g)) add(m[2]);
    for (const m of text.matchAll(/\bpackLoad\(\s*(["'])([^"']+)\1/g)) add(m[2]);
  } else if (path.endsWith('.css')) {
    for (const m of text.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)) add(m[2]);
  } else if (path.endsWith('.json') || path.endsWith('.webmanifest')) {
    // split-manifest.json: { module: ["/split_x-….pack"] }; a web manifest: icons' `src`
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      fail(`${path} is not JSON: ${e.message}`);
    }
    const visit = (v, key) => {
      if (typeof v === 'string') {
        if (path.endsWith('.webmanifest') ? key === 'src' : true) add(v);
      } else if (Array.isArray(v)) v.forEach((x) => visit(x, key));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
    };
    visit(json, '');
  }
  return refs;
}

/** The precache list of `dist` (sorted), what refers to each entry, and the hashed files. */
function listOf() {
  if (!existsSync(join(dist, 'index.html'))) fail(`no index.html in ${dist}: build the SPA first`);
  const files = walk(dist).filter(isBuildFile);
  const referredBy = new Map([[SHELL, 'the app shell']]);
  for (const f of files.filter((f) => /\.(html|js|css|json|webmanifest)$/.test(f))) {
    for (const r of referencesOf(f, readFileSync(join(dist, f), 'utf8'))) {
      if (!referredBy.has(r)) referredBy.set(r, f);
    }
  }
  const hashed = files.filter((f) => hasContentHash(posix.basename(f)));
  return { list: [...referredBy.keys()].sort(), referredBy, hashed };
}

/** Fails unless `list` and `dist` agree: every entry exists, every hashed file is listed. */
function check(list, hashed, referredBy, what) {
  const absent = list.filter((f) => !existsSync(join(dist, f)) || !statSync(join(dist, f)).isFile());
  if (absent.length) {
    fail(`${what} lists files that are not in ${dist}:\n${absent.map((f) => `  ${f} (referred to by ${referredBy?.get(f) ?? 'the list'})`).join('\n')}`);
  }
  const listed = new Set(list);
  const missing = hashed.filter((f) => !listed.has(f));
  if (missing.length) {
    fail(`content-hashed files of ${dist} are missing from ${what} (nothing in the build refers to them; `
      + `a stale file, or a new kind of asset this script should learn about):\n${missing.map((f) => `  ${f}`).join('\n')}`);
  }
}

// The worker that ends the others: browsers fetch /sw.js again on their next visit, install
// this one at once, and it deletes this app's caches and unregisters itself; pages already
// open are not reloaded (a form stays as it is) and load from the network from then on.
const RETIRE = `// Retires the storefront's service worker (scripts/service-worker.mjs --retire).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) if (name.startsWith('storefront-')) await caches.delete(name);
  await self.registration.unregister();
})()));
`;
/**
 * Writes dist/sw.js. An older build's .br/.gz copies of it go (the server would send them
 * instead); precompress.mjs writes new ones.
 */
function writeWorker(bytes) {
  for (const f of ['sw.js.br', 'sw.js.gz']) rmSync(join(dist, f), { force: true });
  writeFileSync(join(dist, 'sw.js'), bytes);
}
if (retire) {
  writeWorker(RETIRE);
  console.log(`service worker ${join(dist, 'sw.js')}: retires the worker and its caches`);
  process.exit(0);
}

const { list, referredBy, hashed } = listOf();
check(list, hashed, referredBy, 'the precache list');

const buildId = createHash('sha256')
  .update(list.join('\n'))
  .update('\n')
  .update(readFileSync(join(dist, 'index.html')))
  .digest('hex')
  .slice(0, 16);

let sw = readFileSync(TEMPLATE, 'utf8');
const fill = (placeholder, value) => {
  const parts = sw.split(placeholder);
  if (parts.length !== 2) fail(`${TEMPLATE} must contain ${placeholder} exactly once`);
  sw = parts.join(value);
};
fill("/* BUILD */ 'dev'", JSON.stringify(buildId));
fill("/* FILES */ ['/index.html']", JSON.stringify(list));
// Comments on lines of their own stay in the template: the worker is downloaded by every
// visitor. (The template has no code line starting with `*`.)
sw = sw.split('\n').filter((l) => !/^\s*(\/\/|\/\*\*|\*|$)/.test(l)).join('\n') + '\n';
// a template that does not parse fails here, not in the browser
try {
  new Script(sw, { filename: 'sw.js' });
} catch (e) {
  fail(`the worker does not parse: ${e.message}`);
}
const out = join(dist, 'sw.js');
const swBytes = Buffer.from(sw);
writeWorker(swBytes);

// What was written, read back: the list it carries agrees with dist/.
const written = readFileSync(out, 'utf8').match(/^const FILES = (\[.*\]);$/m);
if (!written) fail(`${out} has no FILES line`);
check(JSON.parse(written[1]), hashed, referredBy, out);

const brotli = brotliMax(swBytes).length;
if (brotli > MAX_BROTLI) fail(`${out} is ${brotli} bytes brotli, more than ${MAX_BROTLI}`);
const bytes = list.reduce((n, f) => n + statSync(join(dist, f)).size, 0);
console.log(`service worker ${out}: build ${buildId}, ${list.length} files precached `
  + `(${(bytes / 1024).toFixed(1)} KB before compression); sw.js ${swBytes.length} bytes, ${brotli} bytes brotli`);
