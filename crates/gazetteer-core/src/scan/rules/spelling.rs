//! Does a span *spell* a frequent word? The folded key romanises and reduces ("Арены" and
//! "Areni" are both `areni`, "tug", "Tugh" and "Tuğ" all `tug`), so the folded word lists
//! flag a surface that spells no word at all; the same lists kept as spelled
//! (`gazetteer.wordlist.spelling`, gazetteer/data/common_spellings.txt and
//! ambiguous_spellings.txt, built with the index) tell "Арены" (a Russian word) from
//! "Арени", "Areni" and "Արենի" (the village), "Tug" (English) from "Tugh" and "Tuğ".

use pyo3::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::super::engine::{Engine, Words};
use crate::pyuni;

/// Accents a spelling sets aside (gazetteer/wordlist.py's `_ACCENTS`): grave, acute,
/// circumflex, tilde, macron, dot above (of "İ" lower-cased), double acute, double grave.
const ACCENTS: [char; 8] = [
    '\u{300}', '\u{301}', '\u{302}', '\u{303}', '\u{304}', '\u{307}', '\u{30b}', '\u{30f}',
];

/// `gazetteer.wordlist.spelling`: the word lower-cased, the accents above set aside, and
/// the letters whose case or usage is no spelling made one (ı and i, ё and е, the
/// apostrophes); no romanisation and no digraphs.
pub fn spelling(word: &str) -> String {
    if word.is_ascii() {
        // (no accents to set aside: lower case, and the apostrophes made one; lowered in
        // one copy, not built a char at a time)
        let lower = word.to_ascii_lowercase();
        return if lower.contains('`') {
            lower.replace('`', "'")
        } else {
            lower
        };
    }
    let lower = pyuni::lower(word);
    let kept: String = lower.nfd().filter(|c| !ACCENTS.contains(c)).collect();
    kept.nfc()
        .map(|c| match c {
            'ı' => 'i',
            'ё' => 'е',
            '’' | 'ʼ' | '‘' | '`' => '\'',
            c => c,
        })
        .collect()
}

impl Engine {
    /// (an ambiguous name, a common word) of one spelling: from the lists the engine reads
    /// once it has asked enough, else `Vocabulary.spelled_flags` (through the host's
    /// vocabulary, the owner of its `key_flags`).
    fn spelled_word(&self, py: Python<'_>, spelling: &str) -> PyResult<(bool, bool)> {
        self.lexicon.spelled_flags(py, spelling, || {
            self.host
                .key_flags
                .bind(py)
                .getattr("__self__")?
                .call_method1("spelled_flags", (spelling,))?
                .extract()
        })
    }

    /// (an ambiguous name, a common word) of words i..j *as spelled*, for a span whose
    /// folded key is flagged: the surface (or its letters without the apostrophe, or,
    /// inflected, the surface without its ending `suffix`, the folded ending) spells such
    /// a word in its own script; a run of words
    /// is a common word when each of its words is one.
    pub(crate) fn spelled_flags(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        suffix: &str,
    ) -> PyResult<(bool, bool)> {
        if j - i > 1 {
            let mut common = true;
            for k in i..j {
                if !self.spelled_word(py, &spelling(cx.word(k)))?.1 {
                    common = false;
                    break;
                }
            }
            let whole = (i..j)
                .map(|k| spelling(cx.word(k)))
                .collect::<Vec<_>>()
                .join(" ");
            return Ok((self.spelled_word(py, &whole)?.0, common));
        }
        let word = cx.word(i);
        let spelled = spelling(word);
        let (mut ambiguous, mut common) = self.spelled_word(py, &spelled)?;
        if spelled.contains('\'') && !both(ambiguous, common) {
            // the lists hold letters only: "Mart's" is read as "marts", as the fold reads it
            let (a, c) = self.spelled_word(py, &spelled.replace('\'', ""))?;
            ambiguous |= a;
            common |= c;
        }
        if !suffix.is_empty() && !both(ambiguous, common) {
            if let Some(stem) = without_ending(word, suffix) {
                let (a, c) = self.spelled_word(py, &spelling(stem))?;
                ambiguous |= a;
                common |= c;
            }
        }
        Ok((ambiguous, common))
    }
}

/// Letters a name's key needs beyond which it is no short word (as
/// `gazetteer.table_rules.risky_variant` counts them: three or fewer are short).
const SHORT_LETTERS: usize = 3;

/// Is word i, as spelled and without its ending `suffix`, longer than a short word
/// ("Tugh", four letters, though its key "tug" has three)?
pub(crate) fn spelled_long(cx: &Words<'_, '_>, i: usize, suffix: &str) -> bool {
    let word = cx.word(i);
    let stem = if suffix.is_empty() {
        word
    } else {
        without_ending(word, suffix).unwrap_or(word)
    };
    spelling(stem).chars().filter(|c| c.is_alphabetic()).count() > SHORT_LETTERS
}

/// Both flags already up (nothing more to ask).
fn both(ambiguous: bool, common: bool) -> bool {
    ambiguous && common
}

/// The word without the shortest tail whose fold is the ending `suffix` ("Tugh's" and
/// `s`: "Tugh"; "Тертере" and `e`: "Тертер"), or None.
fn without_ending<'a>(word: &'a str, suffix: &str) -> Option<&'a str> {
    for (at, _) in word.char_indices().rev() {
        if at == 0 {
            break;
        }
        let tail = crate::fold(&word[at..]);
        if tail == suffix {
            return Some(&word[..at]);
        }
        if tail.len() > suffix.len() + 2 {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spelling_keeps_the_script_and_the_letters() {
        assert_eq!(spelling("Арены"), "арены");
        assert_eq!(spelling("Tuğ"), "tuğ");
        assert_eq!(spelling("Tugh"), "tugh");
        assert_eq!(spelling("Qa`rabag`"), "qa'rabag'");
        assert_eq!(spelling("Café"), "cafe");
        assert_eq!(spelling("İstanbul"), "istanbul");
        assert_eq!(spelling("ŞUŞA"), "şuşa");
        assert_eq!(spelling("Ёлка"), "елка");
        assert_eq!(spelling("Tugh’s"), "tugh's");
        assert_eq!(spelling("Йошкар"), "йошкар");
    }

    #[test]
    fn an_ending_comes_off_by_its_fold() {
        assert_eq!(without_ending("Tugh's", "s"), Some("Tugh"));
        assert_eq!(without_ending("Тертере", "e"), Some("Тертер"));
        assert_eq!(without_ending("Ağdamda", "da"), Some("Ağdam"));
        assert_eq!(without_ending("Tug", "xyz"), None);
    }
}
