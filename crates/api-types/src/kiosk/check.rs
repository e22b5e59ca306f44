//! The checks of what a kiosk or staff send, each exactly the schema's rules (patterns,
//! lengths, ranges), answering one [`FieldError`] per fault with its JSON pointer.

use super::*;
use crate::campaigns::is_campaign_slug;

fn fault(pointer: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        pointer: pointer.to_owned(),
        message: message.into(),
    }
}

fn in_alphabet(c: char) -> bool {
    KIOSK_CODE_ALPHABET.contains(c.to_ascii_uppercase())
}

fn is_control_or_space(c: char) -> bool {
    c <= ' ' || c == '\x7f'
}

/// A pairing code as typed (with or without its dash, spaces around the groups, any case)
/// in its stored form, 8 capitals of [`KIOSK_CODE_ALPHABET`]; `None` if it cannot be one.
pub fn normalize_pairing_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| *c != '-' && !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.chars().count() == 8 && code.chars().all(in_alphabet)).then_some(code)
}

/// A stored pairing code shown as `ABCD-EFGH`.
pub fn format_pairing_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(4));
    if b.is_empty() {
        a.to_owned()
    } else {
        format!("{a}-{b}")
    }
}

/// A hand-off token ([`HANDOFF_TOKEN_PATTERN`]) in its stored form (capitals); `None` if
/// it does not have a token's form.
pub fn normalize_handoff_token(s: &str) -> Option<String> {
    (s.len() == 10 && s.chars().all(in_alphabet)).then(|| s.to_ascii_uppercase())
}

/// Whether `s` is `HH:MM` on a 24-hour clock ([`MAINTENANCE_TIME_PATTERN`]).
pub fn is_maintenance_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && matches!(
            (b[0], b[1]),
            (b'0'..=b'1', b'0'..=b'9') | (b'2', b'0'..=b'3')
        )
        && matches!((b[3], b[4]), (b'0'..=b'5', b'0'..=b'9'))
}

/// Whether `s` is a hand-off's route ([`HANDOFF_ROUTE_PATTERN`], at most
/// [`HANDOFF_ROUTE_MAX`] characters): it opens in the app, never on another site.
pub fn is_handoff_route(s: &str) -> bool {
    let ok = |c: char| !is_control_or_space(c) && c != '\\' && c != '#';
    s.chars().count() <= HANDOFF_ROUTE_MAX
        && s.strip_prefix('/')
            .is_some_and(|rest| !rest.starts_with('/') && rest.chars().all(ok))
}

/// Whether `s` is a heartbeat's route ([`HEARTBEAT_ROUTE_PATTERN`], at most
/// [`HEARTBEAT_ROUTE_MAX`] characters): a path, no query or fragment.
pub fn is_heartbeat_route(s: &str) -> bool {
    let ok = |c: char| !is_control_or_space(c) && c != '?' && c != '#';
    s.chars().count() <= HEARTBEAT_ROUTE_MAX && s.starts_with('/') && s.chars().all(ok)
}

/// Whether `s` is a kiosk's name: 1 to [`KIOSK_NAME_MAX`] characters, no control characters.
pub fn is_kiosk_name(s: &str) -> bool {
    let n = s.chars().count();
    (1..=KIOSK_NAME_MAX).contains(&n) && !s.chars().any(|c| c < ' ' || c == '\x7f')
}

fn is_id(s: &str) -> bool {
    (1..=100).contains(&s.chars().count())
}

fn is_reservation_code(s: &str) -> bool {
    s.len() == 10
        && s.bytes().all(|b| {
            let u = b.to_ascii_uppercase();
            u.is_ascii_digit()
                || (u.is_ascii_uppercase() && !matches!(u, b'I' | b'L' | b'O' | b'U'))
        })
}

/// The faults of a settings input (empty when it is valid). Existence of the campaign and
/// the products is the server's to check; repeated products are dropped by the server.
pub fn check_kiosk_settings(s: &KioskSettingsInput) -> Vec<FieldError> {
    let mut out = Vec::new();
    if !(KIOSK_IDLE_MIN..=KIOSK_IDLE_MAX).contains(&s.idle_seconds) {
        out.push(fault(
            "/idle_seconds",
            format!("expected {KIOSK_IDLE_MIN}..={KIOSK_IDLE_MAX} seconds"),
        ));
    }
    if !(KIOSK_WARNING_MIN..=KIOSK_WARNING_MAX).contains(&s.warning_seconds) {
        out.push(fault(
            "/warning_seconds",
            format!("expected {KIOSK_WARNING_MIN}..={KIOSK_WARNING_MAX} seconds"),
        ));
    }
    if s.attract_campaign
        .as_deref()
        .is_some_and(|c| !is_campaign_slug(c))
    {
        out.push(fault("/attract_campaign", "expected a campaign slug"));
    }
    if s.attract_product_ids.len() > KIOSK_ATTRACT_PRODUCTS_MAX {
        out.push(fault(
            "/attract_product_ids",
            format!("at most {KIOSK_ATTRACT_PRODUCTS_MAX} products"),
        ));
    }
    for (i, id) in s.attract_product_ids.iter().enumerate() {
        if !is_id(&id.0) {
            out.push(fault(
                &format!("/attract_product_ids/{i}"),
                "expected a product id",
            ));
        }
    }
    if !is_maintenance_time(&s.maintenance_time) {
        out.push(fault("/maintenance_time", "expected HH:MM (24 hours)"));
    }
    if let Some(pin) = &s.exit_pin {
        let digits = pin.bytes().all(|b| b.is_ascii_digit());
        if !(pin.is_empty() || (digits && (4..=8).contains(&pin.len()))) {
            out.push(fault(
                "/exit_pin",
                "expected 4 to 8 digits, or \"\" to remove it",
            ));
        }
    }
    out
}

