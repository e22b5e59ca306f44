//! Wishlist controls: the heart toggle (cards and product page), the header link with
//! its count, and the notice shown when the browser cannot keep the wishlist.

use leptos::prelude::*;
use storefront_api_types::{Lang, LocalizedText};

use crate::components::text::tr;
use crate::i18n::{item_count, Key};
use crate::routes::AppRoute;
use crate::state::{use_locale, use_wishlist, Wishlist};

/// A string of `key` with its `{}` replaced by `name`.
pub fn named(key: Key, lang: Lang, name: &str) -> String {
    key.get(lang).replacen("{}", name, 1)
}

/// "Wishlist, 3 items" / "心愿单，共 3 件商品".
pub fn wishlist_label(lang: Lang, n: usize) -> String {
    let sep = match lang {
        Lang::ZhCn => "，",
        Lang::En => ", ",
    };
    format!(
        "{}{sep}{}",
        Key::Wishlist.get(lang),
        item_count(lang, n as u64)
    )
}

/// A heart outline, filled when `filled`.
#[component]
pub fn IconHeart(
    /// Filled (saved).
    #[prop(into)]
    filled: Signal<bool>,
) -> impl IntoView {
    view! {
        <svg class="icon icon-heart" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path
                d="M12 20.3l-1.2-1.1C6.2 15 3.2 12.3 3.2 8.9 3.2 6.2 5.3 4 8 4c1.5 0 3 .7 4 1.9C13 4.7 14.5 4 16 4c2.7 0 4.8 2.2 4.8 4.9 0 3.4-3 6.1-7.6 10.3z"
                fill=move || if filled.get() { "currentColor" } else { "none" }
                stroke="currentColor"
                stroke-width="2"
                stroke-linejoin="round"
            ></path>
        </svg>
    }
}

/// The heart on a product card: an icon button named "Add X to wishlist" /
/// "Remove X from wishlist", `aria-pressed` when saved.
#[component]
pub fn WishlistButton(
    /// Product id.
    #[prop(into)]
    id: String,
    /// Product name (for the label).
    name: LocalizedText,
    /// Extra class.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let wishlist = use_wishlist();
    let saved = saved_signal(wishlist, &id);
    view! {
        <button
            type="button"
            class=format!("wish-button {class}")
            aria-pressed=move || saved.get().to_string()
            aria-label=move || {
                let key = if saved.get() { Key::WishlistRemoveNamed } else { Key::WishlistAddNamed };
                named(key, locale.lang(), name.get(locale.lang()))
            }
            on:click=move |_| {
                wishlist.toggle(&id);
            }
        >
            <IconHeart filled=saved />
        </button>
    }
}

/// Whether `id` is in the wishlist (tracked).
fn saved_signal(wishlist: Wishlist, id: &str) -> Signal<bool> {
    let id = id.to_owned();
    Signal::derive(move || wishlist.contains(&id))
}

/// The product page's wishlist toggle: heart and visible text, `aria-pressed` when saved.
#[component]
pub fn WishlistToggle(
    /// Product id.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let locale = use_locale();
    let wishlist = use_wishlist();
    let saved = saved_signal(wishlist, &id);
    view! {
        <button
            type="button"
            class="btn btn-secondary wish-toggle"
            aria-pressed=move || saved.get().to_string()
            on:click=move |_| {
                wishlist.toggle(&id);
            }
        >
            <IconHeart filled=saved />
            <span>{move || locale.t(if saved.get() { Key::WishlistSaved } else { Key::WishlistAdd })}</span>
        </button>
    }
}

/// The header link to the wishlist, with the count as a badge.
#[component]
pub fn WishlistLink() -> impl IntoView {
    let locale = use_locale();
    let wishlist = use_wishlist();
    let count = Memo::new(move |_| wishlist.count());
    view! {
        <a
            href=AppRoute::Wishlist.to_href()
            class="wishlist-link"
            aria-label=move || wishlist_label(locale.lang(), count.get())
        >
            <IconHeart filled=Signal::derive(move || count.get() > 0) />
            {move || {
                let n = count.get();
                (n > 0).then(|| view! { <span class="wishlist-count" aria-hidden="true">{n.to_string()}</span> })
            }}
        </a>
    }
}

/// A polite notice when the wishlist cannot be kept on this device. The live region is
/// always present so the notice is announced when it appears.
#[component]
pub fn WishlistNotice() -> impl IntoView {
    let wishlist = use_wishlist();
    view! {
        <div class="wish-notice-region" role="status">
            {move || (!wishlist.kept()).then(|| view! { <p class="wish-notice">{tr(Key::WishlistNotKept)}</p> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_product_and_count() {
        assert_eq!(
            named(Key::WishlistAddNamed, Lang::En, "Blazer"),
            "Add Blazer to wishlist"
        );
        assert_eq!(
            named(Key::WishlistRemoveNamed, Lang::ZhCn, "外套"),
            "从心愿单移除“外套”"
        );
        assert_eq!(wishlist_label(Lang::En, 3), "Wishlist, 3 items");
        assert_eq!(wishlist_label(Lang::En, 1), "Wishlist, 1 item");
        assert_eq!(wishlist_label(Lang::ZhCn, 0), "心愿单，共 0 件商品");
    }
}
