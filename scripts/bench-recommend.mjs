// Recommendations benchmark: the job that counts visits into "shoppers also viewed" and the
// popular lists, on 10,000 products and 1,000,000 events. Prints figures; asserts nothing.
//
//   1. a fresh database with the 10,000-product catalogue (the server started once on it)
//   2. 1,000,000 events over 180 days: `storefront-server demo-events --events 1000000
//      --days 180 --seed 1`
//   3. a full recompute: `storefront-server recommend --full` -> the job's own duration
//      (counting, pairs written, neighbour lists, popular lists) and the process's wall time
//   4. 10,000 more events (`demo-events --events 10000 --days 1 --seed 2`), then an
//      incremental run (`storefront-server recommend`), then one with nothing new
//   5. reads on loopback from one keep-alive client: also-viewed of random products,
//      popular over every store and per store -> p50/p95/p99
//
// Usage: node scripts/bench-recommend.mjs   (after cargo build -p storefront-server
//        --profile server; `make bench` does it)
// Env: BENCH_EVENTS (default 1000000), BENCH_MORE_EVENTS (default 10000), BENCH_REQUESTS
//      (default 1000 per endpoint), STOREFRONT_SERVER_BIN (default target/server/storefront-server).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer } from '../e2e/support.mjs';

const BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'server', 'storefront-server');
const PRODUCTS = 10_000;
const EVENTS = Number(process.env.BENCH_EVENTS || 1_000_000);
const MORE_EVENTS = Number(process.env.BENCH_MORE_EVENTS || 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS || 1000);

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (x) => `${x.toFixed(2)} ms`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;

/** Runs a subcommand of the server binary; answers its output line and wall time. */
function sub(args) {
  const t0 = performance.now();
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, RUST_LOG: 'warn' } });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${args[0]} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { out: r.stdout.trim(), wall };
}

function get(agent, url) {
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { agent, headers: { 'accept-encoding': 'identity' } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => ok({ status: res.statusCode, body, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function load(name, base, paths) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (const p of paths.slice(0, 20)) await get(agent, base + p); // warm-up
  const times = [];
  const statuses = new Map();
  let items = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const r = await get(agent, base + paths[i % paths.length]);
    times.push(r.ms);
    statuses.set(r.status, (statuses.get(r.status) || 0) + 1);
    if (r.status === 200) items += JSON.parse(r.body).data.length;
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const codes = [...statuses].map(([s, n]) => `${s}x${n}`).join(' ');
  console.log(`${name.padEnd(12)} n=${times.length}  p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  p99 ${ms(pct(times, 99))}  max ${ms(times[times.length - 1])}  ${(items / times.length).toFixed(1)} items/answer  [${codes}]`);
}

const dir = freshDir('storefront-bench-recommend-');
const db = join(dir, 'bench.db');
const url = `sqlite://${db}`;

console.log(`-- recommendations job, ${PRODUCTS} products, ${EVENTS} events (${BIN.replace(ROOT + '/', '')})`);
let t0 = performance.now();
let server = await startServer({ port: await freePort(), dbPath: db, extraArgs: ['--products', String(PRODUCTS)], bin: BIN });
await server.stop();
console.log(`seeded ${PRODUCTS} products in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

let r = sub(['demo-events', '--database-url', url, '--events', String(EVENTS), '--days', '180', '--seed', '1']);
console.log(`demo-events: ${r.out}`);

r = sub(['recommend', '--database-url', url, '--full']);
console.log(`full recompute:        ${r.out}  (process wall ${r.wall.toFixed(2)} s)`);

r = sub(['demo-events', '--database-url', url, '--events', String(MORE_EVENTS), '--days', '1', '--seed', '2']);
console.log(`demo-events: ${r.out}`);
r = sub(['recommend', '--database-url', url]);
console.log(`incremental (+${MORE_EVENTS}): ${r.out}  (process wall ${r.wall.toFixed(2)} s)`);
r = sub(['recommend', '--database-url', url]);
console.log(`incremental (+0):      ${r.out}  (process wall ${r.wall.toFixed(2)} s)`);
console.log(`database file: ${mb(statSync(db).size)}`);

server = await startServer({ port: await freePort(), dbPath: db, bin: BIN });
try {
  const base = server.url;
  const stores = (await (await fetch(`${base}/api/v1/stores`)).json()).data.map((s) => s.id);
  // products by a fixed pseudo-random walk over the catalogue
  const also = [];
  for (let i = 0, x = 7; i < 500; i++) {
    x = (x * 7919 + 13) % PRODUCTS;
    also.push(`/api/v1/products/p_${String(x + 1).padStart(6, '0')}/also-viewed?limit=12`);
  }
  console.log(`\n-- reads on loopback, one keep-alive client`);
  await load('also-viewed', base, also);
  await load('popular', base, ['/api/v1/recommendations/popular', '/api/v1/recommendations/popular?limit=24']);
  await load('popular@store', base, stores.map((s) => `/api/v1/recommendations/popular?store_id=${s}`));
} finally {
  await server.stop();
}
