//! Campaigns as marketing writes them: created, read, listed and replaced; every
//! validation fault answered at once, each at its pointer; slugs taken; states by dates.

use super::{at, campaign, create, offer, spawn, JINGAN, SANLITUN};
use crate::helpers::assert_problem;
use serde_json::{json, Value};
use storefront_api_types::{CampaignState, MarketingCampaign, MarketingCampaignList, Problem};

fn pointers(p: &Problem) -> Vec<&str> {
    p.errors.iter().map(|e| e.pointer.as_str()).collect()
}

#[tokio::test]
async fn a_campaign_is_created_read_listed_and_replaced() {
    let app = spawn().await;
    let cookie = app.marketer().await;
    offer(&app, "TESTOFFER", 50, -2, 40).await;
    let mut body = campaign("autumn-test");
    body["offer_code"] = json!("TESTOFFER");
    body["store_ids"] = json!([JINGAN, SANLITUN]);
    body["allowed_origins"] = json!([
        "HTTPS://Partner.Example.COM/",
        "https://*.magazine.example:443",
        "http://localhost:8090"
    ]);
    body["reward"] = json!({"min_spend": {"amount_minor": 20000, "currency": "CNY"}});
    let r = app
        .create_campaign(&body.to_string())
        .cookie(&cookie)
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        r.header("location"),
        "/api/v1/marketing/campaigns/autumn-test"
    );
    assert_eq!(r.header("cache-control"), "private, no-store");
    let created: MarketingCampaign = r.json();
    assert_eq!(created.state, CampaignState::Live);
    assert_eq!(
        created.input.allowed_origins,
        [
            "https://partner.example.com",
            "https://*.magazine.example",
            "http://localhost:8090"
        ]
    );
    assert_eq!(created.input.product_ids.len(), 3);
    assert_eq!(created.input.product_ids[2].0, "p_000003");
    assert_eq!(created.input.offer_code.as_deref(), Some("TESTOFFER"));
    assert_eq!(
        created.input.copy.en,
        "Warm things for autumn.\n\nCome and see."
    );
    assert_eq!(created.hero.url, "/media/campaigns/autumn-1600.jpg");
    assert_eq!((created.hero.width, created.hero.height), (1600, 900));
    assert_eq!(created.hero.alt.en, "Autumn leaves");
    let widths: Vec<u32> = created.hero.srcset.iter().map(|s| s.width).collect();
    assert_eq!(widths, [480, 960, 1600]);
    assert_eq!(created.figures.views, 0);

    let read: MarketingCampaign = app
        .marketing_campaign("autumn-test")
        .cookie(&cookie)
        .json()
        .await;
    assert_eq!(read, created);

    let second = create(&app, &cookie, &campaign("second")).await;
    let list: MarketingCampaignList = app.marketing_campaigns().cookie(&cookie).json().await;
    let slugs: Vec<&str> = list.data.iter().map(|c| c.input.slug.as_str()).collect();
    assert_eq!(slugs[..2], ["second", "autumn-test"], "newest first");
    assert_eq!(list.data[0], second);

    // Replaced, and renamed.
    let mut changed = body.clone();
    changed["slug"] = json!("autumn-final");
    changed["title"]["en"] = json!("The autumn edit, final");
    changed["product_ids"] = json!(["p_000004"]);
    changed["allowed_origins"] = json!([]);
    changed["store_ids"] = json!([]);
    changed["published"] = json!(false);
    let r = app
        .update_campaign("autumn-test", &changed.to_string())
        .cookie(&cookie)
        .csrf()
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    let updated: MarketingCampaign = r.json();
    assert_eq!(updated.input.slug, "autumn-final");
    assert_eq!(updated.input.title.en, "The autumn edit, final");
    assert_eq!(updated.input.product_ids.len(), 1);
    assert!(updated.input.allowed_origins.is_empty());
    assert_eq!(updated.state, CampaignState::Draft);
    assert_eq!(updated.created_at, created.created_at);
    let r = app.marketing_campaign("autumn-test").cookie(&cookie).await;
    assert_problem(&r, 404, "not_found", None);
    let r = app
        .update_campaign("nothing-here", &changed.to_string())
        .cookie(&cookie)
        .csrf()
        .await;
    assert_problem(&r, 404, "not_found", None);
    let r = app.marketing_campaign("Bad_Slug").cookie(&cookie).await;
    assert_problem(&r, 400, "invalid_path", Some("#/path/slug"));
}

