//! index.html for a kiosk: the document is marked (`<html data-kiosk …>`) when the request
//! carries the kiosk's device cookie, so the app loads its kiosk module at once.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

use super::{index_response, Spa};

/// Whether the request carries a kiosk's device cookie (`sf_kiosk`). Only its presence: the
/// kiosk's code checks the pairing with the server (`GET /api/v1/kiosk`) and leaves kiosk
/// mode when it is not valid, so a forged cookie gains nothing but the kiosk's layer.
pub fn has_kiosk_cookie(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|pair| pair.trim_start().starts_with("sf_kiosk="))
}

/// [`index_response`] marked for a kiosk (`<html data-kiosk …>`): the app loads its kiosk
/// module at once (`crate::dom::is_kiosk` in the app).
pub fn index_for_kiosk(spa: &Spa) -> Response {
    let mut res = index_response(spa);
    if let Some(text) = spa.index().and_then(|i| std::str::from_utf8(i).ok()) {
        if text.contains("<html ") {
            *res.body_mut() = Body::from(text.replacen("<html ", "<html data-kiosk ", 1));
        }
    }
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Cookie"));
    res
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_kiosk_is_known_by_its_device_cookie_only() {
        let with = |cookie: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
            has_kiosk_cookie(&h)
        };
        assert!(with("sf_kiosk=abc"));
        assert!(with("sf_session=x; sf_kiosk=abc"));
        assert!(!with("sf_session=x"));
        assert!(!with("not_sf_kiosk=abc; xsf_kiosk=1"));
        assert!(!has_kiosk_cookie(&HeaderMap::new()));
    }
}
