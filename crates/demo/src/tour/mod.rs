//! The demo virtual tours: two shops (Shanghai Jing'an, Beijing Sanlitun) laid out as
//! box rooms with rails, shelves, tables, a cash desk, fitting rooms and a brand sign,
//! stocked with products picked deterministically from the seeded catalogue (the first
//! products of the kinds each fixture shows, in the colour of their first variant).
//!
//! A [`Design`] is the whole truth of a tour: the room the panoramas are rendered from
//! and the hotspots, each computed from the 3-D position of what it points at (a
//! product's hero block, another standpoint's spot on the floor, a fitting-room door)
//! and kept only when a ray in that exact direction meets that thing first.

use storefront_api_types::{
    Hotspot, HotspotTarget, LocalizedText, PlanPoint, ProductId, VariantId, View,
};

mod builder;
mod figures;
mod plan;
mod render;
mod shops;

pub use plan::plan_svg;
pub use render::{render, Picture, FULL_WIDTH, PREVIEW_WIDTH};
use shops::{build_room, SHOPS};

use crate::data::Kind;
use crate::panorama::{direction_to, trace, wrap_deg, Camera, Room};

/// The stores that have a demo tour.
pub const TOUR_STORES: [&str; 2] = ["s_sh_jingan", "s_bj_sanlitun"];
/// Eye height of every standpoint, metres.
pub const EYE: f64 = 1.6;
/// Width of the floor-plan picture, pixels.
pub const PLAN_WIDTH: u32 = 800;
/// Margin around the room on the floor plan, pixels.
const PLAN_MARGIN: f64 = 40.0;
/// Farthest product a scene offers a hotspot for, metres (horizontal).
const HOTSPOT_RANGE: f64 = 11.0;
/// Most product hotspots per scene (the nearest visible ones).
const HOTSPOT_MAX: usize = 12;
/// Tags of the info spots (products are tagged from 1).
const TAG_FITTING: u32 = 10_001;
const TAG_DESK: u32 = 10_002;

/// A catalogue product as the tours show it: its first variant and that variant's colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    /// The product.
    pub product_id: String,
    /// The variant.
    pub variant_id: String,
    /// Name.
    pub name: LocalizedText,
    /// The kind of product (the silhouette its pictures draw).
    pub kind: Kind,
    /// `#rrggbb` swatch of the variant's colour.
    pub colour: String,
}

/// How many catalogue products the tours choose from (the first by `seq`).
pub const PICK_POOL: i64 = 400;

/// The candidate products, in catalogue order.
pub async fn picks<'e, E: sqlx::SqliteExecutor<'e>>(db: E) -> Result<Vec<Pick>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.kind, p.name_zh, p.name_en, v.id, COALESCE(o.swatch, '#9ca3af') \
         FROM products p \
         JOIN variants v ON v.product_id = p.id \
           AND v.position = (SELECT MIN(position) FROM variants WHERE product_id = p.id) \
         LEFT JOIN option_values o ON o.product_id = p.id AND o.option_position = 0 AND o.code = v.option1 \
         ORDER BY p.seq LIMIT ?",
    )
    .bind(PICK_POOL)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(pid, kind, zh, en, vid, colour)| {
            Some(Pick {
                product_id: pid,
                variant_id: vid,
                name: LocalizedText::new(zh, en),
                kind: Kind::parse(&kind)?.on_display(),
                colour,
            })
        })
        .collect())
}

/// A product placed in the room.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Tag of its blocks.
    pub tag: u32,
    /// The product.
    pub pick: Pick,
    /// Centre of the block its hotspots point at.
    pub hero: [f64; 3],
}

/// A spot with a note (fitting rooms, cash desk).
#[derive(Debug, Clone, PartialEq)]
pub struct InfoSpot {
    /// Its id.
    pub id: &'static str,
    /// Tag of its blocks.
    pub tag: u32,
    /// Where it is (metres).
    pub at: [f64; 3],
    /// Label.
    pub label: LocalizedText,
    /// Text.
    pub text: LocalizedText,
}

/// One standpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneDesign {
    /// Its id.
    pub id: &'static str,
    /// Name.
    pub name: LocalizedText,
    /// Where the panorama is taken from.
    pub camera: Camera,
    /// Where the viewer looks first.
    pub initial_view: View,
    /// Position on the floor plan.
    pub plan_position: PlanPoint,
    /// Its hotspots.
    pub hotspots: Vec<Hotspot>,
}

