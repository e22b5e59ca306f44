//! Who may frame `/embed/campaign/{slug}`: only a page of an origin on a live campaign's
//! list, named alone; everything else, and every other route, `frame-ancestors 'none'`.

use super::{at, campaign, create, spawn};
use crate::helpers::{Reply, TestApp};
use serde_json::json;

fn ancestors(r: &Reply) -> String {
    let csp = r.header("content-security-policy");
    csp.split(';')
        .map(str::trim)
        .find(|d| d.starts_with("frame-ancestors"))
        .unwrap_or_else(|| panic!("no frame-ancestors in {csp}"))
        .to_owned()
}

async fn campaigns(app: &TestApp) {
    let cookie = app.marketer().await;
    let origins = json!([
        "http://localhost:8090",
        "https://*.partner.example",
        "https://shop.example:8443"
    ]);
    let mut live = campaign("live");
    live["allowed_origins"] = origins.clone();
    create(app, &cookie, &live).await;
    let mut draft = campaign("draft");
    draft["allowed_origins"] = origins.clone();
    draft["published"] = json!(false);
    create(app, &cookie, &draft).await;
    let mut ended = campaign("ended");
    ended["allowed_origins"] = origins.clone();
    ended["starts_at"] = json!(at(-30));
    ended["ends_at"] = json!(at(-1));
    create(app, &cookie, &ended).await;
    let mut scheduled = campaign("scheduled");
    scheduled["allowed_origins"] = origins;
    scheduled["starts_at"] = json!(at(3));
    create(app, &cookie, &scheduled).await;
}

#[tokio::test]
async fn an_allowed_origin_is_named_alone() {
    let app = spawn().await;
    campaigns(&app).await;
    let r = app
        .embed_page("live", "parent=http%3A%2F%2Flocalhost%3A8090&lang=en")
        .await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("<div id=\"app\">"));
    assert_eq!(ancestors(&r), "frame-ancestors http://localhost:8090");
    let csp = r.header("content-security-policy");
    assert!(
        !csp.contains("partner.example") && !csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(r.header("vary").contains("Referer"), "{}", r.header("vary"));
    assert_eq!(r.header("cache-control"), "no-store");
    assert!(r.headers.get("x-frame-options").is_none());

    // From Referer when there is no `parent`; a wildcard entry matches one label and
    // names the page's own origin.
    let r = app
        .embed_page("live", "")
        .header("referer", "https://blog.partner.example/2026/autumn?x=1")
        .await;
    assert_eq!(
        ancestors(&r),
        "frame-ancestors https://blog.partner.example"
    );
    let r = app
        .embed_page("live", "parent=https%3A%2F%2Fshop.example%3A8443")
        .await;
    assert_eq!(ancestors(&r), "frame-ancestors https://shop.example:8443");
    // The rest of the policy is the app's.
    let page = app.get("/").await;
    assert_eq!(
        r.header("content-security-policy").replace(
            "frame-ancestors https://shop.example:8443",
            "frame-ancestors 'none'"
        ),
        page.header("content-security-policy")
    );
}

#[tokio::test]
async fn any_other_page_campaign_or_route_is_never_framed() {
    let app = spawn().await;
    campaigns(&app).await;
    let none = "frame-ancestors 'none'";
    let cases = [
        ("live", "parent=https%3A%2F%2Fevil.example"),
        ("live", "parent=https%3A%2F%2Fa.b.partner.example"),
        ("live", "parent=https%3A%2F%2Fpartner.example"),
        ("live", "parent=http%3A%2F%2Flocalhost%3A8091"),
        ("live", "parent=https%3A%2F%2F*.partner.example"),
        ("live", "parent=null"),
        ("live", ""),
        ("unknown", "parent=http%3A%2F%2Flocalhost%3A8090"),
        ("draft", "parent=http%3A%2F%2Flocalhost%3A8090"),
        ("scheduled", "parent=http%3A%2F%2Flocalhost%3A8090"),
        ("Bad_Slug", "parent=http%3A%2F%2Flocalhost%3A8090"),
    ];
    for (slug, query) in cases {
        let r = app.embed_page(slug, query).await;
        assert_eq!(r.status, 200, "{slug} {query}");
        assert_eq!(ancestors(&r), none, "{slug} {query}");
        assert!(!r.header("content-security-policy").contains("localhost"));
        assert!(r.header("vary").contains("Referer"));
        assert_eq!(r.header("cache-control"), "no-store");
    }
    // An ended campaign stays framed by its partners, to say so kindly.
    let r = app
        .embed_page("ended", "parent=http%3A%2F%2Flocalhost%3A8090")
        .await;
    assert_eq!(ancestors(&r), "frame-ancestors http://localhost:8090");
    let r = app
        .embed_page("ended", "parent=https%3A%2F%2Fevil.example")
        .await;
    assert_eq!(ancestors(&r), none);
    // A Referer of another origin, even with a `parent` of nothing usable.
    let r = app
        .embed_page("live", "parent=")
        .header("referer", "https://evil.example/")
        .await;
    assert_eq!(ancestors(&r), none);
    // Every other route keeps 'none', whatever it is asked with.
    for path in [
        "/",
        "/campaign/live?parent=http%3A%2F%2Flocalhost%3A8090",
        "/embed/campaign/live/extra?parent=http%3A%2F%2Flocalhost%3A8090",
        "/api/health",
        "/api/v1/marketing/campaigns",
    ] {
        let r = app
            .get_with(path, &[("referer", "http://localhost:8090/")])
            .await;
        assert_eq!(ancestors(&r), none, "{path}");
    }
}

#[tokio::test]
async fn the_demo_campaign_may_be_framed_by_the_demo_partner_page() {
    let app = spawn().await;
    for origin in ["http://localhost:8090", "http://127.0.0.1:8090"] {
        let r = app
            .embed_page(
                "autumn-edit",
                &format!("parent={}", origin.replace(':', "%3A").replace('/', "%2F")),
            )
            .await;
        assert_eq!(ancestors(&r), format!("frame-ancestors {origin}"));
    }
    let r = app
        .embed_page("autumn-edit", "parent=http%3A%2F%2Flocalhost%3A8091")
        .await;
    assert_eq!(ancestors(&r), "frame-ancestors 'none'");
    for slug in ["winter-preview", "summer-sale"] {
        let r = app
            .embed_page(slug, "parent=http%3A%2F%2Flocalhost%3A8090")
            .await;
        assert_eq!(ancestors(&r), "frame-ancestors 'none'", "{slug}");
    }
}
