//! Production mode (no `--demo`): no well-known staff key, no demo member, no code in the
//! log; staff keys made, listed and revoked with the `keys` subcommand; sign-in codes sent
//! to a real webhook (a small HTTP server on 127.0.0.1) or refused with
//! `503 sender_unavailable` when no sender is configured; the demo-mode note in index.html.

use crate::helpers::fakes::{fake_smtp, webhook};
use crate::helpers::{assert_problem, TestApp};
use std::sync::{Arc, Mutex};
use storefront_api_types::{DemoCode, SignInCodeSent, SignedIn};
use storefront_server::keys::{KeysArgs, KeysCommand};
use storefront_server::{app, Config};

const JINGAN: &str = "s_sh_jingan";
const VARIANT: &str = "v_000003_01";

async fn spawn_mode(demo: bool, configure: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested").join("test.db");
    let mut config = Config::new(
        format!("sqlite://{}", db.display()),
        dir.path().join("no-dist"),
    );
    config.products = 10;
    config.demo = demo;
    configure(&mut config);
    let router = app(&config).await.expect("app starts");
    TestApp::new(router, dir)
}

fn db_url(app: &TestApp) -> String {
    let db = app.dir.path().join("nested").join("test.db");
    format!("sqlite://{}", db.display())
}

async fn keys(app: &TestApp, command: KeysCommand) -> Result<String, String> {
    let mut out = Vec::new();
    let args = KeysArgs {
        database_url: db_url(app),
        command,
    };
    storefront_server::keys::run(args, &mut out).await?;
    Ok(String::from_utf8(out).unwrap())
}

