//! What the box does on the shopper's keys, clicks, focus moves and route changes.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::ctl::Ctl;
use super::logic::{remove_recent, Action, Choice, NavKey, Target};
use super::{keep_recent, recent_searches, remember_search};
use crate::dom::{focus_by_id, MAIN_ID};
use crate::i18n::Key;
use crate::routes::AppRoute;

impl Ctl {
    /// Focus or click in the box: show the list with fresh recent searches.
    pub(super) fn show(&self) {
        let recent = recent_searches();
        self.with(|m| {
            if m.recent != recent {
                m.recent = recent;
                m.generation = m.generation.wrapping_add(1);
            }
            m.nav.show();
        });
        self.refresh();
        self.ensure();
    }

    pub(super) fn close(&self) {
        let was_open = self.with(|m| {
            let open = m.nav.open;
            m.nav.close();
            open
        });
        if was_open == Some(true) {
            self.draw_nav();
            self.status_later();
        }
    }

    /// After choosing: the list closes and focus goes to the new content (which also
    /// hides a phone's keyboard).
    pub(super) fn leave(&self) {
        self.close();
        if let Some(input) = self.input() {
            let _ = input.blur();
        }
        focus_by_id(MAIN_ID);
    }

    pub(super) fn go(&self, route: AppRoute) {
        (self.0.go)(&route.to_href());
        self.leave();
    }

    pub(super) fn search(&self, q: &str) {
        let q = q.trim().to_owned();
        remember_search(&q);
        let recent = recent_searches();
        self.with(|m| {
            m.recent = recent;
            m.generation = m.generation.wrapping_add(1);
        });
        if let Some(input) = self.input() {
            input.set_value(&q);
        }
        self.go(AppRoute::search(q));
    }

    /// Opens option `i`.
    pub(super) fn choose(&self, i: usize) {
        let Some(Some(target)) = self.with(|m| m.choices.get(i).map(Choice::target)) else {
            return;
        };
        match target {
            Target::Search(q) => self.search(&q),
            Target::Category(slug) => self.go(AppRoute::category(slug)),
            Target::Product(slug) => self.go(AppRoute::product(slug)),
        }
    }

    /// Removes recent search `i`; the rows below move up and the active row stays put.
    pub(super) fn remove(&self, i: usize) {
        let Some(Some(q)) = self.with(|m| match m.choices.get(i) {
            Some(Choice::Recent(q)) => Some(q.clone()),
            _ => None,
        }) else {
            return;
        };
        let mut list = recent_searches();
        remove_recent(&mut list, &q);
        keep_recent(&list);
        let active = self.with(|m| {
            m.nav.removed(i);
            m.recent.clone_from(&list);
            m.generation = m.generation.wrapping_add(1);
            m.nav.active
        });
        self.refresh();
        self.with(|m| m.nav.active = active.flatten().filter(|&a| a < m.nav.len));
        self.draw_nav();
        self.announce(&Key::RecentRemoved.get(self.lang()).replace("{q}", &q));
    }

    pub(super) fn clear_recent(&self) {
        keep_recent(&[]);
        self.with(|m| {
            m.recent.clear();
            m.generation = m.generation.wrapping_add(1);
        });
        self.refresh();
        self.announce(Key::RecentCleared.get(self.lang()));
        if let Some(input) = self.input() {
            let _ = input.focus();
        }
    }

    /// Scrolls the active option into view inside the list.
    pub(super) fn reveal(&self) {
        let Some(Some(i)) = self.with(|m| m.nav.active()) else {
            return;
        };
        if let Some(el) = self.el(&format!("-list-{i}")) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    }

    pub(super) fn on_key(&self, ev: &web_sys::KeyboardEvent) {
        if ev.is_composing()
            || ev.key_code() == 229
            || ev.alt_key()
            || ev.ctrl_key()
            || ev.meta_key()
            || self.with(|m| m.composing) != Some(false)
        {
            return;
        }
        let key = NavKey::from_name(&ev.key());
        if key == NavKey::Other {
            return;
        }
        let text_empty = self.value().is_empty();
        let Some(action) = self.with(|m| m.nav.key(key, text_empty)) else {
            return;
        };
        if action != Action::Ignore {
            ev.prevent_default();
        }
        self.draw_nav();
        match action {
            Action::Ignore | Action::Close => {}
            Action::Moved => {
                self.ensure();
                self.reveal();
            }
            Action::Choose(i) => self.choose(i),
            Action::Submit => self.search(&self.value()),
            Action::Clear => {
                if let Some(input) = self.input() {
                    input.set_value("");
                }
                self.refresh();
                self.ensure();
            }
            Action::Remove(i) => self.remove(i),
        }
        self.status_later();
    }

    /// Every click in the form: an option, a remove button, "Clear", or the box itself.
    pub(super) fn on_click(&self, ev: &web_sys::MouseEvent) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let index = |selector: &str, attr: &str| {
            target
                .closest(selector)
                .ok()
                .flatten()
                .and_then(|el| el.get_attribute(attr))
                .and_then(|i| i.parse::<usize>().ok())
        };
        if let Some(i) = index("[data-remove]", "data-remove") {
            self.remove(i);
        } else if let Some(i) = index("[role=option]", "data-i") {
            self.choose(i);
        } else if target.closest(".sb-clear").ok().flatten().is_some() {
            self.clear_recent();
        } else if target.id() == self.0.id {
            self.show();
        }
    }

    /// Focus left the form (Tab, a click elsewhere): close.
    pub(super) fn on_focusout(&self, ev: &web_sys::FocusEvent) {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(self.el("-form"))
            .is_some_and(|(node, form)| form.contains(Some(&node)));
        if !inside {
            self.close();
        }
    }

    /// The route changed: the box shows the search page's words and the list closes; the
    /// tab bar's Search tab (an empty search page) puts the cursor in the box.
    pub(super) fn on_route(&self, route: AppRoute, was_empty_search: Option<bool>) -> bool {
        let (q, empty_search) = match route {
            AppRoute::Search { q, .. } => {
                let empty = q.is_empty();
                (q, empty)
            }
            _ => (String::new(), false),
        };
        if let Some(input) = self.input() {
            if input.value() != q {
                input.set_value(&q);
            }
        }
        self.close();
        if empty_search && was_empty_search == Some(false) {
            let ctl = self.clone();
            let timer = Timeout::new(0, move || {
                if let Some(input) = ctl.input() {
                    let _ = input.focus();
                }
            });
            self.with(|m| m.focus_timer = Some(timer));
        }
        empty_search
    }
}
