// The contract run of `make test`: schemathesis (all checks, positive and negative data,
// stateful links) over the served /api/openapi.json, against the real server on a fresh
// database in demo mode, as a guest, as a signed-in member, as the demo marketer (key
// `demo-marketing`), as a paired kiosk and with the store key of the till and the staff. Prints the
// operations tested and the failures (0 to pass).
//
//   node scripts/contract.mjs            # seed fixed, as in make test
//   CONTRACT_SEED=random node scripts/contract.mjs
//   CONTRACT_EXAMPLES=100 node scripts/contract.mjs
//   CONTRACT_VERBOSE=1 CONTRACT_ST_ARGS="--report har --report-dir /tmp/st" node scripts/contract.mjs
//
// The server is target/debug/storefront-server unless STOREFRONT_SERVER_BIN says otherwise.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONTRACT = join(ROOT, 'contract');
const MEMBER = '13800000002';
const STORE_KEY = 'demo-s_sh_jingan';
const seed = process.env.CONTRACT_SEED ?? '20261206';
const examples = process.env.CONTRACT_EXAMPLES;

const dir = mkdtempSync(join(tmpdir(), 'sf-contract-'));
const port = 20000 + (process.pid % 20000);
// 127.0.0.1 as a proxy: the hooks give each events request its own client (rate limit)
const server = await startServer({ port, dbPath: join(dir, 'contract.db'), extraArgs: ['--demo', '--trusted-proxies', '127.0.0.1/32'] });

