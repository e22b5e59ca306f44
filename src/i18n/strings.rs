//! Every fixed string of the UI, in both languages.

use storefront_api_types::Lang;

/// A table of UI strings: `strings! { Name; Key => "中文", "English"; ... }` makes the enum
/// `Name` with `Name::get(lang)` and a test that every key has both languages;
/// `strings! { Name, shown(use_locale); ... }` adds `shown(key)`, the closure showing a key in
/// the current language. The catalogue's strings are [`Key`]; a separately loaded
/// module keeps its own table (e.g. `crate::features::member::i18n::MKey`) so that its strings load
/// with it.
macro_rules! strings {
    // a feature's table, with `$shown(key)`: the closure that shows `key` in the language of
    // `$locale()` (the app's `use_locale`, named by the feature: strings know no state)
    ($name:ident, $shown:ident($locale:path); $($key:ident => $zh:expr, $en:expr;)*) => {
        strings! { $name; $($key => $zh, $en;)* }

        /// The closure that shows `key` in the current language.
        pub fn $shown(key: $name) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
            let locale = $locale();
            move || key.get(locale.lang())
        }
    };
    ($name:ident; $($key:ident => $zh:expr, $en:expr;)*) => {
        /// A fixed UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                #[allow(missing_docs)]
                $key,
            )*
        }

        impl $name {
            /// Every key (for the completeness test).
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            /// The string in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                // a table, indexed by the key (smaller in the wasm than a match)
                const TABLE: &[[&str; 2]] = &[$([$zh, $en]),*];
                let column = match lang {
                    Lang::ZhCn => 0,
                    Lang::En => 1,
                };
                TABLE.get(self as usize).map_or("", |row| row[column])
            }
        }

        #[cfg(test)]
        mod strings_complete {
            #[test]
            fn every_key_has_both_languages() {
                for key in super::$name::ALL {
                    assert!(!key.get(super::Lang::ZhCn).is_empty(), "{key:?} zh");
                    assert!(!key.get(super::Lang::En).is_empty(), "{key:?} en");
                }
            }
        }
    };
}

pub(crate) use strings;