/// A rectangle of the floor plan: (x0, z0, x1, z1) and its fill.
type PlanRect = ([f64; 4], String);

/// A whole tour.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// The store.
    pub store_id: &'static str,
    /// The room the panoramas are rendered from.
    pub room: Room,
    /// The scenes.
    pub scenes: Vec<SceneDesign>,
    /// The first scene.
    pub start_scene: &'static str,
    /// The products on display.
    pub placed: Vec<Placed>,
    /// The notes.
    pub infos: Vec<InfoSpot>,
    plan: Vec<PlanRect>,
    links: Vec<(usize, usize)>,
}

impl Design {
    /// The scene with this id.
    pub fn scene(&self, id: &str) -> Option<&SceneDesign> {
        self.scenes.iter().find(|s| s.id == id)
    }

    /// Height of the floor-plan picture, pixels.
    pub fn plan_height(&self) -> u32 {
        plan_height(&self.room)
    }
}

fn plan_height(room: &Room) -> u32 {
    let scale = (f64::from(PLAN_WIDTH) - 2.0 * PLAN_MARGIN) / room.w;
    (room.d * scale + 2.0 * PLAN_MARGIN).round() as u32
}

/// Floor-plan pixel of a room point (x, z).
fn plan_px(room: &Room, x: f64, z: f64) -> (f64, f64) {
    let scale = (f64::from(PLAN_WIDTH) - 2.0 * PLAN_MARGIN) / room.w;
    (PLAN_MARGIN + x * scale, PLAN_MARGIN + (room.d - z) * scale)
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// (yaw, pitch) rounded as published, if a ray that way meets `tag` first.
fn aim(room: &Room, cam: &Camera, at: [f64; 3], tag: u32) -> Option<(f64, f64)> {
    let (yaw, pitch) = direction_to(cam, at);
    let (yaw, pitch) = (round3(wrap_deg(yaw)), round3(pitch));
    let hit = trace(room, cam, yaw, pitch);
    (hit.tag == tag).then_some((yaw, pitch))
}

/// The demo tour of `store_id` over the candidate products, or `None` for a store
/// without one.
pub fn design(store_id: &str, picks: &[Pick]) -> Option<Design> {
    let shop = SHOPS.iter().find(|s| s.store_id == store_id)?;
    let b = build_room(shop, picks);
    let room = b.room;
    let mut scenes: Vec<SceneDesign> = shop
        .scenes
        .iter()
        .map(|s| {
            let (x, heading) = if shop.mirror {
                (shop.w - s.x, wrap_deg(360.0 - s.heading).rem_euclid(360.0))
            } else {
                (s.x, s.heading)
            };
            let yaw = if shop.mirror { -s.yaw } else { s.yaw };
            let (px, py) = plan_px(&room, x, s.z);
            SceneDesign {
                id: s.id,
                name: LocalizedText::new(s.name.0, s.name.1),
                camera: Camera {
                    pos: [x, EYE, s.z],
                    heading,
                },
                initial_view: View {
                    yaw: wrap_deg(yaw),
                    pitch: s.pitch,
                    fov: 90.0,
                },
                plan_position: PlanPoint {
                    x: round3(px / f64::from(PLAN_WIDTH)),
                    y: round3(py / f64::from(plan_height(&room))),
                },
                hotspots: Vec::new(),
            }
        })
        .collect();
    let cams: Vec<(Camera, &'static str, LocalizedText)> = scenes
        .iter()
        .map(|s| (s.camera, s.id, s.name.clone()))
        .collect();
    for (i, scene) in scenes.iter_mut().enumerate() {
        let cam = scene.camera;
        // Walk to the linked scenes: aim at their spot on the floor.
        for &(a, bb) in shop.links {
            let other = if a == i {
                bb
            } else if bb == i {
                a
            } else {
                continue;
            };
            let (oc, oid, oname) = &cams[other];
            let (yaw, pitch) = direction_to(&cam, [oc.pos[0], 0.0, oc.pos[2]]);
            scene.hotspots.push(Hotspot {
                id: format!("go-{oid}"),
                yaw: round3(wrap_deg(yaw)),
                pitch: round3(pitch),
                label: oname.clone(),
                target: HotspotTarget::Scene {
                    scene_id: (*oid).to_owned(),
                },
            });
        }
        // The nearest visible products.
        let mut seen: Vec<(f64, &Placed, f64, f64)> = b
            .placed
            .iter()
            .filter_map(|p| {
                let dist = (p.hero[0] - cam.pos[0]).hypot(p.hero[2] - cam.pos[2]);
                if dist > HOTSPOT_RANGE {
                    return None;
                }
                let (yaw, pitch) = aim(&room, &cam, p.hero, p.tag)?;
                Some((dist, p, yaw, pitch))
            })
            .collect();
        seen.sort_by(|a, b| a.0.total_cmp(&b.0));
        seen.truncate(HOTSPOT_MAX);
        seen.sort_by(|a, b| a.2.total_cmp(&b.2));
        for (_, p, yaw, pitch) in seen {
            scene.hotspots.push(Hotspot {
                id: format!("product-{}", p.pick.product_id),
                yaw,
                pitch,
                label: p.pick.name.clone(),
                target: HotspotTarget::Product {
                    product_id: ProductId(p.pick.product_id.clone()),
                    variant_id: Some(VariantId(p.pick.variant_id.clone())),
                },
            });
        }
        for info in &b.infos {
            if let Some((yaw, pitch)) = aim(&room, &cam, info.at, info.tag) {
                scene.hotspots.push(Hotspot {
                    id: info.id.to_owned(),
                    yaw,
                    pitch,
                    label: info.label.clone(),
                    target: HotspotTarget::Info {
                        text: info.text.clone(),
                    },
                });
            }
        }
    }
    Some(Design {
        store_id: shop.store_id,
        start_scene: shop.scenes[0].id,
        scenes,
        placed: b.placed,
        infos: b.infos,
        plan: b.plan,
        links: shop.links.to_vec(),
        room,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product;
    use std::collections::HashSet;

    fn catalogue(n: i64) -> Vec<Pick> {
        (1..=n)
            .map(|seq| {
                let p = product(seq);
                let v = &p.variants[0];
                let colour = p.options[0]
                    .values
                    .iter()
                    .find(|x| x.0 == v.option1)
                    .and_then(|x| x.3.clone())
                    .unwrap_or_default();
                Pick {
                    product_id: p.id.clone(),
                    variant_id: v.id.clone(),
                    name: LocalizedText::new(p.name_zh, p.name_en),
                    kind: p.kind.on_display(),
                    colour,
                }
            })
            .collect()
    }

    #[test]
    fn every_product_hotspot_meets_its_product_first() {
        let picks = catalogue(120);
        for store in TOUR_STORES {
            let d = design(store, &picks).unwrap_or_else(|| panic!("{store}"));
            assert!(d.scenes.len() >= 3);
            assert!(d.placed.len() >= 20, "{store}: {}", d.placed.len());
            let ids: HashSet<&str> = d
                .placed
                .iter()
                .map(|p| p.pick.product_id.as_str())
                .collect();
            assert_eq!(ids.len(), d.placed.len(), "a product shown twice");
            let mut products = 0;
            for s in &d.scenes {
                for h in &s.hotspots {
                    if let HotspotTarget::Product { product_id, .. } = &h.target {
                        products += 1;
                        let p = d
                            .placed
                            .iter()
                            .find(|p| p.pick.product_id == product_id.0)
                            .unwrap_or_else(|| panic!("{product_id}"));
                        let hit = trace(&d.room, &s.camera, h.yaw, h.pitch);
                        assert_eq!(hit.tag, p.tag, "{store}/{}/{}", s.id, h.id);
                    }
                }
                assert!(
                    s.hotspots
                        .iter()
                        .filter(|h| matches!(h.target, HotspotTarget::Product { .. }))
                        .count()
                        >= 3,
                    "{store}/{}",
                    s.id
                );
            }
            assert!(products >= 12, "{store}: {products}");
        }
        assert!(design("s_gz_tianhe", &picks).is_none());
    }

    #[test]
    fn a_small_catalogue_still_makes_a_tour() {
        let d = design("s_sh_jingan", &catalogue(10));
        assert!(d.is_some_and(|d| !d.placed.is_empty()));
        assert!(design("s_sh_jingan", &[]).is_some());
    }

    #[test]
    fn the_plan_is_an_svg_of_the_right_size() {
        let d = design("s_bj_sanlitun", &catalogue(60));
        let svg = d.as_ref().map(plan_svg).unwrap_or_default();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"width="800""#));
    }
}
