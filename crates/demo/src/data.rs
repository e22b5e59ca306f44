//! Fixed word lists and reference data of the demo brand. Brands are invented.

/// The silhouette a generated picture draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A top (tee, blouse, knit).
    Top,
    /// A button-up shirt with a collar.
    Shirt,
    /// A dress.
    Dress,
    /// Trousers.
    Trousers,
    /// A jacket or coat.
    Jacket,
    /// A shoe.
    Shoe,
    /// A sandal (straps over an open footbed).
    Sandal,
    /// A boot.
    Boot,
    /// A bag.
    Bag,
    /// A backpack.
    Backpack,
    /// A scarf.
    Scarf,
    /// A hat.
    Hat,
    /// A mug.
    Mug,
    /// A lamp.
    Lamp,
    /// A pillow.
    Pillow,
    /// A candle.
    Candle,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 16] = [
        Kind::Top,
        Kind::Shirt,
        Kind::Dress,
        Kind::Trousers,
        Kind::Jacket,
        Kind::Shoe,
        Kind::Sandal,
        Kind::Boot,
        Kind::Bag,
        Kind::Backpack,
        Kind::Scarf,
        Kind::Hat,
        Kind::Mug,
        Kind::Lamp,
        Kind::Pillow,
        Kind::Candle,
    ];

    /// The stored name (`shoe`, `bag`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Top => "top",
            Kind::Shirt => "shirt",
            Kind::Dress => "dress",
            Kind::Trousers => "trousers",
            Kind::Jacket => "jacket",
            Kind::Shoe => "shoe",
            Kind::Sandal => "sandal",
            Kind::Boot => "boot",
            Kind::Bag => "bag",
            Kind::Backpack => "backpack",
            Kind::Scarf => "scarf",
            Kind::Hat => "hat",
            Kind::Mug => "mug",
            Kind::Lamp => "lamp",
            Kind::Pillow => "pillow",
            Kind::Candle => "candle",
        }
    }

    /// The kind the virtual tour shows it as: its shelves and figures draw a shirt like
    /// any top and a sandal like any shoe.
    pub fn on_display(self) -> Kind {
        match self {
            Kind::Shirt => Kind::Top,
            Kind::Sandal => Kind::Shoe,
            k => k,
        }
    }

    /// The kind of a stored name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Which size option a category's products have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sizes {
    /// XS–XXL.
    Clothing,
    /// EU 36–45.
    Shoes,
    /// One size.
    OneSize,
    /// No size option at all (homeware).
    None,
}

/// Clothing sizes, smallest first.
pub const CLOTHING_SIZES: [&str; 6] = ["XS", "S", "M", "L", "XL", "XXL"];
/// Shoe sizes (EU), smallest first.
pub const SHOE_SIZES: [&str; 10] = ["36", "37", "38", "39", "40", "41", "42", "43", "44", "45"];

/// A text in Chinese and English.
pub type Pair = (&'static str, &'static str);

/// A leaf category and what its products are made of.
pub struct Leaf {
    /// Key in ids.
    pub key: &'static str,
    /// URL slug.
    pub slug: &'static str,
    /// Name.
    pub name: Pair,
    /// The kind of product (the silhouette its pictures draw).
    pub kind: Kind,
    /// Size scale.
    pub sizes: Sizes,
    /// Item words (zh, en).
    pub items: &'static [Pair],
    /// Material words (zh, en).
    pub materials: &'static [Pair],
    /// Price range in whole yuan.
    pub price: (u32, u32),
}

/// A top-level category with its leaves.
pub struct Top {
    /// Key in ids.
    pub key: &'static str,
    /// URL slug.
    pub slug: &'static str,
    /// Name.
    pub name: Pair,
    /// The kind of product (the silhouette its pictures draw).
    pub kind: Kind,
    /// Hue of its picture, degrees.
    pub hue: u32,
    /// Brands.
    pub brands: &'static [&'static str],
    /// Adjectives of product names.
    pub adjectives: &'static [Pair],
    /// First sentence; `{m}`/`{i}` are replaced by material and item.
    pub intros: &'static [Pair],
    /// Sentences of descriptions.
    pub sentences: &'static [Pair],
    /// Leaf categories.
    pub leaves: &'static [Leaf],
}

/// Series words, put in front of a name once a category's combinations of adjective,
/// material and item are used up (see `names`): none shares a word with another name word.
pub const SERIES: &[Pair] = &[
    ("晨光", "Dawn"),
    ("暮色", "Dusk"),
    ("海岸", "Coastline"),
    ("山野", "Highland"),
    ("溪谷", "Valley"),
    ("松林", "Pinewood"),
    ("湖畔", "Lakeside"),
    ("原野", "Meadow"),
    ("星河", "Starlight"),
    ("雪峰", "Summit"),
    ("月影", "Moonlit"),
    ("石溪", "Brook"),
    ("极光", "Aurora"),
    ("沙丘", "Dune"),
    ("花信", "Blossom"),
    ("枫林", "Maple"),
];

