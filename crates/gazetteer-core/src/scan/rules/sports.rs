//! Football copy (the venue, the sports sentence and the club rule of the judge): in a sentence about a
//! match, a town or region named without a case of place is its club ("Qarabağ beat
//! Sabah"); "in Baku", "Gəncədə" stay places.

use pyo3::prelude::*;

use super::super::engine::{Engine, Sports, Words, INDIVIDUAL_SPORT, SPORTS, TEAM_SPORT};
use super::super::fxhash::{FxMap, FxSet};
use super::super::pytext::{is_space, line_around, other_digit_in, score_in, sentence_around};
use super::super::text::parts;

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
        if self.tables.venue_case(suffix) {
            return Ok(true);
        }
        let n = cx.len();
        if self.facts_at(py, cx, i)?.armenian {
            for k in i + 1..(i + 4).min(n) {
                if self.facts_at(py, cx, k)?.hy_venue {
                    return Ok(true); // Երևանի Հանրապետական մարզադաշտում: the town's stadium
                }
            }
        }
        let mut i = i;
        if i > 1 && self.facts_at(py, cx, i - 1)?.conjunction {
            // "the mosques of Aghdam and Shusha": the preposition of the name before
            i -= 2;
            while i > 0
                && self.facts_at(py, cx, i)?.first_upper
                && self.facts_at(py, cx, i - 1)?.first_upper
                && cx.gap(i) == " "
            {
                i -= 1;
            }
        }
        Ok(i > 0 && self.facts_at(py, cx, i - 1)?.venue_preposition)
    }

    /// The club rule: a town or region in football copy, not at a venue, nor named as the
    /// home of a team ("Cebrail'in gençleri", "Füzuli ile Laçın temsilcileri").
    pub(crate) fn club(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        suffix: &str,
    ) -> PyResult<bool> {
        // (a venue first: a case of place or the preposition before the name, one or two
        // words' facts, answers without the sentence's sports words, which cost more where
        // a text holds some: "in", "from", "near" stand before most places of news copy;
        // then whether the sentence is football copy, then the team words after the name)
        if self.venue(py, cx, i, suffix)? {
            return Ok(false);
        }
        let football = self.sports_at(py, cx, i)?
            || (suffix.is_empty() && self.standings_row(cx, i) && self.football_text(py, cx)?);
        Ok(football && !self.team_of_place(py, cx, j)?)
    }

    /// Does a word for the place's team follow the name ending before word j, or the
    /// list of names it opens ("Füzuli ile Laçın temsilcileri": `team_of_place_words`)?
    fn team_of_place(&mut self, py: Python<'_>, cx: &Words<'_, '_>, j: usize) -> PyResult<bool> {
        const REACH: usize = 4;
        let n = cx.len();
        let mut k = j;
        while k < n && k - j <= REACH && cx.gap(k) == " " {
            if self
                .tables
                .team_of_place_words
                .contains(&*super::super::text::lowered(cx.word(k)))
            {
                return Ok(true);
            }
            // across a conjunction and the next name ("Füzuli ile Laçın")
            let f = self.facts_at(py, cx, k)?;
            if !(f.conjunction || f.first_upper) {
                break;
            }
            k += 1;
        }
        Ok(false)
    }

    /// Is word i a team in a row of a league table: after "N. " (through up to two
    /// capitalised words joined by spaces or a hyphen: "3. Turan Tovuz 29", "5.
    /// Araz-Nahçıvan 24") and before its points ("1. Karabağ 38, 2. Sabah 31")?
    fn standings_row(&self, cx: &Words<'_, '_>, i: usize) -> bool {
        const REACH: usize = 2;
        let n = cx.len();
        let digits = |k: usize| {
            let w = cx.word(k);
            !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
        };
        let joined = |g: &str| matches!(g, " " | "-");
        let capital = |k: usize| cx.word(k).chars().next().is_some_and(char::is_uppercase);
        let mut a = i;
        while i - a < REACH && a > 1 && joined(cx.gap(a)) && capital(a - 1) {
            a -= 1;
        }
        if !(a >= 1 && cx.gap(a) == ". " && digits(a - 1)) {
            return false;
        }
        let mut b = i + 1;
        while b - i <= REACH && b < n && joined(cx.gap(b)) && capital(b) {
            b += 1;
        }
        b < n && cx.gap(b) == " " && digits(b)
    }

    /// Is the sentence at word i football copy (Python's `text_facts.sports` where the text holds digits other
    /// than 0-9, which Python's `\d` may read).
    pub(crate) fn sports_at(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
    ) -> PyResult<bool> {
        if self.other_digits(cx) {
            return self
                .host
                .sports
                .bind(py)
                .call1((cx.doc()?, cx.start_cp(i)))?
                .is_truthy();
        }
        Ok(self.sports(cx, cx.start_byte(i)))
    }

    /// `_football_text`: is the text about football at all (two sports words, or one
    /// and a score)?
    pub(crate) fn football_text(&mut self, py: Python<'_>, cx: &Words<'_, '_>) -> PyResult<bool> {
        if self.other_digits(cx) {
            return self
                .host
                .football_text
                .bind(py)
                .call1((cx.doc()?,))?
                .is_truthy();
        }
        self.sports(cx, 0);
        let total = cx.sports.borrow().as_ref().map_or(0, |s| s.total);
        Ok(total >= self.weights.sports_words_min)
    }

    fn other_digits(&self, cx: &Words<'_, '_>) -> bool {
        *cx.other_digits.get_or_init(|| other_digit_in(cx.s))
    }

    /// Is the sentence at byte `pos` football copy? A word of the game or a
    /// score in it, in a text with two such; or a headline of a text with three. A text
    /// about an individual sport (a word of one, none of a team game) has none: its
    /// "1. A. Aliyev (Shusha) — 7 points" names a home town, not a club.
    fn sports(&self, cx: &Words<'_, '_>, pos: usize) -> bool {
        let w = &self.weights;
        let mut state = cx.sports.borrow_mut();
        let state: &mut Sports = state.get_or_insert_with(|| {
            let mut seen: FxSet<&str> = FxSet::default();
            // (where each starts, for the sentences' test: a text cut in Rust, whose
            // sentences have the words they have cut alone)
            let mut words_at = cx.words_in(0, 0).map(|_| Vec::new());
            let sports_word = |k: usize| {
                seen.insert(cx.word(k));
                if let Some(at) = words_at.as_mut() {
                    at.push(cx.start_byte(k));
                }
            };
            // (a text with word ids has their bits: most texts hold no sports word at all,
            // and the bits of all its words say which kinds of sport it names)
            let all = cx.has_bits().then(|| cx.all_bits());
            match all {
                Some(all) if all & SPORTS != 0 => cx.each_with_bit(SPORTS, sports_word),
                Some(_) => {}
                None => (0..cx.len())
                    .filter(|&k| self.sports_word(cx, k))
                    .for_each(sports_word),
            }
            let mut total = seen.len();
            if total == 1 {
                total += score_in(cx.s) as usize;
            }
            if total >= w.sports_words_min {
                // chess, güləş, бокс and no football: `text_facts.individual_sport_text`
                let kinds = match all {
                    Some(all) => all & (INDIVIDUAL_SPORT | TEAM_SPORT),
                    None => (0..cx.len()).fold(0, |acc, k| acc | self.sport_kind(cx, k)),
                };
                if kinds & INDIVIDUAL_SPORT != 0 && kinds & TEAM_SPORT == 0 {
                    total = 0;
                }
            }
            Sports {
                total,
                sentences: FxMap::default(),
                last: None,
                words_at,
            }
        });
        if state.total < w.sports_words_min {
            return false;
        }
        // (the sentence of the last ask first: the judge asks along the text)
        if let Some((start, end, got)) = state.last {
            if start <= pos && pos < end {
                return got;
            }
        }
        // (the sentence around `pos` read from it, sixteen bytes a step, where the whole
        // text was once cut at its sentence ends: a CLI piece is one text of 256K
        // characters, whose ends were all read for the sentences its mentions asked of,
        // and a binary search among them found each)
        let text = cx.s;
        let (start, end) = sentence_around(text, pos);
        if let Some(&got) = state.sentences.get(&start) {
            state.last = Some((start, end, got));
            return got;
        }
        let sentence = &text[start..end];
        // (a sports word in it: one that starts in its bytes; one search of the text's
        // few, where reading each of the sentence's words cost more in a long text)
        let mut got = match &state.words_at {
            Some(at) => at
                .get(at.partition_point(|&b| b < start))
                .is_some_and(|&b| b < end),
            None => {
                let b = parts(sentence);
                (0..(b.len() - 2) / 2).any(|t| {
                    self.tables
                        .sports_words
                        .contains(&sentence[b[2 * t + 1]..b[2 * t + 2]])
                })
            }
        } || score_in(sentence);
        if !got && state.total >= w.headline_sports_words {
            // (the line around `pos`: a sentence ends at a line break, so every word of a
            // sentence has the same line)
            let (line_start, line_end) = line_around(text, pos);
            let line = &text[line_start..line_end];
            got = !line.trim_end_matches(is_space).ends_with('.')
                && line.chars().count() < w.headline_max;
        }
        state.sentences.insert(start, got);
        state.last = Some((start, end, got));
        got
    }
}
