//! The home-screen hint's strings: they load with the `install` module.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    IKey, it(crate::state::use_locale);
    HintLabel => "添加到主屏幕", "Add to Home Screen";
    HintTitle => "把优品生活放到主屏幕", "Keep Youpin Living on your Home Screen";
    HintText => "点按浏览器的“分享”按钮，再选“添加到主屏幕”。之后像应用一样一点即开，没有信号时也能看会员码和卡券。", "Tap the browser's Share button, then “Add to Home Screen”. It then opens like an app, and your member code and coupons are there even without a signal.";
    Dismiss => "知道了", "Got it";
}
