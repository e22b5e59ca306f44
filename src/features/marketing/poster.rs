//! The in-store poster, drawn in the browser on a canvas (hero, headline, copy, a QR code of
//! the store's claim link) and downloaded as a PNG, or as a one-page PDF of the paper's
//! size holding it. Drawn here rather than on the server so it uses the marketer's fonts
//! for both languages and needs no font files on the server.

use leptos::wasm_bindgen::{JsCast, JsValue};
use storefront_api_types::{Lang, MarketingCampaign};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::i18n::AKey;
use super::logic::{poster_link, Paper};
use super::pdf::poster_pdf;

/// The shop's origin as the browser sees it (`https://shop.example`).
pub fn shop_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// What to download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PosterFormat {
    /// A PNG picture.
    Png,
    /// A one-page PDF.
    Pdf,
}

/// Why a poster could not be made.
type Fault = JsValue;

/// Draws the poster of `campaign` for `store_id` on `paper` and downloads it.
pub async fn make_poster(
    campaign: &MarketingCampaign,
    store_id: &str,
    paper: Paper,
    format: PosterFormat,
    lang: Lang,
) -> Result<(), Fault> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let (w, h) = paper.pixels();
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let g: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    let link = poster_link(&shop_origin(), &campaign.input.slug, store_id);
    draw(&g, campaign, &link, w as f64, h as f64, lang).await?;
    let name = format!("poster-{}-{store_id}-{}", campaign.input.slug, paper.name());
    match format {
        PosterFormat::Png => download(&canvas.to_data_url()?, &format!("{name}.png")),
        PosterFormat::Pdf => {
            let jpeg = canvas.to_data_url_with_type_and_encoder_options(
                "image/jpeg",
                &JsValue::from_f64(0.92),
            )?;
            let bytes = data_url_bytes(&jpeg)?;
            let pdf = poster_pdf(&bytes, w, h, paper);
            let array = js_sys::Uint8Array::from(pdf.as_slice());
            let parts = js_sys::Array::of1(&array);
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("application/pdf");
            let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
            let url = web_sys::Url::create_object_url_with_blob(&blob)?;
            let done = download(&url, &format!("{name}.pdf"));
            let _ = web_sys::Url::revoke_object_url(&url);
            done
        }
    }
}

/// The poster's picture.
async fn draw(
    g: &CanvasRenderingContext2d,
    c: &MarketingCampaign,
    link: &str,
    w: f64,
    h: f64,
    lang: Lang,
) -> Result<(), Fault> {
    let pad = w * 0.07;
    g.set_fill_style_str("#fbf7f2");
    g.fill_rect(0.0, 0.0, w, h);
    // the hero, across the top (16:9)
    let hero_h = w * 9.0 / 16.0;
    let src = c
        .hero
        .srcset
        .last()
        .map_or(c.hero.url.clone(), |s| s.url.clone());
    let img = web_sys::HtmlImageElement::new()?;
    // the API (and its pictures) may be on another origin: a picture drawn without CORS
    // would taint the canvas, which then cannot be saved
    img.set_cross_origin(Some("anonymous"));
    img.set_src(&src);
    wasm_bindgen_futures::JsFuture::from(img.decode()).await?;
    g.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, w, hero_h)?;
    let fonts = "\"PingFang SC\", \"Noto Sans CJK SC\", \"Microsoft YaHei\", system-ui, sans-serif";
    let other = match lang {
        Lang::ZhCn => Lang::En,
        Lang::En => Lang::ZhCn,
    };
    let mut y = hero_h + pad * 1.1;
    g.set_fill_style_str("#1f1a17");
    g.set_text_baseline("top");
    let title_px = (w * 0.068).round();
    g.set_font(&format!("700 {title_px}px {fonts}"));
    y = wrap(
        g,
        c.input.title.get(lang),
        pad,
        y,
        w - 2.0 * pad,
        title_px * 1.25,
        2,
    )?;
    let sub_px = (w * 0.032).round();
    g.set_fill_style_str("#6b5f57");
    g.set_font(&format!("600 {sub_px}px {fonts}"));
    y = wrap(
        g,
        c.input.title.get(other),
        pad,
        y + sub_px * 0.3,
        w - 2.0 * pad,
        sub_px * 1.3,
        1,
    )?;
    let copy_px = (w * 0.034).round();
    g.set_fill_style_str("#1f1a17");
    g.set_font(&format!("400 {copy_px}px {fonts}"));
    let first_paragraph = c
        .input
        .copy
        .get(lang)
        .split("\n\n")
        .next()
        .unwrap_or_default();
    wrap(
        g,
        first_paragraph,
        pad,
        y + copy_px,
        w - 2.0 * pad,
        copy_px * 1.45,
        4,
    )?;
    // the QR code, bottom centre, with its call to action
    let qr_size = w * 0.36;
    let qr_x = (w - qr_size) / 2.0;
    let label_px = (w * 0.04).round();
    let qr_y = h - pad - label_px * 2.6 - qr_size;
    qr(g, link, qr_x, qr_y, qr_size)?;
    g.set_fill_style_str("#b4461f");
    g.set_font(&format!("700 {label_px}px {fonts}"));
    g.set_text_align("center");
    g.fill_text(
        AKey::ScanToClaim.get(lang),
        w / 2.0,
        qr_y + qr_size + label_px * 0.6,
    )?;
    g.set_fill_style_str("#6b5f57");
    let small_px = (w * 0.022).round();
    g.set_font(&format!("400 {small_px}px {fonts}"));
    g.fill_text(&shop_origin(), w / 2.0, h - pad * 0.8)?;
    g.set_text_align("start");
    Ok(())
}

