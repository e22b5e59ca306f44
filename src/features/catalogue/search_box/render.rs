//! The popup's rows, built with plain DOM calls (see the module doc of [`super`]).

use storefront_api_types::{Lang, Money};
use web_sys::{Document, Element};

use super::logic::{highlight, Choice, Group};
use crate::i18n::Key;
use crate::logic::money::{format_money, saving};

/// The page's document.
pub(super) fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// A new element with a class and attributes.
pub(super) fn make(
    doc: &Document,
    tag: &str,
    class: &str,
    attrs: &[(&str, &str)],
) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    for (k, v) in attrs {
        el.set_attribute(k, v).ok()?;
    }
    Some(el)
}

pub(super) fn set_hidden(el: &Element, hidden: bool) {
    let _ = el.toggle_attribute_with_force("hidden", hidden);
}

/// Appends `text` with the parts matching `q` in `<mark>`.
pub(super) fn append_marked(doc: &Document, parent: &Element, text: &str, q: &str) {
    for piece in highlight(text, q) {
        if piece.marked {
            if let Some(mark) = make(doc, "mark", "", &[]) {
                mark.set_text_content(Some(piece.text));
                let _ = parent.append_child(&mark);
            }
        } else {
            let _ = parent.append_with_str_1(piece.text);
        }
    }
}

/// A price as the `Price` component writes it (now, and the struck-through "was").
pub(super) fn append_price(
    doc: &Document,
    parent: &Element,
    price: Money,
    was: Option<Money>,
    lang: Lang,
) {
    let Some(p) = make(doc, "p", "price", &[]) else {
        return;
    };
    let was = was.filter(|_| saving(price, was).is_some());
    if let (Some(_), Some(sr)) = (was, make(doc, "span", "sr-only", &[])) {
        sr.set_text_content(Some(Key::CurrentPrice.get(lang)));
        let _ = p.append_child(&sr);
    }
    let now = make(
        doc,
        "span",
        if was.is_some() {
            "price-now price-sale"
        } else {
            "price-now"
        },
        &[],
    );
    if let Some(now) = now {
        now.set_text_content(Some(&format_money(price, lang)));
        let _ = p.append_child(&now);
    }
    if let (Some(was), Some(del), Some(sr)) = (
        was,
        make(doc, "del", "price-was", &[]),
        make(doc, "span", "sr-only", &[]),
    ) {
        sr.set_text_content(Some(Key::OriginalPrice.get(lang)));
        let _ = del.append_child(&sr);
        let _ = del.append_with_str_1(&format_money(was, lang));
        let _ = p.append_child(&del);
    }
    let _ = parent.append_child(&p);
}

pub(super) fn group_key(group: Group) -> (Key, &'static str) {
    match group {
        Group::Recent => (Key::RecentSearches, "recent"),
        Group::Popular => (Key::PopularSearches, "popular"),
        Group::Categories => (Key::SuggestCategories, "categories"),
        Group::Products => (Key::SuggestProducts, "products"),
    }
}

/// One option row (and, for a recent search, its remove button) appended to `group`.
pub(super) fn append_option(
    doc: &Document,
    group: &Element,
    id: &str,
    i: usize,
    choice: &Choice,
    q: &str,
    lang: Lang,
) -> Option<()> {
    let (tag, class) = match choice {
        // role=option cannot hold a button: a recent search's row holds both
        Choice::Recent(_) => ("div", "sb-option sb-recent"),
        Choice::Popular(_) => ("li", "sb-option sb-popular"),
        Choice::Category(_) => ("li", "sb-option sb-category"),
        Choice::Product(_) => ("li", "sb-option sb-product"),
    };
    let index = i.to_string();
    let option = make(
        doc,
        tag,
        class,
        &[
            ("role", "option"),
            ("id", id),
            ("aria-selected", "false"),
            ("data-i", &index),
        ],
    )?;
    let text = make(doc, "span", "sb-text", &[])?;
    match choice {
        Choice::Recent(t) => {
            text.set_text_content(Some(t));
            option.append_child(&text).ok()?;
            let row = make(doc, "li", "sb-row", &[("role", "none")])?;
            let remove = make(
                doc,
                "button",
                "sb-remove",
                &[
                    ("type", "button"),
                    ("tabindex", "-1"),
                    ("data-remove", &index),
                    (
                        "aria-label",
                        &Key::RemoveRecentLabel.get(lang).replace("{q}", t),
                    ),
                ],
            )?;
            row.append_child(&option).ok()?;
            row.append_child(&remove).ok()?;
            return group.append_child(&row).ok().map(drop);
        }
        Choice::Popular(t) => append_marked(doc, &text, t, q),
        Choice::Category(c) => append_marked(doc, &text, c.name.get(lang), q),
        Choice::Product(p) => {
            let (w, h) = (p.image.width.to_string(), p.image.height.to_string());
            let img = make(
                doc,
                "img",
                "sb-thumb",
                &[
                    ("src", &p.image.url),
                    ("width", &w),
                    ("height", &h),
                    // the name is next to it: the picture is decorative here
                    ("alt", ""),
                    ("loading", "lazy"),
                    ("decoding", "async"),
                ],
            )?;
            option.append_child(&img).ok()?;
            append_marked(doc, &text, p.name.get(lang), q);
            let body = make(doc, "div", "sb-product-text", &[])?;
            body.append_child(&text).ok()?;
            append_price(doc, &body, p.price, p.compare_at_price, lang);
            option.append_child(&body).ok()?;
            return group.append_child(&option).ok().map(drop);
        }
    }
    option.append_child(&text).ok()?;
    group.append_child(&option).ok().map(drop)
}
