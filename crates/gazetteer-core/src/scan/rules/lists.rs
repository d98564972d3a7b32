//! Lists: a name that needs context is a place among
//! other places ("Gabriel, Fuzuli and Zangilan") or with a place in brackets after it
//! ("Talish (Tartar district)").

use pyo3::prelude::*;

use super::super::engine::{Engine, Words};
use super::super::pytext::{is_space, strip};

impl Engine {
    /// What may stand between the names of a list — a comma, 'and', 'və',
    /// 'и', a comma and a conjunction, a route's dash or slash.
    pub(crate) fn list_gap(&self, gap: &str) -> bool {
        let t = strip(gap);
        if t.is_empty() || t == "," || self.tables.list_conjunctions.contains(t) {
            return true;
        }
        if let Some(rest) = t.strip_prefix(',') {
            if self
                .tables
                .serial_conjunctions
                .contains(rest.trim_start_matches(is_space))
            {
                return true;
            }
        }
        // (a route's dash, also between spaces: "Горис — Корнидзор — Тех")
        matches!(gap, "-" | "–" | "—" | "/") || matches!(t, "–" | "—") || figure_gap(t)
    }

    /// Does a locative preposition govern word i, maybe through a list of lower-case
    /// words or list items?
    fn after_locative(&mut self, py: Python<'_>, cx: &Words<'_, '_>, i: usize) -> PyResult<bool> {
        self.under_locative(py, cx, i, |engine, py, k| {
            let f = engine.facts_at(py, cx, k)?;
            Ok(f.lower || f.list_item)
        })
    }

    /// Does a locative preposition govern word i, directly or through a list whose earlier
    /// items each pass ``item_ok`` ("in ganja, baku and sumgait")?
    pub(crate) fn under_locative(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        mut item_ok: impl FnMut(&mut Self, Python<'_>, usize) -> PyResult<bool>,
    ) -> PyResult<bool> {
        let mut i = i;
        for _ in 0..self.weights.list_items {
            if i < 1 {
                return Ok(false);
            }
            if cx.gap(i) == " " && self.facts_at(py, cx, i - 1)?.locative {
                return Ok(true);
            }
            let Some(k) = self.item_before(py, cx, i)? else {
                return Ok(false);
            };
            if !item_ok(self, py, k)? {
                return Ok(false);
            }
            i = k;
        }
        Ok(false)
    }

    /// `_listed_with_places(...) or _place_in_brackets_after(...)`, or a district named
    /// after a comma (`district_after_comma`).
    pub(crate) fn listed(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        comma_after: bool,
    ) -> PyResult<bool> {
        Ok(self.listed_with_places(py, cx, i, j, comma_after)?
            || self.place_in_brackets_after(py, cx, j)?
            || self.district_after_comma(py, cx, j)?)
    }

    /// "Sus, Laçın rayonu", "Sus, Lachin district": after a comma, a name with the cue of
    /// an administrative unit after it, and the cue the address's last word (a comma, a
    /// stop, a bracket or a quote after it: "Hat, Zengilan ilçesindeki Ağalı köyü" is the
    /// railway line by a village of the district).
    fn district_after_comma(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        j: usize,
    ) -> PyResult<bool> {
        if !self.name_after(py, cx, j, ",")? {
            return Ok(false);
        }
        let (group, _) = self.cue(py, cx, j, j + 1, 0, None)?;
        if group != Some("admin") {
            return Ok(false);
        }
        // (the cue's word, hyphens within it, then the address's end)
        let rest = cx.s[cx.end_byte(j)..].trim_start();
        let rest = rest.trim_start_matches(|c: char| c.is_alphabetic() || c == '-');
        Ok(rest
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .map_or(true, |c| {
                matches!(
                    c,
                    ',' | '.' | ';' | ')' | '\n' | '"' | '”' | '»' | '“' | '’' | '\''
                )
            }))
    }

    fn listed_with_places(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        comma_after: bool,
    ) -> PyResult<bool> {
        let n = cx.len() as isize;
        let (i_, j_) = (i as isize, j as isize);
        for k in [i_ - 1, i_ - 2, j_, j_ + 1] {
            if !(0 <= k && k < n) || (i_ <= k && k < j_) {
                continue;
            }
            let k = k as usize;
            let gap = if k < i {
                &cx.s[cx.end_byte(k)..cx.start_byte(i)]
            } else {
                &cx.s[cx.end_byte(j - 1)..cx.start_byte(k)]
            };
            if !self.list_gap(gap) || (k >= j && !comma_after && strip(gap) == ",") {
                continue;
            }
            let f = self.facts_at(py, cx, k)?;
            // a lower-case name counts where a preposition makes it a place ("in a, sumgait")
            if !(f.first_upper || (f.lower && self.after_locative(py, cx, k)?)) {
                continue;
            }
            if f.free_hit {
                return Ok(true);
            }
            // a neighbour that needs context counts once a cue gives it ("Gabriel region")
            if self.word_hits_at(py, cx, k)?.is_some() {
                let (group, _) = self.cue(py, cx, k, k + 1, 0, None)?;
                if group.is_some_and(|g| g != "article") {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// `_place_in_brackets_after`: "Talish (Tartar district)".
    fn place_in_brackets_after(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        j: usize,
    ) -> PyResult<bool> {
        self.name_after(py, cx, j, "(")
    }

    /// Does a capitalised word that names something (word j) follow the span after `gap`
    /// (its punctuation, spaces aside)?
    fn name_after(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        j: usize,
        gap: &str,
    ) -> PyResult<bool> {
        Ok(j < cx.len()
            && strip(cx.gap(j)) == gap
            && self.facts_at(py, cx, j)?.first_upper
            && self.word_hits_at(py, cx, j)?.is_some())
    }
}

/// A listing's figure and its comma between two names: "Cebrail 12, Zengilan 14",
/// "Джебраил +13, Физули +14", "Goris -2; Kapan 1" (a forecast's or a table's row).
fn figure_gap(t: &str) -> bool {
    let Some(body) = t.strip_suffix([',', ';']) else {
        return false;
    };
    let body = body
        .trim_end_matches(is_space)
        .trim_end_matches(['°', '%', 'C'])
        .trim_start_matches(['+', '-', '−', '–']);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}
