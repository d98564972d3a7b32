//! Great-circle distances between places (`gazetteer.geo.km`), with the part that
//! depends on one end alone (its latitude in radians and that's cosine) computed once per
//! place: the passes over a text measure every same-name reading against every anchor.

/// `gazetteer.geo.km`: great-circle distance in km (spherical Earth), in the reference's
/// operations and order.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powf(2.0) + p1.cos() * p2.cos() * (dl / 2.0).sin().powf(2.0);
    2.0 * 6371.0088 * 1.0f64.min(h.sqrt()).asin()
}

/// `km` with each end's latitude prepared (`LatCos`): the same operations in the same
/// order, so the same distance to the last bit.
pub fn km_from(p1: LatCos, lon1: f64, p2: LatCos, lon2: f64) -> f64 {
    let (dp, dl) = (p2.rad - p1.rad, (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powf(2.0) + p1.cos * p2.cos * (dl / 2.0).sin().powf(2.0);
    2.0 * 6371.0088 * 1.0f64.min(h.sqrt()).asin()
}

/// Is `km_from(p1, lon1, p2, lon2) <= limit`? Settled without trigonometry where a bound
/// settles it: the latitudes alone further apart than `limit` (no path is shorter than
/// the meridian's), or a path along the parallel nearer the equator then the meridian
/// within it (no great circle is longer).
pub fn within_km(p1: LatCos, lon1: f64, p2: LatCos, lon2: f64, limit: f64) -> bool {
    bounds_settle(p1, lon1, p2, lon2, limit).unwrap_or_else(|| km_from(p1, lon1, p2, lon2) <= limit)
}

/// `within_km`'s answer where a bound settles it without trigonometry, else None.
fn bounds_settle(p1: LatCos, lon1: f64, p2: LatCos, lon2: f64, limit: f64) -> Option<bool> {
    const R: f64 = 6371.0088;
    if too_far_apart(p1, p2, limit) {
        return Some(false);
    }
    let dp = (p2.rad - p1.rad).abs();
    let dl = (lon2 - lon1).to_radians().abs();
    if R * (dp + p1.cos.max(p2.cos) * dl) <= limit {
        return Some(true);
    }
    None
}

/// Are the latitudes alone further apart than `limit` km (`within_km`'s first test: no
/// path is shorter than the meridian's)?
#[inline]
pub fn too_far_apart(p1: LatCos, p2: LatCos, limit: f64) -> bool {
    const R: f64 = 6371.0088;
    (p2.rad - p1.rad).abs() * R > limit
}

/// Could `km_from(p1, _, p2, _)` be below `limit`? No great circle is shorter than the
/// meridian between the latitudes: false only where that bound exceeds `limit` by more
/// than any rounding of `km_from` (a relative 1e-9), so a distance this rules out is never
/// one `km_from` would give below `limit`.
#[inline]
pub fn may_be_within(p1: LatCos, p2: LatCos, limit: f64) -> bool {
    const R: f64 = 6371.0088;
    (p2.rad - p1.rad).abs() * R <= limit * (1.0 + 1e-9) + 1e-9
}

/// The distances a [`Distances`] keeps: a slot for each of `KEPT_DISTANCES` (a power of
/// two), found from the ends' bits.
const KEPT_DISTANCES: usize = 1 << 12;

/// `km_from` and `within_km` with each distance computed once and kept, by the two ends'
/// latitudes (in radians) and longitudes to the bit: the passes over a text measure the
/// same few hundred places against each other text after text. A kept distance is the
/// one `km_from` gave for those very ends (a `LatCos`'s cosine is its latitude's), so
/// every comparison with it comes out as before, ties at a threshold included. (A slot
/// per hash, no probing: two pairs of ends that meet in a slot take turns in it, each
/// compared with the whole key.)
#[derive(Default)]
pub struct Distances {
    kept: Vec<Option<([u64; 4], f64)>>,
}

impl Distances {
    /// `km_from(p1, lon1, p2, lon2)`, computed on the first ask of these ends (or again
    /// after another pair took its slot).
    pub fn km_from(&mut self, p1: LatCos, lon1: f64, p2: LatCos, lon2: f64) -> f64 {
        let key = [
            p1.rad.to_bits(),
            lon1.to_bits(),
            p2.rad.to_bits(),
            lon2.to_bits(),
        ];
        if self.kept.is_empty() {
            self.kept = vec![None; KEPT_DISTANCES];
        }
        let mixed =
            (key[0] ^ key[1].rotate_left(17) ^ key[2].rotate_left(31) ^ key[3].rotate_left(47))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let slot = &mut self.kept[(mixed >> (64 - KEPT_DISTANCES.trailing_zeros())) as usize];
        if let Some((k, d)) = slot {
            if *k == key {
                return *d;
            }
        }
        let d = km_from(p1, lon1, p2, lon2);
        *slot = Some((key, d));
        d
    }

    /// `within_km`, its last step (the distance itself) through `km_from` above.
    pub fn within_km(&mut self, p1: LatCos, lon1: f64, p2: LatCos, lon2: f64, limit: f64) -> bool {
        bounds_settle(p1, lon1, p2, lon2, limit)
            .unwrap_or_else(|| self.km_from(p1, lon1, p2, lon2) <= limit)
    }
}

/// A latitude in radians and its cosine: the part of `km` that depends on one end alone,
/// computed once per place or anchor instead of once per pair.
#[derive(Clone, Copy)]
pub struct LatCos {
    rad: f64,
    cos: f64,
}

impl LatCos {
    pub fn new(lat: f64) -> Self {
        let rad = lat.to_radians();
        LatCos {
            rad,
            cos: rad.cos(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_km_agrees_with_the_distance() {
        let mut points = vec![];
        for i in 0..40 {
            for j in 0..40 {
                points.push((38.0 + i as f64 * 0.11, 44.0 + j as f64 * 0.13));
            }
        }
        let (a, b) = (LatCos::new(39.8), 46.7);
        for &(lat, lon) in &points {
            for limit in [5.0, 40.0, 80.0, 150.0] {
                let d = km_from(a, b, LatCos::new(lat), lon);
                assert_eq!(
                    within_km(a, b, LatCos::new(lat), lon, limit),
                    d <= limit,
                    "{lat},{lon} {limit}"
                );
            }
        }
    }

    #[test]
    fn may_be_within_never_rules_out_a_nearer_distance() {
        let mut points = vec![
            (40.4093, 49.8671),
            (89.9, -179.9),
            (-33.9, 151.2),
            (0.0, 0.0),
        ];
        for i in 0..60 {
            for j in 0..30 {
                points.push((37.0 + i as f64 * 0.07, 43.0 + j as f64 * 0.21));
            }
        }
        let (a, b) = (LatCos::new(39.8), 46.7);
        for &(lat, lon) in &points {
            let d = km_from(a, b, LatCos::new(lat), lon);
            for limit in [0.0, 1.0, 5.0, 40.0, 80.0, 150.0, d, d * (1.0 + 1e-15)] {
                if d < limit {
                    assert!(
                        may_be_within(a, LatCos::new(lat), limit),
                        "{lat},{lon} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn kept_distances_are_the_computed_ones_to_the_last_bit() {
        let mut kept = Distances::default();
        let points = [
            (40.4093, 49.8671),
            (39.7667, 46.75),
            (39.6, 47.145),
            (-33.9, 151.2),
            (39.6, 47.145),
        ];
        for _ in 0..2 {
            for &(a0, a1) in &points {
                for &(b0, b1) in &points {
                    let (a, b) = (LatCos::new(a0), LatCos::new(b0));
                    let want = km_from(a, a1, b, b1);
                    assert_eq!(kept.km_from(a, a1, b, b1).to_bits(), want.to_bits());
                    for limit in [0.0, 5.0, 40.0, want, want * (1.0 - 1e-16)] {
                        assert_eq!(
                            kept.within_km(a, a1, b, b1, limit),
                            within_km(a, a1, b, b1, limit)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn prepared_latitudes_give_the_same_distance_to_the_last_bit() {
        let points = [
            (40.4093, 49.8671),
            (39.7667, 46.75),
            (39.6, 47.145),
            (-33.9, 151.2),
            (0.0, 0.0),
            (89.9, -179.9),
            (40.4093, 49.8671),
        ];
        for &(a0, a1) in &points {
            for &(b0, b1) in &points {
                let want = km(a0, a1, b0, b1);
                let got = km_from(LatCos::new(a0), a1, LatCos::new(b0), b1);
                assert_eq!(got.to_bits(), want.to_bits(), "{a0},{a1} {b0},{b1}");
            }
        }
        assert!((km(40.4093, 49.8671, 39.7667, 46.75) - 275.0).abs() < 10.0);
    }
}
