//! The wishlist page's strings: they load with the `wishlist` module.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    WKey, wt(crate::state::use_locale);
    WishlistEmptyTitle => "心愿单还是空的", "Your wishlist is empty";
    WishlistEmptyText => "点一下商品上的 ♡ 即可收藏，方便之后再看，或到门店试穿。", "Tap the heart on any product to save it here for later, or to try it on in store.";
    WishlistBrowse => "去逛逛", "Start shopping";
    Remove => "移除", "Remove";
}
