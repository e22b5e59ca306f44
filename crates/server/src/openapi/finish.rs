//! What every operation of the document shares, added once after the routes registered
//! theirs: the answers the HTTP layer gives on any route (400, 408, 413, 414, 415, 431),
//! `Retry-After` on every 429, the schema of the headers several routes take
//! (`Idempotency-Key`, `X-Requested-With`), the member session on every `/api/v1/me`
//! route, the marketing session on every `/api/v1/marketing` route but signing in and out, the
//! kiosk's device cookie on every `/api/v1/kiosk` route but pairing, and
//! the links a client (or a stateful test) follows from one answer to the next operation.
//!
//! Written as a pass over the assembled document rather than repeated in each handler's
//! annotation: each of these facts has one source here, next to the limit it documents.

use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{OpenApi, Ref, RefOr, Response, ResponseBuilder};

use crate::http::idempotency::IDEMPOTENCY_KEY_MAX;
use crate::kiosks::KIOSK_COOKIE;
use crate::marketing::session::MARKETING_COOKIE;
use crate::members::SESSION_COOKIE;

/// The security scheme of the member's session cookie.
pub const MEMBER_SESSION: &str = "member_session";

/// The security scheme of the marketing workspace's session cookie.
pub const MARKETING_SESSION: &str = "marketing_session";

/// The security scheme of a kiosk's device cookie.
pub const KIOSK_DEVICE: &str = "kiosk_device";

/// Completes `doc` (see the module documentation).
pub fn finish(doc: &mut OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        MEMBER_SESSION,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            SESSION_COOKIE,
            "The member's session, set by `POST /api/v1/auth/verify` (HttpOnly)",
        ))),
    );
    components.add_security_scheme(
        MARKETING_SESSION,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            MARKETING_COOKIE,
            "The marketing session, set by `POST /api/v1/marketing/session` (HttpOnly)",
        ))),
    );
    components.add_security_scheme(
        KIOSK_DEVICE,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            KIOSK_COOKIE,
            "The kiosk's device secret, set by `POST /api/v1/kiosk/pair` (HttpOnly, 400 days)",
        ))),
    );
    for (name, description) in SHARED_RESPONSES {
        components
            .responses
            .insert((*name).to_owned(), RefOr::T(problem(description)));
    }
    for (path, item) in doc.paths.paths.iter_mut() {
        // Signing in and out are the marketing operations without the session (signing
        // out answers 204 without one, like the member's).
        if path == "/api/v1/marketing/session" {
            for op in [item.post.as_mut(), item.delete.as_mut()]
                .into_iter()
                .flatten()
            {
                op.security = Some(Vec::new());
            }
        }
        for op in operations(item) {
            shared_headers(op);
            shared_responses(op);
            if path.starts_with("/api/v1/me") {
                op.security = Some(vec![SecurityRequirement::new(
                    MEMBER_SESSION,
                    Vec::<String>::new(),
                )]);
            }
            let kiosk = path == "/api/v1/kiosk" || path.starts_with("/api/v1/kiosk/");
            if kiosk && path != "/api/v1/kiosk/pair" {
                op.security = Some(vec![SecurityRequirement::new(
                    KIOSK_DEVICE,
                    Vec::<String>::new(),
                )]);
            }
            if path.starts_with("/api/v1/marketing") && op.security.is_none() {
                op.security = Some(vec![SecurityRequirement::new(
                    MARKETING_SESSION,
                    Vec::<String>::new(),
                )]);
            }
        }
    }
}

/// The answers of the HTTP layer, each a component response (name, description).
const SHARED_RESPONSES: &[(&str, &str)] = &[
    ("BadRequest", "A malformed request: a query parameter that takes one value sent twice, a query or path value that is not UTF-8 or breaks its schema (`invalid_query`, `invalid_path`), or a request line or header the HTTP parser refuses (then without a body)"),
    ("RequestTimeout", "`request_timeout`: the body did not arrive within the body deadline (`--body-timeout-seconds`)"),
    ("BodyTooLarge", "`body_too_large`: the body is over `--max-body-bytes` (refused from `Content-Length` before reading)"),
    ("UriTooLong", "`uri_too_long`: the request target is over 16 KiB"),
    ("UnsupportedMediaType", "`unsupported_media_type`: the body is not `application/json`"),
    ("HeadersTooLarge", "`headers_too_large`: the request headers are over 32 KiB (or more than 100 headers, answered by the HTTP parser without a body)"),
];

fn problem(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
    ]
    .into_iter()
    .flatten()
}

fn string_schema(pattern: &str, min: usize, max: usize) -> RefOr<Schema> {
    RefOr::T(Schema::Object(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(min))
            .max_length(Some(max))
            .pattern(Some(pattern))
            .build(),
    ))
}

