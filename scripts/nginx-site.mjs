// Writes an nginx site for the built app (deploy/nginx/storefront.conf filled in) to stdout:
// README, "Hosting the app yourself". The Content-Security-Policy is the reference server's
// (crates/server/src/spa.rs build_csp): the hashes of the build's inline scripts and styles,
// and the API's origin for requests and pictures, so run it again with every build.
//
// Usage: node scripts/nginx-site.mjs --dist DIR --api ORIGIN [--server-name NAME]
//          [--listen ADDR] [--tls CERT KEY]
//   --dist         the built app's directory on the web server (index.html is read for the hashes)
//   --api          the API server's origin, e.g. https://api.brand.cn ('' when it is the same origin)
//   --server-name  nginx's server_name (default _)
//   --listen       what to listen on (default 80, or 443 with --tls)
//   --tls          certificate and key: HTTPS with HTTP/2 and HSTS, and a redirect from port 80
// Wrong or missing arguments stop it with a message naming them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

function fail(msg) {
  console.error(`nginx-site: ${msg}`);
  process.exit(2);
}

/** `sha256-…` of each non-empty inline `<tag>…</tag>` (spa.rs inline_hashes, the same rule). */
export function inlineHashes(html, tag) {
  const lower = html.toLowerCase();
  const out = [];
  let pos = 0;
  for (;;) {
    const start = lower.indexOf(`<${tag}`, pos);
    if (start < 0) break;
    const after = start + tag.length + 1;
    if (!/^[>\s/]/.test(lower.slice(after, after + 1))) {
      pos = after;
      continue;
    }
    const gt = lower.indexOf('>', after);
    if (gt < 0) break;
    const end = lower.indexOf(`</${tag}`, gt + 1);
    if (end < 0) break;
    const content = html.slice(gt + 1, end);
    if (content) {
      const h = `sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}`;
      if (!out.includes(h)) out.push(h);
    }
    pos = end + tag.length + 2;
  }
  return out;
}

/** The policy of the app's pages (spa.rs build_csp), `api` an origin or ''. */
export function csp(html, api) {
  const q = (hs) => hs.map((h) => ` '${h}'`).join('');
  const a = api ? ` ${api}` : '';
  return `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'${q(inlineHashes(html, 'script'))}; `
    + `style-src 'self'${q(inlineHashes(html, 'style'))}; img-src 'self' data:${a}; connect-src 'self'${a}; `
    + "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}

/** The site's configuration text. */
export function site({ dist, api, serverName = '_', listen, tls }) {
  if (!dist) fail('--dist is needed: the built app\'s directory');
  if (api === undefined) fail('--api is needed: the API server\'s origin, e.g. https://api.brand.cn');
  if (api && !/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:]+\](:\d{1,5})?$/i.test(api)) {
    fail(`--api ${JSON.stringify(api)}: expected an origin such as https://api.brand.cn (no path)`);
  }
  if (!/^[A-Za-z0-9_.*-]+( [A-Za-z0-9_.*-]+)*$/.test(serverName)) fail(`--server-name ${JSON.stringify(serverName)}: expected host names`);
  let html;
  try {
    html = readFileSync(join(dist, 'index.html'), 'utf8');
  } catch (e) {
    fail(`--dist ${dist}: no index.html there (${e.code})`);
  }
  const policy = csp(html, api);
  const root = resolve(dist);
  if (/[\s;{}"']/.test(root)) fail(`--dist ${root}: a path nginx can take as is (no spaces, quotes or ;{})`);
  const port = listen || (tls ? '443' : '80');
  if (!/^[A-Za-z0-9.:[\]]+$/.test(port)) fail(`--listen ${JSON.stringify(port)}: expected a port or an address:port`);
  const template = readFileSync(join(ROOT, 'deploy', 'nginx', 'storefront.conf'), 'utf8');
  const fill = {
    LISTEN: tls ? `    listen ${port} ssl http2;` : `    listen ${port};`,
    SERVER_NAME: serverName,
    ROOT: root,
    CSP: policy,
    TLS: tls
      ? `    ssl_certificate ${tls[0]};\n    ssl_certificate_key ${tls[1]};\n    ssl_protocols TLSv1.2 TLSv1.3;\n`
      : '',
    HSTS: tls ? '    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;\n' : '',
    HTTP_REDIRECT: tls
      ? `server {\n    listen 80;\n    server_name ${serverName};\n    return 301 https://$host$request_uri;\n}\n\n`
      : '',
  };
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, k) => {
    if (!(k in fill)) fail(`the template names {{${k}}}, which this script does not know`);
    return fill[k];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opts = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      if (i + 1 >= args.length) fail(`${a} needs a value`);
      return args[++i];
    };
    if (a === '--dist') opts.dist = value();
    else if (a === '--api') opts.api = value();
    else if (a === '--server-name') opts.serverName = value();
    else if (a === '--listen') opts.listen = value();
    else if (a === '--tls') opts.tls = [value(), value()];
    else fail(`unknown argument ${JSON.stringify(a)} (see the usage at the top of scripts/nginx-site.mjs)`);
  }
  process.stdout.write(site(opts));
}