/// Words (English forms) that do not go together in one name: a material that says the
/// item again (denim jeans: 丹宁牛仔裤), a material the item is never made of (wool
/// jeans, a poplin knit, a cashmere down jacket) or an adjective the other word contradicts
/// (slim-fit wide-leg trousers, water-repellent mesh). See `names`.
pub const CLASHES: &[(&str, &str)] = &[
    ("Denim", "Jeans"),
    ("Denim", "High-rise Jeans"),
    ("Linen", "Jeans"),
    ("Linen", "High-rise Jeans"),
    ("Wool", "Jeans"),
    ("Wool", "High-rise Jeans"),
    ("Denim", "Chinos"),
    ("Denim", "Tailored Trousers"),
    ("Slim-fit", "Wide-leg Trousers"),
    ("Relaxed", "Tailored Trousers"),
    ("Wool", "Down Jacket"),
    ("Wool", "Long Down Coat"),
    ("Cashmere", "Down Jacket"),
    ("Cashmere", "Long Down Coat"),
    ("Cotton", "Down Jacket"),
    ("Cotton", "Long Down Coat"),
    ("Corduroy", "Down Jacket"),
    ("Corduroy", "Long Down Coat"),
    ("Poplin", "Knit Dress"),
    ("Poplin", "Knit Top"),
    ("Poplin", "Oxford Shirt"),
    ("Silk", "Oxford Shirt"),
    ("Cashmere", "Oxford Shirt"),
    ("Merino", "Oxford Shirt"),
    ("Water-repellent", "Mesh"),
    ("Wool", "Pillowcase"),
];

const CLOTHING_MATERIALS: &[Pair] = &[
    ("纯棉", "Cotton"),
    ("亚麻", "Linen"),
    ("真丝", "Silk"),
    ("美利奴羊毛", "Merino"),
    ("羊绒", "Cashmere"),
    ("天丝", "Tencel"),
    ("府绸", "Poplin"),
];

/// Trousers and jeans.
const TROUSER_MATERIALS: &[Pair] = &[
    ("纯棉", "Cotton"),
    ("丹宁", "Denim"),
    ("弹力棉", "Stretch Cotton"),
    ("亚麻", "Linen"),
    ("羊毛", "Wool"),
    ("天丝", "Tencel"),
];

/// Coats, jackets and down.
const OUTER_MATERIALS: &[Pair] = &[
    ("羊毛", "Wool"),
    ("羊绒", "Cashmere"),
    ("尼龙", "Nylon"),
    ("纯棉", "Cotton"),
    ("灯芯绒", "Corduroy"),
    ("防风面料", "Windproof"),
];

const CLOTHING_ADJECTIVES: &[Pair] = &[
    ("轻盈", "Featherlight"),
    ("经典", "Classic"),
    ("简约", "Minimal"),
    ("复古", "Retro"),
    ("宽松", "Relaxed"),
    ("修身", "Slim-fit"),
    ("通勤", "Commuter"),
    ("柔软", "Soft-touch"),
    ("垂坠", "Fluid"),
    ("都市", "City"),
];

const CLOTHING_INTROS: &[Pair] = &[
    (
        "{m}面料{i}，版型利落，日常通勤与周末出行都合适。",
        "A {i} cut from {m}, with a clean line for the office and the weekend alike.",
    ),
    (
        "这款{i}选用{m}面料，上身舒适自在。",
        "This {i} is made from {m} and feels easy from the first wear.",
    ),
    (
        "{m}{i}，简洁的设计经得起时间。",
        "A {m} {i} with a simple design that lasts beyond one season.",
    ),
];

const CLOTHING_SENTENCES: &[Pair] = &[
    (
        "面料亲肤透气，久穿也不闷热。",
        "The fabric is soft against the skin and breathes all day.",
    ),
    (
        "细节处采用双针缝线，耐穿不易变形。",
        "Twin-needle seams keep its shape wash after wash.",
    ),
    (
        "建议冷水手洗或轻柔机洗，平铺晾干。",
        "Hand wash cold or machine wash gentle, then dry flat.",
    ),
    (
        "可与同系列单品自由搭配。",
        "Pairs easily with the rest of the collection.",
    ),
    (
        "模特身高175厘米，穿着M码。",
        "The model is 175 cm tall and wears size M.",
    ),
    (
        "正常尺码，介于两码之间建议选大一码。",
        "True to size; between sizes, take the larger one.",
    ),
];

