//! Hotspots: their accessible names, kinds and icons.

use leptos::prelude::*;
use storefront_api_types::{Hotspot, HotspotTarget, Scene};

use super::i18n::TKey;

/// The accessible name of a hotspot: "Product: …", "Go to …", "Info: …".
pub fn spot_name(h: &Hotspot, scenes: &[Scene], lang: storefront_api_types::Lang) -> String {
    match &h.target {
        HotspotTarget::Scene { scene_id } => {
            // the label as shown, else the scene's name
            let label = h.label.get(lang);
            let name = if label.is_empty() {
                scenes
                    .iter()
                    .find(|s| s.id == *scene_id)
                    .map_or("", |s| s.name.get(lang))
            } else {
                label
            };
            format!("{}{name}", TKey::GoTo.get(lang))
        }
        HotspotTarget::Product { .. } => {
            format!("{}{}", TKey::ProductPrefix.get(lang), h.label.get(lang))
        }
        HotspotTarget::Info { .. } => {
            format!("{}{}", TKey::InfoPrefix.get(lang), h.label.get(lang))
        }
    }
}

/// The kind of a hotspot (for classes) and the path of its icon.
pub fn spot_kind(h: &Hotspot) -> (&'static str, &'static str) {
    match h.target {
        HotspotTarget::Scene { .. } => ("scene", "M12 19V5M6 11l6-6 6 6"),
        HotspotTarget::Product { .. } => ("product", "M12 5v14M5 12h14"),
        HotspotTarget::Info { .. } => ("info", "M12 11v7M12 6.5v.5"),
    }
}

/// A hotspot's icon (a picture, not text: the button's name is its label).
pub fn spot_icon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="spot-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d=path></path>
        </svg>
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use storefront_api_types::{Lang, LocalizedText, ProductId};

    fn spot(label: &str, target: HotspotTarget) -> Hotspot {
        Hotspot {
            id: "h".to_owned(),
            yaw: 0.0,
            pitch: 0.0,
            label: LocalizedText::new(label, label),
            target,
        }
    }

    #[test]
    fn hotspots_are_named_by_what_they_do() {
        let go = spot(
            "",
            HotspotTarget::Scene {
                scene_id: "nowhere".into(),
            },
        );
        assert_eq!(spot_name(&go, &[], Lang::En), "Go to ");
        let product = spot(
            "Lamp",
            HotspotTarget::Product {
                product_id: ProductId("p_1".to_owned()),
                variant_id: None,
            },
        );
        assert_eq!(spot_name(&product, &[], Lang::En), "Product: Lamp");
        assert_eq!(spot_kind(&product).0, "product");
        assert_eq!(spot_kind(&go).0, "scene");
    }
}
