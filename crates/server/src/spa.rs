//! The built SPA (Trunk's `dist/`) and the headers every response carries.
//!
//! - `index.html` is read once at start-up, its `<meta name="storefront-api-base">` filled
//!   with the configured API base, and served from memory with `Cache-Control: no-cache`
//!   for `/`, `/index.html` and every client-side route (any path without a file extension
//!   outside `/api` and `/media`).
//! - Every other file in `dist/` is a hashed asset: `Cache-Control: public, max-age=31536000,
//!   immutable`; the service worker `sw.js` `no-cache`. A missing asset is a 404, never index.html.
//! - In demo mode a small bilingual note ("演示模式 · Demo mode", `role="note"`) and its
//!   style are written into index.html, outside `#app`: no wasm byte.
//! - The Content-Security-Policy allows exactly the inline `<script>`/`<style>` elements of
//!   that index.html, by SHA-256 hash; no `'unsafe-inline'`.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt as _;
use tower_http::services::ServeDir;

mod api_base;
pub use api_base::{api_origin, config_json, set_api_base, RuntimeConfig};
mod csp;
pub mod head;
mod kiosk;

pub use csp::{hash as csp_hash, inline_hashes, StyleHashes};

use crate::error::{problem_response, ApiError};

/// `Cache-Control` of hashed assets.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of a build file without a content hash in its name.
pub const SHORT: &str = "public, max-age=300";

/// Whether a build file's name carries the content hash the build gives it: `-`, at least
/// six hex digits, then `.` or `_` (`storefront-3c82910e2446ebdc_bg.wasm`,
/// `chunk_10-20aa262632d49b0a.wasm`, `main-dd86bd0d3fa8b012.css`).
pub fn has_content_hash(name: &str) -> bool {
    name.match_indices('-').any(|(i, _)| {
        let rest = &name[i + 1..];
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        hex >= 6 && matches!(rest.as_bytes().get(hex), Some(b'.' | b'_'))
    })
}

/// The policy of the Swagger UI at `/api/docs` only. The vendored swagger-ui page loads its
/// scripts from files (`swagger-ui-bundle.js`, `swagger-initializer.js`), so `script-src
/// 'self'` holds, but its React components write `style` attributes and it draws icons as
/// `data:` images, so this route alone allows inline styles. Scripts stay strict.
pub const DOCS_CSP: &str =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
    form-action 'self'; frame-ancestors 'none'";

/// The SPA as loaded at start-up.
#[derive(Debug)]
pub struct Spa {
    dist: PathBuf,
    index: Option<Bytes>,
    csp: HeaderValue,
    /// Each wasm split module's files (`split-manifest.json` of the build): its own and the
    /// chunks it needs, as paths.
    splits: std::collections::HashMap<String, Vec<String>>,
    /// The API base the app is told (`<meta name="storefront-api-base">`).
    api_base: String,
}

impl Spa {
    /// Reads `dist/index.html` (if present), fills in the API base and computes the CSP.
    pub fn load(dist: &Path, api_base: &str) -> Spa {
        Spa::load_with(dist, api_base, false)
    }

    /// [`Spa::load`], and in demo mode with the "Demo mode" note ([`add_demo_note`]).
    pub fn load_with(dist: &Path, api_base: &str, demo: bool) -> Spa {
        let index = match std::fs::read_to_string(dist.join("index.html")) {
            Ok(html) if demo => Some(add_demo_note(&set_api_base(&html, api_base))),
            Ok(html) => Some(set_api_base(&html, api_base)),
            Err(e) => {
                tracing::warn!(dist = %dist.display(), error = %e, "the SPA is not built: no index.html; serving a placeholder");
                None
            }
        };
        let (scripts, styles) = index
            .as_deref()
            .map(|h| (inline_hashes(h, "script"), inline_hashes(h, "style")))
            .unwrap_or_default();
        let csp = build_csp(&scripts, &styles, api_origin(api_base));
        let csp = HeaderValue::from_str(&csp)
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
        let splits = head::load_splits(dist);
        Spa {
            dist: dist.to_owned(),
            index: index.map(Bytes::from),
            csp,
            splits,
            api_base: api_base.to_owned(),
        }
    }