/// The category tree of the demo catalogue.
pub const TOPS: &[Top] = &[
    Top {
        key: "women",
        slug: "women",
        name: ("女装", "Women"),
        kind: Kind::Dress,
        hue: 340,
        brands: &["Solenne", "Mooncrest", "Linwei Studio"],
        adjectives: CLOTHING_ADJECTIVES,
        intros: CLOTHING_INTROS,
        sentences: CLOTHING_SENTENCES,
        leaves: &[
            Leaf {
                key: "dresses",
                slug: "women-dresses",
                name: ("连衣裙", "Dresses"),
                kind: Kind::Dress,
                sizes: Sizes::Clothing,
                items: &[
                    ("连衣裙", "Dress"),
                    ("衬衫裙", "Shirt Dress"),
                    ("吊带裙", "Slip Dress"),
                    ("针织裙", "Knit Dress"),
                ],
                materials: CLOTHING_MATERIALS,
                price: (199, 1299),
            },
            Leaf {
                key: "tops",
                slug: "women-tops",
                name: ("上衣", "Tops"),
                kind: Kind::Top,
                sizes: Sizes::Clothing,
                items: &[
                    ("系带衬衫", "Tie-neck Blouse"),
                    ("短袖T恤", "Short-sleeve Tee"),
                    ("针织衫", "Knit Top"),
                    ("背心", "Camisole"),
                ],
                materials: CLOTHING_MATERIALS,
                price: (89, 699),
            },
            Leaf {
                key: "trousers",
                slug: "women-trousers",
                name: ("裤装", "Trousers"),
                kind: Kind::Trousers,
                sizes: Sizes::Clothing,
                items: &[
                    ("阔腿裤", "Wide-leg Trousers"),
                    ("直筒裤", "Straight Trousers"),
                    ("九分裤", "Cropped Trousers"),
                    ("高腰牛仔裤", "High-rise Jeans"),
                ],
                materials: TROUSER_MATERIALS,
                price: (159, 899),
            },
            Leaf {
                key: "coats",
                slug: "women-coats",
                name: ("外套", "Coats & Jackets"),
                kind: Kind::Jacket,
                sizes: Sizes::Clothing,
                items: &[
                    ("风衣", "Trench Coat"),
                    ("西装外套", "Blazer"),
                    ("短款外套", "Cropped Jacket"),
                    ("长款羽绒服", "Long Down Coat"),
                ],
                materials: OUTER_MATERIALS,
                price: (399, 2999),
            },
        ],
    },
    Top {
        key: "men",
        slug: "men",
        name: ("男装", "Men"),
        kind: Kind::Top,
        hue: 212,
        brands: &["Halden", "Ashgrove", "Northshore"],
        adjectives: CLOTHING_ADJECTIVES,
        intros: CLOTHING_INTROS,
        sentences: CLOTHING_SENTENCES,
        leaves: &[
            Leaf {
                key: "shirts",
                slug: "men-shirts",
                name: ("衬衫", "Shirts"),
                kind: Kind::Shirt,
                sizes: Sizes::Clothing,
                items: &[
                    ("衬衫", "Shirt"),
                    ("牛津纺衬衫", "Oxford Shirt"),
                    ("立领衬衫", "Band-collar Shirt"),
                ],
                materials: CLOTHING_MATERIALS,
                price: (159, 799),
            },
            Leaf {
                key: "tees",
                slug: "men-t-shirts",
                name: ("T恤", "T-shirts"),
                kind: Kind::Top,
                sizes: Sizes::Clothing,
                items: &[
                    ("T恤", "T-shirt"),
                    ("圆领T恤", "Crew-neck Tee"),
                    ("Polo衫", "Polo Shirt"),
                ],
                materials: CLOTHING_MATERIALS,
                price: (59, 299),
            },
            Leaf {
                key: "trousers",
                slug: "men-trousers",
                name: ("男裤", "Trousers"),
                kind: Kind::Trousers,
                sizes: Sizes::Clothing,
                items: &[
                    ("休闲裤", "Chinos"),
                    ("西裤", "Tailored Trousers"),
                    ("束脚裤", "Joggers"),
                    ("牛仔裤", "Jeans"),
                ],
                materials: TROUSER_MATERIALS,
                price: (199, 899),
            },
            Leaf {
                key: "outerwear",
                slug: "men-outerwear",
                name: ("外套", "Outerwear"),
                kind: Kind::Jacket,
                sizes: Sizes::Clothing,
                items: &[
                    ("夹克", "Jacket"),
                    ("大衣", "Overcoat"),
                    ("工装外套", "Chore Jacket"),
                    ("羽绒服", "Down Jacket"),
                ],
                materials: OUTER_MATERIALS,
                price: (499, 2999),
            },
        ],
    },
    Top {
        key: "shoes",
        slug: "shoes",
        name: ("鞋履", "Shoes"),
        kind: Kind::Shoe,
        hue: 28,
        brands: &["Northshore", "Kestrel & Co.", "Tidewell"],
        adjectives: &[
            ("轻盈", "Featherlight"),
            ("透气", "Breathable"),
            ("缓震", "Cushioned"),
            ("经典", "Classic"),
            ("复古", "Retro"),
            ("都市", "City"),
            ("防泼水", "Water-repellent"),
            ("百搭", "Everyday"),
        ],
        intros: &[
            (
                "{m}鞋面的{i}，脚感轻快，适合整天穿着。",
                "{i} with a {m} upper that feels light from morning to night.",
            ),
            (
                "这双{i}采用{m}鞋面，包裹稳定又不压脚。",
                "These {i} pair a {m} upper with a secure yet roomy fit.",
            ),
        ],
        sentences: &[
            (
                "EVA中底回弹柔和，久走不累。",
                "A springy EVA midsole keeps long walks comfortable.",
            ),
            (
                "橡胶大底防滑耐磨。",
                "The rubber outsole grips well and wears slowly.",
            ),
            (
                "鞋垫可拆卸，方便清洁。",
                "The insole lifts out for easy cleaning.",
            ),
            (
                "尺码偏大半码，建议选小半码。",
                "Runs half a size large; consider sizing down.",
            ),
            ("附赠一副备用鞋带。", "Comes with a spare pair of laces."),
        ],
        leaves: &[
            Leaf {
                key: "running",
                slug: "running-shoes",
                name: ("跑步鞋", "Running Shoes"),
                kind: Kind::Shoe,
                sizes: Sizes::Shoes,
                items: &[
                    ("跑步鞋", "Running Shoes"),
                    ("竞速跑鞋", "Racing Flats"),
                    ("越野跑鞋", "Trail Runners"),
                    ("运动鞋", "Training Shoes"),
                ],
                materials: &[("网面", "Mesh"), ("飞织", "Knit"), ("透气网布", "Airmesh")],
                price: (299, 1299),
            },
            Leaf {
                key: "sneakers",
                slug: "sneakers",
                name: ("休闲鞋", "Sneakers"),
                kind: Kind::Shoe,
                sizes: Sizes::Shoes,
                items: &[
                    ("板鞋", "Court Sneakers"),
                    ("低帮鞋", "Low-tops"),
                    ("德训鞋", "Trainers"),
                    ("运动鞋", "Sneakers"),
                ],
                materials: &[
                    ("帆布", "Canvas"),
                    ("麂皮", "Suede"),
                    ("小牛皮", "Calfskin"),
                ],
                price: (199, 999),
            },
            Leaf {
                key: "boots",
                slug: "boots",
                name: ("靴子", "Boots"),
                kind: Kind::Boot,
                sizes: Sizes::Shoes,
                items: &[
                    ("切尔西靴", "Chelsea Boots"),
                    ("马丁靴", "Lace-up Boots"),
                    ("短靴", "Ankle Boots"),
                ],
                materials: &[
                    ("麂皮", "Suede"),
                    ("牛皮", "Leather"),
                    ("油蜡皮", "Waxed Leather"),
                ],
                price: (599, 1999),
            },
            Leaf {
                key: "sandals",
                slug: "sandals",
                name: ("凉鞋", "Sandals"),
                kind: Kind::Sandal,
                sizes: Sizes::Shoes,
                items: &[
                    ("凉鞋", "Sandals"),
                    ("穆勒鞋", "Mules"),
                    ("人字拖", "Flip-flops"),
                ],
                materials: &[
                    ("软木", "Cork"),
                    ("植鞣皮", "Veg-tan Leather"),
                    ("织带", "Webbing"),
                ],
                price: (129, 799),
            },
        ],
    },
    Top {
        key: "accessories",
        slug: "bags-accessories",
        name: ("包袋配饰", "Bags & Accessories"),
        kind: Kind::Bag,
        hue: 160,
        brands: &["Ferncliff", "Lumen Row", "Yunshan"],
        adjectives: &[
            ("经典", "Classic"),
            ("简约", "Minimal"),
            ("复古", "Retro"),
            ("通勤", "Commuter"),
            ("轻便", "Lightweight"),
            ("都市", "City"),
            ("柔软", "Soft"),
        ],
        intros: &[
            (
                "{m}{i}，做工细致，日常出行的好伙伴。",
                "A carefully made {m} {i}, an easy companion for every day.",
            ),
            (
                "这款{i}采用{m}，越用越有味道。",
                "This {i} is made of {m} and only gets better with use.",
            ),
        ],
        sentences: &[
            (
                "五金件经过防氧化处理。",
                "The hardware is treated against tarnish.",
            ),
            (
                "内衬设有多个分隔袋，收纳有序。",
                "Inner pockets keep small things in order.",
            ),
            ("附赠防尘袋。", "Comes with a dust bag."),
            (
                "适合送礼，门店可提供礼品包装。",
                "Makes a good gift; our stores can gift-wrap it.",
            ),
        ],
        leaves: &[
            Leaf {
                key: "handbags",
                slug: "handbags",
                name: ("手提包", "Handbags"),
                kind: Kind::Bag,
                sizes: Sizes::OneSize,
                items: &[
                    ("托特包", "Tote"),
                    ("手提包", "Handbag"),
                    ("斜挎包", "Crossbody Bag"),
                ],
                materials: &[
                    ("头层牛皮", "Leather"),
                    ("尼龙", "Nylon"),
                    ("帆布", "Canvas"),
                ],
                price: (199, 2999),
            },
            Leaf {
                key: "backpacks",
                slug: "backpacks",
                name: ("双肩包", "Backpacks"),
                kind: Kind::Backpack,
                sizes: Sizes::OneSize,
                items: &[
                    ("双肩包", "Backpack"),
                    ("电脑包", "Laptop Backpack"),
                    ("旅行背包", "Travel Pack"),
                    ("背包", "Daypack"),
                ],
                materials: &[
                    ("尼龙", "Nylon"),
                    ("防泼水帆布", "Waxed Canvas"),
                    ("再生涤纶", "Recycled Polyester"),
                ],
                price: (249, 1499),
            },
            Leaf {
                key: "scarves",
                slug: "scarves",
                name: ("围巾", "Scarves"),
                kind: Kind::Scarf,
                sizes: Sizes::OneSize,
                items: &[
                    ("围巾", "Scarf"),
                    ("披肩", "Wrap"),
                    ("方巾", "Square Scarf"),
                ],
                materials: &[("羊绒", "Cashmere"), ("真丝", "Silk"), ("羊毛", "Wool")],
                price: (99, 899),
            },
            Leaf {
                key: "hats",
                slug: "hats",
                name: ("帽子", "Hats"),
                kind: Kind::Hat,
                sizes: Sizes::OneSize,
                items: &[
                    ("渔夫帽", "Bucket Hat"),
                    ("棒球帽", "Cap"),
                    ("毛线帽", "Beanie"),
                ],
                materials: &[("纯棉", "Cotton"), ("羊毛", "Wool"), ("灯芯绒", "Corduroy")],
                price: (79, 399),
            },
        ],
    },
    Top {
        key: "home",
        slug: "home",
        name: ("家居", "Home & Living"),
        kind: Kind::Lamp,
        hue: 95,
        brands: &["Baili Home", "Qingmu", "Hearthwell"],
        adjectives: &[
            ("简约", "Minimal"),
            ("手作", "Handmade"),
            ("北欧", "Nordic"),
            ("温润", "Mellow"),
            ("复古", "Retro"),
            ("静谧", "Quiet"),
        ],
        intros: &[
            (
                "{m}{i}，为日常生活添一份安静的美。",
                "A {m} {i} that brings a quiet beauty to everyday life.",
            ),
            (
                "这款{i}由{m}制成，手感温润。",
                "This {i} is made of {m} and feels good in the hand.",
            ),
        ],
        sentences: &[
            (
                "每件都略有不同，这正是手作的魅力。",
                "Each piece differs slightly, which is the charm of handwork.",
            ),
            (
                "适合客厅、卧室或书房。",
                "At home in the living room, bedroom or study.",
            ),
            ("请勿使用含研磨成分的清洁剂。", "Avoid abrasive cleaners."),
            (
                "礼盒包装，送礼自用皆宜。",
                "Gift-boxed, to give or to keep.",
            ),
        ],
        leaves: &[
            Leaf {
                key: "mugs",
                slug: "mugs-cups",
                name: ("杯具", "Mugs & Cups"),
                kind: Kind::Mug,
                sizes: Sizes::None,
                items: &[
                    ("马克杯", "Mug"),
                    ("茶杯", "Teacup"),
                    ("咖啡杯", "Coffee Cup"),
                ],
                materials: &[
                    ("陶瓷", "Ceramic"),
                    ("粗陶", "Stoneware"),
                    ("骨瓷", "Bone China"),
                ],
                price: (59, 259),
            },
            Leaf {
                key: "lamps",
                slug: "lamps",
                name: ("灯具", "Lamps"),
                kind: Kind::Lamp,
                sizes: Sizes::None,
                items: &[
                    ("台灯", "Table Lamp"),
                    ("床头灯", "Bedside Lamp"),
                    ("落地灯", "Floor Lamp"),
                ],
                materials: &[
                    ("黄铜", "Brass"),
                    ("亚麻灯罩", "Linen-shade"),
                    ("胡桃木", "Walnut"),
                ],
                price: (199, 1699),
            },
            Leaf {
                key: "bedding",
                slug: "bedding",
                name: ("床品", "Bedding"),
                kind: Kind::Pillow,
                sizes: Sizes::None,
                items: &[
                    ("抱枕", "Cushion"),
                    ("枕套", "Pillowcase"),
                    ("盖毯", "Throw"),
                ],
                materials: &[
                    ("亚麻", "Linen"),
                    ("水洗棉", "Washed Cotton"),
                    ("羊毛", "Wool"),
                ],
                price: (99, 899),
            },
            Leaf {
                key: "candles",
                slug: "candles",
                name: ("香薰", "Candles & Scents"),
                kind: Kind::Candle,
                sizes: Sizes::None,
                items: &[
                    ("香薰蜡烛", "Scented Candle"),
                    ("香薰", "Diffuser"),
                    ("旅行蜡烛", "Travel Candle"),
                ],
                materials: &[
                    ("大豆蜡", "Soy Wax"),
                    ("蜂蜡", "Beeswax"),
                    ("木质调", "Woody"),
                ],
                price: (89, 459),
            },
        ],
    },
];

