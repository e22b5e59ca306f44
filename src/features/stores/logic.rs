//! Pure parts of the store locator: the city list, the map projection, call and
//! directions links.

use storefront_api_types::{fixed6, percent_encode, GeoPoint, LocalizedText, Store};

/// A city with stores, and the middle of its stores (where "stores in this city" are
/// measured from).
#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// City name.
    pub name: LocalizedText,
    /// Mean position of its stores.
    pub centre: GeoPoint,
}

/// The cities of `stores` in first-seen order, each with the mean of its stores' positions.
pub fn cities(stores: &[Store]) -> Vec<City> {
    let mut out: Vec<(City, f64)> = Vec::new();
    for s in stores {
        match out.iter_mut().find(|(c, _)| c.name.en == s.city.en) {
            Some((c, n)) => {
                c.centre.lat = (c.centre.lat * *n + s.location.lat) / (*n + 1.0);
                c.centre.lng = (c.centre.lng * *n + s.location.lng) / (*n + 1.0);
                *n += 1.0;
            }
            None => out.push((
                City {
                    name: s.city.clone(),
                    centre: s.location,
                },
                1.0,
            )),
        }
    }
    out.into_iter().map(|(c, _)| c).collect()
}

/// A position on the map: percent of its width and of its height from the top left.
pub type MapPos = (f64, f64);

/// Width over height of the map box (CSS `aspect-ratio: 16 / 10`).
pub const MAP_ASPECT: f64 = 1.6;

/// Positions of `points` (and of `me`) on the map, as percentages of its width and
/// height: an equirectangular projection around the middle latitude, framed to hold
/// every point with a margin in a box [`MAP_ASPECT`] wide per unit high, north up,
/// distances true in every direction. A single point sits in the middle.
pub fn project(points: &[GeoPoint], me: Option<GeoPoint>) -> (Vec<MapPos>, Option<MapPos>) {
    let all: Vec<GeoPoint> = points.iter().copied().chain(me).collect();
    if all.is_empty() {
        return (Vec::new(), None);
    }
    let (mut lat0, mut lat1, mut lng0, mut lng1) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for p in &all {
        lat0 = lat0.min(p.lat);
        lat1 = lat1.max(p.lat);
        lng0 = lng0.min(p.lng);
        lng1 = lng1.max(p.lng);
    }
    let k = ((lat0 + lat1) / 2.0).to_radians().cos().max(0.01);
    // Points fill at most 84% of the width and 76% of the height, centred a little low:
    // a pin stands above its point, so the top needs the larger margin.
    const FILL_X: f64 = 84.0;
    const FILL_Y: f64 = 76.0;
    const MID_Y: f64 = 57.0;
    // the box's height in degrees of latitude
    let span = ((lng1 - lng0) * k * FILL_Y / (MAP_ASPECT * FILL_X))
        .max(lat1 - lat0)
        .max(1e-4)
        * 100.0
        / FILL_Y;
    let (mid_x, mid_y) = ((lng0 + lng1) / 2.0 * k, (lat0 + lat1) / 2.0);
    let at = |p: GeoPoint| {
        (
            50.0 + (p.lng * k - mid_x) / (span * MAP_ASPECT) * 100.0,
            MID_Y - (p.lat - mid_y) / span * 100.0,
        )
    };
    (points.iter().map(|p| at(*p)).collect(), me.map(at))
}

/// `tel:` URL of a phone number as printed (digits and `+` only).
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// Directions to a store in the map app (Amap's universal link: the app on a phone,
/// the web map elsewhere).
pub fn directions_url(at: GeoPoint, name: &str) -> String {
    format!(
        "https://uri.amap.com/marker?position={},{}&name={}&coordinate=wgs84&callnative=1",
        fixed6(at.lng),
        fixed6(at.lat),
        percent_encode(name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lat: f64, lng: f64) -> GeoPoint {
        GeoPoint { lat, lng }
    }

    #[test]
    fn projection_frames_every_point_north_up() {
        let (pins, me) = project(&[p(31.0, 121.0), p(31.2, 121.5)], Some(p(31.1, 121.2)));
        for (x, y) in pins.iter().chain(me.iter()) {
            assert!(
                (0.0..=100.0).contains(x) && (0.0..=100.0).contains(y),
                "{x} {y}"
            );
        }
        // east is right, north is up
        assert!(pins[1].0 > pins[0].0);
        assert!(pins[1].1 < pins[0].1);
        let (one, none) = project(&[p(10.0, 10.0)], None);
        assert_eq!(one, vec![(50.0, 57.0)]);
        // a wide spread fills the width, a tall one the height, with room above for pins
        let (wide, _) = project(&[p(30.0, 100.0), p(30.0, 120.0)], None);
        assert!((wide[0].0 - 8.0).abs() < 1e-9 && (wide[1].0 - 92.0).abs() < 1e-9);
        let (tall, _) = project(&[p(20.0, 100.0), p(40.0, 100.0)], None);
        assert!((tall[1].1 - 19.0).abs() < 1e-9 && (tall[0].1 - 95.0).abs() < 1e-9);
        assert_eq!(none, None);
    }

    #[test]
    fn links() {
        assert_eq!(tel_href("021-6218-3360"), "tel:02162183360");
        assert_eq!(
            directions_url(p(31.2243, 121.4468), "静安 店"),
            "https://uri.amap.com/marker?position=121.446800,31.224300&name=%E9%9D%99%E5%AE%89%20%E5%BA%97&coordinate=wgs84&callnative=1"
        );
    }
}
