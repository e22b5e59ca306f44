//! The marketing workspace on a real SQLite file: signing in with a marketing key (good,
//! wrong, revoked, rate-limited, CSRF), campaigns written and read back with every
//! validation fault at its pointer, states by dates, results in JSON and CSV from rows of
//! `campaign_views` and `attributions`, and who may frame `/embed/campaign/{slug}`.

mod campaigns;
mod framing;
mod partner;
mod results;
mod session;

use crate::helpers::{spawn_with, TestApp};
use chrono::{Duration, Utc};
use serde_json::{json, Value};

const JINGAN: &str = "s_sh_jingan";
const SANLITUN: &str = "s_bj_sanlitun";

/// A demo-mode app with 40 products and a built SPA (a one-line index.html).
async fn spawn() -> TestApp {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><html><head><meta name=\"storefront-api-base\" content=\"/api\"></head><body><div id=\"app\"></div></body></html>",
    )
    .unwrap();
    let app = spawn_with(40, Some(dist.path())).await;
    // The SPA was read at start-up; its directory may go.
    drop(dist);
    app
}

/// RFC 3339 of now + `days`.
fn at(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// A valid campaign: live from yesterday for 30 days, three products, no offer.
fn campaign(slug: &str) -> Value {
    json!({
        "slug": slug,
        "title": {"zh-CN": "秋季精选", "en": "The autumn edit"},
        "copy": {"zh-CN": "温暖的秋天。\n\n来店里看看。", "en": "Warm things for autumn.\n\nCome and see."},
        "hero_theme": "autumn",
        "hero_alt": {"zh-CN": "秋叶", "en": "Autumn leaves"},
        "product_ids": ["p_000001", "p_000002", "p_000003"],
        "starts_at": at(-1),
        "ends_at": at(30),
        "store_ids": [],
        "allowed_origins": [],
        "published": true
    })
}

/// Writes an offer `code` with `remaining` coupons valid from now + `from` to now + `until`
/// days.
async fn offer(app: &TestApp, code: &str, remaining: i64, from: i64, until: i64) {
    let now = Utc::now().timestamp();
    sqlx::query(
        "INSERT INTO offers (code, title_zh, title_en, terms_zh, terms_en, discount_type, discount_value, \
         min_spend, channel, store_ids, category_id, valid_from, valid_until, total, remaining, per_member_limit) \
         VALUES (?, '券', 'Coupon', '条款', 'Terms', 'amount', 2000, NULL, 'both', '', NULL, ?, ?, 100, ?, 1)",
    )
    .bind(code)
    .bind(now + from * 86_400)
    .bind(now + until * 86_400)
    .bind(remaining)
    .execute(&app.pool().await)
    .await
    .unwrap();
}

/// Creates `body` as the demo marketer; must be 201.
async fn create(
    app: &TestApp,
    cookie: &str,
    body: &Value,
) -> storefront_api_types::MarketingCampaign {
    let r = app
        .create_campaign(&body.to_string())
        .cookie(cookie)
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}
