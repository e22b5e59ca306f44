//! Signing in to the marketing workspace: the cookie, wrong and revoked keys, the limit of
//! failures per client address, CSRF, signing out, and the demo key in production mode.

use super::spawn;
use crate::helpers::marketing::{set_cookie_pair, DEMO_MARKETING_KEY};
use crate::helpers::{assert_problem, TestApp};
use storefront_api_types::MarketingSession;
use storefront_server::marketing::keys;
use storefront_server::Config;

fn key_body(key: &str) -> String {
    serde_json::json!({ "key": key }).to_string()
}

#[tokio::test]
async fn the_demo_key_signs_in_with_a_strict_http_only_cookie() {
    let app = spawn().await;
    let r = app
        .marketing_sign_in(&key_body(DEMO_MARKETING_KEY))
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    let set = r.header("set-cookie");
    for part in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/v1/marketing",
        "Max-Age=43200",
    ] {
        assert!(set.contains(part), "{set}");
    }
    assert!(!set.contains("Secure"), "plain HTTP: {set}");
    let session: MarketingSession = r.json();
    assert_eq!(session.label, "demo");
    let cookie = set_cookie_pair(&r);
    assert!(cookie.starts_with("sf_marketing=") && cookie.len() > 40);

    let r = app.marketing_session().cookie(&cookie).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "private, no-store");
    assert_eq!(r.json::<MarketingSession>(), session);

    // Over HTTPS (a proxy saying so) the cookie is Secure.
    let r = app
        .marketing_sign_in(&key_body(DEMO_MARKETING_KEY))
        .csrf()
        .header("x-forwarded-proto", "https")
        .await;
    assert!(r.header("set-cookie").contains("; Secure"));

    // Signing out ends the session on the server, not only the cookie.
    let r = app.marketing_sign_out().cookie(&cookie).csrf().await;
    assert_eq!(r.status, 204);
    assert!(r.header("set-cookie").contains("sf_marketing=;"));
    assert!(r.header("set-cookie").contains("Max-Age=0"));
    let r = app.marketing_session().cookie(&cookie).await;
    assert_problem(&r, 401, "unauthenticated", None);
}

