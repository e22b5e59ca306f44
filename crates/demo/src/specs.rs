//! Product specifications (material, fit, care, origin, dimensions…), bilingual, 3–6 lines
//! per product, consistent with the product's category, item and material. Deterministic:
//! they depend only on the category, the Chinese name and the product number.

use crate::data::{Leaf, Pair, Sizes, Top, TOPS};
use crate::Rng;

/// One specification line: name (zh, en) and value (zh, en).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenSpec {
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Value in Chinese.
    pub value_zh: String,
    /// Value in English.
    pub value_en: String,
}

fn line(name: Pair, zh: impl Into<String>, en: impl Into<String>) -> GenSpec {
    GenSpec {
        name_zh: name.0.to_owned(),
        name_en: name.1.to_owned(),
        value_zh: zh.into(),
        value_en: en.into(),
    }
}

const MATERIAL: Pair = ("材质", "Material");
const FABRIC: Pair = ("面料", "Fabric");
const FIT: Pair = ("版型", "Fit");
const CARE: Pair = ("洗护", "Care");
const ORIGIN: Pair = ("产地", "Made in");
const SEASON: Pair = ("适用季节", "Season");
const DIMENSIONS: Pair = ("尺寸", "Dimensions");
const WEIGHT: Pair = ("重量", "Weight");

/// Composition of a fabric: (zh, en).
fn composition(material_zh: &str) -> (&'static str, &'static str) {
    match material_zh {
        "纯棉" => ("100%棉", "100% cotton"),
        "亚麻" => ("100%亚麻", "100% linen"),
        "真丝" => ("100%桑蚕丝", "100% mulberry silk"),
        "美利奴羊毛" => ("100%美利奴羊毛", "100% merino wool"),
        "羊绒" => ("100%山羊绒", "100% cashmere"),
        "天丝" => ("70%莱赛尔纤维，30%棉", "70% lyocell, 30% cotton"),
        "府绸" => ("100%棉府绸", "100% cotton poplin"),
        "丹宁" => ("98%棉，2%氨纶", "98% cotton, 2% elastane"),
        "弹力棉" => ("95%棉，5%氨纶", "95% cotton, 5% elastane"),
        "羊毛" => ("80%羊毛，20%聚酰胺纤维", "80% wool, 20% polyamide"),
        "尼龙" => ("100%锦纶", "100% nylon"),
        "灯芯绒" => ("100%棉灯芯绒", "100% cotton corduroy"),
        "防风面料" => (
            "100%聚酯纤维，防风涂层",
            "100% polyester, windproof coating",
        ),
        _ => ("混纺面料", "Blended fabric"),
    }
}

fn care(material_zh: &str) -> (&'static str, &'static str) {
    match material_zh {
        "真丝" | "羊绒" | "美利奴羊毛" | "羊毛" => {
            ("建议干洗，勿拧干", "Dry clean; do not wring")
        }
        "亚麻" | "天丝" => (
            "30°C轻柔机洗，平铺晾干",
            "Gentle machine wash at 30°C; dry flat",
        ),
        _ => (
            "30°C机洗，勿漂白，中温熨烫",
            "Machine wash at 30°C; do not bleach; warm iron",
        ),
    }
}

fn season(material_zh: &str, item_zh: &str) -> (&'static str, &'static str) {
    if item_zh.contains("羽绒") || matches!(material_zh, "羊绒" | "羊毛" | "美利奴羊毛" | "灯芯绒")
    {
        ("秋冬", "Autumn–winter")
    } else if matches!(material_zh, "亚麻" | "真丝" | "天丝") || item_zh.contains("T恤") {
        ("春夏", "Spring–summer")
    } else {
        ("四季", "All seasons")
    }
}

const CLOTHING_ORIGINS: &[Pair] = &[
    ("中国浙江", "Zhejiang, China"),
    ("中国广东", "Guangdong, China"),
    ("中国江苏", "Jiangsu, China"),
    ("越南", "Vietnam"),
];
const SHOE_ORIGINS: &[Pair] = &[
    ("中国福建", "Fujian, China"),
    ("中国广东", "Guangdong, China"),
    ("越南", "Vietnam"),
    ("葡萄牙", "Portugal"),
];
const GOODS_ORIGINS: &[Pair] = &[
    ("中国浙江", "Zhejiang, China"),
    ("中国广东", "Guangdong, China"),
    ("意大利", "Italy"),
    ("中国云南", "Yunnan, China"),
];