/// The faults of a hand-off request (empty when it is valid).
pub fn check_handoff_request(r: &KioskHandoffRequest) -> Vec<FieldError> {
    let mut out = Vec::new();
    if !is_handoff_route(&r.route) {
        out.push(fault(
            "/route",
            "expected an app path starting with one /, at most 300 characters, without \\, # or spaces",
        ));
    }
    if r.variant_id.as_ref().is_some_and(|v| !is_id(&v.0)) {
        out.push(fault("/variant_id", "expected a variant id"));
    }
    if r.wishlist.len() > HANDOFF_WISHLIST_MAX {
        out.push(fault(
            "/wishlist",
            format!("at most {HANDOFF_WISHLIST_MAX} items"),
        ));
    }
    for (i, id) in r.wishlist.iter().enumerate() {
        if !is_id(&id.0) {
            out.push(fault(&format!("/wishlist/{i}"), "expected a product id"));
        }
    }
    if r.tour_scene.as_deref().is_some_and(|s| !is_id(s)) {
        out.push(fault("/tour_scene", "expected 1 to 100 characters"));
    }
    if let Some(v) = &r.tour_view {
        let bounds = [
            ("/tour_view/yaw", v.yaw, -180.0, 180.0),
            ("/tour_view/pitch", v.pitch, -90.0, 90.0),
            ("/tour_view/fov", v.fov, TOUR_FOV_MIN, TOUR_FOV_MAX),
        ];
        for (pointer, x, lo, hi) in bounds {
            if !(lo..=hi).contains(&x) {
                out.push(fault(pointer, format!("expected {lo}..={hi}")));
            }
        }
    }
    if r.reservation_code
        .as_deref()
        .is_some_and(|c| !is_reservation_code(c))
    {
        out.push(fault("/reservation_code", "expected a reservation code"));
    }
    out
}

