//! What every section uses: opaque identifiers, languages and localized text, money,
//! images, pages of a list and the health answer.

use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(ToSchema))]
        // 1 to 100 characters: what every endpoint accepts as an id (longer is never one)
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[\s\S]{1,100}$"))]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The opaque identifier as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

id_newtype!(
    /// Opaque category identifier.
    CategoryId
);
id_newtype!(
    /// Opaque product identifier.
    ProductId
);
id_newtype!(
    /// Opaque variant (SKU) identifier.
    VariantId
);
id_newtype!(
    /// Opaque store identifier.
    StoreId
);

/// The languages the storefront speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum Lang {
    /// Simplified Chinese (`zh-CN`), the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English (`en`).
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every supported language, default first.
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// BCP 47 tag, as used in `<html lang>` and `Accept-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a BCP 47 tag loosely: any `zh*` is Chinese, any `en*` English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A text in every supported language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LocalizedText {
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    /// English.
    pub en: String,
}

impl LocalizedText {
    /// Builds a text from its Chinese and English forms.
    pub fn new(zh_cn: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh_cn: zh_cn.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh_cn,
            Lang::En => &self.en,
        }
    }
}

/// ISO 4217 currency code. The demo brand sells in CNY only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum Currency {
    /// Chinese yuan renminbi: 100 minor units (fen) to the yuan.
    #[default]
    #[serde(rename = "CNY")]
    Cny,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
        }
    }

    /// How many decimal places the minor unit has.
    pub fn exponent(self) -> u32 {
        match self {
            Currency::Cny => 2,
        }
    }
}

/// An amount of money in integer minor units (fen for CNY). Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Money {
    /// Amount in minor units: `12900` with `CNY` is ¥129.00.
    pub amount_minor: i64,
    /// ISO 4217 currency code.
    pub currency: Currency,
}

impl Money {
    /// An amount in yuan fen.
    pub const fn cny(amount_minor: i64) -> Self {
        Self {
            amount_minor,
            currency: Currency::Cny,
        }
    }
}

/// An image with its intrinsic size and alternative text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Image {
    /// URL, absolute or relative to the API origin.
    pub url: String,
    /// Intrinsic width in CSS pixels.
    pub width: u32,
    /// Intrinsic height in CSS pixels.
    pub height: u32,
    /// Alternative text.
    pub alt: LocalizedText,
    /// The same picture at other widths, narrowest first, for `srcset`. May be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub srcset: Vec<ImageSource>,
}

impl Image {
    /// Its `srcset` attribute: the other widths plus the main URL at its own width,
    /// narrowest first, one entry per width. `None` when there is nothing to choose from.
    /// The app's pictures and the server's preloads of them both use it, so a preload
    /// names the candidates the page's `<img>` will choose from.
    pub fn srcset_attr(&self) -> Option<String> {
        let image = self;
        if image.srcset.is_empty() {
            return None;
        }
        // the main URL first, so it wins over a srcset entry of the same width (shared cache)
        let mut sources: Vec<(&str, u32)> = Vec::with_capacity(image.srcset.len() + 1);
        if image.width > 0 && !image.url.contains([' ', ',']) {
            sources.push((image.url.as_str(), image.width));
        }
        sources.extend(
            image
                .srcset
                .iter()
                .filter(|s| s.width > 0 && !s.url.is_empty() && !s.url.contains([' ', ',']))
                .map(|s| (s.url.as_str(), s.width)),
        );
        // a handful of entries: an insertion sort (stable) is all it needs, and far smaller
        // in the wasm than the standard library's general sort
        for i in 1..sources.len() {
            let mut j = i;
            while j > 0 && sources[j - 1].1 > sources[j].1 {
                sources.swap(j - 1, j);
                j -= 1;
            }
        }
        sources.dedup_by_key(|s| s.1);
        if sources.len() < 2 {
            return None;
        }
        Some(
            sources
                .iter()
                .map(|(url, w)| format!("{url} {w}w"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

/// One width of an [`Image`], for the `srcset` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImageSource {
    /// URL of the picture at this width.
    pub url: String,
    /// Its width in pixels (the `w` descriptor).
    pub width: u32,
}

/// One page of a list, with an opaque cursor to the next page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// How many items the whole list has.
    pub total: u64,
}

/// Service health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    /// `"ok"` when the service and its database answer.
    pub status: String,
    /// Server version.
    pub version: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn money_serializes_as_minor_units_and_iso_code() {
        let json = serde_json::to_string(&Money::cny(12_900)).unwrap();
        assert_eq!(json, r#"{"amount_minor":12900,"currency":"CNY"}"#);
    }

    #[test]
    fn localized_text_uses_bcp47_keys() {
        let t = LocalizedText::new("运动鞋", "Sneakers");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"zh-CN":"运动鞋","en":"Sneakers"}"#);
        assert_eq!(t.get(Lang::En), "Sneakers");
        assert_eq!(t.get(Lang::ZhCn), "运动鞋");
    }

    #[test]
    fn lang_parses_browser_tags() {
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
