//! The JSON bodies the SPA sends, written by hand: the app's wasm carries no JSON writer
//! (serde_json's would bring its I/O error machinery along for these few bodies). Each
//! encoder sits next to its type's contract and is tested below against serde's output.

use crate::{
    AppointmentRequest, Attribution, CampaignView, ClaimRequest, HandoffRequest, KioskExit,
    KioskHandoffRequest, KioskHeartbeat, KioskPairRequest, ReservationRequest, SearchClick,
    SignInCodeRequest, SignInVerify,
};

/// Appends `s` as a JSON string literal (quoted and escaped as serde_json does).
pub fn push_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `{"key":"value"` / `,"key":"value"`: one string field of an object being written.
fn push_field(out: &mut String, key: &str, value: &str) {
    out.push(if out.is_empty() { '{' } else { ',' });
    out.push('"');
    out.push_str(key);
    out.push_str("\":");
    push_json_string(out, value);
}

impl Attribution {
    /// The JSON object, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let fields = [
            ("campaign", self.campaign.as_deref()),
            ("utm_source", self.utm_source.as_deref()),
            ("utm_medium", self.utm_medium.as_deref()),
            ("utm_campaign", self.utm_campaign.as_deref()),
            ("embed_origin", self.embed_origin.as_deref()),
            ("store_id", self.store_id.as_ref().map(|s| s.as_str())),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                push_field(&mut out, key, value);
            }
        }
        if out.is_empty() {
            out.push('{');
        }
        out.push('}');
        out
    }

    /// `,"attribution":{…}` unless it is empty (serde skips an empty attribution).
    fn push_member(&self, out: &mut String) {
        if !self.is_empty() {
            out.push_str(",\"attribution\":");
            out.push_str(&self.to_json());
        }
    }
}

impl CampaignView {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"attribution\":");
        out.push_str(&self.attribution.to_json());
        out.push_str(if self.embedded {
            ",\"embedded\":true}"
        } else {
            ",\"embedded\":false}"
        });
        out
    }
}

impl HandoffRequest {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        format!("{{\"attribution\":{}}}", self.attribution.to_json())
    }
}

impl ReservationRequest {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_field(&mut out, "variant_id", self.variant_id.as_str());
        push_field(&mut out, "store_id", self.store_id.as_str());
        out.push_str(",\"quantity\":");
        out.push_str(&self.quantity.to_string());
        push_field(&mut out, "name", &self.name);
        push_field(&mut out, "phone", &self.phone);
        self.attribution.push_member(&mut out);
        out.push('}');
        out
    }
}

impl AppointmentRequest {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_field(&mut out, "store_id", self.store_id.as_str());
        push_field(&mut out, "start", &self.start);
        push_field(&mut out, "name", &self.name);
        push_field(&mut out, "phone", &self.phone);
        self.attribution.push_member(&mut out);
        out.push('}');
        out
    }
}

impl SignInCodeRequest {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_field(&mut out, "login", &self.login);
        out.push('}');
        out
    }
}

impl SignInVerify {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_field(&mut out, "login", &self.login);
        push_field(&mut out, "code", &self.code);
        out.push_str(if self.agree_terms {
            ",\"agree_terms\":true}"
        } else {
            ",\"agree_terms\":false}"
        });
        out
    }
}

impl ClaimRequest {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_field(&mut out, "offer", &self.offer);
        self.attribution.push_member(&mut out);
        if let Some(handoff) = &self.handoff {
            push_field(&mut out, "handoff", handoff);
        }
        out.push('}');
        out
    }
}

impl SearchClick {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_field(&mut out, "q", &self.q);
        push_field(&mut out, "product", &self.product);
        out.push('}');
        out
    }
}

/// `,"key":null` or `,"key":"value"`: an optional string field (serde writes `null`).
fn push_opt(out: &mut String, key: &str, value: Option<&str>) {
    match value {
        Some(v) => push_field(out, key, v),
        None => {
            out.push(if out.is_empty() { '{' } else { ',' });
            out.push('"');
            out.push_str(key);
            out.push_str("\":null");
        }
    }
}

impl KioskPairRequest {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_field(&mut out, "code", &self.code);
        out.push('}');
        out
    }
}

impl KioskExit {
    /// The JSON body, as serde writes it.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_opt(&mut out, "key", self.key.as_deref());
        push_opt(&mut out, "pin", self.pin.as_deref());
        out.push('}');
        out
    }
}

