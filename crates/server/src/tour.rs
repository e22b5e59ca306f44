//! Virtual store tours: reading a tour from SQLite, checking one ([`validate`]), writing
//! the demo tours, and the in-memory state behind the panorama pictures (the demo
//! designs and a small LRU of rendered JPEGs).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use sqlx::{Sqlite, SqlitePool, Transaction};
use storefront_api_types::{
    FieldError, Hotspot, HotspotTarget, Image, LocalizedText, Panorama, PlanPoint, ProductId,
    Scene, StoreId, Tour, VariantId, View, TOUR_FOV_MAX, TOUR_FOV_MIN,
};

use crate::seed::tour::{design, picks, plan_svg, Design, PLAN_WIDTH, TOUR_STORES};

/// Width of a panorama preview (height is half).
pub const PREVIEW_WIDTH: u32 = 512;
/// Width of a full panorama (height is half).
pub const FULL_WIDTH: u32 = 4096;
/// Rendered full panoramas kept in memory (about 1–2 MB each).
pub const FULL_CACHE: usize = 4;
/// Previews and floor plans kept in memory (tens of KB each).
pub const SMALL_CACHE: usize = 48;

/// `/media/tours/{store}/{scene}/{preview|full}.jpg`.
pub fn panorama_url(store_id: &str, scene_id: &str, size: &str) -> String {
    format!("/media/tours/{store_id}/{scene_id}/{size}.jpg")
}

/// `/media/tours/{store}/plan.jpg`.
pub fn plan_url(store_id: &str) -> String {
    format!("/media/tours/{store_id}/plan.jpg")
}

fn field(errors: &mut Vec<FieldError>, pointer: String, message: impl Into<String>) {
    errors.push(FieldError {
        pointer,
        message: message.into(),
    });
}

fn in_range(v: f64, lo: f64, hi: f64) -> bool {
    v.is_finite() && v >= lo && v <= hi
}

/// Checks a tour: at least one scene, unique scene ids, the start scene exists, every
/// scene link points to another existing scene, hotspot ids unique within their scene,
/// angles in range (yaw -180..=180, pitch -90..=90, fov 30..=100, north offset 0..360,
/// plan position 0..=1), and every product (and variant, when given) exists according to
/// `known(product_id, variant_id)`. Every fault is listed with a JSON pointer.
pub fn validate(tour: &Tour, known: impl Fn(&str, Option<&str>) -> bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if tour.scenes.is_empty() {
        field(
            &mut errors,
            "/scenes".into(),
            "a tour needs at least one scene",
        );
    }
    let mut ids = HashSet::new();
    for (i, s) in tour.scenes.iter().enumerate() {
        if s.id.is_empty() || !ids.insert(s.id.as_str()) {
            field(
                &mut errors,
                format!("/scenes/{i}/id"),
                format!("scene id {:?} is empty or not unique", s.id),
            );
        }
    }
    if !ids.contains(tour.start_scene.as_str()) {
        field(
            &mut errors,
            "/start_scene".into(),
            format!("no scene {:?}", tour.start_scene),
        );
    }
    for (i, s) in tour.scenes.iter().enumerate() {
        let p = format!("/scenes/{i}");
        let v = s.initial_view;
        if !in_range(v.yaw, -180.0, 180.0) {
            field(
                &mut errors,
                format!("{p}/initial_view/yaw"),
                "expected -180..=180 degrees",
            );
        }
        if !in_range(v.pitch, -90.0, 90.0) {
            field(
                &mut errors,
                format!("{p}/initial_view/pitch"),
                "expected -90..=90 degrees",
            );
        }
        if !in_range(v.fov, TOUR_FOV_MIN, TOUR_FOV_MAX) {
            field(
                &mut errors,
                format!("{p}/initial_view/fov"),
                format!("expected {TOUR_FOV_MIN}..={TOUR_FOV_MAX} degrees"),
            );
        }
        if !(s.north_offset.is_finite() && (0.0..360.0).contains(&s.north_offset)) {
            field(
                &mut errors,
                format!("{p}/north_offset"),
                "expected 0..360 degrees",
            );
        }
        if !in_range(s.plan_position.x, 0.0, 1.0) {
            field(
                &mut errors,
                format!("{p}/plan_position/x"),
                "expected 0..=1",
            );
        }
        if !in_range(s.plan_position.y, 0.0, 1.0) {
            field(
                &mut errors,
                format!("{p}/plan_position/y"),
                "expected 0..=1",
            );
        }
        let mut hotspot_ids = HashSet::new();
        for (j, h) in s.hotspots.iter().enumerate() {
            let hp = format!("{p}/hotspots/{j}");
            if h.id.is_empty() || !hotspot_ids.insert(h.id.as_str()) {
                field(
                    &mut errors,
                    format!("{hp}/id"),
                    format!("hotspot id {:?} is empty or not unique in its scene", h.id),
                );
            }
            if !in_range(h.yaw, -180.0, 180.0) {
                field(
                    &mut errors,
                    format!("{hp}/yaw"),
                    "expected -180..=180 degrees",
                );
            }
            if !in_range(h.pitch, -90.0, 90.0) {
                field(
                    &mut errors,
                    format!("{hp}/pitch"),
                    "expected -90..=90 degrees",
                );
            }
            match &h.target {
                HotspotTarget::Scene { scene_id } => {
                    if scene_id == &s.id {
                        field(
                            &mut errors,
                            format!("{hp}/target/scene_id"),
                            "a scene cannot link to itself",
                        );
                    } else if !ids.contains(scene_id.as_str()) {
                        field(
                            &mut errors,
                            format!("{hp}/target/scene_id"),
                            format!("no scene {scene_id:?}"),
                        );
                    }
                }
                HotspotTarget::Product {
                    product_id,
                    variant_id,
                } => {
                    if !known(product_id.as_str(), None) {
                        field(
                            &mut errors,
                            format!("{hp}/target/product_id"),
                            format!("no product {product_id}"),
                        );
                    } else if let Some(v) = variant_id {
                        if !known(product_id.as_str(), Some(v.as_str())) {
                            field(
                                &mut errors,
                                format!("{hp}/target/variant_id"),
                                format!("no variant {v} of product {product_id}"),
                            );
                        }
                    }
                }
                HotspotTarget::Info { .. } => {}
            }
        }
    }
    errors
}