/// Colour code, zh label, en label, swatch.
pub type Colour = (&'static str, &'static str, &'static str, &'static str);

/// The colours of the demo catalogue.
pub const COLOURS: &[Colour] = &[
    ("black", "黑色", "Black", "#1f2937"),
    ("white", "白色", "White", "#f8fafc"),
    ("ivory", "米白", "Ivory", "#f3ead8"),
    ("navy", "藏青", "Navy", "#1e3a5f"),
    ("grey", "灰色", "Grey", "#9ca3af"),
    ("camel", "驼色", "Camel", "#c19a6b"),
    ("olive", "橄榄绿", "Olive", "#6b7c3f"),
    ("burgundy", "酒红", "Burgundy", "#7f1d1d"),
    ("sky", "天蓝", "Sky Blue", "#7dd3fc"),
    ("blush", "浅粉", "Blush", "#f4b8c0"),
    ("sage", "鼠尾草绿", "Sage", "#a3b18a"),
    ("mustard", "芥末黄", "Mustard", "#d4a017"),
    ("terracotta", "陶土红", "Terracotta", "#c2633a"),
];

/// Image angles: code, zh, en.
pub const ANGLES: &[(&str, &str, &str)] = &[
    ("front", "正面", "front view"),
    ("side", "侧面", "side view"),
    ("back", "背面", "back view"),
    ("detail", "细节", "detail"),
];

