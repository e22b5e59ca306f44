//! The gallery's pure rules: swipe direction, cycling through images, `srcset`.

use storefront_api_types::Image;

/// A horizontal move shorter than this (CSS px) is a tap, not a swipe.
pub const SWIPE_MIN_PX: f64 = 40.0;

/// Which way to move through the images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The previous image.
    Prev,
    /// The next image.
    Next,
}

/// The step a pointer move of `dx`, `dy` (end minus start) stands for: a mostly horizontal
/// move of at least `min` px. Swiping left shows the next image; vertical moves (page
/// scrolling) never count.
pub fn swipe_step(dx: f64, dy: f64, min: f64) -> Option<Step> {
    if !dx.is_finite() || !dy.is_finite() || dx.abs() < min || dx.abs() <= dy.abs() * 1.5 {
        return None;
    }
    Some(if dx < 0.0 { Step::Next } else { Step::Prev })
}

/// The index after `step` from `index` among `count` images, wrapping around.
pub fn cycle(index: usize, count: usize, step: Step) -> usize {
    if count == 0 {
        return 0;
    }
    let index = index.min(count - 1);
    match step {
        Step::Next => (index + 1) % count,
        Step::Prev => (index + count - 1) % count,
    }
}

/// The `srcset` of an image ([`Image::srcset_attr`], which the server's preloads of a
/// page's picture use too, so both name the same candidates).
pub fn srcset(image: &Image) -> Option<String> {
    image.srcset_attr()
}

/// The first picture of a colour: the first image whose alternative text names the colour
/// (Chinese label as a substring, English label as whole words, ASCII case ignored; no
/// Unicode tables, which would cost wasm size).
pub fn image_for_colour(
    images: &[Image],
    label: &storefront_api_types::LocalizedText,
) -> Option<usize> {
    let zh = label.zh_cn.trim();
    let en: Vec<String> = words(&label.en);
    images.iter().position(|img| {
        (!zh.is_empty() && img.alt.zh_cn.contains(zh))
            || (!en.is_empty()
                && words(&img.alt.en)
                    .windows(en.len())
                    .any(|w| w == en.as_slice()))
    })
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The URL of the widest version of an image (the zoom view).
pub fn largest_url(image: &Image) -> &str {
    image
        .srcset
        .iter()
        .filter(|s| s.width > image.width && !s.url.is_empty())
        .max_by_key(|s| s.width)
        .map_or(image.url.as_str(), |s| s.url.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use storefront_api_types::{ImageSource, LocalizedText};

    fn image(width: u32, sources: &[(&str, u32)]) -> Image {
        Image {
            url: "/m/full.jpg".into(),
            width,
            height: 1000,
            alt: LocalizedText::new("图", "picture"),
            srcset: sources
                .iter()
                .map(|(u, w)| ImageSource {
                    url: (*u).into(),
                    width: *w,
                })
                .collect(),
        }
    }

    #[test]
    fn swipe_needs_a_mostly_horizontal_move_past_the_threshold() {
        assert_eq!(swipe_step(-80.0, 10.0, SWIPE_MIN_PX), Some(Step::Next));
        assert_eq!(swipe_step(80.0, -10.0, SWIPE_MIN_PX), Some(Step::Prev));
        assert_eq!(swipe_step(-39.0, 0.0, SWIPE_MIN_PX), None, "a tap");
        assert_eq!(
            swipe_step(-60.0, 50.0, SWIPE_MIN_PX),
            None,
            "diagonal: scrolling"
        );
        assert_eq!(
            swipe_step(5.0, 300.0, SWIPE_MIN_PX),
            None,
            "vertical scroll"
        );
        assert_eq!(swipe_step(f64::NAN, 0.0, SWIPE_MIN_PX), None);
    }

    #[test]
    fn cycling_wraps_both_ways() {
        assert_eq!(cycle(0, 4, Step::Next), 1);
        assert_eq!(cycle(3, 4, Step::Next), 0);
        assert_eq!(cycle(0, 4, Step::Prev), 3);
        assert_eq!(cycle(9, 4, Step::Prev), 2, "out of range clamps first");
        assert_eq!(cycle(0, 0, Step::Next), 0);
        assert_eq!(cycle(0, 1, Step::Prev), 0);
    }

    #[test]
    fn a_colour_finds_its_first_picture() {
        let pic = |zh: &str, en: &str| Image {
            alt: LocalizedText::new(zh, en),
            ..image(800, &[])
        };
        let images = vec![
            pic("围巾，米白，正面", "Scarf, ivory, front view"),
            pic("围巾，芥末黄，侧面", "Scarf, mustard, side view"),
            pic("围巾，酒红，背面", "Scarf, dark red, back view"),
        ];
        assert_eq!(
            image_for_colour(&images, &LocalizedText::new("芥末黄", "Mustard")),
            Some(1)
        );
        assert_eq!(
            image_for_colour(&images, &LocalizedText::new("", "Dark Red")),
            Some(2)
        );
        assert_eq!(
            image_for_colour(&images, &LocalizedText::new("", "red")),
            Some(2),
            "whole word"
        );
        assert_eq!(
            image_for_colour(&images, &LocalizedText::new("", "ed")),
            None,
            "not a word"
        );
        assert_eq!(
            image_for_colour(&images, &LocalizedText::new("黑", "Black")),
            None
        );
        assert_eq!(image_for_colour(&images, &LocalizedText::new("", "")), None);
    }

    #[test]
    fn srcset_lists_every_width_once_narrowest_first() {
        let img = image(
            800,
            &[
                ("/m/800.jpg", 800),
                ("/m/400.jpg", 400),
                ("/m/1600.jpg", 1600),
            ],
        );
        assert_eq!(
            srcset(&img).as_deref(),
            Some("/m/400.jpg 400w, /m/full.jpg 800w, /m/1600.jpg 1600w")
        );
        assert_eq!(largest_url(&img), "/m/1600.jpg");
        assert_eq!(srcset(&image(800, &[])), None);
        assert_eq!(
            srcset(&image(800, &[("/m/800.jpg", 800)])),
            None,
            "one width"
        );
        assert_eq!(
            srcset(&image(800, &[("/m/a b.jpg", 400), ("/m/ok.jpg", 0)])),
            None,
            "unusable entries are skipped"
        );
        assert_eq!(largest_url(&image(800, &[])), "/m/full.jpg");
    }
}
