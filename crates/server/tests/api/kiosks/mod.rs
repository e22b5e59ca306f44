//! Kiosks: pairing (single use, expiry, wrong codes, the rate limit, the device cookie),
//! the staff's settings and list, heartbeat and status, reset, exit, and the hand-offs to a
//! phone.

mod device;
mod handoffs;
mod pairing;
mod settings;

use crate::helpers::{Reply, TestApp};
use storefront_api_types::KioskPairing;

const JINGAN: &str = "s_sh_jingan";
const OTHER: &str = "s_bj_sanlitun";

/// Registers a kiosk at Jingan with the demo staff key: its pairing.
async fn register(app: &TestApp, name: &str) -> KioskPairing {
    let r = app
        .create_kiosk(JINGAN, &format!(r#"{{"name":"{name}"}}"#))
        .staff(JINGAN)
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

/// The `name=value` of the `Set-Cookie` of `name` in a reply.
fn set_cookie<'a>(r: &'a Reply, name: &str) -> Option<&'a str> {
    r.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
}

/// A kiosk registered and paired: its id and the device cookie (`sf_kiosk=…`).
async fn paired(app: &TestApp, name: &str) -> (String, String) {
    let pairing = register(app, name).await;
    let r = app
        .pair_kiosk(&format!(r#"{{"code":"{}"}}"#, pairing.pairing_code))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let cookie = set_cookie(&r, "sf_kiosk").expect("device cookie");
    let cookie = cookie.split(';').next().unwrap().to_owned();
    (pairing.kiosk_id, cookie)
}