/// Writes `text` in lines no wider than `max_w`, at most `max_lines` (the last one cut
/// with "…"); answers where the next line would start.
fn wrap(
    g: &CanvasRenderingContext2d,
    text: &str,
    x: f64,
    mut y: f64,
    max_w: f64,
    line_h: f64,
    max_lines: usize,
) -> Result<f64, Fault> {
    let width = |s: &str| g.measure_text(s).map(|m| m.width());
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // a break is allowed between any two CJK characters and at spaces elsewhere
    for piece in pieces(text) {
        let candidate = format!("{line}{piece}");
        if !line.is_empty() && width(candidate.trim_end())? > max_w {
            lines.push(line.trim_end().to_owned());
            line = piece.trim_start().to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    let cut = lines.len() > max_lines;
    lines.truncate(max_lines);
    if cut {
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && width(&format!("{last}…"))? > max_w {
                last.pop();
            }
            last.push('…');
        }
    }
    for l in &lines {
        g.fill_text(l, x, y)?;
        y += line_h;
    }
    Ok(y)
}

/// Pieces a line may break between: each CJK character alone, other words with their
/// following space.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for ch in text.chars() {
        if ch > '\u{2e7f}' {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(ch.to_string());
        } else {
            word.push(ch);
            if ch == ' ' || ch == '\n' {
                out.push(std::mem::take(&mut word).replace('\n', " "));
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The QR code of `text` in a white square at (`x`, `y`) of side `size` (a quiet zone of
/// four modules included).
fn qr(g: &CanvasRenderingContext2d, text: &str, x: f64, y: f64, size: f64) -> Result<(), Fault> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| JsValue::from_str("link too long for a QR code"))?;
    let n = code.width();
    let colors = code.to_colors();
    let module = (size / (n as f64 + 8.0)).floor();
    let side = module * (n as f64 + 8.0);
    let (x, y) = (x + (size - side) / 2.0, y + (size - side) / 2.0);
    g.set_fill_style_str("#ffffff");
    g.fill_rect(x, y, side, side);
    g.set_fill_style_str("#000000");
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (col, row) = ((i % n) as f64, (i / n) as f64);
            g.fill_rect(
                x + (col + 4.0) * module,
                y + (row + 4.0) * module,
                module,
                module,
            );
        }
    }
    Ok(())
}

/// The bytes of a base64 `data:` URL.
fn data_url_bytes(url: &str) -> Result<Vec<u8>, Fault> {
    let b64 = url
        .split_once(',')
        .map(|(_, b)| b)
        .ok_or_else(|| JsValue::from_str("not a data URL"))?;
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let binary = window.atob(b64)?;
    // atob answers one character per byte
    Ok(binary.chars().map(|c| c as u32 as u8).collect())
}

/// Saves `href` as the file `name` (a link with `download`, clicked).
fn download(href: &str, name: &str) -> Result<(), Fault> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(href);
    a.set_download(name);
    a.set_attribute("hidden", "")?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_cjk_characters_and_at_spaces() {
        assert_eq!(pieces("秋季 new in"), vec!["秋", "季", " ", "new ", "in"]);
        assert_eq!(pieces("a\nb"), vec!["a ", "b"]);
    }
}
