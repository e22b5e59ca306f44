//! The header search box: a WAI-ARIA 1.2 combobox (`input role=combobox`) with a grouped
//! listbox popup of recent and popular searches, categories and products, fetched from
//! `GET /v1/search/suggest` while the shopper types.
//!
//! Typing waits [`DEBOUNCE_MS`] before asking; a new request aborts the one in flight and a
//! sequence number drops any answer that is not the latest. Nothing is asked while an IME
//! composes (Chinese pinyin input): the text is taken at `compositionend`. The rules
//! (recent list, highlight, option model, keys) live in [`crate::logic::search`].
//!
//! Size: the wasm budget is tight, so the popup's rows are built with plain DOM calls in one
//! render function and every click is handled by one delegated listener; generic `view!`
//! code per row type and per reactive attribute cost several times more.

use std::cell::RefCell;
use std::rc::Rc;

use crate::router::{use_navigate, NavigateOptions};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use storefront_api_types::{Lang, Money, SearchSuggestions};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

use crate::api::ApiClient;
use crate::app::MAIN_ID;
use crate::components::icons::IconSearch;
use crate::dom::focus_by_id;
use crate::i18n::Key;
use crate::logic::money::{format_money, saving};
use crate::logic::search::{
    build_choices, highlight, push_recent, removable, remove_recent, sanitize_recent, sections,
    Action, Choice, Group, ListState, NavKey, Target,
};
use crate::routes::AppRoute;
use crate::state::{use_api, use_app_route, use_locale, Locale};
use crate::storage;

/// Wait after a keystroke before asking for suggestions.
pub const DEBOUNCE_MS: u32 = 60;
/// Wait before the live region reads the number of suggestions (so it does not chatter).
pub const STATUS_DELAY_MS: u32 = 700;

thread_local! {
    /// Recent searches kept for the session when the device refuses to store them.
    static SESSION_RECENT: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// The recent searches on this device, newest first.
pub fn recent_searches() -> Vec<String> {
    SESSION_RECENT.with_borrow(Clone::clone).unwrap_or_else(|| {
        sanitize_recent(storage::read_json(storage::keys::RECENT_SEARCHES).unwrap_or_default())
    })
}

/// Keeps `list` on the device, or in memory for the session when storage fails.
fn keep_recent(list: &[String]) {
    let saved = if list.is_empty() {
        storage::remove(storage::keys::RECENT_SEARCHES)
    } else {
        storage::write_json(storage::keys::RECENT_SEARCHES, list)
    };
    SESSION_RECENT.with_borrow_mut(|s| *s = saved.is_err().then(|| list.to_vec()));
}

/// Adds a submitted search to the recent searches (trimmed; empty text is ignored).
pub fn remember_search(q: &str) {
    let mut list = recent_searches();
    if push_recent(&mut list, q) {
        keep_recent(&list);
    }
}

/// The suggestions on screen, for the text they were asked for.
#[derive(Default)]
enum Answer {
    #[default]
    Nothing,
    Ready(String, SearchSuggestions),
    Failed(String),
}

/// The box's state. Never borrowed across a call that can run another handler (focus,
/// blur, navigation): handlers take what they need and let go first.
struct Model {
    nav: ListState,
    recent: Vec<String>,
    answer: Answer,
    choices: Vec<Choice>,
    /// Bumped whenever the recent searches or the answer change.
    generation: u32,
    /// What the list on screen was drawn from: (generation, empty box, language).
    drawn: Option<(u32, bool, Lang)>,
    /// The text of the request in flight.
    asked: Option<String>,
    seq: u32,
    debounce: Option<Timeout>,
    controller: Option<web_sys::AbortController>,
    status_timer: Option<Timeout>,
    status: String,
    focus_timer: Option<Timeout>,
    composing: bool,
    popular: Option<SearchSuggestions>,
}

struct Inner {
    id: &'static str,
    locale: Locale,
    api: ApiClient,
    go: Box<dyn Fn(&str)>,
    m: RefCell<Model>,
}

#[derive(Clone)]
struct Ctl(Rc<Inner>);

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// A new element with a class and attributes.
fn make(doc: &Document, tag: &str, class: &str, attrs: &[(&str, &str)]) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    for (k, v) in attrs {
        el.set_attribute(k, v).ok()?;
    }
    Some(el)
}

fn set_hidden(el: &Element, hidden: bool) {
    let _ = el.toggle_attribute_with_force("hidden", hidden);
}

