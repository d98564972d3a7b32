//! Armenian written in Latin letters in running text ("Stepanakertic ekanq", "Gorisum
//! enq", "hadrutum mer tuny"): whether a text is written so, and, in such a text, the place
//! a Latin word names once its Armenian case ending or article is cut off.
//!
//! The decision is read off the text's words: a word of `lang/hy/latin_function_words.tsv`
//! is marked when it is first met (`WordEntry::bits`: `HY_SURE`, `HY_WEAK`), so a text
//! without one costs one pass over its bits. Each line is decided alone (an English line
//! after a chat post is read as English), or, in a text that is so as a whole, by any
//! function word of its own. A line with a sure word (enq, mej, hamar,
//! shat...) whose distinct marked words reach `HY_LATIN_MIN` (a sure word counts 2, a weak
//! one 1) and that is no English prose is Armenian in Latin letters. There its function
//! words name no place ("galis", is coming, is no Gali), and a Latin word that is no name
//! as written (verdict NO, or a Turkic ending's reading) whose fold less one ending of
//! `lang/hy/latin_case_endings.tsv` or `latin_text_endings.tsv` (longest first) is a
//! place's key of `HY_STEM_MIN` letters or more, and no common word, stands for that
//! place, by "inflection" with that ending: its hit is the text's (`Words::hy_hit`), not
//! the word's, since the same letters in another text are no name. The last word of a
//! name of several words is read the same way ("Mets Tagheric").
//!
//! The data comes from Python once (`gazetteer.lang.hy.latin_text.ARMENIAN_LATIN`, handed
//! over by the host as `armenian_latin`); an index or host without it reads no such text.

use std::sync::Arc as Rc;

use pyo3::prelude::*;

use super::engine::{Engine, Hit, Words, HY_SURE, HY_WEAK};
use super::fxhash::{FxMap, FxSet};
use super::rules::{ACCEPT, WAIT};
use super::turkic::turkic_only;
use super::verdict::{NO, YES};

/// The least score of a text's distinct marked words (a sure word 2, a weak one 1).
const HY_LATIN_MIN: usize = 2;
/// The fewest letters of a stem read back to a place (Goris, Sotk, Togh).
const HY_STEM_MIN: usize = 4;
/// The longest function word, in bytes: a longer word is not looked up.
pub(crate) const WORD_MAX: usize = 12;

/// The word lists of Armenian in Latin letters (folded).
#[derive(Default)]
pub(crate) struct ArmenianLatin {
    /// the function words -> `HY_SURE` or `HY_WEAK` (one map: one probe a word); empty
    /// when there is no sure word
    words: FxMap<String, u8>,
    /// case endings and articles, longest first
    endings: Vec<String>,
}

impl ArmenianLatin {
    /// From the host's `armenian_latin` (`ArmenianLatin` of gazetteer/lang/hy/latin_text.py),
    /// or empty when the host has none.
    pub(crate) fn from_host(host: &Bound<'_, PyAny>) -> PyResult<Self> {
        let Ok(data) = host.getattr("armenian_latin") else {
            return Ok(Self::default());
        };
        let set = |name: &str| -> PyResult<FxSet<String>> {
            let mut out = FxSet::default();
            for w in data.getattr(name)?.try_iter()? {
                out.insert(w?.extract::<String>()?);
            }
            Ok(out)
        };
        let (sure, weak) = (set("sure_words")?, set("weak_words")?);
        let mut words = FxMap::default();
        if !sure.is_empty() {
            // (a sure word that is a weak one too is sure: the sure list was read first)
            words.extend(weak.into_iter().map(|w| (w, HY_WEAK)));
            words.extend(sure.into_iter().map(|w| (w, HY_SURE)));
        }
        Ok(ArmenianLatin {
            words,
            endings: data.getattr("endings")?.extract()?,
        })
    }

    /// The function words and their bits (`HY_SURE`, `HY_WEAK`), for the engine's map of
    /// a new word's bits (`Engine::word_bits`).
    pub(crate) fn word_bits(&self) -> impl Iterator<Item = (&str, u8)> + '_ {
        self.words.iter().map(|(w, &b)| (w.as_str(), b))
    }

    /// The stems of a folded key less one ending, longest ending first, with the ending.
    fn stems<'k>(&'k self, key: &'k str) -> impl Iterator<Item = (&'k str, &'k str)> + 'k {
        self.endings.iter().filter_map(move |e| {
            let stem = key.strip_suffix(e.as_str())?;
            (stem.chars().count() >= HY_STEM_MIN && stem.chars().all(|c| c.is_alphabetic()))
                .then_some((stem, e.as_str()))
        })
    }
}

