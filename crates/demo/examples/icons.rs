//! Writes the app's home-screen icons to `public/icons/` (see `storefront_demo::icons`).
//! Usage: cargo run -p storefront-demo --example icons [DIR]

use std::path::PathBuf;

use storefront_demo::icons::{icon_png, ICON_FILES};

fn main() -> Result<(), String> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/icons"));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for (name, kind, size) in ICON_FILES {
        let png = icon_png(kind, size)?;
        std::fs::write(dir.join(name), &png).map_err(|e| e.to_string())?;
        println!("{name}: {size}x{size}, {} bytes", png.len());
    }
    Ok(())
}