/// A demo store: names, address, location, time zone, weekly hours and services.
pub struct StoreDef {
    /// Its id.
    pub id: &'static str,
    /// URL slug.
    pub slug: &'static str,
    /// Name.
    pub name: Pair,
    /// City (Chinese, English).
    pub city: Pair,
    /// Address (Chinese, English).
    pub address: Pair,
    /// Phone number.
    pub phone: &'static str,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lng: f64,
    /// IANA time zone.
    pub time_zone: &'static str,
    /// Monday first; `None` = closed.
    pub hours: [Option<(&'static str, &'static str)>; 7],
    /// Services offered.
    pub services: &'static [&'static str],
}

const DAY: Option<(&str, &str)> = Some(("10:00", "22:00"));
const ALL_SERVICES: &[&str] = &["pickup", "fitting_rooms", "shopping_guide", "returns"];

/// The demo stores.
pub const STORES: &[StoreDef] = &[
    StoreDef {
        id: "s_sh_jingan",
        slug: "shanghai-jingan",
        name: ("上海静安店", "Shanghai Jing'an"),
        city: ("上海", "Shanghai"),
        address: (
            "上海市静安区南京西路1515号1层",
            "1F, 1515 West Nanjing Road, Jing'an District, Shanghai",
        ),
        phone: "021-6218-3360",
        lat: 31.2243,
        lng: 121.4468,
        time_zone: "Asia/Shanghai",
        hours: [DAY, DAY, DAY, DAY, DAY, DAY, DAY],
        services: ALL_SERVICES,
    },
    StoreDef {
        id: "s_sh_xintiandi",
        slug: "shanghai-xintiandi",
        name: ("上海新天地店", "Shanghai Xintiandi"),
        city: ("上海", "Shanghai"),
        address: (
            "上海市黄浦区马当路245号",
            "245 Madang Road, Huangpu District, Shanghai",
        ),
        phone: "021-6386-0817",
        lat: 31.2197,
        lng: 121.4747,
        time_zone: "Asia/Shanghai",
        // Late nights at the weekend: Friday and Saturday close at 02:00 the next morning.
        hours: [
            DAY,
            DAY,
            DAY,
            DAY,
            Some(("10:00", "02:00")),
            Some(("10:00", "02:00")),
            DAY,
        ],
        services: &["pickup", "fitting_rooms", "returns"],
    },
    StoreDef {
        id: "s_sh_lujiazui",
        slug: "shanghai-lujiazui",
        name: ("上海陆家嘴店", "Shanghai Lujiazui"),
        city: ("上海", "Shanghai"),
        address: (
            "上海市浦东新区世纪大道8号B1层",
            "B1, 8 Century Avenue, Pudong New Area, Shanghai",
        ),
        phone: "021-6877-2095",
        lat: 31.2376,
        lng: 121.5020,
        time_zone: "Asia/Shanghai",
        hours: [DAY, DAY, DAY, DAY, DAY, DAY, DAY],
        services: &["pickup", "returns"],
    },
    StoreDef {
        id: "s_bj_sanlitun",
        slug: "beijing-sanlitun",
        name: ("北京三里屯店", "Beijing Sanlitun"),
        city: ("北京", "Beijing"),
        address: (
            "北京市朝阳区三里屯路19号院",
            "Courtyard 19, Sanlitun Road, Chaoyang District, Beijing",
        ),
        phone: "010-6417-5528",
        lat: 39.9337,
        lng: 116.4548,
        time_zone: "Asia/Shanghai",
        hours: [DAY, DAY, DAY, DAY, DAY, DAY, DAY],
        services: ALL_SERVICES,
    },
    StoreDef {
        id: "s_bj_xidan",
        slug: "beijing-xidan",
        name: ("北京西单店", "Beijing Xidan"),
        city: ("北京", "Beijing"),
        address: (
            "北京市西城区西单北大街120号",
            "120 North Xidan Street, Xicheng District, Beijing",
        ),
        phone: "010-6602-4471",
        lat: 39.9107,
        lng: 116.3737,
        time_zone: "Asia/Shanghai",
        hours: [DAY, DAY, DAY, DAY, DAY, DAY, DAY],
        services: &["pickup", "fitting_rooms", "shopping_guide"],
    },
    StoreDef {
        id: "s_hz_hubin",
        slug: "hangzhou-hubin",
        name: ("杭州湖滨店", "Hangzhou Hubin"),
        city: ("杭州", "Hangzhou"),
        address: (
            "杭州市上城区延安路258号",
            "258 Yan'an Road, Shangcheng District, Hangzhou",
        ),
        phone: "0571-8706-3312",
        lat: 30.2581,
        lng: 120.1636,
        time_zone: "Asia/Shanghai",
        // Closed on Mondays.
        hours: [None, DAY, DAY, DAY, DAY, DAY, DAY],
        services: &["pickup", "fitting_rooms"],
    },
    StoreDef {
        id: "s_cd_chunxi",
        slug: "chengdu-chunxi",
        name: ("成都春熙路店", "Chengdu Chunxi Road"),
        city: ("成都", "Chengdu"),
        address: (
            "成都市锦江区中纱帽街8号",
            "8 Zhongshamao Street, Jinjiang District, Chengdu",
        ),
        phone: "028-8666-0923",
        lat: 30.6543,
        lng: 104.0834,
        time_zone: "Asia/Shanghai",
        hours: [
            DAY,
            DAY,
            DAY,
            DAY,
            Some(("10:00", "22:30")),
            Some(("10:00", "22:30")),
            DAY,
        ],
        services: ALL_SERVICES,
    },
    StoreDef {
        id: "s_urumqi_youhao",
        slug: "urumqi-youhao",
        name: ("乌鲁木齐友好店", "Ürümqi Youhao"),
        city: ("乌鲁木齐", "Ürümqi"),
        address: (
            "乌鲁木齐市沙依巴克区友好南路668号",
            "668 South Youhao Road, Saybag District, Ürümqi",
        ),
        phone: "0991-4816-275",
        lat: 43.8066,
        lng: 87.5945,
        time_zone: "Asia/Urumqi",
        // Local rhythm: opens and closes later.
        hours: [
            Some(("11:00", "23:00")),
            Some(("11:00", "23:00")),
            Some(("11:00", "23:00")),
            Some(("11:00", "23:00")),
            Some(("11:00", "23:30")),
            Some(("11:00", "23:30")),
            Some(("11:00", "23:00")),
        ],
        services: &["pickup", "returns"],
    },
    StoreDef {
        id: "s_sz_futian",
        slug: "shenzhen-futian",
        name: ("深圳福田店", "Shenzhen Futian"),
        city: ("深圳", "Shenzhen"),
        address: (
            "深圳市福田区福华三路268号L2层",
            "L2, 268 Fuhua 3rd Road, Futian District, Shenzhen",
        ),
        phone: "0755-8279-4410",
        lat: 22.5333,
        lng: 114.0550,
        time_zone: "Asia/Shanghai",
        hours: [DAY, DAY, DAY, DAY, DAY, DAY, DAY],
        services: ALL_SERVICES,
    },
    StoreDef {
        id: "s_sz_nanshan",
        slug: "shenzhen-nanshan",
        name: ("深圳南山海岸城店", "Shenzhen Nanshan Coastal City"),
        city: ("深圳", "Shenzhen"),
        address: (
            "深圳市南山区文心五路33号",
            "33 Wenxin 5th Road, Nanshan District, Shenzhen",
        ),
        phone: "0755-8663-1209",
        lat: 22.5170,
        lng: 113.9360,
        time_zone: "Asia/Shanghai",
        hours: [
            DAY,
            DAY,
            DAY,
            DAY,
            Some(("10:00", "22:30")),
            Some(("10:00", "22:30")),
            DAY,
        ],
        services: &["pickup", "fitting_rooms", "returns"],
    },
    StoreDef {
        id: "s_gz_tianhe",
        slug: "guangzhou-tianhe",
        name: ("广州天河店", "Guangzhou Tianhe"),
        city: ("广州", "Guangzhou"),
        address: (
            "广州市天河区天河路383号",
            "383 Tianhe Road, Tianhe District, Guangzhou",
        ),
        phone: "020-3884-6602",
        lat: 23.1322,
        lng: 113.3270,
        time_zone: "Asia/Shanghai",
        hours: [DAY, DAY, DAY, DAY, DAY, DAY, DAY],
        services: ALL_SERVICES,
    },
    StoreDef {
        id: "s_gz_beijinglu",
        slug: "guangzhou-beijing-road",
        name: ("广州北京路店", "Guangzhou Beijing Road"),
        city: ("广州", "Guangzhou"),
        address: (
            "广州市越秀区北京路168号",
            "168 Beijing Road, Yuexiu District, Guangzhou",
        ),
        phone: "020-8333-7150",
        lat: 23.1255,
        lng: 113.2690,
        time_zone: "Asia/Shanghai",
        // A small shop: no reserve-for-pickup.
        hours: [DAY, DAY, DAY, DAY, DAY, DAY, DAY],
        services: &["fitting_rooms", "shopping_guide"],
    },
    StoreDef {
        id: "s_hz_xixi",
        slug: "hangzhou-xixi",
        name: ("杭州西溪店", "Hangzhou Xixi"),
        city: ("杭州", "Hangzhou"),
        address: (
            "杭州市西湖区文二西路551号",
            "551 West Wen'er Road, Xihu District, Hangzhou",
        ),
        phone: "0571-8896-2047",
        lat: 30.2790,
        lng: 120.0810,
        time_zone: "Asia/Shanghai",
        hours: [DAY, DAY, DAY, DAY, DAY, DAY, DAY],
        services: &["pickup", "returns"],
    },
    StoreDef {
        id: "s_cd_taikooli",
        slug: "chengdu-taikoo-li",
        name: ("成都太古里店", "Chengdu Taikoo Li"),
        city: ("成都", "Chengdu"),
        address: (
            "成都市锦江区中纱帽街8号太古里L1层",
            "L1, Taikoo Li, 8 Zhongshamao Street, Jinjiang District, Chengdu",
        ),
        phone: "028-8620-1138",
        lat: 30.6520,
        lng: 104.0860,
        time_zone: "Asia/Shanghai",
        hours: [DAY, DAY, DAY, DAY, DAY, DAY, DAY],
        services: &["pickup", "fitting_rooms", "shopping_guide"],
    },
];

