//! Sign-in that a stranger cannot block or guess (issue 12): sliding windows kept in the
//! database (no reset at the clock hour, nothing forgotten by a restart), limits per client
//! and per (login, client) so one client never locks out the owner elsewhere, a per-login
//! ceiling of wrong guesses that no number of clients passes, and the same answer to
//! `POST /auth/code` for members and strangers. Clients are told apart by the connection's
//! address (`ConnectInfo`), as the server sees them.

use super::*;
use crate::helpers::{json_request, send};
use axum::extract::ConnectInfo;
use std::net::SocketAddr;

/// A JSON POST with `X-Requested-With` from the client address `ip`.
async fn post_from(app: &Client, path: &str, body: &str, ip: &str) -> Reply {
    let mut req = json_request(Method::POST, path, &[XRW], body);
    let addr = SocketAddr::new(ip.parse().unwrap(), 40_000);
    req.extensions_mut().insert(ConnectInfo(addr));
    send(app.router.clone(), req).await
}

async fn code_from(app: &Client, login: &str, ip: &str) -> Reply {
    post_from(
        app,
        "/api/v1/auth/code",
        &format!(r#"{{"login":"{login}"}}"#),
        ip,
    )
    .await
}

async fn verify_from(app: &Client, login: &str, code: &str, ip: &str) -> Reply {
    post_from(
        app,
        "/api/v1/auth/verify",
        &format!(r#"{{"login":"{login}","code":"{code}","agree_terms":true}}"#),
        ip,
    )
    .await
}

/// The demo code last sent to `login`, and a code that is certainly wrong.
async fn codes(app: &Client, login: &str) -> (String, String) {
    let code: DemoCode = app.last_code(login).json().await;
    let wrong = if code.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    (code.code, wrong.to_owned())
}

/// Moves every counted attempt `secs` into the past (the windows are in the database).
async fn age(app: &TestApp, secs: i64) {
    sqlx::query("UPDATE auth_attempts SET at = at - ?")
        .bind(secs)
        .execute(&app.pool().await)
        .await
        .unwrap();
}

fn retry_after(r: &Reply) -> i64 {
    assert_problem(r, 429, "rate_limited", None);
    r.header("retry-after").parse().unwrap()
}

#[tokio::test]
async fn a_strangers_code_requests_never_block_the_owner_elsewhere() {
    let app = spawn_members(true, 1_000).await;
    let owner = "13800000001";
    // A stranger asks for the owner's codes from one client, as fast as allowed and more.
    let mut sent = 0;
    for _ in 0..8 {
        let r = code_from(&app, owner, "203.0.113.66").await;
        if r.status == 200 {
            sent += 1;
        } else {
            let wait = retry_after(&r);
            assert!((1..=3_600).contains(&wait), "{wait}");
        }
        age(&app, 31).await;
    }
    assert_eq!(sent, 5, "five codes per (login, client) per hour");
    // The owner, elsewhere, still gets a code and signs in with it, even when the stranger
    // asks again in between (a stranger's request never replaces the owner's code).
    let r = code_from(&app, owner, "198.51.100.7").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let (code, _) = codes(&app, owner).await;
    age(&app, 3_600).await;
    assert_eq!(code_from(&app, owner, "203.0.113.66").await.status, 200);
    // The stranger's wrong guesses void only the stranger's own code.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let r = verify_from(&app, owner, wrong, "203.0.113.66").await;
        assert_problem(&r, 422, "code_invalid", Some("/code"));
    }
    // The owner's code works only where it was asked for.
    let r = verify_from(&app, owner, &code, "203.0.113.66").await;
    assert_problem(&r, 422, "code_invalid", Some("/code"));
    let r = verify_from(&app, owner, &code, "198.51.100.7").await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn windows_slide_instead_of_resetting_at_the_hour() {
    let app = spawn_members(true, 3).await;
    let ip = "192.0.2.10";
    for n in 0..3 {
        let r = code_from(&app, &format!("1390000010{n}"), ip).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    // The fourth waits an hour from the first, not until the next :00.
    let r = code_from(&app, "13900000109", ip).await;
    let wait = retry_after(&r);
    assert!((3_590..=3_600).contains(&wait), "{wait}");
    // 3,590 s later the window still holds all three: the wait is what is left of it.
    age(&app, 3_590).await;
    let wait = retry_after(&code_from(&app, "13900000109", ip).await);
    assert!((1..=10).contains(&wait), "{wait}");
    // Once they have left the window, three more go, and no more.
    age(&app, 11).await;
    for n in 3..6 {
        let r = code_from(&app, &format!("1390000010{n}"), ip).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let wait = retry_after(&code_from(&app, "13900000109", ip).await);
    assert!((3_590..=3_600).contains(&wait), "{wait}");
}

#[tokio::test]
async fn limits_survive_a_restart() {
    let app = spawn_members(true, 2).await;
    let ip = "192.0.2.20";
    for login in ["13900000201", "13900000202"] {
        assert_eq!(code_from(&app, login, ip).await.status, 200);
    }
    assert_eq!(code_from(&app, "13900000203", ip).await.status, 429);
    // The same database, a new process.
    let db = app.dir.path().join("nested").join("test.db");
    let mut config = Config::new(
        format!("sqlite://{}", db.display()),
        app.dir.path().join("no-dist"),
    );
    config.products = 40;
    config.demo = true;
    config.auth_ip_limit = 2;
    let restarted = Client {
        router: storefront_server::app(&config).await.expect("app restarts"),
    };
    let wait = retry_after(&code_from(&restarted, "13900000203", ip).await);
    assert!((3_590..=3_600).contains(&wait), "{wait}");
    let r = code_from(&restarted, "13900000201", "192.0.2.22").await;
    assert_eq!(r.status, 200, "another client is not held by it");
}

#[tokio::test]
async fn wrong_guesses_per_login_have_a_ceiling_that_many_clients_cannot_pass() {
    let app = spawn_members(true, 1_000).await;
    let login = "13800000002";
    let mut accepted = 0;
    let mut refused_at = None;
    'clients: for c in 0..20 {
        let ip = format!("10.1.0.{c}");
        let r = code_from(&app, login, &ip).await;
        if r.status != 200 {
            let wait = retry_after(&r);
            assert!((86_000..=86_400).contains(&wait), "{wait}");
            refused_at = Some(c);
            break;
        }
        let (_, wrong) = codes(&app, login).await;
        for _ in 0..3 {
            let r = verify_from(&app, login, &wrong, &ip).await;
            if r.status == 429 {
                let wait = retry_after(&r);
                assert!((86_000..=86_400).contains(&wait), "{wait}");
                // At the ceiling even the right code is refused: no comparison is made.
                let (right, _) = codes(&app, login).await;
                let r = verify_from(&app, login, &right, &ip).await;
                assert_eq!(r.status, 429, "{}", r.text());
                continue 'clients;
            }
            assert_problem(&r, 422, "code_invalid", Some("/code"));
            accepted += 1;
        }
    }
    assert_eq!(accepted, 10, "ten wrong guesses per login per day");
    assert_eq!(refused_at, Some(4), "then no more codes for the login");
    // The window slides: a day after the guesses, codes go again.
    age(&app, 86_400).await;
    assert_eq!(code_from(&app, login, "10.1.0.99").await.status, 200);

    // One client alone cannot reach the ceiling: it gets half of the guesses, and the
    // owner elsewhere still signs in.
    let login = "13800000003";
    let stranger = "10.2.0.1";
    assert_eq!(code_from(&app, login, stranger).await.status, 200);
    let (_, wrong) = codes(&app, login).await;
    for _ in 0..5 {
        let r = verify_from(&app, login, &wrong, stranger).await;
        assert_problem(&r, 422, "code_invalid", Some("/code"));
    }
    age(&app, 31).await;
    let wait = retry_after(&code_from(&app, login, stranger).await);
    assert!((86_000..=86_400).contains(&wait), "{wait}");
    assert_eq!(code_from(&app, login, "10.2.0.2").await.status, 200);
    let (right, _) = codes(&app, login).await;
    let r = verify_from(&app, login, &right, "10.2.0.2").await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn asking_for_a_code_does_not_tell_whether_the_login_is_a_member() {
    let app = spawn_members(true, 1_000).await;
    let answer = |r: &Reply| {
        let mut v: serde_json::Value = r.json();
        let o = v.as_object_mut().unwrap();
        o.remove("login");
        o.remove("expires_at");
        (
            r.status,
            r.header("content-type").to_owned(),
            r.header("cache-control").to_owned(),
            v,
        )
    };
    let member = code_from(&app, "13800000001", "192.0.2.30").await;
    let stranger = code_from(&app, "13900000301", "192.0.2.31").await;
    assert_eq!(member.status, 200, "{}", member.text());
    assert_eq!(answer(&member), answer(&stranger));
    let keys: Vec<String> = member
        .json::<serde_json::Value>()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["expires_at", "login", "resend_after_seconds"]);
    // Whether the login joins shows only after the right code: `terms_required`.
    let app = spawn_members(true, 1_000).await;
    assert_eq!(
        code_from(&app, "13900000302", "192.0.2.32").await.status,
        200
    );
    let (right, _) = codes(&app, "13900000302").await;
    let r = post_from(
        &app,
        "/api/v1/auth/verify",
        &format!(r#"{{"login":"13900000302","code":"{right}"}}"#),
        "192.0.2.32",
    )
    .await;
    assert_problem(&r, 422, "terms_required", Some("/agree_terms"));
}

/// One sign-in code request over a real connection from 127.0.0.1, saying
/// `X-Forwarded-For: forwarded`; its status.
async fn code_via_proxy(server: &crate::helpers::listener::Listening, forwarded: &str) -> u16 {
    let body = r#"{"login":"13800000009"}"#;
    let request = format!(
        "POST /api/v1/auth/code HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\
         Content-Type: application/json\r\nX-Requested-With: storefront\r\n\
         X-Forwarded-For: {forwarded}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut stream = server.send(request.as_bytes()).await;
    let answer =
        crate::helpers::listener::read_to_close(&mut stream, std::time::Duration::from_secs(10))
            .await
            .unwrap_or_default();
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_shopper_has_their_own_limits_and_others_cannot_pretend() {
    use crate::helpers::listener::listen;
    // Behind a proxy the operator names, clients are told apart by X-Forwarded-For.
    let server = listen(|c| c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    // one shopper's second code within the minute is refused (per login and client)...
    assert_eq!(code_via_proxy(&server, "203.0.113.1").await, 200);
    assert_eq!(code_via_proxy(&server, "203.0.113.1").await, 429);
    // ...while another shopper behind the same proxy is another client
    assert_eq!(
        code_via_proxy(&server, "203.0.113.2").await,
        200,
        "another shopper behind the proxy"
    );
    // a client's own X-Forwarded-For entry does not hide it: the proxy's appended one counts
    assert_eq!(
        code_via_proxy(&server, "198.51.100.9, 203.0.113.1").await,
        429
    );
    server.stop().await;

    // Without a trusted proxy the header is ignored: the peer is the client.
    let server = listen(|_| {}).await;
    assert_eq!(code_via_proxy(&server, "203.0.113.1").await, 200);
    assert_eq!(
        code_via_proxy(&server, "203.0.113.2").await,
        429,
        "a header cannot make a new client"
    );
    server.stop().await;
}
