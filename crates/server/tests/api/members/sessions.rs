//! Sign-in codes (limits, expiry, single use, terms), sessions and CSRF, the demo members.

use super::*;

#[tokio::test]
async fn sign_in_join_session_and_sign_out() {
    let app = spawn_members(true, 1_000).await;
    // CSRF: no header, or a foreign Origin, is 403.
    let r = app.send_code(r#"{"login":"13912345678"}"#).await;
    assert_problem(&r, 403, "csrf", Some("#/header/X-Requested-With"));
    let r = app
        .send_code(r#"{"login":"13912345678"}"#)
        .header("origin", "https://evil.example")
        .header("host", "shop.example")
        .await;
    assert_problem(&r, 403, "csrf", None);
    // Bad logins name the field.
    for bad in ["12345", "not-an-email@", ""] {
        let r = app
            .send_code(&format!(r#"{{"login":"{bad}"}}"#))
            .csrf()
            .await;
        assert_problem(&r, 400, "invalid_body", Some("/login"));
    }
    // A same-origin Origin is accepted instead of the header.
    let r = app
        .send_code(r#"{"login":"+86 139 1234 5678"}"#)
        .header("origin", "http://shop.example")
        .header("host", "shop.example")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sent: SignInCodeSent = r.json();
    assert_eq!(sent.login, "13912345678");
    // Resending at once is rate limited.
    let r = app.send_code(r#"{"login":"13912345678"}"#).csrf().await;
    assert_problem(&r, 429, "rate_limited", Some("/login"));
    let retry: u32 = r.header("retry-after").parse().unwrap();
    assert!((1..=30).contains(&retry), "{retry}");

    let code: DemoCode = app.last_code("13912345678").json().await;
    assert_eq!(code.code.len(), 6);
    let wrong = if code.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    let verify = |c: &str, agree: bool| {
        format!(r#"{{"login":"13912345678","code":"{c}","agree_terms":{agree}}}"#)
    };
    let r = app.verify_code(&verify(wrong, true)).csrf().await;
    assert_problem(&r, 422, "code_invalid", Some("/code"));
    let r = app.verify_code(&verify("12a", true)).csrf().await;
    assert_problem(&r, 400, "invalid_body", Some("/code"));
    // Joining needs the terms; the code survives that refusal.
    let r = app.verify_code(&verify(&code.code, false)).csrf().await;
    assert_problem(&r, 422, "terms_required", Some("/agree_terms"));
    let r = app.verify_code(&verify(&code.code, true)).csrf().await;
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
    let r = app.verify_code(&verify(&code.code, true)).csrf().await;
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

    let me: Member = get_as(app.me(), &cookie).await;
    assert_eq!(me.member_no, signed.member.member_no);
    assert_eq!(me.points_to_next, 1_000);
    // The loyalty account is the same member.
    let loyalty: Member = get_as(app.loyalty(), &cookie).await;
    assert_eq!(loyalty, me);
    // Without or with a bad session: 401 problem.
    assert_problem(&app.me().await, 401, "unauthenticated", None);
    assert_problem(
        &app.me().cookie("sf_session=forged").await,
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
    let scan =
        |headers: &'static [(&'static str, &'static str)]| app.scan_tokens().headers(headers);
    assert_problem(&scan(&[]).await, 403, "csrf", None);
    assert_problem(&scan(&[XRW]).await, 401, "unauthenticated", None);
    // Sign-out needs the CSRF header, ends the session on the server and clears the cookie.
    let r = app.sign_out().cookie(&cookie).await;
    assert_problem(&r, 403, "csrf", None);
    let r = app.sign_out().cookie(&cookie).csrf().await;
    assert_eq!(r.status, 204);
    assert!(r.header("set-cookie").contains("Max-Age=0"));
    assert_problem(
        &app.me().cookie(&cookie).await,
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
    let r = app.send_code(r#"{"login":"a@example.com"}"#).csrf().await;
    assert_eq!(r.status, 200);
    let code: DemoCode = app.last_code("A@Example.com").json().await;
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
    let r = app.verify_code(&body).csrf().await;
    let p = assert_problem(&r, 422, "code_invalid", Some("/code"));
    assert!(p.detail.unwrap().contains("expired"));
    // Five wrong tries void the code, even for the right one afterwards.
    let r = app.send_code(r#"{"login":"b@example.com"}"#).csrf().await;
    assert_eq!(r.status, 200);
    let code: DemoCode = app.last_code("b@example.com").json().await;
    let wrong = if code.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    for _ in 0..5 {
        let body = format!(r#"{{"login":"b@example.com","code":"{wrong}","agree_terms":true}}"#);
        let r = app.verify_code(&body).csrf().await;
        assert_problem(&r, 422, "code_invalid", None);
    }
    let body = format!(
        r#"{{"login":"b@example.com","code":"{}","agree_terms":true}}"#,
        code.code
    );
    let r = app.verify_code(&body).csrf().await;
    assert_problem(&r, 422, "code_invalid", None);
    // Per client (limit 4 codes/h here): the fourth goes, the fifth is refused.
    for (login, status) in [
        ("c@example.com", 200),
        ("d@example.com", 200),
        ("e@example.com", 429),
    ] {
        let r = app
            .send_code(&format!(r#"{{"login":"{login}"}}"#))
            .csrf()
            .await;
        assert_eq!(r.status, status, "{login}: {}", r.text());
    }
}

#[tokio::test]
async fn demo_code_endpoint_is_off_without_demo_mode() {
    // Production mode, with a code sender (an SMS gateway's webhook on 127.0.0.1).
    let (url, _) = crate::helpers::fakes::webhook(200).await;
    let app = spawn_members_with(false, 30, |c| c.code_webhook_url = Some(url)).await;
    let r = app.send_code(r#"{"login":"13912345678"}"#).csrf().await;
    assert_eq!(r.status, 200);
    assert_problem(&app.last_code("13912345678").await, 404, "not_found", None);
}

#[tokio::test]
async fn secure_cookie_behind_https() {
    let app = spawn_members(true, 1_000).await;
    app.send_code(r#"{"login":"13800000004"}"#).csrf().await;
    let code: DemoCode = app.last_code("13800000004").json().await;
    let r = app
        .verify_code(&format!(
            r#"{{"login":"13800000004","code":"{}"}}"#,
            code.code
        ))
        .csrf()
        .header("x-forwarded-proto", "https")
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
        let me: Member = get_as(app.me(), &cookie).await;
        tiers.push(me.tier.tier);
        if regular.is_empty() {
            regular = cookie.clone();
        }
        let page: Page<LedgerEntry> = get_as(app.transactions("limit=2"), &cookie).await;
        assert!(page.total >= 1);
        let sum: i64 = {
            let all: Page<LedgerEntry> = get_as(app.transactions("limit=100"), &cookie).await;
            assert!(
                all.data.windows(2).all(|w| w[0].at >= w[1].at),
                "newest first"
            );
            all.data.iter().map(|e| e.points).sum()
        };
        assert_eq!(sum, me.points, "the ledger adds up to the balance");
        if page.total > 2 {
            let next = page.next_cursor.clone().unwrap();
            let p2: Page<LedgerEntry> =
                get_as(app.transactions(&format!("limit=2&cursor={next}")), &cookie).await;
            assert!(p2.data.iter().all(|e| !page.data.contains(e)));
        }
    }
    assert_eq!(
        tiers,
        vec![Tier::Regular, Tier::Silver, Tier::Gold, Tier::Platinum]
    );
    let cookie = regular;
    let r = app.transactions("cursor=zzz").cookie(&cookie).await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/cursor"));
    let r = app.transactions("limit=0").cookie(&cookie).await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/limit"));
}
