//! Demo mode only: a fictional partner magazine on a second listener
//! (`--demo-partner-listen`, default `127.0.0.1:8090` with `--demo`, `off` to disable), so
//! `make run` shows a campaign embedded in another origin's page. One article with the
//! one-line snippet for `autumn-edit`, and a visible list of the `storefront:event` events
//! the embed sends to its host page.
//!
//! The snippet's shop origin is the main listener as the browser reaches it: the host name
//! the browser used for this page (`localhost` or `127.0.0.1`, from `Host`) with the main
//! listener's port, so a page opened at `http://localhost:8090/` embeds
//! `http://localhost:8080/embed.js`. The demo campaign allows both
//! `http://localhost:8090` and `http://127.0.0.1:8090`. The page has its own strict
//! Content-Security-Policy: scripts only from itself and the shop, frames only of the shop.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The campaign the partner page embeds.
pub const PARTNER_CAMPAIGN: &str = "autumn-edit";

/// The partner page's router; `shop_port` is the main listener's port.
pub fn router(shop_port: u16) -> Router {
    Router::new()
        .route("/", get(move |headers: HeaderMap| page(headers, shop_port)))
        .route("/partner.js", get(script))
        .route("/partner.css", get(style))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found") })
}

/// The shop's origin as the browser reaches it: the host name of `Host` (letters,
/// digits, dots, hyphens, or a bracketed IPv6 literal; anything else is `127.0.0.1`) and
/// the shop's port.
pub fn shop_origin(host: Option<&str>, shop_port: u16) -> String {
    let host = host.unwrap_or("");
    let name = match host.strip_prefix('[') {
        Some(rest) => rest
            .split_once(']')
            .map(|(ip, _)| ip)
            .filter(|ip| !ip.is_empty() && ip.bytes().all(|b| b.is_ascii_hexdigit() || b == b':'))
            .map(|ip| format!("[{ip}]")),
        None => {
            let name = host.split(':').next().unwrap_or("");
            (!name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
            .then(|| name.to_ascii_lowercase())
        }
    };
    format!(
        "http://{}:{shop_port}",
        name.unwrap_or_else(|| "127.0.0.1".to_owned())
    )
}

fn secured(mut res: Response, csp: &str) -> Response {
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The embed learns the page's origin from `parent`, and from Referer failing that.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The partner page's policy: its own script and style, the shop's embed.js and frame.
pub fn csp(shop: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self' {shop}; style-src 'self'; frame-src {shop}; \
         img-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

async fn page(headers: HeaderMap, shop_port: u16) -> Response {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let shop = shop_origin(host, shop_port);
    let html = PAGE
        .replace("{shop}", &shop)
        .replace("{campaign}", PARTNER_CAMPAIGN);
    let res = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    secured(res, &csp(&shop))
}

async fn script() -> Response {
    let res = (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response();
    secured(res, "default-src 'none'")
}

async fn style() -> Response {
    let res = ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response();
    secured(res, "default-src 'none'")
}

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Weekend Rooms: five ways to warm a flat for autumn</title>
<link rel="stylesheet" href="/partner.css">
<script src="/partner.js" defer></script>
</head>
<body>
<header><p class="masthead">Weekend Rooms <span>a magazine about living well in small spaces (a demo partner site)</span></p></header>
<main>
<article>
<h1>Five ways to warm a flat for autumn</h1>
<p class="byline">By the Weekend Rooms desk</p>
<p>The first cold evening always arrives before the heating does. Before you reach for the thermostat, try the small things: a heavier throw on the sofa, a lamp at eye level instead of a ceiling light, and one soft rug where your feet land first in the morning.</p>
<p>Our friends at Youpin Living have put together an autumn edit of the pieces we keep recommending. Have a look, and claim their coupon if something catches your eye:</p>
<div class="shop-slot"><script src="{shop}/embed.js" data-campaign="{campaign}" async></script></div>
<p>Whatever you choose, layer it: textures you can touch, light you can dim, and colours that borrow from the trees outside.</p>
</article>
<aside aria-labelledby="log-title">
<h2 id="log-title">Events from the embed</h2>
<p>What the campaign embed tells this page (<code>storefront:event</code>), as a partner would forward it to its analytics:</p>
<ol id="events" aria-live="polite"></ol>
<p id="no-events">Nothing yet: scroll to the campaign, open a product or claim the coupon.</p>
</aside>
</main>
</body>
</html>
"#;

const SCRIPT: &str = r#"// Prints the embed's events into the visible list, newest last.
document.addEventListener('storefront:event', function (e) {
  var list = document.getElementById('events');
  var empty = document.getElementById('no-events');
  if (!list || !e.detail) return;
  if (empty) empty.hidden = true;
  var item = document.createElement('li');
  var name = document.createElement('strong');
  name.textContent = String(e.detail.name);
  item.appendChild(name);
  item.appendChild(document.createTextNode(' ' + JSON.stringify(e.detail.params || {})));
  list.appendChild(item);
});
"#;

const STYLE: &str = "body{margin:0;font:16px/1.6 Georgia,serif;color:#222;background:#f7f3ec}\
header{background:#2d2a26;color:#f7f3ec;padding:12px 24px}.masthead{margin:0;font:700 20px/1.3 system-ui,sans-serif}\
.masthead span{display:block;font-weight:400;font-size:13px;opacity:.85}\
main{max-width:760px;margin:0 auto;padding:24px}.shop-slot{min-height:100vh}h1{font-size:32px;line-height:1.2}\
.byline{color:#5a5149;font-style:italic}aside{margin-top:32px;padding:16px;border:1px solid #c9bfb2;background:#fff}\
aside h2{margin-top:0;font:700 18px/1.3 system-ui,sans-serif}#events{font:13px/1.5 ui-monospace,monospace;word-break:break-all}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shop_origin_follows_the_host_the_browser_used() {
        assert_eq!(
            shop_origin(Some("localhost:8090"), 8080),
            "http://localhost:8080"
        );
        assert_eq!(
            shop_origin(Some("127.0.0.1:8090"), 7000),
            "http://127.0.0.1:7000"
        );
        assert_eq!(shop_origin(Some("[::1]:8090"), 8080), "http://[::1]:8080");
        assert_eq!(shop_origin(None, 8080), "http://127.0.0.1:8080");
        assert_eq!(
            shop_origin(Some("evil\"><script>:1"), 8080),
            "http://127.0.0.1:8080"
        );
        assert_eq!(shop_origin(Some("[x\"]:1"), 8080), "http://127.0.0.1:8080");
    }
}
