//! The rules on one candidate span, in the order they run: the end of a foreign name (New Mexico), the cue, organisation names,
//! transliterations, Armenian words, a cue that fits no reading, lower case and capitals,
//! Russian adjectives, Turkic endings in English prose, names that are words, persons and
//! organisations, football clubs, and whether the mention waits for corroboration.
//!
//! In Rust: the cues ([`cues`]), persons and organisations ([`persons`]), lists
//! ([`lists`]), football copy ([`sports`]), lower case ([`case`]), and the judge itself
//! (here). Still asked of Python (`gazetteer.scan.engine._Host`): the ranking of same-name
//! places where a span's variants name several (once per variant ids, method and cue
//! group; a span of one place's variants is ranked by src/scan/ranking.rs) and, for the rare text whose
//! letters or digits only Python's Unicode decides, whether it is lower-case.
//!
//! How far the judge reads around a span of words i..j (what a cache of its answer would
//! have to key on; written down in the seventeenth session, no such cache made):
//! - the judge: the facts of words i-1..=j and of each word of the span, gaps i and j, the
//!   `sentence_lookback` characters before word i (`sentence_start`), and the whole text's
//!   English function words (`english`, for a Turkic ending);
//! - the cue ([`cues`]): words j..j+1 and gaps j, j+1; a plural cue after a list, up to
//!   `list_items` items after the span, each through its own cue; an apposition after a
//!   comma, words j..j+3; a cue phrase before, words i-3..i-1; a plural cue before a list
//!   (`list_prefix_cue`), back over up to `list_items` items, each a run of capitalised
//!   words of any length: no bound in words;
//! - lists ([`lists`]): words i-2..j+1 and the text between, a locative back over
//!   `list_items` items, a bracket after word j;
//! - lower case ([`case`]): the whole text (its sentence openings, `lowercase_text`;
//!   English prose);
//! - persons ([`persons`]): words i-2..j+`org_reach`, quoted titles up to
//!   `QUOTED_TITLE_WORDS` / `quoted_tail_words` words after, the sentence start before word
//!   i-1, the whole text (English prose, lower case, football copy);
//! - the club rule ([`sports`]): the venue, word i-1 and back across a conjunction through
//!   a run of capitalised words (no bound), Armenian words i+1..i+3; the sentence and the
//!   whole text's sports words; a league table's row, words i-3..i+3; team words j..j+4.
//!
//! So an answer kept for a word would be sound only keyed by the words and gaps around it,
//! the characters before it and three facts of the whole text (English prose, football
//! copy of the sentence, lower case), and only where the two unbounded walks stop at once.
//!
//! Measured in the eighteenth session, before building one (a count in the judge, not
//! kept; the first 2 MB of bench's dense corpus, then of news_real): the dense corpus's
//! 41,000 candidates repeat a key of (variant ids, method, suffix, span's words) 99% of
//! the time, but the same key with the same words and gaps around it (and the 12 bytes
//! before word i) repeats only 59% with one word each side, 41% with two, 26% with three,
//! 15% with four and 2.5% with six (the generated frames put filler words beside the
//! names); newswire's 6,000 candidates repeat 11% with one word each side, 8% with two.
//! Most candidates read at least words i-3..j+1 (the cue phrase before, the cue after,
//! `in_person_or_org`'s i-2), so an answer recorded with its reads would be reused for
//! about a third of the dense corpus's candidates and a tenth of newswire's. The judge
//! costs 2,400-2,700 instructions a candidate (110.7 M over the dense 2 MB, inclusive, of
//! the loop's 308.7 M); a third of the candidates saved less the check of their recorded
//! reads (a few hundred instructions each) is at most ~8% of the dense loop and ~2% of
//! newswire's, for a recorder threaded through every read of six rule files (facts of
//! words, gaps, sentence starts, the text's facts, the unbounded walks, and any Python
//! call making the entry uncacheable), where one missed read changes an answer silently.
//! Not built: the gain does not pay for that risk; the fixed costs below are cheaper to cut.

pub mod case;
pub mod cues;
pub mod identifiers;
pub mod lists;
pub mod persons;
pub mod spelling;
pub mod sports;

use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use std::sync::Arc;

use super::document::{Cand, Cands, Rec};
use super::engine::{Engine, Explained, Ranking, Words};
use super::facts::Facts;
use super::pytext::sentence_start;
use super::ranking::{OnePlace, RankRows};
use super::text::chars_in;

