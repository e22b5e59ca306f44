//! The strings of the virtual store tour and the shopping-guide booking. Only the
//! separately loaded "tour" module uses them, so they load with it.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    TKey, tt(crate::state::use_locale);
    VirtualTour => "虚拟逛店", "Virtual tour";
    BackToStores => "返回门店列表", "Back to stores";
    NoTourTitle => "这家门店还没有虚拟逛店", "This store has no virtual tour yet";
    NoTourText => "可以先看看门店的地址和营业时间，或者到店逛逛。", "See the store's address and opening hours, or drop in and look around in person.";
    ViewerLabel => "360° 全景：", "360° view: ";
    KeysHelp => "拖动画面或用方向键环顾四周，按 + 或 - 缩放，Tab 键可移到画面里的标记。", "Drag, or use the arrow keys to look around; + and - zoom; Tab moves to the markers in the view.";
    ZoomIn => "放大", "Zoom in";
    ZoomOut => "缩小", "Zoom out";
    MotionOn => "移动手机看四周", "Move your phone to look";
    MotionOff => "停止跟随手机", "Stop following the phone";
    MotionDenied => "没有获得方向传感器的权限，可以继续拖动画面环顾四周。", "Motion sensors weren't allowed. You can still drag to look around.";
    LoadingScene => "正在加载全景…", "Loading the panorama…";
    LoadingFull => "正在加载高清全景…", "Loading full resolution…";
    LoadFailed => "全景图没有加载成功。请检查网络后再选一次这个场景。", "The panorama couldn't be loaded. Check your connection and choose the scene again.";
    NoWebGl => "这台设备无法显示 3D 全景，下面是平铺的全景图，可以左右滚动查看。", "This device can't show the 3D view. Here is the flat panorama: scroll sideways to look around.";
    FlatLabel => "平铺全景（可左右滚动）：", "Flat panorama (scrolls sideways): ";
    Scenes => "全部场景", "All scenes";
    InThisSpot => "这里可以看到", "In this spot";
    FloorPlan => "门店平面图", "Floor plan";
    HereNow => "（当前位置）", " (you are here)";
    GoTo => "前往：", "Go to ";
    ProductPrefix => "商品：", "Product: ";
    InfoPrefix => "说明：", "Info: ";
    Facing => "朝向", "Facing";
    North => "北", "north";
    NorthEast => "东北", "north-east";
    East => "东", "east";
    SouthEast => "东南", "south-east";
    South => "南", "south";
    SouthWest => "西南", "south-west";
    West => "西", "west";
    NorthWest => "西北", "north-west";
    StockHere => "本店库存", "Stock at this store";
    OutHere => "本店暂时无货", "Out of stock here";
    ReserveHere => "在本店预留自提", "Reserve for pickup here";
    ViewProduct => "查看商品详情", "View product";
    BackToProduct => "返回商品", "Back to the product";
    BookGuide => "预约导购", "Book a shopping guide";
    BookIntro => "一位导购会在门店陪你挑选 30 分钟，免费。", "A shopping guide spends 30 minutes with you in the store, free of charge.";
    Date => "日期", "Date";
    Time => "时间", "Time";
    SlotFullMark => "已约满", "full";
    NoSlots => "这一天已经没有可预约的时间了，请换一天。", "No times are left on this day. Please choose another day.";
    ChooseSlot => "请选择一个时间。", "Choose a time.";
    SlotFull => "这个时间刚刚约满了，请选择其他时间。", "That time has just been fully booked. Please choose another time.";
    SlotGone => "这个时间已经不能预约了，请选择其他时间。", "That time can no longer be booked. Please choose another time.";
    GuideUnavailable => "这家门店暂不提供导购预约。", "This store doesn't offer shopping guides at the moment.";
    BookNow => "确认预约", "Book now";
    Booking => "正在预约…", "Booking…";
    BookFailed => "预约没有成功，请稍后重试。", "The booking didn't go through. Please try again.";
    Booked => "预约成功", "You're booked";
    AppointmentCode => "预约码", "Appointment code";
    ShowAtStore => "到店后向店员出示此二维码或预约码。", "Show this QR code or the code to any member of staff.";
    QrAlt => "预约码二维码", "QR code of the appointment code";
    Today => "今天", "Today";
    Done => "完成", "Done";
    TimeZoneNote => "时间为门店当地时间。", "Times are the store's local time.";
}

/// "In stock: 3" / "Low stock: 1" at this store.
pub fn stock_here(lang: Lang, n: u32, low: bool) -> String {
    match (lang, low) {
        (Lang::ZhCn, false) => format!("本店有货：{n} 件"),
        (Lang::ZhCn, true) => format!("本店库存紧张：仅剩 {n} 件"),
        (Lang::En, false) => format!("In stock: {n}"),
        (Lang::En, true) => format!("Low stock: {n} left"),
    }
}

/// The compass point names, north first, clockwise.
pub const COMPASS: [TKey; 8] = [
    TKey::North,
    TKey::NorthEast,
    TKey::East,
    TKey::SouthEast,
    TKey::South,
    TKey::SouthWest,
    TKey::West,
    TKey::NorthWest,
];

/// A booking confirmation's date and time: "11月24日 周二 10:30" / "Tuesday 24 Nov, 10:30".
pub fn when_text(lang: Lang, date: &str, weekday: &str, time: &str) -> String {
    let day = crate::features::tour::logic::short_date(date, lang);
    match lang {
        Lang::ZhCn => format!("{day} {weekday} {time}"),
        Lang::En => format!("{weekday} {day}, {time}"),
    }
}
