//! Campaign hero pictures: their URLs and `srcset` (`/media/campaigns/{theme}-{width}.jpg`),
//! and the drawn JPEGs, kept once drawn (four themes at three widths).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use storefront_api_types::{Image, ImageSource, LocalizedText};
use storefront_demo::hero::{hero_jpeg, HERO_HEIGHT, HERO_WIDTH, HERO_WIDTHS};

/// `/media/campaigns/{theme}-{width}.jpg`.
pub fn hero_url(theme: &str, width: u32) -> String {
    format!("/media/campaigns/{theme}-{width}.jpg")
}

/// The hero picture of a campaign drawn in `theme`, with its alternative text: 1600×900,
/// with a `srcset` of every width it is drawn at.
pub fn hero_image(theme: &str, alt: LocalizedText) -> Image {
    Image {
        url: hero_url(theme, HERO_WIDTH),
        width: HERO_WIDTH,
        height: HERO_HEIGHT,
        alt,
        srcset: HERO_WIDTHS
            .iter()
            .map(|&width| ImageSource {
                url: hero_url(theme, width),
                width,
            })
            .collect(),
    }
}

/// `{theme}-{width}.jpg` as `(theme, width)`, when it is a hero the project draws.
pub fn parse_hero_file(file: &str) -> Option<(&'static str, u32)> {
    let (theme, width) = file.strip_suffix(".jpg")?.rsplit_once('-')?;
    let theme = storefront_api_types::HERO_THEMES
        .into_iter()
        .find(|t| *t == theme)?;
    let width: u32 = HERO_WIDTHS.into_iter().find(|w| w.to_string() == width)?;
    Some((theme, width))
}

type Drawn = Mutex<HashMap<(&'static str, u32), Arc<Vec<u8>>>>;

/// The JPEG of a hero (drawn on first use, then kept: at most twelve pictures).
pub fn hero_jpeg_cached(theme: &'static str, width: u32) -> Result<Arc<Vec<u8>>, String> {
    static DRAWN: OnceLock<Drawn> = OnceLock::new();
    let drawn = DRAWN.get_or_init(Drawn::default);
    if let Some(jpeg) = drawn
        .lock()
        .map_err(|e| e.to_string())?
        .get(&(theme, width))
    {
        return Ok(jpeg.clone());
    }
    let jpeg =
        Arc::new(hero_jpeg(theme, width).ok_or_else(|| format!("no hero {theme}-{width}"))??);
    drawn
        .lock()
        .map_err(|e| e.to_string())?
        .insert((theme, width), jpeg.clone());
    Ok(jpeg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_images() {
        assert_eq!(parse_hero_file("autumn-480.jpg"), Some(("autumn", 480)));
        assert_eq!(parse_hero_file("city-1600.jpg"), Some(("city", 1600)));
        for bad in [
            "autumn-500.jpg",
            "nope-480.jpg",
            "autumn-480.png",
            "autumn.jpg",
            "",
        ] {
            assert_eq!(parse_hero_file(bad), None, "{bad}");
        }
        let img = hero_image("home", LocalizedText::new("家", "Home"));
        assert_eq!(img.url, "/media/campaigns/home-1600.jpg");
        assert_eq!((img.width, img.height), (1600, 900));
        let widths: Vec<u32> = img.srcset.iter().map(|s| s.width).collect();
        assert_eq!(widths, [480, 960, 1600]);
        assert_eq!(img.srcset[0].url, "/media/campaigns/home-480.jpg");
    }
}
