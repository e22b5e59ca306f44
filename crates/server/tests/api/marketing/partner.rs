//! The demo partner page: an article with the one-line snippet for `autumn-edit` from the
//! shop's origin as the browser reaches it, a visible log of the embed's events, its own
//! policy; only in demo mode.

use crate::helpers::TestApp;
use storefront_server::config::PartnerListen;
use storefront_server::{partner, Config};

#[tokio::test]
async fn the_partner_page_embeds_the_campaign_from_the_shop() {
    let app = TestApp::new(partner::router(8080), tempfile::tempdir().unwrap());
    let r = app.get_with("/", &[("host", "localhost:8090")]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
    let html = r.text();
    assert!(html.contains(
        r#"<script src="http://localhost:8080/embed.js" data-campaign="autumn-edit" async></script>"#
    ));
    assert!(html.contains(r#"<ol id="events" aria-live="polite"></ol>"#));
    let csp = r.header("content-security-policy");
    assert!(
        csp.contains("script-src 'self' http://localhost:8080;"),
        "{csp}"
    );
    assert!(csp.contains("frame-src http://localhost:8080;"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    let r = app.get_with("/", &[("host", "127.0.0.1:8090")]).await;
    assert!(r.text().contains("http://127.0.0.1:8080/embed.js"));
    // A forged Host never reaches the page.
    let r = app
        .get_with("/", &[("host", "x\"><script>alert(1)</script>")])
        .await;
    assert!(!r.text().contains("alert(1)"));
    assert!(r.text().contains("http://127.0.0.1:8080/embed.js"));
    let js = app.get("/partner.js").await;
    assert!(js.text().contains("storefront:event"));
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");
    assert_eq!(app.get("/partner.css").await.status, 200);
    assert_eq!(app.get("/other").await.status, 404);
}

#[test]
fn the_partner_page_is_served_only_in_demo_mode() {
    let mut c = Config::new("sqlite://x.db", "dist");
    assert_eq!(c.partner_listen(), None);
    c.demo_partner_listen = Some(PartnerListen::At("127.0.0.1:9000".parse().unwrap()));
    assert_eq!(c.partner_listen(), None, "production mode never serves it");
    c.demo = true;
    assert_eq!(c.partner_listen().map(|a| a.port()), Some(9000));
    c.demo_partner_listen = None;
    assert_eq!(c.partner_listen().map(|a| a.port()), Some(8090));
    c.demo_partner_listen = Some(PartnerListen::Off);
    assert_eq!(c.partner_listen(), None);
}
