//! The strings of the stores, stock, pickup and appointment pages. Only the separately
//! loaded modules that show them use them, so they load with them, not with the main module.

use storefront_api_types::Lang;

use crate::i18n::strings::strings;

strings! {
    SKey, st(crate::state::use_locale);
    StoresIntro => "到店试穿、线上下单门店自提、线上订单门店退换，都可以。", "Try on, collect online orders and return them at any of our stores.";
    Phone => "电话", "Phone";
    Address => "地址", "Address";
    Services => "门店服务", "Services";
    WeeklyHours => "每周营业时间", "Opening hours this week";
    ClosedDay => "休息", "Closed";
    SetMyStore => "设为我的门店", "Make this my store";
    IsMyStore => "我的门店 ✓", "My store ✓";
    NearYou => "查找附近门店", "Find stores near you";
    LocationWhy => "允许使用位置后，我们只用它按距离排列门店，不会保存或发送到其他地方。", "With your location we sort stores by distance. It is not stored or sent anywhere else.";
    UseLocation => "使用我的位置", "Use my location";
    Locating => "正在获取位置…", "Finding your location…";
    LastKnownAt => "离线：这是最后一次得知的库存（", "Offline: the last known figure (";
    LastKnownEnd => "），并非实时。", "), not live.";
    LocationRefused => "未获得位置。可以选择城市，或输入区县、街道等地址关键词。", "Location not shared. Choose a city or type a district or street instead.";
    LocationUnavailable => "暂时无法获取位置。可以选择城市，或输入地址关键词。", "Your location isn't available right now. Choose a city or type an address instead.";
    City => "城市", "City";
    AllCities => "全部城市", "All cities";
    AreaWords => "区县、街道或商圈", "District, street or area";
    FindStores => "查找", "Find";
    StoresMap => "门店分布图", "Map of stores";
    YouAreHere => "你的位置", "You are here";
    NoStoresMatch => "没有符合条件的门店。换个城市或关键词试试。", "No stores match. Try another city or word.";
    ShowAllStores => "显示全部门店", "Show all stores";
    Directions => "路线", "Directions";
    HoursChanges => "近期特殊营业时间", "Upcoming changes to opening hours";
    StockAtMyStore => "我的门店库存", "Stock at my store";
    ChooseStoreForStock => "选择门店即可查看库存和到店自提。", "Choose a store to see its stock and reserve for pickup.";
    ChooseVariantFirst => "请先选择颜色和尺码。", "Choose a colour and size first.";
    NearbyStores => "附近门店库存", "Stock in nearby stores";
    ReserveShort => "预留", "Reserve";
    ReserveTitle => "预留商品，到店自提", "Reserve and collect in store";
    Quantity => "数量", "Quantity";
    Decrease => "减少", "Decrease";
    Increase => "增加", "Increase";
    YourName => "姓名", "Your name";
    Mobile => "手机号", "Mobile number";
    MobileHint => "中国大陆手机号，用于到店取货核对。", "A mainland China mobile number, checked when you collect.";
    NameRequired => "请填写姓名（最多 40 个字）。", "Enter your name (up to 40 characters).";
    MobileInvalid => "请输入 11 位中国大陆手机号，例如 138 1234 5678。", "Enter an 11-digit mainland China mobile number, e.g. 138 1234 5678.";
    ConfirmReserve => "确认预留", "Reserve now";
    Reserving => "正在预留…", "Reserving…";
    ReserveOutOfStock => "刚刚被抢光了：这家门店已没有足够的库存。请减少数量或选择其他门店。", "Just sold out: this store no longer has enough. Lower the quantity or choose another store.";
    ReserveFailed => "预留没有成功，请稍后重试。", "The reservation didn't go through. Please try again.";
    PickupPass => "自提凭证", "Pickup pass";
    ReservationCode => "预留码", "Reservation code";
    ShowAtTill => "到店后出示此二维码或预留码。", "Show this QR code or the code at the till.";
    HeldUntil => "保留至", "Held until";
    CancelReservation => "取消预留", "Cancel reservation";
    ConfirmCancel => "确定取消这次预留吗？商品将释放给其他顾客。", "Cancel this reservation? The item will be released to other shoppers.";
    PickupStore => "取货门店", "Pickup store";
    StatusActive => "预留中", "Reserved";
    StatusCollected => "已取货", "Collected";
    StatusCancelled => "已取消", "Cancelled";
    StatusExpired => "已过期", "Expired";
    GuideAppointments => "导购预约", "Shopping-guide appointments";
    CancelAppointment => "取消预约", "Cancel appointment";
    ConfirmCancelAppointment => "确定取消这次导购预约吗？", "Cancel this shopping-guide appointment?";
    NoReservations => "还没有预留。在商品页选择门店即可预留，到店自提。", "No reservations yet. Reserve an item on its product page and collect it in store.";
    ReservationKeptHere => "预留凭证保存在这台设备上。", "Your passes are kept on this device.";
    Item => "商品", "Item";
    Reserve => "预留到店自提", "Reserve for pickup";
    ReadyBy => "可取货时间", "Ready from";
    CheckingStores => "正在查询各门店库存…", "Checking the stores…";
    StockUnavailable => "暂时无法获取库存。", "Stock can't be shown right now.";
    NoPickup => "该店不提供自提", "No pickup at this store";
    QrAlt => "预留码二维码", "QR code of the reservation code";
    Booked => "已预约", "Booked";
    VirtualTour => "虚拟逛店", "Virtual tour";
}
