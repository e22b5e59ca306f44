// Trunk post_build hook: splits the wasm bundle at the app's split points (declared with split_view! of src/split.rs in each feature's mod.rs) so
// that the catalogue loads without the code of the pages it does not show.
//
// Trunk has built target/wasm32-unknown-unknown/<profile>/storefront.wasm (linked with
// --emit-relocs, see .cargo/config.toml) and put its wasm-bindgen output in the staging
// directory. This script replaces that output:
//   1. wasm-split-cli cuts the linked wasm into the main module and one module per split
//      point (split_<name>.wasm), plus the loader __wasm_split.js;
//   2. wasm-bindgen makes the main module's JS glue, under the name Trunk chose;
//   3. release builds: wasm-opt -Oz each module (binaryen 132 from node_modules, never
//      Debian's);
//   4. each split module and the chunks it needs go into one file, its pack
//      (split_<name>-<hash>.pack): one request per module instead of one per chunk;
//   5. the loader is rewritten to load packs, the packs and the loader get content-hashed
//      names (cached forever), split-manifest.json names each module's pack (for the
//      server's preloads), and index.html gets the new integrity hashes.
// Usage (Trunk runs it): node scripts/split-wasm.mjs   (TRUNK_STAGING_DIR, TRUNK_PROFILE set)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const staging = process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === 'release';
if (!staging) {
  console.error('split-wasm: TRUNK_STAGING_DIR is not set (run through trunk build)');
  process.exit(1);
}
const OPT_FLAGS = [
  '-Oz',
  '--strip-producers',
  '--strip-target-features',
  // Rust puts its stack first: the low memory is touched only by a stack about to
  // overflow, so offsets fold into loads and stores.
  '--low-memory-unused',
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
];

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const hash16 = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 16);
const sri = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;

const glue = readdirSync(staging).find((f) => /^storefront-[0-9a-f]+\.js$/.test(f));
if (!glue) {
  console.error(`split-wasm: no storefront-<hash>.js in ${staging}`);
  process.exit(1);
}
const name = glue.slice(0, -3);
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(ROOT, 'target');
const input = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'storefront.wasm');

