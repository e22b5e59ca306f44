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
