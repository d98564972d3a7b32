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
    /// per length (as in `lengths`), the first bytes an ending of that length starts
    /// with, as bits: most of a word's tails are refused by one test, not a hash probe
    starts: Vec<[u64; 4]>,
    min_stem: usize,
}

/// Is bit `b` set in a 256-bit set?
#[inline]
fn has_bit(set: &[u64; 4], b: u8) -> bool {
    set[(b >> 6) as usize] >> (b & 63) & 1 != 0
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
        let starts = lengths
            .iter()
            .map(|&n| {
                let mut set = [0u64; 4];
                for e in endings.iter().filter(|e| e.chars().count() == n) {
                    if let Some(&b) = e.as_bytes().first() {
                        set[(b >> 6) as usize] |= 1 << (b & 63);
                    }
                }
                set
            })
            .collect();
        TurkicEndings {
            endings,
            lengths,
            starts,
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
        let (head, last) = match last_space(key) {
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

impl TurkicEndings {
    /// Does `hit` accept one of `lemmas(key)`? The same lemmas in the same order, tried as
    /// they are made, in one buffer: no list, no string a lemma (the millions of words
    /// seen once, of which almost none has a lemma that is a key).
    pub fn any_lemma(&self, key: &str, mut hit: impl FnMut(&str) -> bool) -> bool {
        let start = last_space(key).map_or(0, |at| at + 1);
        // (`lemmas` writes no space before the stem when the words before it are "")
        let prefix = if start <= 1 { "" } else { &key[..start] };
        let last = &key[start..];
        let ascii = last.is_ascii();
        let chars = if ascii {
            last.len()
        } else {
            last.chars().count()
        };
        // (a lemma is written on the stack where it fits: a new word's lemmas are asked once
        // and a String each cost an allocation)
        let mut small = [0u8; LEMMA_ON_STACK];
        let mut buf = String::new();
        for (&n, starts) in self.lengths.iter().zip(&self.starts) {
            // (an empty ending gives the key itself, which `lemmas` leaves out)
            if n == 0 || chars < n || chars - n < self.min_stem {
                continue;
            }
            let cut = if ascii {
                last.len() - n
            } else {
                last.char_indices().rev().nth(n - 1).map_or(0, |(at, _)| at)
            };
            let (stem, suf) = last.split_at(cut);
            if !has_bit(starts, suf.as_bytes()[0])
                || !self.endings.contains(suf)
                || !harmonises_str(stem, suf)
            {
                continue;
            }
            let len = prefix.len() + stem.len();
            let lemma: &str = if len <= LEMMA_ON_STACK {
                small[..prefix.len()].copy_from_slice(prefix.as_bytes());
                small[prefix.len()..len].copy_from_slice(stem.as_bytes());
                if small[..len].last() == Some(&b'y') {
                    small[len - 1] = b'i'; // as fold() writes a final y
                }
                // SAFETY: two str joined, a final ASCII y (a whole character) made i: UTF-8
                unsafe { std::str::from_utf8_unchecked(&small[..len]) }
            } else {
                buf.clear();
                buf.push_str(prefix);
                buf.push_str(stem);
                if buf.ends_with('y') {
                    buf.pop();
                    buf.push('i'); // as fold() writes a final y
                }
                &buf
            };
            if hit(lemma) {
                return true;
            }
        }
        false
    }
}

/// `harmonises` of a stem as a string.
fn harmonises_str(stem: &str, suffix: &str) -> bool {
    if stem.is_ascii() {
        return harmonises_ascii(stem, suffix);
    }
    let Some(last) = stem.chars().rev().find(|c| "aeiou".contains(*c)) else {
        return true;
    };
    !((suffix.contains('e') && last == 'a')
        || (suffix.contains('a') && last == 'e')
        || (suffix.contains('u') && last != 'o' && last != 'u'))
}

/// Is a word read by the Turkic endings alone: no Cyrillic letter (`is_cyrillic`) and no
/// Armenian one (so `script(word)` is not "armenian": it is the script of the first letter)?
/// The longest lemma `TurkicEndings::any_lemma` writes on the stack, in bytes.
const LEMMA_ON_STACK: usize = 64;

/// Where the last space of a key is (a byte search: a space is one byte of UTF-8, and the
/// char searcher's setup cost more than a short key's bytes).
#[inline]
fn last_space(key: &str) -> Option<usize> {
    key.as_bytes().iter().rposition(|&b| b == b' ')
}

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
    fn any_lemma_tries_the_lemmas_in_order() {
        let t = endings();
        for key in [
            "dagliq garabagda",
            "tartarchayin",
            "fuzulida",
            " garabagda",
            "a b",
            "shushaya",
            "kendlar",
            "gəncədə",
            "xyz",
            "",
            // (longer than the lemma a stack buffer holds)
            &format!("{}fuzulida", "dagliq garabag ".repeat(5)),
            &format!("{}da", "garabag".repeat(10)),
        ] {
            let want: Vec<String> = t.lemmas(key).into_iter().map(|(l, _)| l).collect();
            let mut got = Vec::new();
            assert!(!t.any_lemma(key, |l| {
                got.push(l.to_owned());
                false
            }));
            got.dedup();
            assert_eq!(got, want, "{key:?}");
            for w in &want {
                assert!(t.any_lemma(key, |l| l == w), "{key:?} {w:?}");
            }
        }
    }

    #[test]
    fn only_words_without_cyrillic_or_armenian_letters_are_turkic_only() {
        assert!(turkic_only("Füzulidə"));
        assert!(!turkic_only("Шуша"));
        assert!(!turkic_only("Ստեփանակերտ"));
    }
}
