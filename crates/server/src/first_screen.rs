//! The first screen in the document: the server renders the page the shopper asked for into
//! the index.html it serves, with the app's own components (`storefront::first_screen`, the
//! pages the app mounts), from the API's own answers (this server's routes, called in-process),
//! so the product, the listing or the home page is painted before the wasm has even started
//! downloading. The app then mounts out of sight (laid out, invisible), and index.html's boot
//! script swaps it in for this copy once the page has its data (no skeleton left) and its
//! pictures are decoded: the same markup, the same styles, no visible change.
//!
//! Such a document says so (`<div id="shell" data-first-screen lang=…>`): its boot script
//! starts the wasm once the first screen is painted (the page's `load`), and the server drops
//! the wasm's preload links from it, so the picture and the words get the link to themselves.
//! A kiosk's document, a route the app does not render here, an API base on another origin,
//! or any answer other than 2xx or 404 leave the document as it was (the loading shell).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderMap, Request};
use axum::response::Response;
use axum::Router;
use storefront::first_screen::Rendered;
use storefront_api_types::Lang;
use tower::ServiceExt;

use crate::spa::StyleHashes;
use crate::state::AppState;

/// The cookie the app's boot script keeps the shopper's language in (from its device storage).
pub const LANG_COOKIE: &str = "storefront_lang";

/// The largest index.html this rewrites.
const MAX_DOCUMENT: usize = 1 << 20;

/// The language the app will start in: the shopper's choice (the cookie), else the first of
/// the browser's languages the shop speaks, else Chinese (the app's own rule, `choose_lang`).
pub fn lang_of(headers: &HeaderMap) -> Lang {
    let chosen = crate::http::session::session_id_cookie(headers, LANG_COOKIE);
    let browser: Vec<String> = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(',')
                .map(|t| t.split(';').next().unwrap_or("").trim().to_owned())
                .collect()
        })
        .unwrap_or_default();
    storefront::i18n::choose_lang(chosen.as_deref(), &browser)
}

/// The API's routes, to answer the first screen's requests in-process.
fn api() -> Router<AppState> {
    static API: OnceLock<Router<AppState>> = OnceLock::new();
    API.get_or_init(|| crate::openapi::routes_and_document().0)
        .clone()
}

/// `res` (index.html for `path`?`query`) with the first screen rendered into it, when the
/// app renders that route, and `true`; else `res` unchanged and `false`. `api_paths` are the
/// screen's requests (`crate::documents::first_screen`), `modules` the files of the split
/// modules its page loads (the boot script asks for them with the main module).
pub async fn rendered(
    state: &AppState,
    res: Response,
    path: &str,
    query: Option<&str>,
    api_paths: &[String],
    lang: Lang,
    modules: &[String],
) -> (Response, bool) {
    let base = state.spa.api_base().trim_end_matches('/').to_owned();
    if !base.starts_with('/') {
        return (res, false);
    }
    let mut answers = Vec::with_capacity(api_paths.len());
    for p in api_paths {
        let url = format!("{base}/v1{p}");
        let Ok(req) = Request::get(&url).body(Body::empty()) else {
            return (res, false);
        };
        let Ok(answer) = api().with_state(state.clone()).oneshot(req).await;
        let status = answer.status();
        if !(status.is_success() || status.as_u16() == 404) {
            return (res, false);
        }
        let Ok(body) = to_bytes(answer.into_body(), usize::MAX).await else {
            return (res, false);
        };
        answers.push((
            url,
            status.as_u16(),
            String::from_utf8_lossy(&body).into_owned(),
        ));
    }
    let search = query.map(|q| format!("?{q}")).unwrap_or_default();
    // the app's code, run natively: a panic there must cost the shopper only this speed-up
    let html = catch_unwind(AssertUnwindSafe(|| {
        storefront::first_screen::render(path, &search, lang, &base, answers)
    }));
    let Ok(Some(html)) = html else {
        if html.is_err() {
            tracing::error!(path, "rendering the first screen panicked");
        }
        return (res, false);
    };
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_DOCUMENT).await else {
        return (Response::from_parts(parts, Body::empty()), false);
    };
    // the home page's pictures below the fold (its shelf's cards, in boxes of a fixed shape)
    // come with the app, when the shopper gets near them
    let html = if path == "/" {
        Rendered {
            page: without_lazy_sources(&html.page),
            ..html
        }
    } else {
        html
    };
    let document = std::str::from_utf8(&bytes)
        .ok()
        .filter(|d| !d.contains("<html data-kiosk"))
        .and_then(|d| inject(d, &html, lang, modules));
    let html = format!("{}{}{}", html.header, html.page, html.tab_bar);
    parts.headers.remove(header::CONTENT_LENGTH);
    match document {
        Some(d) => {
            // the page's own style attributes (a colour swatch), allowed by their hashes alone
            parts.extensions.insert(StyleHashes(style_hashes(&html)));
            (Response::from_parts(parts, Body::from(d)), true)
        }
        None => (Response::from_parts(parts, Body::from(bytes)), false),
    }
}

