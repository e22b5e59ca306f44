// The storefront's service worker. scripts/service-worker.mjs writes it to dist/sw.js from
// this template, filling BUILD (the build's id) and FILES (the app shell and every
// content-hashed file of the build); full-line comments are left out of dist/sw.js.
//
// Plain JavaScript with no library: Workbox is not installed here and a build downloads
// nothing, and the whole worker stays a few kilobytes.
//
// What it does with a request (anything it does not take goes to the network untouched,
// so a failure there is the page's network error, as without a worker):
// - a page (navigation): the network first (the server adds the route's preload headers),
//   after 4 s or offline the app shell /index.html of this build;
// - a file of this build: from this build's cache;
// - catalogue reads (categories, products, stores, suggestions, popular), stock
//   (availability) and /config.json: the network first, and after 3 s or on a failure the last stored copy;
//   while the network is known to be gone (a request failed or timed out in the last
//   DOWN_MS, or the browser says it is offline) the stored copy at once, refreshed in the
//   background. So online the shopper sees the server's figures (a price changed last
//   week is not shown first, and the browser's HTTP cache already answers fresh copies at
//   once), and without a signal nothing waits for a timeout twice;
// - pictures: the stored copy at once, refreshed in the background (a picture's URL names
//   its content);
// - never: other API paths (member, wallet, reservations, appointments, coupons, sign-in,
//   marketing, staff, kiosk, hand-offs, events, consent, insight), writes, requests with
//   an Authorization header, other origins.
// Every stored copy carries X-Storefront-Cached-At (RFC 3339, UTC: when it was stored), so
// the app can say how old what it shows is; an answer from the network never has it.

const BUILD = /* BUILD */ 'dev';
const FILES = /* FILES */ ['/index.html'];

const SHELL = '/index.html';
// The runtime configuration a static host serves beside the shell (the deployer's, not the
// build's): the network first, the last copy offline, so the app still starts there.
const CONFIG = '/config.json';
// This app's caches all start with the prefix (others on the origin are not ours).
const PREFIX = 'storefront-';
const PRECACHE = `${PREFIX}precache-${BUILD}`;
// The runtime caches outlive builds (the server's answers do not depend on the app's
// build); the suffix changes only if what is stored in them changes shape.
const DATA = `${PREFIX}data-v1`;
const PICTURES = `${PREFIX}pictures-v1`;
// Bounds, so a kiosk running for days does not grow without limit: the oldest go first.
const LIMIT = { [DATA]: 300, [PICTURES]: 200 };
const CACHED_AT = 'X-Storefront-Cached-At';
const PAGE_TIMEOUT_MS = 4000;
const READ_TIMEOUT_MS = 3000;
// After a failure or a timeout the network counts as gone this long (or until an answer).
const DOWN_MS = 30 * 1000;

const OWN = new Set(FILES);
// The server's rule for a content-hashed name (spa.rs has_content_hash), on a URL's path.
const HASHED = /-[0-9a-f]{6,}[._][^/]*$/;
const CATALOGUE = /^\/api\/v1\/(categories|search\/suggest|recommendations\/popular|products(\/.*)?|stores(\/[^/]+)?)$/;
const STOCK = /^\/api\/v1\/variants\/[^/]+\/availability$/;
// Generated pictures of products, categories and campaign heroes. The tour's panoramas are
// not kept: they are large, and the tour is not something the shop promises offline.
const PICTURE = /^\/media\/(products|categories|campaigns)\//;
// Pages the worker leaves to the network: the API and media themselves, the framed
// campaign embeds (a partner site's frame) and the marketing workspace (needs the network).
const NOT_PAGE = /^\/(api|media|embed)(\/|$)|^\/marketing(\/|$)/;