/// Lower-case verdicts (`gazetteer.scan.casing`): REJECT, WAIT, ACCEPT.
pub(crate) const REJECT: u8 = 0;
pub(crate) const WAIT: u8 = 1;
pub(crate) const ACCEPT: u8 = 2;

/// The ending of an English adjective or demonym of a place (Karabakhi, Azerbaijani: the
/// Persian -ī), which a Turkic case ending of one vowel spells alike.
const ENGLISH_ADJECTIVE_ENDING: &str = "i";

/// What the rules read of a candidate span's edges (words i..j), read once a candidate and
/// shared by the judge and the rules it asks: the facts of the span's first word, of the
/// word before it and of the word after it (None at the text's edges). A word's facts
/// depend on the word alone, so reading them here first changes no answer; a rule still
/// reads a word farther away itself.
#[derive(Clone, Copy)]
/// (The words beside the span held as facts, the default ones at a text's edge, lent
/// by `before` and `after`: a rule reading one field of them read a whole copy made by
/// `unwrap_or_default` at each ask.)
pub(crate) struct Around {
    pub first: Facts,
    before: Facts,
    after: Facts,
}

impl Around {
    /// The facts of the word before the span (asked where there is one: i > 0).
    #[inline]
    pub(crate) fn before(&self) -> &Facts {
        &self.before
    }

    /// The facts of the word after the span (asked where there is one: j < n).
    #[inline]
    pub(crate) fn after(&self) -> &Facts {
        &self.after
    }
}

/// Some: the mention was put in its list (`Found`); None: rejected.
pub type Judged = Option<()>;

/// Where the judge puts a mention it accepts: `now`, or `waiting` for corroboration
/// (pushed there in place: a `Rec` handed back through the judge's result was copied once
/// more a mention).
pub(crate) struct Found<'v> {
    pub now: &'v mut Vec<Rec>,
    pub waiting: &'v mut Vec<Rec>,
}

