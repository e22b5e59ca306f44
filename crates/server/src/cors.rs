//! Cross-origin callers: the app served as static files from another host of the brand
//! (`https://shop.brand.cn` calling `https://api.brand.cn`), on a list of allowed origins
//! (`--cors-allowed-origins`, none by default).
//!
//! For `/api/…` and `/media/…` (the pictures, which the tour also draws with WebGL):
//! - a listed origin's preflight is answered here (204: the methods and request headers the
//!   app uses, credentials, a max-age of two hours, Chromium's cap) and its requests get
//!   `Access-Control-Allow-Origin: <that origin>` with `-Allow-Credentials: true` and the
//!   headers the app reads exposed (`ETag`, `Location`, `Link`, `Retry-After`);
//! - any other origin gets no CORS header at all (its preflight goes on to the routes, which
//!   answer `OPTIONS` with 405 as without this module), so the browser blocks it; its state
//!   changes cannot carry `X-Requested-With`, which then stops them at the CSRF guard;
//! - with a list, every answer there says `Vary: Origin`, so a shared cache never hands one
//!   origin's answer to another.
//!
//! Written here rather than with tower-http's `CorsLayer`, which sends the allowed methods,
//! headers and max-age to every origin's preflight and answers it for any origin, where an
//! origin that is not listed must see nothing of the policy.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use crate::spa::append_vary;

/// The methods the app calls the API with.
pub const ALLOW_METHODS: &str = "GET, HEAD, POST, PUT, PATCH, DELETE";
/// The request headers the app sends beyond the CORS-safelisted ones.
pub const ALLOW_HEADERS: &str = "Content-Type, Idempotency-Key, If-None-Match, X-Requested-With";
/// The answer headers the app reads.
pub const EXPOSE_HEADERS: &str = "ETag, Location, Link, Retry-After";
/// How long a browser may keep a preflight's answer, in seconds (Chromium keeps at most 2 h).
pub const MAX_AGE: &str = "7200";

/// One entry of the list: a scheme, a host (or `*.` and a domain: any one label before it)
/// and a port (the scheme's default when not written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedOrigin {
    scheme: String,
    host: Host,
    port: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Host {
    /// Exactly this host.
    Exact(String),
    /// One label, then `.` and this domain (`*.brand.cn`: `shop.brand.cn`, not `brand.cn`
    /// nor `a.shop.brand.cn`).
    OneLabelOf(String),
}

/// The allowed origins (empty: no cross-origin caller).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedOrigins(pub Vec<AllowedOrigin>);

impl AllowedOrigins {
    /// Whether `origin` (an `Origin` header's value) is on the list.
    pub fn allows(&self, origin: &str) -> bool {
        let Some((scheme, host, port)) = split_origin(origin) else {
            return false;
        };
        let host = host.to_ascii_lowercase();
        self.0.iter().any(|a| {
            a.scheme == scheme
                && a.port == port
                && match &a.host {
                    Host::Exact(h) => *h == host,
                    Host::OneLabelOf(domain) => host
                        .strip_suffix(domain.as_str())
                        .and_then(|label| label.strip_suffix('.'))
                        .is_some_and(is_label),
                }
        })
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `--cors-allowed-origins`: comma-separated origins (`https://shop.brand.cn`,
/// `http://127.0.0.1:8081`, `https://*.brand.cn`); empty for none. An entry that is not an
/// origin stops the server at start with the entry and what is wrong with it.
pub fn parse_allowed_origins(s: &str) -> Result<AllowedOrigins, String> {
    s.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| parse_origin(e).map_err(|why| format!("{e:?}: {why}")))
        .collect::<Result<Vec<_>, _>>()
        .map(AllowedOrigins)
}

fn parse_origin(entry: &str) -> Result<AllowedOrigin, String> {
    if entry == "*" {
        return Err(
            "`*` would let every site call the API with the shopper's cookies: list the origins"
                .to_owned(),
        );
    }
    let lower = entry.to_ascii_lowercase();
    let (scheme, rest) = lower
        .split_once("://")
        .filter(|(s, _)| matches!(*s, "http" | "https"))
        .ok_or("expected an origin starting with https:// or http://")?;
    if rest.is_empty() {
        return Err("no host".to_owned());
    }
    if rest.contains(['/', '?', '#', '@']) {
        return Err(
            "an origin is a scheme, a host and a port only: no path, query or user".to_owned(),
        );
    }
    let (host, port) = split_port(rest, scheme).ok_or("the port is not a number 1-65535")?;
    let host = if let Some(domain) = host.strip_prefix("*.") {
        if !is_domain(domain) || !domain.contains('.') {
            return Err(
                "a wildcard stands for one label of a domain of at least two labels, as in https://*.brand.cn"
                    .to_owned(),
            );
        }
        Host::OneLabelOf(domain.to_owned())
    } else if is_domain(host) || is_ip_literal(host) {
        Host::Exact(host.to_owned())
    } else {
        return Err(
            "the host is not a domain name or an IP address (a wildcard only as the first label)"
                .to_owned(),
        );
    };
    Ok(AllowedOrigin {
        scheme: scheme.to_owned(),
        host,
        port,
    })
}

/// `(scheme, host, port)` of an `Origin` value, the port defaulted by the scheme.
fn split_origin(origin: &str) -> Option<(&str, &str, u16)> {
    let (scheme, rest) = origin.split_once("://")?;
    if !matches!(scheme, "http" | "https") || rest.contains(['/', '?', '#', '@']) {
        return None;
    }
    let (host, port) = split_port(rest, scheme)?;
    Some((scheme, host, port))
}

/// `host[:port]` (a bracketed IPv6 literal too) with the scheme's default port.
fn split_port<'a>(rest: &'a str, scheme: &str) -> Option<(&'a str, u16)> {
    let default = if scheme == "https" { 443 } else { 80 };
    let (host, port) = match rest.rfind(':') {
        Some(i) if !rest[i..].contains(']') => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    let port = match port {
        None => default,
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            p.parse::<u16>().ok().filter(|p| *p > 0)?
        }
        Some(_) => return None,
    };
    (!host.is_empty()).then_some((host, port))
}

fn is_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn is_domain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_label)
}

