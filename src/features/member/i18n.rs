//! The strings of the membership pages (sign-in, member page, member code, wallet). They
//! are only used by the separately loaded "member" module, so they load with it.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    MKey;
    Member => "会员", "Membership";
    Me => "我的", "Me";
    SignInTitle => "登录或加入会员", "Sign in or join";
    SignInIntro => "一个会员号，线上线下通用：到店扫码积分，领券后门店和网店都能用。", "One membership online and in store: earn points at the till with your code, and use coupons in store or online.";
    LoginLabel => "手机号或电子邮箱", "Mobile number or email";
    LoginHint => "我们会发送一次性验证码，5 分钟内有效。", "We send a one-time code, valid for 5 minutes.";
    LoginInvalid => "请输入 11 位中国大陆手机号或有效的电子邮箱。", "Enter an 11-digit mainland China mobile number or a valid email address.";
    SendCode => "获取验证码", "Send code";
    Sending => "正在发送…", "Sending…";
    CodeLabel => "验证码（6 位数字）", "Code (6 digits)";
    CodeSentTo => "验证码已发送至", "We sent a code to";
    CodeInvalid => "请输入收到的 6 位数字验证码。", "Enter the 6-digit code you received.";
    CodeWrong => "验证码不正确或已过期，请重新输入或重新获取。", "That code is wrong or has expired. Check it or send a new one.";
    TooMany => "尝试次数过多，请稍后再试。", "Too many tries. Please wait a moment and try again.";
    ResendIn => "秒后可重新发送", "s until you can resend";
    Resend => "重新发送验证码", "Send a new code";
    ChangeLogin => "更换手机号或邮箱", "Use another number or email";
    JoinTerms => "我同意会员条款和隐私说明", "I agree to the membership terms and privacy notice";
    JoinWhy => "加入后我们只保存：你的手机号或邮箱（用于登录）、积分记录和优惠券，用于提供会员服务。你可以随时下载或删除这些数据。", "When you join we keep only your mobile number or email (to sign in), your points ledger and your coupons, to run the membership. You can download or delete them at any time.";
    TermsRequired => "加入会员需要先同意条款和隐私说明。", "To join, please agree to the terms and privacy notice.";
    SignIn => "登录", "Sign in";
    Join => "加入会员", "Join";
    SigningIn => "正在登录…", "Signing in…";
    MemberNo => "会员号", "Member number";
    Points => "积分", "Points";
    PointsBalance => "可用积分", "Points balance";
    TierBenefits => "会员权益", "Benefits";
    ToNextTier => "距离下一等级还差", "Points to the next tier:";
    TopTier => "你已是最高等级。", "You are at the top tier.";
    ShowCode => "出示会员码", "Show member code";
    Wallet => "优惠券", "Coupons";
    Ledger => "积分明细", "Points history";
    NoLedger => "还没有积分记录。到店结账时出示会员码即可积分。", "No points yet. Show your member code at the till to earn points.";
    LoadMore => "加载更多", "Load more";
    Receipt => "小票号", "Receipt";
    ReasonPurchase => "到店消费", "In-store purchase";
    ReasonWelcome => "入会礼", "Welcome gift";
    ReasonAdjustment => "积分调整", "Adjustment";
    DownloadData => "下载我的数据", "Download my data";
    SignOut => "退出登录", "Sign out";
    DeleteAccount => "注销会员", "Delete my account";
    DeleteConfirm => "确定注销会员吗？积分和优惠券将被永久删除，无法恢复。", "Delete your membership? Your points and coupons are deleted for good.";
    Deleted => "会员已注销，相关数据已删除。", "Your membership is deleted, and its data with it.";
    MemberCode => "会员码", "Member code";
    MemberCodeHelp => "结账时请收银员扫描此码积分。码每分钟更换一次，截图无效。", "Ask the cashier to scan this code to earn points. It changes every minute, so a screenshot won't work.";
    QrAltMember => "会员积分二维码", "Member QR code for points";
    NextCodeIn => "秒后更换", "s until the next code";
    Brightness => "调高屏幕亮度更容易扫码。", "Turn up your screen brightness for a quicker scan.";
    CashierFallback => "无法扫码时，请报会员号：", "If the code won't scan, give the member number:";
    UpdatedAt => "更新于", "Updated";
    Offline => "当前离线：显示的是保存在本机的内容。", "You're offline: showing what is saved on this device.";
    CodesRanOut => "本机保存的会员码已用完，请连接网络后刷新。", "The codes saved on this device have run out. Connect to the internet to get new ones.";
    Refresh => "刷新", "Refresh";
    Offers => "可领取的优惠券", "Coupons to claim";
    NoOffers => "暂时没有可领取的优惠券。", "No coupons to claim right now.";
    Claim => "领取", "Claim";
    Claimed => "已领取", "Claimed";
    Claiming => "正在领取…", "Claiming…";
    SoldOut => "已领完", "All claimed";
    LimitReached => "已达到领取上限", "You have claimed the most allowed";
    ClaimedLimit => "已领取（已达上限）", "Claimed (limit reached)";
    Remaining => "剩余", "Left:";
    MyCoupons => "我的优惠券", "My coupons";
    Available => "可使用", "Available";
    Used => "已使用", "Used";
    Expired => "已过期", "Expired";
    NoCoupons => "这里还没有优惠券。", "No coupons here yet.";
    ValidUntil => "有效期至", "Valid until";
    ExpiresIn => "后到期", "left";
    UsedAt => "使用于", "Used on";
    ChannelOnline => "仅限网店", "Online only";
    ChannelInStore => "仅限门店", "In store only";
    ChannelBoth => "门店和网店通用", "In store and online";
    AllStores => "所有门店可用", "At every store";
    SomeStores => "限指定门店", "At selected stores";
    Spend => "满", "Spend";
    Off => "减", "get off";
    PercentOff => "折扣", "off";
    NoThreshold => "无门槛", "No minimum spend";
    RedeemCode => "核销码", "Redeem code";
    RedeemHelp => "在门店结账时出示此码，收银员扫码后自动抵扣。", "Show this code at the till; the discount is taken off when the cashier scans it.";
    QrAltCoupon => "优惠券核销二维码", "Coupon QR code for the till";
    CouponCodeText => "券码", "Coupon code";
    CouponNotFound => "找不到这张优惠券", "Coupon not found";
    BackToWallet => "返回优惠券", "Back to coupons";
    ClaimTitle => "领取优惠券", "Claim a coupon";
    ClaimSignIn => "登录或加入会员后即可领取。", "Sign in or join to claim it.";
    ClaimedOk => "已放入你的优惠券包。", "It's in your coupon wallet.";
    OfferNotFound => "这张优惠券不存在或已结束。", "This coupon doesn't exist or has ended.";
    ViewWallet => "查看优惠券", "View coupons";
    NewCoupon => "新的优惠券已放入券包：", "New in your wallet:";
    ViewCoupon => "查看", "View it";
}

/// The closure that shows `key` in the current language.
pub fn mt(key: MKey) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = crate::state::use_locale();
    move || key.get(locale.lang())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages() {
        for key in MKey::ALL {
            assert!(!key.get(Lang::ZhCn).is_empty(), "{key:?} zh");
            assert!(!key.get(Lang::En).is_empty(), "{key:?} en");
        }
    }
}
