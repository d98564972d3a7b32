//! The lemmas of a word written in neither Cyrillic nor Armenian letters, as
//! `gazetteer.inflection.word_lemmas` gives them: for such a word that is
//! `lemmas(key, russian=False)`, the Azerbaijani/Turkish endings of
//! `gazetteer/lang/az/morphology.py` (`analyse`) cut off the last word of the folded key,
//! with vowel harmony, a stem of at least `MIN_STEM` letters and a final y written i.
//!
//! The endings and the stem length are data handed over by Python (the morphology's
//! `ENDINGS`, `gazetteer.lang.MIN_STEM`); the harmony test is `_harmonises`, line for line.
//! tests/test_engine_prefilter.py compares the two on many words.

use super::fxhash::FxSet;

/// The Turkic endings (folded), by length, longest first.
pub struct TurkicEndings {
    endings: FxSet<String>,
    /// the lengths of the endings in code points, longest first
    lengths: Vec<usize>,
    min_stem: usize,
}

/// Does a folded ending fit a stem by vowel harmony (`_harmonises`)?
fn harmonises(stem: &[char], suffix: &str) -> bool {
    let Some(&last) = stem.iter().rev().find(|c| "aeiou".contains(**c)) else {
        return true;
    };
    !((suffix.contains('e') && last == 'a')
        || (suffix.contains('a') && last == 'e')
        || (suffix.contains('u') && last != 'o' && last != 'u'))
}

/// `harmonises` of an ASCII stem.
fn harmonises_ascii(stem: &str, suffix: &str) -> bool {
    let Some(last) = stem.bytes().rev().find(|c| b"aeiou".contains(c)) else {
        return true;
    };
    !((suffix.contains('e') && last == b'a')
        || (suffix.contains('a') && last == b'e')
        || (suffix.contains('u') && last != b'o' && last != b'u'))
}

impl TurkicEndings {
    pub fn new<I: IntoIterator<Item = String>>(endings: I, min_stem: usize) -> Self {
        let endings: FxSet<String> = endings.into_iter().collect();
        let mut lengths: Vec<usize> = endings.iter().map(|e| e.chars().count()).collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths.dedup();
        TurkicEndings {
            endings,
            lengths,
            min_stem,
        }
    }

    /// `analyse(word)`: (stem, ending) for each ending a folded word may carry, longest first.
    pub fn analyse(&self, word: &str) -> Vec<(String, String)> {
        if word.is_ascii() {
            // (a folded word is ASCII: its code points are its bytes, nothing to decode)
            let len = word.len();
            let mut out = Vec::new();
            for &n in &self.lengths {
                if len >= n && len - n >= self.min_stem {
                    let (stem, suf) = word.split_at(len - n);
                    if self.endings.contains(suf) && harmonises_ascii(stem, suf) {
                        out.push((stem.to_owned(), suf.to_owned()));
                    }
                }
            }
            return out;
        }
        self.analyse_chars(word)
    }

    /// `analyse` on code points (a word beyond ASCII).
    fn analyse_chars(&self, word: &str) -> Vec<(String, String)> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        for &n in &self.lengths {
            if chars.len() >= n && chars.len() - n >= self.min_stem {
                let suf: String = chars[chars.len() - n..].iter().collect();
                if self.endings.contains(&suf) {
                    let stem = &chars[..chars.len() - n];
                    if harmonises(stem, &suf) {
                        out.push((stem.iter().collect(), suf));
                    }
                }
            }
        }
        out
    }

    /// `lemmas(key, russian=False)`: lemmas of the last word of a folded key, the words
    /// before it kept, with the ending removed; in the order Python gives them.
    pub fn lemmas(&self, key: &str) -> Vec<(String, String)> {
        let (head, last) = match key.rfind(' ') {
            Some(at) => (&key[..at], &key[at + 1..]),
            None => ("", key),
        };
        let prefix = if head.is_empty() {
            String::new()
        } else {
            format!("{head} ")
        };
        let mut out: Vec<(String, String)> = Vec::new();
        for (mut stem, suf) in self.analyse(last) {
            if stem.ends_with('y') {
                stem.pop();
                stem.push('i'); // as fold() writes a final y (Tərtərçay-ın -> tartarchai)
            }
            let full = format!("{prefix}{stem}");
            if full != key && !out.iter().any(|(f, _)| *f == full) {
                out.push((full, suf));
            }
        }
        out
    }
}

/// Is a word read by the Turkic endings alone: no Cyrillic letter (`is_cyrillic`) and no
/// Armenian one (so `script(word)` is not "armenian": it is the script of the first letter)?
pub fn turkic_only(word: &str) -> bool {
    !word
        .chars()
        .any(|c| ('\u{0400}'..='\u{04ff}').contains(&c) || ('\u{0530}'..='\u{058f}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endings() -> TurkicEndings {
        let e = [
            "da", "de", "nda", "dan", "ndan", "in", "nin", "a", "e", "ya", "i", "u", "si", "lar",
        ];
        TurkicEndings::new(e.iter().map(|s| s.to_string()), 3)
    }

    #[test]
    fn analyse_cuts_endings_longest_first_with_harmony() {
        let t = endings();
        assert_eq!(
            t.analyse("fuzulida"),
            vec![
                ("fuzuli".to_string(), "da".to_string()),
                ("fuzulid".to_string(), "a".to_string())
            ]
        );
        // a front ending after a last vowel a is refused: Tartare is not Tartar + e
        assert!(t.analyse("tartare").iter().all(|(s, _)| s != "tartar"));
        // the stem keeps MIN_STEM letters
        assert!(t.analyse("ada").is_empty());
        assert_eq!(
            t.analyse("abda"),
            vec![("abd".to_string(), "a".to_string())]
        );
    }

    #[test]
    fn analyse_of_an_ascii_word_is_that_on_code_points() {
        let t = endings();
        for w in [
            "fuzulida",
            "tartare",
            "ada",
            "abda",
            "garabagdan",
            "bakinin",
            "shushaya",
            "kendlar",
            "xyz",
            "",
            "a",
            "uuuu",
            "lachinda",
            "yevlakhdan",
            "ordubadi",
        ] {
            assert_eq!(t.analyse(w), t.analyse_chars(w), "{w:?}");
        }
    }

    #[test]
    fn lemmas_keep_the_words_before_and_write_a_final_y_as_i() {
        let t = endings();
        let got = t.lemmas("dagliq garabagda");
        assert_eq!(got[0], ("dagliq garabag".to_string(), "da".to_string()));
        let got = t.lemmas("tartarchayin");
        assert!(got.contains(&("tartarchai".to_string(), "in".to_string())));
    }

    #[test]
    fn only_words_without_cyrillic_or_armenian_letters_are_turkic_only() {
        assert!(turkic_only("Füzulidə"));
        assert!(!turkic_only("Шуша"));
        assert!(!turkic_only("Ստեփանակերտ"));
    }
}