impl Engine {
    /// Accept or reject one candidate span (words i..j).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn judge<'py>(
        &mut self,
        py: Python<'py>,
        cx: &Words<'_, 'py>,
        i: usize,
        j: usize,
        ids: &Bound<'py, PyAny>,
        method: &'static str,
        suffix: &str,
        found: Found<'_>,
    ) -> PyResult<Judged> {
        let n = cx.len();
        let around = self.around(py, cx, i, j)?;
        if i > 0 && cx.gap(i) == " " && around.before().new_head {
            // the end of a name we lack: New Mexico, New Jersey
            return self.no(cx, i, j, "the end of a longer name the table lacks");
        }
        if self.in_identifier(cx, i, j) {
            return self.no(cx, i, j, "part of a handle, an address or a file name");
        }
        let (sb, eb) = (cx.start_byte(i), cx.end_byte(j - 1));
        let surface = &cx.s[sb..eb];
        let (group, cue) = self.cue(py, cx, i, j, 0, Some(&around))?;
        // an article only ranks (the Araz is the river); it is no evidence of a place
        let context: Option<&'static str> = group.filter(|g| *g != "article");
        let ranked = if j - i == 1 && group.is_none() {
            self.ranking_at(py, cx, i, ids, method)?
        } else {
            self.ranking(py, ids, method, group)?
        };
        let (variant_ctx, mut official) = (ranked.needs_context, ranked.official);
        let (kind, village) = (ranked.kind.as_str(), ranked.village);
        // (hylat10: an Armenian ending in Latin letters on a place's key is its context;
        // a case of place (Cebrail'den, Boyəhmədlidə, Խնձորեսկում) is too: a person's name
        // rarely takes one)
        // (not on a spelling known only through another script: REUTE is no Рэў + -te)
        let placed = method == "inflection"
            && self.case_of_place(suffix)
            && !(j - i == 1 && around.first.transliterated);
        // (a name that needs context: not in capitals, where a verb's ending reads as one,
        // ԿՈՉ ԵՆՔ ԱՆՈՒՄ)
        let mut needs_ctx = variant_ctx
            && context.is_none()
            && cx.hy_hit(i).is_none()
            && !(placed && !(j - i == 1 && around.first.upper));
        let key: Arc<str> = if j - i == 1 {
            cx.folded(i).clone()
        } else {
            (i..j)
                .map(|k| &**cx.folded(k))
                .collect::<Vec<_>>()
                .join(" ")
                .into()
        };
        if context.is_none()
            && (if j - i == 1 {
                self.fold_bits_at(cx, i).org_name
            } else {
                self.tables.org_names.contains(&*key)
            } || (method == "inflection" && self.org_name_lemma(py, cx.word(j - 1), &key)?))
        {
            // Կարմիր Խաչ: the Red Cross, not the village
            return self.no(cx, i, j, "an organisation's name");
        }
        // (code points counted eight bytes a step: `chars_in`; only where a test asks)
        let key_len = || chars_in(key.as_bytes()) as isize;
        if j - i == 1 && (method == "folded" || suffix == "s") && around.first.transliterated {
            // a spelling of ours only through another script: a short one is a place only with a cue
            if context.is_none()
                && key_len() - suffix.chars().count() as isize <= self.weights.transliterated_max
            {
                return self.no(
                    cx,
                    i,
                    j,
                    "a short spelling known only through another script, without a cue",
                );
            }
            official = false;
        }
        let (mut ambiguous, mut common) = if j - i == 1 {
            self.key_flags_at(py, cx, i, &key)?
        } else {
            self.key_flags(py, &key)?
        };
        if ambiguous || common {
            // a word is a word as spelled, not as folded: "Арены" is the Russian word,
            // "Арени", "Areni" and "Արենի" the village; "Tug" the English word, "Tugh" not
            let (a, c) = self.spelled_flags(py, cx, i, j, suffix)?;
            if needs_ctx
                && !a
                && !c
                && j - i == 1
                && spelling::spelled_long(cx, i, suffix)
                && around.first.first_upper
            {
                // the fold made the word and the short key ("Tugh" folds to "tug"): as
                // spelled and capitalised the name is neither, so it needs no more context
                // than a name (a lower-case "qabriel" still does)
                needs_ctx = false;
            }
            (ambiguous, common) = (ambiguous && a, common && c);
        }
        if j - i == 1 && context.is_none() {
            let f = around.first;
            if f.armenian {
                if f.hy_common {
                    // an Armenian word that is also a place's name: never at a sentence start without a cue
                    // (unless a list joins it to places: "Տեղ-Կոռնիձոր ճանապարհ"; a comma
                    // after a sentence's first word ends a phrase, not a list item)
                    if sentence_start(cx.s, sb, self.weights.sentence_lookback)
                        && !self.listed(py, cx, i, j, false)?
                    {
                        return self.no(
                            cx,
                            i,
                            j,
                            "an Armenian common word opening a sentence, without a cue",
                        );
                    }
                    if f.first_upper && !f.upper {
                        // Armenian capitalises only names and sentence openings: "այսօր
                        // Տեղում բացվեց" is the village, "տեղում" the word
                        common = false;
                    } else {
                        common = true;
                    }
                } else if i > 0 && f.hy_derived && cx.gap(i) == " " && around.before().first_upper {
                    return self.no(cx, i, j, "a family name after a given name");
                }
                if needs_ctx
                    && f.first_upper
                    && !f.upper
                    && !sentence_start(cx.s, sb, self.weights.sentence_lookback)
                {
                    // a short name capitalised inside a sentence (և Տողի ջոկատի): Armenian
                    // capitalises only names, so the capital is the context a short key needs
                    needs_ctx = false;
                }
            }
        }
        if let Some(c) = context {
            // (a village named by a cue noun is that noun before a cue of another kind:
            // "ջրամբարի ափով", the reservoir's bank, is no village Jrambar)
            if village
                && (ambiguous || common || (j - i == 1 && around.first.suffix_group.is_some()))
            {
                let Some(kinds) = self.tables.kind_groups.get(c) else {
                    return Err(PyKeyError::new_err(c.to_owned()));
                };
                if !kinds.contains(kind) {
                    // "Orta Koridor": a cue that fits no reading of a word
                    return self.no(cx, i, j, "the cue fits no reading of the word");
                }
            }
        }
        let mut lowercase = true;
        for k in i..j {
            if !self.facts_at(py, cx, k)?.no_upper {
                lowercase = false;
                break;
            }
        }
        let mut lower_verdict = ACCEPT;
        if lowercase {
            lower_verdict = if j - i == 1 && context.is_none() && around.first.hy_common {
                // an Armenian common word in lower case (lang/hy/common_words.txt: քաղաքի
                // կենտրոնում, in the town centre) is the word, in a lower-case post too
                REJECT
            } else {
                self.lowercase_verdict(
                    py,
                    cx,
                    i,
                    j,
                    &key,
                    method,
                    suffix,
                    context,
                    cue.as_deref(),
                    kind,
                    ambiguous,
                )?
            };
            if lower_verdict == REJECT {
                return self.no(
                    cx,
                    i,
                    j,
                    "lower case, and nothing in the text makes it a name",
                );
            }
        } else if context.is_none()
            // (a word alone: its capitals, a fact at hand, asked before its length is counted;
            // most names are not in capitals)
            && (j - i != 1 || around.first.upper)
            && (key_len() <= self.weights.capitals_max
                || chars_in(surface.as_bytes()) as isize <= self.weights.capitals_max)
        {
            let upper = if j - i == 1 {
                around.first.upper
            } else {
                PyString::new(py, surface)
                    .call_method0("isupper")?
                    .is_truthy()?
            };
            if upper {
                // abbreviations (UN, OF, SUS) are not names here
                return self.no(cx, i, j, "a short word in capitals: an abbreviation");
            }
        }
        if context.is_none() && method == "inflection" && j - i == 1 {
            let f = around.first;
            if f.russian_adjective {
                // an adjective whose noun is no kind of place, or a family name after a first name
                let after = j < n && cx.gap(j) == " " && around.after().first_lower;
                let before = i > 0 && cx.gap(i) == " " && around.before().first_upper;
                if f.cyrillic && (after || before) {
                    return self.no(
                        cx,
                        i,
                        j,
                        "a Russian adjective of another noun, or a family name",
                    );
                }
            }
        }
        if method == "inflection" && j - i == 1 && kind == "region" {
            let f = around.first;
            if f.russian_adjective && f.cyrillic {
                // "Сюникской области", "Тавушской": an adjective of a region or province is
                // no mention (adjectives never are; a district's, Кельбаджарского района,
                // is the one the gold keeps)
                return self.no(cx, i, j, "a Russian adjective of a region or province");
            }
        }
        if method == "inflection"
            && suffix == ENGLISH_ADJECTIVE_ENDING
            && surface.is_ascii()
            && !surface.contains(['\'', '`'])
            && !cx.hy.at(i)
            && self.english_adjective(surface)
        {
            // Karabakhi weavers, Nakhchivani officials: a stem spelt the English way (kh, gh,
            // sh...) with a bare -i is an English adjective or demonym, whatever the text
            return self.no(cx, i, j, "an English adjective or demonym of a place (-i)");
        }
        if method == "inflection" && suffix != "s" && surface.is_ascii() && self.english(cx) {
            // Turkic endings on a plain ASCII word of English prose are English letters (Bakunin)
            if !surface.contains(['\'', '’', 'ʼ', '`']) {
                return self.no(cx, i, j, "a Turkic ending read on a word of English prose");
            }
        }
        let mut listed: Option<bool> = None;
        if context.is_none() && (ambiguous || common) {
            let mut all_capitalised = j - i > 1;
            if all_capitalised {
                for k in i..j {
                    if !self.facts_at(py, cx, k)?.first_upper {
                        all_capitalised = false;
                        break;
                    }
                }
            }
            // (a list decides here only for a village or an alias, and later only for a name
            // that needs context: an official name of a town, city or region is not asked)
            if !all_capitalised && (village || !official || needs_ctx) {
                // after a word that opens a sentence, a comma ends a phrase, not a list item
                let opens = sentence_start(cx.s, sb, self.weights.sentence_lookback);
                let l = self.listed(py, cx, i, j, !opens)?;
                listed = Some(l);
                // (the two tests, at a sentence start and anywhere, ask the same)
                if !l && (village || !official) {
                    return self.no(
                        cx,
                        i,
                        j,
                        "a common word or a name of several places, without a cue or a list",
                    );
                }
            }
        }
        // names that are also first names or words: villages, needs-context aliases, cities far away
        let weak = village || needs_ctx || (kind == "city" && !ranked.focus_country);
        // a country's name or a place in the locative after a title is no person; nor, in
        // Latin or Armenian letters (whose titles do not decline), a place in any case whose
        // name is no given name and no family name: Prezident Ağdama gəldi (a person's name
        // after a title takes the case too, but is one: Prezident Əliyevə)
        let stem = key.strip_suffix(suffix).unwrap_or(&key);
        let titled_ok = matches!(kind, "country" | "district" | "region")
            || self.tables.is_place_case(suffix)
            || (j - i == 1
                && !suffix.is_empty()
                && !around.first.cyrillic
                && !self.lexicon.is_given_name(stem)
                && !self.lexicon.surname_shaped(cx.word(i)));
        if self.in_person_or_org(py, cx, i, j, &around, weak, context, titled_ok, suffix)? {
            return self.no(cx, i, j, "part of a person's or an organisation's name");
        }
        if context.is_none() && ranked.club && self.club(py, cx, i, j, suffix)? {
            // in football copy a town named without a case of place is its club
            return self.no(cx, i, j, "a football club in sports copy");
        }
        // weak evidence another mention must corroborate: needs context, a village opening a sentence
        let weak_start = village
            && context.is_none()
            && j - i == 1
            && cx.hy_hit(i).is_none() // (hylat10: an Armenian ending in Latin letters is evidence)
            && !placed // (and a case of place: Գնդեվազից opening a sentence)
            && sentence_start(cx.s, sb, self.weights.sentence_lookback)
            && !self.proper_by_ending(py, cx, i, &key, method, suffix, surface)?;
        if (needs_ctx || weak_start) && listed.is_none() {
            listed = Some(self.listed(py, cx, i, j, true)?);
        }
        let wait = ((needs_ctx || weak_start) && !listed.unwrap_or(false)) || lower_verdict == WAIT;
        let list = if wait { found.waiting } else { found.now };
        list.push(Rec {
            start: cx.start_cp(i),
            end: cx.end_cp(j - 1),
            bytes: (sb, eb),
            surface: self.surface(surface),
            place: ranked.place,
            variant: ranked.variant,
            method,
            cue: if context.is_some_and(|c| !c.is_empty()) {
                cue
            } else {
                None
            },
            group: context.filter(|c| !c.is_empty()),
            suffix: suffix.to_owned(),
            cands: ranked.cands.clone(),
            only: None,
            lowercase,
            key: (j - i == 1).then(|| key.clone()),
            word: if j - i == 1 { cx.id(i) } else { None },
        });
        Ok(Some(()))
    }

    /// The facts of a candidate span's edges (`Around`), read once.
    fn around(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
    ) -> PyResult<Around> {
        Ok(Around {
            first: self.facts_at(py, cx, i)?,
            before: if i > 0 {
                self.facts_at(py, cx, i - 1)?
            } else {
                Facts::default()
            },
            after: if j < cx.len() {
                self.facts_at(py, cx, j)?
            } else {
                Facts::default()
            },
        })
    }

    /// A candidate span (words i..j) turned down, for the reason given; kept for
    /// `Engine.explain` when it asks.
    fn no(
        &mut self,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        reason: &'static str,
    ) -> PyResult<Judged> {
        if let Some(out) = self.explained.as_mut() {
            out.push(Explained {
                start: cx.start_cp(i),
                end: cx.end_cp(j - 1),
                verdict: "rejected",
                reason,
            });
        }
        Ok(None)
    }

    /// `ranking` of a span of one word, word k, without a cue: kept in the word's slot too
    /// (for the variant ids and method it was made for), where the judge finds it without
    /// probing the table of rankings.
    fn ranking_at(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        k: usize,
        ids: &Bound<'_, PyAny>,
        method: &'static str,
    ) -> PyResult<Arc<Ranking>> {
        let key = (ids.as_ptr() as usize, method == "folded");
        if let Some(r) = self.slot_ranking(cx, k, key) {
            return Ok(r);
        }
        let r = self.ranking(py, ids, method, None)?;
        self.keep_slot_ranking(cx, k, key, &r);
        Ok(r)
    }

    /// `Vocabulary.ranking`: the same-name places of a span ranked for a cue group, kept
    /// per (variant ids, method, group).
    fn ranking(
        &mut self,
        py: Python<'_>,
        ids: &Bound<'_, PyAny>,
        method: &'static str,
        group: Option<&str>,
    ) -> PyResult<Arc<Ranking>> {
        // (the ids object is kept alive in the entry, so its address names it)
        // (looked up without allocating: a few groups per ids object, compared in a row)
        let key = (ids.as_ptr() as usize, method == "folded");
        if let Some(rows) = self.rankings.get(&key) {
            if let Some((_, r)) = rows.iter().find(|(g, _)| g.as_deref() == group) {
                return Ok(r.clone());
            }
        }
        let r = Arc::new(match self.own_ranking(py, ids, method, group)? {
            Some(r) => r,
            None => self.python_ranking(py, ids, method, group)?,
        });
        if self.rankings.len() >= self.small_cache {
            self.rankings.clear();
        }
        self.rankings
            .entry(key)
            .or_default()
            .push((group.map(Box::from), r.clone()));
        Ok(r)
    }

    /// The rank rows, copied from the host when first asked (`Engine::rank_rows`).
    pub(crate) fn read_rank_rows(&mut self, py: Python<'_>) -> PyResult<()> {
        if self.rank_rows.is_none() {
            self.rank_rows = Some(RankRows::from_host(self.host.this.bind(py))?.map(Box::new));
        }
        Ok(())
    }

    /// The ranking of variants `ids` where they are all of one place, made from the rank
    /// rows (src/scan/ranking.rs; read first by `read_rank_rows`); None where Python must
    /// rank them.
    pub(crate) fn one_place<'a>(
        &'a self,
        ids: &Bound<'_, PyAny>,
        method: &str,
        group: Option<&str>,
    ) -> PyResult<Option<OnePlace<'a>>> {
        let Some(Some(rows)) = &self.rank_rows else {
            return Ok(None);
        };
        let cue_kinds = match group {
            None => None,
            Some(g) => match self.tables.kind_groups.get(g) {
                Some(kinds) => Some(kinds),
                None => return Ok(None),
            },
        };
        let score = match method {
            "folded" => self.tables.method_folded,
            "inflection" => self.tables.method_inflection,
            _ => return Ok(None),
        };
        rows.one_place(ids, score, cue_kinds)
    }

    /// The ranking of a span whose variants are all of one place (`one_place`) as the
    /// rules read it; None where Python must rank it.
    fn own_ranking(
        &mut self,
        py: Python<'_>,
        ids: &Bound<'_, PyAny>,
        method: &'static str,
        group: Option<&str>,
    ) -> PyResult<Option<Ranking>> {
        self.read_rank_rows(py)?;
        let Some(one) = self.one_place(ids, method, group)? else {
            return Ok(None);
        };
        Ok(Some(Ranking {
            needs_context: one.needs_context,
            village: self.tables.village_kinds.contains(one.kind),
            club: self.tables.club_kinds.contains(one.kind),
            focus_country: self.tables.focus_countries.contains(one.country),
            kind: one.kind.to_owned(),
            official: one.official,
            place: one.place,
            variant: one.variant,
            cands: Arc::new(Cands {
                tuple: None,
                items: vec![Cand {
                    place: one.place,
                    variant: one.variant,
                    rank: one.rank,
                    obj: None,
                }],
            }),
            _ids: ids.clone().unbind(),
        }))
    }

    /// `Vocabulary.ranking` asked of Python.
    fn python_ranking(
        &mut self,
        py: Python<'_>,
        ids: &Bound<'_, PyAny>,
        method: &'static str,
        group: Option<&str>,
    ) -> PyResult<Ranking> {
        let row = self
            .host
            .ranking
            .bind(py)
            .call1((ids, method, group))?
            .cast_into::<PyTuple>()?;
        let kind: String = row.get_item(4)?.extract()?;
        let country: String = row.get_item(6)?.extract()?;
        Ok(Ranking {
            needs_context: row.get_item(3)?.is_truthy()?,
            village: self.tables.village_kinds.contains(&kind),
            club: self.tables.club_kinds.contains(&kind),
            focus_country: self.tables.focus_countries.contains(&country),
            kind,
            official: row.get_item(5)?.is_truthy()?,
            place: row.get_item(1)?.extract()?,
            variant: row.get_item(2)?.extract()?,
            cands: Arc::new(cands_of(&row.get_item(0)?)?),
            _ids: ids.clone().unbind(),
        })
    }

    /// Is a lemma of the run `key` ending in `word` an organisation's name? Kept per pair.
    fn org_name_lemma(&mut self, py: Python<'_>, word: &str, key: &str) -> PyResult<bool> {
        let k = (word.to_owned(), key.to_owned());
        if let Some(&b) = self.org_lemmas.get(&k) {
            return Ok(b);
        }
        let b = match self.own_org_name_lemma(word, key) {
            Some(b) => b, // (src/scan/engine.rs: the Turkic lemmas in Rust)
            None => self
                .host
                .org_name_lemma
                .bind(py)
                .call1((word, key))?
                .is_truthy()?,
        };
        if self.org_lemmas.len() >= self.small_cache {
            self.org_lemmas.clear();
        }
        self.org_lemmas.insert(k, b);
        Ok(b)
    }

    /// `Vocabulary.key_flags`: (ambiguous, common word) of a folded key, kept per key.
    pub(crate) fn key_flags(&mut self, py: Python<'_>, key: &str) -> PyResult<(bool, bool)> {
        if let Some(&f) = self.key_flag_cache.get(key) {
            return Ok(f);
        }
        let f: (bool, bool) = match self.own_key_flags(py, key)? {
            Some(f) => f, // (from the word lists the engine holds: src/scan/lexicon.rs)
            None => self.host.key_flags.bind(py).call1((key,))?.extract()?,
        };
        if self.key_flag_cache.len() >= self.small_cache {
            self.key_flag_cache.clear();
        }
        self.key_flag_cache.insert(key.to_owned(), f);
        Ok(f)
    }

    /// Is an ending (folded) a case of place: locative, ablative or the relative -daki
    /// (`place_cases`, `place_case_prefixes`; not the dative, which persons take too)?
    pub(crate) fn case_of_place(&self, suffix: &str) -> bool {
        !suffix.is_empty()
            && (self.tables.is_place_case(suffix)
                || self
                    .tables
                    .place_case_prefixes
                    .iter()
                    .any(|p| suffix.starts_with(p.as_str())))
    }

    /// Does a case ending mark word i as a proper name where it opens a sentence? An
    /// Armenian word with an ending (Դրմբոնի դպրոցի: its capital a name's, common words
    /// being told apart by `hy_common`), or an ending after an apostrophe (Khndzoresk'in:
    /// Turkish sets off only a proper name's ending so) on a stem that is no given name.
    #[allow(clippy::too_many_arguments)]
    fn proper_by_ending(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        key: &str,
        method: &str,
        suffix: &str,
        surface: &str,
    ) -> PyResult<bool> {
        if method != "inflection" || suffix.is_empty() || suffix == "s" {
            return Ok(false);
        }
        let stem = key.strip_suffix(suffix).unwrap_or(key);
        if self.lexicon.is_given_name(stem) {
            return Ok(false); // Մովսեսի, Cebrail'in: a person's as well
        }
        Ok(self.facts_at(py, cx, i)?.armenian || surface.contains(['\'', '’', 'ʼ']))
    }

    /// Is a capitalised plain Latin word ending in -i spelt the English way, a letter pair
    /// of `lang/en/adjective_stems.txt` in its stem (Karabakhi, Nakhchivani; not Qarabagi)?
    pub(crate) fn english_adjective(&self, surface: &str) -> bool {
        if !surface.starts_with(|c: char| c.is_ascii_uppercase()) {
            return false; // (English writes a place's adjective with a capital: lachini is no such word)
        }
        let lower = surface.to_ascii_lowercase();
        let stem = &lower[..lower.len() - ENGLISH_ADJECTIVE_ENDING.len()];
        self.tables
            .adjective_stems
            .iter()
            .any(|pair| stem.contains(pair.as_str()))
    }

    /// Is the text English prose? One word in twelve an English function word.
    pub(crate) fn english(&self, cx: &Words<'_, '_>) -> bool {
        if let Some(e) = cx.english.get() {
            return e;
        }
        let n = cx.len();
        let markers = (0..n).filter(|&k| self.english_word(cx, k)).count() as isize;
        let got = markers >= self.weights.english_min
            && self.weights.english_one_in * markers >= n as isize;
        cx.english.set(Some(got));
        got
    }
}

/// The readings of a ranking (a tuple of `Ranked(place, variant, rank)`).
fn cands_of(tuple: &Bound<'_, PyAny>) -> PyResult<Cands> {
    let mut items = Vec::new();
    for r in tuple.try_iter()? {
        let r = r?;
        items.push(Cand {
            place: r.get_item(0)?.extract()?,
            variant: r.get_item(1)?.extract()?,
            rank: r.get_item(2)?.extract()?,
            obj: Some(r.unbind()),
        });
    }
    Ok(Cands {
        tuple: Some(tuple.clone().unbind()),
        items,
    })
}
