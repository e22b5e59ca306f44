//! The editor's previews: any campaign as the public page will show it, to a marketer only;
//! its preview pages framed by the shop itself and nobody else; and the build's files
//! without a content hash (embed.js, marketing.css) cached briefly, never "immutable".

use super::{at, campaign, create, spawn};
use crate::helpers::{assert_problem, spawn_with};
use serde_json::json;
use storefront_api_types::{Campaign, CampaignState};

#[tokio::test]
async fn a_draft_is_previewed_by_a_marketer_only() {
    let app = spawn().await;
    let cookie = app.marketer().await;
    let mut draft = campaign("quiet-draft");
    draft["published"] = json!(false);
    create(&app, &cookie, &draft).await;
    let mut later = campaign("later");
    later["starts_at"] = json!(at(5));
    later["ends_at"] = json!(at(9));
    create(&app, &cookie, &later).await;

    let r = app.campaign_preview("quiet-draft").cookie(&cookie).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    let c: Campaign = r.json();
    assert_eq!(c.state, CampaignState::Draft);
    assert_eq!(c.title.en, "The autumn edit");
    assert_eq!(c.products.len(), 3);
    let c: Campaign = app.campaign_preview("later").cookie(&cookie).await.json();
    assert_eq!(c.state, CampaignState::Scheduled);
    // the public page knows neither
    assert_eq!(app.get("/api/v1/campaigns/quiet-draft").await.status, 404);
    assert_eq!(app.get("/api/v1/campaigns/later").await.status, 404);
    // nobody else sees them
    let r = app.campaign_preview("quiet-draft").await;
    assert_problem(&r, 401, "unauthenticated", None);
    let r = app.campaign_preview("nope").cookie(&cookie).await;
    assert_problem(&r, 404, "not_found", None);
    let r = app.campaign_preview("Bad_Slug").cookie(&cookie).await;
    assert_problem(&r, 400, "invalid_path", Some("#/path/slug"));
}

fn ancestors(csp: &str) -> &str {
    csp.split(';')
        .map(str::trim)
        .find(|d| d.starts_with("frame-ancestors"))
        .unwrap_or("")
}

#[tokio::test]
async fn preview_pages_are_framed_by_the_shop_alone() {
    let app = spawn().await;
    for path in [
        "/campaign/autumn-edit?preview=1",
        "/embed/campaign/autumn-edit?preview=1&parent=https%3A%2F%2Fevil.example",
        "/embed/campaign/quiet?preview=1",
    ] {
        let r = app.app_page(path).await;
        assert_eq!(r.status, 200, "{path}");
        let csp = r.header("content-security-policy");
        assert_eq!(ancestors(csp), "frame-ancestors 'self'", "{path}");
        assert_eq!(r.header("cache-control"), "no-store", "{path}");
    }
    // without the flag, or with another value, the page is not framed
    for path in [
        "/campaign/autumn-edit",
        "/campaign/autumn-edit?preview=0",
        "/?preview=1",
    ] {
        let r = app.app_page(path).await;
        let csp = r.header("content-security-policy");
        assert_eq!(ancestors(csp), "frame-ancestors 'none'", "{path}");
    }
}

#[tokio::test]
async fn files_without_a_content_hash_are_cached_briefly() {
    let dist = tempfile::tempdir().unwrap();
    let index = "<!doctype html><html><head></head><body><div id=\"app\"></div></body></html>";
    std::fs::write(dist.path().join("index.html"), index).unwrap();
    std::fs::write(dist.path().join("embed.js"), "/* embed */").unwrap();
    std::fs::write(dist.path().join("marketing.css"), ".mk{}").unwrap();
    std::fs::write(dist.path().join("chunk_1-0123456789abcdef.wasm"), "wasm").unwrap();
    let app = spawn_with(20, Some(dist.path())).await;
    for file in ["/embed.js", "/marketing.css"] {
        let r = app.app_page(file).await;
        assert_eq!(r.status, 200, "{file}");
        assert_eq!(r.header("cache-control"), "public, max-age=300", "{file}");
    }
    let r = app.app_page("/chunk_1-0123456789abcdef.wasm").await;
    assert_eq!(
        r.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    drop(dist);
}

#[tokio::test]
async fn a_live_campaigns_page_shows_and_preloads_its_hero_before_the_app() {
    let dist = tempfile::tempdir().unwrap();
    let index = "<!doctype html><html><head><link rel=modulepreload href=/storefront-3f2a9c.js><link rel=preload href=/storefront-3f2a9c_bg.wasm as=fetch type=application/wasm crossorigin><link rel=stylesheet href=/main.css></head><body><div id=app></div><div id=shell><div class=shell-hero></div></div></body></html>";
    std::fs::write(dist.path().join("index.html"), index).unwrap();
    let app = spawn_with(20, Some(dist.path())).await;
    let r = app
        .get_with(
            "/campaign/autumn-edit",
            &[("accept-language", "en-GB,en;q=0.9")],
        )
        .await;
    assert_eq!(r.status, 200);
    let link = r.header("link");
    assert!(
        link.starts_with("</media/campaigns/autumn-1600.jpg>; rel=preload; as=image; imagesrcset=\"/media/campaigns/autumn-480.jpg 480w, "),
        "{link}"
    );
    let html = r.text();
    assert!(!html.contains("<div class=shell-hero></div>"), "{html}");
    assert!(
        html.contains(
            "<img class=\"shell-hero shell-photo\" src=\"/media/campaigns/autumn-1600.jpg\""
        ),
        "{html}"
    );
    assert!(
        html.contains("width=\"1600\" height=\"900\" alt=\""),
        "{html}"
    );
    // the picture has the link to itself: no preload of the wasm or its JS competes with it
    // (index.html's boot script starts them once it is painted); the styles stay
    assert!(!html.contains("storefront-3f2a9c"), "{html}");
    assert!(
        html.contains("<link rel=stylesheet href=/main.css>"),
        "{html}"
    );
    // the hero's English alt text for an English browser
    let c: Campaign = app.get("/api/v1/campaigns/autumn-edit").await.json();
    assert!(
        html.contains(&format!("alt=\"{}\"", c.hero.alt.en)),
        "{html}"
    );
    // a campaign that is not live, or no campaign: the plain document
    for path in [
        "/campaign/summer-sale",
        "/campaign/winter-preview",
        "/campaign/nope",
        "/campaign/Bad_Slug",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.headers.get("link").is_none(), "{path}");
        let html = r.text();
        assert!(html.contains("<div class=shell-hero></div>"), "{path}");
        assert!(
            html.contains("rel=modulepreload"),
            "{path}: the app's own preloads"
        );
    }
    drop(dist);
}