/// The hashes of the values of every `style="…"` attribute in `html` (as written by tachys:
/// double-quoted, entities escaped).
pub fn style_hashes(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" style=\"") {
        rest = &rest[i + " style=\"".len()..];
        let Some(end) = rest.find('"') else {
            break;
        };
        let value = rest[..end]
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let hash = crate::spa::csp_hash(&value);
        if !out.contains(&hash) {
            out.push(hash);
        }
        rest = &rest[end..];
    }
    out
}

/// index.html with `screen` as its first screen, inside the loading shell (whose placeholders
/// it hides): the header, the page in `<div class="main">` (styled as the app's `<main>`, which
/// stays the document's one main landmark) and the tab bar; the shell marked
/// `data-first-screen` with its language, the app's mount point out of sight
/// (`data-out-of-sight`: laid out, invisible) until the app takes over, and no preload of the
/// wasm; the files of the split modules its page loads (`modules`: paths without spaces or
/// quotes) in `data-modules`, for the boot script to fetch with the main module. `None`
/// when index.html is not the one the build writes (no shell, no mount point).
pub fn inject(index: &str, screen: &Rendered, lang: Lang, modules: &[String]) -> Option<String> {
    let mut doc = crate::spa::without_wasm_preloads(index);
    doc = add_attribute(&doc, &["id=\"app\"", "id=app"], "data-out-of-sight")?;
    let modules = match modules.join(" ") {
        m if m.is_empty() => String::new(),
        m => format!(" data-modules=\"{m}\""),
    };
    doc = add_attribute(
        &doc,
        &["id=\"shell\"", "id=shell"],
        &format!("data-first-screen lang=\"{}\"{modules}", lang.tag()),
    )?;
    let at = ["<div class=\"shell-header\"", "<div class=shell-header"]
        .iter()
        .find_map(|p| doc.find(p))?;
    doc.insert_str(
        at,
        &format!(
            "{}<div class=\"main\">{}</div>{}",
            screen.header, screen.page, screen.tab_bar
        ),
    );
    Some(doc)
}

/// `html` whose lazily loaded pictures have no source: the copy keeps their boxes (width
/// and height) without downloading what the shopper may never scroll to.
fn without_lazy_sources(html: &str) -> String {
    crate::spa::rewrite_tags(html, "<img ", |tag| {
        Some(if tag.contains("loading=\"lazy\"") {
            drop_attr(&drop_attr(tag, "srcset"), "src")
        } else {
            tag.to_owned()
        })
    })
}

/// `tag` without its double-quoted attribute `name`.
fn drop_attr(tag: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    match tag.find(&key) {
        Some(at) => match tag[at + key.len()..].find('"') {
            Some(end) => format!("{}{}", &tag[..at], &tag[at + key.len() + end + 1..]),
            None => tag.to_owned(),
        },
        None => tag.to_owned(),
    }
}

