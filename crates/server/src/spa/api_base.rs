//! The API base the app is told: written into the served index.html (`<meta
//! name="storefront-api-base">`), answered as `/config.json` (what a static host serves
//! beside the app instead), and allowed by the page's policy when it is another origin.

use super::Spa;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use storefront_demo::images::xml_escape;

/// `config.json`: the app's runtime configuration as a static host serves it beside
/// index.html (the build writes `{"api_base": "/api"}` there; README, "Hosting the app
/// yourself"). This server writes the same into index.html's meta tag, and answers
/// `/config.json` with it too, so the two never disagree.
#[derive(Debug, serde::Serialize)]
pub struct RuntimeConfig<'a> {
    /// The API base the app calls: a path on the app's origin (`/api`) or a URL.
    pub api_base: &'a str,
}

/// `GET /config.json`: [`RuntimeConfig`], never cached without asking.
pub async fn config_json(State(spa): State<Arc<Spa>>) -> Response {
    let body = serde_json::to_string(&RuntimeConfig {
        api_base: spa.api_base(),
    })
    .unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// The origin of an absolute `http(s)` API base (`https://api.brand.cn/api` ->
/// `https://api.brand.cn`), for the policy; `None` for a path on this origin, or anything
/// that is not plainly an origin (never written into the header).
pub fn api_origin(base: &str) -> Option<&str> {
    let rest = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))?;
    let host_len = rest.find('/').unwrap_or(rest.len());
    let host = &rest[..host_len];
    let plain = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    plain.then(|| &base[..base.len() - rest.len() + host_len])
}

/// Sets the `content` of `<meta name="storefront-api-base" …>` to `base` (HTML-escaped),
/// or writes that tag when the page has none (the build leaves it out: served as static
/// files, the page reads `config.json` instead, unless it has the tag).
pub fn set_api_base(html: &str, base: &str) -> String {
    let lower = html.to_ascii_lowercase();
    // the tag itself (the boot script names it too)
    let found = lower.match_indices("<meta").find_map(|(start, _)| {
        let len = lower[start..].find('>')?;
        lower[start..start + len]
            .contains("storefront-api-base")
            .then_some((start, start + len))
    });
    let Some((tag_start, tag_end)) = found else {
        return insert_api_base(html, &lower, base);
    };
    let tag = &lower[tag_start..tag_end];
    let escaped = xml_escape(base);
    if let Some(c) = tag.find("content=") {
        let value_start = tag_start + c + "content=".len();
        let quote = html[value_start..].chars().next().unwrap_or('"');
        if quote == '"' || quote == '\'' {
            if let Some(len) = html[value_start + 1..tag_end].find(quote) {
                return format!(
                    "{}{}{}",
                    &html[..value_start + 1],
                    escaped,
                    &html[value_start + 1 + len..]
                );
            }
        }
        return html.to_owned();
    }
    let insert_at = if html[..tag_end].ends_with('/') {
        tag_end - 1
    } else {
        tag_end
    };
    format!(
        "{} content=\"{}\"{}",
        html[..insert_at].trim_end(),
        escaped,
        &html[insert_at..]
    )
}

/// `html` with `<meta name="storefront-api-base" content="{base}">` early in its head: after
/// `<meta charset…>`, else after `<head>`, else after the doctype.
fn insert_api_base(html: &str, lower: &str, base: &str) -> String {
    // the end of the first tag starting with `open` (`<head` only as itself, not `<header`)
    let after = |open: &str| {
        lower.match_indices(open).find_map(|(i, _)| {
            let next = *lower.as_bytes().get(i + open.len())?;
            let whole = open != "<head" || next == b'>' || next.is_ascii_whitespace();
            whole.then(|| lower[i..].find('>').map(|j| i + j + 1))?
        })
    };
    let at = after("<meta charset")
        .or_else(|| after("<head"))
        .or_else(|| after("<!doctype"))
        .unwrap_or(0);
    format!(
        "{}<meta name=\"storefront-api-base\" content=\"{}\">{}",
        &html[..at],
        xml_escape(base),
        &html[at..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spa::build_csp;

    #[test]
    fn api_base_is_replaced_and_escaped() {
        let html = r#"<head><meta name="storefront-api-base" content="/api"><meta charset="utf-8"></head>"#;
        assert_eq!(
            set_api_base(html, "https://api.example.com/a?b=\"c\"&d"),
            r#"<head><meta name="storefront-api-base" content="https://api.example.com/a?b=&quot;c&quot;&amp;d"><meta charset="utf-8"></head>"#
        );
        let html = r#"<meta content='x' name="storefront-api-base" />"#;
        assert_eq!(
            set_api_base(html, "/api"),
            r#"<meta content='/api' name="storefront-api-base" />"#
        );
        let html = r#"<meta name="storefront-api-base">"#;
        assert_eq!(
            set_api_base(html, "/v"),
            r#"<meta name="storefront-api-base" content="/v">"#
        );
    }

    #[test]
    fn an_api_elsewhere_is_allowed_by_the_policy() {
        assert_eq!(api_origin("/api"), None);
        assert_eq!(
            api_origin("https://api.x.test/api"),
            Some("https://api.x.test")
        );
        assert_eq!(
            api_origin("http://127.0.0.1:8080"),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(api_origin("https://a.test;script-src *"), None);
        let csp = build_csp(&[], &[], Some("https://api.x.test"));
        assert!(
            csp.contains("connect-src 'self' https://api.x.test;"),
            "{csp}"
        );
        assert!(
            csp.contains("img-src 'self' data: https://api.x.test;"),
            "{csp}"
        );
        assert!(build_csp(&[], &[], None).contains("connect-src 'self';"));
    }

    #[test]
    fn a_page_without_the_tag_gets_it_before_its_scripts() {
        // as the release build minifies it: no <head>; the boot script names the tag
        let html = "<!doctype html><html lang=zh-CN><meta charset=utf-8><title>x</title>\
                    <script>document.querySelector('meta[name=storefront-api-base]')</script>";
        assert_eq!(
            set_api_base(html, "https://api.x.test/api"),
            "<!doctype html><html lang=zh-CN><meta charset=utf-8><meta name=\"storefront-api-base\" \
             content=\"https://api.x.test/api\"><title>x</title>\
             <script>document.querySelector('meta[name=storefront-api-base]')</script>"
        );
        let html = "<!DOCTYPE html><html><head><title>x</title><header></header>";
        assert_eq!(
            set_api_base(html, "/api"),
            "<!DOCTYPE html><html><head><meta name=\"storefront-api-base\" content=\"/api\"><title>x</title><header></header>"
        );
        assert_eq!(
            set_api_base("<!doctype html><p>x", "/api"),
            "<!doctype html><meta name=\"storefront-api-base\" content=\"/api\"><p>x"
        );
    }
}
