//! Checking a tour before it is published: every field in range, every hotspot pointing
//! at a scene or a product that exists.

use std::collections::HashSet;

use storefront_api_types::{FieldError, HotspotTarget, Tour, TOUR_FOV_MAX, TOUR_FOV_MIN};

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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::tour::store::image;
    use storefront_api_types::{
        Hotspot, LocalizedText, Panorama, PlanPoint, ProductId, Scene, StoreId, VariantId, View,
    };

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
}