#[tokio::test]
async fn every_fault_is_answered_at_once_each_at_its_pointer() {
    let app = spawn().await;
    let cookie = app.marketer().await;
    let mut origins: Vec<Value> = vec![
        json!("https://ok.example"),
        json!("https://shop.example.com/path"),
        json!("http://partner.example"),
        json!("https://*.com"),
        json!("https://a.*.example.com"),
        json!("https://shop.example.com:70000"),
        json!("shop.example.com"),
        json!("https://OK.example/"),
    ];
    let bad = json!({
        "slug": "Bad Slug!",
        "title": {"zh-CN": "", "en": "x".repeat(81)},
        "copy": {"zh-CN": "文案\u{7}", "en": "fine\nlines"},
        "hero_theme": "neon",
        "hero_alt": {"zh-CN": "替代\n文字", "en": "   "},
        "product_ids": ["p_000001", "p_999999", "p_000001"],
        "offer_code": "NOPE",
        "starts_at": at(5),
        "ends_at": at(1),
        "store_ids": [JINGAN, "s_nowhere", JINGAN],
        "allowed_origins": origins.clone(),
        "reward": {"min_spend": {"amount_minor": 0, "currency": "CNY"}},
        "published": true
    });
    let r = app
        .create_campaign(&bad.to_string())
        .cookie(&cookie)
        .csrf()
        .await;
    let p = assert_problem(&r, 400, "invalid_body", None);
    let expected = [
        "/slug",
        "/title/zh-CN",
        "/title/en",
        "/copy/zh-CN",
        "/hero_alt/zh-CN",
        "/hero_alt/en",
        "/hero_theme",
        "/product_ids/1",
        "/product_ids/2",
        "/ends_at",
        "/offer_code",
        "/store_ids/1",
        "/store_ids/2",
        "/allowed_origins/1",
        "/allowed_origins/2",
        "/allowed_origins/3",
        "/allowed_origins/4",
        "/allowed_origins/5",
        "/allowed_origins/6",
        "/allowed_origins/7",
        "/reward/min_spend",
    ];
    assert_eq!(pointers(&p), expected, "{}", r.text());
    assert!(p.errors.iter().all(|e| !e.message.is_empty()));
    // Nothing was written.
    let list: MarketingCampaignList = app.marketing_campaigns().cookie(&cookie).json().await;
    assert!(list.data.iter().all(|c| c.input.slug != "bad-slug"));

    // More than 20 origins; no products; a reward without an offer.
    origins = (0..21)
        .map(|i| json!(format!("https://p{i}.example")))
        .collect();
    let mut body = campaign("many");
    body["allowed_origins"] = json!(origins);
    body["product_ids"] = json!([]);
    body["reward"] = json!({"min_spend": {"amount_minor": 100, "currency": "CNY"}});
    let r = app
        .create_campaign(&body.to_string())
        .cookie(&cookie)
        .csrf()
        .await;
    let p = assert_problem(&r, 400, "invalid_body", None);
    assert_eq!(
        pointers(&p),
        ["/product_ids", "/allowed_origins", "/reward"],
        "{}",
        r.text()
    );
    let mut body = campaign("many");
    body["product_ids"] = json!((1..=25).map(|i| format!("p_{i:06}")).collect::<Vec<_>>());
    let r = app
        .create_campaign(&body.to_string())
        .cookie(&cookie)
        .csrf()
        .await;
    let p = assert_problem(&r, 400, "invalid_body", Some("/product_ids"));
    assert_eq!(pointers(&p), ["/product_ids"]);
}

