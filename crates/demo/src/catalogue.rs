//! The generated catalogue: the category tree, product *n* with its options, variants,
//! pictures and prices, and each variant's stock in each store.

use crate::data::{self, Colour, Kind, Sizes, ANGLES, CLOTHING_SIZES, COLOURS, SHOE_SIZES, TOPS};
use crate::{names, Rng, EPOCH_END};

/// Products were created during the ~18 months before [`EPOCH_END`].
const SPREAD_SECONDS: u64 = 548 * 86_400;

/// A generated category: id, slug, parent, names, the kind its tile shows and its hue.
#[derive(Debug, Clone, PartialEq)]
pub struct GenCategory {
    /// Its id.
    pub id: String,
    /// URL slug.
    pub slug: String,
    /// The parent category, if any.
    pub parent_id: Option<String>,
    /// Position, from 0.
    pub position: i64,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// The kind of product (the silhouette its pictures draw).
    pub kind: Kind,
    /// Hue of its picture, degrees.
    pub hue: u32,
}

/// A generated variant: option values, SKU, price and compare-at price (fen).
#[derive(Debug, Clone, PartialEq)]
pub struct GenVariant {
    /// Its id.
    pub id: String,
    /// Position, from 0.
    pub position: i64,
    /// Stock-keeping unit.
    pub sku: String,
    /// Value code of the first option.
    pub option1: String,
    /// Value code of the second option, if any.
    pub option2: Option<String>,
    /// Price in fen.
    pub price: i64,
    /// Price before the sale, in fen.
    pub compare_at_price: Option<i64>,
}

/// A generated product picture: position, colour, camera angle and alt texts.
#[derive(Debug, Clone, PartialEq)]
pub struct GenImage {
    /// Position, from 0.
    pub position: i64,
    /// Colour, `#rrggbb`.
    pub color_hex: String,
    /// Camera angle of the picture.
    pub angle: &'static str,
    /// Alt text in Chinese.
    pub alt_zh: String,
    /// Alt text in English.
    pub alt_en: String,
}

/// One option value: code, zh, en, swatch.
pub type GenValue = (String, String, String, Option<String>);

/// A generated product option (colour, size…) with its values.
#[derive(Debug, Clone, PartialEq)]
pub struct GenOption {
    /// Its code.
    pub code: &'static str,
    /// Name in Chinese.
    pub name_zh: &'static str,
    /// Name in English.
    pub name_en: &'static str,
    /// The values.
    pub values: Vec<GenValue>,
}

/// A generated product with its options, variants and pictures.
#[derive(Debug, Clone, PartialEq)]
pub struct GenProduct {
    /// Its id.
    pub id: String,
    /// Sequence number (product *n*).
    pub seq: i64,
    /// URL slug.
    pub slug: String,
    /// Its category.
    pub category_id: String,
    /// Brand.
    pub brand: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Description in Chinese.
    pub description_zh: String,
    /// Description in English.
    pub description_en: String,
    /// The kind of product (the silhouette its pictures draw).
    pub kind: Kind,
    /// Seed of its pictures.
    pub seed: i64,
    /// When it was created (Unix seconds).
    pub created_at: i64,
    /// Units sold (the best-selling sort): a few best sellers, a long tail.
    pub sales_count: i64,
    /// Its options.
    pub options: Vec<GenOption>,
    /// Its variants.
    pub variants: Vec<GenVariant>,
    /// Its pictures.
    pub images: Vec<GenImage>,
}

impl GenProduct {
    /// Lowest variant price and the compare-at price of that variant.
    pub fn min_price(&self) -> (i64, Option<i64>) {
        self.variants
            .iter()
            .min_by_key(|v| (v.price, v.position))
            .map_or((0, None), |v| (v.price, v.compare_at_price))
    }

    /// Whether some variant has a compare-at price.
    pub fn on_sale(&self) -> bool {
        self.variants.iter().any(|v| v.compare_at_price.is_some())
    }
}

/// Units sold of product `seq`: heavy-tailed, from its own random stream so the other
/// fields of a product do not depend on it.
pub fn sales_count(seq: i64) -> i64 {
    let mut rng = Rng::new((seq as u64).wrapping_mul(0x9E6C_63D0_676A_9A99) ^ 0x5A1E_5A1E);
    let u = rng.unit();
    (u * u * u * u * 12_000.0) as i64 + rng.below(40) as i64
}

