//! Virtual tours on a real SQLite file: the tour's shape, scene links both ways, every
//! product hotspot pointing at its product (by ray and by colour in a rendered panorama),
//! validation of the seeded tours, the panorama and floor-plan pictures, and 404s.

use crate::helpers::{assert_problem, spawn_with};
use std::collections::{HashMap, HashSet};
use storefront_api_types::{HotspotTarget, Product, Tour};
use storefront_server::seed::panorama::{pixel_angles, pixel_of, render, trace, Rgb};
use storefront_server::seed::tour::{design, picks};

const TOURED: [&str; 2] = ["s_sh_jingan", "s_bj_sanlitun"];

#[tokio::test]
async fn tours_have_linked_scenes_and_product_hotspots_of_real_products() {
    let app = spawn_with(60, None).await;
    for store in TOURED {
        let uri = format!("/api/v1/stores/{store}/tour");
        let r = app.get(&uri).await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert!(r.header("etag").starts_with("W/\""));
        assert_eq!(r.header("cache-control"), "public, max-age=60");
        let tour: Tour = r.json();
        assert_eq!(tour.store_id.as_str(), store);
        assert!(tour.scenes.len() >= 3, "{store}");
        assert!(tour.scenes.iter().any(|s| s.id == tour.start_scene));
        assert_eq!(
            tour.floor_plan.url,
            format!("/media/tours/{store}/plan.jpg")
        );
        let again = app
            .get_with(&uri, &[("if-none-match", r.header("etag"))])
            .await;
        assert_eq!(again.status, 304);

        // Scene links go both ways.
        let links: HashSet<(String, String)> = tour
            .scenes
            .iter()
            .flat_map(|s| {
                s.hotspots.iter().filter_map(move |h| match &h.target {
                    HotspotTarget::Scene { scene_id } => Some((s.id.clone(), scene_id.clone())),
                    _ => None,
                })
            })
            .collect();
        assert!(links.len() >= 4, "{links:?}");
        for (a, b) in &links {
            assert!(links.contains(&(b.clone(), a.clone())), "{a} → {b} only");
        }
        for s in &tour.scenes {
            assert_eq!(s.panorama.full.width, 2 * s.panorama.full.height);
            assert!(s.panorama.full.width >= 4096);
            assert_eq!(
                s.panorama.preview.url,
                format!("/media/tours/{store}/{}/preview.jpg", s.id)
            );
            assert!(
                (0.0..1.0).contains(&s.plan_position.x) && (0.0..1.0).contains(&s.plan_position.y)
            );
            assert!((0.0..360.0).contains(&s.north_offset));
        }

        // Every product hotspot names a product (and one of its variants) that exists.
        let mut products = 0;
        for s in &tour.scenes {
            let mut ids = HashSet::new();
            for h in &s.hotspots {
                assert!(ids.insert(&h.id), "duplicate hotspot {}", h.id);
                if let HotspotTarget::Product {
                    product_id,
                    variant_id,
                } = &h.target
                {
                    products += 1;
                    let p: Product = app.product(product_id).json().await;
                    assert_eq!(p.name, h.label);
                    let v = variant_id.as_ref().unwrap();
                    assert!(p.variants.iter().any(|x| &x.id == v), "{v}");
                }
            }
        }
        assert!(products >= 12, "{store}: {products}");

        // The seeded tour passes validation against the database's catalogue.
        let pool = app.pool().await;
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT product_id, id FROM variants")
            .fetch_all(&pool)
            .await
            .unwrap();
        let variants: HashSet<(String, String)> = rows.into_iter().collect();
        let products: HashSet<&str> = variants.iter().map(|(p, _)| p.as_str()).collect();
        let errors = storefront_server::tour::validate(&tour, |p, v| match v {
            None => products.contains(p),
            Some(v) => variants.contains(&(p.to_owned(), v.to_owned())),
        });
        assert!(errors.is_empty(), "{errors:?}");
    }

    // By slug too; stores without a tour and unknown stores are 404.
    let by_slug: Tour = app.tour("shanghai-jingan").json().await;
    assert_eq!(by_slug.store_id.as_str(), "s_sh_jingan");
    assert_problem(&app.tour("s_gz_tianhe").await, 404, "not_found", None);
    assert_problem(&app.tour("s_nope").await, 404, "not_found", None);
}