/// A date whose hours differ from the weekly pattern, for some stores.
#[derive(Debug, Clone, Copy)]
pub struct ExceptionDef {
    /// The stores.
    pub stores: &'static [&'static str],
    /// `YYYY-MM-DD`, the stores' local date.
    pub date: &'static str,
    /// `None` = closed all day.
    pub hours: Option<(&'static str, &'static str)>,
    /// What the day is (Chinese, English).
    pub note: Pair,
}

const SHANGHAI_STORES: &[&str] = &["s_sh_jingan", "s_sh_xintiandi", "s_sh_lujiazui"];
const EVERY_STORE_BUT_XINTIANDI: &[&str] = &[
    "s_sh_jingan",
    "s_sh_lujiazui",
    "s_bj_sanlitun",
    "s_bj_xidan",
    "s_hz_hubin",
    "s_cd_chunxi",
    "s_urumqi_youhao",
    "s_sz_futian",
    "s_sz_nanshan",
    "s_gz_tianhe",
    "s_gz_beijinglu",
    "s_hz_xixi",
    "s_cd_taikooli",
];
const SPRING_FESTIVAL_CLOSED: &[&str] = &[
    "s_bj_sanlitun",
    "s_bj_xidan",
    "s_hz_hubin",
    "s_cd_chunxi",
    "s_urumqi_youhao",
    "s_gz_beijinglu",
];
const SPRING_FESTIVAL: Pair = ("春节休息", "Closed for the Spring Festival");

