//! The strings of the marketing workspace. They are only used by the separately loaded
//! "marketing" module, so they load with it.

use storefront_api_types::{CampaignState, Lang};

use crate::i18n::strings::strings;

strings! {
    AKey, at(crate::state::use_locale);
    Workspace => "营销工作台", "Marketing workspace";
    SignInTitle => "营销人员登录", "Marketing sign-in";
    SignInIntro => "用营销密钥登录，创建活动、嵌入合作网站并查看线上线下的效果。", "Sign in with your marketing key to build campaigns, embed them in partner sites and see what they bring online and in store.";
    KeyLabel => "营销密钥", "Marketing key";
    KeyHint => "密钥由管理员生成（storefront-server marketing-keys create），只显示一次。", "Your administrator creates keys (storefront-server marketing-keys create); each is shown once.";
    KeyMissing => "请输入营销密钥。", "Enter your marketing key.";
    KeyWrong => "密钥不正确或已被撤销。", "That key is wrong or has been revoked.";
    TooMany => "尝试次数过多，请稍后再试。", "Too many tries. Please wait a moment and try again.";
    SignIn => "登录", "Sign in";
    SigningIn => "正在登录…", "Signing in…";
    SignOut => "退出登录", "Sign out";
    SignedInAs => "已登录：", "Signed in:";
    Campaigns => "营销活动", "Campaigns";
    NewCampaign => "新建活动", "New campaign";
    NoCampaigns => "还没有活动。", "No campaigns yet.";
    StateDraft => "草稿", "Draft";
    StateScheduled => "已排期", "Scheduled";
    StateLive => "进行中", "Live";
    StateEnded => "已结束", "Ended";
    Views => "浏览", "Views";
    Claims => "领券", "Claims";
    Reservations => "预留", "Reservations";
    Appointments => "导购预约", "Guide bookings";
    Redemptions => "到店核销", "Redeemed in store";
    Edit => "编辑", "Edit";
    Results => "效果", "Results";
    BackToCampaigns => "返回活动列表", "Back to campaigns";
    EditTitle => "编辑活动", "Edit campaign";
    Chinese => "中文", "Chinese";
    English => "英文", "English";
    Slug => "网址名", "Slug";
    SlugHint => "小写字母、数字和连字符，用于 /campaign/网址名。", "Lower-case letters, digits and hyphens, used in /campaign/slug.";
    Title => "标题", "Headline";
    Copy => "文案", "Copy";
    CopyHint => "空一行分段。", "Separate paragraphs with a blank line.";
    Hero => "主图", "Hero picture";
    HeroTheme => "主图样式", "Hero design";
    HeroAlt => "主图替代文字（读屏软件朗读）", "Hero alt text (read by screen readers)";
    ThemeAutumn => "秋季", "Autumn";
    ThemeSpring => "春季", "Spring";
    ThemeCity => "城市", "City";
    ThemeHome => "家居", "Home";
    Products => "活动商品", "Products";
    ProductsHint => "搜索商品并添加，最多 24 件；可调整顺序。", "Search the catalogue and add up to 24 products; reorder them as you like.";
    SearchProducts => "搜索商品", "Search products";
    Search => "搜索", "Search";
    Add => "添加", "Add";
    Added => "已添加", "Added";
    Remove => "移除", "Remove";
    MoveUp => "上移", "Move up";
    MoveDown => "下移", "Move down";
    NoneFound => "没有找到商品，换个词试试。", "No products found. Try other words.";
    NoProductsPicked => "还没有添加商品。", "No products yet.";
    Coupon => "优惠券", "Coupon";
    NoCoupon => "不送券", "No coupon";
    Schedule => "时间", "Schedule";
    Starts => "开始", "Starts";
    Ends => "结束", "Ends";
    ScheduleHint => "按你所在时区填写；服务器按此时间判断活动是否进行中。", "In your time zone; the server decides from these times whether the campaign is live.";
    Stores => "适用门店", "Stores";
    AllStoresHint => "都不选即为全部门店。", "Leave all unticked for every store.";
    Origins => "允许嵌入的网站", "Sites allowed to embed it";
    OriginsHint => "每行一个来源，如 https://news.example.com；可用一个 *. 开头，如 https://*.example.com；最多 20 个。", "One origin per line, such as https://news.example.com; one leading *. is allowed, as in https://*.example.com; at most 20.";
    Reward => "到店消费奖励", "In-store reward";
    RewardHint => "会员在适用门店单笔消费满此金额（元），自动把本活动的券放入其券包，每人一次。", "A member who spends at least this much (yuan) in one purchase at the campaign's stores gets the campaign's coupon in their wallet, once.";
    RewardOn => "开启奖励", "Reward in-store purchases";
    MinSpend => "最低消费（元）", "Minimum spend (yuan)";
    Publish => "发布（到开始时间自动上线）", "Published (goes live at its start)";
    Save => "保存", "Save";
    Saving => "正在保存…", "Saving…";
    Saved => "已保存。", "Saved.";
    FixErrors => "保存失败：请修正下面标出的问题。", "Not saved: fix the problems marked below.";
    FirstProblem => "跳到第一处问题", "Go to the first problem";
    CampaignNotFound => "找不到这个活动", "We can't find this campaign";
    NotANumber => "请输入金额，如 200 或 199.5。", "Enter an amount such as 200 or 199.5.";
    NotADate => "请选择日期和时间。", "Choose a date and time.";
    Preview => "预览", "Preview";
    PreviewHint => "预览显示最近一次保存的内容。", "The preview shows what was last saved.";
    PreviewPhone => "手机", "Phone";
    PreviewKiosk => "门店大屏", "Kiosk";
    PreviewEmbed => "嵌入合作网站", "Embedded";
    Embed => "嵌入代码", "Embed code";
    EmbedHint => "把这一行粘贴到允许嵌入的网站页面中。", "Paste this one line into a page of an allowed site.";
    IframeHint => "不允许脚本的网站可改用：", "For sites that forbid scripts:";
    CopyCode => "复制", "Copy";
    CopiedCode => "已复制", "Copied";
    Poster => "门店海报", "In-store poster";
    PosterHint => "海报上的二维码带有门店和 utm_medium=poster，扫码领券按门店统计。", "The poster's QR carries the store and utm_medium=poster, so claims are counted per store.";
    PosterStore => "门店", "Store";
    PosterSize => "尺寸", "Size";
    DownloadPng => "下载 PNG", "Download PNG";
    DownloadPdf => "下载 PDF", "Download PDF";
    Making => "正在生成…", "Making it…";
    PosterFailed => "海报生成失败，请重试。", "The poster could not be made. Please try again.";
    ScanToClaim => "扫码领券", "Scan to claim";
    From => "从", "From";
    To => "到", "To";
    Show => "查看", "Show";
    DownloadCsv => "下载 CSV", "Download CSV";
    Funnel => "转化漏斗", "Funnel";
    ByOrigin => "按嵌入网站", "By embedding site";
    BySource => "按来源（utm_source）", "By source (utm_source)";
    ByStore => "按海报门店", "By poster store";
    ByDay => "按日", "By day";
    Direct => "（直接访问）", "(direct)";
    Conversion => "转化率", "Conversion";
    SourceCol => "来源", "Source";
    NoData => "这段时间还没有数据。", "No data for these dates yet.";
    ChartTitle => "浏览到核销的转化", "From views to in-store redemptions";
    // the insight dashboard (features/marketing/insight)
    Insight => "经营洞察", "Insight";
    InsightTitle => "经营洞察", "Business insight";
    InsightIntro => "从线上浏览到门店取货的准确数字：只统计顾客同意后记录的事件和服务器自己的记录，不抽样。", "Exact counts, from online views to collection in store: events recorded with the shopper's consent and the server's own records, never samples.";
    StaffHint => "门店员工可用本店的员工密钥登录，查看本店的经营洞察。", "Store staff: sign in with your store's staff key to see your store's insight.";
    Period => "时间段", "Period";
    DaysHint => "按中国时间（UTC+8）计，含起止两天，最长 366 天。", "Days in China time (UTC+8), both included; at most 366 days.";
    QuickPeriods => "快速选择", "Quick choices";
    Last7 => "近 7 天", "Last 7 days";
    Last30 => "近 30 天", "Last 30 days";
    Last90 => "近 90 天", "Last 90 days";
    StoreFilter => "门店", "Store";
    AllStores => "全部门店", "All stores";
    OwnStoreOnly => "你用门店员工密钥登录，只能查看本店的数据。", "You signed in with a store's staff key: you see that store's figures only.";
    ChooseDate => "请选择日期。", "Choose a date.";
    CheckDate => "请检查这个日期：结束日期不能早于开始日期，时间段最长 366 天。", "Check this date: the end cannot be before the start, and a period is at most 366 days.";
    FixPeriod => "请先修正上面的时间段。", "Fix the period above to see this report.";
    SessionEnded => "登录已失效，请重新登录后查看。", "Your sign-in has ended. Sign in again to see the figures.";
    SignInAgain => "重新登录", "Sign in again";
    NotAllowed => "这个账号不能查看这些数据。", "This sign-in may not see these figures.";
    Updating => "正在更新…", "Updating…";
    NoEvents => "这段时间没有事件。", "No events in this period.";
    ShowTable => "以表格显示", "Show as table";
    ChartFirst => "图中为前 10 项；以表格显示可看到全部。", "The chart shows the first 10; the table shows them all.";
    ShowAll => "显示全部", "Show all";
    Rows => "行", "rows";
    ShowFirst => "只显示前 10 行", "Show the first 10 rows";
    FunnelTitle => "线上到门店的转化", "Online-to-store funnel";
    FunnelChart => "从商品浏览到门店取货", "From product views to collection in store";
    ProductViews => "商品浏览", "Product views";
    StockViews => "查看门店库存", "Stock viewed";
    Reserved => "预留", "Reserved";
    Collected => "已取货", "Collected";
    Expired => "过期未取", "Expired uncollected";
    StepCol => "环节", "Step";
    Count => "数量", "Count";
    ByStoreCategory => "按门店和品类", "By store and category";
    StoreCol => "门店", "Store";
    CategoryCol => "品类", "Category";
    NoStoreChosen => "（未选门店）", "(no store chosen)";
    StockoutsTitle => "顾客遇到的缺货", "Stock-outs seen by shoppers";
    StockoutViews => "缺货时查看库存的次数", "Views of stock while out of stock";
    StockoutChart => "缺货浏览最多的商品", "Products most seen out of stock";
    StockoutTable => "按门店和商品", "By store and product";
    ProductCol => "商品", "Product";
    ViewsCol => "浏览", "Views";
    VisitsCol => "访问", "Visits";
    NearestCol => "最近有货的门店", "Nearest store that had it";
    NoneHadIt => "无", "None";
    CouponsTitle => "优惠券与积分", "Coupons and points";
    CouponChart => "按优惠和渠道：领取与到店核销", "Claimed and redeemed in store, by offer and channel";
    OfferCol => "优惠", "Offer";
    ChannelCol => "渠道", "Channel";
    Claimed => "领取", "Claimed";
    Redeemed => "到店核销", "Redeemed in store";
    ChannelPhone => "手机", "Phone";
    ChannelKiosk => "门店大屏", "Kiosk";
    ChannelEmbed => "嵌入网站", "Embedded";
    ChannelUnknown => "未知（如到店奖励）", "Not known (e.g. in-store reward)";
    PointsChart => "按门店的积分", "Points earned by store";
    PointsTable => "按门店和会员等级的积分", "Points by store and tier";
    NoPoints => "这段时间没有积分记录。", "No points earned in this period.";
    TierCol => "会员等级", "Tier";
    EarnsCol => "积分小票", "Receipts";
    PointsCol => "积分", "Points";
    TierRegular => "普通会员", "Regular";
    TierSilver => "银卡", "Silver";
    TierGold => "金卡", "Gold";
    TierPlatinum => "铂金卡", "Platinum";
    TourTitle => "虚拟逛店", "Virtual tour";
    TourChart => "按门店：访问与之后的行动", "Visits and what followed, by store";
    TourVisits => "访问", "Visits";
    Hotspots => "打开的热点", "Hotspots opened";
    ReservedAfter => "之后预留", "Reservations after";
    BookedAfter => "之后预约导购", "Guide bookings after";
    GuideBookings => "期间的导购预约（全部渠道）", "Guide bookings in the period (every channel)";
    SearchTitle => "搜索", "Search";
    Searches => "搜索次数", "Searches";
    TopQueries => "最常搜索的词", "Top queries";
    NoResultQueries => "没有结果的搜索词", "Queries with no results";
    NoResultHint => "顾客想要而商品目录里没有的。", "What shoppers want and the catalogue lacks.";
    QueryCol => "搜索词", "Query";
    NoQueries => "没有。", "None.";
}

/// The name of a campaign state.
pub fn state_key(state: CampaignState) -> AKey {
    match state {
        CampaignState::Draft => AKey::StateDraft,
        CampaignState::Scheduled => AKey::StateScheduled,
        CampaignState::Live => AKey::StateLive,
        CampaignState::Ended => AKey::StateEnded,
    }
}

/// The name of a hero design.
pub fn theme_key(theme: &str) -> AKey {
    match theme {
        "spring" => AKey::ThemeSpring,
        "city" => AKey::ThemeCity,
        "home" => AKey::ThemeHome,
        _ => AKey::ThemeAutumn,
    }
}

/// The words of a language.
pub fn lang_key(lang: Lang) -> AKey {
    match lang {
        Lang::ZhCn => AKey::Chinese,
        Lang::En => AKey::English,
    }
}
