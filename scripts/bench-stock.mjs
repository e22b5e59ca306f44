// Live stock and reserve-for-pickup benchmark on the 10,000-product catalogue. Prints
// figures; exits non-zero only if the reservation race comes out wrong.
//
//   a. GET /api/v1/variants/{id}/availability?near= over loopback, N requests from C
//      concurrent keep-alive clients -> p50/p95/p99/max and requests per second, once for
//      full answers (200) and once polling with If-None-Match as the SPA does every 3 s
//      (304: the cost of one open product page's poll)
//   b. the staff endpoint sets one variant's stock at one store to 10, then 1,000
//      concurrent POST /api/v1/reservations (distinct Idempotency-Keys) race for it:
//      201s, 409 out_of_stock, anything else, and the quantity left (must be 10 / 990 / 0)
//
// Usage: node scripts/bench-stock.mjs   (after cargo build -p storefront-server --profile server;
//        `make bench` runs it after bench-search)
// Env: BENCH_REQUESTS (default 2000), BENCH_CONCURRENCY (default 2), BENCH_RACE (default 1000),
//      STOREFRONT_SERVER_BIN (default target/server/storefront-server).
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer } from '../e2e/support.mjs';

const BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'server', 'storefront-server');
const REQUESTS = Number(process.env.BENCH_REQUESTS || 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 2);
const RACE = Number(process.env.BENCH_RACE || 1000);
const UNITS = 10;
const PRODUCTS = 10_000;
const STORE = 's_sh_jingan';
const VARIANT = 'v_004242_01';
const NEAR = '31.2304,121.4737';

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (x) => `${x.toFixed(2)} ms`;

function call(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { agent, method, headers: { 'accept-encoding': 'identity', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({
        status: res.statusCode,
        headers: res.headers,
        body: Buffer.concat(chunks).toString(),
        ms: Number(process.hrtime.bigint() - t0) / 1e6,
      }));
    });
    req.on('error', fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function load(name, url, headers = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  for (let i = 0; i < 50; i++) await call(agent, url, { headers }); // warm-up
  const times = [];
  const statuses = new Map();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      next++;
      const r = await call(agent, url, { headers });
      times.push(r.ms);
      statuses.set(r.status, (statuses.get(r.status) || 0) + 1);
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  const codes = [...statuses].map(([s, n]) => `${s}x${n}`).join(' ');
  console.log(`${name.padEnd(14)} n=${times.length} c=${CONCURRENCY}  p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  p99 ${ms(pct(times, 99))}  max ${ms(times[times.length - 1])}  ${(times.length / secs).toFixed(0)} req/s  [${codes}]`);
  return times;
}

async function availability(base) {
  const url = `${base}/api/v1/variants/${VARIANT}/availability?near=${NEAR}`;
  console.log(`\n-- live stock on loopback, ${PRODUCTS} products (${BIN.replace(ROOT + '/', '')})`);
  const first = await call(undefined, url);
  if (first.status !== 200) throw new Error(`availability: ${first.status} ${first.body}`);
  const a = JSON.parse(first.body);
  console.log(`availability of ${VARIANT}: ${a.data.length} stores, ${a.in_stock_stores} with stock, ${first.body.length} bytes, Cache-Control: ${first.headers['cache-control']}`);
  await load('availability', url);
  const polled = await load('poll (304)', url, { 'if-none-match': first.headers.etag });
  console.log(`one open product page polls every 3 s: a 304 costs p50 ${ms(pct(polled, 50))}, p99 ${ms(pct(polled, 99))} on loopback (client-measured, including HTTP)`);

  const agent = new Agent({ keepAlive: true });
  const cold = await call(agent, `${base}/api/v1/products/facets?store=${STORE}`);
  console.log(`facets?store= first request (builds the in-stock index of ${PRODUCTS} products x every store): ${ms(cold.ms)} [${cold.status}]`);
  agent.destroy();
  await load('facets?store=', `${base}/api/v1/products/facets?store=${STORE}&on_sale=true`);
}

async function race(base) {
  console.log(`\n-- reservation race: ${UNITS} units of ${VARIANT} at ${STORE}, ${RACE} concurrent POST /api/v1/reservations`);
  const set = await call(undefined, `${base}/api/v1/staff/stores/${STORE}/stock/${VARIANT}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer demo-${STORE}` },
    body: JSON.stringify({ quantity: UNITS }),
  });
  if (set.status !== 200) throw new Error(`staff PUT: ${set.status} ${set.body}`);
  const agent = new Agent({ keepAlive: true, maxSockets: RACE });
  const run = Date.now().toString(36);
  const t0 = performance.now();
  const replies = await Promise.all(Array.from({ length: RACE }, (_, i) => call(agent, `${base}/api/v1/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${run}-${i}` },
    body: JSON.stringify({ variant_id: VARIANT, store_id: STORE, quantity: 1, name: `Guest ${i}`, phone: `138${String(i).padStart(8, '0')}` }),
  })));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  const created = replies.filter((r) => r.status === 201).length;
  const soldOut = replies.filter((r) => r.status === 409 && JSON.parse(r.body).code === 'out_of_stock').length;
  const other = new Map();
  for (const r of replies) {
    if (r.status === 201 || (r.status === 409 && JSON.parse(r.body).code === 'out_of_stock')) continue;
    const key = `${r.status} ${r.body.slice(0, 80)}`;
    other.set(key, (other.get(key) || 0) + 1);
  }
  const times = replies.map((r) => r.ms).sort((x, y) => x - y);
  const after = JSON.parse((await call(undefined, `${base}/api/v1/variants/${VARIANT}/availability`)).body);
  const left = after.data.find((s) => s.store_id === STORE)?.quantity;
  console.log(`201 created: ${created}   409 out_of_stock: ${soldOut}   other: ${other.size ? [...other].map(([k, n]) => `${n} x ${k}`).join('; ') : 'none'}`);
  console.log(`quantity left: ${left}   all ${RACE} answered in ${secs.toFixed(2)} s (p50 ${ms(pct(times, 50))}, max ${ms(times[times.length - 1])})`);
  return created === UNITS && soldOut === RACE - UNITS && other.size === 0 && left === 0;
}

const port = await freePort();
const dir = freshDir('storefront-bench-stock-');
console.log(`seeding ${PRODUCTS} products into ${dir} ...`);
const server = await startServer({ port, dbPath: join(dir, 'bench.db'), bin: BIN, extraArgs: ['--products', String(PRODUCTS), '--demo'] });
let ok = false;
try {
  await availability(server.url);
  ok = await race(server.url);
} finally {
  await server.stop();
}
if (!ok) {
  console.error('the reservation race came out wrong');
  process.exit(1);
}
