//! `GET /media/campaigns/{theme}-{width}.jpg`.

use crate::helpers::{assert_problem, spawn_with};

#[tokio::test]
async fn heroes_are_jpegs_at_their_widths_cached_like_other_media() {
    let app = spawn_with(1, None).await;
    for theme in storefront_api_types::HERO_THEMES {
        for (w, h) in [(480, 270), (960, 540), (1600, 900)] {
            let r = app.campaign_hero(&format!("{theme}-{w}.jpg")).await;
            assert_eq!(r.status, 200, "{theme}-{w}: {}", r.text());
            assert_eq!(r.header("content-type"), "image/jpeg");
            assert_eq!(r.header("cache-control"), "public, max-age=86400");
            assert_eq!(r.jpeg_size(), Some((w, h)), "{theme}-{w}");
        }
    }
    let again = app.campaign_hero("autumn-480.jpg").await;
    assert_eq!(again.body, app.campaign_hero("autumn-480.jpg").await.body);
    for bad in [
        "autumn-500.jpg",
        "winter-480.jpg",
        "autumn-480.png",
        "autumn.jpg",
    ] {
        assert_problem(&app.campaign_hero(bad).await, 404, "not_found", None);
    }
}
