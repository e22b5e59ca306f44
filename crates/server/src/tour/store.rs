//! A tour in SQLite: reading one, writing one, and the published form of a demo design.

use std::collections::HashMap;

use sqlx::{Sqlite, SqlitePool, Transaction};
use storefront_api_types::{
    Hotspot, HotspotTarget, Image, LocalizedText, Panorama, PlanPoint, ProductId, Scene, StoreId,
    Tour, VariantId, View,
};

use storefront_demo::tour::{Design, FULL_WIDTH, PLAN_WIDTH, PREVIEW_WIDTH};

/// `/media/tours/{store}/{scene}/{preview|full}.jpg`.
pub fn panorama_url(store_id: &str, scene_id: &str, size: &str) -> String {
    format!("/media/tours/{store_id}/{scene_id}/{size}.jpg")
}

/// `/media/tours/{store}/plan.jpg`.
pub fn plan_url(store_id: &str) -> String {
    format!("/media/tours/{store_id}/plan.jpg")
}

/// A picture of a tour at `url`.
pub(crate) fn image(url: String, width: u32, height: u32, alt: LocalizedText) -> Image {
    Image {
        url,
        width,
        height,
        alt,
        srcset: Vec::new(),
    }
}

fn panorama(
    store_id: &str,
    scene_id: &str,
    store: &LocalizedText,
    scene: &LocalizedText,
) -> Panorama {
    let alt = LocalizedText::new(
        format!("{}·{} 全景", store.zh_cn, scene.zh_cn),
        format!("360° view of {}: {}", store.en, scene.en),
    );
    Panorama {
        preview: image(
            panorama_url(store_id, scene_id, "preview"),
            PREVIEW_WIDTH,
            PREVIEW_WIDTH / 2,
            alt.clone(),
        ),
        full: image(
            panorama_url(store_id, scene_id, "full"),
            FULL_WIDTH,
            FULL_WIDTH / 2,
            alt,
        ),
    }
}

fn plan_alt(store: &LocalizedText) -> LocalizedText {
    LocalizedText::new(
        format!("{}平面图", store.zh_cn),
        format!("Floor plan of {}", store.en),
    )
}

/// The tour a demo design publishes.
pub fn tour_of(d: &Design, store_name: &LocalizedText) -> Tour {
    Tour {
        store_id: StoreId(d.store_id.to_owned()),
        floor_plan: image(
            plan_url(d.store_id),
            PLAN_WIDTH,
            d.plan_height(),
            plan_alt(store_name),
        ),
        scenes: d
            .scenes
            .iter()
            .map(|s| Scene {
                id: s.id.to_owned(),
                name: s.name.clone(),
                panorama: panorama(d.store_id, s.id, store_name, &s.name),
                initial_view: s.initial_view,
                north_offset: s.camera.heading.rem_euclid(360.0),
                plan_position: s.plan_position,
                hotspots: s.hotspots.clone(),
            })
            .collect(),
        start_scene: d.start_scene.to_owned(),
    }
}

#[derive(sqlx::FromRow)]
struct SceneRow {
    id: String,
    name_zh: String,
    name_en: String,
    yaw: f64,
    pitch: f64,
    fov: f64,
    north_offset: f64,
    plan_x: f64,
    plan_y: f64,
}

#[derive(sqlx::FromRow)]
struct HotspotRow {
    scene_id: String,
    id: String,
    yaw: f64,
    pitch: f64,
    label_zh: String,
    label_en: String,
    kind: String,
    target_scene: Option<String>,
    product_id: Option<String>,
    variant_id: Option<String>,
    text_zh: Option<String>,
    text_en: Option<String>,
}

