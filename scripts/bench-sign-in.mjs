// Sign-in figures against the real binary (issue 12). Prints them; exits non-zero if one
// client locks out another, if the per-login guess ceiling is passed, or if asking for a code
// tells a member from a stranger.
//
//   a. code requests: how many one client gets for one login, and whether the same login
//      from another client is then refused (it must not be)
//   b. wrong guesses accepted per login per day, many clients together, before 429 (and the
//      Retry-After), and the resulting chance of guessing a six-digit code per day and year
//   c. one client guessing alone: how many of its guesses count, and whether the owner signs
//      in from elsewhere afterwards
//   d. POST /auth/code for a member and for a stranger: the same status, headers and body
//   e. a restart (same database): whether the limits are remembered
//
// Clients are told apart by their TCP address: requests go out from 127.0.0.x (Linux routes
// all of 127/8 to the loopback), as the server trusts no proxy header.
//
// Usage: node scripts/bench-sign-in.mjs   (after cargo build -p storefront-server --profile
//        server; `make bench` runs it)
// Env: STOREFRONT_SERVER_BIN (default target/server/storefront-server), BENCH_LOGIN_GUESSES
//      (default: the server's default, 10).
import { request } from 'node:http';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer } from '../e2e/support.mjs';

const BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'server', 'storefront-server');
const GUESSES = Number(process.env.BENCH_LOGIN_GUESSES || 10);

/** The server on `port` with its database in `dir` (the same file again after a restart). */
function start(port, dir) {
  return startServer({
    port,
    dbPath: join(dir, 'bench.db'),
    extraArgs: ['--products', '20', '--demo', '--auth-login-guesses', String(GUESSES)],
    bin: BIN,
  });
}


// One request from the client address `from`: { status, headers, body }.
function call(port, from, method, path, body) {
  return new Promise((ok, fail) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request({
      host: '127.0.0.1', port, method, path, localAddress: from,
      headers: { 'content-type': 'application/json', 'x-requested-with': 'storefront', ...(data ? { 'content-length': Buffer.byteLength(data) } : {}) },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: text }));
    });
    req.on('error', fail);
    req.end(data);
  });
}

const askCode = (port, from, login) => call(port, from, 'POST', '/api/v1/auth/code', { login });
const verify = (port, from, login, code) => call(port, from, 'POST', '/api/v1/auth/verify', { login, code, agree_terms: true });
const lastCode = async (port, login) => JSON.parse((await call(port, '127.0.0.1', 'GET', `/api/v1/demo/last-code?login=${login}`)).body).code;
const wrongFor = (code) => (code === '000000' ? '111111' : '000000');
const pct = (p) => `${(p * 100).toPrecision(3)}%`;

async function main() {
  const dir = freshDir('storefront-bench-sign-in-');
  const port = await freePort();
  let server = await start(port, dir);
  let failed = false;
  console.log(`sign-in limits against ${BIN} (--auth-login-guesses ${GUESSES})`);

  // a. One client asks for a member's codes, then the owner asks from another client.
  const owner = '13800000001';
  const statuses = [];
  for (let i = 0; i < 8; i++) statuses.push((await askCode(port, '127.0.0.66', owner)).status);
  const sentOk = statuses.filter((s) => s === 200).length;
  const ownerAsks = await askCode(port, '127.0.0.7', owner);
  const ownerCode = await lastCode(port, owner);
  const ownerIn = await verify(port, '127.0.0.7', owner, ownerCode);
  console.log(`a. one client asking for a login's codes 8 times in a row: ${sentOk} sent, the rest 429 (per login and client: one per 30 s, 5 per hour)`);
  console.log(`   the same login from another client: code ${ownerAsks.status}, sign-in ${ownerIn.status} -> ${ownerAsks.status === 200 && ownerIn.status === 200 ? 'not locked out' : 'LOCKED OUT'}`);
  if (ownerAsks.status !== 200 || ownerIn.status !== 200) failed = true;

  // b. Many clients guess wrong for one login until the login's ceiling refuses them.
  const target = '13800000002';
  let accepted = 0;
  let refusal = null;
  for (let c = 10; c < 60 && !refusal; c++) {
    const from = `127.0.1.${c}`;
    const r = await askCode(port, from, target);
    if (r.status !== 200) { refusal = r; break; }
    const wrong = wrongFor(await lastCode(port, target));
    for (let g = 0; g < 3; g++) {
      const v = await verify(port, from, target, wrong);
      if (v.status === 422) accepted += 1; else { refusal = v; break; }
    }
  }
  const retry = refusal ? refusal.headers['retry-after'] : 'none';
  const perDay = accepted / 1e6;
  const perYear = 1 - (1 - 1e-6) ** (accepted * 365);
  console.log(`b. wrong guesses accepted for one login in a day, from many clients: ${accepted}, then ${refusal ? refusal.status : 'no refusal'} (Retry-After ${retry} s)`);
  console.log(`   chance of guessing its six-digit code: ${accepted}/10^6 = ${pct(perDay)} per day, 1 - (1 - 10^-6)^${accepted * 365} = ${pct(perYear)} per year`);
  if (accepted > GUESSES || !refusal || refusal.status !== 429) failed = true;

  // c. One client alone guesses for a login, then the owner signs in from elsewhere.
  const third = '13800000003';
  await askCode(port, '127.0.2.1', third);
  const wrong = wrongFor(await lastCode(port, third));
  let alone = 0;
  for (let g = 0; g < 5; g++) if ((await verify(port, '127.0.2.1', third, wrong)).status === 422) alone += 1;
  const moreFromIt = await askCode(port, '127.0.2.1', third);
  const elsewhere = await askCode(port, '127.0.2.2', third);
  const signedIn = await verify(port, '127.0.2.2', third, await lastCode(port, third));
  console.log(`c. one client guessing alone: ${alone} wrong guesses (the login allows ${GUESSES}; one client at most ${Math.max(1, Math.floor(GUESSES / 2))}), its next code ${moreFromIt.status}; the owner from another client: code ${elsewhere.status}, sign-in ${signedIn.status}`);
  if (signedIn.status !== 200) failed = true;

  // d. The same answer for a member and a stranger.
  const shape = (r) => {
    const b = JSON.parse(r.body);
    delete b.login;
    delete b.expires_at;
    return JSON.stringify([r.status, r.headers['content-type'], r.headers['cache-control'], b]);
  };
  const times = { member: [], stranger: [] };
  let same = true;
  for (let i = 0; i < 20; i++) {
    for (const [who, login] of [['member', ['13800000001', '13800000003', '13800000004'][i % 3]], ['stranger', `1390000${String(i).padStart(4, '0')}`]]) {
      const t = performance.now();
      const r = await askCode(port, `127.0.3.${i * 2 + (who === 'member' ? 1 : 2)}`, login);
      times[who].push(performance.now() - t);
      times[`${who}Shape`] = shape(r);
    }
    same &&= times.memberShape === times.strangerShape;
  }
  const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)].toFixed(2);
  console.log(`d. POST /auth/code for a member and a stranger: ${same ? 'the same status, headers and body' : 'DIFFERENT answers'}; median ${median(times.member)} ms vs ${median(times.stranger)} ms`);
  if (!same) failed = true;

  // e. A restart forgets nothing.
  await server.stop();
  server = await start(port, dir);
  const afterRestart = await askCode(port, '127.0.1.99', target);
  console.log(`e. after a restart on the same database: a code for the guessed-at login ${afterRestart.status} (Retry-After ${afterRestart.headers['retry-after'] || 'none'} s)`);
  if (afterRestart.status !== 429) failed = true;
  await server.stop();
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
