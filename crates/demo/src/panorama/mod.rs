//! A small ray caster that "photographs" the demo shops: equirectangular (2:1) panoramas
//! of a box room with a wooden floor, walls, a ceiling with light panels, and fixtures and
//! products made of axis-aligned blocks, lit by the ceiling panels (Lambert with a
//! distance falloff) plus ambient light, with soft contact shadows on the floor.
//!
//! Coordinates: metres, `x` east (right on the floor plan), `z` north (up on the plan),
//! `y` up; the room spans `0..w` × `0..d` × `0..h`. A bearing is degrees clockwise from
//! north (+z). A camera's `heading` is the bearing of its panorama's yaw 0, so a pixel's
//! bearing is its yaw plus the heading.
//!
//! The rendering is 2.5-D: every column of the panorama is a vertical plane through the
//! camera, so the blocks that column can see are found once per column (a 2-D slab test
//! in `x`/`z`, sorted by distance), and each pixel only solves a 1-D height test against
//! that short list, stopping at the first block nearer than everything left. A 4096×2048
//! render touches ~8 million pixels in well under a second, single-threaded.

mod column;
mod shade;

use column::Column;
use shade::Shader;

/// An sRGB colour, each channel 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// `#rrggbb` (anything else is mid grey).
    pub fn hex(s: &str) -> Rgb {
        let h = s.trim().trim_start_matches('#');
        let byte = |i: usize| {
            h.get(i..i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
                .map_or(0.5, |v| f32::from(v) / 255.0)
        };
        if h.len() == 6 {
            Rgb(byte(0), byte(2), byte(4))
        } else {
            Rgb(0.5, 0.5, 0.5)
        }
    }

    /// Multiplied by `f` (clamped to 0..=1).
    pub fn scale(self, f: f32) -> Rgb {
        Rgb(
            (self.0 * f).clamp(0.0, 1.0),
            (self.1 * f).clamp(0.0, 1.0),
            (self.2 * f).clamp(0.0, 1.0),
        )
    }

    /// `#rrggbb`.
    pub fn to_hex(self) -> String {
        let c = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        format!("#{:02x}{:02x}{:02x}", c(self.0), c(self.1), c(self.2))
    }

    fn linear(self) -> [f32; 3] {
        [self.0 * self.0, self.1 * self.1, self.2 * self.2]
    }
}

/// How a block's surface looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mat {
    /// A lit, matte colour.
    Matte(Rgb),
    /// Light of its own (a lit sign, a window, a flame): not shaded.
    Glow(Rgb),
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    /// Lowest corner.
    pub min: [f64; 3],
    /// Highest corner.
    pub max: [f64; 3],
    /// Material.
    pub mat: Mat,
    /// What the block is, for hit tests (0: nothing in particular).
    pub tag: u32,
}

impl Block {
    /// The middle of the block.
    pub fn centre(&self) -> [f64; 3] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
            (self.min[2] + self.max[2]) / 2.0,
        ]
    }
}

/// A ceiling light panel (also a light source at its centre).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Panel {
    /// West edge.
    pub x0: f64,
    /// South edge.
    pub z0: f64,
    /// East edge.
    pub x1: f64,
    /// North edge.
    pub z1: f64,
}

/// The room and everything in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    /// Size east-west (`x`), north-south (`z`) and height, metres.
    pub w: f64,
    /// Depth (north-south), metres.
    pub d: f64,
    /// Height, metres.
    pub h: f64,
    /// Two wood tones of the floor planks.
    pub floor: (Rgb, Rgb),
    /// Walls: south (z = 0, the shop front), north, west, east.
    pub walls: [Rgb; 4],
    /// Ceiling colour.
    pub ceiling: Rgb,
    /// Ceiling light panels.
    pub panels: Vec<Panel>,
    /// Fixtures and products.
    pub blocks: Vec<Block>,
    /// Footprints (x0, z0, x1, z1) that cast a contact shadow on the floor.
    pub footprints: Vec<[f64; 4]>,
}

/// A standpoint: eye position and the bearing of yaw 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    /// Position, metres.
    pub pos: [f64; 3],
    /// Bearing of yaw 0, degrees.
    pub heading: f64,
}

/// What a ray met.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Horizontal distance from the camera, metres.
    pub dist: f64,
    /// The block's tag, or 0 for the room and untagged blocks.
    pub tag: u32,
    /// The block's index, `None` for the room.
    pub block: Option<usize>,
}

/// Wraps degrees into -180..180.
pub fn wrap_deg(a: f64) -> f64 {
    let r = (a + 180.0).rem_euclid(360.0) - 180.0;
    if r >= 180.0 {
        r - 360.0
    } else {
        r
    }
}

/// (yaw, pitch) in degrees from `camera` towards `p`.
pub fn direction_to(camera: &Camera, p: [f64; 3]) -> (f64, f64) {
    let dx = p[0] - camera.pos[0];
    let dy = p[1] - camera.pos[1];
    let dz = p[2] - camera.pos[2];
    let bearing = dx.atan2(dz).to_degrees();
    let pitch = dy.atan2((dx * dx + dz * dz).sqrt()).to_degrees();
    (wrap_deg(bearing - camera.heading), pitch)
}

/// The first thing in the direction (yaw, pitch) (degrees) from `camera`.
pub fn trace(room: &Room, camera: &Camera, yaw: f64, pitch: f64) -> Hit {
    let col = Column::new(room, camera, yaw + camera.heading, Vec::new());
    let k = pitch.to_radians().tan();
    let (dist, block, _) = col.trace(room, k);
    Hit {
        dist,
        tag: block.map_or(0, |i| room.blocks[i].tag),
        block,
    }
}

