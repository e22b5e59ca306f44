//! "2 of your coupons apply to this product" on a product page (signed-in members only).

use leptos::prelude::*;
use storefront_api_types::Lang;

use crate::components::text::by_lang;
use crate::routes::AppRoute;
use crate::state::use_api;

/// "2 of your coupons apply to this product" on a product page (signed-in members only).
#[component]
pub fn CouponHint(
    /// The product shown.
    product_id: String,
) -> impl IntoView {
    let api = use_api();
    let found = RwSignal::new(0usize);
    leptos::task::spawn_local(async move {
        if let Ok(list) = api.applicable_coupons(&product_id).await {
            found.try_set(list.data.len());
        }
    });
    move || {
        let n = found.get();
        (n > 0).then(|| view! {
            <p class="coupon-hint">
                <a href=AppRoute::Wallet.to_href()>{by_lang(move |lang| coupons_apply(lang, n))}</a>
            </p>
        })
    }
}

/// "2 of your coupons apply to this product".
fn coupons_apply(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::ZhCn, _) => format!("{n} 张你的优惠券可用于此商品"),
        (Lang::En, 1) => "1 of your coupons applies to this product".to_owned(),
        (Lang::En, _) => format!("{n} of your coupons apply to this product"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coupon_hint_text() {
        assert_eq!(
            coupons_apply(Lang::En, 1),
            "1 of your coupons applies to this product"
        );
        assert_eq!(
            coupons_apply(Lang::En, 2),
            "2 of your coupons apply to this product"
        );
        assert_eq!(coupons_apply(Lang::ZhCn, 2), "2 张你的优惠券可用于此商品");
    }
}
