//! One vertical plane of rays through the camera: the blocks a panorama column can see,
//! found once per column, and the first hit at a given pitch.

use super::{Camera, Room};

#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    s0: f64,
    s1: f64,
    /// Normal of the side face entered at `s0` (x, z).
    n: (f32, f32),
    idx: usize,
}

/// One vertical plane of rays: everything a panorama column needs.
pub(super) struct Column {
    pub(super) cx: f64,
    pub(super) cy: f64,
    pub(super) cz: f64,
    pub(super) dx: f64,
    pub(super) dz: f64,
    pub(super) wall_s: f64,
    pub(super) wall: usize,
    pub(super) cands: Vec<Candidate>,
}

impl Column {
    pub(super) fn new(
        room: &Room,
        cam: &Camera,
        bearing_deg: f64,
        cands: Vec<Candidate>,
    ) -> Column {
        let b = bearing_deg.to_radians();
        let (dx, dz) = (b.sin(), b.cos());
        let [cx, cy, cz] = cam.pos;
        let mut col = Column {
            cx,
            cy,
            cz,
            dx,
            dz,
            wall_s: f64::INFINITY,
            wall: 0,
            cands,
        };
        col.cands.clear();
        // Walls: where the ray leaves the room.
        let consider = |s: f64, wall: usize, col: &mut Column| {
            if s > 0.0 && s < col.wall_s {
                col.wall_s = s;
                col.wall = wall;
            }
        };
        if dz < -1e-12 {
            consider(-cz / dz, 0, &mut col);
        }
        if dz > 1e-12 {
            consider((room.d - cz) / dz, 1, &mut col);
        }
        if dx < -1e-12 {
            consider(-cx / dx, 2, &mut col);
        }
        if dx > 1e-12 {
            consider((room.w - cx) / dx, 3, &mut col);
        }
        for (idx, bl) in room.blocks.iter().enumerate() {
            let (mut s0, mut s1) = (f64::NEG_INFINITY, f64::INFINITY);
            let mut n = (0.0f32, 0.0f32);
            // x slab
            if dx.abs() < 1e-12 {
                if cx < bl.min[0] || cx > bl.max[0] {
                    continue;
                }
            } else {
                let (a, b) = ((bl.min[0] - cx) / dx, (bl.max[0] - cx) / dx);
                let (near, far, nx) = if a < b { (a, b, -1.0) } else { (b, a, 1.0) };
                if near > s0 {
                    s0 = near;
                    n = (nx, 0.0);
                }
                s1 = s1.min(far);
            }
            // z slab
            if dz.abs() < 1e-12 {
                if cz < bl.min[2] || cz > bl.max[2] {
                    continue;
                }
            } else {
                let (a, b) = ((bl.min[2] - cz) / dz, (bl.max[2] - cz) / dz);
                let (near, far, nz) = if a < b { (a, b, -1.0) } else { (b, a, 1.0) };
                if near > s0 {
                    s0 = near;
                    n = (0.0, nz);
                }
                s1 = s1.min(far);
            }
            if s1 >= s0.max(0.0) && s0 < col.wall_s {
                col.cands.push(Candidate { s0, s1, n, idx });
            }
        }
        col.cands.sort_by(|a, b| a.s0.total_cmp(&b.s0));
        col
    }

    /// The first thing met at `k` = tan(pitch): (distance, block index or the room,
    /// surface normal).
    pub(super) fn trace(&self, room: &Room, k: f64) -> (f64, Option<usize>, [f32; 3]) {
        let mut best = self.wall_s;
        let mut what: Option<usize> = None;
        let wall_n = match self.wall {
            0 => [0.0, 0.0, 1.0],
            1 => [0.0, 0.0, -1.0],
            2 => [1.0, 0.0, 0.0],
            _ => [-1.0, 0.0, 0.0],
        };
        let mut normal = wall_n;
        if k < 0.0 {
            let s = -self.cy / k;
            if s < best {
                best = s;
                normal = [0.0, 1.0, 0.0];
            }
        } else if k > 0.0 {
            let s = (room.h - self.cy) / k;
            if s < best {
                best = s;
                normal = [0.0, -1.0, 0.0];
            }
        }
        for c in &self.cands {
            if c.s0 >= best {
                break;
            }
            let bl = &room.blocks[c.idx];
            let (v0, v1) = if k > 0.0 {
                ((bl.min[1] - self.cy) / k, (bl.max[1] - self.cy) / k)
            } else if k < 0.0 {
                ((bl.max[1] - self.cy) / k, (bl.min[1] - self.cy) / k)
            } else if self.cy >= bl.min[1] && self.cy <= bl.max[1] {
                (f64::NEG_INFINITY, f64::INFINITY)
            } else {
                continue;
            };
            let enter = c.s0.max(v0).max(0.0);
            let exit = c.s1.min(v1);
            if enter <= exit && enter < best {
                best = enter;
                what = Some(c.idx);
                normal = if c.s0 >= v0 {
                    [c.n.0, 0.0, c.n.1]
                } else if k > 0.0 {
                    [0.0, -1.0, 0.0]
                } else {
                    [0.0, 1.0, 0.0]
                };
            }
        }
        (best, what, normal)
    }
}