/// The yaw of column `i` of `width` and the pitch of row `j` of `height` (pixel centres).
pub fn pixel_angles(i: u32, j: u32, width: u32, height: u32) -> (f64, f64) {
    let yaw = (f64::from(i) + 0.5) / f64::from(width) * 360.0 - 180.0;
    let pitch = 90.0 - (f64::from(j) + 0.5) / f64::from(height) * 180.0;
    (yaw, pitch)
}

/// The pixel (column, row) showing (yaw, pitch) in a `width`×`height` panorama.
pub fn pixel_of(yaw: f64, pitch: f64, width: u32, height: u32) -> (u32, u32) {
    let i = ((wrap_deg(yaw) + 180.0) / 360.0 * f64::from(width)).floor();
    let j = ((90.0 - pitch) / 180.0 * f64::from(height)).floor();
    (
        (i.max(0.0) as u32).min(width - 1),
        (j.max(0.0) as u32).min(height - 1),
    )
}

/// The panorama from `camera`, `width`×`width/2` RGB bytes, row by row. `ss` > 1
/// supersamples each pixel `ss`×`ss` times (for small previews).
pub fn render(room: &Room, camera: &Camera, width: u32, ss: u32) -> Vec<u8> {
    let height = width / 2;
    let ss = ss.max(1);
    let (sw, sh) = (width * ss, height * ss);
    let shader = Shader::new(room);
    // Tangents of every sub-row's pitch, once.
    let ks: Vec<f64> = (0..sh)
        .map(|j| pixel_angles(0, j, sw, sh).1.to_radians().tan())
        .collect();
    let mut acc = vec![0u32; (width * height * 3) as usize];
    let mut cands = Vec::new();
    for si in 0..sw {
        let (yaw, _) = pixel_angles(si, 0, sw, sh);
        let col = Column::new(
            room,
            camera,
            yaw + camera.heading,
            std::mem::take(&mut cands),
        );
        let i = si / ss;
        for (sj, &k) in ks.iter().enumerate() {
            let rgb = shader.shade(&col, k, col.trace(room, k));
            let o = (((sj as u32 / ss) * width + i) * 3) as usize;
            acc[o] += u32::from(rgb[0]);
            acc[o + 1] += u32::from(rgb[1]);
            acc[o + 2] += u32::from(rgb[2]);
        }
        cands = col.cands;
    }
    let n = ss * ss;
    acc.into_iter()
        .map(|v| ((v + n / 2) / n).min(255) as u8)
        .collect()
}

/// JPEG quality of panoramas.
const JPEG_QUALITY: u8 = 80;

/// Baseline JPEG of RGB bytes.
pub fn encode_jpeg(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let (w, h) = (
        u16::try_from(width).map_err(|_| format!("width {width}"))?,
        u16::try_from(height).map_err(|_| format!("height {height}"))?,
    );
    let mut out = Vec::with_capacity(rgb.len() / 10);
    jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY)
        .encode(rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| format!("encoding: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room() -> Room {
        Room {
            w: 10.0,
            d: 10.0,
            h: 3.0,
            floor: (Rgb::hex("#a0785a"), Rgb::hex("#8b6446")),
            walls: [Rgb::hex("#eeeeee"); 4],
            ceiling: Rgb::hex("#ffffff"),
            panels: vec![Panel {
                x0: 4.0,
                z0: 4.0,
                x1: 6.0,
                z1: 6.0,
            }],
            blocks: vec![Block {
                min: [4.5, 1.0, 8.0],
                max: [5.5, 2.0, 8.2],
                mat: Mat::Matte(Rgb::hex("#7f1d1d")),
                tag: 7,
            }],
            footprints: Vec::new(),
        }
    }

    #[test]
    fn directions_round_trip_through_pixels_and_hits() {
        let r = room();
        let cam = Camera {
            pos: [5.0, 1.6, 2.0],
            heading: 30.0,
        };
        let (yaw, pitch) = direction_to(&cam, r.blocks[0].centre());
        assert!((yaw - -30.0).abs() < 1e-9, "{yaw}");
        let hit = trace(&r, &cam, yaw, pitch);
        assert_eq!(hit.tag, 7);
        assert!((hit.dist - 6.0).abs() < 1e-9);
        // Straight down is the floor, straight up the ceiling; behind is the south wall.
        assert_eq!(trace(&r, &cam, 0.0, -89.0).block, None);
        assert_eq!(trace(&r, &cam, 150.0, 0.0).tag, 0);
        let (i, j) = pixel_of(yaw, pitch, 400, 200);
        let (y2, p2) = pixel_angles(i, j, 400, 200);
        assert!((y2 - yaw).abs() <= 0.9 && (p2 - pitch).abs() <= 0.9);
        assert_eq!(wrap_deg(190.0), -170.0);
        assert_eq!(wrap_deg(-180.0), -180.0);
        assert_eq!(wrap_deg(180.0), -180.0);
    }

    #[test]
    fn renders_the_block_in_its_own_colour_family() {
        let r = room();
        let cam = Camera {
            pos: [5.0, 1.6, 2.0],
            heading: 0.0,
        };
        let w = 256;
        let img = render(&r, &cam, w, 1);
        assert_eq!(img.len(), (w * w / 2 * 3) as usize);
        let (yaw, pitch) = direction_to(&cam, r.blocks[0].centre());
        let (i, j) = pixel_of(yaw, pitch, w, w / 2);
        let o = ((j * w + i) * 3) as usize;
        let px = [img[o], img[o + 1], img[o + 2]];
        assert!(px[0] > px[1] + 20 && px[0] > px[2] + 20, "{px:?}");
        let jpeg = encode_jpeg(&img, w, w / 2).unwrap_or_default();
        assert!(jpeg.starts_with(&[0xFF, 0xD8]));
    }
}
