// Events ingest benchmark. Prints figures; asserts nothing.
//
//   1. baseline: product reads (GET /api/v1/products/{slug}, a steady BENCH_READS per second,
//      each product in turn) for 15 s with nothing else going on -> p50/p99/max
//   2. ingest: 20 batches of 50 events a second (1,000 events/s) for BENCH_SECONDS (60),
//      from 100 clients (X-Forwarded-For through --trusted-proxies 127.0.0.1/32, so each
//      stays within its own rate limit), sent on schedule whatever the answers, while the
//      same product reads go on -> batch latency p50/p95/p99/max, statuses, events accepted,
//      dropped and stored (counted in the database with sqlite3), and the product reads'
//      p50/p99/max during ingest
//
// The events are what the app sends: lists, product views, searches, stock views at a
// store, wishlist saves and reservations of the catalogue's products, each batch one visit's.
//
// Usage: node scripts/bench-events.mjs   (after cargo build -p storefront-server --profile server;
//        `make bench` runs it; the debug build is used when there is no release build)
// Env: BENCH_SECONDS (default 60), BENCH_PRODUCTS (default 10000), BENCH_READS (product reads
//      per second, default 50), STOREFRONT_SERVER_BIN (default target/server/storefront-server,
//      else target/debug/storefront-server).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer } from '../e2e/support.mjs';

const RELEASE = join(ROOT, 'target', 'server', 'storefront-server');
const BIN = process.env.STOREFRONT_SERVER_BIN || (existsSync(RELEASE) ? RELEASE : join(ROOT, 'target', 'debug', 'storefront-server'));
const SECONDS = Number(process.env.BENCH_SECONDS || 60);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS || 10_000);
const READS = Number(process.env.BENCH_READS || 50);
const BASELINE_SECONDS = 15;
const BATCHES_PER_SECOND = 20;
const EVENTS_PER_BATCH = 50;
const CLIENTS = 100;

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (x) => `${x.toFixed(2)} ms`;
const sleep = (t) => new Promise((r) => setTimeout(r, Math.max(0, t)));