    /// The API base the app is told, which its requests (and so the preloads of them) start with.
    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    /// The Content-Security-Policy of every response except the API docs.
    pub fn csp(&self) -> &HeaderValue {
        &self.csp
    }

    /// The served index.html, when the SPA is built.
    pub fn index(&self) -> Option<&Bytes> {
        self.index.as_ref()
    }
}

/// The policy: strict, plus a hash per inline script and style of index.html, and the API's
/// origin for requests and pictures when the app calls an API elsewhere.
pub fn build_csp(script_hashes: &[String], style_hashes: &[String], api: Option<&str>) -> String {
    let join = |v: &[String]| v.iter().map(|h| format!(" '{h}'")).collect::<String>();
    let api = api.map(|o| format!(" {o}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; img-src 'self' data:{api}; \
         connect-src 'self'{api}; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        join(script_hashes),
        join(style_hashes)
    )
}

/// The loading shell's hero placeholder in index.html, as written and as the release build
/// minifies it.
pub const SHELL_HERO: [&str; 2] = [
    "<div class=\"shell-hero\"></div>",
    "<div class=shell-hero></div>",
];

/// [`index_response`] with the shell's hero placeholder replaced by `html` (a campaign's
/// hero picture, shown before the app has loaded) and without the wasm's preloads: the
/// picture comes first, and index.html's boot script starts the wasm once it is painted.
pub fn index_with_shell_hero(spa: &Spa, html: &str) -> Response {
    let mut res = index_response(spa);
    if let Some(index) = spa.index() {
        if let Ok(text) = std::str::from_utf8(index) {
            if let Some(placeholder) = SHELL_HERO.iter().find(|p| text.contains(*p)) {
                let doc = text.replacen(placeholder, html, 1);
                *res.body_mut() = Body::from(without_wasm_preloads(&doc));
            }
        }
    }
    res
}

/// `doc` without the `<link>` tags preloading the wasm and its JS glue (a document whose own
/// picture should have the link to itself first: a first screen, a campaign's hero shell).
pub fn without_wasm_preloads(doc: &str) -> String {
    rewrite_tags(doc, "<link", |tag| {
        let preloads_app =
            tag.contains("modulepreload") || (tag.contains("preload") && tag.contains(".wasm"));
        (!preloads_app).then(|| tag.to_owned())
    })
}

/// `html` with each tag that starts with `open` (up to its `>`) replaced by what `rewrite`
/// makes of it (`None`: dropped); the rest as it was. For the app's own documents, whose
/// attributes never hold a `>`.
pub fn rewrite_tags(html: &str, open: &str, rewrite: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        let Some(len) = rest[i..].find('>') else {
            break;
        };
        let tag = &rest[i..=i + len];
        out.push_str(&rest[..i]);
        if let Some(new) = rewrite(tag) {
            out.push_str(&new);
        }
        rest = &rest[i + len + 1..];
    }
    out.push_str(rest);
    out
}