/// Fixed holiday hours of the demo stores.
pub const HOURS_EXCEPTIONS: &[ExceptionDef] = &[
    ExceptionDef {
        stores: SHANGHAI_STORES,
        date: "2026-12-24",
        hours: Some(("10:00", "23:30")),
        note: ("平安夜延长营业", "Christmas Eve: open late"),
    },
    ExceptionDef {
        stores: &["s_sh_xintiandi"],
        date: "2026-12-31",
        hours: Some(("10:00", "03:00")),
        note: (
            "跨年夜通宵营业至凌晨3点",
            "New Year's Eve: open until 03:00",
        ),
    },
    ExceptionDef {
        stores: EVERY_STORE_BUT_XINTIANDI,
        date: "2026-12-31",
        hours: Some(("10:00", "18:00")),
        note: ("跨年夜提前打烊", "New Year's Eve: closes early"),
    },
    ExceptionDef {
        stores: EVERY_STORE_BUT_XINTIANDI,
        date: "2027-01-01",
        hours: Some(("13:00", "22:00")),
        note: ("元旦推迟开门", "New Year's Day: opens late"),
    },
    ExceptionDef {
        stores: SPRING_FESTIVAL_CLOSED,
        date: "2027-02-16",
        hours: None,
        note: SPRING_FESTIVAL,
    },
    ExceptionDef {
        stores: SPRING_FESTIVAL_CLOSED,
        date: "2027-02-17",
        hours: None,
        note: SPRING_FESTIVAL,
    },
    ExceptionDef {
        stores: SPRING_FESTIVAL_CLOSED,
        date: "2027-02-18",
        hours: None,
        note: SPRING_FESTIVAL,
    },
];