fn image(url: String, width: u32, height: u32, alt: LocalizedText) -> Image {
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

/// Writes the demo tours of the demo stores that exist and have no tour yet, from the
/// catalogue in the database; each is validated first. Returns how many were written.
pub async fn seed_demo(tx: &mut Transaction<'_, Sqlite>) -> Result<usize, sqlx::Error> {
    let candidates = picks(&mut **tx).await?;
    let variants: HashSet<(String, String)> = candidates
        .iter()
        .map(|p| (p.product_id.clone(), p.variant_id.clone()))
        .collect();
    let products: HashSet<&str> = candidates.iter().map(|p| p.product_id.as_str()).collect();
    let mut written = 0;
    for store in TOUR_STORES {
        let row: Option<(String, String, i64)> = sqlx::query_as(
            "SELECT s.name_zh, s.name_en, (SELECT COUNT(*) FROM tours t WHERE t.store_id = s.id) FROM stores s WHERE s.id = ?",
        )
        .bind(store)
        .fetch_optional(&mut **tx)
        .await?;
        let Some((zh, en, 0)) = row else { continue };
        let Some(d) = design(store, &candidates) else {
            continue;
        };
        let tour = tour_of(&d, &LocalizedText::new(zh, en));
        let errors = validate(&tour, |p, v| match v {
            None => products.contains(p),
            Some(v) => variants.contains(&(p.to_owned(), v.to_owned())),
        });
        if let Some(e) = errors.first() {
            return Err(sqlx::Error::Protocol(format!(
                "demo tour of {store} is invalid at {}: {}",
                e.pointer, e.message
            )));
        }
        save(tx, &tour).await?;
        written += 1;
    }
    Ok(written)
}

/// A tiny least-recently-used map of rendered pictures.
#[derive(Debug)]
struct Lru {
    cap: usize,
    items: VecDeque<(String, Arc<Vec<u8>>)>,
}

impl Lru {
    fn get(&mut self, key: &str) -> Option<Arc<Vec<u8>>> {
        let i = self.items.iter().position(|(k, _)| k == key)?;
        let item = self.items.remove(i)?;
        let v = item.1.clone();
        self.items.push_front(item);
        Some(v)
    }

    fn put(&mut self, key: String, v: Arc<Vec<u8>>) {
        self.items.retain(|(k, _)| *k != key);
        self.items.push_front((key, v));
        self.items.truncate(self.cap);
    }
}

/// The tours' in-memory state: designs (from the catalogue, per store) and rendered
/// pictures.
#[derive(Debug)]
pub struct TourState {
    designs: Mutex<HashMap<String, Arc<Design>>>,
    full: Mutex<Lru>,
    small: Mutex<Lru>,
    /// One render at a time (a second request for the same picture then finds it cached).
    pub rendering: tokio::sync::Mutex<()>,
}

impl Default for TourState {
    fn default() -> Self {
        TourState {
            designs: Mutex::default(),
            full: Mutex::new(Lru {
                cap: FULL_CACHE,
                items: VecDeque::new(),
            }),
            small: Mutex::new(Lru {
                cap: SMALL_CACHE,
                items: VecDeque::new(),
            }),
            rendering: tokio::sync::Mutex::new(()),
        }
    }
}

/// Which picture of a tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Preview,
    Full,
    Plan,
}