/// The category leaf a product belongs to (`c_{top}_{leaf}`).
fn find_leaf(category_id: &str) -> Option<(&'static Top, &'static Leaf)> {
    TOPS.iter().find_map(|t| {
        t.leaves
            .iter()
            .find(|l| category_id == format!("c_{}_{}", t.key, l.key))
            .map(|l| (t, l))
    })
}

/// The longest word of `words` that `name` contains.
fn find_word(words: &'static [Pair], name: &str) -> Option<&'static Pair> {
    words
        .iter()
        .filter(|w| name.contains(w.0))
        .max_by_key(|w| w.0.chars().count())
}

/// The specification lines of a product.
pub fn specs(category_id: &str, name_zh: &str, seq: i64) -> Vec<GenSpec> {
    let mut rng = Rng::new((seq as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5bec_5bec);
    let Some((top, leaf)) = find_leaf(category_id) else {
        return vec![
            line(ORIGIN, "中国", "China"),
            line(CARE, "参见吊牌", "See the label"),
            line(MATERIAL, "参见吊牌", "See the label"),
        ];
    };
    let material = find_word(leaf.materials, name_zh)
        .copied()
        .unwrap_or(("", ""));
    let item = find_word(leaf.items, name_zh).copied().unwrap_or(("", ""));
    let mut out = Vec::new();
    match leaf.sizes {
        Sizes::Clothing => {
            let (zh, en) = composition(material.0);
            out.push(line(FABRIC, zh, en));
            if item.0.contains("羽绒") {
                let fill = [
                    ("90%白鸭绒", "90% white duck down"),
                    ("90%白鹅绒", "90% white goose down"),
                ];
                let f = rng.pick(&fill);
                out.push(line(("填充物", "Filling"), f.0, f.1));
            }
            let fit = if name_zh.contains("修身") {
                ("修身", "Slim fit")
            } else if name_zh.contains("宽松") {
                ("宽松", "Relaxed fit")
            } else {
                ("常规", "Regular fit")
            };
            out.push(line(FIT, fit.0, fit.1));
            let s = season(material.0, item.0);
            out.push(line(SEASON, s.0, s.1));
            let c = care(material.0);
            out.push(line(CARE, c.0, c.1));
            let o = rng.pick(CLOTHING_ORIGINS);
            out.push(line(ORIGIN, o.0, o.1));
        }
        Sizes::Shoes => {
            out.push(line(
                ("鞋面", "Upper"),
                material.0,
                material.1.to_lowercase(),
            ));
            let sole = match leaf.key {
                "running" => (
                    "EVA缓震中底，耐磨橡胶大底",
                    "EVA cushioning midsole, hard-wearing rubber outsole",
                ),
                "boots" => ("防滑橡胶大底", "Lug rubber outsole"),
                "sandals" => ("软木鞋床，橡胶大底", "Cork footbed, rubber outsole"),
                _ => ("橡胶大底", "Rubber outsole"),
            };
            out.push(line(("鞋底", "Sole"), sole.0, sole.1));
            let heel = match leaf.key {
                "boots" => 3 + rng.below(3),
                _ => 2 + rng.below(2),
            };
            out.push(line(
                ("鞋跟高度", "Heel height"),
                format!("{heel} 厘米"),
                format!("{heel} cm"),
            ));
            let o = rng.pick(SHOE_ORIGINS);
            out.push(line(ORIGIN, o.0, o.1));
            if top.key == "shoes" && leaf.key != "sandals" {
                out.push(line(
                    CARE,
                    "用软刷清洁，避免暴晒",
                    "Clean with a soft brush; keep out of strong sun",
                ));
            }
        }
        Sizes::OneSize | Sizes::None => {
            out.push(line(MATERIAL, material.0, material.1.to_lowercase()));
            match leaf.key {
                "handbags" => {
                    let (w, d, h) = (24 + rng.below(12), 8 + rng.below(8), 18 + rng.below(12));
                    out.push(line(
                        DIMENSIONS,
                        format!("宽{w} × 厚{d} × 高{h} 厘米"),
                        format!("{w} × {d} × {h} cm (W × D × H)"),
                    ));
                    let g = 350 + 10 * rng.below(50);
                    out.push(line(WEIGHT, format!("{g} 克"), format!("{g} g")));
                }
                "backpacks" => {
                    let l = 16 + 2 * rng.below(8);
                    out.push(line(
                        ("容量", "Capacity"),
                        format!("{l} 升"),
                        format!("{l} L"),
                    ));
                    let h = 40 + rng.below(8);
                    out.push(line(
                        DIMENSIONS,
                        format!("宽29 × 厚13 × 高{h} 厘米"),
                        format!("29 × 13 × {h} cm (W × D × H)"),
                    ));
                    out.push(line(
                        ("电脑隔层", "Laptop sleeve"),
                        "可容纳15英寸笔记本电脑",
                        "Fits a 15-inch laptop",
                    ));
                }
                "scarves" => {
                    let (w, l) = [(70, 180), (90, 90), (65, 200)][rng.below(3) as usize];
                    out.push(line(
                        DIMENSIONS,
                        format!("{w} × {l} 厘米"),
                        format!("{w} × {l} cm"),
                    ));
                    out.push(line(CARE, "建议干洗", "Dry clean"));
                }
                "hats" => {
                    out.push(line(
                        ("头围", "Head circumference"),
                        "56–58 厘米，可调节",
                        "56–58 cm, adjustable",
                    ));
                    out.push(line(
                        CARE,
                        "冷水手洗，自然晾干",
                        "Hand wash cold; dry naturally",
                    ));
                }
                "mugs" => {
                    let ml = 250 + 50 * rng.below(5);
                    out.push(line(
                        ("容量", "Capacity"),
                        format!("{ml} 毫升"),
                        format!("{ml} ml"),
                    ));
                    out.push(line(
                        CARE,
                        "可用洗碗机与微波炉",
                        "Dishwasher and microwave safe",
                    ));
                }
                "lamps" => {
                    let h = 35 + 5 * rng.below(6);
                    out.push(line(
                        DIMENSIONS,
                        format!("高{h} 厘米"),
                        format!("{h} cm tall"),
                    ));
                    out.push(line(
                        ("光源", "Light source"),
                        "E27 LED灯泡，6W，暖白2700K",
                        "E27 LED bulb, 6 W, warm white 2700 K",
                    ));
                }
                "bedding" => {
                    let size = [
                        ("45 × 45 厘米", "45 × 45 cm"),
                        ("50 × 70 厘米", "50 × 70 cm"),
                        ("130 × 170 厘米", "130 × 170 cm"),
                    ][rng.below(3) as usize];
                    out.push(line(DIMENSIONS, size.0, size.1));
                    let c = care(material.0);
                    out.push(line(CARE, c.0, c.1));
                }
                "candles" => {
                    let g = 120 + 40 * rng.below(4);
                    out.push(line(
                        ("净含量", "Net weight"),
                        format!("{g} 克"),
                        format!("{g} g"),
                    ));
                    let hours = g / 5;
                    out.push(line(
                        ("燃烧时间", "Burn time"),
                        format!("约{hours}小时"),
                        format!("About {hours} hours"),
                    ));
                }
                _ => {}
            }
            let o = if material.0.contains("瓷") || material.0.contains("陶") {
                ("中国江西景德镇", "Jingdezhen, Jiangxi, China")
            } else {
                *rng.pick(GOODS_ORIGINS)
            };
            out.push(line(ORIGIN, o.0, o.1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product;

    #[test]
    fn every_product_has_three_to_six_consistent_lines() {
        for seq in 1..=400 {
            let p = product(seq);
            let s = specs(&p.category_id, &p.name_zh, seq);
            assert!(
                (3..=6).contains(&s.len()),
                "{} {}: {s:?}",
                p.category_id,
                p.name_zh
            );
            assert!(
                s.iter()
                    .all(|l| !l.value_zh.is_empty() && !l.value_en.is_empty()),
                "{s:?}"
            );
            assert_eq!(s, specs(&p.category_id, &p.name_zh, seq));
        }
        let down = (1..=400)
            .map(product)
            .find(|p| p.name_zh.contains("羽绒服"));
        let Some(down) = down else {
            panic!("no down jacket in the first 400 products")
        };
        let s = specs(&down.category_id, &down.name_zh, down.seq);
        assert!(s.iter().any(|l| l.name_en == "Filling"));
    }
}
