//! The two demo shops: their size, colours, standpoints and links (data), and how each
//! room is furnished.

use std::collections::HashSet;

use storefront_api_types::LocalizedText;

use super::builder::{Builder, Frame, Style};
use super::{InfoSpot, Pick, TAG_DESK, TAG_FITTING};
use crate::data::Kind;
use crate::panorama::{Mat, Panel, Rgb, Room};

/// Scene definitions of one shop: id, names, (x, z) before mirroring, heading (before
/// mirroring), initial yaw and pitch.
pub(super) struct SceneDef {
    pub(super) id: &'static str,
    pub(super) name: (&'static str, &'static str),
    pub(super) x: f64,
    pub(super) z: f64,
    pub(super) heading: f64,
    pub(super) yaw: f64,
    pub(super) pitch: f64,
}

pub(super) struct ShopDef {
    pub(super) store_id: &'static str,
    pub(super) w: f64,
    pub(super) d: f64,
    pub(super) h: f64,
    pub(super) mirror: bool,
    pub(super) skip: usize,
    pub(super) style: Style,
    pub(super) scenes: &'static [SceneDef],
    pub(super) links: &'static [(usize, usize)],
}

pub(super) const JINGAN_SCENES: &[SceneDef] = &[
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

pub(super) const SANLITUN_SCENES: &[SceneDef] = &[
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

pub(super) const SHOPS: [ShopDef; 2] = [
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

pub(super) fn build_room<'a>(shop: &ShopDef, picks: &'a [Pick]) -> Builder<'a> {
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