/** Signs the demo member in through the API, as the app does; the session cookie's value. */
async function signIn() {
  const headers = { 'Content-Type': 'application/json', 'X-Requested-With': 'storefront' };
  const sent = await fetch(`${server.url}/api/v1/auth/code`, {
    method: 'POST', headers, body: JSON.stringify({ login: MEMBER }),
  });
  if (!sent.ok) throw new Error(`auth/code: ${sent.status} ${await sent.text()}`);
  const { code } = await (await fetch(`${server.url}/api/v1/demo/last-code?login=${MEMBER}`)).json();
  const verified = await fetch(`${server.url}/api/v1/auth/verify`, {
    method: 'POST', headers, body: JSON.stringify({ login: MEMBER, code }),
  });
  if (!verified.ok) throw new Error(`auth/verify: ${verified.status} ${await verified.text()}`);
  const cookie = verified.headers.getSetCookie().find((c) => c.startsWith('sf_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0].slice('sf_session='.length);
}

/** Signs the demo marketer in with the demo marketing key; the session cookie's value. */
async function marketingSignIn() {
  const headers = { 'Content-Type': 'application/json', 'X-Requested-With': 'storefront' };
  const r = await fetch(`${server.url}/api/v1/marketing/session`, {
    method: 'POST', headers, body: JSON.stringify({ key: 'demo-marketing' }),
  });
  if (r.status !== 201) throw new Error(`marketing/session: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('sf_marketing='));
  if (!cookie) throw new Error('no marketing session cookie');
  return cookie.split(';')[0].slice('sf_marketing='.length);
}

/**
 * Registers a kiosk at Jingan with the store key and pairs it as a screen does: the kiosk's
 * id, its device cookie's value and a pending hand-off token of it.
 */
async function pairKiosk() {
  const json = { 'Content-Type': 'application/json', 'X-Requested-With': 'storefront' };
  const made = await fetch(`${server.url}/api/v1/staff/stores/s_sh_jingan/kiosks`, {
    method: 'POST', headers: { ...json, Authorization: `Bearer ${STORE_KEY}` }, body: JSON.stringify({ name: 'Contract' }),
  });
  if (made.status !== 201) throw new Error(`kiosks: ${made.status} ${await made.text()}`);
  const { kiosk_id: kioskId, pairing_code: code } = await made.json();
  const paired = await fetch(`${server.url}/api/v1/kiosk/pair`, { method: 'POST', headers: json, body: JSON.stringify({ code }) });
  if (!paired.ok) throw new Error(`kiosk/pair: ${paired.status} ${await paired.text()}`);
  const cookie = paired.headers.getSetCookie().find((c) => c.startsWith('sf_kiosk='));
  if (!cookie) throw new Error('no kiosk cookie');
  const device = cookie.split(';')[0].slice('sf_kiosk='.length);
  const handoff = await fetch(`${server.url}/api/v1/kiosk/handoffs`, {
    method: 'POST', headers: { ...json, Cookie: `sf_kiosk=${device}` }, body: JSON.stringify({ route: '/' }),
  });
  if (handoff.status !== 201) throw new Error(`kiosk/handoffs: ${handoff.status} ${await handoff.text()}`);
  return { kioskId, device, handoff: (await handoff.json()).token };
}

/**
 * Real identifiers for the run's dictionaries (contract/schemathesis.toml binds them to
 * parameters), so generated requests reach real stores, products, stock, offers, guide
 * slots, campaigns and claim hand-offs as well as unknown ones: one quoted value per line
 * in the run's directory.
 */
async function writeDictionaries(kiosk) {
  const get = async (path) => (await fetch(`${server.url}/api/v1${path}`)).json();
  const stores = (await get('/stores')).data;
  const products = (await get('/products?limit=24&sort=newest')).data;
  const variants = [];
  for (const p of products.slice(0, 12)) {
    for (const v of (await get(`/products/${p.id}`)).variants ?? []) {
      const at = (await get(`/variants/${v.id}/availability`)).data ?? [];
      if (at.some((s) => s.store_id === 's_sh_jingan' && s.quantity > 0)) variants.push(v.id);
    }
  }
  const offers = (await get('/coupons')).data.map((o) => o.code);
  const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
  const slots = (await get(`/stores/s_sh_jingan/guide-slots?date=${tomorrow}`)).slots ?? [];
  // the demo campaigns (live, scheduled, ended) and a pending claim hand-off of the live one
  const campaigns = ['autumn-edit', 'winter-preview', 'summer-sale'];
  const handoff = await (await fetch(`${server.url}/api/v1/campaigns/autumn-edit/handoffs`, { method: 'POST' })).json();
  const files = {
    'stores.txt': stores.flatMap((s) => [s.id, s.slug]),
    'jingan.txt': ['s_sh_jingan'],
    'products.txt': products.flatMap((p) => [p.id, p.slug]),
    'variants.txt': variants,
    'offers.txt': offers,
    'slots.txt': slots.map((s) => `${tomorrow}T${s.local_time}`),
    'campaigns.txt': campaigns,
    'handoffs.txt': handoff.token ? [handoff.token] : [],
    'kiosks.txt': [kiosk.kioskId],
    'kiosk_handoffs.txt': [kiosk.handoff],
  };
  for (const [name, values] of Object.entries(files)) {
    if (values.length === 0) throw new Error(`no demo data for ${name}`);
    writeFileSync(join(dir, name), `${values.map((v) => JSON.stringify(v)).join('\n')}\n`);
  }
  copyFileSync(join(CONTRACT, 'schemathesis.toml'), join(dir, 'schemathesis.toml'));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.length]));
}

/** One schemathesis run; its summary figures. */
function run(label, extra, session, marketing, kiosk) {
  const args = [
    // a copy beside the dictionaries it names (paths are relative to the file)
    '--config-file', join(dir, 'schemathesis.toml'),
    'run', `${server.url}/api/openapi.json`,
    '--checks', 'all',
    '--mode', 'all',
    '--no-color',
    '--generation-database', 'none',
    ...(seed === 'random' ? [] : ['--seed', seed]),
    ...(examples ? ['--max-examples', examples] : []),
    ...extra,
    ...(process.env.CONTRACT_ST_ARGS ? process.env.CONTRACT_ST_ARGS.split(' ') : []),
  ];
  const started = Date.now();
  const r = spawnSync('python3', ['-m', 'schemathesis.cli', ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      PYTHONPATH: CONTRACT,
      SCHEMATHESIS_HOOKS: 'hooks',
      STOREFRONT_CONTRACT_SESSION: session,
      STOREFRONT_CONTRACT_MARKETING: marketing,
      STOREFRONT_CONTRACT_STORE_KEY: STORE_KEY,
      STOREFRONT_CONTRACT_KIOSK: kiosk,
    },
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const tested = out.match(/Tested: (\d+)/)?.[1] ?? '?';
  const cases = out.match(/(\d+) generated/)?.[1] ?? '?';
  const failures = out.match(/(\d+) unique failures?/)?.[1] ?? (r.status === 0 ? '0' : '?');
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const links = out.match(/API Links: +(\d+) covered \/ (\d+) selected/);
  const scenarios = out.match(/Scenarios: +(\d+)/)?.[1];
  const stateful = links ? `, stateful: ${scenarios} scenarios, ${links[1]}/${links[2]} links followed` : '';
  console.log(`contract ${label}: ${tested} operations, ${cases} test cases${stateful}, ${failures} failures, ${seconds} s (exit ${r.status})`);
  if (process.env.CONTRACT_VERBOSE) console.log(out);
  if (r.status !== 0) {
    console.log(out.slice(out.indexOf('FAILURES') >= 0 ? out.indexOf('FAILURES') : Math.max(0, out.length - 8000)));
  }
  return r.status === 0;
}

let ok = false;
try {
  const session = await signIn();
  const marketing = await marketingSignIn();
  const kiosk = await pairKiosk();
  const counts = await writeDictionaries(kiosk);
  console.log(`contract data: ${Object.entries(counts).map(([k, n]) => `${n} ${k.replace('.txt', '')}`).join(', ')}`);
  // everything but the operations that end a session (re-pairing and unpairing end the kiosk's)
  const enders = ['signOut', 'deleteMe', 'marketingSignOut', 'newKioskPairingCode', 'unpairKiosk'];
  ok = run('(guest, member, marketer, store key)', enders.flatMap((id) => ['--exclude-operation-id', id]), session, marketing, kiosk.device);
  // then those, with the same sessions
  ok = run('(sign-outs and account deletion)', [...enders.flatMap((id) => ['--include-operation-id', id]), '--phases', 'examples,coverage,fuzzing'], session, marketing, kiosk.device) && ok;
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
