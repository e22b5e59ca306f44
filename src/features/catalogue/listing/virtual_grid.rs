//! A windowed product grid: however many products are loaded, only the rows near the
//! viewport (plus the focused row and its neighbours) are in the DOM.
//!
//! The `<ul>` is as tall as every loaded row (`rows × row height`), so the page scrolls as
//! if everything were there; each rendered `<li>` is placed absolutely at its row and
//! column through two CSS variables. Rows are as tall as the tallest card measured at the
//! current width. A scroll, a resize or a new page schedules one layout pass per
//! animation frame, which measures, restores a saved position when asked to, and adds
//! and removes cards.
//!
//! Cards are mounted here rather than by `<For>`: a new card is inserted before the next
//! rendered one and existing cards never move in the DOM, so the focused card keeps
//! focus (moving a focused element blurs it) and a scroll only touches the cards that
//! enter or leave the window. Each card has its own reactive owner, disposed with it.

use crate::components::text::tr;
use std::sync::Arc;

use leptos::ev;
use leptos::html::Ul;
use leptos::prelude::*;
use storefront_api_types::{ProductId, ProductSummary};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::components::product_card::EAGER_CARDS;
use crate::components::ProductCard;
use crate::features::catalogue::listing::logic::{
    anchor_offset, columns_for_width, rendered_items, row_count, scroll_anchor, window_rows,
};
use crate::i18n::Key;

/// Rows rendered above and below the viewport.
const BUFFER_ROWS: usize = 1;
/// Card body height (brand, two lines of name, price) assumed before the first measurement
/// (measured: 140 px at the root's 16 px, 167 px at the kiosk's 19 px): close, so the rows
/// barely move when the first cards are measured (layout shift).
const BODY_ESTIMATE_PX: f64 = 140.0;
/// Cards in a first screen a server renders: two rows of the widest grid (a 1920 px screen),
/// six of a phone's two columns (pictures after the first four load as they come into view).
#[cfg(not(target_arch = "wasm32"))]
const FIRST_SCREEN_CARDS: usize = 12;

/// Where the grid is and what it should do next; shared with the listing (all `Copy`).
#[derive(Clone, Copy)]
pub struct GridCtl {
    /// The top of the viewport: the first item of the top visible row and how far (px)
    /// below that row's top, as of the last layout pass.
    pub at: StoredValue<(usize, f64)>,
    /// A position [`Self::at`] saw, and an item to focus, to restore once laid out.
    pub restore: StoredValue<Option<(usize, f64, Option<usize>)>>,
    focus_row: StoredValue<Option<usize>>,
    focus_item: StoredValue<Option<usize>>,
    layout: StoredValue<Layout>,
    again: Trigger,
}

#[derive(Clone, Copy, PartialEq)]
struct Layout {
    width: f64,
    cols: usize,
    row_h: f64,
    /// The row height measured at this width (0 until measured).
    measured: f64,
    total: u64,
    height: f64,
}

/// A mounted card.
struct Card {
    i: usize,
    id: ProductId,
    li: HtmlElement,
    owner: Owner,
    view: Box<dyn Mountable>,
}

impl GridCtl {
    /// New handles (owned by the calling component).
    pub fn new() -> Self {
        GridCtl {
            at: StoredValue::new((0, 0.0)),
            restore: StoredValue::new(None),
            focus_row: StoredValue::new(None),
            focus_item: StoredValue::new(None),
            layout: StoredValue::new(Layout {
                width: 0.0,
                cols: 2,
                row_h: 360.0,
                measured: 0.0,
                total: 0,
                height: 0.0,
            }),
            again: Trigger::new(),
        }
    }

    /// Renders item `i` and moves keyboard focus to its link.
    pub fn focus(&self, i: usize) {
        let cols = self.layout.with_value(|l| l.cols).max(1);
        self.focus_item.set_value(Some(i));
        self.focus_row.set_value(Some(i / cols));
        self.again.notify();
    }
}

impl Default for GridCtl {
    fn default() -> Self {
        Self::new()
    }
}

/// Places a card at its row and column (CSSOM: the CSP blocks style attributes).
fn place(li: &HtmlElement, i: usize, cols: usize) {
    let style = li.style();
    let _ = style.set_property("--r", &(i / cols).to_string());
    let _ = style.set_property("--c", &(i % cols).to_string());
}

