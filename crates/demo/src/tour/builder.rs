//! The room builder: fixtures (rails, shelves, tables, the sign, plants) as blocks in a
//! fixture's local frame, stocked with the picked products.

use std::collections::HashSet;

use super::{InfoSpot, Pick, Placed, PlanRect};
use crate::data::Kind;
use crate::panorama::{Block, Mat, Rgb, Room};

/// Local axes of a fixture: `u` along it, `v` towards the shopper, both ±x or ±z.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) ox: f64,
    pub(super) oz: f64,
    pub(super) u: (f64, f64),
    pub(super) v: (f64, f64),
}

impl Frame {
    pub(super) fn aabb(&self, u: [f64; 2], v: [f64; 2], y: [f64; 2]) -> ([f64; 3], [f64; 3]) {
        let xs = [
            self.ox + self.u.0 * u[0] + self.v.0 * v[0],
            self.ox + self.u.0 * u[1] + self.v.0 * v[1],
        ];
        let zs = [
            self.oz + self.u.1 * u[0] + self.v.1 * v[0],
            self.oz + self.u.1 * u[1] + self.v.1 * v[1],
        ];
        (
            [xs[0].min(xs[1]), y[0], zs[0].min(zs[1])],
            [xs[0].max(xs[1]), y[1], zs[0].max(zs[1])],
        )
    }
}

/// Colours of one shop.
#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    pub(super) floor: (&'static str, &'static str),
    pub(super) wall: &'static str,
    pub(super) feature_wall: &'static str,
    pub(super) ceiling: &'static str,
    pub(super) fixture: &'static str,
    pub(super) metal: &'static str,
    pub(super) accent: &'static str,
    pub(super) sign: &'static str,
    pub(super) letters: &'static str,
}

pub(super) struct Builder<'a> {
    pub(super) room: Room,
    pub(super) mirror: bool,
    pub(super) style: Style,
    pub(super) picks: &'a [Pick],
    pub(super) used: HashSet<String>,
    pub(super) skip: usize,
    pub(super) turn: usize,
    pub(super) placed: Vec<Placed>,
    pub(super) infos: Vec<InfoSpot>,
    pub(super) plan: Vec<PlanRect>,
}

impl<'a> Builder<'a> {
    /// A frame at (x, z) (mirrored east-west when the shop is).
    pub(super) fn frame(&self, x: f64, z: f64, u: (f64, f64), v: (f64, f64)) -> Frame {
        if self.mirror {
            Frame {
                ox: self.room.w - x,
                oz: z,
                u: (-u.0, u.1),
                v: (-v.0, v.1),
            }
        } else {
            Frame { ox: x, oz: z, u, v }
        }
    }

    pub(super) fn put(
        &mut self,
        f: &Frame,
        u: [f64; 2],
        v: [f64; 2],
        y: [f64; 2],
        mat: Mat,
        tag: u32,
    ) {
        let (min, max) = f.aabb(u, v, y);
        self.room.blocks.push(Block { min, max, mat, tag });
    }

    pub(super) fn matte(hex: &str) -> Mat {
        Mat::Matte(Rgb::hex(hex))
    }

    pub(super) fn footprint(&mut self, f: &Frame, u: [f64; 2], v: [f64; 2], fill: &str) {
        let (min, max) = f.aabb(u, v, [0.0, 0.0]);
        let r = [min[0], min[2], max[0], max[2]];
        self.room.footprints.push(r);
        self.plan.push((r, fill.to_owned()));
    }

    /// The next product of one of `kinds` not shown yet (kinds taken in turn).
    pub(super) fn take(&mut self, kinds: &[Kind]) -> Option<Pick> {
        for attempt in 0..kinds.len() {
            let kind = kinds[(self.turn + attempt) % kinds.len()];
            let list: Vec<&Pick> = self.picks.iter().filter(|p| p.kind == kind).collect();
            for j in 0..list.len() {
                let p = list[(self.skip + j) % list.len()];
                if self.used.insert(p.product_id.clone()) {
                    self.turn += 1;
                    return Some(p.clone());
                }
            }
        }
        None
    }

    /// Registers a product; its tag.
    pub(super) fn register(&mut self, pick: &Pick) -> u32 {
        let tag = self.placed.len() as u32 + 1;
        self.placed.push(Placed {
            tag,
            pick: pick.clone(),
            hero: [0.0; 3],
        });
        tag
    }

    pub(super) fn set_hero(&mut self, tag: u32) {
        if let (Some(b), Some(p)) = (
            self.room.blocks.last().copied(),
            self.placed.get_mut(tag as usize - 1),
        ) {
            p.hero = b.centre();
        }
    }

