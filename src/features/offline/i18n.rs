//! The offline note's strings: they load with the `offline` module.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    OKey, ot(crate::state::use_locale);
    Offline => "当前离线", "You're offline";
    AsOf => "显示的是本机保存的内容，保存于", "Showing what this device saved at";
    NotSaved => "没有网络时，这里只能打开此前看过的页面。", "Without a connection, only pages you have seen before can open.";
    StillWorks => "离线也能用：", "Works offline:";
    MemberCode => "会员码", "Member code";
    Wallet => "卡券包", "Wallet";
    BackOnline => "网络已恢复，正在更新…", "Back online: updating…";
}
