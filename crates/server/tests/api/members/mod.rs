//! Membership, the till and the coupon wallet on a real SQLite file: sign-in codes (limits,
//! expiry, single use, terms), sessions and CSRF, the member QR tokens at the till (earn,
//! duplicate receipts, replays, tampering, expiry), claims and redemptions under
//! concurrency, export and deletion. Every refusal is a problem naming its reason.

mod coupons;
mod identity;
mod limits;
mod sessions;
mod strict;
mod till;

use crate::helpers::{assert_problem, Call, Client, Reply, TestApp, XRW};
use axum::http::Method;
use storefront_api_types::{
    ApplicableCoupons, DemoCode, EarnResult, LedgerEntry, Member, MemberExport, OfferList, Page,
    RedeemResult, SignInCodeSent, SignedIn, Tier, TokenBatch, Wallet, WalletCoupon,
};
use storefront_server::members::sha256_hex;
use storefront_server::tokens::{Claims, Kind, TokenKey};
use storefront_server::{app, Config};

const JINGAN: &str = "s_sh_jingan";

async fn spawn_members(demo: bool, ip_limit: u32) -> TestApp {
    spawn_members_with(demo, ip_limit, |_| {}).await
}

async fn spawn_members_with(
    demo: bool,
    ip_limit: u32,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested").join("test.db");
    let mut config = Config::new(
        format!("sqlite://{}", db.display()),
        dir.path().join("no-dist"),
    );
    config.products = 40;
    config.demo = demo;
    config.auth_ip_limit = ip_limit;
    configure(&mut config);
    let router = app(&config).await.expect("app starts");
    TestApp::new(router, dir)
}

fn cookie_of(r: &Reply) -> String {
    let set = r.header("set-cookie");
    set.split(';').next().unwrap().to_owned()
}

/// Signs in through the API (demo mode): code, last-code, verify. Returns the cookie.
async fn sign_in(app: &TestApp, login: &str, agree: bool) -> (Reply, String) {
    let r = app
        .send_code(&format!(r#"{{"login":"{login}"}}"#))
        .csrf()
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sent: SignInCodeSent = r.json();
    let code: DemoCode = app.last_code(&sent.login).json().await;
    let r = app
        .verify_code(&format!(
            r#"{{"login":"{login}","code":"{}","agree_terms":{agree}}}"#,
            code.code
        ))
        .csrf()
        .await;
    let cookie = if r.status.is_success() {
        cookie_of(&r)
    } else {
        String::new()
    };
    (r, cookie)
}

/// A member with a session written straight to the database (for races at scale).
async fn direct_member(pool: &sqlx::SqlitePool, n: u32) -> String {
    let login = format!("139{n:08}");
    sqlx::query(
        "INSERT INTO members (member_no, login, terms_accepted_at, created_at) VALUES (?, ?, 0, 0)",
    )
    .bind(format!("77{n:08}"))
    .bind(&login)
    .execute(pool)
    .await
    .unwrap();
    let session = format!("session-{n}");
    sqlx::query(
        "INSERT INTO member_sessions (id_sha256, member_id, created_at, expires_at) \
         SELECT ?, id, 0, 4000000000 FROM members WHERE login = ?",
    )
    .bind(sha256_hex(&session))
    .bind(&login)
    .execute(pool)
    .await
    .unwrap();
    format!("sf_session={session}")
}

/// The private JSON answer of a GET with the session `cookie`.
async fn get_as<T: serde::de::DeserializeOwned>(call: Call<'_>, cookie: &str) -> T {
    let uri = call.uri().to_owned();
    let r = call.cookie(cookie).await;
    assert_eq!(r.status, 200, "{uri}: {}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    r.json()
}

/// `POST /api/v1/me/loyalty/scan-tokens`: a new batch of member tokens.
async fn scan_tokens(app: &TestApp, cookie: &str) -> TokenBatch {
    let r = app.scan_tokens().cookie(cookie).csrf().await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    r.json()
}

async fn earn(
    app: &TestApp,
    key: &str,
    token: &str,
    store: &str,
    receipt: &str,
    fen: i64,
) -> Reply {
    app.earn(&format!(
            r#"{{"scan_token":"{token}","store_id":"{store}","receipt_no":"{receipt}","amount":{{"amount_minor":{fen},"currency":"CNY"}}}}"#
        )).staff(store).key(key)
    .await
}

/// `POST /api/v1/pos/coupons/redeem` at `store`'s till.
async fn redeem(app: &Client, token: &str, store: &str, receipt: &str) -> Reply {
    app.redeem(&format!(
        r#"{{"coupon_token":"{token}","store_id":"{store}","receipt_no":"{receipt}"}}"#
    ))
    .staff(store)
    .await
}

/// The `token_subject` that QR tokens of the member `member_no` name.
async fn member_subject(app: &TestApp, member_no: &str) -> u64 {
    let (s,): (i64,) = sqlx::query_as("SELECT token_subject FROM members WHERE member_no = ?")
        .bind(member_no)
        .fetch_one(&app.pool().await)
        .await
        .unwrap();
    s as u64
}

/// The `token_subject` that redeem tokens of the wallet coupon `wc_{n}` name.
async fn coupon_subject(app: &TestApp, wallet_id: &str) -> u64 {
    let (s,): (i64,) = sqlx::query_as("SELECT token_subject FROM wallet_coupons WHERE id = ?")
        .bind(wallet_id.trim_start_matches("wc_").parse::<i64>().unwrap())
        .fetch_one(&app.pool().await)
        .await
        .unwrap();
    s as u64
}

async fn server_key(app: &TestApp) -> TokenKey {
    let pool = app.pool().await;
    TokenKey::new(
        storefront_server::tokens::load_or_create_key(&pool)
            .await
            .unwrap(),
        60,
    )
}
