//! Football copy (`Rules._venue` and the club rule of `_judge`): in a sentence about a
//! match, a town or region named without a case of place is its club ("Qarabağ beat
//! Sabah"); "in Baku", "Gəncədə" stay places.

use pyo3::prelude::*;

use super::super::engine::{Engine, Words};

impl Engine {
    /// `_venue`: is a name where a match is played — in a case of place (Gəncədə,
    /// Bakü'deki) or after a preposition of place (in, at, from; в, на, из)?
    pub(crate) fn venue(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        suffix: &str,
    ) -> PyResult<bool> {
        if self
            .tables
            .place_case_prefixes
            .iter()
            .any(|p| suffix.starts_with(p.as_str()))
            || self.tables.datives.contains(suffix)
        {
            return Ok(true);
        }
        let n = cx.len();
        if self.facts(py, cx.word(i))?.armenian {
            for k in i + 1..(i + 4).min(n) {
                if self.facts(py, cx.word(k))?.hy_venue {
                    return Ok(true); // Երևանի Հանրապետական մարզադաշտում: the town's stadium
                }
            }
        }
        let mut i = i;
        if i > 1 && self.facts(py, cx.word(i - 1))?.conjunction {
            // "the mosques of Aghdam and Shusha": the preposition of the name before
            i -= 2;
            while i > 0
                && self.facts(py, cx.word(i))?.first_upper
                && self.facts(py, cx.word(i - 1))?.first_upper
                && cx.gap(i) == " "
            {
                i -= 1;
            }
        }
        Ok(i > 0 && self.facts(py, cx.word(i - 1))?.venue_preposition)
    }

    /// The club rule: a town or region in football copy, not at a venue.
    pub(crate) fn club(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        suffix: &str,
    ) -> PyResult<bool> {
        if self.venue(py, cx, i, suffix)? {
            return Ok(false);
        }
        self.host
            .sports
            .bind(py)
            .call1((cx.doc()?, cx.start_cp(i)))?
            .is_truthy()
    }
}