impl KioskHeartbeat {
    /// The JSON body (the same value serde writes).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_field(&mut out, "app_version", &self.app_version);
        let at = self.last_frame_at.map(|t| t.to_string());
        push_opt(&mut out, "last_frame_at", at.as_deref());
        out.push_str(",\"js_heap_bytes\":");
        match self.js_heap_bytes {
            Some(n) => out.push_str(&n.to_string()),
            None => out.push_str("null"),
        }
        out.push_str(if self.webgl {
            ",\"webgl\":true"
        } else {
            ",\"webgl\":false"
        });
        push_field(&mut out, "route", &self.route);
        out.push('}');
        out
    }
}

impl KioskHandoffRequest {
    /// The JSON body (the same value serde writes).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        push_field(&mut out, "route", &self.route);
        push_opt(
            &mut out,
            "variant_id",
            self.variant_id.as_ref().map(|v| v.as_str()),
        );
        out.push_str(",\"wishlist\":[");
        for (i, id) in self.wishlist.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_string(&mut out, &id.0);
        }
        out.push(']');
        push_opt(&mut out, "tour_scene", self.tour_scene.as_deref());
        out.push_str(",\"tour_view\":");
        match &self.tour_view {
            Some(v) => out.push_str(&format!(
                // `{:?}` keeps the decimal point serde writes (`75.0`)
                "{{\"yaw\":{:?},\"pitch\":{:?},\"fov\":{:?}}}",
                finite(v.yaw),
                finite(v.pitch),
                finite(v.fov)
            )),
            None => out.push_str("null"),
        }
        push_opt(
            &mut out,
            "reservation_code",
            self.reservation_code.as_deref(),
        );
        out.push('}');
        out
    }
}

