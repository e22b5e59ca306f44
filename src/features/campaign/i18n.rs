//! The strings of the campaign page and its embed. Only the separately loaded "campaign"
//! module uses them, so they load with it.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    CKey, ct(crate::state::use_locale);
    NotAvailableTitle => "这个活动暂时无法查看", "This campaign isn't available";
    NotAvailableText => "活动可能还没有开始，或者链接有误。欢迎先到商城逛逛。", "It may not have started yet, or the link may be wrong. Have a look around the shop in the meantime.";
    EndedTitle => "这个活动已经结束", "This campaign has ended";
    EndedText => "感谢关注！商城里还有更多好物等你发现。", "Thanks for your interest. There is plenty more to find in the shop.";
    GoShop => "去商城逛逛", "Go to the shop";
    OpenShop => "打开商城", "Open the shop";
    NewTab => "（在新标签页中打开）", " (opens in a new tab)";
    Ends => "结束时间：", "Ends: ";
    Products => "活动商品", "In this campaign";
    Coupon => "活动优惠券", "Campaign coupon";
    Claim => "领取优惠券", "Claim the coupon";
    Claiming => "正在领取…", "Claiming…";
    Claimed => "已领取：已放入你的优惠券包。", "Claimed: it is in your wallet.";
    ClaimedClose => "已领取。你可以关闭此窗口，返回原来的页面。", "Claimed. You can close this window and go back.";
    SignInToClaim => "登录或加入会员后即可领取。", "Sign in or join to claim it.";
    Waiting => "请在新打开的窗口中登录并完成领取…", "Sign in and finish claiming in the window that opened…";
    OpenClaimPage => "打开领取页面", "Open the claim page";
    HandoffExpired => "领取链接已过期，请再试一次。", "The claim link has expired. Please try again.";
    HandoffUsed => "这个领取链接已经用过了。", "This claim link has already been used.";
    SoldOut => "优惠券已领完", "All coupons have been claimed";
    LimitReached => "你已经领取过这张优惠券。", "You have already claimed this coupon.";
    ViewWallet => "查看我的优惠券", "View my coupons";
    ChooseStore => "选择门店查看库存", "Choose a store to see stock";
    RemainingCoupons => "剩余", "Left:";
    Variant => "款式", "Option";
    CollectFrom => "取货门店", "Collect from";
    NoPickup => "活动门店暂时都无法自提这一款，可以换一个款式看看。", "None of the campaign's stores can hand this one over right now. Try another option.";
    Reserved => "已为你预留。到店出示取货码即可取货。", "Reserved. Show the pickup code at the store to collect it.";
    PickupCode => "取货码", "Pickup code";
    OpenPass => "查看取货凭证", "Open the pickup pass";
    Cancel => "取消", "Cancel";
}

/// "还剩 3 天 4 小时" / "3 days 4 hours left" (see [`super::logic::time_left`]).
pub fn time_left_text(lang: Lang, left: super::logic::TimeLeft) -> String {
    let super::logic::TimeLeft {
        days,
        hours,
        minutes,
    } = left;
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match lang {
        Lang::ZhCn if days > 0 => format!("还剩 {days} 天 {hours} 小时"),
        Lang::ZhCn if hours > 0 => format!("还剩 {hours} 小时 {minutes} 分钟"),
        Lang::ZhCn => format!("还剩 {} 分钟", minutes.max(1)),
        Lang::En if days > 0 => format!(
            "{} {} left",
            plural(days, "day", "days"),
            plural(hours, "hour", "hours")
        ),
        Lang::En if hours > 0 => format!(
            "{} {} left",
            plural(hours, "hour", "hours"),
            plural(minutes, "minute", "minutes")
        ),
        Lang::En => format!("{} left", plural(minutes.max(1), "minute", "minutes")),
    }
}

/// The product's stock at the shopper's store.
pub fn stock_at(lang: Lang, in_stock: bool, store: &str) -> String {
    match (lang, in_stock) {
        (Lang::ZhCn, true) => format!("{store}有货"),
        (Lang::ZhCn, false) => format!("{store}暂时无货"),
        (Lang::En, true) => format!("In stock at {store}"),
        (Lang::En, false) => format!("Not in stock at {store}"),
    }
}

/// A store in the "collect from" list: "静安店（剩 3 件）" / "Jing'an (3 left)".
pub fn pickup_choice(lang: Lang, store: &str, left: u32) -> String {
    match lang {
        Lang::ZhCn => format!("{store}（剩 {left} 件）"),
        Lang::En => format!("{store} ({left} left)"),
    }
}

/// The in-store reward: "在门店消费满 ¥200 即送此券" / "Spend ¥200 in store and get this coupon".
pub fn reward_text(lang: Lang, amount: &str) -> String {
    match lang {
        Lang::ZhCn => format!("在门店消费满 {amount}，即自动获赠此券（每位会员一次）。"),
        Lang::En => format!(
            "Spend {amount} in one of our stores and this coupon drops into your wallet (once per member)."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::logic::TimeLeft;
    use super::*;

    #[test]
    fn time_left_reads_well() {
        let t = |days, hours, minutes| TimeLeft {
            days,
            hours,
            minutes,
        };
        assert_eq!(time_left_text(Lang::En, t(3, 1, 5)), "3 days 1 hour left");
        assert_eq!(
            time_left_text(Lang::En, t(0, 2, 1)),
            "2 hours 1 minute left"
        );
        assert_eq!(time_left_text(Lang::En, t(0, 0, 0)), "1 minute left");
        assert_eq!(time_left_text(Lang::ZhCn, t(3, 1, 5)), "还剩 3 天 1 小时");
        assert_eq!(time_left_text(Lang::ZhCn, t(0, 0, 7)), "还剩 7 分钟");
    }
}