/// The tour of a store (by id), `None` when it has none.
pub async fn load(
    db: &SqlitePool,
    store_id: &str,
    store_name: &LocalizedText,
) -> Result<Option<Tour>, sqlx::Error> {
    let head: Option<(String, i64, i64)> =
        sqlx::query_as("SELECT start_scene, plan_width, plan_height FROM tours WHERE store_id = ?")
            .bind(store_id)
            .fetch_optional(db)
            .await?;
    let Some((start_scene, pw, ph)) = head else {
        return Ok(None);
    };
    let scenes: Vec<SceneRow> = sqlx::query_as(
        "SELECT id, name_zh, name_en, yaw, pitch, fov, north_offset, plan_x, plan_y \
         FROM tour_scenes WHERE store_id = ? ORDER BY position",
    )
    .bind(store_id)
    .fetch_all(db)
    .await?;
    let hotspots: Vec<HotspotRow> = sqlx::query_as(
        "SELECT scene_id, id, yaw, pitch, label_zh, label_en, kind, target_scene, product_id, variant_id, text_zh, text_en \
         FROM tour_hotspots WHERE store_id = ? ORDER BY scene_id, position",
    )
    .bind(store_id)
    .fetch_all(db)
    .await?;
    let mut by_scene: HashMap<&str, Vec<Hotspot>> = HashMap::new();
    for h in &hotspots {
        let target = match h.kind.as_str() {
            "scene" => HotspotTarget::Scene {
                scene_id: h.target_scene.clone().unwrap_or_default(),
            },
            "product" => HotspotTarget::Product {
                product_id: ProductId(h.product_id.clone().unwrap_or_default()),
                variant_id: h.variant_id.clone().map(VariantId),
            },
            _ => HotspotTarget::Info {
                text: LocalizedText::new(
                    h.text_zh.clone().unwrap_or_default(),
                    h.text_en.clone().unwrap_or_default(),
                ),
            },
        };
        by_scene
            .entry(h.scene_id.as_str())
            .or_default()
            .push(Hotspot {
                id: h.id.clone(),
                yaw: h.yaw,
                pitch: h.pitch,
                label: LocalizedText::new(&h.label_zh, &h.label_en),
                target,
            });
    }
    let scenes = scenes
        .into_iter()
        .map(|s| {
            let name = LocalizedText::new(s.name_zh, s.name_en);
            Scene {
                panorama: panorama(store_id, &s.id, store_name, &name),
                hotspots: by_scene.remove(s.id.as_str()).unwrap_or_default(),
                id: s.id,
                name,
                initial_view: View {
                    yaw: s.yaw,
                    pitch: s.pitch,
                    fov: s.fov,
                },
                north_offset: s.north_offset,
                plan_position: PlanPoint {
                    x: s.plan_x,
                    y: s.plan_y,
                },
            }
        })
        .collect();
    Ok(Some(Tour {
        store_id: StoreId(store_id.to_owned()),
        floor_plan: image(
            plan_url(store_id),
            u32::try_from(pw).unwrap_or(PLAN_WIDTH),
            u32::try_from(ph).unwrap_or(PLAN_WIDTH),
            plan_alt(store_name),
        ),
        scenes,
        start_scene,
    }))
}

/// Writes one tour (replacing the store's previous one), in the caller's transaction.
pub async fn save(tx: &mut Transaction<'_, Sqlite>, tour: &Tour) -> Result<(), sqlx::Error> {
    let store = tour.store_id.as_str();
    // Children first: no reliance on ON DELETE CASCADE (foreign keys may be off).
    for table in ["tour_hotspots", "tour_scenes", "tours"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE store_id = ?"))
            .bind(store)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO tours (store_id, start_scene, plan_width, plan_height) VALUES (?, ?, ?, ?)",
    )
    .bind(store)
    .bind(&tour.start_scene)
    .bind(i64::from(tour.floor_plan.width))
    .bind(i64::from(tour.floor_plan.height))
    .execute(&mut **tx)
    .await?;
    for (i, s) in tour.scenes.iter().enumerate() {
        sqlx::query(
            "INSERT INTO tour_scenes (store_id, id, position, name_zh, name_en, yaw, pitch, fov, north_offset, plan_x, plan_y) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(store)
        .bind(&s.id)
        .bind(i as i64)
        .bind(&s.name.zh_cn)
        .bind(&s.name.en)
        .bind(s.initial_view.yaw)
        .bind(s.initial_view.pitch)
        .bind(s.initial_view.fov)
        .bind(s.north_offset)
        .bind(s.plan_position.x)
        .bind(s.plan_position.y)
        .execute(&mut **tx)
        .await?;
        for (j, h) in s.hotspots.iter().enumerate() {
            let (kind, scene, product, variant, text) = match &h.target {
                HotspotTarget::Scene { scene_id } => {
                    ("scene", Some(scene_id.as_str()), None, None, None)
                }
                HotspotTarget::Product {
                    product_id,
                    variant_id,
                } => (
                    "product",
                    None,
                    Some(product_id.as_str()),
                    variant_id.as_ref().map(VariantId::as_str),
                    None,
                ),
                HotspotTarget::Info { text } => ("info", None, None, None, Some(text)),
            };
            sqlx::query(
                "INSERT INTO tour_hotspots (store_id, scene_id, id, position, yaw, pitch, label_zh, label_en, kind, \
                 target_scene, product_id, variant_id, text_zh, text_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(store)
            .bind(&s.id)
            .bind(&h.id)
            .bind(j as i64)
            .bind(h.yaw)
            .bind(h.pitch)
            .bind(&h.label.zh_cn)
            .bind(&h.label.en)
            .bind(kind)
            .bind(scene)
            .bind(product)
            .bind(variant)
            .bind(text.map(|t| t.zh_cn.as_str()))
            .bind(text.map(|t| t.en.as_str()))
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