/// Chromaticity (channel shares) of a colour.
fn shares(c: [f32; 3]) -> [f32; 3] {
    let sum = (c[0] + c[1] + c[2]).max(1e-3);
    [c[0] / sum, c[1] / sum, c[2] / sum]
}

#[tokio::test]
async fn product_hotspots_point_at_their_products_in_the_pictures() {
    let app = spawn_with(60, None).await;
    let pool = app.pool().await;
    let candidates = picks(&pool).await.unwrap();
    let width = 2048;
    let height = width / 2;
    for store in TOURED {
        let tour: Tour = app.tour(store).json().await;
        let d = design(store, &candidates).unwrap();
        let tags: HashMap<&str, (u32, &str)> = d
            .placed
            .iter()
            .map(|p| (p.pick.product_id.as_str(), (p.tag, p.pick.colour.as_str())))
            .collect();
        let (mut checked, mut by_colour) = (0, 0);
        for s in &tour.scenes {
            let scene = d.scene(&s.id).unwrap();
            assert_eq!(s.north_offset, scene.camera.heading.rem_euclid(360.0));
            let rgb = render(&d.room, &scene.camera, width, 1);
            for h in &s.hotspots {
                let HotspotTarget::Product { product_id, .. } = &h.target else {
                    continue;
                };
                let (tag, colour) = tags[product_id.as_str()];
                // The exact direction meets the product first.
                let hit = trace(&d.room, &scene.camera, h.yaw, h.pitch);
                assert_eq!(hit.tag, tag, "{store}/{}/{}", s.id, h.id);
                checked += 1;
                // The pixel there shows it in its colour (when the pixel's centre is on it).
                let (i, j) = pixel_of(h.yaw, h.pitch, width, height);
                let (py, pp) = pixel_angles(i, j, width, height);
                if trace(&d.room, &scene.camera, py, pp).tag != tag {
                    continue;
                }
                let o = ((j * width + i) * 3) as usize;
                let px = [
                    f32::from(rgb[o]),
                    f32::from(rgb[o + 1]),
                    f32::from(rgb[o + 2]),
                ];
                let want = Rgb::hex(colour);
                let (a, b) = (shares(px), shares([want.0, want.1, want.2]));
                for c in 0..3 {
                    assert!(
                        (a[c] - b[c]).abs() < 0.04,
                        "{store}/{}/{}: pixel {px:?} is not {colour}",
                        s.id,
                        h.id
                    );
                }
                by_colour += 1;
            }
        }
        assert!(checked >= 12);
        assert!(
            by_colour * 10 >= checked * 8,
            "{by_colour} of {checked} checked by colour"
        );
    }
}

#[tokio::test]
async fn panoramas_and_plans_are_jpegs_of_the_announced_sizes() {
    let app = spawn_with(40, None).await;
    let tour: Tour = app.tour("s_bj_sanlitun").json().await;
    let scene = &tour.scenes[0];
    let r = app.get(&scene.panorama.preview.url).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "image/jpeg");
    assert_eq!(r.header("cache-control"), "public, max-age=86400");
    assert_eq!(r.jpeg_size(), Some((512, 256)));
    let started = std::time::Instant::now();
    let full = app.get(&scene.panorama.full.url).await;
    let first = started.elapsed();
    assert_eq!(full.status, 200);
    assert_eq!(full.jpeg_size(), Some((4096, 2048)));
    // The second time it comes from the cache.
    let started = std::time::Instant::now();
    let again = app.get(&scene.panorama.full.url).await;
    assert!(
        started.elapsed() < first / 4,
        "{:?} vs {first:?}",
        started.elapsed()
    );
    assert_eq!(again.body, full.body);
    let plan = app.get(&tour.floor_plan.url).await;
    assert_eq!(plan.status, 200);
    assert_eq!(
        plan.jpeg_size(),
        Some((tour.floor_plan.width as u16, tour.floor_plan.height as u16))
    );

    for uri in [
        "/media/tours/s_bj_sanlitun/nope/full.jpg",
        "/media/tours/s_bj_sanlitun/entrance/huge.jpg",
        "/media/tours/s_bj_sanlitun/entrance.jpg",
        "/media/tours/s_gz_tianhe/entrance/preview.jpg",
        "/media/tours/s_gz_tianhe/plan.jpg",
        "/media/tours/s_nope/plan.jpg",
    ] {
        assert_problem(&app.get(uri).await, 404, "not_found", None);
    }
}