#[tokio::test]
async fn production_start_has_no_demo_key_and_no_demo_member() {
    let (url, seen) = webhook(200).await;
    let app = spawn_mode(false, |c| c.code_webhook_url = Some(url)).await;
    // The well-known demo key opens nothing.
    let r = app
        .put_stock(JINGAN, VARIANT, r#"{"quantity":3}"#)
        .staff(JINGAN)
        .await;
    assert_problem(&r, 401, "unauthorized", None);
    // The demo code endpoint is off.
    assert_problem(&app.last_code("13800000004").await, 404, "not_found", None);
    // The demo gold member's number is nobody's: signing in with it joins a new member.
    let r = app.send_code(r#"{"login":"13800000004"}"#).csrf().await;
    assert_eq!(r.status, 200, "{}", r.text());
    let code = seen.lock().unwrap()[0].body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = app
        .verify_code(&format!(
            r#"{{"login":"13800000004","code":"{code}","agree_terms":true}}"#
        ))
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let signed: SignedIn = r.json();
    assert!(signed.joined);
    assert_eq!(signed.member.points, 0);
    // The demo catalogue and offers are there (catalogue, not people).
    let r = app.call(axum::http::Method::GET, "/api/v1/coupons").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("SPRING20"));
}

#[tokio::test]
async fn a_demo_database_started_in_production_loses_its_demo_keys() {
    let demo = spawn_mode(true, |_| {}).await;
    let url = db_url(&demo);
    let mut config = Config::new(url, demo.dir.path().join("no-dist"));
    config.products = 10;
    let router = app(&config).await.expect("production start");
    let prod = TestApp::new(router, tempfile::tempdir().unwrap());
    let r = prod
        .put_stock(JINGAN, VARIANT, r#"{"quantity":3}"#)
        .staff(JINGAN)
        .await;
    assert_problem(&r, 401, "unauthorized", None);
}

#[tokio::test]
async fn keys_are_created_listed_and_revoked() {
    let app = spawn_mode(false, |_| {}).await;
    let key = keys(
        &app,
        KeysCommand::Create {
            store: JINGAN.to_owned(),
            label: "till 1".to_owned(),
        },
    )
    .await
    .unwrap();
    let key = key.trim().to_owned();
    assert!(key.starts_with("sk_") && key.len() >= 3 + 43, "{key}");
    // It works on a staff route of its store, and only there.
    let auth = format!("Bearer {key}");
    let r = app
        .put_stock(JINGAN, VARIANT, r#"{"quantity":3}"#)
        .header("authorization", &auth)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = app
        .put_stock("s_bj_xidan", VARIANT, r#"{"quantity":3}"#)
        .header("authorization", &auth)
        .await;
    assert_problem(&r, 403, "forbidden", None);
    // Stored only as its SHA-256.
    let pool = app.pool().await;
    let rows: Vec<(String,)> = sqlx::query_as("SELECT key_sha256 FROM store_api_keys")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, storefront_server::digest::key_digest(&key));
    let dump: Vec<(String,)> =
        sqlx::query_as("SELECT COALESCE(key_sha256, '') || store_id || label FROM store_api_keys")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(!dump[0].0.contains(&key[3..]));
    // Listed without its secret.
    let list = keys(&app, KeysCommand::List { store: None }).await.unwrap();
    assert!(list.contains("till 1") && list.contains(JINGAN), "{list}");
    assert!(!list.contains(&key[3..]), "{list}");
    let id: i64 = list
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // Revoked: 401 from the next request on; revoking again is an error.
    let out = keys(&app, KeysCommand::Revoke { id }).await.unwrap();
    assert!(out.contains("revoked"));
    let r = app
        .put_stock(JINGAN, VARIANT, r#"{"quantity":3}"#)
        .header("authorization", &auth)
        .await;
    assert_problem(&r, 401, "unauthorized", None);
    assert!(keys(&app, KeysCommand::Revoke { id }).await.is_err());
    let list = keys(
        &app,
        KeysCommand::List {
            store: Some(JINGAN.to_owned()),
        },
    )
    .await
    .unwrap();
    let row = list.lines().nth(1).unwrap();
    assert!(!row.ends_with("\t-"), "{row}");
    // An unknown store gets no key; a new key gets a new id.
    assert!(keys(
        &app,
        KeysCommand::Create {
            store: "s_nope".to_owned(),
            label: String::new()
        }
    )
    .await
    .is_err());
    keys(
        &app,
        KeysCommand::Create {
            store: JINGAN.to_owned(),
            label: String::new(),
        },
    )
    .await
    .unwrap();
    let list = keys(&app, KeysCommand::List { store: None }).await.unwrap();
    let second: i64 = list
        .lines()
        .nth(2)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(second > id);
}

#[tokio::test]
async fn production_without_a_sender_answers_503_sender_unavailable() {
    let app = spawn_mode(false, |_| {}).await;
    let r = app.send_code(r#"{"login":"13912345678"}"#).csrf().await;
    assert_problem(&r, 503, "sender_unavailable", Some("/login"));
    // An email login with only the SMS webhook goes to the webhook.
    let (url, seen) = webhook(200).await;
    let app = spawn_mode(false, |c| c.code_webhook_url = Some(url)).await;
    let r = app.send_code(r#"{"login":"a@example.com"}"#).csrf().await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(seen.lock().unwrap()[0].body["login"], "a@example.com");
}

#[tokio::test]
async fn the_webhook_gets_login_code_expiry_and_the_bearer_secret() {
    let (url, seen) = webhook(200).await;
    let app = spawn_mode(false, |c| {
        c.code_webhook_url = Some(url);
        c.code_webhook_secret = Some("gw-secret".to_owned());
    })
    .await;
    let r = app.send_code(r#"{"login":"139 1234 5678"}"#).csrf().await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sent: SignInCodeSent = r.json();
    let got = seen.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert!(got[0].head.starts_with("post /sms "), "{}", got[0].head);
    assert!(got[0].head.contains("authorization: bearer gw-secret"));
    assert!(got[0].head.contains("content-type: application/json"));
    assert_eq!(got[0].body["login"], "13912345678");
    assert_eq!(got[0].body["expires_at"], sent.expires_at.to_string());
    let code = got[0].body["code"].as_str().unwrap().to_owned();
    assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()));
    // The code the gateway got signs in.
    let r = app
        .verify_code(&format!(
            r#"{{"login":"13912345678","code":"{code}","agree_terms":true}}"#
        ))
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    // A gateway that fails is a 503 for the shopper.
    let (url, _) = webhook(500).await;
    let app = spawn_mode(false, |c| c.code_webhook_url = Some(url)).await;
    let r = app.send_code(r#"{"login":"13912345678"}"#).csrf().await;
    assert_problem(&r, 503, "unavailable", None);
}

thread_local! {
    /// The log lines of this thread's test, when it captures them.
    static CAPTURE: std::cell::RefCell<Option<Arc<Mutex<Vec<u8>>>>> = const { std::cell::RefCell::new(None) };
}

/// Writes into this thread's capture, if any (else nowhere).
struct ThreadCapture;

impl std::io::Write for ThreadCapture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        CAPTURE.with(|c| {
            if let Some(buf) = c.borrow().as_ref() {
                buf.lock().unwrap().extend_from_slice(b);
            }
        });
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One global subscriber (so no callsite's interest is cached as "nobody listens" by a
/// test on another thread), writing only the capturing thread's lines.
fn capture_this_thread() -> Arc<Mutex<Vec<u8>>> {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_writer(|| ThreadCapture)
            .with_max_level(tracing::Level::INFO)
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
    });
    let buf = Arc::new(Mutex::new(Vec::new()));
    CAPTURE.with(|c| *c.borrow_mut() = Some(buf.clone()));
    buf
}

/// The log of sending and verifying one code (in this thread), and the code.
async fn log_of_sign_in(demo: bool) -> (String, String) {
    let (url, seen) = webhook(200).await;
    let buf = capture_this_thread();
    let app = spawn_mode(demo, |c| {
        if !demo {
            c.code_webhook_url = Some(url);
        }
    })
    .await;
    let r = app.send_code(r#"{"login":"13912345678"}"#).csrf().await;
    assert_eq!(r.status, 200, "{}", r.text());
    let code = if demo {
        let c: DemoCode = app.last_code("13912345678").json().await;
        c.code
    } else {
        seen.lock().unwrap()[0].body["code"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let r = app
        .verify_code(&format!(
            r#"{{"login":"13912345678","code":"{code}","agree_terms":true}}"#
        ))
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    CAPTURE.with(|c| *c.borrow_mut() = None);
    let log = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
    (log, code)
}

#[tokio::test]
async fn no_code_in_the_log_in_production_mode() {
    let (log, code) = log_of_sign_in(false).await;
    assert!(log.contains("production mode"), "{log}");
    assert!(
        !log.contains(&code),
        "the code {code} is in the log:\n{log}"
    );
    // The capture works: demo mode logs the code (log sender).
    let (log, code) = log_of_sign_in(true).await;
    assert!(log.contains("demo mode"), "{log}");
    assert!(log.contains(&code), "{log}");
}

#[test]
fn the_demo_note_is_in_index_html_only_in_demo_mode() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html><head><meta name=\"storefront-api-base\" content=\"/x\"><style>body{margin:0}</style></head>\
         <body class=\"b\"><div id=\"app\"></div></body></html>",
    )
    .unwrap();
    let demo = storefront_server::Spa::load_with(dir.path(), "/api", true);
    let html = String::from_utf8(demo.index().unwrap().to_vec()).unwrap();
    assert!(
        html.contains("<body class=\"b\"><style>.demo-note"),
        "{html}"
    );
    assert!(html.contains("role=\"note\""));
    assert!(html.contains("演示模式 · <span lang=\"en\">Demo mode</span>"));
    let csp = demo.csp().to_str().unwrap();
    for h in storefront_server::spa::inline_hashes(&html, "style") {
        assert!(csp.contains(&h), "{csp} lacks {h}");
    }
    let prod = storefront_server::Spa::load_with(dir.path(), "/api", false);
    let html = String::from_utf8(prod.index().unwrap().to_vec()).unwrap();
    assert!(!html.contains("demo-note") && !html.contains("Demo mode"));
}

#[tokio::test]
async fn codes_to_email_logins_go_by_smtp() {
    let (port, seen) = fake_smtp().await;
    let app = spawn_mode(false, |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        c.smtp_from = Some("Youpin Living <no-reply@example.com>".to_owned());
    })
    .await;
    let r = app
        .send_code(r#"{"login":"Shopper@Example.com"}"#)
        .csrf()
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    // Mobile numbers have no sender here.
    let r = app.send_code(r#"{"login":"13912345678"}"#).csrf().await;
    assert_problem(&r, 503, "sender_unavailable", Some("/login"));
    // The conversation is kept when the client has said QUIT.
    let mut transcript = String::new();
    for _ in 0..50 {
        if let Some(t) = seen.lock().unwrap().first() {
            transcript = t.clone();
        }
        if !transcript.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        transcript.contains("MAIL FROM:<no-reply@example.com>"),
        "{transcript}"
    );
    assert!(
        transcript.contains("RCPT TO:<shopper@example.com>"),
        "{transcript}"
    );
    // The message: its headers, then the (UTF-8, so base64) body up to the lone dot.
    let data = &transcript[transcript.find("DATA\r\n").unwrap()..];
    let (headers, body) = data.split_once("\r\n\r\n").unwrap();
    assert!(headers.contains("To: shopper@example.com"), "{headers}");
    let body = body.split("\r\n.\r\n").next().unwrap();
    let text = if headers.contains("Content-Transfer-Encoding: base64") {
        use base64::Engine as _;
        let b64: String = body.split_whitespace().collect();
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap(),
        )
        .unwrap()
    } else {
        body.to_owned()
    };
    assert!(text.contains("您的登录验证码"), "{text}");
    let transcript = text;
    let at = transcript
        .find("Your sign-in code: ")
        .expect("the English line of the email")
        + "Your sign-in code: ".len();
    let code = transcript[at..at + 6].to_owned();
    assert!(code.bytes().all(|b| b.is_ascii_digit()), "{transcript}");
    let r = app
        .verify_code(&format!(
            r#"{{"login":"shopper@example.com","code":"{code}","agree_terms":true}}"#
        ))
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
}
