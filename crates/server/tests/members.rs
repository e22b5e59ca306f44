//! Membership, the till and the coupon wallet on a real SQLite file: sign-in codes (limits,
//! expiry, single use, terms), sessions and CSRF, the member QR tokens at the till (earn,
//! duplicate receipts, replays, tampering, expiry), claims and redemptions under
//! concurrency, export and deletion. Every refusal is a problem naming its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::Method;
use common::{assert_problem, json_request, send, Reply, TestApp};
use storefront_api_types::{
    ApplicableCoupons, DemoCode, EarnResult, LedgerEntry, Member, MemberExport, OfferList, Page,
    RedeemResult, SignInCodeSent, SignedIn, Tier, TokenBatch, Wallet, WalletCoupon,
};
use storefront_server::members::sha256_hex;
use storefront_server::tokens::{Claims, Kind, TokenKey};
use storefront_server::{app, Config};

const XRW: (&str, &str) = ("x-requested-with", "storefront");
const JINGAN: &str = "s_sh_jingan";

async fn spawn_members(demo: bool, ip_limit: u32) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested").join("test.db");
    let mut config = Config::new(
        format!("sqlite://{}", db.display()),
        dir.path().join("no-dist"),
    );
    config.products = 40;
    config.demo = demo;
    config.auth_ip_limit = ip_limit;
    let router = app(&config).await.expect("app starts");
    TestApp { router, dir }
}

fn cookie_of(r: &Reply) -> String {
    let set = r.header("set-cookie");
    set.split(';').next().unwrap().to_owned()
}

/// Signs in through the API (demo mode): code, last-code, verify. Returns the cookie.
async fn sign_in(app: &TestApp, login: &str, agree: bool) -> (Reply, String) {
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/code",
            &[XRW],
            &format!(r#"{{"login":"{login}"}}"#),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sent: SignInCodeSent = r.json();
    let code: DemoCode = app
        .json(&format!("/api/v1/demo/last-code?login={}", sent.login))
        .await;
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/verify",
            &[XRW],
            &format!(
                r#"{{"login":"{login}","code":"{}","agree_terms":{agree}}}"#,
                code.code
            ),
        )
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

async fn get_as<T: serde::de::DeserializeOwned>(app: &TestApp, uri: &str, cookie: &str) -> T {
    let r = app.get_with(uri, &[("cookie", cookie)]).await;
    assert_eq!(r.status, 200, "{uri}: {}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    r.json()
}

/// `POST /api/v1/me/loyalty/scan-tokens`: a new batch of member tokens.
async fn scan_tokens(app: &TestApp, cookie: &str) -> TokenBatch {
    let r = app
        .empty(
            Method::POST,
            "/api/v1/me/loyalty/scan-tokens",
            &[("cookie", cookie), XRW],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    r.json()
}

fn staff(store: &str) -> String {
    format!("Bearer demo-{store}")
}

async fn earn(
    app: &TestApp,
    key: &str,
    token: &str,
    store: &str,
    receipt: &str,
    fen: i64,
) -> Reply {
    app.send_json(
        Method::POST,
        "/api/v1/pos/loyalty/earn",
        &[("authorization", &staff(store)), ("idempotency-key", key)],
        &format!(
            r#"{{"scan_token":"{token}","store_id":"{store}","receipt_no":"{receipt}","amount":{{"amount_minor":{fen},"currency":"CNY"}}}}"#
        ),
    )
    .await
}

fn redeem_request(
    token: &str,
    store: &str,
    receipt: &str,
) -> axum::http::Request<axum::body::Body> {
    json_request(
        Method::POST,
        "/api/v1/pos/coupons/redeem",
        &[("authorization", &staff(store))],
        &format!(r#"{{"coupon_token":"{token}","store_id":"{store}","receipt_no":"{receipt}"}}"#),
    )
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

#[tokio::test]
async fn sign_in_join_session_and_sign_out() {
    let app = spawn_members(true, 1_000).await;
    // CSRF: no header, or a foreign Origin, is 403.
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/code",
            &[],
            r#"{"login":"13912345678"}"#,
        )
        .await;
    assert_problem(&r, 403, "csrf", Some("#/header/X-Requested-With"));
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/code",
            &[("origin", "https://evil.example"), ("host", "shop.example")],
            r#"{"login":"13912345678"}"#,
        )
        .await;
    assert_problem(&r, 403, "csrf", None);
    // Bad logins name the field.
    for bad in ["12345", "not-an-email@", ""] {
        let r = app
            .send_json(
                Method::POST,
                "/api/v1/auth/code",
                &[XRW],
                &format!(r#"{{"login":"{bad}"}}"#),
            )
            .await;
        assert_problem(&r, 400, "invalid_body", Some("/login"));
    }
    // A same-origin Origin is accepted instead of the header.
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/code",
            &[("origin", "http://shop.example"), ("host", "shop.example")],
            r#"{"login":"+86 139 1234 5678"}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sent: SignInCodeSent = r.json();
    assert_eq!(sent.login, "13912345678");
    assert!(!sent.member_exists);
    // Resending at once is rate limited.
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/code",
            &[XRW],
            r#"{"login":"13912345678"}"#,
        )
        .await;
    assert_problem(&r, 429, "rate_limited", Some("/login"));
    let retry: u32 = r.header("retry-after").parse().unwrap();
    assert!((1..=30).contains(&retry), "{retry}");

    let code: DemoCode = app.json("/api/v1/demo/last-code?login=13912345678").await;
    assert_eq!(code.code.len(), 6);
    let wrong = if code.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    let verify = |c: &str, agree: bool| {
        format!(r#"{{"login":"13912345678","code":"{c}","agree_terms":{agree}}}"#)
    };
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/verify",
            &[XRW],
            &verify(wrong, true),
        )
        .await;
    assert_problem(&r, 422, "code_invalid", Some("/code"));
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/verify",
            &[XRW],
            &verify("12a", true),
        )
        .await;
    assert_problem(&r, 400, "invalid_body", Some("/code"));
    // Joining needs the terms; the code survives that refusal.
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/verify",
            &[XRW],
            &verify(&code.code, false),
        )
        .await;
    assert_problem(&r, 422, "terms_required", Some("/agree_terms"));
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/verify",
            &[XRW],
            &verify(&code.code, true),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let set = r.header("set-cookie").to_owned();
    assert!(set.starts_with("sf_session="), "{set}");
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(attr), "{set}");
    }
    assert!(!set.contains("Secure"), "plain http: {set}");
    let signed: SignedIn = r.json();
    assert!(signed.joined);
    assert_eq!(signed.member.tier.tier, Tier::Regular);
    assert_eq!(signed.member.login_masked, "139****5678");
    assert_eq!(signed.member.member_no.len(), 10);
    let cookie = cookie_of(&r);
    // Single use.
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/verify",
            &[XRW],
            &verify(&code.code, true),
        )
        .await;
    assert_problem(&r, 422, "code_invalid", Some("/code"));
    // The raw session id is not stored.
    let pool = app.pool().await;
    let id = cookie.trim_start_matches("sf_session=");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM member_sessions WHERE id_sha256 = ?")
        .bind(sha256_hex(id))
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(id.len(), 43, "256 bits, base64url");

    let me: Member = get_as(&app, "/api/v1/me", &cookie).await;
    assert_eq!(me.member_no, signed.member.member_no);
    assert_eq!(me.points_to_next, 1_000);
    // The loyalty account is the same member.
    let loyalty: Member = get_as(&app, "/api/v1/me/loyalty", &cookie).await;
    assert_eq!(loyalty, me);
    // Without or with a bad session: 401 problem.
    assert_problem(&app.get("/api/v1/me").await, 401, "unauthenticated", None);
    assert_problem(
        &app.get_with("/api/v1/me", &[("cookie", "sf_session=forged")])
            .await,
        401,
        "unauthenticated",
        None,
    );
    for path in [
        "/api/v1/me/loyalty",
        "/api/v1/me/loyalty/transactions",
        "/api/v1/me/wallet/coupons",
        "/api/v1/me/export",
    ] {
        assert_problem(&app.get(path).await, 401, "unauthenticated", None);
    }
    // Issuing scan tokens is a POST: CSRF first, then the session.
    let scan = |headers: &'static [(&'static str, &'static str)]| {
        app.empty(Method::POST, "/api/v1/me/loyalty/scan-tokens", headers)
    };
    assert_problem(&scan(&[]).await, 403, "csrf", None);
    assert_problem(&scan(&[XRW]).await, 401, "unauthenticated", None);
    // Sign-out needs the CSRF header, ends the session on the server and clears the cookie.
    let r = app
        .empty(
            Method::POST,
            "/api/v1/auth/sign-out",
            &[("cookie", &cookie)],
        )
        .await;
    assert_problem(&r, 403, "csrf", None);
    let r = app
        .empty(
            Method::POST,
            "/api/v1/auth/sign-out",
            &[("cookie", &cookie), XRW],
        )
        .await;
    assert_eq!(r.status, 204);
    assert!(r.header("set-cookie").contains("Max-Age=0"));
    assert_problem(
        &app.get_with("/api/v1/me", &[("cookie", &cookie)]).await,
        401,
        "unauthenticated",
        None,
    );
}

