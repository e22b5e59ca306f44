//! The strings of the recommendation shelves: they load with the `recommend` module.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    RKey, rt(crate::state::use_locale);
    RelatedProducts => "猜你喜欢", "You may also like";
    RecentlyViewed => "最近浏览", "Recently viewed";
    AlsoViewed => "看过的顾客还看了", "Shoppers also viewed";
    ForYou => "为你推荐", "For you";
    ForYouDevice => "根据你在本设备上的浏览和心愿单，以及近期热门商品推荐。这些记录只保存在本设备上。", "From what you viewed and saved on this device, and what is popular now. That history stays on this device.";
    ForYouPersonal => "根据你在本店的浏览记录推荐（你已同意个性化推荐）。", "From your history with us (you agreed to personalisation).";
    ChangeChoice => "更改隐私选择", "Change privacy choices";
    BecauseViewed => "因为你看过", "Because you viewed";
    ViewedWith => "常与此一起浏览：", "Often viewed with";
    Popular => "近期热门", "Popular now";
}
