//! The Unicode operations of the Python reference, done as Python does them.
//!
//! Case mapping comes from Rust's std and normalisation from the unicode-normalization crate;
//! both follow a newer Unicode version than Python's `unicodedata` may. A code point Python
//! does not know (category Cn in its database, listed in `tables::PY_UNASSIGNED`) has, for
//! Python, no case, no decomposition and combining class 0; [`unknown_to_python`] finds them
//! and every function here leaves them alone, so the results are Python's. For code points
//! Python knows, Unicode's stability policies keep decompositions and combining classes
//! unchanged across versions; tests/test_core.py checks every code point.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, is_nfkd_quick, IsNormalized, UnicodeNormalization};

use crate::tables;

fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                Ordering::Less
            } else if lo > cp {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

/// The first code point Python's database leaves unassigned (U+0378); all below are known.
const FIRST_UNASSIGNED: u32 = 0x378;

/// True if Python's `unicodedata` does not know `c` (so Python gives it no case, no
/// decomposition and combining class 0).
#[inline]
pub fn unknown_to_python(c: char) -> bool {
    let cp = c as u32;
    if cp < FIRST_UNASSIGNED {
        false
    } else if cp < 0x10000 {
        let bits = unknown_in_bmp();
        bits[(cp >> 6) as usize] & (1 << (cp & 63)) != 0
    } else {
        in_ranges(tables::PY_UNASSIGNED, cp)
    }
}

/// `PY_UNASSIGNED` below U+10000 as a bitmap (8 kB), built at first use.
fn unknown_in_bmp() -> &'static [u64; 1024] {
    static BITS: OnceLock<Box<[u64; 1024]>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = Box::new([0u64; 1024]);
        for &(lo, hi) in tables::PY_UNASSIGNED {
            for cp in lo..=hi.min(0xFFFF) {
                bits[(cp >> 6) as usize] |= 1 << (cp & 63);
            }
        }
        bits
    })
}

/// Python's `str.isalnum()` for one character (regex `[^\W_]`).
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        in_ranges(tables::PY_ALNUM, c as u32)
    }
}

/// Python's `str.isupper()` for one character.
#[inline]
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_ranges(tables::PY_UPPER, c as u32)
    }
}

/// Python's `str.islower()` for one character.
#[inline]
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        in_ranges(tables::PY_LOWER, c as u32)
    }
}

/// Python's `str.isdigit()` for one character (decimal digits and others such as ², ①).
#[inline]
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(tables::PY_DIGIT, c as u32)
    }
}

/// Python's `str.lower()`, except that a final capital sigma gives σ where Python gives ς.
///
/// fold, the only caller, transliterates both to "s" (through unidecode), so the
/// context-dependent final form does not change its result.
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if unknown_to_python(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Apply `norm` to the runs of `s` between characters Python does not know, keeping those.
///
/// Such a character is, for Python, a starter that composes with nothing, so normalisation
/// never crosses it: normalising the runs between them one by one is normalising the whole.
fn by_known_runs(s: &str, mut norm: impl FnMut(&str, &mut String)) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if unknown_to_python(c) {
            norm(&s[start..i], &mut out);
            out.push(c);
            start = i + c.len_utf8();
        }
    }
    norm(&s[start..], &mut out);
    out
}

// Quick checks. If the crate's (newer) data says a text is already normalised, Python's
// normalisation leaves it as it is too: the characters both know normalise alike
// (Unicode's stability policies), and a character only the crate knows is, for Python,
// a starter that nothing composes with, which cannot make Python change what the crate
// leaves. Otherwise the full path below decides.

/// `unicodedata.normalize("NFC", s)`.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(s);
    }
    Cow::Owned(by_known_runs(s, |run, out| out.extend(run.nfc())))
}

/// `unicodedata.combining(c) != 0`, as Python's database has it.
#[inline]
fn is_mark(c: char) -> bool {
    !c.is_ascii() && canonical_combining_class(c) != 0 && !unknown_to_python(c)
}