/// index.html (or, when the SPA is not built, a 503 page saying so).
pub fn index_response(spa: &Spa) -> Response {
    match spa.index() {
        Some(html) => {
            let mut res = Body::from(html.clone()).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            res
        }
        None => {
            let page = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Storefront: app not built</title>\
                <h1>The storefront app is not built</h1>\
                <p>The API is up under <a href=\"/api/docs/\">/api</a>, but there is no <code>index.html</code> in the \
                SPA directory. Build it with <code>trunk build --release</code> or point <code>--dist</code> at it.</p></html>";
            let mut res = (StatusCode::SERVICE_UNAVAILABLE, page).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
    }
}

/// Everything no route matched: API and media paths get a 404 problem, asset-looking paths
/// a file from `dist/` (or 404), every other path the SPA's index.html.
pub async fn fallback(State(spa): State<Arc<Spa>>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if path == "/api"
        || path.starts_with("/api/")
        || path == "/media"
        || path.starts_with("/media/")
    {
        return ApiError::NotFound(format!("nothing at {path}")).into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut res = ApiError::MethodNotAllowed.into_response();
        res.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return res;
    }
    let last = path.rsplit('/').next().unwrap_or("");
    if path == "/index.html" || !last.contains('.') {
        return if kiosk::has_kiosk_cookie(req.headers()) {
            kiosk::index_for_kiosk(&spa)
        } else {
            index_response(&spa)
        };
    }
    // `*.br` / `*.gz` copies written at build time (scripts/precompress.mjs) are sent as is,
    // at maximum compression; other files are compressed on the fly by the CompressionLayer.
    match ServeDir::new(&spa.dist)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(req)
        .await
    {
        Ok(res) => {
            let status = res.status();
            let mut res = res.map(Body::new);
            let cache = if !(status.is_success() || status == StatusCode::NOT_MODIFIED) {
                "no-store"
            } else if path == "/sw.js" {
                // the service worker names the build's files: browsers revalidate it
                "no-cache"
            } else if has_content_hash(last) {
                IMMUTABLE
            } else {
                // a file copied under its own name (embed.js, marketing.css) changes under
                // the same URL: cached briefly, then revalidated
                SHORT
            };
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            res
        }
        Err(never) => match never {},
    }
}

/// Whether the request came over HTTPS (directly or through a proxy saying so): decides
/// HSTS here and the session cookie's `Secure` flag (`http::session`).
pub fn is_https(headers: &HeaderMap, uri: &Uri) -> bool {
    uri.scheme_str() == Some("https")
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(',')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .eq_ignore_ascii_case("https")
            })
}

/// A response extension set by [`crate::embed::page`]: the one origin allowed to frame
/// this answer of `/embed/campaign/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameAncestor(pub String);

/// The prefix of the embed pages, the only answers that may name a frame ancestor.
pub const EMBED_PREFIX: &str = "/embed/campaign/";

/// The prefix of the campaign pages (framed only by the shop, for the editor's previews).
pub const CAMPAIGN_PREFIX: &str = "/campaign/";

/// `csp` with `frame-ancestors 'none'` replaced by `frame-ancestors <origin>`.
pub fn csp_framed_by(csp: &HeaderValue, origin: &str) -> Option<HeaderValue> {
    let csp = csp.to_str().ok()?;
    if !csp.contains("frame-ancestors 'none'") {
        return None;
    }
    let framed = csp.replace(
        "frame-ancestors 'none'",
        &format!("frame-ancestors {origin}"),
    );
    HeaderValue::from_str(&framed).ok()
}

