//! The parts of the listing drawn from data (see [`super::facets`]): redrawn whenever the
//! facets, the filters, the language or the listing's state change.

use leptos::html::{Div, Section, Ul};
use leptos::prelude::*;
use storefront_api_types::FacetCode;
use wasm_bindgen::JsCast;

use super::facets::{draw_chips, draw_empty, draw_facets, draw_note, redraw};
use super::logic::ListingScope;
use super::way_back::Facets;
use crate::routes::ListingFilters;
use crate::state::{Catalog, Locale};
use crate::storage::{keys, read_json};

/// The elements the drawn parts go in.
#[derive(Clone, Copy)]
pub(super) struct DrawnParts {
    /// The facet list in the panel.
    pub panel: NodeRef<Div>,
    /// The selected-filter chips.
    pub chips: NodeRef<Ul>,
    /// The "including results for" note.
    pub note: NodeRef<Div>,
    /// The no-results page.
    pub empty: NodeRef<Section>,
}

/// Keeps `parts` drawn (the `catalog`'s top categories on the no-results page): the facets (with the `expanded` ones in full), the chips of the
/// `listing`'s filters (focus goes to chip `chip_focus` after a removal), the note, and
/// the no-results page while `empty`.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_parts(
    locale: Locale,
    catalog: Catalog,
    parts: DrawnParts,
    listing: Signal<(ListingScope, ListingFilters)>,
    facets: RwSignal<Facets>,
    expanded: RwSignal<Vec<FacetCode>>,
    empty: Memo<bool>,
    chip_focus: StoredValue<Option<u32>>,
) {
    Effect::new(move |_| {
        let lang = locale.lang();
        let (Some(panel), Some(chips), Some(note), Some(none)) = (
            parts.panel.get(),
            parts.chips.get(),
            parts.note.get(),
            parts.empty.get(),
        ) else {
            return;
        };
        let is_empty = empty.get();
        let top_categories: Vec<(String, String)> = if is_empty {
            catalog
                .0
                .get()
                .and_then(Result::ok)
                .map(|t| {
                    t.data
                        .into_iter()
                        .map(|c| (c.slug, c.name.get(lang).to_owned()))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        facets.with(|f| {
            let ok = f.as_ref().and_then(|r| r.as_ref().ok());
            listing.with(|l| {
                expanded.with(|x| {
                    redraw(&panel, |el| {
                        draw_facets(el, ok, matches!(f, Some(Err(_))), l, x, lang)
                    });
                });
                redraw(&chips, |el| draw_chips(el, ok, &l.1, lang));
                if let Some(i) = chip_focus.get_value() {
                    chip_focus.set_value(None);
                    let buttons = chips.get_elements_by_tag_name("button");
                    let target = buttons
                        .item(i.min(buttons.length().saturating_sub(1)))
                        .or_else(|| document().get_element_by_id("sort-select"));
                    if let Some(b) = target.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = b.focus();
                    }
                }
                redraw(&note, |el| {
                    if !is_empty {
                        draw_note(el, ok, &l.1, lang);
                    }
                });
                redraw(&none, |el| {
                    let _ = el.remove_attribute("aria-labelledby");
                    if is_empty {
                        let _ = el.set_attribute("aria-labelledby", "empty-title");
                        let recent =
                            read_json::<Vec<String>>(keys::RECENT_SEARCHES).unwrap_or_default();
                        draw_empty(
                            el,
                            ok,
                            l,
                            &top_categories,
                            &recent[..recent.len().min(5)],
                            lang,
                        );
                    }
                });
            });
        });
    });
}
