//! Writes every kind's product picture (four angles) and category tile as JPEG into a folder,
//! to look at them: `cargo run -p storefront-demo --example pictures -- /tmp/pics`.

use storefront_demo::data::Kind;
use storefront_demo::picture::{category_jpeg, product_jpeg, ProductPicture};

fn main() -> Result<(), String> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "pictures".to_owned());
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for kind in Kind::ALL {
        for (pos, angle) in ["front", "side", "back", "detail"].into_iter().enumerate() {
            for (c, hex) in [
                ("navy", "#1e3a5f"),
                ("white", "#f8fafc"),
                ("mustard", "#d4a017"),
            ] {
                let p = ProductPicture {
                    kind: kind.as_str(),
                    brand: "Ferncliff",
                    seed: 42,
                    position: pos as u32,
                    color_hex: hex,
                    angle,
                };
                let jpg = product_jpeg(&p, Some(400))?;
                let path = format!("{dir}/{}-{pos}-{angle}-{c}.jpg", kind.as_str());
                std::fs::write(&path, jpg).map_err(|e| e.to_string())?;
            }
        }
        let tile = category_jpeg(kind.as_str(), 160, Some(300))?;
        std::fs::write(format!("{dir}/tile-{}.jpg", kind.as_str()), tile)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
