//! The QR codes of the member code and the coupons, drawn in the page.

use leptos::prelude::*;

/// A QR code of `text`, drawn as one SVG path (no picture to fetch: works offline).
#[component]
pub fn QrSvg(
    /// What the code says.
    #[prop(into)]
    text: Signal<String>,
    /// Accessible name.
    #[prop(into)]
    label: Signal<&'static str>,
) -> impl IntoView {
    let drawing = move || qr_path(&text.get());
    view! {
        <svg class="qr" role="img" aria-label=move || label.get() width="264" height="264"
            viewBox=move || { let n = drawing().0 + 8; format!("-4 -4 {n} {n}") }>
            <rect x="-4" y="-4" width="100%" height="100%" fill="#fff" />
            <path d=move || drawing().1 fill="#000" shape-rendering="crispEdges" />
        </svg>
    }
}

/// The module count and an SVG path of the dark modules (runs merged per row).
pub(super) fn qr_path(text: &str) -> (usize, String) {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
    else {
        return (21, String::new());
    };
    let n = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if colors.get(y * n + x) == Some(&qrcode::Color::Dark) {
                let start = x;
                while x < n && colors.get(y * n + x) == Some(&qrcode::Color::Dark) {
                    x += 1;
                }
                d.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    (n, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_paths_cover_the_dark_modules() {
        let (n, d) = qr_path("HELLO");
        assert_eq!(n, 21);
        assert!(d.starts_with("M0 0h7v1h-7z"), "{d}");
    }
}