impl TourState {
    /// The demo design of a store, built from the catalogue once.
    pub async fn design(
        &self,
        db: &SqlitePool,
        store_id: &str,
    ) -> Result<Option<Arc<Design>>, sqlx::Error> {
        if let Some(d) = self
            .designs
            .lock()
            .ok()
            .and_then(|m| m.get(store_id).cloned())
        {
            return Ok(Some(d));
        }
        if !TOUR_STORES.contains(&store_id) {
            return Ok(None);
        }
        let candidates = picks(db).await?;
        let Some(d) = design(store_id, &candidates) else {
            return Ok(None);
        };
        let d = Arc::new(d);
        if let Ok(mut m) = self.designs.lock() {
            m.insert(store_id.to_owned(), d.clone());
        }
        Ok(Some(d))
    }

    fn cache(&self, picture: Picture) -> &Mutex<Lru> {
        if picture == Picture::Full {
            &self.full
        } else {
            &self.small
        }
    }

    pub fn cached(&self, picture: Picture, key: &str) -> Option<Arc<Vec<u8>>> {
        self.cache(picture).lock().ok().and_then(|mut c| c.get(key))
    }

    pub fn remember(&self, picture: Picture, key: String, jpeg: Arc<Vec<u8>>) {
        if let Ok(mut c) = self.cache(picture).lock() {
            c.put(key, jpeg);
        }
    }
}