/// The schema of the headers several routes take, from the rules their extractors apply.
fn shared_headers(op: &mut Operation) {
    for p in op.parameters.iter_mut().flatten() {
        if p.parameter_in != ParameterIn::Header {
            continue;
        }
        match p.name.as_str() {
            // crate::http::idempotency: visible ASCII, 1..=IDEMPOTENCY_KEY_MAX bytes
            "Idempotency-Key" => {
                p.schema = Some(string_schema("^[!-~]+$", 1, IDEMPOTENCY_KEY_MAX));
            }
            // crate::http::session::csrf_guard (or a same-origin `Origin`)
            "X-Requested-With" => {
                p.schema = Some(RefOr::T(Schema::Object(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some(["storefront"]))
                        .build(),
                )));
            }
            _ => {}
        }
    }
}

fn shared_responses(op: &mut Operation) {
    let has_body = op.request_body.is_some();
    let answers = &mut op.responses.responses;
    let mut add = |status: &str, name: &str| {
        answers
            .entry(status.to_owned())
            .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
    };
    add("400", "BadRequest");
    add("414", "UriTooLong");
    add("431", "HeadersTooLarge");
    if has_body {
        add("408", "RequestTimeout");
        add("413", "BodyTooLarge");
        add("415", "UnsupportedMediaType");
    }
    if let Some(RefOr::T(limited)) = answers.get_mut("429") {
        limited
            .headers
            .entry("Retry-After".to_owned())
            .or_insert_with(|| {
                HeaderBuilder::new()
                    .schema(
                        ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .minimum(Some(1)),
                    )
                    .description(Some("Seconds until one more request is allowed"))
                    .build()
            });
    }
}

/// One link: from `(operation, status)` to the operation `to`, with its parameters and
/// body taken from the answer (runtime expressions).
struct Link {
    from: &'static str,
    statuses: &'static [&'static str],
    name: &'static str,
    to: &'static str,
    parameters: &'static [(&'static str, &'static str)],
    body: Option<fn() -> serde_json::Value>,
}

/// The chains a client follows: reserve -> read -> cancel (and collect), book -> read ->
/// cancel, claim -> wallet -> tokens -> redeem, scan tokens -> verify and earn at the till.
const LINKS: &[Link] = &[
    Link {
        from: "createKiosk",
        statuses: &["201"],
        name: "GetKiosk",
        to: "getKiosk",
        parameters: &[("kiosk_id", "$response.body#/kiosk_id")],
        body: None,
    },
    Link {
        from: "createKioskHandoff",
        statuses: &["201"],
        name: "GetKioskHandoff",
        to: "getKioskHandoff",
        parameters: &[("token", "$response.body#/token")],
        body: None,
    },
    Link {
        from: "createKioskHandoff",
        statuses: &["201"],
        name: "OpenKioskHandoff",
        to: "openKioskHandoff",
        parameters: &[("token", "$response.body#/token")],
        body: None,
    },
    Link {
        from: "createReservation",
        statuses: &["200", "201"],
        name: "GetReservation",
        to: "getReservation",
        parameters: &[("code", "$response.body#/code")],
        body: None,
    },
    Link {
        from: "createReservation",
        statuses: &["200", "201"],
        name: "GetReservationQr",
        to: "getReservationQr",
        parameters: &[("code", "$response.body#/code")],
        body: None,
    },
    Link {
        from: "createReservation",
        statuses: &["200", "201"],
        name: "CancelReservation",
        to: "cancelReservation",
        parameters: &[("code", "$response.body#/code")],
        body: None,
    },
    Link {
        from: "createReservation",
        statuses: &["200", "201"],
        name: "CollectReservation",
        to: "collectReservation",
        parameters: &[
            ("code", "$response.body#/code"),
            ("store_id", "$response.body#/store/id"),
        ],
        body: None,
    },
    Link {
        from: "getReservation",
        statuses: &["200"],
        name: "CancelReservation",
        to: "cancelReservation",
        parameters: &[("code", "$response.body#/code")],
        body: None,
    },
    Link {
        from: "createAppointment",
        statuses: &["200", "201"],
        name: "GetAppointment",
        to: "getAppointment",
        parameters: &[("code", "$response.body#/code")],
        body: None,
    },
    Link {
        from: "createAppointment",
        statuses: &["200", "201"],
        name: "GetAppointmentQr",
        to: "getAppointmentQr",
        parameters: &[("code", "$response.body#/code")],
        body: None,
    },
    Link {
        from: "createAppointment",
        statuses: &["200", "201"],
        name: "CancelAppointment",
        to: "cancelAppointment",
        parameters: &[("code", "$response.body#/code")],
        body: None,
    },
    Link {
        from: "getAppointment",
        statuses: &["200"],
        name: "CancelAppointment",
        to: "cancelAppointment",
        parameters: &[("code", "$response.body#/code")],
        body: None,
    },
    Link {
        from: "listOffers",
        statuses: &["200"],
        name: "GetOffer",
        to: "getOffer",
        parameters: &[("code", "$response.body#/data/0/code")],
        body: None,
    },
    Link {
        from: "listOffers",
        statuses: &["200"],
        name: "ClaimCoupon",
        to: "claimCoupon",
        parameters: &[],
        body: Some(|| serde_json::json!({ "offer": "$response.body#/data/0/code" })),
    },
    Link {
        from: "claimCoupon",
        statuses: &["200", "201"],
        name: "GetCouponTokens",
        to: "getCouponTokens",
        parameters: &[("id", "$response.body#/id")],
        body: None,
    },
    Link {
        from: "getWallet",
        statuses: &["200"],
        name: "GetCouponTokens",
        to: "getCouponTokens",
        parameters: &[("id", "$response.body#/available/0/id")],
        body: None,
    },
    Link {
        from: "getCouponTokens",
        statuses: &["200"],
        name: "RedeemCoupon",
        to: "posRedeem",
        parameters: &[],
        body: Some(
            || serde_json::json!({ "coupon_token": "$response.body#/tokens/0/token", "store_id": "s_sh_jingan", "receipt_no": "R-LINK-1" }),
        ),
    },
    Link {
        from: "issueScanTokens",
        statuses: &["200"],
        name: "VerifyScanToken",
        to: "posVerifyToken",
        parameters: &[],
        body: Some(
            || serde_json::json!({ "token": "$response.body#/tokens/0/token", "store_id": "s_sh_jingan" }),
        ),
    },
    Link {
        from: "issueScanTokens",
        statuses: &["200"],
        name: "EarnPoints",
        to: "posEarn",
        parameters: &[],
        body: Some(
            || serde_json::json!({ "scan_token": "$response.body#/tokens/0/token", "store_id": "s_sh_jingan", "receipt_no": "R-LINK-2", "amount": { "amount_minor": 19900, "currency": "CNY" } }),
        ),
    },
    Link {
        from: "listProducts",
        statuses: &["200"],
        name: "GetProduct",
        to: "getProduct",
        parameters: &[("id_or_slug", "$response.body#/data/0/id")],
        body: None,
    },
    Link {
        from: "listStores",
        statuses: &["200"],
        name: "GetStore",
        to: "getStore",
        parameters: &[("id_or_slug", "$response.body#/data/0/id")],
        body: None,
    },
    Link {
        from: "listStores",
        statuses: &["200"],
        name: "ListGuideSlots",
        to: "listGuideSlots",
        parameters: &[("id_or_slug", "$response.body#/data/0/id")],
        body: None,
    },
];

