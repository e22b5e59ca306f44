//! The strings of the consent sheet and the privacy page: they load with the `privacy`
//! module.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    PKey, pt(crate::state::use_locale);
    SheetTitle => "你的隐私选择", "Your privacy choices";
    // the sheet's points: a line each on a phone, so the sheet stays a small thing at the
    // bottom (and never the largest thing the page paints)
    SheetNeeded => "开店必需的信息：始终处理", "What the shop needs to work: always";
    SheetAnalytics => "分析（看了什么）：需你同意", "Analytics (what is viewed): if you agree";
    SheetPersonal => "按浏览记录推荐：需你同意", "Personal suggestions: if you agree";
    SheetNoCost => "不同意也不影响任何功能", "Saying no changes nothing else";
    AcceptAll => "全部同意", "Accept all";
    DeclineAll => "全部拒绝", "Decline all";
    Customise => "逐项选择", "Choose per purpose";
    SaveChoices => "保存我的选择", "Save my choices";
    Details => "收集什么、为什么、保存多久、谁能看到", "What we collect, why, for how long, and who sees it";
    PolicyVersion => "隐私说明版本", "Privacy notice version";
    ChangeAnyTime => "随时可在每页底部的“隐私选择”中更改或撤回。", "Change or withdraw it any time from “Privacy choices” at the bottom of every page.";
    KioskNote => "这是门店公用屏幕：你的选择只在本次使用中有效，重新开始后即被清除。", "This is a shared store screen: your choice lasts for this visit only and is forgotten when the screen starts over.";
    Necessary => "必要", "Necessary";
    NecessaryWhat => "心愿单、所选门店、预约和取货凭证（保存在你的设备上）；会员登录、积分与优惠券（保存在服务器上）。", "Your wishlist, chosen store, bookings and pickup passes (kept on your device); member sign-in, points and coupons (kept on the server).";
    NecessaryWhy => "让你能浏览、预约取货和使用会员服务。始终开启，无需同意。", "So you can browse, reserve for pickup and use membership. Always on; needs no consent.";
    NecessaryKeep => "设备上的记录由你删除；会员资料在你注销时删除。", "What is on your device stays until you clear it; member data until you close your membership.";
    AlwaysOn => "始终开启", "Always on";
    Analytics => "分析", "Analytics";
    AnalyticsWhat => "你浏览、搜索、收藏的商品，查看的门店库存，领取的优惠券和虚拟逛店的操作，附带一个每次访问随机生成的编号。不含姓名、手机号。", "The products you view, search for and save, the store stock you look at, coupons you claim and what you open in the virtual tour, with an id that is random for each visit. No names or phone numbers.";
    AnalyticsWhy => "了解顾客从线上到门店的路径、缺货和想找却没有的商品，改进商品和门店。", "To see how shoppers go from the app to the store, what is out of stock and what people look for but we lack, and improve both.";
    PersonalWhat => "会员登录后，上述记录与你的会员关联（通过随机编号，而非手机号）。", "When you are signed in as a member, those events are linked to your membership (through a random reference, never your phone number).";
    PersonalWhy => "根据你看过的商品推荐“为你推荐”。未同意时，推荐只使用本设备上的浏览记录，这些记录不会离开你的设备。", "To suggest products “for you” from what you viewed. Without it, suggestions use only this device's own history, which never leaves it.";
    Personalisation => "个性化推荐", "Personalisation";
    Keep => "保存期限", "Kept for";
    KeepDays => "180 天，之后自动删除；撤回同意时立即删除。", "180 days, then deleted automatically; deleted at once when you withdraw.";
    WhoSees => "谁能看到", "Who sees it";
    WhoSeesStaff => "本品牌的市场和门店员工，只看汇总数字，不看个人记录。不出售，不与第三方共享。", "Our marketing and store staff, as totals only, never one person's record. Never sold or shared with third parties.";
    WhatLabel => "收集内容", "What";
    WhyLabel => "用途", "Why";
    PageTitle => "隐私选择", "Privacy choices";
    PageIntro => "你可以随时更改每一项。撤回后立即生效：不再记录，已记录的相关数据会被删除。", "Change any of these at any time. Withdrawing takes effect at once: nothing more is recorded, and what was recorded for that purpose is deleted.";
    Undecided => "你还没有做出选择。", "You have not chosen yet.";
    Saved => "已保存。", "Saved.";
    SavedWithdrew => "已保存。已撤回的用途不再记录，本次访问的相关记录已删除。", "Saved. What you withdrew is no longer recorded, and this visit's events were deleted.";
    SavedMember => "已同步到你的会员账户（同意记录）。", "Also saved to your membership (a consent receipt).";
    MemberNotSaved => "选择已保存在本设备，但未能同步到会员账户，请稍后重试。", "Saved on this device, but it could not reach your membership. Please try again later.";
    ReceiptAt => "会员账户中的同意记录时间：", "Consent receipt on your membership, made:";
    On => "开", "On";
    Off => "关", "Off";
    Purposes => "用途", "Purposes";
}