/// Renders a picture of a design (blocking: call off the async workers).
pub fn render(d: &Design, scene_id: &str, picture: Picture) -> Result<Vec<u8>, String> {
    use crate::seed::panorama::{encode_jpeg, render as draw};
    match picture {
        Picture::Plan => crate::routes::media::svg_to_jpeg(&plan_svg(d)),
        Picture::Preview | Picture::Full => {
            let scene = d
                .scene(scene_id)
                .ok_or_else(|| format!("no scene {scene_id} in the design"))?;
            let (width, ss) = if picture == Picture::Full {
                (FULL_WIDTH, 1)
            } else {
                (PREVIEW_WIDTH, 2)
            };
            let rgb = draw(&d.room, &scene.camera, width, ss);
            encode_jpeg(&rgb, width, width / 2)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn hotspot(id: &str, target: HotspotTarget) -> Hotspot {
        Hotspot {
            id: id.to_owned(),
            yaw: 10.0,
            pitch: -5.0,
            label: LocalizedText::new("标签", "Label"),
            target,
        }
    }

    fn scene(id: &str, hotspots: Vec<Hotspot>) -> Scene {
        let img = image("/x.jpg".into(), 2, 1, LocalizedText::default());
        Scene {
            id: id.to_owned(),
            name: LocalizedText::new(id, id),
            panorama: Panorama {
                preview: img.clone(),
                full: img,
            },
            initial_view: View {
                yaw: 0.0,
                pitch: 0.0,
                fov: 90.0,
            },
            north_offset: 0.0,
            plan_position: PlanPoint { x: 0.5, y: 0.5 },
            hotspots,
        }
    }

    fn tour() -> Tour {
        Tour {
            store_id: StoreId::from("s_x"),
            floor_plan: image("/p.jpg".into(), 10, 10, LocalizedText::default()),
            scenes: vec![
                scene(
                    "a",
                    vec![
                        hotspot(
                            "go-b",
                            HotspotTarget::Scene {
                                scene_id: "b".into(),
                            },
                        ),
                        hotspot(
                            "p1",
                            HotspotTarget::Product {
                                product_id: ProductId::from("p_1"),
                                variant_id: Some(VariantId::from("v_1")),
                            },
                        ),
                    ],
                ),
                scene(
                    "b",
                    vec![
                        hotspot(
                            "go-a",
                            HotspotTarget::Scene {
                                scene_id: "a".into(),
                            },
                        ),
                        hotspot(
                            "i",
                            HotspotTarget::Info {
                                text: LocalizedText::new("说明", "Note"),
                            },
                        ),
                    ],
                ),
            ],
            start_scene: "a".into(),
        }
    }

    fn known(p: &str, v: Option<&str>) -> bool {
        p == "p_1" && v.is_none_or(|v| v == "v_1")
    }

    fn pointers(t: &Tour) -> Vec<String> {
        validate(t, known).into_iter().map(|e| e.pointer).collect()
    }

    #[test]
    fn a_good_tour_passes() {
        assert!(pointers(&tour()).is_empty());
    }

    #[test]
    fn every_fault_is_named() {
        let mut t = tour();
        t.scenes.clear();
        assert_eq!(pointers(&t), ["/scenes", "/start_scene"]);

        let mut t = tour();
        t.start_scene = "nope".into();
        assert_eq!(pointers(&t), ["/start_scene"]);

        let mut t = tour();
        t.scenes[0].hotspots[0].target = HotspotTarget::Scene {
            scene_id: "c".into(),
        };
        t.scenes[1].hotspots[0].target = HotspotTarget::Scene {
            scene_id: "b".into(),
        };
        assert_eq!(
            pointers(&t),
            [
                "/scenes/0/hotspots/0/target/scene_id",
                "/scenes/1/hotspots/0/target/scene_id"
            ]
        );

        let mut t = tour();
        t.scenes[0].hotspots[1].target = HotspotTarget::Product {
            product_id: ProductId::from("p_2"),
            variant_id: None,
        };
        assert_eq!(pointers(&t), ["/scenes/0/hotspots/1/target/product_id"]);
        t.scenes[0].hotspots[1].target = HotspotTarget::Product {
            product_id: ProductId::from("p_1"),
            variant_id: Some(VariantId::from("v_9")),
        };
        assert_eq!(pointers(&t), ["/scenes/0/hotspots/1/target/variant_id"]);

        let mut t = tour();
        t.scenes[0].initial_view = View {
            yaw: 181.0,
            pitch: -91.0,
            fov: 20.0,
        };
        t.scenes[0].hotspots[0].yaw = f64::NAN;
        t.scenes[0].hotspots[1].pitch = 95.0;
        t.scenes[1].north_offset = 360.0;
        t.scenes[1].plan_position = PlanPoint { x: -0.1, y: 1.5 };
        t.scenes[1].hotspots[1].id = "go-a".into();
        t.scenes[1].id = "a".into();
        assert_eq!(
            pointers(&t),
            [
                "/scenes/1/id",
                "/scenes/0/initial_view/yaw",
                "/scenes/0/initial_view/pitch",
                "/scenes/0/initial_view/fov",
                "/scenes/0/hotspots/0/yaw",
                "/scenes/0/hotspots/0/target/scene_id",
                "/scenes/0/hotspots/1/pitch",
                "/scenes/1/north_offset",
                "/scenes/1/plan_position/x",
                "/scenes/1/plan_position/y",
                "/scenes/1/hotspots/0/target/scene_id",
                "/scenes/1/hotspots/1/id",
            ]
        );
    }

    #[test]
    fn the_lru_keeps_the_most_recent() {
        let mut l = Lru {
            cap: 2,
            items: VecDeque::new(),
        };
        l.put("a".into(), Arc::new(vec![1]));
        l.put("b".into(), Arc::new(vec![2]));
        assert!(l.get("a").is_some());
        l.put("c".into(), Arc::new(vec![3]));
        assert!(l.get("b").is_none());
        assert!(l.get("a").is_some() && l.get("c").is_some());
    }
}
