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
//   4. the split modules and the loader get content-hashed names (cached forever), and
//      index.html gets the new integrity hashes.
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

  // The split modules (split_<name>, and chunk_<n> for code two of them share): optimised,
  // then named by content.
  let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  for (const f of readdirSync(work).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f))) {
    const path = join(work, f);
    if (release) run('wasm-opt', [...OPT_FLAGS, path, '-o', path]);
    const buf = readFileSync(path);
    const hashed = `${f.slice(0, -5)}-${hash16(buf)}.wasm`;
    writeFileSync(join(staging, hashed), buf);
    loader = loader.replaceAll(`"./${f}"`, `"./${hashed}"`);
  }
  // split-manifest.json: each split module's files (its own and the chunks it needs), so the
  // server can preload them for documents that will load it at once (a kiosk, a hand-off)
  const chunkFile = {};
  for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) chunkFile[m[1]] = m[2];
  const manifest = {};
  for (const m of loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[^]*?\n, \[([^\]]*)\]\)\)/g)) {
    const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunkFile[d]);
    if (deps.some((d) => !d)) throw new Error(`split-wasm: an unknown chunk in ${m[1]}'s dependencies`);
    manifest[m[1]] = [m[2], ...deps].map((f) => `/${f}`);
  }
  if (!manifest.kiosk || !manifest.handoff) throw new Error('split-wasm: the loader has no kiosk or handoff module (split-manifest.json)');
  writeFileSync(join(staging, 'split-manifest.json'), JSON.stringify(manifest));
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
  writeFileSync(htmlPath, html);
} finally {
  rmSync(work, { recursive: true, force: true });
}
