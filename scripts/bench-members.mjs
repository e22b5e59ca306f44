// Membership and coupon wallet benchmark (issue 6). Prints figures; exits non-zero if a
// race comes out wrong or token verification p99 is over 5 ms.
//
//   a. sign in M members through the API (demo mode: code, /demo/last-code, verify)
//   b. 1,000 concurrent POST /api/v1/me/wallet/coupons of FLASH100 (100 left, one per member)
//      from 1,000 members -> exactly 100 x 201, 900 x 409 sold_out, remaining 0
//   c. one member claims WELCOME5; 1,000 concurrent POST /api/v1/pos/coupons/redeem of that
//      coupon (its current and next redeem tokens) -> exactly 1 x 200, the rest 409
//   d. token verification at the till: POST /api/v1/pos/loyalty/verify (signature, window, not
//      used) N times from C keep-alive clients -> p50/p95/p99/max on loopback
//
// Usage: node scripts/bench-members.mjs   (after cargo build -p storefront-server --profile server;
//        `make bench` runs it)
// Env: BENCH_RACE (default 1000), BENCH_REQUESTS (default 2000), BENCH_CONCURRENCY (default 2),
//      STOREFRONT_SERVER_BIN (default target/server/storefront-server).
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer } from '../e2e/support.mjs';

const BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'server', 'storefront-server');
const RACE = Number(process.env.BENCH_RACE || 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS || 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 2);
const STOCK = Math.max(1, Math.round(RACE / 10));
const STORE = 's_sh_jingan';
const STAFF = { authorization: `Bearer demo-${STORE}` };
const XRW = { 'x-requested-with': 'storefront' };

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (x) => `${x.toFixed(2)} ms`;

function call(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    const json = body === undefined ? undefined : JSON.stringify(body);
    const h = { 'accept-encoding': 'identity', ...headers };
    if (json !== undefined) h['content-type'] = 'application/json';
    const req = request(url, { agent, method, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed = null;
        try { parsed = JSON.parse(text); } catch { /* not JSON */ }
        ok({ status: res.statusCode, headers: res.headers, body: text, json: parsed, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
      });
    });
    req.on('error', fail);
    if (json !== undefined) req.write(json);
    req.end();
  });
}

async function pool(n, width, fn) {
  let next = 0;
  const out = new Array(n);
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await fn(i);
    }
  }));
  return out;
}

async function signIn(base, agent, login) {
  const sent = await call(agent, `${base}/api/v1/auth/code`, { method: 'POST', headers: XRW, body: { login } });
  if (sent.status !== 200) throw new Error(`auth/code ${login}: ${sent.status} ${sent.body}`);
  const code = await call(agent, `${base}/api/v1/demo/last-code?login=${encodeURIComponent(sent.json.login)}`);
  if (code.status !== 200) throw new Error(`demo/last-code: ${code.status} ${code.body}`);
  const v = await call(agent, `${base}/api/v1/auth/verify`, {
    method: 'POST', headers: XRW, body: { login, code: code.json.code, agree_terms: true },
  });
  if (v.status !== 200 && v.status !== 201) throw new Error(`auth/verify: ${v.status} ${v.body}`);
  return String(v.headers['set-cookie']).split(';')[0];
}

