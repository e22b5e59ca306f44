//! The contract decodes pinned JSON documents exactly and encodes them back to the same JSON,
//! so any change of the wire format shows up here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde::{de::DeserializeOwned, Serialize};
use storefront_api_types::{codes, Lang, Money, Problem, Product};

fn round_trip<T: DeserializeOwned + Serialize>(json: &str) -> T {
    let value: T = serde_json::from_str(json).expect("pinned JSON decodes");
    let pinned: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut again = serde_json::to_value(&value).unwrap();
    // `swatch: null` and an absent swatch are the same value; compare without nulls.
    strip_nulls(&mut again);
    let mut pinned = pinned;
    strip_nulls(&mut pinned);
    assert_eq!(again, pinned, "re-encoding changes the document");
    value
}

fn strip_nulls(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|_, x| !x.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

#[test]
fn product_document_round_trips() {
    let p: Product = round_trip(include_str!("fixtures/product.json"));
    assert_eq!(p.name.get(Lang::ZhCn), "轻盈透气跑步鞋");
    assert_eq!(p.variants[0].price, Money::cny(59_900));
    assert_eq!(p.variants[0].compare_at_price, Some(Money::cny(79_900)));
    assert_eq!(p.images[0].width, 800);
    assert_eq!(p.images[0].srcset[0].width, 400);
    assert_eq!(p.specs[0].value.get(Lang::En), "Mesh");
    assert_eq!(p.variants[0].option_values, vec!["black", "42"]);
}

#[test]
fn problem_document_round_trips() {
    let p: Problem = round_trip(include_str!("fixtures/problem.json"));
    assert_eq!(p.code, codes::INVALID_QUERY);
    assert_eq!(p.errors[0].pointer, "#/query/limit");
}

#[test]
fn money_with_a_float_amount_is_rejected() {
    let r: Result<Money, _> = serde_json::from_str(r#"{"amount_minor": 12.5, "currency": "CNY"}"#);
    assert!(r.is_err());
}

#[test]
fn unknown_currency_is_rejected() {
    let r: Result<Money, _> = serde_json::from_str(r#"{"amount_minor": 100, "currency": "USD"}"#);
    assert!(r.is_err());
}