self.addEventListener('install', (event) => {
  // Files with a content hash never change under their name, so the HTTP cache may give
  // them (the page has just downloaded the main module: not again); the shell is fetched
  // anew. No skipWaiting here: a new worker waits until the shopper's tap or a reload.
  event.waitUntil(
    caches.open(PRECACHE).then((cache) =>
      cache.addAll(FILES.map((f) => new Request(f, { cache: HASHED.test(f) ? 'default' : 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Other builds' files and old runtime caches of this app: only now, when this worker
    // takes over (first install, a tap on Refresh, a reload), never while it waits, so a
    // page of the old build keeps its split modules until then.
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && ![PRECACHE, DATA, PICTURES].includes(name)) await caches.delete(name);
    }
    // The navigation's request starts while the worker boots, not after.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    // A first visit's page is controlled at once, so what the shopper opens next is kept
    // for offline. (Registration happens seconds after load: nothing of the first screen
    // waits for the precache.)
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'SKIP_WAITING') return;
  if (!data.pages) {
    // the shopper tapped Refresh (or a kiosk resets)
    self.skipWaiting();
    return;
  }
  // A page asks at start: if it is already this build (a reload fetched the new
  // index.html) and no other tab is open, take over now, quietly; otherwise the page
  // announces the new version and waits for the tap.
  event.waitUntil((async () => {
    const mine = data.pages.filter((u) => {
      const url = new URL(u, self.location.href);
      return url.origin === self.location.origin && HASHED.test(url.pathname);
    });
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    if (mine.length > 0 && mine.every((u) => OWN.has(new URL(u, self.location.href).pathname)) && windows.length <= 1) {
      self.skipWaiting();
    } else if (event.source) {
      event.source.postMessage({ type: 'UPDATE_WAITING' });
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || req.headers.has('authorization')) return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (req.mode === 'navigate') {
    // (with navigation preload on, a page left to the network still takes the preload)
    event.respondWith(NOT_PAGE.test(path) ? event.preloadResponse.then((r) => r || fetch(req)) : page(event));
  } else if (OWN.has(path) && path !== SHELL) {
    event.respondWith(own(req, path));
  } else if (STOCK.test(path) || CATALOGUE.test(path) || path === CONFIG) {
    event.respondWith(networkFirst(event, DATA));
  } else if (PICTURE.test(path)) {
    event.respondWith(staleWhileRevalidate(event, PICTURES));
  }
});

/** Resolves to undefined after `ms`. */
const after = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** The network's answer to a page, or after PAGE_TIMEOUT_MS or a failure this build's shell. */
async function page(event) {
  const network = (async () => (await event.preloadResponse) || fetch(event.request))();
  // a late answer still settles inside the event (a preload left hanging is reported)
  event.waitUntil(network.then(() => { downUntil = 0; }, () => { downUntil = Date.now() + DOWN_MS; }));
  const res = await Promise.race([network.catch(() => undefined), after(PAGE_TIMEOUT_MS)]);
  if (res) return res;
  const shell = await caches.match(SHELL, { cacheName: PRECACHE });
  if (shell) return shell;
  // no shell kept (its cache was cleared): wait for the network after all
  return network.catch(() => new Response(
    '<!doctype html><meta charset=utf-8><meta name=viewport content="width=device-width"><title>优品生活</title>'
    + '<p lang=zh-CN>需要网络连接。<p lang=en>You are offline: please connect and reload.',
    { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
  ));
}

/** A file of this build, from its cache (or the network, keeping it, if the cache lost it). */
async function own(req, path) {
  const cache = await caches.open(PRECACHE);
  const hit = await cache.match(path);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.status === 200) cache.put(path, res.clone()).catch(() => {});
  return res;
}

/** The copy stored for `req` in `cacheName`, if any. */
async function stored(cacheName, req) {
  const cache = await caches.open(cacheName);
  return cache.match(req.url, { ignoreVary: true });
}

/** Stores a 200 answer with the time, and keeps the cache within its bound. */
async function keep(cacheName, req, res) {
  if (res.status !== 200 || res.type !== 'basic') return;
  const headers = new Headers(res.headers);
  // the body is stored decoded; Vary would only make matching fail
  for (const h of ['content-encoding', 'content-length', 'vary', 'set-cookie']) headers.delete(h);
  headers.set(CACHED_AT, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
  const body = await res.blob();
  const cache = await caches.open(cacheName);
  await cache.put(req.url, new Response(body, { status: 200, statusText: res.statusText, headers }));
  await trim(cacheName, cache);
}

const trimming = {};
/** Deletes the oldest entries beyond the cache's bound (one trim per cache at a time). */
function trim(cacheName, cache) {
  trimming[cacheName] = (trimming[cacheName] || Promise.resolve()).then(async () => {
    const keys = await cache.keys();
    for (const k of keys.slice(0, Math.max(0, keys.length - LIMIT[cacheName]))) await cache.delete(k);
  }).catch(() => {});
  return trimming[cacheName];
}

// Until when the network counts as gone (this worker's memory: a restarted worker tries
// the network first again).
let downUntil = 0;
const isDown = () => Date.now() < downUntil || self.navigator.onLine === false;

/** The network's answer, stored in `cacheName` when it is a 200 (in the event's lifetime). */
function fromNetwork(event, cacheName) {
  const res = fetch(event.request).then((r) => {
    downUntil = 0;
    // copied before the page reads the body
    event.waitUntil(keep(cacheName, event.request, r.clone()).catch(() => {}));
    return r;
  }, (e) => {
    downUntil = Date.now() + DOWN_MS;
    throw e;
  });
  event.waitUntil(res.catch(() => {}));
  return res;
}

/** The stored copy at once when there is one, refreshed in the background; else the network. */
async function staleWhileRevalidate(event, cacheName) {
  const copy = await stored(cacheName, event.request);
  const network = fromNetwork(event, cacheName);
  return copy || network;
}

/**
 * The network first, and the stored copy when it fails or has not answered within
 * READ_TIMEOUT_MS; while the network is known to be gone, the copy at once. With no copy,
 * the network's answer or its failure, however long it takes.
 */
async function networkFirst(event, cacheName) {
  if (isDown()) return staleWhileRevalidate(event, cacheName);
  const copy = await stored(cacheName, event.request);
  const network = fromNetwork(event, cacheName);
  if (!copy) return network;
  const res = await Promise.race([network.catch(() => undefined), after(READ_TIMEOUT_MS)]);
  if (res) return res;
  downUntil = Date.now() + DOWN_MS;
  return copy;
}
