//! The pictures of a tour: equirectangular panoramas of each scene and the floor plan,
//! as JPEG.

use super::{plan_svg, Design};
use crate::panorama::{encode_jpeg, render as draw};
use crate::picture::svg_to_jpeg;

/// Width of a panorama preview (height is half).
pub const PREVIEW_WIDTH: u32 = 512;
/// Width of a full panorama (height is half).
pub const FULL_WIDTH: u32 = 4096;

/// Which picture of a tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// A scene's small panorama ([`PREVIEW_WIDTH`]), supersampled.
    Preview,
    /// A scene's full panorama ([`FULL_WIDTH`]).
    Full,
    /// The floor plan.
    Plan,
}

/// Renders a picture of a design (blocking, up to about a second: call off the async
/// workers).
pub fn render(d: &Design, scene_id: &str, picture: Picture) -> Result<Vec<u8>, String> {
    match picture {
        Picture::Plan => svg_to_jpeg(&plan_svg(d)),
        Picture::Preview | Picture::Full => {
            let scene = d
                .scene(scene_id)
                .ok_or_else(|| format!("no scene {scene_id} in the design"))?;
            let (width, ss) = if picture == Picture::Full {
                (FULL_WIDTH, 1)
            } else {
                (PREVIEW_WIDTH, 2)
            };
            let rgb = draw(&d.room, &scene.camera, width, ss);
            encode_jpeg(&rgb, width, width / 2)
        }
    }
}