#[tokio::test]
async fn codes_expire_allow_five_tries_and_clients_are_limited() {
    let app = spawn_members(true, 4).await;
    let pool = app.pool().await;
    // Expiry: a code older than 5 minutes is refused.
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/code",
            &[XRW],
            r#"{"login":"a@example.com"}"#,
        )
        .await;
    assert_eq!(r.status, 200);
    let code: DemoCode = app.json("/api/v1/demo/last-code?login=A@Example.com").await;
    sqlx::query(
        "UPDATE login_codes SET expires_at = expires_at - 301 WHERE login = 'a@example.com'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let body = format!(
        r#"{{"login":"a@example.com","code":"{}","agree_terms":true}}"#,
        code.code
    );
    let r = app
        .send_json(Method::POST, "/api/v1/auth/verify", &[XRW], &body)
        .await;
    let p = assert_problem(&r, 422, "code_invalid", Some("/code"));
    assert!(p.detail.unwrap().contains("expired"));
    // Five wrong tries void the code, even for the right one afterwards.
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/code",
            &[XRW],
            r#"{"login":"b@example.com"}"#,
        )
        .await;
    assert_eq!(r.status, 200);
    let code: DemoCode = app.json("/api/v1/demo/last-code?login=b@example.com").await;
    let wrong = if code.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    for _ in 0..5 {
        let body = format!(r#"{{"login":"b@example.com","code":"{wrong}","agree_terms":true}}"#);
        let r = app
            .send_json(Method::POST, "/api/v1/auth/verify", &[XRW], &body)
            .await;
        assert_problem(&r, 422, "code_invalid", None);
    }
    let body = format!(
        r#"{{"login":"b@example.com","code":"{}","agree_terms":true}}"#,
        code.code
    );
    let r = app
        .send_json(Method::POST, "/api/v1/auth/verify", &[XRW], &body)
        .await;
    assert_problem(&r, 422, "code_invalid", None);
    // Per client (limit 4 codes/h here): the fourth goes, the fifth is refused.
    for (login, status) in [
        ("c@example.com", 200),
        ("d@example.com", 200),
        ("e@example.com", 429),
    ] {
        let r = app
            .send_json(
                Method::POST,
                "/api/v1/auth/code",
                &[XRW],
                &format!(r#"{{"login":"{login}"}}"#),
            )
            .await;
        assert_eq!(r.status, status, "{login}: {}", r.text());
    }
}

#[tokio::test]
async fn demo_code_endpoint_is_off_without_demo_mode() {
    let app = spawn_members(false, 30).await;
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/code",
            &[XRW],
            r#"{"login":"13912345678"}"#,
        )
        .await;
    assert_eq!(r.status, 200);
    assert_problem(
        &app.get("/api/v1/demo/last-code?login=13912345678").await,
        404,
        "not_found",
        None,
    );
}

