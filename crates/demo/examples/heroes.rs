//! Writes every campaign hero as JPEG into a folder, to look at them:
//! `cargo run -p storefront-demo --example heroes -- /tmp/heroes`.

use storefront_api_types::HERO_THEMES;
use storefront_demo::hero::{hero_jpeg, HERO_WIDTHS};

fn main() -> Result<(), String> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "heroes".to_owned());
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for theme in HERO_THEMES {
        for w in HERO_WIDTHS {
            let jpg = hero_jpeg(theme, w).ok_or("unknown theme")??;
            std::fs::write(format!("{dir}/{theme}-{w}.jpg"), jpg).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
