//! The contract a generated client trusts (issue 12): the document names every status an
//! operation can answer, the member session and the links between operations; and the
//! server accepts exactly the shapes the document states (`scripts/contract.mjs` runs
//! schemathesis over the whole document; these are the cases it found, pinned).

use crate::helpers::{assert_problem, spawn_with};
use serde_json::Value;
use storefront_api_types::Reservation;

const JINGAN: &str = "s_sh_jingan";
const VARIANT: &str = "v_000003_01";

fn operations(doc: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            out.push((format!("{} {path}", method.to_uppercase()), op));
        }
    }
    out
}

#[tokio::test]
async fn every_operation_documents_what_the_http_layer_can_answer() {
    let app = spawn_with(10, None).await;
    let doc: Value = app.openapi().json().await;
    let ops = operations(&doc);
    assert!(ops.len() > 40);
    for (name, op) in &ops {
        let answers = &op["responses"];
        for status in ["400", "414", "431"] {
            assert!(
                answers.get(status).is_some(),
                "{name} does not document {status}"
            );
        }
        if op.get("requestBody").is_some() {
            for status in ["408", "413", "415"] {
                assert!(
                    answers.get(status).is_some(),
                    "{name} does not document {status}"
                );
            }
        }
        if let Some(limited) = answers.get("429") {
            assert!(
                limited["headers"].get("Retry-After").is_some(),
                "{name}: 429 without Retry-After"
            );
        }
        if name.contains(" /api/v1/me") {
            assert_eq!(
                op["security"][0]["member_session"],
                serde_json::json!([]),
                "{name}"
            );
        }
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["member_session"]["in"],
        "cookie"
    );
    // the chains a client follows, with OpenAPI's own names
    let link = |path: &str, method: &str, status: &str, name: &str| {
        doc["paths"][path][method]["responses"][status]["links"][name]["operationId"].clone()
    };
    assert_eq!(
        link("/api/v1/reservations", "post", "201", "CancelReservation"),
        "cancelReservation"
    );
    assert_eq!(
        link("/api/v1/appointments", "post", "201", "GetAppointment"),
        "getAppointment"
    );
    assert_eq!(
        link(
            "/api/v1/me/wallet/coupons",
            "post",
            "201",
            "GetCouponTokens"
        ),
        "getCouponTokens"
    );
    assert_eq!(
        link(
            "/api/v1/me/wallet/coupons/{id}/token",
            "get",
            "200",
            "RedeemCoupon"
        ),
        "posRedeem"
    );
    // constraints the server enforces are in the schema
    let param = |path: &str, method: &str, name: &str| {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == name).cloned())
            .unwrap_or_default()
    };
    assert!(param("/api/v1/reservations/{code}", "get", "code")["schema"]["pattern"].is_string());
    assert_eq!(
        param("/api/v1/reservations", "post", "Idempotency-Key")["schema"]["maxLength"],
        100
    );
    assert_eq!(
        param("/api/v1/stores/{id_or_slug}/guide-slots", "get", "date")["schema"]["format"],
        "date"
    );
    assert_eq!(
        param("/api/v1/stores", "get", "at")["schema"]["format"],
        "date-time"
    );
    assert!(param("/api/v1/stores", "get", "near")["schema"]["pattern"].is_string());
    assert_eq!(
        param("/api/v1/products", "get", "limit")["schema"]["maximum"],
        100
    );
    let reservation = &doc["components"]["schemas"]["ReservationRequest"]["properties"];
    assert_eq!(reservation["quantity"]["maximum"], 5);
    assert_eq!(reservation["name"]["maxLength"], 40);
    assert!(reservation["phone"]["pattern"].is_string());
}

#[tokio::test]
async fn values_outside_the_documented_shapes_are_400_and_inside_them_never_are() {
    let app = spawn_with(10, None).await;
    // query values: exactly the schema's shapes
    for (q, field) in [
        ("on_sale=1", "on_sale"),
        ("limit=%2B5", "limit"),
        ("limit=%205", "limit"),
        ("price=", "price"),
        ("price=%205-10", "price"),
        ("price=5e2-", "price"),
    ] {
        assert_problem(
            &app.products(q).await,
            400,
            "invalid_query",
            Some(&format!("#/query/{field}")),
        );
    }
    for near in ["3e1,121", "%2B31,121", "031,121", "31.,121", "31,%20%20121"] {
        assert_problem(
            &app.stores(&format!("near={near}")).await,
            400,
            "invalid_query",
            Some("#/query/near"),
        );
    }
    assert_eq!(app.stores("near=31.2304,%20121.4737").await.status, 200);
    // an unknown store named by a query is not found, naming the parameter
    assert_problem(
        &app.products("store=s_nope").await,
        404,
        "not_found",
        Some("#/query/store"),
    );

    // a whole number written with a fraction is a whole number (JSON Schema's integer)
    let r = app
        .reserve(&format!(
            r#"{{"variant_id":"{VARIANT}","store_id":"{JINGAN}","quantity":1.0,"name":"王小明","phone":"13812345678"}}"#
        ))
        .key("whole")
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let made: Reservation = r.json();
    // a code in the path is exactly ten characters: no spaces around it
    assert_eq!(app.reservation(made.code.to_lowercase()).await.status, 200);
    assert_problem(
        &app.reservation(format!("%20{}", made.code)).await,
        400,
        "invalid_path",
        Some("#/path/code"),
    );
    // a name is at most 40 characters as sent, spaces included
    let padded = format!("  {}", "名".repeat(39));
    let r = app
        .reserve(&format!(
            r#"{{"variant_id":"{VARIANT}","store_id":"{JINGAN}","quantity":1,"name":"{padded}","phone":"13812345678"}}"#
        ))
        .key("padded")
        .await;
    assert_problem(&r, 400, "invalid_body", Some("/name"));
    // a start of the documented shape that names no time is a refusal, not malformed
    let book = |start: &str| {
        format!(
            r#"{{"store_id":"{JINGAN}","start":"{start}","name":"王小明","phone":"13812345678"}}"#
        )
    };
    assert_problem(
        &app.book(&book("2027-04-31T10:00")).key("no-such-day").await,
        422,
        "slot_unavailable",
        Some("/start"),
    );
    for malformed in [
        "2027-4-01T10:00",
        " 2027-04-01T10:00",
        "2027-04-01T10:00:00",
    ] {
        assert_problem(
            &app.book(&book(malformed))
                .key(&format!("malformed-{}", malformed.len()))
                .await,
            400,
            "invalid_body",
            Some("/start"),
        );
    }
}