/// Adds the security headers to every response, and turns any error response under `/api`
/// that is not already problem+json (e.g. a framework rejection) into one.
pub async fn security_headers(State(spa): State<Arc<Spa>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let docs = path == "/api/docs" || path.starts_with("/api/docs/");
    let embed = path.starts_with(EMBED_PREFIX);
    // the marketing editor frames its previews (`?preview=1` of a campaign page or its embed);
    // what they show of a draft comes from the marketing session, so only the shop itself
    // may frame them
    let preview = (embed || path.starts_with(CAMPAIGN_PREFIX))
        && req
            .uri()
            .query()
            .is_some_and(|q| q.split('&').any(|kv| kv == "preview=1"));
    let api = path == "/api" || path.starts_with("/api/") || path.starts_with("/media/");
    // HSTS only where the browser reached us over HTTPS (the session cookie's `Secure` rule).
    let https = is_https(req.headers(), req.uri());
    let mut res = next.run(req).await;
    let status = res.status();
    if api && (status.is_client_error() || status.is_server_error()) {
        let is_problem = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with(storefront_api_types::PROBLEM_JSON));
        if !is_problem {
            let err = match status {
                StatusCode::NOT_FOUND => ApiError::NotFound("nothing here".to_owned()),
                StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed,
                s if s.is_server_error() => ApiError::Internal(format!("unhandled {s}")),
                s => ApiError::InvalidPath(vec![storefront_api_types::FieldError {
                    pointer: "#/path".to_owned(),
                    message: format!("rejected with {s}"),
                }]),
            };
            let mut problem = err.to_problem();
            problem.status = status.as_u16();
            problem.title = status.canonical_reason().unwrap_or("Error").to_owned();
            let allow = res.headers().get(header::ALLOW).cloned();
            res = problem_response(&problem);
            if let Some(allow) = allow {
                res.headers_mut().insert(header::ALLOW, allow);
            }
        }
    }
    let framed = res.extensions().get::<FrameAncestor>().cloned();
    let styles = res.extensions().get::<StyleHashes>().cloned();
    let h = res.headers_mut();
    let csp = if docs {
        HeaderValue::from_static(DOCS_CSP)
    } else {
        framed
            .filter(|_| embed)
            .map(|FrameAncestor(origin)| origin)
            .or_else(|| preview.then(|| "'self'".to_owned()))
            .and_then(|origin| csp_framed_by(spa.csp(), &origin))
            .unwrap_or_else(|| spa.csp().clone())
    };
    // a first screen's own style attributes, by their hashes
    let csp = styles.map_or(csp.clone(), |s| s.allowed_in(&csp));
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    if preview {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if embed {
        // Who may frame it depends on the embedding page: never cached, never shared.
        append_vary(h, "Referer");
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    res
}

/// Adds `names` to the answer's `Vary` (one header, as a list; nothing to add to `*`).
pub fn append_vary(h: &mut HeaderMap, names: &str) {
    let mut vary: Vec<String> = h
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect();
    if vary.iter().any(|v| v.trim() == "*") {
        return;
    }
    vary.push(names.to_owned());
    if let Ok(v) = HeaderValue::from_str(&vary.join(", ")) {
        h.insert(header::VARY, v);
    }
}

/// `Strict-Transport-Security` of every answer to an HTTPS request (a year, subdomains too);
/// never sent over plain HTTP, where a browser would ignore it anyway.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The demo-mode note: a small static element at the top of the page, in the flow (it
/// covers nothing), outside `#app`, in its own landmark (an `aside`, so axe's `region`
/// rule holds) with `role="note"`, and its own inline style (hashed into the CSP like the
/// others). White on dark brown: contrast about 10:1.
pub const DEMO_NOTE: &str = "<style>.demo-note{padding:2px 12px;font:600 12px/18px system-ui,sans-serif;\
text-align:center;color:#fff;background:#5b3a00;letter-spacing:.02em}.demo-note p{margin:0}</style>\
<aside class=\"demo-note\" aria-label=\"演示模式 Demo mode\"><p role=\"note\" lang=\"zh-CN\">演示模式 · \
<span lang=\"en\">Demo mode</span></p></aside>";

/// Writes [`DEMO_NOTE`] right after `<body…>` (unchanged when there is no `<body>`).
pub fn add_demo_note(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let Some(body) = lower.find("<body") else {
        return html.to_owned();
    };
    let Some(gt) = lower[body..].find('>') else {
        return html.to_owned();
    };
    let at = body + gt + 1;
    format!("{}{}{}", &html[..at], DEMO_NOTE, &html[at..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;
    use sha2::{Digest, Sha256};

    #[test]
    fn only_hashed_build_files_are_immutable() {
        assert!(has_content_hash("storefront-3c82910e2446ebdc_bg.wasm"));
        assert!(has_content_hash("chunk_10-20aa262632d49b0a.wasm"));
        assert!(has_content_hash("main-0123456789abcdef.css"));
        assert!(!has_content_hash("embed.js"));
        assert!(!has_content_hash("marketing.css"));
        assert!(has_content_hash("storefront-3f2a9c.js"));
        assert!(!has_content_hash("a-short.js"));
        assert!(!has_content_hash("demo-partner.css"));
    }

    #[test]
    fn hashes_inline_scripts_and_styles_only() {
        let html = "<script src=\"/a.js\"></script><SCRIPT type=\"module\">boot()</SCRIPT><style>b{}</style><scripts>x</scripts>";
        let s = inline_hashes(html, "script");
        assert_eq!(s.len(), 1);
        let expected = STANDARD.encode(Sha256::digest(b"boot()"));
        assert_eq!(s[0], format!("sha256-{expected}"));
        assert_eq!(inline_hashes(html, "style").len(), 1);
        let csp = build_csp(&s, &[], None);
        assert!(csp.contains(&format!("'sha256-{expected}'")));
        assert!(!csp.contains("unsafe-inline"));
    }
}
