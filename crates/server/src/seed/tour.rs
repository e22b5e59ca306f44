//! The demo virtual tours: two shops (Shanghai Jing'an, Beijing Sanlitun) laid out as
//! box rooms with rails, shelves, tables, a cash desk, fitting rooms and a brand sign,
//! stocked with products picked deterministically from the seeded catalogue (the first
//! products of the kinds each fixture shows, in the colour of their first variant).
//!
//! A [`Design`] is the whole truth of a tour: the room the panoramas are rendered from
//! and the hotspots, each computed from the 3-D position of what it points at (a
//! product's hero block, another standpoint's spot on the floor, a fitting-room door)
//! and kept only when a ray in that exact direction meets that thing first.

use std::collections::HashSet;
use std::fmt::Write as _;

use storefront_api_types::{
    Hotspot, HotspotTarget, LocalizedText, PlanPoint, ProductId, VariantId, View,
};

use super::data::Kind;
use super::panorama::{direction_to, trace, wrap_deg, Block, Camera, Mat, Panel, Rgb, Room};

/// The stores that have a demo tour.
pub const TOUR_STORES: [&str; 2] = ["s_sh_jingan", "s_bj_sanlitun"];
/// Eye height of every standpoint, metres.
pub const EYE: f64 = 1.6;
/// Width of the floor-plan picture, pixels.
pub const PLAN_WIDTH: u32 = 800;
/// Margin around the room on the floor plan, pixels.
const PLAN_MARGIN: f64 = 40.0;
/// Farthest product a scene offers a hotspot for, metres (horizontal).
const HOTSPOT_RANGE: f64 = 11.0;
/// Most product hotspots per scene (the nearest visible ones).
const HOTSPOT_MAX: usize = 12;
/// Tags of the info spots (products are tagged from 1).
const TAG_FITTING: u32 = 10_001;
const TAG_DESK: u32 = 10_002;

/// A catalogue product as the tours show it: its first variant and that variant's colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub product_id: String,
    pub variant_id: String,
    pub name: LocalizedText,
    pub kind: Kind,
    /// `#rrggbb` swatch of the variant's colour.
    pub colour: String,
}

/// How many catalogue products the tours choose from (the first by `seq`).
pub const PICK_POOL: i64 = 400;

/// The candidate products, in catalogue order.
pub async fn picks<'e, E: sqlx::SqliteExecutor<'e>>(db: E) -> Result<Vec<Pick>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.kind, p.name_zh, p.name_en, v.id, COALESCE(o.swatch, '#9ca3af') \
         FROM products p \
         JOIN variants v ON v.product_id = p.id \
           AND v.position = (SELECT MIN(position) FROM variants WHERE product_id = p.id) \
         LEFT JOIN option_values o ON o.product_id = p.id AND o.option_position = 0 AND o.code = v.option1 \
         ORDER BY p.seq LIMIT ?",
    )
    .bind(PICK_POOL)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(pid, kind, zh, en, vid, colour)| {
            Some(Pick {
                product_id: pid,
                variant_id: vid,
                name: LocalizedText::new(zh, en),
                kind: Kind::parse(&kind)?,
                colour,
            })
        })
        .collect())
}

/// A product placed in the room.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub tag: u32,
    pub pick: Pick,
    /// Centre of the block its hotspots point at.
    pub hero: [f64; 3],
}

/// A spot with a note (fitting rooms, cash desk).
#[derive(Debug, Clone, PartialEq)]
pub struct InfoSpot {
    pub id: &'static str,
    pub tag: u32,
    pub at: [f64; 3],
    pub label: LocalizedText,
    pub text: LocalizedText,
}

/// One standpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneDesign {
    pub id: &'static str,
    pub name: LocalizedText,
    pub camera: Camera,
    pub initial_view: View,
    pub plan_position: PlanPoint,
    pub hotspots: Vec<Hotspot>,
}

/// A rectangle of the floor plan: (x0, z0, x1, z1) and its fill.
type PlanRect = ([f64; 4], String);

/// A whole tour.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    pub store_id: &'static str,
    pub room: Room,
    pub scenes: Vec<SceneDesign>,
    pub start_scene: &'static str,
    pub placed: Vec<Placed>,
    pub infos: Vec<InfoSpot>,
    plan: Vec<PlanRect>,
    links: Vec<(usize, usize)>,
}

impl Design {
    pub fn scene(&self, id: &str) -> Option<&SceneDesign> {
        self.scenes.iter().find(|s| s.id == id)
    }

    /// Height of the floor-plan picture, pixels.
    pub fn plan_height(&self) -> u32 {
        plan_height(&self.room)
    }
}

