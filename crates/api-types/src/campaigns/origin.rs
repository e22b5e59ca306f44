//! Embedding origins: what marketing may allow, and whether a page's origin is allowed.

/// Why a text is not an allowed embedding origin ([`parse_allowed_origin`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginFault {
    /// Not `scheme://host[:port]`.
    NotAnOrigin,
    /// A path, query, fragment or user name after the host.
    HasPath,
    /// A scheme other than `https` (or `http` for a local host).
    Scheme,
    /// A wildcard other than one leading `*.` label before at least two labels.
    Wildcard,
    /// A port outside 1..=65535.
    Port,
}

impl OriginFault {
    /// What is wrong, in English (the field error's message).
    pub fn message(self) -> &'static str {
        match self {
            OriginFault::NotAnOrigin => "expected an origin such as https://shop.example.com",
            OriginFault::HasPath => "an origin has no path, query, fragment or user name",
            OriginFault::Scheme => "use https (http only for localhost and 127.0.0.1)",
            OriginFault::Wildcard => {
                "only one leading *. label is allowed, as in https://*.example.com"
            }
            OriginFault::Port => "the port must be 1 to 65535",
        }
    }
}

/// An embedding origin as marketing writes it, normalised (lower case, default port
/// removed, a lone trailing `/` dropped): `https://host[:port]`, with at most one leading
/// `*.` label followed by at least two labels; `http:` only for `localhost`, `127.0.0.1`
/// and `[::1]`.
pub fn parse_allowed_origin(s: &str) -> Result<String, OriginFault> {
    let (scheme, rest) = s.split_once("://").ok_or(OriginFault::NotAnOrigin)?;
    let scheme = scheme.to_ascii_lowercase();
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['/', '?', '#', '@', '\\']) {
        return Err(OriginFault::HasPath);
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(':') && !p.contains(']') => (h, Some(p)),
        _ => (rest, None),
    };
    let host = host.to_ascii_lowercase();
    let local = matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]");
    match scheme.as_str() {
        "https" => {}
        "http" if local => {}
        _ => return Err(OriginFault::Scheme),
    }
    let port = match port {
        None => None,
        Some(p) => {
            let n: u32 = (!p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
                .ok_or(OriginFault::Port)?;
            if !(1..=65535).contains(&n) {
                return Err(OriginFault::Port);
            }
            let default = if scheme == "https" { 443 } else { 80 };
            (n != default).then_some(n)
        }
    };
    if host != "[::1]" {
        let labels: Vec<&str> = host.split('.').collect();
        let (wild, named) = match labels.split_first() {
            Some((&"*", named)) => (true, named),
            _ => (false, &labels[..]),
        };
        if named.iter().any(|l| l.contains('*')) {
            return Err(OriginFault::Wildcard);
        }
        if wild && named.len() < 2 {
            return Err(OriginFault::Wildcard);
        }
        let label_ok = |l: &&str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        if named.is_empty() || !named.iter().all(label_ok) || host.len() > 253 {
            return Err(OriginFault::NotAnOrigin);
        }
    }
    Ok(match port {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    })
}

/// Whether the page origin `origin` (as a browser sends it) is allowed by the entry
/// `allowed` (normalised by [`parse_allowed_origin`]): equal, or for `scheme://*.rest`, the
/// same scheme and port with exactly one label in place of `*`.
pub fn origin_matches(allowed: &str, origin: &str) -> bool {
    let Ok(origin) = parse_allowed_origin(origin) else {
        return false;
    };
    if origin.contains('*') {
        return false;
    }
    if allowed == origin {
        return true;
    }
    let Some((scheme, rest)) = allowed.split_once("://*.") else {
        return false;
    };
    origin
        .strip_prefix(scheme)
        .and_then(|o| o.strip_prefix("://"))
        .and_then(|o| o.split_once('.'))
        .is_some_and(|(label, tail)| !label.is_empty() && tail == rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_origins() {
        let ok = [
            ("https://shop.example.com", "https://shop.example.com"),
            ("HTTPS://Shop.Example.COM/", "https://shop.example.com"),
            ("https://shop.example.com:443", "https://shop.example.com"),
            (
                "https://shop.example.com:8443",
                "https://shop.example.com:8443",
            ),
            ("https://*.example.com", "https://*.example.com"),
            ("http://localhost:8090", "http://localhost:8090"),
            ("http://127.0.0.1:8090", "http://127.0.0.1:8090"),
            ("http://[::1]:8090", "http://[::1]:8090"),
            ("http://localhost:80", "http://localhost"),
        ];
        for (input, normal) in ok {
            assert_eq!(
                parse_allowed_origin(input).as_deref(),
                Ok(normal),
                "{input}"
            );
        }
        let bad = [
            ("shop.example.com", OriginFault::NotAnOrigin),
            ("https://", OriginFault::NotAnOrigin),
            ("https://shop.example.com/path", OriginFault::HasPath),
            ("https://shop.example.com?q", OriginFault::HasPath),
            ("https://user@shop.example.com", OriginFault::HasPath),
            ("http://shop.example.com", OriginFault::Scheme),
            ("ftp://shop.example.com", OriginFault::Scheme),
            ("https://*.com", OriginFault::Wildcard),
            ("https://a.*.example.com", OriginFault::Wildcard),
            ("https://*.*.example.com", OriginFault::Wildcard),
            ("https://*", OriginFault::Wildcard),
            ("*", OriginFault::NotAnOrigin),
            ("https://shop.example.com:0", OriginFault::Port),
            ("https://shop.example.com:65536", OriginFault::Port),
            ("https://shop.example.com:", OriginFault::Port),
            ("https://-shop.example.com", OriginFault::NotAnOrigin),
            ("https://sh op.example.com", OriginFault::NotAnOrigin),
        ];
        for (input, fault) in bad {
            assert_eq!(parse_allowed_origin(input), Err(fault), "{input}");
        }
    }

    #[test]
    fn origins_match_exactly_or_by_one_label() {
        assert!(origin_matches(
            "https://shop.example.com",
            "https://shop.example.com"
        ));
        assert!(!origin_matches(
            "https://shop.example.com",
            "https://evil.example.com"
        ));
        assert!(origin_matches(
            "https://*.example.com",
            "https://blog.example.com"
        ));
        assert!(!origin_matches(
            "https://*.example.com",
            "https://a.b.example.com"
        ));
        assert!(!origin_matches(
            "https://*.example.com",
            "https://example.com"
        ));
        assert!(!origin_matches(
            "https://*.example.com",
            "http://blog.example.com"
        ));
        assert!(!origin_matches(
            "https://*.example.com",
            "https://blog.example.com:8443"
        ));
        assert!(!origin_matches(
            "https://*.example.com",
            "https://*.example.com"
        ));
        assert!(!origin_matches(
            "http://localhost:8090",
            "http://localhost:8091"
        ));
        assert!(!origin_matches("https://shop.example.com", "null"));
    }
}