/// A number JSON can carry (a NaN or infinity becomes 0).
fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::{StoreId, VariantId};

    /// Strings that need every kind of escape.
    const AWKWARD: [&str; 5] = [
        "",
        "李 \"小\" 明",
        "back\\slash / slash",
        "\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}",
        "emoji 🛍️ and 中文",
    ];

    fn serde<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_string(value).expect("serialises")
    }

    #[test]
    fn json_strings_are_escaped_as_serde_does() {
        for s in AWKWARD {
            let mut out = String::new();
            push_json_string(&mut out, s);
            assert_eq!(out, serde(&s), "{s:?}");
        }
    }

    /// No attribution, a partial one and a full one of awkward values.
    fn attributions(s: &str) -> [Attribution; 3] {
        let v = || Some(s.to_owned());
        [
            Attribution::default(),
            Attribution {
                utm_medium: v(),
                store_id: Some(StoreId(format!("s_{s}"))),
                ..Attribution::default()
            },
            Attribution {
                campaign: v(),
                utm_source: v(),
                utm_medium: v(),
                utm_campaign: v(),
                embed_origin: v(),
                store_id: Some(StoreId(s.to_owned())),
            },
        ]
    }

    #[test]
    fn request_bodies_are_serdes() {
        for (s, attribution) in AWKWARD
            .into_iter()
            .flat_map(|s| attributions(s).map(|a| (s, a)))
        {
            assert_eq!(attribution.to_json(), serde(&attribution));
            for embedded in [false, true] {
                let view = CampaignView {
                    attribution: attribution.clone(),
                    embedded,
                };
                assert_eq!(view.to_json(), serde(&view));
            }
            let handoff = HandoffRequest {
                attribution: attribution.clone(),
            };
            assert_eq!(handoff.to_json(), serde(&handoff));
            let reservation = ReservationRequest {
                variant_id: VariantId(format!("v_{s}")),
                store_id: StoreId(format!("s_{s}")),
                quantity: 3,
                name: s.to_owned(),
                phone: s.to_owned(),
                attribution: attribution.clone(),
            };
            assert_eq!(reservation.to_json(), serde(&reservation));
            let appointment = AppointmentRequest {
                store_id: StoreId(s.to_owned()),
                start: format!("2026-11-24T10:30{s}"),
                name: s.to_owned(),
                phone: s.to_owned(),
                attribution: attribution.clone(),
            };
            assert_eq!(appointment.to_json(), serde(&appointment));
            let code = SignInCodeRequest {
                login: s.to_owned(),
            };
            assert_eq!(code.to_json(), serde(&code));
            for agree_terms in [false, true] {
                let verify = SignInVerify {
                    login: s.to_owned(),
                    code: "123456".to_owned(),
                    agree_terms,
                };
                assert_eq!(verify.to_json(), serde(&verify));
            }
            for handoff in [None, Some(format!("ho_{s}"))] {
                let claim = ClaimRequest {
                    offer: s.to_owned(),
                    attribution: attribution.clone(),
                    handoff,
                };
                assert_eq!(claim.to_json(), serde(&claim));
            }
            let click = SearchClick {
                q: s.to_owned(),
                product: format!("p_{s}"),
            };
            assert_eq!(click.to_json(), serde(&click));
        }
    }

    // Moved from the SPA (src/components/reserve.rs, src/logic/tour.rs, src/logic/member.rs)
    // with the encoders.

    #[test]
    fn body_is_the_contract_json() {
        let body = ReservationRequest {
            variant_id: VariantId("v_1".to_owned()),
            store_id: StoreId("s_sh".to_owned()),
            quantity: 2,
            name: "李 \"小\" 明".to_owned(),
            phone: "13812345678".to_owned(),
            attribution: Attribution::default(),
        }
        .to_json();
        let parsed: ReservationRequest =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}")); // ok: test only
        assert_eq!(parsed.name, "李 \"小\" 明");
        assert_eq!(parsed.quantity, 2);
        assert_eq!(parsed.store_id.as_str(), "s_sh");
    }

    #[test]
    fn appointment_body_is_the_contract_json() {
        let body = AppointmentRequest {
            store_id: StoreId("s_sh_jingan".to_owned()),
            start: "2026-11-24T10:30".to_owned(),
            name: "王 \"小\" 二".to_owned(),
            phone: "13812345678".to_owned(),
            attribution: Attribution::default(),
        }
        .to_json();
        let parsed: AppointmentRequest =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}")); // ok: test only
        assert_eq!(parsed.name, "王 \"小\" 二");
        assert_eq!(parsed.start, "2026-11-24T10:30");
        assert_eq!(parsed.store_id.as_str(), "s_sh_jingan");
    }

    #[test]
    fn sign_in_bodies() {
        assert_eq!(
            SignInCodeRequest {
                login: "a\"b".to_owned()
            }
            .to_json(),
            r#"{"login":"a\"b"}"#
        );
        assert_eq!(
            SignInVerify {
                login: "13800000001".to_owned(),
                code: "123456".to_owned(),
                agree_terms: true
            }
            .to_json(),
            r#"{"login":"13800000001","code":"123456","agree_terms":true}"#
        );
    }

    #[test]
    fn kiosk_bodies_are_what_serde_writes() {
        let value = |json: &str| serde_json::from_str::<serde_json::Value>(json).expect("json");
        let same =
            |mine: String, theirs: String| assert_eq!(value(&mine), value(&theirs), "{mine}");
        for s in AWKWARD {
            let pair = KioskPairRequest { code: s.to_owned() };
            same(pair.to_json(), serde(&pair));
            for exit in [
                KioskExit::default(),
                KioskExit {
                    key: Some(s.to_owned()),
                    pin: Some("1234".into()),
                },
            ] {
                same(exit.to_json(), serde(&exit));
            }
            for beat in [
                KioskHeartbeat {
                    app_version: s.to_owned(),
                    last_frame_at: None,
                    js_heap_bytes: None,
                    webgl: false,
                    route: format!("/{s}"),
                },
                KioskHeartbeat {
                    app_version: "v1".into(),
                    last_frame_at: Some(crate::Timestamp::from_unix(1_765_000_000)),
                    js_heap_bytes: Some(12_345_678),
                    webgl: true,
                    route: "/product/x".into(),
                },
            ] {
                same(beat.to_json(), serde(&beat));
            }
            for request in [
                KioskHandoffRequest::default(),
                KioskHandoffRequest {
                    route: format!("/search?q={s}"),
                    variant_id: Some(VariantId(s.to_owned())),
                    wishlist: vec![
                        crate::ProductId("p_1".into()),
                        crate::ProductId(s.to_owned()),
                    ],
                    tour_scene: Some(s.to_owned()),
                    tour_view: Some(crate::View {
                        yaw: -12.5,
                        pitch: 0.0,
                        fov: 75.0,
                    }),
                    reservation_code: Some(s.to_owned()),
                },
            ] {
                same(request.to_json(), serde(&request));
            }
        }
    }
}