strings! {
    Key;
    SkipToContent => "跳到主要内容", "Skip to main content";
    BrandTagline => "线上线下，一处尽享", "One shop, online and in store";
    SearchLabel => "搜索商品", "Search products";
    SearchPlaceholder => "搜索商品、品牌", "Search products and brands";
    SearchButton => "搜索", "Search";
    SwitchLanguage => "切换到中文", "Switch to English";
    LanguageButton => "中文", "EN";
    CategoriesNav => "商品分类", "Product categories";
    MainNav => "主导航", "Main navigation";
    NavHome => "首页", "Home";
    NavCategories => "分类", "Categories";
    NavSearch => "搜索", "Search";
    NavStores => "门店", "Stores";
    NavMe => "我的", "Me";
    NavMembership => "会员与优惠券", "Membership & coupons";
    CloseCategories => "关闭分类", "Close categories";
    Breadcrumbs => "面包屑导航", "Breadcrumb";
    HeroEyebrow => "2026 秋冬新季", "Autumn/Winter 2026";
    HeroStampTop => "秋冬", "AW";
    HeroStampBottom => "新季", "2026";
    HeroTitle => "线上线下，一处尽享", "One shop, online and in store";
    HeroText => "网上选购，门店试穿、自提和退换。秋冬新品已到店，轻松开启新季衣橱。", "Shop online, try on, collect and return in any store. The new season has arrived — refresh your wardrobe with ease.";
    HeroShop => "选购新品", "Shop new arrivals";
    HeroStores => "查找门店", "Find a store";
    FeaturedCategories => "热门分类", "Shop by category";
    NewArrivals => "新品上架", "New arrivals";
    SeeAll => "查看全部", "See all";
    Sale => "特惠", "Sale";
    OriginalPrice => "原价", "Was";
    CurrentPrice => "现价", "Now";
    SortLabel => "排序", "Sort by";
    SortRelevance => "综合排序", "Best match";
    SortNewest => "最新上架", "Newest";
    SortBestSelling => "销量优先", "Best selling";
    SortPriceAsc => "价格从低到高", "Price: low to high";
    SortPriceDesc => "价格从高到低", "Price: high to low";
    SortName => "按名称", "Name";
    LoadMore => "加载更多", "Load more";
    Loading => "正在加载…", "Loading…";
    NoProducts => "这个分类暂时没有商品。", "There are no products in this category yet.";
    CategoryNotFound => "找不到这个分类", "We can't find this category";
    ProductNotFound => "找不到这件商品", "We can't find this product";
    ProductNotFoundText => "它可能已经下架，或者链接有误。去看看其他新品吧。", "It may have been removed, or the link is wrong. Have a look at our new arrivals instead.";
    BackHome => "返回首页", "Back to the home page";
    NotFoundTitle => "页面走丢了", "We can't find that page";
    NotFoundText => "您要找的页面不存在或已被移动。", "The page you are looking for doesn't exist or has moved.";
    ErrNetworkTitle => "无法连接到商城", "We couldn't reach the shop";
    ErrNetworkText => "请检查网络连接，然后重试。", "Please check your internet connection and try again.";
    ErrTimeoutTitle => "加载时间太长了", "This is taking too long";
    ErrTimeoutText => "服务器暂时没有响应，请稍后重试。", "The server didn't answer in time. Please try again in a moment.";
    ErrNotFoundTitle => "找不到相关内容", "We couldn't find that";
    ErrNotFoundText => "请求的内容不存在或已被移除。", "What you asked for doesn't exist or has been removed.";
    ErrServerTitle => "服务暂时不可用", "The shop is having trouble";
    ErrServerText => "我们正在处理，请稍后重试。", "We're on it. Please try again in a moment.";
    ErrRequestTitle => "请求出错了", "Something went wrong with the request";
    ErrRequestText => "请重试；如果问题持续，请联系客服。", "Please try again. If it keeps happening, contact customer service.";
    ErrDecodeTitle => "收到了无法识别的数据", "We received data we couldn't read";
    ErrDecodeText => "这可能是版本不一致造成的，请刷新页面或稍后重试。", "The app may be out of date. Reload the page or try again later.";
    Retry => "重试", "Try again";
    Details => "详细信息", "Details";
    Gallery => "商品图片", "Product images";
    Unavailable => "（暂无此组合）", "(unavailable)";
    Description => "商品详情", "Details";
    Sku => "货号", "SKU";
    PickupNote => "可在门店试穿、自提与退换", "Try on, collect and return in store";
    StoresTitle => "门店", "Our stores";
    ClosedNow => "已打烊", "Closed now";
    OpenNow => "营业中", "Open now";
    SearchPrompt => "输入商品名称或品牌开始搜索。", "Type a product name or brand to start searching.";
    // listing & facets
    Filters => "筛选", "Filters";
    FiltersN => "筛选（{}）", "Filters ({})";
    FiltersTitle => "筛选商品", "Filter products";
    CloseFilters => "关闭筛选", "Close filters";
    ShowResults => "查看结果（{}）", "Show results ({})";
    ClearAll => "清除全部", "Clear all";
    ClearFilters => "清除筛选条件", "Clear filters";
    SelectedFilters => "已选条件", "Selected filters";
    RemoveFilter => "移除筛选条件：{}", "Remove filter: {}";
    ShowMore => "显示更多", "Show more";
    ShowFewer => "收起", "Show fewer";
    ProductsList => "商品列表", "Products";
    NoResultsFor => "没有找到与“{}”相关的商品", "No results for “{}”";
    NoResultsHint => "试试更短或更常用的词，或检查一下错别字。", "Try fewer or more general words, or check the spelling.";
    NoFilterResults => "没有符合筛选条件的商品", "No products match these filters";
    NoFilterResultsHint => "试试去掉一些筛选条件。", "Try removing some filters.";
    DidYouMean => "您是不是要找：", "Did you mean:";
    IncludingResultsFor => "已包含以下词语的搜索结果：", "Including results for:";
    RelatedCategories => "相关分类", "Related categories";
    BrowseCategories => "浏览分类", "Browse categories";
    FacetsError => "筛选条件暂时无法加载。", "Filters couldn't be loaded.";
    AllProducts => "全部商品", "All products";
    // search box
    SuggestListLabel => "搜索建议", "Search suggestions";
    RecentSearches => "最近搜索", "Recent searches";
    PopularSearches => "热门搜索", "Popular searches";
    SuggestCategories => "分类", "Categories";
    SuggestProducts => "商品", "Products";
    ClearRecent => "清除", "Clear";
    ClearRecentLabel => "清除最近搜索", "Clear recent searches";
    RemoveRecentLabel => "从最近搜索中删除“{q}”", "Remove “{q}” from recent searches";
    SuggestUnavailable => "暂时无法提供搜索建议", "Suggestions unavailable";
    SuggestionsOne => "有 1 条搜索建议", "1 suggestion available";
    SuggestionsMany => "有 {n} 条搜索建议", "{n} suggestions available";
    NoSuggestions => "没有搜索建议", "No suggestions";
    RecentCleared => "已清除最近搜索", "Recent searches cleared";
    RecentRemoved => "已删除“{q}”", "Removed “{q}”";
    SuggestHint => "按上下方向键选择建议，回车键打开，Delete 键删除最近搜索", "Use the up and down arrows to choose a suggestion, Enter to open it, Delete to remove a recent search";
    FooterAbout => "优品生活：线上商城与全国门店一体，网上下单、门店自提与退换。", "Youpin Living: one shop online and in our stores. Order online, collect and return in store.";
    FooterShop => "购物", "Shop";
    FooterHelp => "服务", "Help";
    FooterRights => "© 2026 优品生活 版权所有", "© 2026 Youpin Living. All rights reserved.";
    FooterCustomerService => "客服热线 400-820-0000", "Customer service 400-820-0000";
    // product & wishlist
    Wishlist => "心愿单", "Wishlist";
    WishlistAddNamed => "将“{}”加入心愿单", "Add {} to wishlist";
    WishlistRemoveNamed => "从心愿单移除“{}”", "Remove {} from wishlist";
    WishlistRemovedNamed => "已从心愿单移除“{}”", "Removed {} from your wishlist";
    WishlistAdd => "加入心愿单", "Add to wishlist";
    WishlistSaved => "已加入心愿单", "In your wishlist";
    WishlistNotKept => "这个浏览器不允许保存数据：心愿单只在本次浏览中有效，关闭页面后不会保留。", "This browser doesn't let us save data: your wishlist works for this visit but won't be kept after you leave.";
    Specifications => "规格参数", "Specifications";
    Share => "分享", "Share";
    LinkCopied => "链接已复制", "Link copied";
    CopyLinkManually => "复制下方链接即可分享", "Copy this link to share it";
    PrevImage => "上一张图片", "Previous image";
    NextImage => "下一张图片", "Next image";
    EnlargeImage => "放大查看图片", "Enlarge image";
    CloseZoom => "关闭大图", "Close enlarged image";
    ZoomView => "大图", "Enlarged image";
    // stores, stock and pickup
    MyStore => "我的门店", "My store";
    ChooseStore => "选择门店", "Choose a store";
    // availability
    InStock => "有货", "In stock";
    LowStock => "库存紧张", "Low stock";
    OutOfStock => "无货", "Out of stock";
    Close => "关闭", "Close";
    // reservation form & pass
    StoreClock => "（门店时间）", " (store time)";
    KeepIt => "不取消", "Keep it";
    MyReservations => "我的预留和预约", "My reservations and appointments";
    PrivacyChoices => "隐私选择", "Privacy choices";
    ReservationNotFound => "找不到这条预留", "Reservation not found";
}
