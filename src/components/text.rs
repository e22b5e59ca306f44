//! Reactive text helpers. Each returns the same closure type for every call, so the many
//! labels of a page share one compiled rendering path (a smaller wasm than one closure
//! per label).

use storefront_api_types::LocalizedText;

use crate::i18n::Key;
use crate::state::use_locale;

/// A fixed string in the current language (text or attribute value).
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || locale.t(key)
}

/// A catalogue text in the current language (text or attribute value).
pub fn loc(text: LocalizedText) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let locale = use_locale();
    move || text.get(locale.lang()).to_owned()
}
