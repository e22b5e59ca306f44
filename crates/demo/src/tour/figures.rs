//! The products on display, as a few blocks each: garments on hangers, shoes, bags and
//! accessories standing on a surface.

use super::builder::{Builder, Frame};
use crate::data::Kind;
use crate::panorama::{Mat, Rgb};

impl Builder<'_> {
    /// One item standing on a surface at height `y`, centred at `uc`, its back at `vb`
    /// (its front towards +v); `depth` is how deep the surface is.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn standing(
        &mut self,
        f: &Frame,
        uc: f64,
        vb: f64,
        y: f64,
        kind: Kind,
        c: Rgb,
        tag: u32,
    ) {
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
}