function call(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((ok) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { agent, method, headers: { 'accept-encoding': 'identity', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, body: Buffer.concat(chunks).toString(), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', (e) => ok({ status: `error ${e.code}`, body: '', ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function summary(name, results) {
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const statuses = new Map();
  for (const r of results) statuses.set(r.status, (statuses.get(r.status) || 0) + 1);
  const codes = [...statuses].map(([s, n]) => `${s}x${n}`).join(' ');
  if (times.length === 0) return `${name}: none`;
  return `${name.padEnd(24)} n=${times.length}  p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  p99 ${ms(pct(times, 99))}  max ${ms(times[times.length - 1])}  [${codes}]`;
}

/** Requests `make(i)` every `1000 / perSecond` ms for `seconds`, on schedule (not waiting for answers). */
async function steady(perSecond, seconds, make) {
  const every = 1000 / perSecond;
  const n = Math.round(perSecond * seconds);
  const t0 = performance.now();
  const pending = [];
  for (let i = 0; i < n; i++) {
    await sleep(t0 + i * every - performance.now());
    pending.push(make(i));
  }
  return Promise.all(pending);
}

/** What the benchmark's events name: products with their variants, the stores. */
async function catalogue(base) {
  const get = async (path) => (await fetch(`${base}/api/v1${path}`)).json();
  const slugs = [];
  const products = [];
  let cursor = '';
  while (slugs.length < 2000) {
    const page = await get(`/products?limit=100&sort=best_selling${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const p of page.data) {
      slugs.push(p.slug);
      products.push({ id: p.id, category: p.category?.slug });
    }
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  for (const p of products.slice(0, 200)) {
    p.variants = ((await get(`/products/${p.id}`)).variants ?? []).map((v) => v.id);
  }
  const stores = (await get('/stores')).data.map((s) => s.id);
  return { slugs, products: products.slice(0, 200), stores };
}

const SEARCHES = ['外套', 'jacket', '运动鞋', 'wool', 'ydx', '衬衫', 'denim', 'kayak', '连衣裙', 'backpack'];
const LISTS = ['home', 'search', 'recommended', 'wishlist'];

/** One visit's batch of 50 events, as the app sends them. */
function batchOf(k, cat, i) {
  const pick = (a) => a[Math.floor(Math.random() * Math.min(a.length, Math.random() < 0.7 ? 20 : a.length))];
  const session = `bench${String(k).padStart(3, '0')}${String(i).padStart(14, '0')}`.slice(0, 22);
  const store = cat.stores[k % cat.stores.length];
  const at = new Date().toISOString();
  const events = [];
  for (let e = 0; e < EVENTS_PER_BATCH; e++) {
    const p = pick(cat.products);
    const item = { item_id: p.id };
    const variant = p.variants[Math.floor(Math.random() * p.variants.length)];
    switch (e % 10) {
      case 0: events.push({ name: 'view_item_list', at, params: { item_list_id: p.category || pick(LISTS), items: Array.from({ length: 12 }, (_, j) => ({ item_id: pick(cat.products).id, index: j })), store_id: store } }); break;
      case 1: events.push({ name: 'select_item', at, params: { item_list_id: pick(LISTS), items: [item] } }); break;
      case 2: events.push({ name: 'search', at, params: { search_term: pick(SEARCHES), results: Math.floor(Math.random() * 80) } }); break;
      case 3: events.push({ name: 'view_store_stock', at, params: { items: [{ ...item, item_variant: variant }], store_id: store } }); break;
      case 4: events.push({ name: 'add_to_wishlist', at, params: { items: [item] } }); break;
      case 5: if (e % 40 === 5) { events.push({ name: 'reserve', at, params: { items: [{ ...item, item_variant: variant }], store_id: store } }); break; }
      // falls through
      default: events.push({ name: 'view_item', at, params: { items: [item], store_id: store, utm_source: 'wechat', utm_medium: 'social' } });
    }
  }
  return JSON.stringify({ session_id: session, channel: k % 5 === 0 ? 'kiosk' : 'phone', events });
}

/** The server process's CPU seconds so far (Linux /proc; null elsewhere). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100)
  } catch {
    return null;
  }
}

const cpuShare = (from, to, seconds) => (from === null || to === null ? '?' : `${((100 * (to - from)) / seconds).toFixed(0)}% of one core`);

function storedEvents(dbPath) {
  const r = spawnSync('sqlite3', [dbPath, 'SELECT COUNT(*) FROM events'], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : `? (sqlite3: ${r.stderr.trim() || r.error})`;
}

const port = await freePort();
const dir = freshDir('storefront-bench-events-');
const dbPath = join(dir, 'bench.db');
console.log(`seeding ${PRODUCTS} products into ${dir} ...`);
const server = await startServer({ port, dbPath, bin: BIN, extraArgs: ['--products', String(PRODUCTS), '--trusted-proxies', '127.0.0.1/32'] });
try {
  const base = server.url;
  const cat = await catalogue(base);
  const reads = new Agent({ keepAlive: true, maxSockets: 8 });
  const ingest = new Agent({ keepAlive: true, maxSockets: 16 });
  const read = (i) => call(reads, `${base}/api/v1/products/${cat.slugs[i % cat.slugs.length]}`);
  for (let i = 0; i < 100; i++) await read(i); // warm-up: connections, caches
  console.log(`\n-- events ingest on loopback, ${PRODUCTS} products (${BIN.replace(ROOT + '/', '')})`);

  const pid = server.child.pid;
  let cpu = cpuSeconds(pid);
  const baseline = await steady(READS, BASELINE_SECONDS, (i) => read(i + 100));
  const cpuAlone = cpuShare(cpu, (cpu = cpuSeconds(pid)), BASELINE_SECONDS);
  console.log(summary(`product reads, ${BASELINE_SECONDS} s alone`, baseline));

  const readsDuring = steady(READS, SECONDS, (i) => read(i + 100 + READS * BASELINE_SECONDS));
  const batches = await steady(BATCHES_PER_SECOND, SECONDS, (i) => {
    const k = i % CLIENTS;
    return call(ingest, `${base}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.7.${Math.floor(k / 250)}.${(k % 250) + 1}` },
      body: batchOf(k, cat, i),
    });
  });
  const during = await readsDuring;
  const cpuIngest = cpuShare(cpu, cpuSeconds(pid), SECONDS);
  let accepted = 0;
  let dropped = 0;
  for (const b of batches) {
    if (b.status !== 202) continue;
    const a = JSON.parse(b.body);
    accepted += a.accepted;
    dropped += a.dropped;
  }
  const sent = batches.length * EVENTS_PER_BATCH;
  console.log(`${BATCHES_PER_SECOND * EVENTS_PER_BATCH} events/s (${BATCHES_PER_SECOND} batches of ${EVENTS_PER_BATCH} a second) for ${SECONDS} s from ${CLIENTS} clients:`);
  console.log(summary('batch (POST /events)', batches));
  console.log(`events: sent ${sent}, accepted ${accepted}, dropped ${dropped}, stored (COUNT(*) in the database) ${storedEvents(dbPath)}`);
  console.log(summary(`product reads, ${SECONDS} s ingest`, during));
  console.log(`(product reads: GET /api/v1/products/{slug} at ${READS}/s, ${cat.slugs.length} products in turn)`);
  console.log(`server CPU: ${cpuAlone} with the reads alone, ${cpuIngest} with ingest and reads`);
  reads.destroy();
  ingest.destroy();
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