/// Adds [`LINKS`] to the document as JSON (utoipa 5 writes a link's `operationId` as
/// `operation_id`, which no client reads, so the links are written here by hand).
pub fn links(doc: &mut serde_json::Value) {
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for op in item.values_mut() {
            let Some(id) = op
                .get("operationId")
                .and_then(|i| i.as_str())
                .map(str::to_owned)
            else {
                continue;
            };
            for link in LINKS.iter().filter(|l| l.from == id) {
                for status in link.statuses {
                    let Some(answer) = op.pointer_mut(&format!("/responses/{status}")) else {
                        continue;
                    };
                    let mut value = serde_json::json!({ "operationId": link.to });
                    if !link.parameters.is_empty() {
                        value["parameters"] = link
                            .parameters
                            .iter()
                            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
                            .collect::<serde_json::Map<_, _>>()
                            .into();
                    }
                    if let Some(body) = link.body {
                        value["requestBody"] = body();
                    }
                    if let Some(answer) = answer.as_object_mut() {
                        let links = answer
                            .entry("links")
                            .or_insert_with(|| serde_json::json!({}));
                        links[link.name] = value;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every link names operations, parameters and statuses that exist in the document,
    /// and is written with the names OpenAPI gives them.
    #[test]
    fn links_name_real_operations_and_parameters() {
        let doc = crate::openapi::document();
        let mut ops = std::collections::HashMap::new();
        for item in doc["paths"]
            .as_object()
            .into_iter()
            .flat_map(|p| p.values())
        {
            for op in item.as_object().into_iter().flat_map(|o| o.values()) {
                let params: Vec<String> = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p["name"].as_str().map(str::to_owned))
                    .collect();
                let statuses: Vec<String> = op["responses"]
                    .as_object()
                    .map(|r| r.keys().cloned().collect())
                    .unwrap_or_default();
                ops.insert(
                    op["operationId"].as_str().unwrap_or_default().to_owned(),
                    (params, statuses, op.clone()),
                );
            }
        }
        for l in LINKS {
            let (_, statuses, op) = ops.get(l.from).unwrap_or_else(|| panic!("no {}", l.from));
            for s in l.statuses {
                assert!(statuses.iter().any(|x| x == s), "{} answers no {s}", l.from);
                assert_eq!(op["responses"][*s]["links"][l.name]["operationId"], l.to);
            }
            let (params, _, _) = ops.get(l.to).unwrap_or_else(|| panic!("no {}", l.to));
            for (p, _) in l.parameters {
                assert!(params.iter().any(|x| x == p), "{} takes no {p}", l.to);
            }
        }
    }
}
