//! The facet panel (a sidebar from 1024 px, a full-screen dialog below), the row of
//! selected-filter chips, the "including results for" note and the no-results page.
//!
//! The panel's frame (title, close, "Clear all", "Show results") is a Leptos view; its
//! facet list, the chips and the no-results page are drawn from data by [`draw_facets`],
//! [`draw_chips`] and [`draw_empty`]: a few dozen plain elements rebuilt whole when their
//! data changes, with one delegated listener each. That costs far less wasm than a typed
//! view per part. A rebuild keeps keyboard focus (controls have stable ids and the
//! focused one is focused again) and the panel's scroll position.
//!
//! The "in stock at my store" facet of the stores issue goes in the panel frame, above
//! the drawn facets (see the marked slot in [`super::facet_panel::facet_panel`]), with a field of its own in
//! [`ListingFilters`] (see there).

use storefront_api_types::{percent_encode, FacetCode, Lang, ProductFacets};
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::features::catalogue::listing::logic::{
    facet_rows, fill, find_value, selected_values, ListingScope, FACET_LIMIT,
};
use crate::i18n::Key;
use crate::routes::{AppRoute, ListingFilters};

/// Id of the panel (the "Filters" button controls it).
pub const FACETS_ID: &str = "facets";

/// Appends `<tag attrs…>text</tag>` to `parent` and returns it.
pub fn h(parent: &Element, tag: &str, attrs: &[(&str, &str)], text: &str) -> Element {
    let Some(el) = parent
        .owner_document()
        .and_then(|d| d.create_element(tag).ok())
    else {
        return parent.clone();
    };
    for (k, v) in attrs {
        let _ = el.set_attribute(k, v);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    let _ = parent.append_child(&el);
    el
}

/// Empties `el` and calls `draw` to fill it again, keeping focus inside. The scroll position
/// of a panel around it stays as it is without help: the browser clamps it only at a layout,
/// and none runs between the emptying and the drawing (reading `scrollTop` to keep it would
/// force one: the whole page's first layout, 48 ms of the category page's start-up task).
pub fn redraw(el: &Element, draw: impl FnOnce(&Element)) {
    let doc = el.owner_document();
    let focused = doc
        .as_ref()
        .and_then(|d| d.active_element())
        .filter(|a| el.contains(Some(a)))
        .map(|a| a.id());
    el.set_text_content(None);
    draw(el);
    if let Some(target) = focused
        .filter(|id| !id.is_empty())
        .zip(doc)
        .and_then(|(id, d)| d.get_element_by_id(&id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = target.focus();
    }
}

fn label_of(facets: Option<&ProductFacets>, code: FacetCode, value: &str, lang: Lang) -> String {
    facets
        .and_then(|f| f.facets.iter().find(|x| x.code == code))
        .and_then(|x| find_value(&x.values, value))
        .map_or_else(|| value.to_owned(), |v| v.label.get(lang).to_owned())
}

/// The facets of a listing as fieldsets of checkboxes (values with no product disabled
/// unless selected), each with "Show more" past [`FACET_LIMIT`] values unless its code
/// is in `expanded`; or, when `failed`, a note and a Retry button (`data-retry`).
pub fn draw_facets(
    el: &Element,
    facets: Option<&ProductFacets>,
    failed: bool,
    (scope, filters): &(ListingScope, ListingFilters),
    expanded: &[FacetCode],
    lang: Lang,
) {
    if failed {
        let note = h(el, "div", &[("class", "facets-error")], "");
        h(&note, "p", &[], Key::FacetsError.get(lang));
        h(
            &note,
            "button",
            &[
                ("type", "button"),
                ("class", "btn btn-secondary"),
                ("data-retry", ""),
            ],
            Key::Retry.get(lang),
        );
    }
    for facet in facets.map(|f| f.facets.as_slice()).unwrap_or_default() {
        let param = facet.code.param();
        let open = expanded.contains(&facet.code);
        let (rows, more) = facet_rows(facet, scope, filters, (!open).then_some(FACET_LIMIT));
        if rows.is_empty() {
            continue;
        }
        let set = h(el, "fieldset", &[("class", "facet")], "");
        h(
            &set,
            "legend",
            &[("class", "facet-name")],
            facet.name.get(lang),
        );
        let list = h(&set, "ul", &[("class", "facet-values")], "");
        for (value, child) in rows {
            let Some(v) = find_value(&facet.values, &value) else {
                continue;
            };
            let checked = filters.is_selected(facet.code, &value);
            let disabled = v.count == 0 && !checked;
            let li = h(
                &list,
                "li",
                &[("class", if child { "facet-child" } else { "" })],
                "",
            );
            let label = h(
                &li,
                "label",
                &[(
                    "class",
                    if disabled {
                        "facet-option is-disabled"
                    } else {
                        "facet-option"
                    },
                )],
                "",
            );
            let id = format!("fv-{param}-{}", percent_encode(&value));
            let mut attrs = vec![
                ("type", "checkbox"),
                ("id", id.as_str()),
                ("data-p", param),
                ("value", value.as_str()),
            ];
            if checked {
                attrs.push(("checked", ""));
            }
            if disabled {
                attrs.push(("disabled", ""));
            }
            h(&label, "input", &attrs, "");
            if let Some(colour) = v.swatch.as_deref().filter(|s| is_hex_colour(s)) {
                // through the CSSOM: the CSP blocks style attributes
                let swatch = h(&label, "span", &[("class", "swatch")], "");
                if let Some(el) = swatch.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = el.style().set_property("background", colour);
                }
            }
            h(
                &label,
                "span",
                &[("class", "facet-label")],
                v.label.get(lang),
            );
            h(
                &label,
                "span",
                &[("class", "facet-count")],
                &v.count.to_string(),
            );
        }
        if more || open {
            let id = format!("fm-{param}");
            h(
                &set,
                "button",
                &[
                    ("type", "button"),
                    ("class", "facet-more"),
                    ("id", &id),
                    ("data-more", param),
                    ("aria-expanded", if open { "true" } else { "false" }),
                ],
                (if open { Key::ShowFewer } else { Key::ShowMore }).get(lang),
            );
        }
    }
}

/// Whether `s` is a plain hex colour (`#abc`, `#a1b2c3`).
fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The selected filters as remove buttons (`data-p`/`data-v`) and "Clear all"
/// (`data-clear`); hidden when nothing is selected.
pub fn draw_chips(
    el: &Element,
    facets: Option<&ProductFacets>,
    filters: &ListingFilters,
    lang: Lang,
) {
    let chips = selected_values(filters);
    if chips.is_empty() {
        let _ = el.set_attribute("hidden", "");
        return;
    }
    let _ = el.remove_attribute("hidden");
    for (i, (code, value)) in chips.iter().enumerate() {
        let label = label_of(facets, *code, value, lang);
        let li = h(el, "li", &[], "");
        let id = format!("fc-{i}");
        let b = h(
            &li,
            "button",
            &[
                ("type", "button"),
                ("class", "chip chip-remove"),
                ("id", &id),
                ("data-p", code.param()),
                ("data-v", value),
                ("aria-label", &fill(Key::RemoveFilter.get(lang), &label)),
            ],
            &label,
        );
        h(&b, "span", &[("aria-hidden", "true")], " ×");
    }
    let li = h(el, "li", &[], "");
    h(
        &li,
        "button",
        &[
            ("type", "button"),
            ("class", "chip chip-clear"),
            ("data-clear", ""),
        ],
        Key::ClearAll.get(lang),
    );
}

/// "Including results for: <a>q</a>" (with `results`) or "Did you mean: <a>q</a>".
fn draw_correction(el: &Element, key: Key, q: &str, filters: &ListingFilters, lang: Lang) {
    let p = h(el, "p", &[("class", "did-you-mean")], Key::get(key, lang));
    let _ = p.append_with_str_1(" ");
    let href = AppRoute::search(q).with_filters(filters.clone()).to_href();
    h(&p, "a", &[("href", &href)], q);
}

/// The correction note above results that exist.
pub fn draw_note(
    el: &Element,
    facets: Option<&ProductFacets>,
    filters: &ListingFilters,
    lang: Lang,
) {
    if let Some(q) = facets.and_then(|f| f.did_you_mean.as_deref()) {
        draw_correction(el, Key::IncludingResultsFor, q, filters, lang);
    }
}

/// The no-results page: what was looked for, a correction, "Clear filters"
/// (`data-clear`), related or top-level categories, and recent searches.
pub fn draw_empty(
    el: &Element,
    facets: Option<&ProductFacets>,
    (scope, filters): &(ListingScope, ListingFilters),
    top_categories: &[(String, String)],
    recent: &[String],
    lang: Lang,
) {
    let filtered = filters.count() > 0;
    let title = match scope.words() {
        Some(q) if !filtered => fill(Key::NoResultsFor.get(lang), q),
        None if !filtered => Key::NoProducts.get(lang).to_owned(),
        _ => Key::NoFilterResults.get(lang).to_owned(),
    };
    h(
        el,
        "h2",
        &[("class", "empty-title"), ("id", "empty-title")],
        &title,
    );
    let hint = if filtered {
        Key::NoFilterResultsHint
    } else {
        Key::NoResultsHint
    };
    h(el, "p", &[("class", "muted")], hint.get(lang));
    // the corrected words alone: the filters may be what leaves nothing
    if let Some(q) = facets.and_then(|f| f.did_you_mean.as_deref()) {
        draw_correction(el, Key::DidYouMean, q, &filters.cleared(), lang);
    }
    if filtered {
        h(
            el,
            "button",
            &[
                ("type", "button"),
                ("class", "btn btn-primary"),
                ("data-clear", ""),
            ],
            Key::ClearFilters.get(lang),
        );
    }
    let related: Vec<(String, String)> = facets
        .map(|f| {
            f.related_categories
                .iter()
                .map(|c| (c.slug.clone(), c.name.get(lang).to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let (heading, places) = if related.is_empty() {
        (Key::BrowseCategories, top_categories)
    } else {
        (Key::RelatedCategories, related.as_slice())
    };
    let links: Vec<(String, &str)> = places
        .iter()
        .map(|(slug, name)| (AppRoute::category(slug.as_str()).to_href(), name.as_str()))
        .chain(
            recent
                .iter()
                .map(|q| (AppRoute::search(q.as_str()).to_href(), q.as_str())),
        )
        .collect();
    for (i, (heading, range)) in [
        (heading, 0..places.len()),
        (Key::RecentSearches, places.len()..links.len()),
    ]
    .into_iter()
    .enumerate()
    {
        if range.is_empty() {
            continue;
        }
        let id = format!("empty-links-{i}");
        h(
            el,
            "h3",
            &[("class", "empty-sub"), ("id", &id)],
            heading.get(lang),
        );
        let ul = h(
            el,
            "ul",
            &[("class", "chips chips-wrap"), ("aria-labelledby", &id)],
            "",
        );
        for (href, label) in &links[range] {
            let li = h(&ul, "li", &[], "");
            h(&li, "a", &[("class", "chip"), ("href", href)], label);
        }
    }
}