/// The category tree, top-level categories first, then their children in order.
pub fn categories() -> Vec<GenCategory> {
    let mut out = Vec::new();
    for (i, top) in TOPS.iter().enumerate() {
        let top_id = format!("c_{}", top.key);
        out.push(GenCategory {
            id: top_id.clone(),
            slug: top.slug.to_owned(),
            parent_id: None,
            position: i as i64,
            name_zh: top.name.0.to_owned(),
            name_en: top.name.1.to_owned(),
            kind: top.kind,
            hue: top.hue,
        });
        for (j, leaf) in top.leaves.iter().enumerate() {
            out.push(GenCategory {
                id: format!("c_{}_{}", top.key, leaf.key),
                slug: leaf.slug.to_owned(),
                parent_id: Some(top_id.clone()),
                position: j as i64,
                name_zh: leaf.name.0.to_owned(),
                name_en: leaf.name.1.to_owned(),
                kind: leaf.kind,
                hue: (top.hue + 14 * j as u32) % 360,
            });
        }
    }
    out
}

/// URL slug of an English name: lowercase ASCII words joined by `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A price in whole yuan rounded to end in 9 or 0.
fn retail_yuan(rng: &mut Rng, raw: f64) -> i64 {
    let tens = (raw / 10.0).floor() as i64;
    if rng.chance(0.7) {
        tens * 10 + 9
    } else {
        (tens.max(6)) * 10
    }
}

fn fill(template: &str, material: &str, item: &str) -> String {
    template.replace("{m}", material).replace("{i}", item)
}