#[tokio::test]
async fn the_offer_must_have_coupons_left_during_the_campaign() {
    let app = spawn().await;
    let cookie = app.marketer().await;
    offer(&app, "EMPTY", 0, -1, 40).await;
    offer(&app, "LATER", 10, 60, 90).await;
    offer(&app, "OVER", 10, -60, -10).await;
    offer(&app, "GOOD", 10, 10, 90).await;
    for code in ["EMPTY", "LATER", "OVER", "UNKNOWN"] {
        let mut body = campaign("offer-test");
        body["offer_code"] = json!(code);
        let r = app
            .create_campaign(&body.to_string())
            .cookie(&cookie)
            .csrf()
            .await;
        let p = assert_problem(&r, 400, "invalid_body", Some("/offer_code"));
        assert_eq!(pointers(&p), ["/offer_code"], "{code}");
    }
    // Valid for part of the campaign is enough.
    let mut body = campaign("offer-test");
    body["offer_code"] = json!("GOOD");
    body["reward"] = json!({"min_spend": {"amount_minor": 20000, "currency": "CNY"}});
    let c = create(&app, &cookie, &body).await;
    assert_eq!(
        c.input.reward.map(|r| r.min_spend.amount_minor),
        Some(20000)
    );
}

#[tokio::test]
async fn a_slug_belongs_to_one_campaign() {
    let app = spawn().await;
    let cookie = app.marketer().await;
    create(&app, &cookie, &campaign("first")).await;
    create(&app, &cookie, &campaign("second")).await;
    let r = app
        .create_campaign(&campaign("first").to_string())
        .cookie(&cookie)
        .csrf()
        .await;
    assert_problem(&r, 409, "slug_taken", Some("/slug"));
    let r = app
        .update_campaign("second", &campaign("first").to_string())
        .cookie(&cookie)
        .csrf()
        .await;
    assert_problem(&r, 409, "slug_taken", Some("/slug"));
    // Keeping its own slug is fine.
    let r = app
        .update_campaign("second", &campaign("second").to_string())
        .cookie(&cookie)
        .csrf()
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn states_follow_publication_and_the_dates() {
    let app = spawn().await;
    let cookie = app.marketer().await;
    let cases = [
        ("draft", false, -1, 30, CampaignState::Draft),
        ("draft-past", false, -30, -1, CampaignState::Draft),
        ("scheduled", true, 10, 30, CampaignState::Scheduled),
        ("live", true, -1, 30, CampaignState::Live),
        ("ended", true, -30, -1, CampaignState::Ended),
    ];
    for (slug, published, start, end, state) in cases {
        let mut body = campaign(slug);
        body["published"] = json!(published);
        body["starts_at"] = json!(at(start));
        body["ends_at"] = json!(at(end));
        assert_eq!(create(&app, &cookie, &body).await.state, state, "{slug}");
        let read: MarketingCampaign = app.marketing_campaign(slug).cookie(&cookie).json().await;
        assert_eq!(read.state, state, "{slug}");
    }
}

#[tokio::test]
async fn the_documented_campaign_schema_is_the_one_checked() {
    let app = spawn().await;
    let doc: Value = app.openapi().json().await;
    let input = &doc["components"]["schemas"]["CampaignInput"]["properties"];
    let themes = storefront_api_types::HERO_THEMES.join("|");
    assert_eq!(input["hero_theme"]["pattern"], format!("^({themes})$"));
    assert_eq!(input["product_ids"]["minItems"], 1);
    assert_eq!(
        input["product_ids"]["maxItems"],
        storefront_api_types::MAX_CAMPAIGN_PRODUCTS
    );
    assert_eq!(
        input["allowed_origins"]["maxItems"],
        storefront_api_types::MAX_ALLOWED_ORIGINS
    );
    assert_eq!(
        input["slug"]["pattern"],
        storefront_api_types::CAMPAIGN_SLUG_PATTERN
    );
    // Signing in and out need no session; everything else in the workspace does.
    let paths = doc["paths"].as_object().unwrap();
    for (path, item) in paths
        .iter()
        .filter(|(p, _)| p.starts_with("/api/v1/marketing"))
    {
        for (method, op) in item.as_object().unwrap() {
            let open = path == "/api/v1/marketing/session" && method != "get";
            let security = op["security"].to_string();
            assert_eq!(
                security.contains("marketing_session"),
                !open,
                "{method} {path}: {security}"
            );
        }
    }
}