fn is_ip_literal(s: &str) -> bool {
    s.parse::<std::net::Ipv4Addr>().is_ok()
        || s.strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .is_some_and(|v6| v6.parse::<std::net::Ipv6Addr>().is_ok())
}

/// Whether `origin` is the request's own (its `Host`): no CORS involved.
fn same_origin(headers: &HeaderMap, origin: &str) -> bool {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    host.is_some_and(|host| {
        origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host))
    })
}

/// The middleware (see the module's documentation).
pub async fn layer(
    State(allowed): State<Arc<AllowedOrigins>>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    let covered = !allowed.is_empty()
        && (path == "/api" || path.starts_with("/api/") || path.starts_with("/media/"));
    if !covered {
        return next.run(req).await;
    }
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| !same_origin(req.headers(), o) && allowed.allows(o))
        .and_then(|o| HeaderValue::from_str(o).ok());
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut res = match (&origin, preflight) {
        (Some(_), true) => {
            let mut res = StatusCode::NO_CONTENT.into_response();
            let h = res.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOW_METHODS),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOW_HEADERS),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static(MAX_AGE),
            );
            append_vary(
                h,
                "Access-Control-Request-Method, Access-Control-Request-Headers",
            );
            res
        }
        (Some(_), false) => {
            let mut res = next.run(req).await;
            res.headers_mut().insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static(EXPOSE_HEADERS),
            );
            res
        }
        (None, _) => next.run(req).await,
    };
    let h = res.headers_mut();
    if let Some(origin) = origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
    append_vary(h, "Origin");
    res
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    fn list(s: &str) -> AllowedOrigins {
        parse_allowed_origins(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn exact_origins_match_with_their_default_ports() {
        let l = list(" https://Shop.Brand.cn , http://127.0.0.1:8081,http://[::1]:9000");
        assert!(l.allows("https://shop.brand.cn"));
        assert!(l.allows("https://SHOP.brand.cn"));
        assert!(l.allows("https://shop.brand.cn:443"));
        assert!(!l.allows("http://shop.brand.cn"));
        assert!(!l.allows("https://shop.brand.cn:8443"));
        assert!(!l.allows("https://shop.brand.cn.evil.com"));
        assert!(!l.allows("https://evilshop.brand.cn"));
        assert!(l.allows("http://127.0.0.1:8081"));
        assert!(!l.allows("http://127.0.0.1:8082"));
        assert!(!l.allows("http://127.0.0.1"));
        assert!(l.allows("http://[::1]:9000"));
        assert!(!l.allows("null"));
        assert!(!l.allows(""));
        assert!(!l.allows("https://shop.brand.cn/"));
    }

    #[test]
    fn a_wildcard_is_one_label_of_its_domain() {
        let l = list("https://*.brand.cn");
        assert!(l.allows("https://shop.brand.cn"));
        assert!(l.allows("https://m-2.brand.cn"));
        assert!(!l.allows("https://brand.cn"));
        assert!(!l.allows("https://a.shop.brand.cn"));
        assert!(!l.allows("https://evilbrand.cn"));
        assert!(!l.allows("https://x.brand.cn.evil.com"));
        assert!(!l.allows("http://shop.brand.cn"));
    }

    #[test]
    fn empty_means_none() {
        assert!(list("").is_empty());
        assert!(list(" , ").is_empty());
        assert!(!list("").allows("https://shop.brand.cn"));
    }

    #[test]
    fn a_malformed_entry_is_named_with_the_reason() {
        for (entry, why) in [
            ("*", "list the origins"),
            ("shop.brand.cn", "https://"),
            ("ftp://shop.brand.cn", "https://"),
            ("https://shop.brand.cn/app", "no path"),
            ("https://user@shop.brand.cn", "no path"),
            ("https://shop.brand.cn:0", "port"),
            ("https://shop.brand.cn:99999", "port"),
            ("https://shop.brand.cn:", "port"),
            ("https://*.cn", "wildcard"),
            ("https://a.*.brand.cn", "wildcard only as the first label"),
            ("https://shop_brand.cn", "not a domain"),
            ("https://", "no host"),
        ] {
            let err =
                parse_allowed_origins(&format!("https://ok.example, {entry}")).expect_err(entry);
            assert!(err.contains(&format!("{entry:?}")), "{entry}: {err}");
            assert!(err.contains(why), "{entry}: {err}");
        }
    }
}