/// A word as a function word of Armenian in Latin letters is looked up: a short word of
/// ASCII letters, lower-cased in ``buf`` (on the caller's stack: asked once of each
/// distinct word); None for any other word, which is none.
#[inline]
pub(crate) fn lower_case<'b>(word: &str, buf: &'b mut [u8; WORD_MAX]) -> Option<&'b str> {
    if word.len() > WORD_MAX || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let buf = &mut buf[..word.len()];
    buf.copy_from_slice(word.as_bytes());
    buf.make_ascii_lowercase();
    // SAFETY: ASCII letters (tested above), lower-cased: UTF-8
    Some(unsafe { std::str::from_utf8_unchecked(buf) })
}

/// What the lines of a text written in Armenian Latin letters add to its words: the words
/// read by their Armenian endings, by position.
#[derive(Default)]
pub(crate) struct HyLatinText {
    /// (word, its hit), in word order
    pub hits: Vec<(usize, Rc<Hit>)>,
    /// a line of the text is Armenian in Latin letters
    pub on: bool,
    /// (with `on`) by word: is its line Armenian in Latin letters
    pub words: Vec<bool>,
}

impl HyLatinText {
    /// Is word k's line Armenian in Latin letters?
    pub fn at(&self, k: usize) -> bool {
        self.on && self.words.get(k).copied().unwrap_or(false)
    }
}

impl Engine {
    /// Is a text or a line Armenian written in Latin letters, by its words' bits and ids
    /// (see the module)? Its English markers make it English prose, which it is not.
    fn hy_latin_line(&self, ids: &[u32], bits: &[u8]) -> bool {
        let mut seen: FxSet<u32> = FxSet::default();
        let (mut score, mut sure) = (0usize, false);
        for (&id, &b) in ids.iter().zip(bits) {
            if b & (HY_SURE | HY_WEAK) != 0 && seen.insert(id) {
                sure |= b & HY_SURE != 0;
                score += if b & HY_SURE != 0 { 2 } else { 1 };
            }
        }
        sure && score >= HY_LATIN_MIN && !self.english_line(bits)
    }

    /// Are words of these bits English prose (`english`'s test on them)?
    fn english_line(&self, bits: &[u8]) -> bool {
        let markers = bits
            .iter()
            .filter(|&&b| b & super::engine::ENGLISH != 0)
            .count() as isize;
        markers >= self.weights.english_min
            && self.weights.english_one_in * markers >= bits.len() as isize
    }

    /// The words of a text of Armenian in Latin letters that its endings read as places,
    /// their verdicts set to YES in ``flags``, and its function words' set to NO (``s``
    /// cut at ``bounds``; the words' ``ids`` and ``bits`` of `verdicts_of`). A word with
    /// a name as written keeps it (Jermuk); one the Turkic endings read (haterki) is read
    /// by its Armenian ending instead. Empty for any other text, which is left as it is.
    pub(crate) fn hy_latin_words(
        &mut self,
        py: Python<'_>,
        s: &str,
        bounds: &[usize],
        ids: &[u32],
        bits: &[u8],
        flags: &mut [u8],
    ) -> PyResult<HyLatinText> {
        let mut out = HyLatinText::default();
        if bits.iter().fold(0, |acc, b| acc | b) & HY_SURE == 0 {
            return Ok(out);
        }
        // (each line decided alone: a line starts at a word whose gap holds a line break;
        // in a text that is Armenian in Latin letters as a whole, a line with a function
        // word, sure or weak, that is no English prose is too)
        let n = flags.len();
        let whole = self.hy_latin_line(ids, bits);
        let mut words = vec![false; n];
        let mut a = 0;
        while a < n {
            let mut b = a + 1;
            while b < n && !s[bounds[2 * b]..bounds[2 * b + 1]].contains('\n') {
                b += 1;
            }
            let line = &bits[a..b];
            if (line.iter().any(|&x| x & HY_SURE != 0) && self.hy_latin_line(&ids[a..b], line))
                || (whole
                    && line.iter().any(|&x| x & (HY_SURE | HY_WEAK) != 0)
                    && !self.english_line(line))
            {
                words[a..b].fill(true);
                out.on = true;
            }
            a = b;
        }
        if !out.on {
            return Ok(out);
        }
        for k in 0..n {
            if !words[k] {
                continue;
            }
            if bits[k] & (HY_SURE | HY_WEAK) != 0 {
                // a function word of the text's language names no place ("galis": is
                // coming, not Gali)
                flags[k] = NO;
                continue;
            }
            if flags[k] > YES {
                continue;
            }
            let word = &s[bounds[2 * k + 1]..bounds[2 * k + 2]];
            if flags[k] == YES
                && self
                    .word_hits_of(py, word)?
                    .is_some_and(|h| h.method != "inflection")
            {
                continue; // a name as written ("Jermuk"), not read by an ending
            }
            // (a word the Turkic endings read, "haterki", is read by its Armenian ending:
            // the same stem, but the ending is the evidence in this text)
            if let Some(hit) = self.hy_latin_hit(py, word)? {
                flags[k] = YES;
                out.hits.push((k, hit));
            }
        }
        out.words = words;
        Ok(out)
    }

