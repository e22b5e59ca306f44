//! Live stock and reserve-for-pickup on a real SQLite file: availability, the staff API,
//! the in-stock facet, atomic holds under concurrency, idempotent retries, cancel, collect,
//! expiry, the QR pass, and every bad input as a 4xx problem naming the field.

mod holds;
mod refusals;
mod stock;

use crate::helpers::{assert_problem, spawn_with, Reply, TestApp};
use axum::http::Method;
use storefront_api_types::{
    FacetCode, Page, ProductFacets, ProductSummary, Reservation, ReservationStatus, StockLevel,
    StockStatus, VariantAvailability,
};

const JINGAN: &str = "s_sh_jingan";
const VARIANT: &str = "v_000003_01";

async fn set_stock(app: &TestApp, store: &str, variant: &str, quantity: u32) -> Reply {
    app.put_stock(store, variant, &format!(r#"{{"quantity":{quantity}}}"#))
        .staff(store)
        .await
}

async fn availability(app: &TestApp, variant: &str) -> VariantAvailability {
    app.availability(variant, "").json().await
}

async fn units(app: &TestApp, store: &str, variant: &str) -> u32 {
    availability(app, variant)
        .await
        .data
        .iter()
        .find(|a| a.store_id.as_str() == store)
        .and_then(|a| a.quantity)
        .unwrap()
}

fn body(variant: &str, store: &str, quantity: u32) -> String {
    format!(
        r#"{{"variant_id":"{variant}","store_id":"{store}","quantity":{quantity},"name":"  王小明 ","phone":"+86 138-1234-5678"}}"#
    )
}
