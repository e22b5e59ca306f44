//! The box's state ([`Model`]) and its controller ([`Ctl`]): what is drawn, the status
//! line, and the fetch of suggestions.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use leptos::prelude::GetUntracked;
use storefront_api_types::{Lang, SearchSuggestions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use super::logic::{build_choices, removable, sections, Choice, ListState};
use super::render::*;
use super::{DEBOUNCE_MS, STATUS_DELAY_MS};
use crate::api::ApiClient;
use crate::i18n::Key;
use crate::state::Locale;

/// The suggestions on screen, for the text they were asked for.
#[derive(Default)]
pub(super) enum Answer {
    #[default]
    Nothing,
    Ready(String, SearchSuggestions),
    Failed(String),
}

/// The box's state. Never borrowed across a call that can run another handler (focus,
/// blur, navigation): handlers take what they need and let go first.
pub(super) struct Model {
    pub(super) nav: ListState,
    pub(super) recent: Vec<String>,
    pub(super) answer: Answer,
    pub(super) choices: Vec<Choice>,
    /// Bumped whenever the recent searches or the answer change.
    pub(super) generation: u32,
    /// What the list on screen was drawn from: (generation, empty box, language).
    pub(super) drawn: Option<(u32, bool, Lang)>,
    /// The text of the request in flight.
    pub(super) asked: Option<String>,
    pub(super) seq: u32,
    pub(super) debounce: Option<Timeout>,
    pub(super) controller: Option<web_sys::AbortController>,
    pub(super) status_timer: Option<Timeout>,
    pub(super) status: String,
    pub(super) focus_timer: Option<Timeout>,
    pub(super) composing: bool,
    pub(super) popular: Option<SearchSuggestions>,
}

/// What the box's handlers share.
pub(super) struct Inner {
    pub(super) id: &'static str,
    pub(super) locale: Locale,
    pub(super) api: ApiClient,
    pub(super) go: Box<dyn Fn(&str)>,
    pub(super) m: RefCell<Model>,
}

/// The box's controller: every handler holds one.
#[derive(Clone)]
pub(super) struct Ctl(pub(super) Rc<Inner>);

impl Ctl {
    pub(super) fn list_id(&self) -> String {
        format!("{}-list", self.0.id)
    }

    pub(super) fn option_id(&self, i: usize) -> String {
        format!("{}-list-{i}", self.0.id)
    }

    pub(super) fn el(&self, suffix: &str) -> Option<Element> {
        document()?.get_element_by_id(&format!("{}{suffix}", self.0.id))
    }

    pub(super) fn input(&self) -> Option<HtmlInputElement> {
        self.el("")?.dyn_into().ok()
    }

    pub(super) fn value(&self) -> String {
        self.input().map(|i| i.value()).unwrap_or_default()
    }

    pub(super) fn lang(&self) -> Lang {
        self.0.locale.0.get_untracked()
    }

    /// Runs `f` on the state, unless a handler further up the stack holds it.
    pub(super) fn with<R>(&self, f: impl FnOnce(&mut Model) -> R) -> Option<R> {
        self.0.m.try_borrow_mut().ok().map(|mut m| f(&mut m))
    }

    /// Rebuilds the options from the recent searches and the latest answer, and draws them.
    /// Unchanged options are not redrawn (and keep their active one).
    pub(super) fn refresh(&self) {
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

    pub(super) fn draw(&self, choices: &[Choice], q: &str, note: bool, has_recent: bool) {
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
    pub(super) fn draw_nav(&self) {
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
    pub(super) fn status_later(&self) {
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
    pub(super) fn say(&self, msg: &str) {
        if let Some(el) = self.el("-status") {
            el.set_text_content(Some(msg));
        }
    }

    /// Says `msg` at once, instead of any count on its way.
    pub(super) fn announce(&self, msg: &str) {
        self.with(|m| {
            m.status_timer = None;
            m.status = msg.to_owned();
        });
        self.say(msg);
    }

    /// The box's text changed: show the list and ask again after the debounce.
    pub(super) fn typed(&self) {
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
    pub(super) fn ensure(&self) {
        let q = self.value().trim().to_owned();
        let fresh = self.with(|m| {
            m.asked.as_ref() == Some(&q) || matches!(&m.answer, Answer::Ready(aq, _) if *aq == q)
        });
        if fresh == Some(false) {
            self.fetch();
        }
    }

    /// Asks now, aborting the request in flight; only the latest answer is shown.
    pub(super) fn fetch(&self) {
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
}
