//! Identity that cannot be inherited: after a member deletes their account, nothing they
//! held (QR tokens, coupon tokens, sessions, wallet coupon ids, ledger ids) works for or
//! points at the next member to join.

use super::*;

/// A second session of the member with `login`, written straight to the database (a
/// second device).
async fn second_session(app: &TestApp, login: &str) -> String {
    session_named(app, login, "second-device").await
}

/// A session `name` of the member with `login`, written straight to the database (the
/// resend limit forbids a second code within 30 s).
async fn session_named(app: &TestApp, login: &str, name: &str) -> String {
    let pool = app.pool().await;
    sqlx::query(
        "INSERT INTO member_sessions (id_sha256, member_id, created_at, expires_at) \
         SELECT ?, id, 0, 4000000000 FROM members WHERE login = ?",
    )
    .bind(sha256_hex(name))
    .bind(login)
    .execute(&pool)
    .await
    .unwrap();
    format!("sf_session={name}")
}

async fn claim_welcome(app: &TestApp, cookie: &str) -> WalletCoupon {
    let r = app
        .claim(r#"{"offer":"WELCOME5"}"#)
        .csrf()
        .cookie(cookie)
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

/// X joins, takes a QR batch and a coupon batch, deletes the account; Y joins and claims
/// the same offer. X's tokens must not earn for Y or spend Y's coupon, and Y gets new ids.
#[tokio::test]
async fn tokens_of_a_deleted_member_are_refused_and_ids_are_not_inherited() {
    let app = spawn_members(true, 1_000).await;
    let (r, x) = sign_in(&app, "13900000101", true).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let x_scan = scan_tokens(&app, &x).await;
    let x_coupon = claim_welcome(&app, &x).await;
    let x_coupon_batch: TokenBatch = get_as(app.coupon_token(&x_coupon.id), &x).await;
    let x_other_device = second_session(&app, "13900000101").await;
    let r = earn(&app, "pre", &x_scan.tokens[0].token, JINGAN, "R-X", 1_000).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let x_entry = r.json::<EarnResult>().entry;

    let r = app.delete_me().csrf().cookie(&x).await;
    assert_eq!(r.status, 204, "{}", r.text());
    let x_no = x_scan.member_no.clone();
    let (retired,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM retired_member_numbers WHERE member_no = ?")
            .bind(&x_no)
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
    assert_eq!(retired, 1, "X's member number is never given out again");

    let (r, y) = sign_in(&app, "13900000102", true).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let y_coupon = claim_welcome(&app, &y).await;

    // X's member QR: refused at verify and at earn, naming the token field.
    let t = &x_scan.tokens[1].token;
    let r = app
        .check_token(&format!(r#"{{"token":"{t}","store_id":"{JINGAN}"}}"#))
        .staff(JINGAN)
        .await;
    assert_problem(&r, 422, "token_invalid", Some("/token"));
    let r = earn(&app, "x-after", t, JINGAN, "R-X2", 1_000).await;
    assert_problem(&r, 422, "token_invalid", Some("/scan_token"));
    // X's coupon QR: refused, and Y's coupon is still available.
    let r = redeem(&app, &x_coupon_batch.tokens[0].token, JINGAN, "R-X3").await;
    assert_problem(&r, 422, "token_invalid", Some("/coupon_token"));
    let y_wallet: Wallet = get_as(app.wallet(""), &y).await;
    assert_eq!(y_wallet.available.len(), 1);
    assert!(y_wallet.used.is_empty());
    let y_me: Member = get_as(app.me(), &y).await;
    assert_eq!(y_me.points, 0, "nothing earned for Y: {y_me:?}");

    assert_ne!(
        y_coupon.id, x_coupon.id,
        "a wallet coupon id is never reused"
    );
    assert_ne!(y_coupon.code, x_coupon.code);
    // X's sessions on every device are gone.
    for cookie in [&x, &x_other_device] {
        let r = app.me().cookie(cookie).await;
        assert_problem(&r, 401, "unauthenticated", None);
    }

    // Y's own tokens work; Y's first ledger entry is not X's.
    let y_scan = scan_tokens(&app, &y).await;
    let r = earn(&app, "y1", &y_scan.tokens[0].token, JINGAN, "R-Y", 1_000).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_ne!(r.json::<EarnResult>().entry.id, x_entry.id);
    let y_batch: TokenBatch = get_as(app.coupon_token(&y_coupon.id), &y).await;
    let r = redeem(&app, &y_batch.tokens[0].token, JINGAN, "R-Y2").await;
    assert_eq!(r.status, 200, "{}", r.text());
}

/// Property: whatever the interleaving of joins, claims and deletions, no member number,
/// wallet coupon id or ledger entry id is handed out twice.
#[tokio::test]
async fn no_identifier_repeats_across_joins_and_deletions() {
    let app = spawn_members(true, 1_000).await;
    let mut coupon_ids = std::collections::HashSet::new();
    let mut member_nos = std::collections::HashSet::new();
    // 1 = join and claim; 0 = also delete right away (a fixed pseudo-random pattern).
    let pattern = [0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1];
    for (i, keep) in pattern.into_iter().enumerate() {
        let (r, cookie) = sign_in(&app, &format!("1370000{i:04}"), true).await;
        assert_eq!(r.status, 201, "{}", r.text());
        let member: SignedIn = r.json();
        assert!(member_nos.insert(member.member.member_no.clone()));
        let c = claim_welcome(&app, &cookie).await;
        assert!(coupon_ids.insert(c.id.clone()), "{} reused", c.id);
        if keep == 0 {
            let r = app.delete_me().csrf().cookie(&cookie).await;
            assert_eq!(r.status, 204);
        }
    }
}

/// A signed-out session stays signed out (the cookie is refused on every member route).
#[tokio::test]
async fn a_signed_out_session_is_refused() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "13900000103", true).await;
    let r = app.sign_out().csrf().cookie(&cookie).await;
    assert_eq!(r.status, 204);
    let r = app.me().cookie(&cookie).await;
    assert_problem(&r, 401, "unauthenticated", None);
    let r = app.scan_tokens().csrf().cookie(&cookie).await;
    assert_problem(&r, 401, "unauthenticated", None);
    let r = app
        .claim(r#"{"offer":"WELCOME5"}"#)
        .csrf()
        .cookie(&cookie)
        .await;
    assert_problem(&r, 401, "unauthenticated", None);
}

/// The migration to never-reused ids keeps every row of a database written before it (and
/// drops nothing but orphans), continues ids above the highest one, and leaves the file
/// consistent.
#[tokio::test]
async fn the_identity_migration_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let options = <sqlx::sqlite::SqliteConnectOptions as std::str::FromStr>::from_str(&url)
        .unwrap()
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    let mut before = sqlx::migrate!("./migrations");
    before.migrations = before
        .migrations
        .iter()
        .filter(|m| m.version <= 5)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    before.run(&pool).await.unwrap();
    for sql in [
        "INSERT INTO stores (id, slug, name_zh, name_en, city_zh, city_en, address_zh, address_en, lat, lng, time_zone, phone, services) \
         VALUES ('s1', 's1', 'a', 'a', 'a', 'a', 'a', 'a', 0, 0, 'Asia/Shanghai', '1', '')",
        "INSERT INTO offers (code, title_zh, title_en, terms_zh, terms_en, discount_type, discount_value, channel, valid_from, valid_until, total, remaining) \
         VALUES ('O1', 'a', 'a', 'a', 'a', 'amount', 100, 'both', 0, 4000000000, 10, 10)",
        "INSERT INTO members (id, member_no, login, points, lifetime_points, terms_accepted_at, created_at) VALUES \
         (1, '8800000001', '13900000001', 5, 5, 0, 0), (7, '8800000007', '13900000007', 0, 0, 0, 0)",
        "INSERT INTO member_ledger (member_id, points, reason, store_id, receipt, amount, idempotency_key, at) \
         VALUES (1, 5, 'purchase', 's1', 'R1', 500, 'k1', 0)",
        "INSERT INTO member_sessions (id_sha256, member_id, created_at, expires_at) VALUES ('h1', 7, 0, 4000000000)",
        "INSERT INTO wallet_coupons (id, member_id, offer_code, claimed_at, expires_at) VALUES (3, 1, 'O1', 0, 4000000000), (9, 7, 'O1', 0, 4000000000)",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    pool.close().await;

    let pool = storefront_server::db::connect(&url).await.unwrap();
    let counts: (i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM members), (SELECT COUNT(*) FROM member_ledger), \
         (SELECT COUNT(*) FROM member_sessions), (SELECT COUNT(*) FROM wallet_coupons), \
         (SELECT COUNT(DISTINCT token_subject) FROM members) + (SELECT COUNT(DISTINCT token_subject) FROM wallet_coupons)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(counts, (2, 1, 1, 2, 4));
    let (points, session_member): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT points FROM members WHERE member_no = '8800000001'), \
         (SELECT member_id FROM member_sessions WHERE id_sha256 = 'h1')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((points, session_member), (5, 7));
    // The highest member is deleted; the next one still gets a higher id.
    sqlx::query("DELETE FROM members WHERE id = 7")
        .execute(&pool)
        .await
        .unwrap();
    let id = sqlx::query(
        "INSERT INTO members (member_no, login, terms_accepted_at, created_at) VALUES ('8800000008', 'x@example.com', 0, 0)",
    )
    .execute(&pool)
    .await
    .unwrap()
    .last_insert_rowid();
    assert_eq!(id, 8);
    let (coupons_of_7,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM wallet_coupons WHERE member_id = 7")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(coupons_of_7, 0, "ON DELETE CASCADE points at the new table");
    let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let violations = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(violations.is_empty());
}

/// Session ids are random 256-bit values, new at every sign-in, and only their SHA-256 is
/// stored: a cookie is never handed out twice and cannot be read back from the database.
#[tokio::test]
async fn session_ids_are_random_and_stored_hashed() {
    let app = spawn_members(true, 1_000).await;
    let mut seen = std::collections::HashSet::new();
    for i in 0..4 {
        let (r, cookie) = sign_in(&app, &format!("1360000{i:04}"), true).await;
        assert_eq!(r.status, 201, "{}", r.text());
        let id = cookie.trim_start_matches("sf_session=").to_owned();
        assert_eq!(id.len(), 43, "base64url of 32 bytes");
        assert!(seen.insert(id.clone()));
        let (stored,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM member_sessions WHERE id_sha256 = ? OR id_sha256 = ?",
        )
        .bind(&id)
        .bind(sha256_hex(&id))
        .fetch_one(&app.pool().await)
        .await
        .unwrap();
        assert_eq!(stored, 1);
    }
}

/// Signing out of the member's last session voids their QR and coupon tokens; while
/// another session is alive (another device), the tokens stay valid.
#[tokio::test]
async fn signing_out_everywhere_voids_the_tokens() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "13900000104", true).await;
    let other = second_session(&app, "13900000104").await;
    let scan = scan_tokens(&app, &cookie).await;
    let coupon = claim_welcome(&app, &cookie).await;
    let batch: TokenBatch = get_as(app.coupon_token(&coupon.id), &cookie).await;
    // One device signs out: the other still holds valid tokens.
    let r = app.sign_out().csrf().cookie(&other).await;
    assert_eq!(r.status, 204);
    let r = earn(&app, "so-1", &scan.tokens[0].token, JINGAN, "SO-1", 1_000).await;
    assert_eq!(r.status, 201, "{}", r.text());
    // The last session signs out: every token of the member is refused.
    let r = app.sign_out().csrf().cookie(&cookie).await;
    assert_eq!(r.status, 204);
    let r = earn(&app, "so-2", &scan.tokens[1].token, JINGAN, "SO-2", 1_000).await;
    assert_problem(&r, 422, "token_invalid", Some("/scan_token"));
    let r = redeem(&app, &batch.tokens[0].token, JINGAN, "SO-3").await;
    assert_problem(&r, 422, "token_invalid", Some("/coupon_token"));
    // Signed in again, new tokens work.
    let again = session_named(&app, "13900000104", "third-device").await;
    let fresh = scan_tokens(&app, &again).await;
    let r = earn(&app, "so-4", &fresh.tokens[0].token, JINGAN, "SO-4", 1_000).await;
    assert_eq!(r.status, 201, "{}", r.text());
}