function tally(replies, okStatus) {
  const counts = new Map();
  for (const r of replies) {
    const key = r.status === okStatus ? String(okStatus) : `${r.status} ${r.json?.code ?? r.body.slice(0, 60)}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return counts;
}

const show = (counts) => [...counts].map(([k, n]) => `${k} x${n}`).join(', ');

async function main(base) {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  console.log(`\n-- signing in ${RACE} members (code, demo last-code, verify)`);
  let t0 = performance.now();
  const cookies = await pool(RACE, 8, (i) => signIn(base, agent, `bench${i}@example.com`));
  console.log(`${RACE} sign-ins in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

  // b. The claim race.
  const offers = (await call(agent, `${base}/api/v1/coupons`)).json.data;
  const flash = offers.find((o) => o.code === 'FLASH100');
  if (!flash) throw new Error('no FLASH100 offer');
  if (flash.remaining !== 100 || STOCK !== 100) console.log(`(FLASH100 has ${flash.remaining} left; expecting min(${STOCK}, ${flash.remaining}))`);
  const expectClaims = Math.min(flash.remaining, RACE);
  console.log(`\n-- claim race: ${RACE} concurrent claims of FLASH100 (${flash.remaining} left, one per member)`);
  const raceAgent = new Agent({ keepAlive: true, maxSockets: RACE });
  t0 = performance.now();
  const claims = await Promise.all(cookies.map((cookie) => call(raceAgent, `${base}/api/v1/me/wallet/coupons`, {
    method: 'POST', headers: { ...XRW, cookie }, body: { offer: 'FLASH100' },
  })));
  let secs = (performance.now() - t0) / 1000;
  const claimCounts = tally(claims, 201);
  const after = (await call(agent, `${base}/api/v1/coupons/FLASH100`)).json;
  const claimTimes = claims.map((r) => r.ms).sort((a, b) => a - b);
  console.log(`${show(claimCounts)}; remaining after: ${after.remaining}; all answered in ${secs.toFixed(2)} s (p50 ${ms(pct(claimTimes, 50))}, max ${ms(claimTimes[claimTimes.length - 1])})`);
  const claimsOk = (claimCounts.get('201') || 0) === expectClaims
    && (claimCounts.get('409 sold_out') || 0) === RACE - expectClaims && after.remaining === 0;

  // c. The redeem race.
  const me = cookies[0];
  const claimed = await call(agent, `${base}/api/v1/me/wallet/coupons`, { method: 'POST', headers: { ...XRW, cookie: me }, body: { offer: 'WELCOME5' } });
  if (claimed.status !== 201) throw new Error(`claim WELCOME5: ${claimed.status} ${claimed.body}`);
  const batch = (await call(agent, `${base}/api/v1/me/wallet/coupons/${claimed.json.id}/token`, { headers: { cookie: me } })).json;
  console.log(`\n-- redeem race: ${RACE} concurrent POST /api/v1/pos/coupons/redeem of one wallet coupon (${claimed.json.id})`);
  t0 = performance.now();
  const redeems = await Promise.all(Array.from({ length: RACE }, (_, i) => call(raceAgent, `${base}/api/v1/pos/coupons/redeem`, {
    method: 'POST', headers: STAFF, body: { coupon_token: batch.tokens[i % 2].token, store_id: STORE, receipt_no: `BENCH-${i}` },
  })));
  secs = (performance.now() - t0) / 1000;
  raceAgent.destroy();
  const redeemCounts = tally(redeems, 200);
  const redeemTimes = redeems.map((r) => r.ms).sort((a, b) => a - b);
  console.log(`${show(redeemCounts)}; all answered in ${secs.toFixed(2)} s (p50 ${ms(pct(redeemTimes, 50))}, max ${ms(redeemTimes[redeemTimes.length - 1])})`);
  const refused = [...redeemCounts].filter(([k]) => k === '409 coupon_used' || k === '409 token_used').reduce((a, [, n]) => a + n, 0);
  const redeemOk = (redeemCounts.get('200') || 0) === 1 && refused === RACE - 1;

  // d. Token verification at the till.
  const tokens = (await call(agent, `${base}/api/v1/me/loyalty/scan-tokens`, { method: 'POST', headers: { ...XRW, cookie: cookies[1] } })).json;
  const token = tokens.tokens[0].token;
  const url = `${base}/api/v1/pos/loyalty/verify`;
  const loadAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  for (let i = 0; i < 50; i++) await call(loadAgent, url, { method: 'POST', headers: STAFF, body: { token, store_id: STORE } });
  const times = [];
  const statuses = new Map();
  let next = 0;
  t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      next++;
      const r = await call(loadAgent, url, { method: 'POST', headers: STAFF, body: { token, store_id: STORE } });
      times.push(r.ms);
      statuses.set(r.status, (statuses.get(r.status) || 0) + 1);
    }
  }));
  secs = (performance.now() - t0) / 1000;
  loadAgent.destroy();
  times.sort((a, b) => a - b);
  console.log(`\n-- token verification at the till (POST /api/v1/pos/loyalty/verify, staff key + signature + window + used-nonce lookup)`);
  console.log(`n=${times.length} c=${CONCURRENCY}  p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  p99 ${ms(pct(times, 99))}  max ${ms(times[times.length - 1])}  ${(times.length / secs).toFixed(0)} req/s  [${[...statuses].map(([s, n]) => `${s}x${n}`).join(' ')}]`);
  const verifyOk = pct(times, 99) <= 5 && statuses.size === 1 && statuses.has(200);
  agent.destroy();
  return { claimsOk, redeemOk, verifyOk };
}

const port = await freePort();
const dir = freshDir('storefront-bench-members-');
const server = await startServer({
  port, dbPath: join(dir, 'bench.db'), bin: BIN,
  extraArgs: ['--products', '60', '--demo', '--auth-ip-limit', '1000000'],
});
let result;
try {
  result = await main(server.url);
} finally {
  await server.stop();
}
console.log(`\nclaims: ${result.claimsOk ? 'ok' : 'WRONG'}   redeems: ${result.redeemOk ? 'ok' : 'WRONG'}   verification p99 <= 5 ms: ${result.verifyOk ? 'ok' : 'NO'}`);
if (!result.claimsOk || !result.redeemOk || !result.verifyOk) process.exit(1);
