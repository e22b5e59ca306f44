// The real storefront-server binary over real HTTP, as a client or a curl user sees it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, freePort, freshDir, startServer } from './support.mjs';

let server;
before(async () => {
  server = await startServer({ port: await freePort(), dbPath: join(freshDir(), 'api.db') });
});
after(async () => server?.stop());

const get = (path, headers = {}) => fetch(`${server.url}${path}`, { headers });

async function expectProblem(res, status, pointer) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  const body = await res.json();
  assert.equal(body.status, status);
  assert.equal(typeof body.code, 'string');
  assert.equal(typeof body.title, 'string');
  if (pointer) assert.ok(body.errors.some((e) => e.pointer === pointer), `errors name ${pointer}: ${JSON.stringify(body)}`);
  return body;
}

test('limit=5 gives five products and a next cursor that continues the list', async () => {
  const res = await get('/api/v1/products?limit=5');
  assert.equal(res.status, 200);
  const page = await res.json();
  assert.equal(page.data.length, 5);
  assert.ok(page.total >= 300);
  assert.equal(typeof page.next_cursor, 'string');
  const next = await (await get(`/api/v1/products?limit=5&cursor=${encodeURIComponent(page.next_cursor)}`)).json();
  assert.equal(next.data.length, 5);
  const ids = new Set([...page.data, ...next.data].map((p) => p.id));
  assert.equal(ids.size, 10, 'the second page continues, it does not repeat');
  for (const p of page.data) {
    assert.ok(Number.isInteger(p.price.amount_minor) && p.price.currency === 'CNY');
    assert.ok(p.image.width > 0 && p.image.height > 0 && p.image.alt['zh-CN'] && p.image.alt.en);
  }
});

test('bad limits are 400 problem+json naming the field', async () => {
  await expectProblem(await get('/api/v1/products?limit=abc'), 400, '#/query/limit');
  await expectProblem(await get('/api/v1/products?limit=1000'), 400, '#/query/limit');
  await expectProblem(await get('/api/v1/products?limit=0'), 400, '#/query/limit');
});

test('unknown product and unknown API path are 404 problem+json', async () => {
  await expectProblem(await get('/api/v1/products/nope'), 404);
  await expectProblem(await get('/api/v1/nothing-here'), 404);
});

test('the OpenAPI document is 3.1 and covers every endpoint the app uses', async () => {
  const doc = await (await get('/api/openapi.json')).json();
  assert.match(doc.openapi, /^3\.1\./);
  const paths = Object.keys(doc.paths);
  for (const p of ['/api/health', '/api/v1/categories', '/api/v1/products', '/api/v1/products/{id_or_slug}', '/api/v1/stores', '/api/v1/stores/{id_or_slug}']) {
    assert.ok(paths.includes(p), `openapi documents ${p}; has ${paths.join(', ')}`);
  }
  const docs = await get('/api/docs/');
  assert.equal(docs.status, 200);
  assert.match(await docs.text(), /swagger/i);
});

test('SPA: deep links get index.html with no-cache, hashed assets are immutable and brotli', async () => {
  const deep = await get('/category/whatever?sort=price_asc');
  assert.equal(deep.status, 200);
  assert.match(deep.headers.get('cache-control'), /no-cache/);
  assert.match(await deep.text(), /storefront-api-base/);

  const wasm = readdirSync(join(ROOT, 'dist')).find((f) => f.endsWith('.wasm'));
  const asset = await fetch(`${server.url}/${wasm}`, { headers: { 'Accept-Encoding': 'br' } });
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('cache-control'), /max-age=31536000.*immutable|immutable.*max-age=31536000/);
  assert.equal(asset.headers.get('content-encoding'), 'br');
  assert.equal(asset.headers.get('content-type'), 'application/wasm');
});

test('security headers on every kind of response', async () => {
  for (const path of ['/', '/api/v1/products?limit=1', '/api/v1/products/nope', '/product/x']) {
    const res = await get(path);
    const csp = res.headers.get('content-security-policy') || '';
    assert.match(csp, /frame-ancestors 'none'/, `${path} CSP: ${csp}`);
    assert.match(csp, /'wasm-unsafe-eval'/, `${path} CSP: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline/, `${path} CSP: ${csp}`);
    assert.doesNotMatch(csp, /'unsafe-eval'/, `${path} CSP: ${csp}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
  }
});

test('the OpenAPI document passes a 3.1 validator and every operation has a unique operationId', async () => {
  const doc = await (await get('/api/openapi.json')).json();
  // openapi-spec-validator (installed by scripts/setup.sh --test) resolves every $ref too.
  execFileSync('python3', ['-c', 'import sys, json\nfrom openapi_spec_validator import validate\nvalidate(json.load(sys.stdin))'], {
    input: JSON.stringify(doc),
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  assert.ok(ids.every((id) => typeof id === 'string' && id.length > 0), `operationIds: ${ids}`);
  assert.equal(new Set(ids).size, ids.length, `duplicate operationIds: ${ids}`);
});
