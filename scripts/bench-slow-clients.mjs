// Slow and broken clients against the real binary (issue 12). Prints figures; exits non-zero
// if a stalled connection is held past its timeout or SIGTERM does not end the process within
// the shutdown deadline.
//
//   a. a connection that sends half its head: closed after N s (--header-timeout-seconds)
//   b. a body promised (Content-Length) and never sent: 408 after N s (--body-timeout-seconds)
//   c. what the HTTP stack answers to heads it refuses itself, and what the server answers
//      (status, content type) to a URL, headers or a body over its limits
//   d. SIGTERM with 100 stalled connections and one request in flight: the request's answer,
//      and the time until the process exits (--shutdown-timeout-seconds)
//
// Usage: node scripts/bench-slow-clients.mjs   (after cargo build -p storefront-server --profile
//        server; `make bench` runs it)
// Env: STOREFRONT_SERVER_BIN (default target/server/storefront-server), BENCH_STALLED (default
//      100), BENCH_HEADER_TIMEOUT / BENCH_BODY_TIMEOUT / BENCH_SHUTDOWN_TIMEOUT (seconds; default:
//      the server's defaults 10 / 30 / 10).
import { connect } from 'node:net';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer } from '../e2e/support.mjs';

const BIN = process.env.STOREFRONT_SERVER_BIN || join(ROOT, 'target', 'server', 'storefront-server');
const STALLED = Number(process.env.BENCH_STALLED || 100);
const HEADER_TIMEOUT = Number(process.env.BENCH_HEADER_TIMEOUT || 10);
const BODY_TIMEOUT = Number(process.env.BENCH_BODY_TIMEOUT || 30);
const SHUTDOWN_TIMEOUT = Number(process.env.BENCH_SHUTDOWN_TIMEOUT || 10);
const HALF_HEAD = 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: appl';
const HALF_BODY = 'POST /api/v1/auth/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n'
  + 'X-Requested-With: storefront\r\nContent-Length: 100\r\n\r\n{"login":';
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;


// A raw connection that sends `bytes`; `closed` resolves with what the server sent and when.
function raw(port, bytes) {
  const socket = connect(port, '127.0.0.1');
  const opened = Date.now();
  let text = '';
  socket.on('data', (d) => { text += d.toString('latin1'); });
  const closed = new Promise((ok) => {
    socket.on('close', () => ok({ text, after: Date.now() - opened, at: Date.now() }));
    socket.on('error', () => {});
  });
  socket.once('connect', () => socket.write(bytes));
  return { socket, closed, opened };
}

const statusOf = (text) => (text.match(/^HTTP\/1\.1 (\d{3})/) || [])[1] || 'no answer';
const typeOf = (text) => (text.match(/\r\ncontent-type: ([^\r;]+)/i) || [])[1] || 'no body type';
const withTimeout = (p, ms) => Promise.race([p, new Promise((ok) => setTimeout(() => ok(null), ms))]);

