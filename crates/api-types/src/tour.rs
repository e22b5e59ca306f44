//! The virtual tour: a store's panoramas, their hotspots and the floor plan.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{Image, LocalizedText, ProductId, StoreId, VariantId};

/// Smallest field of view a [`View`] may ask for, in degrees.
pub const TOUR_FOV_MIN: f64 = 30.0;
/// Largest field of view a [`View`] may ask for, in degrees.
pub const TOUR_FOV_MAX: f64 = 100.0;

/// A direction and zoom in a panorama, in degrees.
///
/// `yaw` is measured from the panorama's centre column (0), positive to the right,
/// -180..=180; `pitch` is positive up, -90..=90 (0 is the horizon); `fov` is the
/// horizontal field of view, [`TOUR_FOV_MIN`]..=[`TOUR_FOV_MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct View {
    /// Degrees right of the panorama's centre, -180..=180.
    #[cfg_attr(feature = "openapi", schema(minimum = -180, maximum = 180))]
    pub yaw: f64,
    /// Degrees above the horizon, -90..=90.
    #[cfg_attr(feature = "openapi", schema(minimum = -90, maximum = 90))]
    pub pitch: f64,
    /// Horizontal field of view in degrees, 30..=100.
    #[cfg_attr(feature = "openapi", schema(minimum = 30, maximum = 100))]
    pub fov: f64,
}

/// A point on a floor plan as fractions of its width (`x`, from the left) and height
/// (`y`, from the top), each 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlanPoint {
    /// Fraction of the plan's width from its left edge, 0..=1.
    pub x: f64,
    /// Fraction of the plan's height from its top edge, 0..=1.
    pub y: f64,
}

/// An equirectangular (2:1) panorama: yaw -180..180 left to right, pitch 90..-90 top
/// to bottom, yaw 0 in the centre column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Panorama {
    /// A small version to show at once (512 x 256).
    pub preview: Image,
    /// The full resolution (4096 x 2048).
    pub full: Image,
}

/// What a hotspot leads to. On the wire an object with a `type` of `scene`, `product`
/// or `info` and that kind's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum HotspotTarget {
    /// Walk to another scene of the same tour.
    Scene {
        /// The scene's id in this tour.
        scene_id: String,
    },
    /// A product shown at this spot (link to its page, add to bag).
    Product {
        /// The product.
        product_id: ProductId,
        /// The variant on display (the colour shown), when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        variant_id: Option<VariantId>,
    },
    /// A note about this spot (fitting rooms, the cash desk).
    Info {
        /// The note.
        text: LocalizedText,
    },
}

/// A clickable point in a panorama.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Hotspot {
    /// Unique within its scene.
    pub id: String,
    /// Degrees right of the panorama's centre, -180..=180 (see [`View`]).
    pub yaw: f64,
    /// Degrees above the horizon, -90..=90.
    pub pitch: f64,
    /// Short label (a product's name, the next scene's name).
    pub label: LocalizedText,
    /// What it leads to.
    pub target: HotspotTarget,
}

/// One standpoint of a tour: its panorama and hotspots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Scene {
    /// Unique within the tour (`entrance`).
    pub id: String,
    /// Display name.
    pub name: LocalizedText,
    /// The panorama taken here.
    pub panorama: Panorama,
    /// Where the viewer looks on arrival.
    pub initial_view: View,
    /// Bearing on the floor plan (degrees clockwise from the plan's up) of the panorama's
    /// yaw 0; a yaw plus this is the direction on the plan. 0..360.
    pub north_offset: f64,
    /// Where the scene is on the floor plan.
    pub plan_position: PlanPoint,
    /// Clickable points: other scenes, products on display, notes.
    pub hotspots: Vec<Hotspot>,
}

/// `GET /v1/stores/{id}/tour`: a store's virtual tour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Tour {
    /// The store.
    pub store_id: StoreId,
    /// A drawing of the shop floor with the scenes marked (north up).
    pub floor_plan: Image,
    /// The scenes, at least one.
    pub scenes: Vec<Scene>,
    /// The id of the scene to start in.
    pub start_scene: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn tour_targets_are_tagged_objects() {
        let t = HotspotTarget::Product {
            product_id: ProductId::from("p_000001"),
            variant_id: None,
        };
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"type":"product","product_id":"p_000001"}"#
        );
        let s: HotspotTarget =
            serde_json::from_str(r#"{"type":"scene","scene_id":"back"}"#).unwrap();
        assert_eq!(
            s,
            HotspotTarget::Scene {
                scene_id: "back".to_owned()
            }
        );
        let i: HotspotTarget = serde_json::from_str(
            r#"{"type":"info","text":{"zh-CN":"试衣间","en":"Fitting rooms"}}"#,
        )
        .unwrap();
        assert!(matches!(i, HotspotTarget::Info { .. }));
        assert!(serde_json::from_str::<HotspotTarget>(r#"{"type":"door"}"#).is_err());
    }
}