/// `doc` with `attr` added after the first of `spellings` (an `id`, quoted or as the
/// release build minifies it).
fn add_attribute(doc: &str, spellings: &[&str], attr: &str) -> Option<String> {
    let (at, len) = spellings
        .iter()
        .find_map(|s| doc.find(s).map(|i| (i, s.len())))?;
    let end = at + len;
    Some(format!("{} {attr}{}", &doc[..end], &doc[end..]))
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn lazy_pictures_keep_their_box_without_a_source() {
        let html = r#"<img src="/a.jpg" srcset="/a.jpg 400w" width="4" height="5" loading="lazy"><img src="/b.jpg" loading="eager">"#;
        assert_eq!(
            without_lazy_sources(html),
            r#"<img width="4" height="5" loading="lazy"><img src="/b.jpg" loading="eager">"#
        );
    }

    #[test]
    fn each_style_attribute_is_hashed_once() {
        let html = r#"<span style="background-color: #1f2937;"></span><i style="background-color: #1f2937;"></i><b style="a:&quot;x&quot;"></b>"#;
        let hashes = style_hashes(html);
        assert_eq!(hashes.len(), 2);
        // printf 'background-color: #1f2937;' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hashes[0],
            "sha256-dPXFXZrsIuZ597EkNcOks20UppDCwKmCI3J32ItGfKI="
        );
        assert!(style_hashes("<p>no style</p>").is_empty());
    }

    #[test]
    fn the_language_is_the_shoppers_choice_then_the_browsers() {
        let mut h = HeaderMap::new();
        assert_eq!(lang_of(&h), Lang::ZhCn);
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr-FR,en-GB;q=0.8,zh-CN;q=0.5"),
        );
        assert_eq!(lang_of(&h), Lang::En);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; storefront_lang=zh-CN"),
        );
        assert_eq!(lang_of(&h), Lang::ZhCn);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("storefront_lang=xx"),
        );
        assert_eq!(lang_of(&h), Lang::En, "an unknown choice falls back");
    }

    #[test]
    fn the_first_screen_goes_into_the_shell_of_either_spelling() {
        for index in [
            r#"<head><link rel="modulepreload" href="/a.js"><link rel="preload" href="/a_bg.wasm" as="fetch"><link rel="stylesheet" href="/m.css"></head><body><div id="app"></div><div id="shell" aria-busy="true"><div class="shell-header"></div><div class="shell-main"><div class="shell-hero"></div></div></div></body>"#,
            r#"<head><link rel=modulepreload href=/a.js><link rel=preload href=/a_bg.wasm as=fetch><link rel=stylesheet href=/m.css></head><body><div id=app></div><div id=shell aria-busy=true><div class=shell-header></div><div class=shell-main><div class=shell-hero></div></div></div></body>"#,
        ] {
            let screen = Rendered {
                header: "<header>H</header>".to_owned(),
                page: "<h1>Mug</h1>".to_owned(),
                tab_bar: "<nav>T</nav>".to_owned(),
            };
            let doc = inject(index, &screen, Lang::En, &[]).expect("injected");
            assert!(!doc.contains("a.js") && !doc.contains(".wasm"), "{doc}");
            assert!(doc.contains("m.css"), "other links stay: {doc}");
            assert!(
                doc.contains("app\" data-out-of-sight>") || doc.contains("app data-out-of-sight>"),
                "{doc}"
            );
            assert!(doc.contains("data-first-screen lang=\"en\""), "{doc}");
            let main = doc
                .find("<header>H</header><div class=\"main\"><h1>Mug</h1></div><nav>T</nav>")
                .expect("main");
            assert!(main > doc.find("id=").expect("shell"));
            assert!(main < doc.find("shell-header").expect("placeholder"));
        }
        let screen = Rendered {
            header: String::new(),
            page: String::new(),
            tab_bar: String::new(),
        };
        assert_eq!(inject("<p>not ours</p>", &screen, Lang::En, &[]), None);
    }
}