async function main() {
  const dir = freshDir('storefront-bench-slow-');
  const port = await freePort();
  const flags = ['--header-timeout-seconds', String(HEADER_TIMEOUT), '--body-timeout-seconds', String(BODY_TIMEOUT),
    '--shutdown-timeout-seconds', String(SHUTDOWN_TIMEOUT),
    // demo mode: the request in flight asks for a sign-in code, which then goes to the log
    '--demo'];
  let failed = false;
  let server = await startServer({ port, dbPath: join(dir, 'bench.db'), extraArgs: ['--products', '20', ...flags], bin: BIN });
  console.log(`slow clients against ${BIN}`);
  console.log(`flags: head timeout ${HEADER_TIMEOUT} s, body timeout ${BODY_TIMEOUT} s, shutdown deadline ${SHUTDOWN_TIMEOUT} s`);

  // a and b, side by side.
  const head = raw(port, HALF_HEAD);
  const body = raw(port, HALF_BODY);
  const silent = raw(port, '');
  const [h, b, q] = await Promise.all([head, body, silent].map((c) => withTimeout(c.closed, (BODY_TIMEOUT + 10) * 1000)));
  for (const [what, r, limit] of [['half a head', h, HEADER_TIMEOUT], ['nothing at all', q, HEADER_TIMEOUT]]) {
    if (!r) { console.log(`a. ${what}: still held after ${BODY_TIMEOUT + 10} s`); failed = true; continue; }
    console.log(`a. a connection that sends ${what} is dropped after ${s(r.after)} (answer: ${statusOf(r.text)})`);
    if (r.after > (limit + 2) * 1000) failed = true;
  }
  if (!b) { console.log('b. a stalled body: still held'); failed = true; } else {
    console.log(`b. a body promised and never sent: ${statusOf(b.text)} ${typeOf(b.text)} after ${s(b.after)}, then closed`);
    if (b.after > (BODY_TIMEOUT + 2) * 1000 || statusOf(b.text) !== '408') failed = true;
  }

  // c. Limits: the server's problems, and what hyper answers itself.
  const probes = [
    ['URL of 17 KB', `GET /api/v1/products?q=${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`],
    ['headers of 40 KB', `GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${[1, 2, 3, 4, 5].map((i) => `X-${i}: ${'b'.repeat(8 * 1024)}\r\n`).join('')}\r\n`],
    ['Content-Length of 10 MB', 'POST /api/v1/auth/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n'],
    ['headers of 70 KB (hyper)', `GET /api/health HTTP/1.1\r\nHost: x\r\n${[...Array(9).keys()].map((i) => `X-${i}: ${'b'.repeat(8 * 1024)}\r\n`).join('')}\r\n`],
    ['101 headers (hyper)', `GET /api/health HTTP/1.1\r\nHost: x\r\n${[...Array(101).keys()].map((i) => `X-${i}: 1\r\n`).join('')}\r\n`],
    ['a malformed request line (hyper)', 'GET /api/health HTTP/9.9 nonsense\r\n\r\n'],
    ['a malformed header (hyper)', 'GET /api/health HTTP/1.1\r\nHost x\r\n\r\n'],
  ];
  for (const [what, bytes] of probes) {
    const r = await withTimeout(raw(port, bytes).closed, 10_000);
    console.log(`c. ${what}: ${r ? `${statusOf(r.text)} ${typeOf(r.text)}` : 'no answer in 10 s'}`);
  }

  // d. SIGTERM with stalled connections and one request in flight.
  const stalled = Array.from({ length: STALLED }, (_, i) => raw(port, i % 2 ? HALF_BODY : HALF_HEAD));
  const json = '{"login":"13800138000"}';
  const inFlight = raw(port, 'POST /api/v1/auth/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
    + `X-Requested-With: storefront\r\nContent-Length: ${json.length}\r\nConnection: close\r\n\r\n`);
  await new Promise((r) => setTimeout(r, 500));
  const signalled = Date.now();
  server.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  inFlight.socket.write(json);
  const done = await withTimeout(server.exited, (SHUTDOWN_TIMEOUT + 10) * 1000);
  const answered = await withTimeout(inFlight.closed, 1000);
  const closedAll = await withTimeout(Promise.all(stalled.map((c) => c.closed)), 2000);
  if (!done) {
    console.log(`d. SIGTERM with ${STALLED} stalled connections: still running after ${SHUTDOWN_TIMEOUT + 10} s`);
    server.child.kill('SIGKILL');
    failed = true;
  } else {
    console.log(`d. SIGTERM with ${STALLED} stalled connections: exited (code ${done.code}) in ${s(done.at - signalled)} `
      + `(deadline ${SHUTDOWN_TIMEOUT} s); the request in flight answered ${answered ? statusOf(answered.text) : 'nothing'}; `
      + `stalled connections closed: ${closedAll ? closedAll.length : 'not all'}`);
    if (done.at - signalled > (SHUTDOWN_TIMEOUT + 2) * 1000 || done.code !== 0) failed = true;
  }
  const dropped = server.log().match(/dropped=(\d+)/);
  if (dropped) console.log(`   connections still open at the deadline, dropped: ${dropped[1]}`);
  if (failed) {
    console.log('FAILED');
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