/// The faults of a heartbeat (empty when it is valid).
pub fn check_heartbeat(h: &KioskHeartbeat) -> Vec<FieldError> {
    let mut out = Vec::new();
    if h.app_version.chars().count() > HEARTBEAT_VERSION_MAX {
        out.push(fault(
            "/app_version",
            format!("at most {HEARTBEAT_VERSION_MAX} characters"),
        ));
    }
    if h.js_heap_bytes.is_some_and(|b| b > HEARTBEAT_HEAP_MAX) {
        out.push(fault(
            "/js_heap_bytes",
            format!("at most {HEARTBEAT_HEAP_MAX}"),
        ));
    }
    if !is_heartbeat_route(&h.route) {
        out.push(fault(
            "/route",
            "expected a path (no query or fragment), at most 200 characters",
        ));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pointers(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.pointer.as_str()).collect()
    }

    #[test]
    fn pairing_codes_are_read_as_typed() {
        assert_eq!(
            normalize_pairing_code("abcd-efgh").as_deref(),
            Some("ABCDEFGH")
        );
        assert_eq!(
            normalize_pairing_code(" ABCD EFGH ").as_deref(),
            Some("ABCDEFGH")
        );
        for bad in [
            "",
            "ABCD-EFG",
            "ABCD-EFGHJ",
            "ABCD-EFG0",
            "ABCD-EFGI",
            "ÄBCD-EFGH",
        ] {
            assert_eq!(normalize_pairing_code(bad), None, "{bad}");
        }
        assert_eq!(format_pairing_code("ABCDEFGH"), "ABCD-EFGH");
        assert_eq!(KIOSK_CODE_ALPHABET.len(), 31);
    }

    #[test]
    fn handoff_tokens() {
        assert_eq!(
            normalize_handoff_token("abcdefgh23").as_deref(),
            Some("ABCDEFGH23")
        );
        for bad in ["ABCDEFGH2", "ABCDEFGH201", "ABCDEFGHI2", "ABCDEFGH 2"] {
            assert_eq!(normalize_handoff_token(bad), None, "{bad}");
        }
    }

    #[test]
    fn maintenance_times() {
        for ok in ["00:00", "04:00", "19:59", "23:59"] {
            assert!(is_maintenance_time(ok), "{ok}");
        }
        for bad in ["24:00", "25:00", "4:00", "04:60", "ab", "04:00 ", "0400"] {
            assert!(!is_maintenance_time(bad), "{bad}");
        }
    }

    #[test]
    fn routes() {
        for ok in [
            "/",
            "/p/shoe?variant=v1",
            "/search?q=鞋",
            "/tour/s_sh_jingan",
        ] {
            assert!(is_handoff_route(ok), "{ok}");
        }
        let long = format!("/{}", "a".repeat(300));
        for bad in [
            "",
            "p/shoe",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "/p#x",
            "/a b",
            long.as_str(),
        ] {
            assert!(!is_handoff_route(bad), "{bad}");
        }
        assert!(is_heartbeat_route("/p/shoe"));
        for bad in ["/p?x=1", "/p#x", "p", "/a\nb"] {
            assert!(!is_heartbeat_route(bad), "{bad}");
        }
    }

    #[test]
    fn settings_faults_name_their_fields() {
        assert!(check_kiosk_settings(&KioskSettingsInput::default()).is_empty());
        let bad = KioskSettingsInput {
            idle_seconds: 29,
            warning_seconds: 19,
            attract_campaign: Some("Not A Slug".to_owned()),
            attract_product_ids: (0..13).map(|i| ProductId(format!("p{i}"))).collect(),
            maintenance_time: "25:00".to_owned(),
            exit_pin: Some("12a".to_owned()),
            ..KioskSettingsInput::default()
        };
        assert_eq!(
            pointers(&check_kiosk_settings(&bad)),
            [
                "/idle_seconds",
                "/warning_seconds",
                "/attract_campaign",
                "/attract_product_ids",
                "/maintenance_time",
                "/exit_pin"
            ]
        );
        let edges = KioskSettingsInput {
            idle_seconds: 301,
            warning_seconds: 121,
            exit_pin: Some(String::new()),
            ..KioskSettingsInput::default()
        };
        assert_eq!(
            pointers(&check_kiosk_settings(&edges)),
            ["/idle_seconds", "/warning_seconds"]
        );
    }

    #[test]
    fn handoff_request_faults_name_their_fields() {
        let ok = KioskHandoffRequest {
            route: "/p/shoe".to_owned(),
            tour_view: Some(View {
                yaw: 180.0,
                pitch: -90.0,
                fov: 30.0,
            }),
            reservation_code: Some("abcdefgh23".to_owned()),
            ..KioskHandoffRequest::default()
        };
        assert!(check_handoff_request(&ok).is_empty());
        let bad = KioskHandoffRequest {
            route: "//evil".to_owned(),
            wishlist: vec![ProductId(String::new())],
            tour_view: Some(View {
                yaw: 181.0,
                pitch: 0.0,
                fov: 120.0,
            }),
            reservation_code: Some("ABCDEFGHIU".to_owned()),
            ..KioskHandoffRequest::default()
        };
        assert_eq!(
            pointers(&check_handoff_request(&bad)),
            [
                "/route",
                "/wishlist/0",
                "/tour_view/yaw",
                "/tour_view/fov",
                "/reservation_code"
            ]
        );
    }

    #[test]
    fn integers_may_be_written_with_a_fraction() {
        let s: KioskSettingsInput =
            serde_json::from_str(r#"{"idle_seconds":31.0,"warning_seconds":20}"#).unwrap();
        assert_eq!((s.idle_seconds, s.warning_seconds), (31, 20));
        let h: KioskHeartbeat = serde_json::from_str(
            r#"{"app_version":"","js_heap_bytes":4637.0,"webgl":false,"route":"/"}"#,
        )
        .unwrap();
        assert_eq!(h.js_heap_bytes, Some(4637));
        let h: KioskHeartbeat = serde_json::from_str(
            r#"{"app_version":"","js_heap_bytes":null,"webgl":false,"route":"/"}"#,
        )
        .unwrap();
        assert_eq!(h.js_heap_bytes, None);
        let huge = KioskHeartbeat {
            js_heap_bytes: Some(HEARTBEAT_HEAP_MAX + 1),
            ..h
        };
        assert_eq!(pointers(&check_heartbeat(&huge)), ["/js_heap_bytes"]);
        assert!(serde_json::from_str::<KioskSettingsInput>(r#"{"idle_seconds":31.5}"#).is_err());
    }

    #[test]
    fn status_follows_the_last_heartbeat() {
        assert_eq!(kiosk_status(None, 1000), KioskStatus::NeverSeen);
        assert_eq!(kiosk_status(Some(820), 1000), KioskStatus::Online);
        assert_eq!(kiosk_status(Some(819), 1000), KioskStatus::Stale);
    }
}
