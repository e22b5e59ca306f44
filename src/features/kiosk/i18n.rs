//! The strings of kiosk mode and of the phone's hand-off page. Only the separately loaded
//! "kiosk" and "handoff" modules use them, so they load with them.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    KKey, kt(crate::state::use_locale);
    PairTitle => "把这块屏幕设为门店自助屏", "Set up this screen as a store kiosk";
    PairHelp => "请门店员工用门店密钥登记一台自助屏，并把 10 分钟内有效的配对码输入下面。", "Ask the store's staff to register a kiosk with the store's key, then type the pairing code here (it is valid for 10 minutes).";
    PairCode => "配对码", "Pairing code";
    Pair => "配对", "Pair this screen";
    Pairing => "正在配对…", "Pairing…";
    PairCodeMissing => "请输入配对码。", "Type the pairing code.";
    PairCodeWrong => "配对码不正确、已使用或已过期，请向员工索取新的配对码。", "That code is wrong, already used or expired. Ask the staff for a new one.";
    TooManyTries => "尝试次数过多，请几分钟后再试。", "Too many tries. Please wait a few minutes.";
    AlreadyKiosk => "这块屏幕已经是门店自助屏。", "This screen is already a store kiosk.";
    Touch => "轻触屏幕开始", "Touch the screen to start";
    Welcome => "欢迎光临", "Welcome to";
    InStockHere => "本店有货", "In stock here";
    TourTeaser => "360° 逛逛本店", "Walk around this store in 360°";
    StillThere => "还在吗？", "Still there?";
    ResetIn => "秒后将清除本次浏览记录，回到首页。", " seconds, then this screen forgets your visit and starts over.";
    ResetSoon => "为保护你的隐私，自助屏将在", "To protect your privacy, this screen starts over in";
    Continue => "继续浏览", "Continue";
    StartOver => "重新开始", "Start over";
    Back => "返回", "Back";
    Home => "首页", "Home";
    LowReach => "低位操作", "Low reach";
    OnPhone => "在手机上继续", "Continue on your phone";
    ScanToContinue => "用手机扫码，在手机上打开当前页面（含心愿单）。链接 5 分钟内有效，仅能使用一次。", "Scan with your phone to open this page there, with your wishlist. The link works once, for 5 minutes.";
    OpenedOnPhone => "已在你的手机上打开。", "Opened on your phone.";
    HandoffExpired => "链接已过期，可以再生成一个。", "The link has expired. You can make a new one.";
    NewLink => "重新生成", "Make a new link";
    PassOnPhone => "把取货凭证带到手机上", "Take your pickup pass with you";
    ScanForPass => "用手机扫码，取货凭证会在手机上打开并保存，到店出示即可取货。链接 5 分钟内有效，仅能使用一次。", "Scan with your phone: the pickup pass opens there and stays on it, ready to show at the counter. The link works once, for 5 minutes.";
    StartOverNow => "现在重新开始（清除本次浏览）", "Start over now (this screen forgets your visit)";
    Close => "关闭", "Close";
    QrLabel => "在手机上打开的二维码", "QR code to open this on your phone";
    MembersOnPhone => "会员服务请在手机上使用", "Membership is on your phone";
    MembersOnPhoneText => "在共用的屏幕上不输入手机号、不显示会员码。扫码即可在手机上继续。", "On a shared screen we never ask for your number or show your member code. Scan to continue on your phone.";
    Offline => "暂时无法连接服务器，自助屏仍可使用。", "The server can't be reached right now; the kiosk keeps working.";
    ExitTitle => "退出自助屏模式", "Leave kiosk mode";
    ExitHelp => "仅限员工：输入门店密钥或自助屏 PIN。", "Staff only: the store's key or the kiosk's PIN.";
    ExitField => "门店密钥或 PIN", "Store key or PIN";
    Exit => "退出", "Leave kiosk mode";
    ExitRefused => "密钥或 PIN 不正确。", "That key or PIN is not right.";
    Cancel => "取消", "Cancel";
    Opening => "正在打开自助屏交给你的内容…", "Opening what the kiosk handed over…";
    HandoffUsed => "这个链接已经用过了。", "This link has already been used.";
    HandoffGone => "这个链接已过期或无效。请在自助屏上重新生成。", "This link has expired or is not valid. Make a new one on the kiosk.";
    GoShop => "去商城逛逛", "Go to the shop";
    KioskLabel => "门店自助屏", "Store kiosk";
    KioskBar => "自助屏操作", "Kiosk controls";
}