    /// The place a Latin word names once an Armenian ending is cut off its fold: the first
    /// stem, longest ending first, that is a key and no common word.
    fn hy_latin_hit(&mut self, py: Python<'_>, word: &str) -> PyResult<Option<Rc<Hit>>> {
        if !turkic_only(word) || !word.chars().any(|c| c.is_ascii_alphabetic()) {
            return Ok(None);
        }
        let key = crate::fold(word);
        let stems: Vec<(String, String)> = self
            .hy_latin
            .stems(&key)
            .map(|(s, e)| (s.to_owned(), e.to_owned()))
            .collect();
        for (stem, ending) in stems {
            let Some(ids) = self.keys.hits(py, &stem)? else {
                continue;
            };
            if self.key_flags(py, &stem)?.1 {
                continue; // a common word with an ending is that word
            }
            return Ok(Some(Rc::new(Hit {
                ids,
                method: "inflection",
                suffix: ending,
            })));
        }
        Ok(None)
    }

    /// Can word k of a text of Armenian in Latin letters be the second word of a name once
    /// an Armenian ending is cut off ("Mets Tagheric")?
    pub(crate) fn hy_latin_second(&self, cx: &Words<'_, '_>, k: usize) -> bool {
        if !cx.hy.at(k) || k >= cx.len() || !turkic_only(cx.word(k)) {
            return false;
        }
        let key = cx.folded(k);
        self.hy_latin
            .stems(key)
            .any(|(stem, _)| self.keys.is_second_word(stem))
    }

    /// The variant ids of a run of words (folded ``key``) whose last word, word ``k``,
    /// carries an Armenian ending, in a line of Armenian in Latin letters, with the ending.
    pub(crate) fn hy_latin_run(
        &self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        k: usize,
        key: &str,
    ) -> PyResult<Option<(Py<PyAny>, String)>> {
        if !cx.hy.at(k) {
            return Ok(None);
        }
        let Some(last) = key.rsplit(' ').next() else {
            return Ok(None);
        };
        let head = &key[..key.len() - last.len()];
        for (stem, ending) in self.hy_latin.stems(last) {
            if let Some(ids) = self.keys.hits(py, &format!("{head}{stem}"))? {
                return Ok(Some((ids, ending.to_owned())));
            }
        }
        Ok(None)
    }
}

/// The lower-case verdict of a word read by its Armenian ending in a text of Armenian in
/// Latin letters (`lowercase_verdict`, after its length and common-word tests): the ending
/// on a known place's key is the evidence a lower-case name needs, as a case of place is;
/// a key that names several places (``ambiguous``) is settled by a lower-case ``text``
/// for a town, and waits for another mention of the place for a ``village``.
pub(crate) fn hy_latin_lowercase(ambiguous: bool, text: bool, village: bool) -> u8 {
    if !ambiguous || (text && !village) {
        ACCEPT
    } else {
        WAIT
    }
}