fn plan_height(room: &Room) -> u32 {
    let scale = (f64::from(PLAN_WIDTH) - 2.0 * PLAN_MARGIN) / room.w;
    (room.d * scale + 2.0 * PLAN_MARGIN).round() as u32
}

/// Floor-plan pixel of a room point (x, z).
fn plan_px(room: &Room, x: f64, z: f64) -> (f64, f64) {
    let scale = (f64::from(PLAN_WIDTH) - 2.0 * PLAN_MARGIN) / room.w;
    (PLAN_MARGIN + x * scale, PLAN_MARGIN + (room.d - z) * scale)
}

/// Local axes of a fixture: `u` along it, `v` towards the shopper, both ±x or ±z.
#[derive(Debug, Clone, Copy)]
struct Frame {
    ox: f64,
    oz: f64,
    u: (f64, f64),
    v: (f64, f64),
}

impl Frame {
    fn aabb(&self, u: [f64; 2], v: [f64; 2], y: [f64; 2]) -> ([f64; 3], [f64; 3]) {
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
struct Style {
    floor: (&'static str, &'static str),
    wall: &'static str,
    feature_wall: &'static str,
    ceiling: &'static str,
    fixture: &'static str,
    metal: &'static str,
    accent: &'static str,
    sign: &'static str,
    letters: &'static str,
}

struct Builder<'a> {
    room: Room,
    mirror: bool,
    style: Style,
    picks: &'a [Pick],
    used: HashSet<String>,
    skip: usize,
    turn: usize,
    placed: Vec<Placed>,
    infos: Vec<InfoSpot>,
    plan: Vec<PlanRect>,
}

impl<'a> Builder<'a> {
    /// A frame at (x, z) (mirrored east-west when the shop is).
    fn frame(&self, x: f64, z: f64, u: (f64, f64), v: (f64, f64)) -> Frame {
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

    fn put(&mut self, f: &Frame, u: [f64; 2], v: [f64; 2], y: [f64; 2], mat: Mat, tag: u32) {
        let (min, max) = f.aabb(u, v, y);
        self.room.blocks.push(Block { min, max, mat, tag });
    }

    fn matte(hex: &str) -> Mat {
        Mat::Matte(Rgb::hex(hex))
    }

    fn footprint(&mut self, f: &Frame, u: [f64; 2], v: [f64; 2], fill: &str) {
        let (min, max) = f.aabb(u, v, [0.0, 0.0]);
        let r = [min[0], min[2], max[0], max[2]];
        self.room.footprints.push(r);
        self.plan.push((r, fill.to_owned()));
    }

    /// The next product of one of `kinds` not shown yet (kinds taken in turn).
    fn take(&mut self, kinds: &[Kind]) -> Option<Pick> {
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
    fn register(&mut self, pick: &Pick) -> u32 {
        let tag = self.placed.len() as u32 + 1;
        self.placed.push(Placed {
            tag,
            pick: pick.clone(),
            hero: [0.0; 3],
        });
        tag
    }

    fn set_hero(&mut self, tag: u32) {
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
    fn garment(&mut self, f: &Frame, uc: f64, vc: f64, kind: Kind, c: Rgb, tag: u32, hero: bool) {
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

    /// One item standing on a surface at height `y`, centred at `uc`, its back at `vb`
    /// (its front towards +v); `depth` is how deep the surface is.
    #[allow(clippy::too_many_arguments)]
    fn standing(&mut self, f: &Frame, uc: f64, vb: f64, y: f64, kind: Kind, c: Rgb, tag: u32) {
        let m = Mat::Matte(c);
        match kind {
            Kind::Shoe | Kind::Boot => {
                let sole = Self::matte("#f5f5f4");
                let v = [vb + 0.02, vb + 0.3];
                self.put(f, [uc + 0.015, uc + 0.115], v, [y, y + 0.025], sole, tag);
                self.put(
                    f,
                    [uc + 0.015, uc + 0.115],
                    v,
                    [y + 0.025, y + 0.11],
                    m,
                    tag,
                );
                if kind == Kind::Boot {
                    self.put(
                        f,
                        [uc + 0.015, uc + 0.115],
                        [vb + 0.02, vb + 0.14],
                        [y + 0.11, y + 0.3],
                        m,
                        tag,
                    );
                    self.put(
                        f,
                        [uc - 0.115, uc - 0.015],
                        [vb + 0.02, vb + 0.14],
                        [y + 0.11, y + 0.3],
                        m,
                        tag,
                    );
                }
                self.put(f, [uc - 0.115, uc - 0.015], v, [y, y + 0.025], sole, tag);
                self.put(
                    f,
                    [uc - 0.115, uc - 0.015],
                    v,
                    [y + 0.025, y + 0.11],
                    m,
                    tag,
                );
            }
            Kind::Bag => {
                let h = [y + 0.26, y + 0.36];
                let v = [vb + 0.11, vb + 0.13];
                self.put(f, [uc - 0.11, uc - 0.09], v, h, m, tag);
                self.put(f, [uc + 0.09, uc + 0.11], v, h, m, tag);
                self.put(f, [uc - 0.11, uc + 0.11], v, [y + 0.34, y + 0.36], m, tag);
                self.put(
                    f,
                    [uc - 0.17, uc + 0.17],
                    [vb + 0.04, vb + 0.2],
                    [y, y + 0.26],
                    m,
                    tag,
                );
            }
            Kind::Backpack => {
                self.put(
                    f,
                    [uc - 0.1, uc + 0.1],
                    [vb + 0.23, vb + 0.27],
                    [y + 0.04, y + 0.18],
                    Mat::Matte(c.scale(0.85)),
                    tag,
                );
                self.put(
                    f,
                    [uc - 0.15, uc + 0.15],
                    [vb + 0.03, vb + 0.23],
                    [y, y + 0.4],
                    m,
                    tag,
                );
            }
            Kind::Hat => {
                self.put(
                    f,
                    [uc - 0.17, uc + 0.17],
                    [vb + 0.0, vb + 0.3],
                    [y, y + 0.015],
                    m,
                    tag,
                );
                self.put(
                    f,
                    [uc - 0.1, uc + 0.1],
                    [vb + 0.05, vb + 0.25],
                    [y + 0.015, y + 0.14],
                    m,
                    tag,
                );
            }
            Kind::Mug => {
                self.put(
                    f,
                    [uc + 0.045, uc + 0.07],
                    [vb + 0.14, vb + 0.16],
                    [y + 0.02, y + 0.08],
                    m,
                    tag,
                );
                self.put(
                    f,
                    [uc - 0.045, uc + 0.045],
                    [vb + 0.105, vb + 0.195],
                    [y, y + 0.1],
                    m,
                    tag,
                );
            }
            Kind::Candle => {
                let flame = Mat::Glow(Rgb::hex("#fbbf24"));
                self.put(
                    f,
                    [uc - 0.006, uc + 0.006],
                    [vb + 0.144, vb + 0.156],
                    [y + 0.1, y + 0.125],
                    flame,
                    0,
                );
                self.put(
                    f,
                    [uc - 0.04, uc + 0.04],
                    [vb + 0.11, vb + 0.19],
                    [y, y + 0.1],
                    m,
                    tag,
                );
            }
            Kind::Lamp => {
                self.put(
                    f,
                    [uc - 0.07, uc + 0.07],
                    [vb + 0.08, vb + 0.22],
                    [y, y + 0.02],
                    m,
                    tag,
                );
                let stem = Self::matte("#52525b");
                self.put(
                    f,
                    [uc - 0.008, uc + 0.008],
                    [vb + 0.142, vb + 0.158],
                    [y + 0.02, y + 0.27],
                    stem,
                    0,
                );
                self.put(
                    f,
                    [uc - 0.12, uc + 0.12],
                    [vb + 0.03, vb + 0.27],
                    [y + 0.26, y + 0.42],
                    m,
                    tag,
                );
            }
            Kind::Pillow => {
                self.put(
                    f,
                    [uc - 0.19, uc + 0.19],
                    [vb + 0.05, vb + 0.17],
                    [y, y + 0.36],
                    m,
                    tag,
                );
            }
            Kind::Scarf => {
                self.put(
                    f,
                    [uc - 0.14, uc + 0.14],
                    [vb + 0.04, vb + 0.24],
                    [y, y + 0.09],
                    m,
                    tag,
                );
            }
            // Clothes folded in a stack.
            _ => {
                for i in 0..3 {
                    let y0 = y + f64::from(i) * 0.052;
                    self.put(
                        f,
                        [uc - 0.16, uc + 0.16],
                        [vb + 0.02, vb + 0.28],
                        [y0, y0 + 0.05],
                        m,
                        tag,
                    );
                }
            }
        }
    }

    /// Several of one product side by side within `[u0, u1]` on a surface; the middle
    /// one is the hero.
    fn display(&mut self, f: &Frame, u0: f64, u1: f64, vb: f64, y: f64, pick: &Pick) {
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
    fn rail(&mut self, f: Frame, len: f64, wall: bool, kinds: &[Kind]) {
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
    fn shelves(&mut self, f: Frame, units: usize, levels: &[f64], depth: f64, kinds: &[Kind]) {
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
    fn table(&mut self, f: Frame, len: f64, depth: f64, kinds: &[Kind]) {
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
    fn sign(&mut self, f: Frame, len: f64, y0: f64) {
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

    fn plant(&mut self, x: f64, z: f64) {
        let f = self.frame(x, z, (1.0, 0.0), (0.0, 1.0));
        let pot = Self::matte("#d6d3d1");
        self.put(&f, [-0.2, 0.2], [-0.2, 0.2], [0.0, 0.45], pot, 0);
        let leaves = Self::matte("#4d7c4f");
        self.put(&f, [-0.32, 0.32], [-0.32, 0.32], [0.45, 1.15], leaves, 0);
        self.put(&f, [-0.2, 0.2], [-0.2, 0.2], [1.15, 1.5], leaves, 0);
        self.footprint(&f, [-0.32, 0.32], [-0.32, 0.32], "#4d7c4f");
    }
}

/// Scene definitions of one shop: id, names, (x, z) before mirroring, heading (before
/// mirroring), initial yaw and pitch.
struct SceneDef {
    id: &'static str,
    name: (&'static str, &'static str),
    x: f64,
    z: f64,
    heading: f64,
    yaw: f64,
    pitch: f64,
}

struct ShopDef {
    store_id: &'static str,
    w: f64,
    d: f64,
    h: f64,
    mirror: bool,
    skip: usize,
    style: Style,
    scenes: &'static [SceneDef],
    links: &'static [(usize, usize)],
}

const JINGAN_SCENES: &[SceneDef] = &[
    SceneDef {
        id: "entrance",
        name: ("入口", "Entrance"),
        x: 7.0,
        z: 2.4,
        heading: 0.0,
        yaw: 0.0,
        pitch: -4.0,
    },
    SceneDef {
        id: "centre",
        name: ("店中央", "Centre aisle"),
        x: 7.0,
        z: 8.8,
        heading: 0.0,
        yaw: -70.0,
        pitch: -8.0,
    },
    SceneDef {
        id: "back",
        name: ("收银台与试衣间", "Cash desk and fitting rooms"),
        x: 7.0,
        z: 14.6,
        heading: 180.0,
        yaw: 120.0,
        pitch: -6.0,
    },
];

const SANLITUN_SCENES: &[SceneDef] = &[
    SceneDef {
        id: "entrance",
        name: ("入口", "Entrance"),
        x: 8.0,
        z: 2.6,
        heading: 0.0,
        yaw: 0.0,
        pitch: -4.0,
    },
    SceneDef {
        id: "centre",
        name: ("店中央", "Centre aisle"),
        x: 8.0,
        z: 10.0,
        heading: 0.0,
        yaw: 70.0,
        pitch: -8.0,
    },
    SceneDef {
        id: "wall",
        name: ("服装墙", "Clothing wall"),
        x: 1.9,
        z: 10.8,
        heading: 270.0,
        yaw: 90.0,
        pitch: -6.0,
    },
    SceneDef {
        id: "back",
        name: ("收银台与试衣间", "Cash desk and fitting rooms"),
        x: 8.0,
        z: 16.8,
        heading: 180.0,
        yaw: -150.0,
        pitch: -6.0,
    },
];

const SHOPS: [ShopDef; 2] = [
    ShopDef {
        store_id: "s_sh_jingan",
        w: 14.0,
        d: 18.0,
        h: 3.6,
        mirror: false,
        skip: 0,
        style: Style {
            floor: ("#c29a70", "#b08760"),
            wall: "#ebe5da",
            feature_wall: "#2f4f4f",
            ceiling: "#fafaf9",
            fixture: "#d9c2a3",
            metal: "#3f3f46",
            accent: "#e8b04a",
            sign: "#1f2933",
            letters: "#fdf6e3",
        },
        scenes: JINGAN_SCENES,
        links: &[(0, 1), (1, 2)],
    },
    ShopDef {
        store_id: "s_bj_sanlitun",
        w: 16.0,
        d: 20.0,
        h: 4.0,
        mirror: true,
        skip: 2,
        style: Style {
            floor: ("#8d6e53", "#7c5f46"),
            wall: "#e9ecef",
            feature_wall: "#7a2e2e",
            ceiling: "#f4f4f5",
            fixture: "#efe9e1",
            metal: "#b08d57",
            accent: "#f4c430",
            sign: "#fafafa",
            letters: "#1f2937",
        },
        scenes: SANLITUN_SCENES,
        links: &[(0, 1), (1, 2), (1, 3), (2, 3)],
    },
];

fn build_room<'a>(shop: &ShopDef, picks: &'a [Pick]) -> Builder<'a> {
    let s = shop.style;
    let wall = Rgb::hex(s.wall);
    let (w, d, h) = (shop.w, shop.d, shop.h);
    let room = Room {
        w,
        d,
        h,
        floor: (Rgb::hex(s.floor.0), Rgb::hex(s.floor.1)),
        walls: [wall, Rgb::hex(s.feature_wall), wall, wall],
        ceiling: Rgb::hex(s.ceiling),
        panels: Vec::new(),
        blocks: Vec::new(),
        footprints: Vec::new(),
    };
    let mut b = Builder {
        room,
        mirror: shop.mirror,
        style: s,
        picks,
        used: HashSet::new(),
        skip: shop.skip,
        turn: 0,
        placed: Vec::new(),
        infos: Vec::new(),
        plan: Vec::new(),
    };
    // Ceiling light panels: two rows along the shop.
    let rows = ((d - 2.0) / 4.0).floor() as usize;
    for r in 0..rows {
        let zc = 2.5 + 4.0 * r as f64;
        for xc in [w * 0.25, w * 0.75] {
            b.room.panels.push(Panel {
                x0: xc - 0.6,
                z0: zc - 1.2,
                x1: xc + 0.6,
                z1: zc + 1.2,
            });
        }
    }
    // Shop front: windows either side of the glass door.
    let glass = Mat::Glow(Rgb::hex("#dbeafe"));
    let door = Mat::Glow(Rgb::hex("#eef6ff"));
    let front = Frame {
        ox: 0.0,
        oz: 0.0,
        u: (1.0, 0.0),
        v: (0.0, 1.0),
    };
    b.put(
        &front,
        [0.8, w / 2.0 - 1.6],
        [0.0, 0.02],
        [0.3, 2.8],
        glass,
        0,
    );
    b.put(
        &front,
        [w / 2.0 + 1.6, w - 0.8],
        [0.0, 0.02],
        [0.3, 2.8],
        glass,
        0,
    );
    b.put(
        &front,
        [w / 2.0 - 1.2, w / 2.0 + 1.2],
        [0.0, 0.02],
        [0.0, 2.6],
        door,
        0,
    );
    let metal = Mat::Matte(Rgb::hex(s.metal));
    b.put(
        &front,
        [w / 2.0 - 0.02, w / 2.0 + 0.02],
        [0.0, 0.03],
        [0.0, 2.6],
        metal,
        0,
    );

    // West wall: two face-out rails of clothes with a board of bags and hats above.
    let west_len = (d - 7.0) / 2.0;
    let f1 = b.frame(0.0, 3.0, (0.0, 1.0), (1.0, 0.0));
    b.rail(
        f1,
        west_len,
        true,
        &[Kind::Dress, Kind::Top, Kind::Jacket, Kind::Trousers],
    );
    let f2 = b.frame(0.0, 4.0 + west_len, (0.0, 1.0), (1.0, 0.0));
    b.rail(
        f2,
        west_len,
        true,
        &[Kind::Top, Kind::Jacket, Kind::Dress, Kind::Trousers],
    );
    let board = b.frame(0.0, 3.0, (0.0, 1.0), (1.0, 0.0));
    let len = 2.0 * west_len + 1.0;
    let wood = Mat::Matte(Rgb::hex(s.fixture));
    b.put(&board, [0.0, len], [0.0, 0.34], [2.08, 2.11], wood, 0);
    let slots = (len / 1.6).floor() as usize;
    for k in 0..slots {
        let Some(pick) = b.take(&[Kind::Bag, Kind::Hat, Kind::Backpack]) else {
            continue;
        };
        let u0 = 0.2 + 1.6 * k as f64;
        b.display(&board, u0, u0 + 1.2, 0.02, 2.11, &pick);
    }

    // Low tables between the clothing wall and the aisle.
    let tx = 2.9;
    for zt in [d * 0.28, d * 0.62] {
        let f = b.frame(tx, zt, (0.0, 1.0), (1.0, 0.0));
        b.table(f, 2.0, 1.3, &[Kind::Top, Kind::Scarf, Kind::Hat]);
    }

    // East wall: shoe shelving, then a rail of jackets and trousers.
    let shoes = b.frame(w, 3.2, (0.0, 1.0), (-1.0, 0.0));
    b.shelves(
        shoes,
        3,
        &[0.45, 0.95, 1.45],
        0.36,
        &[Kind::Shoe, Kind::Boot],
    );
    let east_rail = b.frame(w - 2.2, 8.4, (0.0, 1.0), (-1.0, 0.0));
    b.rail(
        east_rail,
        d - 13.0,
        false,
        &[Kind::Jacket, Kind::Trousers, Kind::Top, Kind::Dress],
    );

    // North wall: homeware shelves, the sign, the cash desk, the fitting rooms.
    let home = b.frame(0.6, d, (1.0, 0.0), (0.0, -1.0));
    b.shelves(
        home,
        2,
        &[0.5, 1.05, 1.6],
        0.4,
        &[Kind::Mug, Kind::Candle, Kind::Lamp, Kind::Pillow],
    );
    let sign = b.frame(w / 2.0 - 2.6, d, (1.0, 0.0), (0.0, -1.0));
    b.sign(sign, 5.2, h - 1.2);
    let desk = b.frame(w / 2.0 - 1.5, d - 1.6, (1.0, 0.0), (0.0, -1.0));
    let desk_mat = Mat::Matte(Rgb::hex(s.fixture));
    let top_mat = Mat::Matte(Rgb::hex(s.sign));
    b.put(
        &desk,
        [0.0, 3.0],
        [0.0, 0.7],
        [0.0, 0.98],
        desk_mat,
        TAG_DESK,
    );
    b.put(
        &desk,
        [-0.03, 3.03],
        [-0.03, 0.73],
        [0.98, 1.03],
        top_mat,
        TAG_DESK,
    );
    let desk_centre = b.room.blocks[b.room.blocks.len() - 2].centre();
    let fill = s.sign.to_owned();
    b.footprint(&desk, [0.0, 3.0], [0.0, 0.7], &fill);
    b.infos.push(InfoSpot {
        id: "info-desk",
        tag: TAG_DESK,
        at: desk_centre,
        label: LocalizedText::new("收银台", "Cash desk"),
        text: LocalizedText::new(
            "在这里付款、提取预留商品或办理网购退货。",
            "Pay here, collect a reservation or return an online order.",
        ),
    });
    let fit = b.frame(w - 3.6, d, (1.0, 0.0), (0.0, -1.0));
    let door_mat = Mat::Matte(Rgb::hex(s.accent));
    let frame_mat = Mat::Matte(Rgb::hex(s.metal));
    b.put(&fit, [-0.1, 3.1], [0.0, 0.04], [0.0, 2.4], frame_mat, 0);
    for k in 0..3 {
        let u = 0.1 + 1.0 * f64::from(k);
        b.put(
            &fit,
            [u, u + 0.8],
            [0.04, 0.07],
            [0.05, 2.2],
            door_mat,
            TAG_FITTING,
        );
    }
    let fit_centre = b.room.blocks[b.room.blocks.len() - 2].centre();
    b.plan.push((
        {
            let (min, max) = fit.aabb([-0.1, 3.1], [0.0, 0.3], [0.0, 0.0]);
            [min[0], min[2], max[0], max[2]]
        },
        s.accent.to_owned(),
    ));
    b.infos.push(InfoSpot {
        id: "info-fitting",
        tag: TAG_FITTING,
        at: fit_centre,
        label: LocalizedText::new("试衣间", "Fitting rooms"),
        text: LocalizedText::new(
            "三间试衣间，每次最多带入六件。",
            "Three fitting rooms; take up to six pieces at a time.",
        ),
    });

    // Plants by the door.
    b.plant(w / 2.0 - 2.2, 0.7);
    b.plant(w / 2.0 + 2.2, 0.7);
    b
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// (yaw, pitch) rounded as published, if a ray that way meets `tag` first.
fn aim(room: &Room, cam: &Camera, at: [f64; 3], tag: u32) -> Option<(f64, f64)> {
    let (yaw, pitch) = direction_to(cam, at);
    let (yaw, pitch) = (round3(wrap_deg(yaw)), round3(pitch));
    let hit = trace(room, cam, yaw, pitch);
    (hit.tag == tag).then_some((yaw, pitch))
}

/// The demo tour of `store_id` over the candidate products, or `None` for a store
/// without one.
pub fn design(store_id: &str, picks: &[Pick]) -> Option<Design> {
    let shop = SHOPS.iter().find(|s| s.store_id == store_id)?;
    let b = build_room(shop, picks);
    let room = b.room;
    let mut scenes: Vec<SceneDesign> = shop
        .scenes
        .iter()
        .map(|s| {
            let (x, heading) = if shop.mirror {
                (shop.w - s.x, wrap_deg(360.0 - s.heading).rem_euclid(360.0))
            } else {
                (s.x, s.heading)
            };
            let yaw = if shop.mirror { -s.yaw } else { s.yaw };
            let (px, py) = plan_px(&room, x, s.z);
            SceneDesign {
                id: s.id,
                name: LocalizedText::new(s.name.0, s.name.1),
                camera: Camera {
                    pos: [x, EYE, s.z],
                    heading,
                },
                initial_view: View {
                    yaw: wrap_deg(yaw),
                    pitch: s.pitch,
                    fov: 90.0,
                },
                plan_position: PlanPoint {
                    x: round3(px / f64::from(PLAN_WIDTH)),
                    y: round3(py / f64::from(plan_height(&room))),
                },
                hotspots: Vec::new(),
            }
        })
        .collect();
    let cams: Vec<(Camera, &'static str, LocalizedText)> = scenes
        .iter()
        .map(|s| (s.camera, s.id, s.name.clone()))
        .collect();
    for (i, scene) in scenes.iter_mut().enumerate() {
        let cam = scene.camera;
        // Walk to the linked scenes: aim at their spot on the floor.
        for &(a, bb) in shop.links {
            let other = if a == i {
                bb
            } else if bb == i {
                a
            } else {
                continue;
            };
            let (oc, oid, oname) = &cams[other];
            let (yaw, pitch) = direction_to(&cam, [oc.pos[0], 0.0, oc.pos[2]]);
            scene.hotspots.push(Hotspot {
                id: format!("go-{oid}"),
                yaw: round3(wrap_deg(yaw)),
                pitch: round3(pitch),
                label: oname.clone(),
                target: HotspotTarget::Scene {
                    scene_id: (*oid).to_owned(),
                },
            });
        }
        // The nearest visible products.
        let mut seen: Vec<(f64, &Placed, f64, f64)> = b
            .placed
            .iter()
            .filter_map(|p| {
                let dist = (p.hero[0] - cam.pos[0]).hypot(p.hero[2] - cam.pos[2]);
                if dist > HOTSPOT_RANGE {
                    return None;
                }
                let (yaw, pitch) = aim(&room, &cam, p.hero, p.tag)?;
                Some((dist, p, yaw, pitch))
            })
            .collect();
        seen.sort_by(|a, b| a.0.total_cmp(&b.0));
        seen.truncate(HOTSPOT_MAX);
        seen.sort_by(|a, b| a.2.total_cmp(&b.2));
        for (_, p, yaw, pitch) in seen {
            scene.hotspots.push(Hotspot {
                id: format!("product-{}", p.pick.product_id),
                yaw,
                pitch,
                label: p.pick.name.clone(),
                target: HotspotTarget::Product {
                    product_id: ProductId(p.pick.product_id.clone()),
                    variant_id: Some(VariantId(p.pick.variant_id.clone())),
                },
            });
        }
        for info in &b.infos {
            if let Some((yaw, pitch)) = aim(&room, &cam, info.at, info.tag) {
                scene.hotspots.push(Hotspot {
                    id: info.id.to_owned(),
                    yaw,
                    pitch,
                    label: info.label.clone(),
                    target: HotspotTarget::Info {
                        text: info.text.clone(),
                    },
                });
            }
        }
    }
    Some(Design {
        store_id: shop.store_id,
        start_scene: shop.scenes[0].id,
        scenes,
        placed: b.placed,
        infos: b.infos,
        plan: b.plan,
        links: shop.links.to_vec(),
        room,
    })
}

/// The floor plan as an SVG drawing (north up): walls, fixtures, products in their
/// colours, the scenes (the start one in the accent colour) joined where they link, and
/// a tick towards each panorama's yaw 0.
pub fn plan_svg(design: &Design) -> String {
    let room = &design.room;
    let (w, h) = (PLAN_WIDTH, design.plan_height());
    let mut s = String::with_capacity(8_000);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#f8f7f4"/>"##
    );
    let (x0, y0) = plan_px(room, 0.0, room.d);
    let (x1, y1) = plan_px(room, room.w, 0.0);
    let _ = write!(
        s,
        r##"<rect x="{x0:.1}" y="{y0:.1}" width="{:.1}" height="{:.1}" fill="{}" stroke="#27272a" stroke-width="8"/>"##,
        x1 - x0,
        y1 - y0,
        room.floor.0.to_hex()
    );
    // The shop front: a gap in the south wall for the door.
    let (dx0, dy) = plan_px(room, room.w / 2.0 - 1.2, 0.0);
    let (dx1, _) = plan_px(room, room.w / 2.0 + 1.2, 0.0);
    let _ = write!(
        s,
        r##"<path d="M{dx0:.1} {dy:.1}H{dx1:.1}" stroke="#bfdbfe" stroke-width="10"/>"##
    );
    for (r, fill) in &design.plan {
        let (ax, ay) = plan_px(room, r[0], r[3]);
        let (bx, by) = plan_px(room, r[2], r[1]);
        let _ = write!(
            s,
            r##"<rect x="{ax:.1}" y="{ay:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="#52525b" stroke-width="1"/>"##,
            (bx - ax).max(2.0),
            (by - ay).max(2.0)
        );
    }
    for &(a, b) in &design.links {
        if let (Some(sa), Some(sb)) = (design.scenes.get(a), design.scenes.get(b)) {
            let (ax, ay) = plan_px(room, sa.camera.pos[0], sa.camera.pos[2]);
            let (bx, by) = plan_px(room, sb.camera.pos[0], sb.camera.pos[2]);
            let _ = write!(
                s,
                r##"<path d="M{ax:.1} {ay:.1}L{bx:.1} {by:.1}" stroke="#1f2937" stroke-width="4" stroke-dasharray="10 8"/>"##
            );
        }
    }
    for sc in &design.scenes {
        let (cx, cy) = plan_px(room, sc.camera.pos[0], sc.camera.pos[2]);
        let b = sc.camera.heading.to_radians();
        let (tx, ty) = (cx + 30.0 * b.sin(), cy - 30.0 * b.cos());
        let fill = if sc.id == design.start_scene {
            "#e11d48"
        } else {
            "#1f2937"
        };
        let _ = write!(
            s,
            r##"<path d="M{cx:.1} {cy:.1}L{tx:.1} {ty:.1}" stroke="{fill}" stroke-width="5"/><circle cx="{cx:.1}" cy="{cy:.1}" r="16" fill="{fill}" stroke="#ffffff" stroke-width="4"/><circle cx="{cx:.1}" cy="{cy:.1}" r="5" fill="#ffffff"/>"##
        );
    }
    // North arrow.
    let _ = write!(
        s,
        r##"<path d="M{:.1} 8L{:.1} 32L{:.1} 26L{:.1} 32Z" fill="#27272a"/>"##,
        f64::from(w) - 24.0,
        f64::from(w) - 34.0,
        f64::from(w) - 24.0,
        f64::from(w) - 14.0
    );
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::product;

    fn catalogue(n: i64) -> Vec<Pick> {
        (1..=n)
            .map(|seq| {
                let p = product(seq);
                let v = &p.variants[0];
                let colour = p.options[0]
                    .values
                    .iter()
                    .find(|x| x.0 == v.option1)
                    .and_then(|x| x.3.clone())
                    .unwrap_or_default();
                Pick {
                    product_id: p.id.clone(),
                    variant_id: v.id.clone(),
                    name: LocalizedText::new(p.name_zh, p.name_en),
                    kind: p.kind,
                    colour,
                }
            })
            .collect()
    }

    #[test]
    fn every_product_hotspot_meets_its_product_first() {
        let picks = catalogue(120);
        for store in TOUR_STORES {
            let d = design(store, &picks).unwrap_or_else(|| panic!("{store}"));
            assert!(d.scenes.len() >= 3);
            assert!(d.placed.len() >= 20, "{store}: {}", d.placed.len());
            let ids: HashSet<&str> = d
                .placed
                .iter()
                .map(|p| p.pick.product_id.as_str())
                .collect();
            assert_eq!(ids.len(), d.placed.len(), "a product shown twice");
            let mut products = 0;
            for s in &d.scenes {
                for h in &s.hotspots {
                    if let HotspotTarget::Product { product_id, .. } = &h.target {
                        products += 1;
                        let p = d
                            .placed
                            .iter()
                            .find(|p| p.pick.product_id == product_id.0)
                            .unwrap_or_else(|| panic!("{product_id}"));
                        let hit = trace(&d.room, &s.camera, h.yaw, h.pitch);
                        assert_eq!(hit.tag, p.tag, "{store}/{}/{}", s.id, h.id);
                    }
                }
                assert!(
                    s.hotspots
                        .iter()
                        .filter(|h| matches!(h.target, HotspotTarget::Product { .. }))
                        .count()
                        >= 3,
                    "{store}/{}",
                    s.id
                );
            }
            assert!(products >= 12, "{store}: {products}");
        }
        assert!(design("s_gz_tianhe", &picks).is_none());
    }

    #[test]
    fn a_small_catalogue_still_makes_a_tour() {
        let d = design("s_sh_jingan", &catalogue(10));
        assert!(d.is_some_and(|d| !d.placed.is_empty()));
        assert!(design("s_sh_jingan", &[]).is_some());
    }

    #[test]
    fn the_plan_is_an_svg_of_the_right_size() {
        let d = design("s_bj_sanlitun", &catalogue(60));
        let svg = d.as_ref().map(plan_svg).unwrap_or_default();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"width="800""#));
    }
}