#[tokio::test]
async fn secure_cookie_behind_https() {
    let app = spawn_members(true, 1_000).await;
    app.send_json(
        Method::POST,
        "/api/v1/auth/code",
        &[XRW],
        r#"{"login":"13800000004"}"#,
    )
    .await;
    let code: DemoCode = app.json("/api/v1/demo/last-code?login=13800000004").await;
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/auth/verify",
            &[XRW, ("x-forwarded-proto", "https")],
            &format!(r#"{{"login":"13800000004","code":"{}"}}"#, code.code),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.header("set-cookie").contains("; Secure"));
    let s: SignedIn = r.json();
    assert!(!s.joined);
    assert_eq!(s.member.tier.tier, Tier::Platinum);
    assert_eq!(s.member.member_no, "8800000004");
}

#[tokio::test]
async fn demo_members_cover_every_tier_with_ledgers() {
    let app = spawn_members(true, 1_000).await;
    let mut tiers = Vec::new();
    let mut regular = String::new();
    for login in ["13800000001", "13800000002", "13800000003", "13800000004"] {
        let (r, cookie) = sign_in(&app, login, false).await;
        assert_eq!(r.status, 200, "{}", r.text());
        let me: Member = get_as(&app, "/api/v1/me", &cookie).await;
        tiers.push(me.tier.tier);
        if regular.is_empty() {
            regular = cookie.clone();
        }
        let page: Page<LedgerEntry> =
            get_as(&app, "/api/v1/me/loyalty/transactions?limit=2", &cookie).await;
        assert!(page.total >= 1);
        let sum: i64 = {
            let all: Page<LedgerEntry> =
                get_as(&app, "/api/v1/me/loyalty/transactions?limit=100", &cookie).await;
            assert!(
                all.data.windows(2).all(|w| w[0].at >= w[1].at),
                "newest first"
            );
            all.data.iter().map(|e| e.points).sum()
        };
        assert_eq!(sum, me.points, "the ledger adds up to the balance");
        if page.total > 2 {
            let next = page.next_cursor.clone().unwrap();
            let p2: Page<LedgerEntry> = get_as(
                &app,
                &format!("/api/v1/me/loyalty/transactions?limit=2&cursor={next}"),
                &cookie,
            )
            .await;
            assert!(p2.data.iter().all(|e| !page.data.contains(e)));
        }
    }
    assert_eq!(
        tiers,
        vec![Tier::Regular, Tier::Silver, Tier::Gold, Tier::Platinum]
    );
    let cookie = regular;
    let r = app
        .get_with(
            "/api/v1/me/loyalty/transactions?cursor=zzz",
            &[("cookie", &cookie)],
        )
        .await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/cursor"));
    let r = app
        .get_with(
            "/api/v1/me/loyalty/transactions?limit=0",
            &[("cookie", &cookie)],
        )
        .await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/limit"));
}

#[tokio::test]
async fn earn_at_the_till_once_per_token_and_receipt() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "13800000002", false).await; // silver: ×1.2
    let before: Member = get_as(&app, "/api/v1/me", &cookie).await;
    let batch = scan_tokens(&app, &cookie).await;
    assert_eq!(batch.member_no, "8800000002");
    assert_eq!(batch.step_seconds, 60);
    let first = &batch.tokens[0];
    let last = batch.tokens.last().unwrap();
    assert!(
        last.valid_until.unix() - batch.issued_at.unix() >= 600,
        "covers 10 minutes"
    );
    assert_eq!(first.token.len(), 56);

    let r = earn(&app, "k1", &first.token, JINGAN, "R-1", 19_900).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let res: EarnResult = r.json();
    assert_eq!(res.tier, Tier::Silver);
    assert_eq!(res.points, 238);
    assert_eq!(res.balance, before.points + 238);
    assert_eq!(res.entry.receipt.as_deref(), Some("R-1"));
    assert!(!res.entry.store_name.as_ref().unwrap().en.is_empty());
    // A retry with the same key and body: the same answer, nothing written twice.
    let r = earn(&app, "k1", &first.token, JINGAN, "R-1", 19_900).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<EarnResult>().entry, res.entry);
    let r = earn(&app, "k1", &first.token, JINGAN, "R-1", 29_900).await;
    assert_problem(&r, 422, "idempotency_conflict", None);
    // The same token again: used.
    let r = earn(&app, "k2", &first.token, JINGAN, "R-2", 1_000).await;
    assert_problem(&r, 409, "token_used", Some("/scan_token"));
    // The same receipt with a fresh token: the receipt earned already.
    let r = earn(&app, "k3", &batch.tokens[1].token, JINGAN, "R-1", 1_000).await;
    assert_problem(&r, 409, "receipt_used", Some("/receipt_no"));
    // ...but the same receipt number at another store is another receipt.
    let r = earn(
        &app,
        "k4",
        &batch.tokens[1].token,
        "s_bj_sanlitun",
        "R-1",
        1_000,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    // A token two steps ahead is not valid yet.
    let r = earn(&app, "k5", &batch.tokens[3].token, JINGAN, "R-5", 1_000).await;
    assert_problem(&r, 422, "token_invalid", Some("/scan_token"));
    // Tampered, forged, expired, or a coupon token.
    let mut bytes = batch.tokens[2].token.clone().into_bytes();
    bytes[20] = if bytes[20] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(bytes).unwrap();
    let r = earn(&app, "k6", &tampered, JINGAN, "R-6", 1_000).await;
    assert_problem(&r, 422, "token_invalid", Some("/scan_token"));
    let now = chrono::Utc::now().timestamp() as u32;
    let forged = TokenKey::new([9; 32], 60).sign(&Claims {
        kind: Kind::Member,
        subject: 2,
        nonce: [1; 8],
        valid_from: now,
        valid_until: now + 60,
    });
    let r = earn(&app, "k7", &forged, JINGAN, "R-7", 1_000).await;
    assert_problem(&r, 422, "token_invalid", None);
    let key = server_key(&app).await;
    let old = key.sign(&Claims {
        kind: Kind::Member,
        subject: 2,
        nonce: [2; 8],
        valid_from: now - 300,
        valid_until: now - 240,
    });
    let r = earn(&app, "k8", &old, JINGAN, "R-8", 1_000).await;
    assert_problem(&r, 422, "token_expired", Some("/scan_token"));
    // One step late is still accepted (clock tolerance).
    let late = key.sign(&Claims {
        kind: Kind::Member,
        subject: 2,
        nonce: [3; 8],
        valid_from: now - 90,
        valid_until: now - 30,
    });
    let r = earn(&app, "k9", &late, JINGAN, "R-9", 1_000).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let coupon_token = key.sign(&Claims {
        kind: Kind::Coupon,
        subject: 1,
        nonce: [4; 8],
        valid_from: now,
        valid_until: now + 60,
    });
    let r = earn(&app, "k10", &coupon_token, JINGAN, "R-10", 1_000).await;
    assert_problem(&r, 422, "token_invalid", None);
    // Store and key faults.
    let r = earn(
        &app,
        "k11",
        &batch.tokens[2].token,
        "s_nowhere",
        "R-11",
        1_000,
    )
    .await;
    assert_problem(&r, 404, "unknown_store", Some("/store_id"));
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/pos/loyalty/earn",
            &[("authorization", &staff("s_bj_sanlitun")), ("idempotency-key", "k12")],
            &format!(r#"{{"scan_token":"{}","store_id":"{JINGAN}","receipt_no":"R-12","amount":{{"amount_minor":100,"currency":"CNY"}}}}"#, batch.tokens[2].token),
        )
        .await;
    assert_problem(&r, 403, "forbidden", None);
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/pos/loyalty/earn",
            &[("idempotency-key", "k13")],
            &format!(r#"{{"scan_token":"x","store_id":"{JINGAN}","receipt_no":"R","amount":{{"amount_minor":100,"currency":"CNY"}}}}"#),
        )
        .await;
    assert_problem(&r, 401, "unauthorized", None);
    let r = earn(&app, "k14", &batch.tokens[2].token, JINGAN, "R 14", 1_000).await;
    assert_problem(&r, 400, "invalid_body", Some("/receipt_no"));
    let r = earn(&app, "k15", &batch.tokens[2].token, JINGAN, "R-15", 0).await;
    assert_problem(&r, 400, "invalid_body", Some("/amount/amount_minor"));
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/pos/loyalty/earn",
            &[("authorization", &staff(JINGAN))],
            &format!(r#"{{"scan_token":"x","store_id":"{JINGAN}","receipt_no":"R","amount":{{"amount_minor":100,"currency":"CNY"}}}}"#),
        )
        .await;
    assert_problem(&r, 400, "invalid_header", Some("#/header/Idempotency-Key"));
    let r = earn(&app, "k16", "", JINGAN, "R-16", 1_000).await;
    assert_problem(&r, 422, "token_invalid", None);
    // The field names from before the contract are refused, naming the missing field.
    for (body, missing) in [
        (
            r#"{"token":"TOKEN","store_id":"s_sh_jingan","receipt":"R-17","amount":{"amount_minor":100,"currency":"CNY"}}"#,
            "scan_token",
        ),
        (
            r#"{"scan_token":"TOKEN","store_id":"s_sh_jingan","receipt":"R-17","amount":{"amount_minor":100,"currency":"CNY"}}"#,
            "receipt_no",
        ),
    ] {
        let r = app
            .send_json(
                Method::POST,
                "/api/v1/pos/loyalty/earn",
                &[
                    ("authorization", &staff(JINGAN)),
                    ("idempotency-key", "k17"),
                ],
                &body.replace("TOKEN", &batch.tokens[2].token),
            )
            .await;
        let p = assert_problem(&r, 400, "invalid_body", None);
        assert!(
            p.errors.iter().any(|e| e.message.contains(missing)),
            "{missing}: {}",
            r.text()
        );
    }

    // Verify without using: fine twice, then refused once used.
    let check = |t: &str| {
        json_request(
            Method::POST,
            "/api/v1/pos/loyalty/verify",
            &[("authorization", &staff(JINGAN))],
            &format!(r#"{{"token":"{t}","store_id":"{JINGAN}"}}"#),
        )
    };
    let t2 = key.sign(&Claims {
        kind: Kind::Member,
        subject: 2,
        nonce: [5; 8],
        valid_from: now,
        valid_until: now + 60,
    });
    for _ in 0..2 {
        let r = send(app.router.clone(), check(&t2)).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let r = send(app.router.clone(), check(&first.token)).await;
    assert_problem(&r, 409, "token_used", None);

    let after: Member = get_as(&app, "/api/v1/me", &cookie).await;
    assert_eq!(after.points, before.points + 238 + 12 + 12);
    let page: Page<LedgerEntry> =
        get_as(&app, "/api/v1/me/loyalty/transactions?limit=3", &cookie).await;
    assert_eq!(page.data[0].receipt.as_deref(), Some("R-9"));
    assert_eq!(page.data[2].store_id.as_ref().unwrap().as_str(), JINGAN);
}

#[tokio::test]
async fn concurrent_replays_of_one_token_earn_once() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "13800000001", false).await;
    let batch = scan_tokens(&app, &cookie).await;
    let token = batch.tokens[0].token.clone();
    let mut tasks = Vec::new();
    for i in 0..50 {
        let router = app.router.clone();
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            send(
                router,
                json_request(
                    Method::POST,
                    "/api/v1/pos/loyalty/earn",
                    &[("authorization", &staff(JINGAN)), ("idempotency-key", &format!("race-{i}"))],
                    &format!(r#"{{"scan_token":"{token}","store_id":"{JINGAN}","receipt_no":"RACE-{i}","amount":{{"amount_minor":10000,"currency":"CNY"}}}}"#),
                ),
            )
            .await
            .status
            .as_u16()
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            201 => ok += 1,
            409 => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(ok, 1);
}

#[tokio::test]
async fn offers_claims_wallet_and_applicability() {
    let app = spawn_members(true, 1_000).await;
    let offers: OfferList = app.json("/api/v1/coupons").await;
    let spring_before = offers
        .data
        .iter()
        .find(|o| o.code == "SPRING20")
        .unwrap()
        .remaining;
    let codes: Vec<&str> = offers.data.iter().map(|o| o.code.as_str()).collect();
    for c in ["SPRING20", "STORE10", "SHOES50", "FLASH100", "WELCOME5"] {
        assert!(codes.contains(&c), "{codes:?}");
    }
    let one: storefront_api_types::Offer = app.json("/api/v1/coupons/spring20").await;
    assert_eq!(one.code, "SPRING20");
    assert_problem(
        &app.get("/api/v1/coupons/NOPE").await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &app.get("/api/v1/coupons/bad%20code").await,
        400,
        "invalid_path",
        None,
    );

    let (_, cookie) = sign_in(&app, "new@example.com", true).await;
    let claim = |offer: &str, key: Option<&str>| {
        let mut h = vec![XRW, ("cookie", cookie.as_str())];
        if let Some(k) = key {
            h.push(("idempotency-key", k));
        }
        let body = format!(r#"{{"offer":"{offer}"}}"#);
        let router = app.router.clone();
        let req = json_request(Method::POST, "/api/v1/me/wallet/coupons", &h, &body);
        async move { send(router, req).await }
    };
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/me/wallet/coupons",
            &[("cookie", &cookie)],
            r#"{"offer":"SPRING20"}"#,
        )
        .await;
    assert_problem(&r, 403, "csrf", None);
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/me/wallet/coupons",
            &[XRW],
            r#"{"offer":"SPRING20"}"#,
        )
        .await;
    assert_problem(&r, 401, "unauthenticated", None);
    let r = claim("spring20", Some("c-1")).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let c: WalletCoupon = r.json();
    assert!(c.code.starts_with("SPRING20-"));
    let r = claim("SPRING20", Some("c-1")).await;
    assert_eq!(r.status, 200, "idempotent retry");
    assert_eq!(r.json::<WalletCoupon>().id, c.id);
    let r = claim("SPRING20", Some("c-2")).await;
    assert_problem(&r, 409, "already_claimed", Some("/offer"));
    let r = claim("NOPE", None).await;
    assert_problem(&r, 404, "not_found", Some("/offer"));
    let r = claim("no good", None).await;
    assert_problem(&r, 400, "invalid_body", Some("/offer"));
    assert_eq!(claim("SHOES50", None).await.status, 201);
    let pool = app.pool().await;
    sqlx::query("UPDATE offers SET valid_from = valid_from + 864000 WHERE code = 'STORE10'")
        .execute(&pool)
        .await
        .unwrap();
    assert_problem(&claim("STORE10", None).await, 409, "offer_inactive", None);
    let left: OfferList = app.json("/api/v1/coupons").await;
    let spring = left.data.iter().find(|o| o.code == "SPRING20").unwrap();
    assert_eq!(spring.remaining, spring_before - 1);

    let w: Wallet = get_as(&app, "/api/v1/me/wallet/coupons", &cookie).await;
    assert_eq!(w.available.len(), 2);
    assert!(w
        .available
        .windows(2)
        .all(|p| p[0].expires_at <= p[1].expires_at));
    // Applicability: SHOES50 applies to shoes only, SPRING20 to everything.
    let (shoe,): (String,) = sqlx::query_as(
        "SELECT p.id FROM products p JOIN categories c ON c.id = p.category_id WHERE c.parent_id = 'c_shoes' LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let (other,): (String,) = sqlx::query_as(
        "SELECT p.id FROM products p JOIN categories c ON c.id = p.category_id WHERE COALESCE(c.parent_id, c.id) <> 'c_shoes' LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let a: ApplicableCoupons = get_as(
        &app,
        &format!("/api/v1/me/wallet/coupons/applicable?product={shoe}"),
        &cookie,
    )
    .await;
    assert_eq!(a.data.len(), 2);
    let a: ApplicableCoupons = get_as(
        &app,
        &format!("/api/v1/me/wallet/coupons/applicable?product={other}"),
        &cookie,
    )
    .await;
    assert_eq!(a.data.len(), 1);
    let r = app
        .get_with(
            "/api/v1/me/wallet/coupons/applicable?product=p_nope",
            &[("cookie", &cookie)],
        )
        .await;
    assert_problem(&r, 404, "not_found", Some("#/query/product"));
    let r = app
        .get_with(
            "/api/v1/me/wallet/coupons/applicable",
            &[("cookie", &cookie)],
        )
        .await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/product"));

    // Export has it all; deleting ends everything.
    let e: MemberExport = get_as(&app, "/api/v1/me/export", &cookie).await;
    assert_eq!(e.login, "new@example.com");
    assert_eq!(e.coupons.len(), 2);
    let r = app
        .empty(Method::DELETE, "/api/v1/me", &[("cookie", &cookie)])
        .await;
    assert_problem(&r, 403, "csrf", None);
    let r = app
        .empty(Method::DELETE, "/api/v1/me", &[("cookie", &cookie), XRW])
        .await;
    assert_eq!(r.status, 204);
    assert_problem(
        &app.get_with("/api/v1/me", &[("cookie", &cookie)]).await,
        401,
        "unauthenticated",
        None,
    );
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM members WHERE login = 'new@example.com'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn hundred_claims_for_ten_coupons_get_exactly_ten() {
    let app = spawn_members(true, 1_000).await;
    let pool = app.pool().await;
    sqlx::query("UPDATE offers SET remaining = 10 WHERE code = 'FLASH100'")
        .execute(&pool)
        .await
        .unwrap();
    let mut cookies = Vec::new();
    for n in 0..100 {
        cookies.push(direct_member(&pool, n).await);
    }
    let mut tasks = Vec::new();
    for cookie in cookies {
        let router = app.router.clone();
        tasks.push(tokio::spawn(async move {
            let r = send(
                router,
                json_request(
                    Method::POST,
                    "/api/v1/me/wallet/coupons",
                    &[XRW, ("cookie", &cookie)],
                    r#"{"offer":"FLASH100"}"#,
                ),
            )
            .await;
            (
                r.status.as_u16(),
                r.json::<serde_json::Value>()["code"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            )
        }));
    }
    let (mut ok, mut sold_out) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            (201, _) => ok += 1,
            (409, code) if code == "sold_out" => sold_out += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((ok, sold_out), (10, 90));
    let (remaining, held): (i64, i64) = sqlx::query_as(
        "SELECT remaining, (SELECT COUNT(*) FROM wallet_coupons WHERE offer_code = 'FLASH100') FROM offers WHERE code = 'FLASH100'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((remaining, held), (0, 10));
}

#[tokio::test]
async fn redeem_once_under_fifty_concurrent_tills() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "13800000004", false).await;
    let r = send(
        app.router.clone(),
        json_request(
            Method::POST,
            "/api/v1/me/wallet/coupons",
            &[XRW, ("cookie", &cookie)],
            r#"{"offer":"WELCOME5"}"#,
        ),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let coupon: WalletCoupon = r.json();
    let batch: TokenBatch = get_as(
        &app,
        &format!("/api/v1/me/wallet/coupons/{}/token", coupon.id),
        &cookie,
    )
    .await;
    // A member token is no coupon token.
    let member_batch = scan_tokens(&app, &cookie).await;
    let r = send(
        app.router.clone(),
        redeem_request(&member_batch.tokens[0].token, JINGAN, "X"),
    )
    .await;
    assert_problem(&r, 422, "token_invalid", None);
    // 50 tills at once, with the current and the next token: exactly one redeems.
    let mut tasks = Vec::new();
    for i in 0..50 {
        let router = app.router.clone();
        let token = batch.tokens[i % 2].token.clone();
        tasks.push(tokio::spawn(async move {
            let r = send(router, redeem_request(&token, JINGAN, &format!("RR-{i}"))).await;
            (
                r.status.as_u16(),
                r.json::<serde_json::Value>()["code"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
                r,
            )
        }));
    }
    let mut ok = Vec::new();
    for t in tasks {
        let (status, code, r) = t.await.unwrap();
        match status {
            200 => ok.push(r.json::<RedeemResult>()),
            409 => assert!(code == "coupon_used" || code == "token_used", "{code}"),
            other => panic!("unexpected {other}: {}", r.text()),
        }
    }
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].member_no, "8800000004");
    assert_eq!(
        ok[0].coupon.status,
        storefront_api_types::CouponStatus::Used
    );
    let now = chrono::Utc::now().timestamp() as u32;
    let fresh = server_key(&app).await.sign(&Claims {
        kind: Kind::Coupon,
        subject: coupon.id.trim_start_matches("wc_").parse().unwrap(),
        nonce: [6; 8],
        valid_from: now,
        valid_until: now + 60,
    });
    let r = send(app.router.clone(), redeem_request(&fresh, JINGAN, "again")).await;
    assert_problem(&r, 409, "coupon_used", Some("/coupon_token"));
    let w: Wallet = get_as(&app, "/api/v1/me/wallet/coupons", &cookie).await;
    assert!(w
        .used
        .iter()
        .any(|c| c.id == coupon.id && c.used_store_id.as_ref().unwrap().as_str() == JINGAN));
    let r = app
        .get_with(
            &format!("/api/v1/me/wallet/coupons/{}/token", coupon.id),
            &[("cookie", &cookie)],
        )
        .await;
    assert_problem(&r, 409, "coupon_used", None);
    let r = app
        .get_with(
            "/api/v1/me/wallet/coupons/nope/token",
            &[("cookie", &cookie)],
        )
        .await;
    assert_problem(&r, 400, "invalid_path", Some("#/path/id"));
    let r = app
        .get_with(
            "/api/v1/me/wallet/coupons/wc_99999/token",
            &[("cookie", &cookie)],
        )
        .await;
    assert_problem(&r, 404, "not_found", None);

    // Store rules: STORE10 is in store at three stores only.
    let r = send(
        app.router.clone(),
        json_request(
            Method::POST,
            "/api/v1/me/wallet/coupons",
            &[XRW, ("cookie", &cookie)],
            r#"{"offer":"STORE10"}"#,
        ),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let c: WalletCoupon = r.json();
    let batch: TokenBatch = get_as(
        &app,
        &format!("/api/v1/me/wallet/coupons/{}/token", c.id),
        &cookie,
    )
    .await;
    let r = send(
        app.router.clone(),
        redeem_request(&batch.tokens[0].token, "s_hz_hubin", "H1"),
    )
    .await;
    assert_problem(&r, 409, "coupon_not_valid_here", Some("/store_id"));
    // The field names from before the contract are refused, naming the missing field.
    let r = app
        .send_json(
            Method::POST,
            "/api/v1/pos/coupons/redeem",
            &[("authorization", &staff("s_bj_sanlitun"))],
            &format!(
                r#"{{"token":"{}","store_id":"s_bj_sanlitun","receipt":"B1"}}"#,
                batch.tokens[0].token
            ),
        )
        .await;
    let p = assert_problem(&r, 400, "invalid_body", None);
    assert!(
        p.errors.iter().any(|e| e.message.contains("coupon_token")),
        "{}",
        r.text()
    );
    let r = send(
        app.router.clone(),
        redeem_request(&batch.tokens[0].token, "s_bj_sanlitun", "B1"),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());

    // `?status=` returns only that group of the wallet, the others empty.
    for offer in ["SPRING20", "SHOES50"] {
        let r = send(
            app.router.clone(),
            json_request(
                Method::POST,
                "/api/v1/me/wallet/coupons",
                &[XRW, ("cookie", &cookie)],
                &format!(r#"{{"offer":"{offer}"}}"#),
            ),
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.text());
        if offer == "SHOES50" {
            let c: WalletCoupon = r.json();
            let id: i64 = c.id.trim_start_matches("wc_").parse().unwrap();
            sqlx::query("UPDATE wallet_coupons SET expires_at = ? WHERE id = ?")
                .bind(chrono::Utc::now().timestamp() - 10)
                .bind(id)
                .execute(&app.pool().await)
                .await
                .unwrap();
        }
    }
    let all: Wallet = get_as(&app, "/api/v1/me/wallet/coupons", &cookie).await;
    assert!(!all.available.is_empty() && !all.used.is_empty() && !all.expired.is_empty());
    let none = Wallet {
        available: Vec::new(),
        used: Vec::new(),
        expired: Vec::new(),
    };
    let only: Wallet = get_as(&app, "/api/v1/me/wallet/coupons?status=available", &cookie).await;
    assert_eq!(
        only,
        Wallet {
            available: all.available.clone(),
            ..none.clone()
        }
    );
    let only: Wallet = get_as(&app, "/api/v1/me/wallet/coupons?status=used", &cookie).await;
    assert_eq!(
        only,
        Wallet {
            used: all.used.clone(),
            ..none.clone()
        }
    );
    let only: Wallet = get_as(&app, "/api/v1/me/wallet/coupons?status=expired", &cookie).await;
    assert_eq!(
        only,
        Wallet {
            expired: all.expired.clone(),
            ..none
        }
    );
    for bad in ["bogus", "", "Used", "available,used"] {
        let r = app
            .get_with(
                &format!("/api/v1/me/wallet/coupons?status={bad}"),
                &[("cookie", &cookie)],
            )
            .await;
        assert_problem(&r, 400, "invalid_query", Some("#/query/status"));
    }
}

#[tokio::test]
async fn token_key_persists_and_openapi_lists_the_endpoints() {
    let app = spawn_members(false, 30).await;
    let pool = app.pool().await;
    let a = storefront_server::tokens::load_or_create_key(&pool)
        .await
        .unwrap();
    let b = storefront_server::tokens::load_or_create_key(&pool)
        .await
        .unwrap();
    assert_eq!(a, b);
    let doc: serde_json::Value = app.json("/api/openapi.json").await;
    let paths = doc["paths"].as_object().unwrap();
    for (p, method) in [
        ("/api/v1/auth/code", "post"),
        ("/api/v1/auth/verify", "post"),
        ("/api/v1/auth/sign-out", "post"),
        ("/api/v1/demo/last-code", "get"),
        ("/api/v1/me", "get"),
        ("/api/v1/me/loyalty", "get"),
        ("/api/v1/me/loyalty/transactions", "get"),
        ("/api/v1/me/loyalty/scan-tokens", "post"),
        ("/api/v1/me/export", "get"),
        ("/api/v1/coupons", "get"),
        ("/api/v1/coupons/{code}", "get"),
        ("/api/v1/me/wallet/coupons", "get"),
        ("/api/v1/me/wallet/coupons", "post"),
        ("/api/v1/me/wallet/coupons/{id}/token", "get"),
        ("/api/v1/me/wallet/coupons/applicable", "get"),
        ("/api/v1/pos/loyalty/earn", "post"),
        ("/api/v1/pos/loyalty/verify", "post"),
        ("/api/v1/pos/coupons/redeem", "post"),
    ] {
        assert!(
            paths.get(p).and_then(|o| o.get(method)).is_some(),
            "missing {method} {p}"
        );
    }
    assert!(paths["/api/v1/me/loyalty/scan-tokens"].get("get").is_none());
    let wallet_params = paths["/api/v1/me/wallet/coupons"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert!(wallet_params
        .iter()
        .any(|p| p["name"] == "status" && p["in"] == "query"));
    let schemas = &doc["components"]["schemas"];
    for (schema, field) in [
        ("EarnRequest", "scan_token"),
        ("EarnRequest", "receipt_no"),
        ("RedeemRequest", "coupon_token"),
        ("RedeemRequest", "receipt_no"),
    ] {
        assert!(
            schemas[schema]["properties"].get(field).is_some(),
            "{schema}.{field}"
        );
        assert!(
            schemas[schema]["required"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == field),
            "{schema}.{field} required"
        );
    }
    // The old paths are gone from the document and the router.
    for old in [
        "/api/v1/offers",
        "/api/v1/offers/{code}",
        "/api/v1/me/ledger",
        "/api/v1/me/tokens",
        "/api/v1/me/coupons",
        "/api/v1/me/coupons/{id}/token",
        "/api/v1/me/coupons/applicable",
        "/api/v1/pos/earn",
        "/api/v1/pos/verify",
        "/api/v1/pos/redeem",
    ] {
        assert!(!paths.contains_key(old), "still documented: {old}");
    }
    for (method, old) in [
        (Method::GET, "/api/v1/offers"),
        (Method::GET, "/api/v1/offers/SPRING20"),
        (Method::GET, "/api/v1/me/ledger"),
        (Method::GET, "/api/v1/me/tokens"),
        (Method::GET, "/api/v1/me/coupons"),
        (Method::POST, "/api/v1/pos/earn"),
        (Method::POST, "/api/v1/pos/verify"),
        (Method::POST, "/api/v1/pos/redeem"),
    ] {
        let r = app.empty(method.clone(), old, &[XRW]).await;
        assert_problem(&r, 404, "not_found", None);
    }
    // Wrong methods: 405 with the methods the path allows.
    for (method, path, allow) in [
        (Method::GET, "/api/v1/pos/loyalty/earn", "POST"),
        (Method::GET, "/api/v1/pos/loyalty/verify", "POST"),
        (Method::GET, "/api/v1/pos/coupons/redeem", "POST"),
        (Method::GET, "/api/v1/me/loyalty/scan-tokens", "POST"),
        (
            Method::DELETE,
            "/api/v1/me/wallet/coupons",
            "GET, HEAD, POST",
        ),
        (Method::POST, "/api/v1/me/loyalty", "GET, HEAD"),
        (Method::POST, "/api/v1/me/loyalty/transactions", "GET, HEAD"),
        (Method::POST, "/api/v1/coupons", "GET, HEAD"),
    ] {
        let r = app.empty(method.clone(), path, &[XRW]).await;
        assert_problem(&r, 405, "method_not_allowed", None);
        assert_eq!(r.header("allow"), allow, "{method} {path}");
    }
}

/// Property: whatever the order and repetition of uses, each token is accepted exactly
/// once (its first use), through the same `used_nonces` step the till endpoints take.
#[test]
fn a_token_is_accepted_once_whatever_the_order() {
    use proptest::prelude::*;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("nonces.db").display());
    let pool = rt.block_on(storefront_server::db::connect(&url)).unwrap();
    let key = TokenKey::new([1; 32], 60);
    let mut runner =
        proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(64));
    runner
        .run(
            &(prop::collection::vec(0usize..6, 1..30), any::<u64>()),
            |(uses, salt)| {
                let now = chrono::Utc::now().timestamp();
                rt.block_on(sqlx::query("DELETE FROM used_nonces").execute(&pool))
                    .unwrap();
                let tokens: Vec<String> = (0..6u64)
                    .map(|i| {
                        key.sign(&Claims {
                            kind: Kind::Member,
                            subject: 1,
                            nonce: salt.wrapping_add(i).to_be_bytes(),
                            valid_from: now as u32,
                            valid_until: now as u32 + 60,
                        })
                    })
                    .collect();
                let mut seen = std::collections::HashSet::new();
                for &u in &uses {
                    let accepted = rt.block_on(async {
                        let c = key.verify(&tokens[u], Kind::Member, now).unwrap();
                        let mut tx = pool.begin().await.unwrap();
                        let ok = storefront_server::tokens::use_nonce(&mut tx, &c, now, now + 120)
                            .await
                            .unwrap();
                        tx.commit().await.unwrap();
                        ok
                    });
                    prop_assert_eq!(accepted, seen.insert(u));
                }
                Ok(())
            },
        )
        .unwrap();
}