    // ---- products ------------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    /// One garment hanging face-out at `uc` on a rail at `vc` (bar height 1.72).
    pub(super) fn garment(
        &mut self,
        f: &Frame,
        uc: f64,
        vc: f64,
        kind: Kind,
        c: Rgb,
        tag: u32,
        hero: bool,
    ) {
        let m = Mat::Matte(c);
        let dark = Self::matte("#3f3f46");
        self.put(
            f,
            [uc - 0.008, uc + 0.008],
            [vc - 0.008, vc + 0.008],
            [1.62, 1.74],
            dark,
            0,
        );
        let wood = Self::matte("#b08968");
        self.put(
            f,
            [uc - 0.2, uc + 0.2],
            [vc - 0.012, vc + 0.012],
            [1.6, 1.625],
            wood,
            0,
        );
        let t = [vc - 0.03, vc + 0.03];
        match kind {
            Kind::Dress => {
                self.put(f, [uc - 0.16, uc + 0.16], t, [1.22, 1.6], m, tag);
                self.put(f, [uc - 0.27, uc + 0.27], t, [0.62, 1.22], m, tag);
            }
            Kind::Trousers => {
                self.put(f, [uc - 0.19, uc - 0.015], t, [0.66, 1.4], m, tag);
                self.put(f, [uc + 0.015, uc + 0.19], t, [0.66, 1.4], m, tag);
                self.put(f, [uc - 0.19, uc + 0.19], t, [1.38, 1.6], m, tag);
            }
            Kind::Scarf => {
                self.put(f, [uc - 0.11, uc + 0.11], t, [0.9, 1.6], m, tag);
            }
            Kind::Jacket => {
                self.put(f, [uc - 0.31, uc - 0.23], t, [0.95, 1.57], m, tag);
                self.put(f, [uc + 0.23, uc + 0.31], t, [0.95, 1.57], m, tag);
                self.put(
                    f,
                    [uc - 0.23, uc + 0.23],
                    [vc - 0.035, vc + 0.035],
                    [0.86, 1.6],
                    m,
                    tag,
                );
            }
            _ => {
                self.put(f, [uc - 0.29, uc - 0.21], t, [1.2, 1.57], m, tag);
                self.put(f, [uc + 0.21, uc + 0.29], t, [1.2, 1.57], m, tag);
                self.put(f, [uc - 0.21, uc + 0.21], t, [0.98, 1.6], m, tag);
            }
        }
        if hero {
            self.set_hero(tag);
        }
    }

    /// Several of one product side by side within `[u0, u1]` on a surface; the middle
    /// one is the hero.
    pub(super) fn display(&mut self, f: &Frame, u0: f64, u1: f64, vb: f64, y: f64, pick: &Pick) {
        let spacing = match pick.kind {
            Kind::Shoe | Kind::Boot => 0.34,
            Kind::Mug => 0.2,
            Kind::Candle => 0.18,
            Kind::Bag | Kind::Lamp | Kind::Pillow | Kind::Backpack | Kind::Hat => 0.46,
            _ => 0.4,
        };
        let n = (((u1 - u0) / spacing).floor() as usize).clamp(1, 4);
        let tag = self.register(pick);
        let c = Rgb::hex(&pick.colour);
        let start = (u0 + u1) / 2.0 - spacing * (n as f64 - 1.0) / 2.0;
        let hero = n / 2;
        for i in 0..n {
            self.standing(f, start + spacing * i as f64, vb, y, pick.kind, c, tag);
            if i == hero {
                self.set_hero(tag);
            }
        }
    }

    // ---- fixtures -------------------------------------------------------------------

    /// A rail along `u` from 0 to `len` with garments face-out towards +v; `wall`: on
    /// brackets against a wall, else on two posts.
    pub(super) fn rail(&mut self, f: Frame, len: f64, wall: bool, kinds: &[Kind]) {
        let metal = Self::matte(self.style.metal);
        let vc = if wall { 0.24 } else { 0.0 };
        self.put(
            &f,
            [0.0, len],
            [vc - 0.012, vc + 0.012],
            [1.72, 1.745],
            metal,
            0,
        );
        if wall {
            for u in [0.0, len] {
                self.put(
                    &f,
                    [u - 0.015, u + 0.015],
                    [0.0, vc + 0.02],
                    [1.7, 1.76],
                    metal,
                    0,
                );
            }
        } else {
            for u in [0.0, len] {
                self.put(
                    &f,
                    [u - 0.02, u + 0.02],
                    [-0.02, 0.02],
                    [0.03, 1.76],
                    metal,
                    0,
                );
                self.put(
                    &f,
                    [u - 0.025, u + 0.025],
                    [-0.28, 0.28],
                    [0.0, 0.03],
                    metal,
                    0,
                );
            }
            let accent = self.style.metal.to_owned();
            self.footprint(&f, [0.0, len], [-0.28, 0.28], &accent);
        }
        // Products of two garments each.
        let group = 1.32;
        let n = ((len - 0.2) / group).floor() as usize;
        let pad = (len - group * n as f64) / 2.0;
        for g in 0..n {
            let Some(pick) = self.take(kinds) else { break };
            let tag = self.register(&pick);
            let c = Rgb::hex(&pick.colour);
            let u = pad + group * g as f64 + 0.36;
            self.garment(&f, u, vc, pick.kind, c, tag, true);
            self.garment(&f, u + 0.62, vc, pick.kind, c, tag, false);
            let (min, max) = f.aabb([u - 0.3, u + 0.92], [vc - 0.05, vc + 0.05], [0.0, 0.0]);
            self.plan
                .push(([min[0], min[2], max[0], max[2]], pick.colour.clone()));
        }
        if wall {
            let (min, max) = f.aabb([0.0, len], [0.0, vc + 0.05], [0.0, 0.0]);
            self.plan.push((
                [min[0], min[2], max[0], max[2]],
                self.style.metal.to_owned(),
            ));
        }
    }

