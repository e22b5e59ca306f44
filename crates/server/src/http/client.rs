//! Who is asking: the client's address, from the TCP peer or, behind reverse proxies the
//! operator names (`--trusted-proxies`), from `X-Forwarded-For`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::IpAddr;

/// The client's address, as [`crate::serve`] worked it out for the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// The client's address as text: [`ClientAddr`], else the TCP peer, `unknown` when the
/// server runs without connection info (tests that call the router directly).
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ext = &parts.extensions;
        let ip = ext.get::<ClientAddr>().map(|c| c.0).or_else(|| {
            ext.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip().to_canonical())
        });
        Ok(ClientIp(
            ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()),
        ))
    }
}

/// The client behind `peer`: the peer itself unless it is one of the `trusted` proxies;
/// then the rightmost address of `X-Forwarded-For` (all its headers, in order) that is not
/// a trusted proxy, as each proxy appends the address it saw. A list that holds only
/// proxies, or a malformed entry where the walk stops, gives the last trusted hop seen
/// (never an address the client could have written itself).
pub fn client_of(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|n| n.contains(ip));
    let peer = peer.to_canonical();
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                let ip = ip.to_canonical();
                client = ip;
                if !is_trusted(&ip) {
                    return ip;
                }
            }
            Err(_) => return client,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(
                "x-forwarded-for",
                HeaderValue::from_str(v).unwrap_or(HeaderValue::from_static("")),
            );
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn only_trusted_proxies_are_believed() {
        let trusted: Vec<IpNet> = ["10.0.0.0/8", "127.0.0.1/32"]
            .iter()
            .filter_map(|n| n.parse().ok())
            .collect();
        // no proxies configured: the peer, whatever the header says
        assert_eq!(
            client_of(ip("10.1.2.3"), &xff(&["1.1.1.1"]), &[]),
            ip("10.1.2.3")
        );
        // a client that is not a proxy cannot pretend
        assert_eq!(
            client_of(ip("8.8.8.8"), &xff(&["1.1.1.1"]), &trusted),
            ip("8.8.8.8")
        );
        // behind one proxy
        assert_eq!(
            client_of(ip("10.0.0.5"), &xff(&["203.0.113.7"]), &trusted),
            ip("203.0.113.7")
        );
        // the client wrote its own entry first: the rightmost untrusted one counts
        assert_eq!(
            client_of(
                ip("127.0.0.1"),
                &xff(&["6.6.6.6, 203.0.113.7", "10.0.0.9"]),
                &trusted
            ),
            ip("203.0.113.7")
        );
        // IPv4-mapped IPv6 is the IPv4 address
        assert_eq!(
            client_of(
                ip("::ffff:10.0.0.5"),
                &xff(&["::ffff:203.0.113.7"]),
                &trusted
            ),
            ip("203.0.113.7")
        );
        // nothing usable: the last trusted hop
        assert_eq!(
            client_of(ip("10.0.0.5"), &xff(&[]), &trusted),
            ip("10.0.0.5")
        );
        assert_eq!(
            client_of(ip("10.0.0.5"), &xff(&["junk, 10.0.0.9"]), &trusted),
            ip("10.0.0.9")
        );
    }
}