/// Appends `text` with the parts matching `q` in `<mark>`.
fn append_marked(doc: &Document, parent: &Element, text: &str, q: &str) {
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
fn append_price(doc: &Document, parent: &Element, price: Money, was: Option<Money>, lang: Lang) {
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

fn group_key(group: Group) -> (Key, &'static str) {
    match group {
        Group::Recent => (Key::RecentSearches, "recent"),
        Group::Popular => (Key::PopularSearches, "popular"),
        Group::Categories => (Key::SuggestCategories, "categories"),
        Group::Products => (Key::SuggestProducts, "products"),
    }
}

/// One option row (and, for a recent search, its remove button) appended to `group`.
fn append_option(
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

impl Ctl {
    fn list_id(&self) -> String {
        format!("{}-list", self.0.id)
    }

    fn option_id(&self, i: usize) -> String {
        format!("{}-list-{i}", self.0.id)
    }

    fn el(&self, suffix: &str) -> Option<Element> {
        document()?.get_element_by_id(&format!("{}{suffix}", self.0.id))
    }

    fn input(&self) -> Option<HtmlInputElement> {
        self.el("")?.dyn_into().ok()
    }

    fn value(&self) -> String {
        self.input().map(|i| i.value()).unwrap_or_default()
    }

    fn lang(&self) -> Lang {
        self.0.locale.0.get_untracked()
    }

    /// Runs `f` on the state, unless a handler further up the stack holds it.
    fn with<R>(&self, f: impl FnOnce(&mut Model) -> R) -> Option<R> {
        self.0.m.try_borrow_mut().ok().map(|mut m| f(&mut m))
    }

    /// Rebuilds the options from the recent searches and the latest answer, and draws them.
    /// Unchanged options are not redrawn (and keep their active one).
    fn refresh(&self) {
        let typed_empty = self.value().trim().is_empty();
        let lang = self.lang();
        let changed = self.with(|m| {
            let drawn = Some((m.generation, typed_empty, lang));
            if drawn == m.drawn {
                return None;
            }
            m.drawn = drawn;
            let ready = match &m.answer {
                Answer::Ready(_, s) => Some(s),
                _ => None,
            };
            m.choices = build_choices(typed_empty, &m.recent, ready);
            let note = matches!(&m.answer, Answer::Failed(q) if q.is_empty() == typed_empty);
            let q = match &m.answer {
                Answer::Ready(q, _) | Answer::Failed(q) if !typed_empty => q.clone(),
                _ => String::new(),
            };
            m.nav
                .set_options(m.choices.len(), removable(&m.choices), note);
            Some((
                m.choices.clone(),
                q,
                note,
                typed_empty && !m.recent.is_empty(),
            ))
        });
        if let Some(Some((choices, q, note, has_recent))) = changed {
            self.draw(&choices, &q, note, has_recent);
        }
        self.draw_nav();
        self.status_later();
    }

    fn draw(&self, choices: &[Choice], q: &str, note: bool, has_recent: bool) {
        let (Some(doc), Some(list)) = (document(), self.el("-list")) else {
            return;
        };
        let lang = self.lang();
        list.set_text_content(None);
        for (group, range) in sections(choices) {
            let (key, slug) = group_key(group);
            let head_id = format!("{}-list-{slug}", self.0.id);
            let (Some(ul), Some(head)) = (
                make(
                    &doc,
                    "ul",
                    "sb-group",
                    &[("role", "group"), ("aria-labelledby", &head_id)],
                ),
                make(
                    &doc,
                    "li",
                    "sb-head",
                    &[("role", "presentation"), ("id", &head_id)],
                ),
            ) else {
                return;
            };
            head.set_text_content(Some(key.get(lang)));
            let _ = ul.append_child(&head);
            for i in range {
                append_option(&doc, &ul, &self.option_id(i), i, &choices[i], q, lang);
            }
            let _ = list.append_child(&ul);
        }
        let _ = list.set_attribute("data-query", q);
        set_hidden(&list, choices.is_empty());
        if let Some(el) = self.el("-note") {
            set_hidden(&el, !note);
        }
        if let Some(el) = self.el("-clear") {
            set_hidden(&el, !has_recent);
        }
    }

    /// `aria-expanded`, `aria-activedescendant`, `aria-selected` and the popup's visibility.
    fn draw_nav(&self) {
        let Some(nav) = self.with(|m| m.nav) else {
            return;
        };
        let active = nav.active();
        if let Some(input) = self.el("") {
            let _ = input.set_attribute("aria-expanded", &nav.expanded().to_string());
            let _ = match active {
                Some(i) => input.set_attribute("aria-activedescendant", &self.option_id(i)),
                None => input.remove_attribute("aria-activedescendant"),
            };
        }
        if let Some(popup) = self.el("-popup") {
            set_hidden(&popup, !nav.expanded());
        }
        for i in 0..nav.len {
            if let Some(option) = self.el(&format!("-list-{i}")) {
                let _ = option.set_attribute("aria-selected", &(active == Some(i)).to_string());
            }
        }
    }

    /// The live region's sentence, said once typing pauses and only when it changes.
    fn status_later(&self) {
        let lang = self.lang();
        let typed = self.value().trim().to_owned();
        let msg = self.with(|m| {
            if !m.nav.open {
                return String::new();
            }
            match m.choices.len() {
                0 if m.nav.note => Key::SuggestUnavailable.get(lang).to_owned(),
                0 if !typed.is_empty()
                    && matches!(&m.answer, Answer::Ready(q, _) if *q == typed) =>
                {
                    Key::NoSuggestions.get(lang).to_owned()
                }
                0 => String::new(),
                1 => Key::SuggestionsOne.get(lang).to_owned(),
                n => Key::SuggestionsMany
                    .get(lang)
                    .replace("{n}", &n.to_string()),
            }
        });
        let Some(msg) = msg else {
            return;
        };
        let ctl = self.clone();
        self.with(|m| {
            if m.status != msg {
                m.status.clone_from(&msg);
                m.status_timer = Some(Timeout::new(STATUS_DELAY_MS, move || ctl.say(&msg)));
            }
        });
    }

    /// Puts `msg` in the live region now.
    fn say(&self, msg: &str) {
        if let Some(el) = self.el("-status") {
            el.set_text_content(Some(msg));
        }
    }

    /// Says `msg` at once, instead of any count on its way.
    fn announce(&self, msg: &str) {
        self.with(|m| {
            m.status_timer = None;
            m.status = msg.to_owned();
        });
        self.say(msg);
    }

    /// The box's text changed: show the list and ask again after the debounce.
    fn typed(&self) {
        let ctl = self.clone();
        let timer = Timeout::new(DEBOUNCE_MS, move || ctl.fetch());
        // replacing the timer drops (cancels) the previous one
        self.with(|m| {
            m.nav.typed();
            m.debounce = Some(timer);
        });
        // the list now answers an empty box or a typed one: redraw if that changed
        self.refresh();
    }

    /// Asks for suggestions for the current text unless the list already has them.
    fn ensure(&self) {
        let q = self.value().trim().to_owned();
        let fresh = self.with(|m| {
            m.asked.as_ref() == Some(&q) || matches!(&m.answer, Answer::Ready(aq, _) if *aq == q)
        });
        if fresh == Some(false) {
            self.fetch();
        }
    }

    /// Asks now, aborting the request in flight; only the latest answer is shown.
    fn fetch(&self) {
        let q = self.value().trim().to_owned();
        let controller = web_sys::AbortController::new().ok();
        let cached = self.with(|m| {
            if let Some(c) = m.controller.take() {
                c.abort();
            }
            m.seq = m.seq.wrapping_add(1);
            m.controller.clone_from(&controller);
            match (q.is_empty(), &m.popular) {
                (true, Some(p)) => {
                    m.asked = None;
                    m.generation = m.generation.wrapping_add(1);
                    m.answer = Answer::Ready(String::new(), p.clone());
                    true
                }
                _ => {
                    m.asked = Some(q.clone());
                    false
                }
            }
        });
        match cached {
            Some(true) => return self.refresh(),
            None => return,
            Some(false) => {}
        }
        let Some(seq) = self.with(|m| m.seq) else {
            return;
        };
        let ctl = self.clone();
        leptos::task::spawn_local(async move {
            let result = ctl.0.api.suggest(&q, controller).await;
            let latest = ctl.with(|m| {
                if m.seq != seq {
                    return false;
                }
                m.controller = None;
                m.asked = None;
                m.generation = m.generation.wrapping_add(1);
                m.answer = match result {
                    Ok(s) => {
                        if q.is_empty() {
                            m.popular = Some(s.clone());
                        }
                        Answer::Ready(q, s)
                    }
                    Err(_) => Answer::Failed(q),
                };
                true
            });
            if latest == Some(true) {
                ctl.refresh();
            }
        });
    }

    /// Focus or click in the box: show the list with fresh recent searches.
    fn show(&self) {
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

    fn close(&self) {
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
    fn leave(&self) {
        self.close();
        if let Some(input) = self.input() {
            let _ = input.blur();
        }
        focus_by_id(MAIN_ID);
    }

    fn go(&self, route: AppRoute) {
        (self.0.go)(&route.to_href());
        self.leave();
    }

    fn search(&self, q: &str) {
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
    fn choose(&self, i: usize) {
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
    fn remove(&self, i: usize) {
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

    fn clear_recent(&self) {
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
    fn reveal(&self) {
        let Some(Some(i)) = self.with(|m| m.nav.active()) else {
            return;
        };
        if let Some(el) = self.el(&format!("-list-{i}")) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    }

    fn on_key(&self, ev: &web_sys::KeyboardEvent) {
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
    fn on_click(&self, ev: &web_sys::MouseEvent) {
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
    fn on_focusout(&self, ev: &web_sys::FocusEvent) {
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
    fn on_route(&self, route: AppRoute, was_empty_search: Option<bool>) -> bool {
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

/// Text of `key` in the current language (the closure type every fixed label shares).
fn tr(locale: Locale, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    crate::components::text::tr_in(locale, key)
}

/// The site search as a combobox: type to see suggestions, Enter or the button to search.
///
/// Element ids derive from `id` (the input's): `{id}-list` (the listbox), `{id}-list-{n}`
/// (the options), `{id}-popup`, `{id}-hint`, `{id}-status`.
#[component]
pub fn SearchBox(
    /// Id of the input (unique per page).
    id: &'static str,
    /// Extra class of the form.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let route = use_app_route();
    let navigate = use_navigate();
    let ctl = Ctl(Rc::new(Inner {
        id,
        locale,
        api: use_api(),
        go: Box::new(move |href: &str| navigate(href, NavigateOptions::default())),
        m: RefCell::new(Model {
            nav: ListState::default(),
            recent: recent_searches(),
            answer: Answer::Nothing,
            choices: Vec::new(),
            generation: 0,
            drawn: None,
            asked: None,
            seq: 0,
            debounce: None,
            controller: None,
            status_timer: None,
            status: String::new(),
            focus_timer: None,
            composing: false,
            popular: None,
        }),
    }));

    let c = ctl.clone();
    Effect::new(move |prev: Option<bool>| c.on_route(route.get(), prev));
    let c = ctl.clone();
    Effect::new(move |_| {
        locale.0.track();
        c.refresh();
    });

    let list_id = ctl.list_id();
    let (c1, c2, c3, c4, c5, c6, c7) = (
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
    );
    view! {
        <form
            id=format!("{id}-form")
            role="search"
            class=format!("search-form search-box {class}")
            on:submit=move |ev| {
                ev.prevent_default();
                c1.search(&c1.value());
            }
            on:focusout=move |ev| c2.on_focusout(&ev)
            on:click=move |ev| c3.on_click(&ev)
        >
            <label for=id class="sr-only">{tr(locale, Key::SearchLabel)}</label>
            <input
                id=id
                type="search"
                name="q"
                class="search-input"
                role="combobox"
                aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-expanded="false"
                aria-describedby=format!("{id}-hint")
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder=tr(locale, Key::SearchPlaceholder)
                on:input=move |_| {
                    if c4.with(|m| m.composing) == Some(false) {
                        c4.typed();
                    }
                }
                on:compositionstart=move |_| {
                    c5.with(|m| m.composing = true);
                }
                on:compositionend=move |_| {
                    c6.with(|m| m.composing = false);
                    c6.typed();
                }
                on:keydown=move |ev| c7.on_key(&ev)
                on:focus=move |_| ctl.show()
            />
            <button type="submit" class="search-button">
                <IconSearch />
                <span class="sr-only">{tr(locale, Key::SearchButton)}</span>
            </button>
            // mousedown would move focus out of the box and close the list before the click
            <div id=format!("{id}-popup") class="sb-popup" hidden on:mousedown=|ev| ev.prevent_default()>
                // options are drawn by `Ctl::draw`
                <div
                    id=list_id
                    role="listbox"
                    class="sb-list"
                    aria-label=tr(locale, Key::SuggestListLabel)
                    data-query=""
                    hidden
                ></div>
                <p id=format!("{id}-note") class="sb-note" hidden>{tr(locale, Key::SuggestUnavailable)}</p>
                <button
                    id=format!("{id}-clear")
                    type="button"
                    class="sb-clear"
                    aria-label=tr(locale, Key::ClearRecentLabel)
                    hidden
                >
                    {tr(locale, Key::ClearRecent)}
                </button>
            </div>
            <span id=format!("{id}-hint") hidden>{tr(locale, Key::SuggestHint)}</span>
            <div id=format!("{id}-status") role="status" class="sr-only"></div>
        </form>
    }
}