/// Product number `seq` (1-based). Depends only on `seq`, never on the catalogue size.
pub fn product(seq: i64) -> GenProduct {
    let leaves: Vec<(&data::Top, &data::Leaf, usize)> = TOPS
        .iter()
        .flat_map(|t| t.leaves.iter().enumerate().map(move |(j, l)| (t, l, j)))
        .collect();
    let (top, leaf, _) = leaves[((seq - 1).rem_euclid(leaves.len() as i64)) as usize];
    let seed = (seq as u64).wrapping_mul(0xD1B5_4A32_D192_ED03) ^ 0x5EED_5EED_0000_0001;
    let mut rng = Rng::new(seed);

    let brand = *rng.pick(top.brands);
    // The name's words come from `names` (unique names); three draws are kept so that
    // every other field of the product stays what it was.
    for _ in 0..3 {
        rng.next_u64();
    }
    let words = names::name_words(seq);
    let (adj, material, item) = (words.adjective, words.material, words.item);
    let name_zh = words.zh();
    let name_en = words.en();
    let id = format!("p_{seq:06}");
    let slug = format!("{}-{}", slugify(&format!("{} {}", adj.1, item.1)), seq);

    // Description: one intro with material and item, then 1–3 general sentences.
    let intro = rng.pick(top.intros);
    let mut desc_zh = fill(intro.0, material.0, item.0);
    let mut desc_en = fill(intro.1, &material.1.to_lowercase(), &item.1.to_lowercase());
    if let Some(first) = desc_en.get(0..1) {
        desc_en = format!("{}{}", first.to_uppercase(), &desc_en[1..]);
    }
    let extra = 1 + rng.below(3) as usize;
    let start = rng.below(top.sentences.len() as u64) as usize;
    for k in 0..extra.min(top.sentences.len()) {
        let s = top.sentences[(start + k) % top.sentences.len()];
        desc_zh.push_str(s.0);
        desc_en.push(' ');
        desc_en.push_str(s.1);
    }

    // Colours: 2–4 distinct.
    let n_colours = 2 + rng.below(3) as usize;
    let mut colours: Vec<&'static Colour> = Vec::new();
    while colours.len() < n_colours {
        let c = rng.pick(COLOURS);
        if !colours.iter().any(|x| x.0 == c.0) {
            colours.push(c);
        }
    }

    // Sizes: (code, zh, en).
    let sizes: Vec<(String, String, String)> = match leaf.sizes {
        Sizes::Clothing => {
            let from = rng.below(2) as usize;
            let to = 4 + rng.below(3) as usize; // exclusive end 4..=6
            CLOTHING_SIZES[from..to.min(CLOTHING_SIZES.len())]
                .iter()
                .map(|s| (s.to_lowercase(), (*s).to_owned(), (*s).to_owned()))
                .collect()
        }
        Sizes::Shoes => {
            let from = rng.below(3) as usize;
            let to = 7 + rng.below(4) as usize;
            SHOE_SIZES[from..to.min(SHOE_SIZES.len())]
                .iter()
                .map(|s| ((*s).to_owned(), (*s).to_owned(), (*s).to_owned()))
                .collect()
        }
        Sizes::OneSize => vec![(
            "one-size".to_owned(),
            "均码".to_owned(),
            "One size".to_owned(),
        )],
        Sizes::None => Vec::new(),
    };

    // Prices: skewed towards the cheap end of the category's range.
    let (lo, hi) = (f64::from(leaf.price.0), f64::from(leaf.price.1));
    let u = rng.unit();
    let base = retail_yuan(&mut rng, lo + (hi - lo) * u * u).max(i64::from(leaf.price.0));
    let on_sale = rng.chance(0.25);
    let premium_colour = if colours.len() > 2 && rng.chance(0.2) {
        Some(colours.len() - 1)
    } else {
        None
    };
    let markup = 1.2 + rng.unit() * 0.5;

    let mut options = vec![GenOption {
        code: "color",
        name_zh: "颜色",
        name_en: "Colour",
        values: colours
            .iter()
            .map(|c| {
                (
                    c.0.to_owned(),
                    c.1.to_owned(),
                    c.2.to_owned(),
                    Some(c.3.to_owned()),
                )
            })
            .collect(),
    }];
    if !sizes.is_empty() {
        options.push(GenOption {
            code: "size",
            name_zh: "尺码",
            name_en: "Size",
            values: sizes
                .iter()
                .map(|(c, z, e)| (c.clone(), z.clone(), e.clone(), None))
                .collect(),
        });
    }

    let brand_code: String = brand
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let mut variants = Vec::new();
    for (ci, colour) in colours.iter().enumerate() {
        let yuan = base
            + if premium_colour == Some(ci) {
                10 * (1 + rng.below(3) as i64)
            } else {
                0
            };
        let price = yuan * 100;
        let compare_at_price = on_sale.then(|| {
            let c = ((yuan as f64 * markup) / 10.0).floor() as i64 * 10 + 9;
            c.max(yuan + 9) * 100
        });
        let colour_code: String = colour
            .0
            .chars()
            .filter(|c| !"aeiou".contains(*c))
            .take(3)
            .collect();
        let size_list: Vec<Option<&(String, String, String)>> = if sizes.is_empty() {
            vec![None]
        } else {
            sizes.iter().map(Some).collect()
        };
        let anchor = size_list.len() / 2;
        for (si, size) in size_list.into_iter().enumerate() {
            // Not every combination exists: drop some, but every colour keeps its middle size.
            if si != anchor && rng.chance(0.18) {
                continue;
            }
            let position = variants.len() as i64 + 1;
            let size_part = size
                .map(|s| format!("-{}", s.2.to_uppercase().replace(' ', "")))
                .unwrap_or_default();
            variants.push(GenVariant {
                id: format!("v_{seq:06}_{position:02}"),
                position,
                sku: format!(
                    "{brand_code}-{seq}-{}{size_part}",
                    colour_code.to_uppercase()
                ),
                option1: colour.0.to_owned(),
                option2: size.map(|s| s.0.clone()),
                price,
                compare_at_price,
            });
        }
    }

    let n_images = 2 + rng.below(3) as usize;
    let picture = |position: usize,
                   colour: &Colour,
                   angle: (&'static str, &'static str, &'static str)| GenImage {
        position: position as i64,
        color_hex: colour.3.to_owned(),
        angle: angle.0,
        alt_zh: format!("{name_zh}，{}，{}", colour.1, angle.1),
        alt_en: format!("{name_en}, {}, {}", colour.2.to_lowercase(), angle.2),
    };
    let mut images: Vec<GenImage> = (0..n_images)
        .map(|k| {
            let colour = colours[if k == 3 { 0 } else { k % colours.len() }];
            picture(k, colour, ANGLES[k % ANGLES.len()])
        })
        .collect();
    // every colour has a picture (a card under a colour filter shows that colour); added
    // after the others without drawing on `rng`, so the rest of the catalogue is unchanged
    for colour in &colours {
        if !images.iter().any(|i| i.color_hex == colour.3) {
            let position = images.len();
            images.push(picture(position, colour, ANGLES[0]));
        }
    }

    let created_at = EPOCH_END - (rng.below(SPREAD_SECONDS) / 60 * 60) as i64;

    GenProduct {
        id,
        seq,
        slug,
        category_id: format!("c_{}_{}", top.key, leaf.key),
        brand: brand.to_owned(),
        name_zh,
        name_en,
        description_zh: desc_zh,
        description_en: desc_en,
        kind: leaf.kind,
        seed: (seed >> 1) as i64,
        created_at,
        sales_count: sales_count(seq),
        options,
        variants,
        images,
    }
}

/// Stock of one variant in one store: mostly healthy, some low (1–3), some sold out.
pub fn stock_level(variant_seq: u64, store_index: u64) -> (i64, i64) {
    let mut rng = Rng::new(
        variant_seq.wrapping_mul(0xA24B_AED4_963E_E407)
            ^ (store_index + 7).wrapping_mul(0x9FB2_1C65_1E98_DF25),
    );
    let r = rng.unit();
    let qty = if r < 0.12 {
        0
    } else if r < 0.27 {
        1 + rng.below(3) as i64
    } else {
        4 + rng.below(37) as i64
    };
    // reported in the 6 hours before the data was made (see `seed`: moved to then)
    let updated = EPOCH_END - rng.below(6 * 3_600) as i64;
    (qty, updated)
}

#[cfg(test)]
#[path = "catalogue_tests.rs"]
mod tests;