    /// Shelving of `units` bays of 1.2 m against a wall, boards at `levels`, one product
    /// per board and bay.
    pub(super) fn shelves(
        &mut self,
        f: Frame,
        units: usize,
        levels: &[f64],
        depth: f64,
        kinds: &[Kind],
    ) {
        let wood = Self::matte(self.style.fixture);
        let back = Mat::Matte(Rgb::hex(self.style.fixture).scale(0.8));
        let len = 1.2 * units as f64;
        let top = levels.iter().copied().fold(0.0, f64::max) + 0.45;
        self.put(&f, [0.0, len], [0.0, 0.02], [0.0, top], back, 0);
        for k in 0..=units {
            let u = 1.2 * k as f64;
            self.put(
                &f,
                [u - 0.015, u + 0.015],
                [0.0, depth],
                [0.0, top],
                wood,
                0,
            );
        }
        let fill = self.style.fixture.to_owned();
        self.footprint(&f, [0.0, len], [0.0, depth], &fill);
        for &y in levels {
            self.put(&f, [0.0, len], [0.0, depth], [y - 0.025, y], wood, 0);
        }
        for k in 0..units {
            for &y in levels {
                let Some(pick) = self.take(kinds) else {
                    continue;
                };
                let u0 = 1.2 * k as f64 + 0.08;
                self.display(&f, u0, u0 + 1.04, 0.02, y, &pick);
            }
        }
    }

    /// A table (`len` × `depth`, 0.8 m high) with two products, one per half.
    pub(super) fn table(&mut self, f: Frame, len: f64, depth: f64, kinds: &[Kind]) {
        let wood = Self::matte(self.style.fixture);
        let h = 0.8;
        self.put(&f, [0.0, len], [0.0, depth], [h - 0.05, h], wood, 0);
        for (u, v) in [
            (0.06, 0.06),
            (len - 0.06, 0.06),
            (0.06, depth - 0.06),
            (len - 0.06, depth - 0.06),
        ] {
            self.put(
                &f,
                [u - 0.03, u + 0.03],
                [v - 0.03, v + 0.03],
                [0.0, h - 0.05],
                wood,
                0,
            );
        }
        let fill = self.style.fixture.to_owned();
        self.footprint(&f, [0.0, len], [0.0, depth], &fill);
        for half in 0..2 {
            let Some(pick) = self.take(kinds) else {
                continue;
            };
            let u0 = len / 2.0 * f64::from(half);
            let vb = depth / 2.0 - 0.15;
            self.display(&f, u0 + 0.1, u0 + len / 2.0 - 0.1, vb, h, &pick);
        }
    }

    /// The brand sign: a panel with light "letters" (blocks of varying width).
    pub(super) fn sign(&mut self, f: Frame, len: f64, y0: f64) {
        let panel = Self::matte(self.style.sign);
        self.put(&f, [0.0, len], [0.0, 0.06], [y0, y0 + 0.6], panel, 0);
        let letters = Mat::Glow(Rgb::hex(self.style.letters));
        let widths = [0.22, 0.16, 0.24, 0.2, 0.06, 0.26, 0.18, 0.22];
        let total: f64 = widths.iter().sum::<f64>() + 0.08 * (widths.len() as f64 - 1.0);
        let mut u = (len - total) / 2.0;
        for (i, w) in widths.iter().enumerate() {
            let (a, b) = if i == 4 { (0.2, 0.4) } else { (0.15, 0.45) };
            self.put(&f, [u, u + w], [0.06, 0.08], [y0 + a, y0 + b], letters, 0);
            u += w + 0.08;
        }
        // A thin accent line under the letters.
        let accent = Mat::Glow(Rgb::hex(self.style.accent));
        self.put(
            &f,
            [0.3, len - 0.3],
            [0.06, 0.075],
            [y0 + 0.08, y0 + 0.1],
            accent,
            0,
        );
    }

    pub(super) fn plant(&mut self, x: f64, z: f64) {
        let f = self.frame(x, z, (1.0, 0.0), (0.0, 1.0));
        let pot = Self::matte("#d6d3d1");
        self.put(&f, [-0.2, 0.2], [-0.2, 0.2], [0.0, 0.45], pot, 0);
        let leaves = Self::matte("#4d7c4f");
        self.put(&f, [-0.32, 0.32], [-0.32, 0.32], [0.45, 1.15], leaves, 0);
        self.put(&f, [-0.2, 0.2], [-0.2, 0.2], [1.15, 1.5], leaves, 0);
        self.footprint(&f, [-0.32, 0.32], [-0.32, 0.32], "#4d7c4f");
    }
}
