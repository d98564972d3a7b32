//! Names written in lower case: a cue, a preposition of place, a Turkic case of place or a lower-case
//! text make a lower-case word a name; a word it also is ("tartar sauce") keeps it a word.
//! Whether the whole text is lower-case is decided once a text (by Python's
//! `text_facts.lowercase_text` for a text whose letters' case only Python's Unicode knows).

use pyo3::prelude::*;

use super::super::engine::{Engine, Words};
use super::super::pytext::strip;
use super::persons::ends_after_apostrophe;
use super::{ACCEPT, REJECT, WAIT};
use crate::scan::armenian_latin::hy_latin_lowercase;
use crate::scan::openings::{Opening, Openings};

impl Engine {
    /// `_lowercase_verdict`: REJECT, WAIT (a name only if its place is named elsewhere in
    /// the text) or ACCEPT a candidate written in lower case.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn lowercase_verdict(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        key: &str,
        method: &str,
        suffix: &str,
        context: Option<&str>,
        cue: Option<&str>,
        kind: &str,
        ambiguous: bool,
    ) -> PyResult<u8> {
        // the name without its ending: "binalarda" is the word "binalar" in the locative
        let stem = if !suffix.is_empty() && key.ends_with(suffix) {
            &key[..key.len() - suffix.len()]
        } else {
            key
        };
        let common = self.key_flags(py, stem)?.1 || (stem != key && self.key_flags(py, key)?.1);
        if let Some(context) = context {
            return self.lowercase_cue_settles(cx, j, context, cue, kind, common, ambiguous);
        }
        if (stem.chars().count() as isize) < self.weights.lowercase_min || common {
            return Ok(REJECT);
        }
        let ambiguous = ambiguous || (stem != key && self.key_flags(py, stem)?.0);
        let text = self.lowercase_text(py, cx)?;
        if j - i == 1 && cx.hy_hit(i).is_some() {
            // (hylat10) Armenian in Latin letters: a place's key with an Armenian ending
            // (src/scan/armenian_latin.rs)
            let village = self.tables.village_kinds.contains(kind);
            return Ok(hy_latin_lowercase(ambiguous, text, village));
        }
        let case_of_place = self.place_case(suffix);
        let placed = case_of_place || self.governed(py, cx, i)?;
        if j - i == 1 && !ambiguous && case_of_place && ends_after_apostrophe(cx.word(i)) {
            // "şuşa'ya", "ığdır'dan": Turkish and Azerbaijani set a case ending off with an
            // apostrophe after a proper name only, so a lower-case word so written is one
            return Ok(ACCEPT);
        }
        if method != "folded" && !text {
            return Ok(REJECT); // "к линии", "dilində": an inflected lower-case word of a capitalised text
        }
        if self.tables.village_kinds.contains(kind) {
            if ambiguous {
                return Ok(REJECT); // a village named like a word needs its cue
            }
            return Ok(if text && placed {
                ACCEPT
            } else if text || placed {
                WAIT
            } else {
                REJECT
            });
        }
        let word = self.tables.name_words.contains(stem); // tartar: a word first
        if (word || (ambiguous && !placed)) && self.common_reading(py, cx, j)? {
            return Ok(REJECT);
        }
        if word && !placed {
            return Ok(REJECT);
        }
        if ambiguous && !(text && placed) {
            return Ok(WAIT); // "в пути" (Poti) in capitalised prose
        }
        if text || placed {
            return Ok(ACCEPT);
        }
        Ok(if method == "folded" { WAIT } else { REJECT })
    }

    /// `_lowercase_cue_settles`: does a cue make a lower-case word a name?
    #[allow(clippy::too_many_arguments)]
    fn lowercase_cue_settles(
        &self,
        cx: &Words<'_, '_>,
        j: usize,
        context: &str,
        cue: Option<&str>,
        kind: &str,
        common: bool,
        ambiguous: bool,
    ) -> PyResult<u8> {
        if !(common || ambiguous) {
            return Ok(ACCEPT);
        }
        if let Some(kinds) = self.tables.kind_groups.get(context) {
            if !kinds.contains(kind) {
                return Ok(REJECT);
            }
        }
        if common {
            let after = j < cx.len() && cue == Some(cx.word(j));
            let phrase = cue.is_some_and(|c| !c.is_empty() && strip(c).contains(' '));
            return Ok(if phrase && !after { ACCEPT } else { REJECT });
        }
        Ok(ACCEPT)
    }

    /// Is the text wholly or mostly lower-case? Decided once a text, in Rust where it
    /// can be (`lowercase_text_here`), else by Python.
    pub(crate) fn lowercase_text(&mut self, py: Python<'_>, cx: &Words<'_, '_>) -> PyResult<bool> {
        if let Some(got) = cx.lower.get() {
            return Ok(got);
        }
        if let Some(got) = self.lowercase_text_here(py, cx)? {
            cx.lower.set(Some(got));
            return Ok(got);
        }
        let got = self
            .host
            .lowercase_text
            .bind(py)
            .call1((cx.doc()?,))?
            .is_truthy()?;
        cx.lower.set(Some(got));
        Ok(got)
    }

    /// Whether the text is lower-case, in Rust: the sentence openings of `text_facts._SENTENCE_FIRST` (the text's
    /// start, a space after . ! ? … ։ 。, an empty line; then the first word after it),
    /// less those after an abbreviation (`_ABBREVIATION_BEFORE`, asked of Python for a
    /// window with a letter beyond ASCII) and those that are names; lower-case if at least
    /// `LOWER_TEXT_SHARE` of them are, else, with none, if no word holds a capital.
    /// None where a letter's case is one Python's Unicode may not know: Python decides.
    pub(crate) fn lowercase_text_here(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
    ) -> PyResult<Option<bool>> {
        use crate::pyuni::unknown_to_python;
        let s = cx.s;
        let (mut lower, mut upper) = (0usize, 0usize);
        for Opening { p, c, q, e } in Openings::new(s) {
            let word = &s[q..e];
            if p > 0 {
                // an abbreviation before the opening (the 4 characters before it and it)
                let from = s[..p].char_indices().rev().nth(3).map_or(0, |(k, _)| k);
                let window = &s[from..p + c.len_utf8()];
                let abbreviation = if window.is_ascii() {
                    abbreviation_before(window)
                } else {
                    self.host
                        .abbreviation_before
                        .bind(py)
                        .call1((window,))?
                        .is_truthy()?
                };
                if abbreviation {
                    continue;
                }
            }
            let first = word.chars().next().unwrap_or(' ');
            if unknown_to_python(first) {
                return Ok(None);
            }
            if !(first.is_lowercase() || first.is_uppercase()) {
                continue;
            }
            if !self.surely_no_kept(word) && self.word_hits_of(py, word)?.is_some() {
                continue;
            }
            if first.is_lowercase() {
                lower += 1;
            } else {
                upper += 1;
            }
        }
        if lower + upper > 0 {
            return Ok(Some(
                lower as f64 >= self.weights.lower_text_share * (lower + upper) as f64,
            ));
        }
        let mut capital = false;
        for k in 0..cx.len() {
            for ch in cx.word(k).chars() {
                if unknown_to_python(ch) {
                    return Ok(None);
                }
                capital |= ch.is_uppercase();
            }
        }
        Ok(Some(!capital))
    }

    /// Does a preposition of place govern word i, directly or through a list whose
    /// earlier items are place names too ("in ganja, baku and sumgait"; not "written in
    /// c, java")?
    fn governed(&mut self, py: Python<'_>, cx: &Words<'_, '_>, i: usize) -> PyResult<bool> {
        self.under_locative(py, cx, i, |engine, py, k| {
            Ok(engine.word_hits_at(py, cx, k)?.is_some() && !engine.key_flags(py, cx.folded(k))?.1)
        })
    }

    /// `_place_case`: is an ending a Turkic case of place or direction (-da, -dan, -daki, -ya)?
    fn place_case(&self, suffix: &str) -> bool {
        !suffix.is_empty()
            && (self.tables.is_place_case(suffix)
                || self.tables.is_dative(suffix)
                || self
                    .tables
                    .place_case_prefixes
                    .iter()
                    .any(|p| suffix.starts_with(p.as_str())))
    }

    /// `_common_reading`: is a lower-case name that is also a word read as that word here
    /// (English prose, the next word a lower-case word it modifies: "tartar sauce")?
    fn common_reading(&mut self, py: Python<'_>, cx: &Words<'_, '_>, j: usize) -> PyResult<bool> {
        if j >= cx.len() || cx.gap(j) != " " {
            return Ok(false);
        }
        let f = self.facts_at(py, cx, j)?;
        if !f.lower || !self.english(cx) {
            return Ok(false);
        }
        let not_head = f.function_word || f.conjunction || f.locative;
        Ok(!not_head && !f.suffix_group.is_some_and(|g| !g.is_empty()))
    }
}

/// `_ABBREVIATION_BEFORE.search(window)` of an ASCII window: it ends (spaces aside) in a
/// dot after one or two letters that follow the window's start or a character that is no
/// letter (" Mr. ", "U.S. ").
fn abbreviation_before(window: &str) -> bool {
    let w = window.trim_end_matches(crate::scan::pytext::is_space);
    let Some(w) = w.strip_suffix('.') else {
        return false;
    };
    let letters = w
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (1..=2).contains(&letters)
}