const work = mkdtempSync(join(tmpdir(), 'storefront-split-'));
try {
  run('wasm-split-cli', [input, work, '--out-name', name]);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', staging, '--out-name', name, join(work, `${name}.wasm`)]);
  const mainWasm = join(staging, `${name}_bg.wasm`);
  if (release) run('wasm-opt', [...OPT_FLAGS, mainWasm, '-o', mainWasm]);

  // The split modules (split_<name>, and chunk_<n> for code two of them share): optimised.
  const original = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  const optimised = {};
  for (const f of readdirSync(work).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f))) {
    const path = join(work, f);
    if (release) run('wasm-opt', [...OPT_FLAGS, path, '-o', path]);
    optimised[f] = readFileSync(path);
  }
  // What wasm-split's loader says: each chunk's file, and each split module's file and chunks.
  const chunkFile = {};
  for (const m of original.matchAll(/const __(chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) chunkFile[m[1]] = m[2];
  const modules = [];
  for (const m of original.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[^]*?\n, \[([^\]]*)\]\)\)/g)) {
    const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean).map((d) => d.replace(/^__/, ''));
    if (deps.some((d) => !chunkFile[d])) throw new Error(`split-wasm: an unknown chunk in ${m[1]}'s dependencies`);
    modules.push({ name: m[1], file: m[2], deps });
  }
  const exported = [...original.matchAll(/^export const __wasm_split_load_(\w+)/gm)].map((m) => m[1]);
  if (exported.length !== modules.length) throw new Error(`split-wasm: read ${modules.length} of the loader's ${exported.length} split modules`);
  // One file per split module, its "pack": the module and every chunk it needs, so a page
  // that needs a module makes one request, not one per chunk (a module needs up to 70
  // chunks of about a kilobyte: on a phone's link, 70 requests over 6 connections cost a
  // dozen round trips before anything is shown). A chunk two loaded modules share is in
  // both packs and instantiated once. Format: u32 LE length of a JSON index
  // [[part, bytes], …] ("." is the module itself), the index, then the parts in order.
  const packFile = {};
  const manifest = {};
  for (const { name, file, deps } of modules) {
    const parts = [['.', optimised[file]], ...deps.map((d) => [d, optimised[chunkFile[d]]])];
    if (parts.some(([, b]) => !b)) throw new Error(`split-wasm: a file of module ${name} was not written by wasm-split`);
    const index = Buffer.from(JSON.stringify(parts.map(([part, b]) => [part, b.length])));
    const head = Buffer.alloc(4);
    head.writeUInt32LE(index.length);
    const pack = Buffer.concat([head, index, ...parts.map(([, b]) => b)]);
    const hashed = `split_${name}-${hash16(pack)}.pack`;
    writeFileSync(join(staging, hashed), pack);
    packFile[name] = hashed;
    // split-manifest.json: each split module's file, so the server can preload it for
    // documents that will load it at once (a kiosk, a hand-off)
    manifest[name] = [`/${hashed}`];
  }
  if (!manifest.kiosk || !manifest.handoff) throw new Error('split-wasm: the loader has no kiosk or handoff module (split-manifest.json)');
  writeFileSync(join(staging, 'split-manifest.json'), JSON.stringify(manifest));
  // The loader: wasm-split's own start (the shared imports, the callback wrapper), then
  // loading by pack instead of by file.
  const keep = original.slice(0, original.indexOf('function makeLoad('));
  if (!keep.includes('function getSharedImports()') || !keep.includes('function wrapAsyncCb(')) {
    throw new Error('split-wasm: wasm-split\'s loader changed shape (no getSharedImports or wrapAsyncCb)');
  }
  let loader = `${keep}// Each chunk's instance, once, whichever pack brought it.
const chunks = new Map();
function unpack(buf) {
    const n = new DataView(buf).getUint32(0, true);
    const index = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 4, n)));
    const parts = new Map();
    let at = 4 + n;
    for (const [part, len] of index) {
        parts.set(part, new Uint8Array(buf, at, len));
        at += len;
    }
    return parts;
}
function chunk(name, parts) {
    let p = chunks.get(name);
    if (p === undefined) {
        p = WebAssembly.instantiate(parts.get(name), getSharedImports());
        chunks.set(name, p);
        p.catch(() => { if (chunks.get(name) === p) chunks.delete(name); });
    }
    return p;
}
function packLoad(file, deps) {
    const loader = async () => {
        const res = await fetch(new URL(file, import.meta.url));
        if (!res.ok) throw new Error(file + ": HTTP " + res.status);
        const parts = unpack(await res.arrayBuffer());
        await Promise.all(deps.map((d) => chunk(d, parts)));
        return WebAssembly.instantiate(parts.get("."), getSharedImports());
    };
    let loading = undefined;
    return () => {
        if (loading === undefined) {
            const thisLoad = loader();
            // a failed load is not kept: the next call tries again (Try again after a
            // dropped connection)
            thisLoad.catch(() => { if (loading === thisLoad) loading = undefined; });
            loading = thisLoad;
        }
        return loading;
    };
}
`;
  loader += `// Each module's load, by name: the app starts a page's modules as soon as a link to it is
// pressed, hovered or focused (src/router.rs); the split point's own call then finds the load
// under way or done. A failed one is tried again by that call.
const loads = {};
window.storefrontPrefetch = (name) => { const load = loads[name]; if (load) load().catch(() => {}); };
`;
  for (const { name, deps } of modules) {
    loader += `loads[${JSON.stringify(name)}] = packLoad("./${packFile[name]}", ${JSON.stringify(deps)});\n`;
    loader += `export const __wasm_split_load_${name} = wrapAsyncCb(loads[${JSON.stringify(name)}]);\n`;
  }
  const loaderName = `__wasm_split-${hash16(Buffer.from(loader))}.js`;
  writeFileSync(join(staging, loaderName), loader);
  const gluePath = join(staging, glue);
  const js = readFileSync(gluePath, 'utf8');
  // Only the ES import changes; the wasm's import object keeps the module's own name.
  const importRe = /(import \* as \w+ from )(["'])\.\/__wasm_split\.js\2/g;
  if (!js.match(importRe)) {
    console.error('split-wasm: the JS glue does not import ./__wasm_split.js (no split point reached?)');
    process.exit(1);
  }
  writeFileSync(gluePath, js.replace(importRe, `$1"./${loaderName}"`));

  // index.html: Trunk's integrity attributes describe the files it wrote, not these.
  const htmlPath = join(staging, 'index.html');
  let html = readFileSync(htmlPath, 'utf8');
  for (const f of [glue, `${name}_bg.wasm`]) {
    const integrity = sri(readFileSync(join(staging, f)));
    html = html.replace(/<link\b[^>]*>/g, (tag) =>
      tag.includes(`/${f}`) ? tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, `integrity="${integrity}"`) : tag);
  }
  // a first screen the server rendered is painted before the wasm starts (index.html's boot
  // script resolves window.storefrontFirstScreen at the page's load; absent, it waits for nothing)
  const start = 'const wasm = await init(';
  if (!html.includes(start)) {
    console.error(`split-wasm: index.html's loader has no "${start}"`);
    process.exit(1);
  }
  html = html.replace(start, `await window.storefrontFirstScreen; ${start}`);
  writeFileSync(htmlPath, html);
} finally {
  rmSync(work, { recursive: true, force: true });
}
