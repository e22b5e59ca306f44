//! Reactive text helpers. Each returns the same closure type for every call, so the many
//! labels of a page share one compiled rendering path (a smaller wasm than one closure
//! per label).

use std::sync::Arc;

use storefront_api_types::{Lang, LocalizedText};

use crate::i18n::Key;
use crate::state::{use_locale, Locale};

/// A fixed string in the current language (text or attribute value).
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    tr_in(use_locale(), key)
}

/// [`tr`] with the locale at hand (the same closure type).
pub fn tr_in(locale: Locale, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || locale.t(key)
}

/// A catalogue text in the current language (text or attribute value).
pub fn loc(text: LocalizedText) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let locale = use_locale();
    move || text.get(locale.lang()).to_owned()
}

/// A text computed from the current language: `by_lang(move |lang| format_money(p, lang))`.
/// Every call returns the same closure type (the function is boxed), so all such texts
/// share one compiled rendering path.
pub fn by_lang(
    f: impl Fn(Lang) -> String + Send + Sync + 'static,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    lang_text(Arc::new(f))
}

fn lang_text(
    f: Arc<dyn Fn(Lang) -> String + Send + Sync>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let locale = use_locale();
    move || f(locale.lang())
}

/// What a `prop:textContent` binding shows, as the element's child where a server renders the
/// page (natively, `crate::first_screen`: a property is not HTML, so the words would be
/// missing from its copy); nothing in the browser, where the property alone sets them.
#[cfg(not(target_arch = "wasm32"))]
pub fn first_text<T: Into<String>>(text: &impl Fn() -> T) -> String {
    text().into()
}

/// What a `prop:textContent` binding shows, as the element's child where a server renders the
/// page; nothing in the browser, where the property alone sets them.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
pub fn first_text<T>(_text: &impl Fn() -> T) {}
