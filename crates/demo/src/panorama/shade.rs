//! Lighting and surface detail of what a ray meets: ceiling panels (Lambert with a
//! distance falloff), ambient light, floor planks with soft contact shadows, walls.

use super::column::Column;
use super::{Mat, Rgb, Room};

/// Hash of two integers to 0..1 (plank tones).
fn hash01(a: i64, b: i64) -> f32 {
    let mut z = (a as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((b as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 40) as f32 / (1u64 << 24) as f32
}

/// Exposure of the lighting (linear).
const AMBIENT: f32 = 0.3;
const LIGHT_POWER: f32 = 0.8;
const LIGHT_RANGE2: f32 = 10.0;

pub(super) struct Shader<'a> {
    room: &'a Room,
    lights: Vec<[f32; 3]>,
}

impl<'a> Shader<'a> {
    pub(super) fn new(room: &'a Room) -> Self {
        let lights = room
            .panels
            .iter()
            .map(|p| {
                [
                    ((p.x0 + p.x1) / 2.0) as f32,
                    (room.h - 0.05) as f32,
                    ((p.z0 + p.z1) / 2.0) as f32,
                ]
            })
            .collect();
        Shader { room, lights }
    }

    fn light(&self, p: [f32; 3], n: [f32; 3]) -> f32 {
        let mut sum = AMBIENT;
        for l in &self.lights {
            let v = [l[0] - p[0], l[1] - p[1], l[2] - p[2]];
            let d2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
            let dot = v[0] * n[0] + v[1] * n[1] + v[2] * n[2];
            if dot > 0.0 {
                let inv = 1.0 / d2.sqrt();
                sum += LIGHT_POWER * dot * inv / (1.0 + d2 / LIGHT_RANGE2);
            }
        }
        sum
    }

    /// Linear light times the albedo, tone-mapped (hue kept) and back to sRGB.
    fn finish(albedo: Rgb, light: f32) -> [u8; 3] {
        let l = albedo.linear();
        let mut c = [l[0] * light, l[1] * light, l[2] * light];
        let m = c[0].max(c[1]).max(c[2]);
        if m > 1.0 {
            c = [c[0] / m, c[1] / m, c[2] / m];
        }
        let o = |v: f32| (v.max(0.0).sqrt() * 255.0 + 0.5) as u8;
        [o(c[0]), o(c[1]), o(c[2])]
    }

    fn glow(c: Rgb) -> [u8; 3] {
        let o = |v: f32| (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
        [o(c.0), o(c.1), o(c.2)]
    }

    pub(super) fn shade(
        &self,
        col: &Column,
        k: f64,
        hit: (f64, Option<usize>, [f32; 3]),
    ) -> [u8; 3] {
        let (s, what, n) = hit;
        let p = [
            (col.cx + col.dx * s) as f32,
            (col.cy + k * s) as f32,
            (col.cz + col.dz * s) as f32,
        ];
        let room = self.room;
        if let Some(i) = what {
            return match room.blocks[i].mat {
                Mat::Glow(c) => Self::glow(c),
                Mat::Matte(c) => Self::finish(c, self.light(p, n)),
            };
        }
        if n[1] > 0.5 {
            // Floor: planks 0.18 m wide running east-west, 1.2 m long, staggered.
            let row = (p[2] / 0.18).floor() as i64;
            let along = p[0] + (hash01(row, 7) * 1.2);
            let seg = (along / 1.2).floor() as i64;
            let t = hash01(row, seg);
            let (a, b) = room.floor;
            let mut c = Rgb(
                a.0 + (b.0 - a.0) * t,
                a.1 + (b.1 - a.1) * t,
                a.2 + (b.2 - a.2) * t,
            );
            let fz = p[2] / 0.18 - row as f32;
            let fx = along / 1.2 - seg as f32;
            if !(0.04..=0.96).contains(&fz) || !(0.006..=0.994).contains(&fx) {
                c = c.scale(0.72);
            }
            let mut light = self.light(p, n);
            for f in &room.footprints {
                let ddx = (f[0] as f32 - p[0]).max(p[0] - f[2] as f32).max(0.0);
                let ddz = (f[1] as f32 - p[2]).max(p[2] - f[3] as f32).max(0.0);
                let d = ddx.max(ddz);
                if d < 0.35 {
                    light *= 0.5 + 0.5 * (d / 0.35);
                }
            }
            return Self::finish(c, light);
        }
        if n[1] < -0.5 {
            // Ceiling with light panels and a faint grid.
            for pn in &room.panels {
                if f64::from(p[0]) >= pn.x0
                    && f64::from(p[0]) <= pn.x1
                    && f64::from(p[2]) >= pn.z0
                    && f64::from(p[2]) <= pn.z1
                {
                    return Self::glow(Rgb(1.0, 0.99, 0.96));
                }
            }
            let gx = (p[0] / 1.2).fract();
            let gz = (p[2] / 1.2).fract();
            let c = if gx < 0.012 || gz < 0.012 {
                room.ceiling.scale(0.9)
            } else {
                room.ceiling
            };
            return Self::finish(c, AMBIENT + 0.38);
        }
        let mut c = room.walls[col.wall];
        if p[1] < 0.12 {
            c = c.scale(0.55); // skirting
        } else if (p[1] - 2.9).abs() < 0.015 {
            c = c.scale(0.85); // picture rail
        }
        Self::finish(c, self.light(p, n))
    }
}