/// `unicodedata.normalize("NFKD", s)` without the characters of non-zero combining class
/// (`"".join(ch for ch in ... if not unicodedata.combining(ch))`).
pub fn nfkd_without_marks(s: &str) -> String {
    if is_nfkd_quick(s.chars()) == IsNormalized::Yes {
        return s.chars().filter(|&c| !is_mark(c)).collect();
    }
    by_known_runs(s, |run, out| {
        out.extend(run.nfkd().filter(|&c| canonical_combining_class(c) == 0))
    })
}

/// unidecode's transliteration of one non-ASCII character ("" where it has none).
pub fn unidecode_char(c: char) -> &'static str {
    let cp = c as u32;
    let section = (cp >> 8) as usize;
    if section >= tables::UNIDECODE_PAGE.len() {
        return "";
    }
    match tables::UNIDECODE_PAGE[section] {
        0 => "",
        page => {
            let at = (page as usize - 1) * 257 + (cp & 0xff) as usize;
            let (a, b) = (
                tables::UNIDECODE_OFFSETS[at],
                tables::UNIDECODE_OFFSETS[at + 1],
            );
            &tables::UNIDECODE_TEXT[a as usize..b as usize]
        }
    }
}

/// `unidecode.unidecode(s)`: ASCII passes, every other character is transliterated.
pub fn unidecode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(unidecode_char(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_knows_everything_below_the_first_unassigned_code_point() {
        assert_eq!(tables::PY_UNASSIGNED[0].0, FIRST_UNASSIGNED);
        assert!(!unknown_to_python('\u{377}'));
        assert!(unknown_to_python('\u{378}'));
        assert!(unknown_to_python('\u{10ffff}'));
    }

    #[test]
    fn lower_follows_full_case_mapping() {
        assert_eq!(lower("İSTANBUL"), "i\u{307}stanbul");
        assert_eq!(lower("ШУША Ղ"), "шуша ղ");
        assert_eq!(lower("ΣΟΣ"), "σοσ");
    }

    #[test]
    fn normalisation_composes_and_strips_marks() {
        assert_eq!(nfc("и\u{306}"), "й");
        assert_eq!(nfkd_without_marks("Füzuli ﬁ ²"), "Fuzuli fi 2");
        assert_eq!(nfkd_without_marks("\u{301}"), "");
    }

    #[test]
    fn normalisation_does_not_cross_unknown_characters() {
        // U+0378 is unassigned for Python: the mark after it stays (NFC) and goes (NFKD)
        assert_eq!(nfc("e\u{378}\u{301}"), "e\u{378}\u{301}");
        assert_eq!(nfkd_without_marks("e\u{378}\u{301}"), "e\u{378}");
    }

    #[test]
    fn unidecode_transliterates_and_drops_unknown() {
        assert_eq!(unidecode("Çin 北京 ə"), "Cin Bei Jing  @");
        assert_eq!(unidecode("\u{f0000}\u{10ffff}"), "");
    }

    #[test]
    fn case_and_digits_are_pythons() {
        assert!(is_upper('Ə') && is_upper('Ж') && is_upper('Ա') && is_upper('Ⅷ'));
        assert!(is_lower('ə') && is_lower('ж') && is_lower('ա') && is_lower('ª'));
        assert!(!is_upper('ǅ') && !is_lower('ǅ') && !is_upper('1') && !is_lower('_'));
        assert!(is_digit('7') && is_digit('²') && is_digit('٣') && is_digit('①'));
        assert!(!is_digit('½') && !is_digit('Ⅷ') && !is_digit('a'));
    }

    #[test]
    fn alnum_is_pythons() {
        assert!(is_alnum('ə') && is_alnum('Ж') && is_alnum('٣') && is_alnum('²'));
        assert!(!is_alnum('_') && !is_alnum('\u{301}') && !is_alnum('’') && !is_alnum(' '));
    }
}