/// The windowed grid of `items` (a `role=list` whose items carry their position in `total`).
#[component]
pub fn VirtualGrid(
    /// Every loaded product, in order.
    items: RwSignal<Vec<Arc<ProductSummary>>>,
    /// How many products the whole listing has.
    #[prop(into)]
    total: Signal<u64>,
    /// Shared handles.
    ctl: GridCtl,
    /// Called with the item's index when the shopper opens a product.
    #[prop(into)]
    on_open: Callback<usize>,
) -> impl IntoView {
    let el = NodeRef::<Ul>::new();
    let owner = StoredValue::new(Owner::current());
    let cards = StoredValue::new_local(Vec::<Card>::new());
    let scheduled = StoredValue::new(false);

    // Adds the cards of `want` (ascending) that are missing, removes the others.
    let sync = move |ul: &HtmlElement, want: &[usize], l: &Layout, moved: bool| -> bool {
        let Some(doc) = ul.owner_document() else {
            return false;
        };
        let total = l.total.to_string();
        let mut added = false;
        items.with_untracked(|v| {
            cards.update_value(|cards| {
                cards.retain_mut(|c| {
                    let keep = want.binary_search(&c.i).is_ok()
                        && v.get(c.i).is_some_and(|p| p.id == c.id);
                    if keep {
                        if moved {
                            place(&c.li, c.i, l.cols);
                            let _ = c.li.set_attribute("aria-setsize", &total);
                        }
                    } else {
                        c.view.unmount();
                        c.li.remove();
                        c.owner.cleanup();
                    }
                    keep
                });
                for &i in want {
                    let (Err(at), Some(p)) = (cards.binary_search_by_key(&i, |c| c.i), v.get(i))
                    else {
                        continue;
                    };
                    let Some(li) = doc
                        .create_element("li")
                        .ok()
                        .and_then(|li| li.dyn_into::<HtmlElement>().ok())
                    else {
                        continue;
                    };
                    let _ = li.set_attribute("data-i", &i.to_string());
                    let _ = li.set_attribute("aria-posinset", &(i + 1).to_string());
                    let _ = li.set_attribute("aria-setsize", &total);
                    place(&li, i, l.cols);
                    let next = cards.get(at).map(|c| c.li.clone());
                    let _ = ul.insert_before(&li, next.as_ref().map(|n| n.as_ref()));
                    let card_owner = owner
                        .get_value()
                        .map_or_else(Owner::new, |o| o.with(Owner::new));
                    let product = ProductSummary::clone(p);
                    let view = card_owner.with(|| {
                        let mut view =
                            view! { <ProductCard product=product eager=i < EAGER_CARDS /> }
                                .into_view()
                                .build();
                        view.mount(&li, None);
                        view
                    });
                    cards.insert(
                        at,
                        Card {
                            i,
                            id: p.id.clone(),
                            li,
                            owner: card_owner,
                            view: Box::new(view),
                        },
                    );
                    added = true;
                }
            });
        });
        added
    };

    // One layout pass: measure, restore a saved position, choose and render the rows.
    let pass = move || {
        scheduled.set_value(false);
        // a frame may come after the grid is gone
        let (Some(mut l), Some(ul), Some(win)) = (
            ctl.layout.try_get_value(),
            el.try_get_untracked().flatten(),
            crate::dom::window(),
        ) else {
            return;
        };
        let ul: HtmlElement = ul.into();
        let rect = ul.get_bounding_client_rect();
        let gap = win
            .get_computed_style(&ul)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value("column-gap").ok())
            .and_then(|g| {
                g.split(['.', 'p'])
                    .next()
                    .and_then(|n| n.parse::<i32>().ok())
            })
            .map_or(12.0, f64::from);
        let len = items.with_untracked(Vec::len);
        let before = l;
        l.total = total.get_untracked();
        // a new width: estimate now, measure once the cards are laid out at it
        let fresh = (rect.width() - l.width).abs() > 0.5;
        if fresh {
            l.width = rect.width();
            l.cols = columns_for_width(l.width, gap);
            let col_w = (l.width - gap * (l.cols - 1) as f64) / l.cols as f64;
            l.row_h = (col_w * 1.25 + BODY_ESTIMATE_PX + gap).round();
            l.measured = 0.0;
        } else {
            // rows are as tall as the tallest card seen at this width
            let tallest = cards.with_value(|cards| {
                cards
                    .iter()
                    .map(|c| c.li.offset_height())
                    .max()
                    .unwrap_or(0)
            });
            let h = (f64::from(tallest) + gap).round();
            if tallest > 0 && h > l.measured {
                l.measured = h;
                l.row_h = h;
            }
        }
        let vh = win
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(800.0);
        let mut offset = -rect.top();
        // rows that grow under the shopper must not move what they are looking at
        if l.row_h != before.row_h && offset > 0.0 && ctl.restore.with_value(Option::is_none) {
            let (a, w) = scroll_anchor(offset, before.row_h, before.cols);
            ctl.restore.set_value(Some((a, w, None)));
        }
        l.height = row_count(len, l.cols) as f64 * l.row_h;
        if l != before {
            // whole pixels: formatting floats would pull float printing into the wasm
            let style = ul.style();
            let _ = style.set_property("--cols", &l.cols.to_string());
            let _ = style.set_property("--row-h", &format!("{}px", l.row_h as i64));
            let _ = style.set_property("height", &format!("{}px", l.height as i64));
        }
        match ctl.restore.get_value() {
            Some(_) if len == 0 => ctl.restore.set_value(None),
            // once measured at this width
            Some((anchor, within, focus)) if l.measured > 0.0 => {
                let target = anchor_offset(anchor, within, l.row_h, l.cols);
                let top = win.scroll_y().unwrap_or(0.0) + rect.top();
                win.scroll_to_with_x_and_y(0.0, (top + target).max(0.0));
                offset = target;
                ctl.restore.set_value(None);
                if focus.is_some() {
                    ctl.focus_item.set_value(focus);
                }
            }
            _ => {}
        }
        if ctl.restore.with_value(Option::is_none) {
            ctl.at.set_value(scroll_anchor(offset, l.row_h, l.cols));
        }
        if let Some(i) = ctl.focus_item.get_value().filter(|i| *i < len) {
            ctl.focus_row.set_value(Some(i / l.cols.max(1)));
        }
        ctl.layout.set_value(l);
        let rows = window_rows(offset, vh, l.row_h, row_count(len, l.cols), BUFFER_ROWS);
        let want = rendered_items(rows, ctl.focus_row.get_value(), l.cols, len);
        let moved = l.cols != before.cols || l.total != before.total;
        let added = sync(&ul, &want, &l, moved);
        if let Some(i) = ctl.focus_item.get_value() {
            ctl.focus_item.set_value(None);
            let link = ul
                .query_selector(&format!("li[data-i=\"{i}\"] a"))
                .ok()
                .flatten()
                .and_then(|a| a.dyn_into::<HtmlElement>().ok());
            if let Some(a) = link {
                let _ = a.focus();
            }
        }
        // new cards are measured, and a new width laid out, in the next frame
        if fresh || added || ctl.restore.with_value(Option::is_some) {
            ctl.again.notify();
        }
    };
    let schedule = move || {
        if !scheduled.get_value() {
            scheduled.set_value(true);
            request_animation_frame(pass);
        }
    };
    Effect::new(move |_| {
        ctl.again.track();
        items.track();
        total.track();
        schedule();
    });
    let on_scroll = window_event_listener(ev::scroll, move |_| schedule());
    let on_resize = window_event_listener(ev::resize, move |_| schedule());
    // built out of sight behind a server's first screen (index.html): laid out again where
    // the shopper is once it shows
    let on_shown = window_event_listener_untyped("storefront-shown", move |_| schedule());
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
        on_shown.remove();
        cards.try_update_value(|cards| {
            for c in cards.iter_mut() {
                c.view.unmount();
            }
            cards.clear();
        });
    });

    let index_of = |target: Option<web_sys::EventTarget>| -> Option<usize> {
        target?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("li[data-i]")
            .ok()??
            .get_attribute("data-i")?
            .parse()
            .ok()
    };

    // Natively (a server rendering the first screen, `crate::first_screen`) nothing is
    // measured: the first cards are the list's own items, laid out by CSS alone
    // (`.vgrid-static`, the same columns as `columns_for_width`) until the app takes over.
    #[cfg(not(target_arch = "wasm32"))]
    let (static_cards, is_static) = {
        let setsize = total.get_untracked().to_string();
        let cards = items.with_untracked(|v| {
            v.iter()
                .take(FIRST_SCREEN_CARDS)
                .enumerate()
                .map(|(i, p)| {
                    let product = ProductSummary::clone(p);
                    view! {
                        <li data-i=i.to_string() aria-posinset=(i + 1).to_string() aria-setsize=setsize.clone()>
                            <ProductCard product=product eager=i < EAGER_CARDS />
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        });
        (cards, true)
    };
    #[cfg(target_arch = "wasm32")]
    let (static_cards, is_static) = ((), false);

    view! {
        <ul
            class="vgrid"
            class:vgrid-static=is_static
            role="list"
            node_ref=el
            aria-label=tr(Key::ProductsList)
            on:focusin=move |ev| {
                if let Some(i) = index_of(ev.target()) {
                    let cols = ctl.layout.with_value(|l| l.cols).max(1);
                    ctl.focus_row.set_value(Some(i / cols));
                }
            }
            on:focusout=move |ev: ev::FocusEvent| {
                let inside = ev
                    .related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .zip(el.get_untracked())
                    .is_some_and(|(t, ul)| ul.contains(Some(&t)));
                if !inside {
                    ctl.focus_row.set_value(None);
                }
            }
            on:click=move |ev| {
                if let Some(i) = index_of(ev.target()) {
                    on_open.run(i);
                }
            }
        >{static_cards}</ul>
    }
}
