//! The floor plan of a design as an SVG drawing.

use std::fmt::Write as _;

use super::{plan_px, Design, PLAN_WIDTH};

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
