//! `GET /api/v1/campaigns/{slug}`: only live campaigns are public.

use storefront_api_types::{Campaign, CampaignState};

use crate::helpers::{assert_problem, spawn};

#[tokio::test]
async fn the_live_demo_campaign_is_public_with_its_products_in_order() {
    let app = spawn().await;
    let r = app.campaign("autumn-edit").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "public, max-age=30");
    assert!(r.header("content-type").starts_with("application/json"));
    let c: Campaign = r.json();
    assert_eq!(c.state, CampaignState::Live);
    assert_eq!(c.products.len(), 10);
    assert!(!c.title.en.is_empty() && !c.title.zh_cn.is_empty());
    assert!(c.copy.en.contains("\n\n") && !c.copy.zh_cn.is_empty());
    assert_eq!(c.hero.url, "/media/campaigns/autumn-1600.jpg");
    assert_eq!((c.hero.width, c.hero.height), (1600, 900));
    assert_eq!(c.hero.srcset.len(), 3);
    assert!(!c.hero.alt.en.is_empty());
    let offer = c.offer.as_ref().expect("an offer");
    assert_eq!(offer.code, "AUTUMN50");
    assert!(offer.remaining > 0);
    assert_eq!(c.reward.map(|r| r.min_spend.amount_minor), Some(20_000));
    assert!(c.store_ids.is_empty(), "every store");
    // The products are the listing's cards, in the stored order.
    let pool = app.pool().await;
    let ids: Vec<(String,)> = sqlx::query_as(
        "SELECT product_id FROM campaign_products cp JOIN campaigns c ON c.id = cp.campaign_id \
         WHERE c.slug = 'autumn-edit' ORDER BY position",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let got: Vec<&str> = c.products.iter().map(|p| p.id.0.as_str()).collect();
    let want: Vec<&str> = ids.iter().map(|(id,)| id.as_str()).collect();
    assert_eq!(got, want);
    // A copy the client has is not sent again.
    let etag = r.header("etag").to_owned();
    let again = app
        .campaign("autumn-edit")
        .header("if-none-match", &etag)
        .await;
    assert_eq!(again.status, 304);
}

#[tokio::test]
async fn drafts_scheduled_unknown_and_ended_campaigns_are_not_public() {
    let app = spawn().await;
    assert_problem(
        &app.campaign("winter-preview").await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &app.campaign("no-such-campaign").await,
        404,
        "not_found",
        None,
    );
    let ended = assert_problem(
        &app.campaign("summer-sale").await,
        410,
        "campaign_ended",
        None,
    );
    assert!(!ended.title.is_empty());
    for bad in [
        "Autumn-Edit",
        "autumn_edit",
        "-autumn",
        "autumn-",
        "%E7%A7%8B",
    ] {
        assert_problem(
            &app.campaign(bad).await,
            400,
            "invalid_path",
            Some("#/path/slug"),
        );
    }
    let pool = app.pool().await;
    sqlx::query("UPDATE campaigns SET published = 0 WHERE slug = 'autumn-edit'")
        .execute(&pool)
        .await
        .unwrap();
    assert_problem(&app.campaign("autumn-edit").await, 404, "not_found", None);
}
