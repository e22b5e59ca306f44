// Insight reports benchmark: the workspace's five reports over 1,000,000 stored events.
// Prints figures; asserts nothing (the mark: at most 200 ms p95 per report).
//
//   1. a fresh demo database (the server started once on it with --demo: the demo
//      marketing key, the demo catalogue and stores)
//   2. 1,000,000 events over 180 days: `storefront-server demo-events --events 1000000
//      --days 180 --seed 1`
//   3. the server on 127.0.0.1, signed in with the demo marketing key `demo-marketing`
//   4. each report (funnel, stockouts, coupons, tour, search) over the last 30 and the last
//      180 days, for every store and for one, from one keep-alive client, many times each
//      -> p50/p95/max per report and per case, and the server's CPU time per request (from
//      /proc: what a request costs whatever else the machine is running)
//
// Usage: node scripts/bench-insight.mjs   (after cargo build -p storefront-server
//        --profile server; `make bench` does it; without that build the debug binary is used)
// Env: BENCH_EVENTS (default 1000000), BENCH_REQUESTS (default 40 per report and case),
//      STOREFRONT_SERVER_BIN (default target/server/storefront-server, else target/debug).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer } from '../e2e/support.mjs';

const RELEASE = join(ROOT, 'target', 'server', 'storefront-server');
const BIN = process.env.STOREFRONT_SERVER_BIN
  || (existsSync(RELEASE) ? RELEASE : join(ROOT, 'target', 'debug', 'storefront-server'));
const EVENTS = Number(process.env.BENCH_EVENTS || 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS || 40);
const REPORTS = ['funnel', 'stockouts', 'coupons', 'tour', 'search'];
const STORE = 's_sh_jingan';

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (x) => `${x.toFixed(1)} ms`.padStart(9);

/** The CPU time (user + system, ms) the process `pid` has used so far; NaN off Linux. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in 1/100 s
  } catch {
    return NaN;
  }
}

/** `YYYY-MM-DD` of a day on China Standard Time, `back` days before today. */
function chinaDay(back) {
  return new Date(Date.now() + 8 * 3600_000 - back * 86_400_000).toISOString().slice(0, 10);
}

function get(agent, url, cookie) {
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { agent, headers: { cookie, 'accept-encoding': 'identity' } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => ok({ status: res.statusCode, body, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', fail);
    req.end();
  });
}

const dir = freshDir('storefront-bench-insight-');
const db = join(dir, 'bench.db');
console.log(`-- insight reports over ${EVENTS} events (${BIN.replace(ROOT + '/', '')})`);
let t0 = performance.now();
let server = await startServer({ port: await freePort(), dbPath: db, extraArgs: ['--demo'], bin: BIN });
await server.stop();
console.log(`seeded the demo database in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
t0 = performance.now();
const gen = spawnSync(BIN, ['demo-events', '--database-url', `sqlite://${db}`, '--events', String(EVENTS), '--days', '180', '--seed', '1'], {
  encoding: 'utf8',
  env: { ...process.env, RUST_LOG: 'warn' },
});
if (gen.status !== 0) throw new Error(`demo-events failed (${gen.status}):\n${gen.stdout}\n${gen.stderr}`);
console.log(`demo-events: ${gen.stdout.trim()} (${((performance.now() - t0) / 1000).toFixed(1)} s; database ${(statSync(db).size / 1e6).toFixed(0)} MB)`);

server = await startServer({ port: await freePort(), dbPath: db, extraArgs: ['--demo'], bin: BIN });
try {
  // The server's jobs at start (the recommendations' first count, the events' retention)
  // read the same events: measure after they are done (the process idle for a second).
  t0 = performance.now();
  for (let i = 0; i < 300; i++) {
    const c0 = cpuMs(server.child.pid);
    await new Promise((ok) => setTimeout(ok, 1000));
    if (!(cpuMs(server.child.pid) - c0 > 50)) break;
  }
  console.log(`the server's start-up jobs done after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const base = server.url;
  const signIn = await fetch(`${base}/api/v1/marketing/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'storefront' },
    body: JSON.stringify({ key: 'demo-marketing' }),
  });
  if (signIn.status !== 201) throw new Error(`marketing sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  const today = chinaDay(0);
  const cases = [
    ['30 days, all stores', `from=${chinaDay(29)}&to=${today}`],
    ['30 days, one store', `from=${chinaDay(29)}&to=${today}&store_id=${STORE}`],
    ['180 days, all stores', `from=${chinaDay(179)}&to=${today}`],
    ['180 days, one store', `from=${chinaDay(179)}&to=${today}&store_id=${STORE}`],
  ];
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  console.log(`\n-- GET /api/v1/marketing/insight/{report}, one keep-alive client, ${REQUESTS} requests per report and case`);
  const summary = [];
  for (const report of REPORTS) {
    const all = [];
    for (const [label, query] of cases) {
      const url = `${base}/api/v1/marketing/insight/${report}?${query}`;
      const first = await get(agent, url, cookie); // warm-up, and what the report holds
      if (first.status !== 200) throw new Error(`${report}?${query}: ${first.status} ${first.body}`);
      const times = [];
      const cpu0 = cpuMs(server.child.pid);
      for (let i = 0; i < REQUESTS; i++) {
        const r = await get(agent, url, cookie);
        if (r.status !== 200) throw new Error(`${report}?${query}: ${r.status} ${r.body}`);
        times.push(r.ms);
      }
      const cpu = (cpuMs(server.child.pid) - cpu0) / REQUESTS;
      all.push(...times);
      times.sort((a, b) => a - b);
      console.log(`${report.padEnd(10)} ${label.padEnd(21)} p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  max ${ms(times[times.length - 1])}  cpu ${ms(cpu)}/request  (${first.body.length} B)`);
    }
    all.sort((a, b) => a - b);
    summary.push(`${report.padEnd(10)} ${'all cases'.padEnd(21)} p50 ${ms(pct(all, 50))}  p95 ${ms(pct(all, 95))}  max ${ms(all[all.length - 1])}`);
  }
  // The CSV form costs the same queries plus the text.
  const csvTimes = [];
  for (let i = 0; i < REQUESTS; i++) {
    csvTimes.push((await get(agent, `${base}/api/v1/marketing/insight/funnel?${cases[2][1]}&format=csv`, cookie)).ms);
  }
  csvTimes.sort((a, b) => a - b);
  agent.destroy();
  console.log(`\n-- per report, every case (n=${REQUESTS * cases.length})`);
  for (const line of summary) console.log(line);
  console.log(`funnel CSV 180 days, all stores: p50 ${ms(pct(csvTimes, 50))}  p95 ${ms(pct(csvTimes, 95))}  max ${ms(csvTimes[csvTimes.length - 1])}`);
  console.log(`(load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} cores)`);
} finally {
  await server.stop();
}