#[tokio::test]
async fn no_wrong_or_member_session_opens_the_workspace() {
    let app = spawn().await;
    assert_problem(&app.marketing_session().await, 401, "unauthenticated", None);
    assert_problem(
        &app.marketing_campaigns().await,
        401,
        "unauthenticated",
        None,
    );
    let r = app
        .marketing_session()
        .cookie("sf_marketing=forged; sf_session=forged")
        .await;
    assert_problem(&r, 401, "unauthenticated", None);
    let r = app.marketing_sign_in(&key_body("mk_wrong")).csrf().await;
    assert_problem(&r, 401, "unauthorized", Some("/key"));
    assert!(r.header("set-cookie").is_empty());
    assert!(r.headers.get("www-authenticate").is_none());
    // A staff key is not a marketing key: it opens its store's insight reports only.
    let r = app
        .marketing_sign_in(&key_body("demo-s_sh_jingan"))
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let staff = set_cookie_pair(&r);
    assert_problem(
        &app.marketing_campaigns().cookie(&staff).await,
        403,
        "forbidden",
        None,
    );
    let r = app.marketing_sign_in(&key_body("")).csrf().await;
    assert_problem(&r, 400, "invalid_body", Some("/key"));
    let r = app.marketing_sign_in(r#"{"key":"a","x":1}"#).csrf().await;
    assert_eq!(r.status, 400, "{}", r.text());
}

#[tokio::test]
async fn state_changes_need_the_csrf_header() {
    let app = spawn().await;
    let r = app.marketing_sign_in(&key_body(DEMO_MARKETING_KEY)).await;
    assert_problem(&r, 403, "csrf", Some("#/header/X-Requested-With"));
    let cookie = app.marketer().await;
    let body = super::campaign("csrf-test").to_string();
    let r = app.create_campaign(&body).cookie(&cookie).await;
    assert_problem(&r, 403, "csrf", None);
    let r = app
        .create_campaign(&body)
        .cookie(&cookie)
        .header("origin", "https://evil.example")
        .header("host", "shop.example")
        .await;
    assert_problem(&r, 403, "csrf", None);
    let r = app
        .update_campaign("csrf-test", &body)
        .cookie(&cookie)
        .await;
    assert_problem(&r, 403, "csrf", None);
    let r = app.marketing_sign_out().cookie(&cookie).await;
    assert_problem(&r, 403, "csrf", None);
    // Still signed in; reads need no header.
    assert_eq!(app.marketing_session().cookie(&cookie).await.status, 200);
    // The same origin passes without the header.
    let r = app
        .create_campaign(&body)
        .cookie(&cookie)
        .header("origin", "http://shop.example")
        .header("host", "shop.example")
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn a_revoked_key_is_refused_and_its_sessions_end_at_once() {
    let app = spawn().await;
    let pool = app.pool().await;
    let (id, key) = keys::create(&pool, "Ana, marketing").await.unwrap();
    assert!(key.starts_with("mk_") && key.len() == 46, "{key}");
    let cookie = app.marketer_with(&key).await;
    let s: MarketingSession = app.marketing_session().cookie(&cookie).json().await;
    assert_eq!(s.label, "Ana, marketing");
    assert!(keys::revoke(&pool, id).await.unwrap());
    assert!(!keys::revoke(&pool, id).await.unwrap());
    let r = app.marketing_session().cookie(&cookie).await;
    assert_problem(&r, 401, "unauthenticated", None);
    let r = app.marketing_campaigns().cookie(&cookie).await;
    assert_problem(&r, 401, "unauthenticated", None);
    let r = app.marketing_sign_in(&key_body(&key)).csrf().await;
    assert_problem(&r, 401, "unauthorized", Some("/key"));
}

#[tokio::test]
async fn ten_failures_of_a_client_block_its_sign_ins_with_retry_after() {
    let app = spawn().await;
    for i in 0..10 {
        let r = app
            .marketing_sign_in(&key_body(&format!("mk_guess{i}")))
            .csrf()
            .await;
        assert_problem(&r, 401, "unauthorized", Some("/key"));
    }
    let r = app.marketing_sign_in(&key_body("mk_guess10")).csrf().await;
    assert_problem(&r, 429, "rate_limited", Some("/key"));
    let wait: u32 = r.header("retry-after").parse().unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    // Even the right key waits: the limit is the client's, not the key's.
    let r = app
        .marketing_sign_in(&key_body(DEMO_MARKETING_KEY))
        .csrf()
        .await;
    assert_problem(&r, 429, "rate_limited", Some("/key"));
}

#[tokio::test]
async fn the_demo_key_exists_only_in_demo_mode() {
    let demo = spawn().await;
    let db = demo.dir.path().join("nested").join("test.db");
    let url = format!("sqlite://{}", db.display());
    let mut config = Config::new(&url, demo.dir.path().join("no-dist"));
    config.products = 40;
    let production = TestApp::new(
        storefront_server::app(&config).await.unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let r = production
        .marketing_sign_in(&key_body(DEMO_MARKETING_KEY))
        .csrf()
        .await;
    assert_problem(&r, 401, "unauthorized", Some("/key"));
    // A fresh production database never had it.
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(
        format!("sqlite://{}", dir.path().join("p.db").display()),
        dir.path().join("no-dist"),
    );
    config.products = 5;
    let fresh = TestApp::new(storefront_server::app(&config).await.unwrap(), dir);
    let r = fresh
        .marketing_sign_in(&key_body(DEMO_MARKETING_KEY))
        .csrf()
        .await;
    assert_problem(&r, 401, "unauthorized", Some("/key"));
}

#[tokio::test]
async fn the_marketing_keys_subcommand_creates_lists_and_revokes() {
    let app = spawn().await;
    let db = app.dir.path().join("nested").join("test.db");
    let url = format!("sqlite://{}", db.display());
    let run = |args: &[&str]| {
        let url = url.clone();
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        async move {
            use clap::Parser as _;
            let argv = ["storefront-server marketing-keys", "--database-url", &url]
                .into_iter()
                .map(str::to_owned)
                .chain(args);
            let parsed = keys::MarketingKeysArgs::parse_from(argv);
            let mut out = Vec::new();
            let done = keys::run(parsed, &mut out).await;
            (done, String::from_utf8(out).unwrap())
        }
    };
    let (done, out) = run(&["create", "--label", "Bo"]).await;
    assert_eq!(done, Ok(()));
    let key = out.trim().to_owned();
    assert!(key.starts_with("mk_") && key.len() == 46, "{out}");
    let cookie = app.marketer_with(&key).await;
    let (_, list) = run(&["list"]).await;
    assert!(list.starts_with("id\tlabel\tcreated\trevoked\n"), "{list}");
    let line = list.lines().find(|l| l.contains("\tBo\t")).unwrap();
    assert!(line.ends_with("\t-"), "{line}");
    assert!(!list.contains(&key));
    let id = line.split('\t').next().unwrap().to_owned();
    let (done, out) = run(&["revoke", &id]).await;
    assert_eq!(done, Ok(()), "{out}");
    let r = app.marketing_session().cookie(&cookie).await;
    assert_problem(&r, 401, "unauthenticated", None);
    let (done, _) = run(&["revoke", &id]).await;
    assert!(done.is_err());
}
