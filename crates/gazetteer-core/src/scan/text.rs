//! The pieces of one text the scan loop walks: its words and the gaps between them, as
//! byte spans, exactly as `gazetteer.scan.candidates` cuts a text
//! (`split_hashtags(join_invisibles(SPLIT.split(text)))`).

use crate::pyuni::is_alnum;

/// Characters that make the Python cutting differ from plain word spans: a '#' may start
/// a CamelCase hashtag, an invisible character may join two words
/// (`gazetteer.text.tokens.INVISIBLES`). A text holding one is cut by Python.
pub fn needs_python_split(text: &str) -> bool {
    // on bytes: '#', U+00AD (C2 AD), U+200B-U+200D (E2 80 8B-8D), U+2060 (E2 81 A0)
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| matches!(c, b'#' | 0xC2 | 0xE2)) {
        let k = i + at;
        match (b[k], b.get(k + 1), b.get(k + 2)) {
            (b'#', _, _)
            | (0xC2, Some(0xAD), _)
            | (0xE2, Some(0x80), Some(0x8B..=0x8D))
            | (0xE2, Some(0x81), Some(0xA0)) => return true,
            _ => i = k + 1,
        }
    }
    false
}

/// Part boundaries in bytes: part k is `text[b[k]..b[k + 1]]`, parts alternate gap, word,
/// gap, ..., gap (`2 * words + 1` parts, as `re.split` with a capturing group gives them).
pub fn parts(text: &str) -> Vec<usize> {
    cut(text, false).expect("a cut without the check always ends")
}

/// `parts` of a text Rust cuts as Python does; None for a text that holds a character
/// `needs_python_split` names (found in the same pass).
pub fn rust_parts(text: &str) -> Option<Vec<usize>> {
    cut(text, true)
}

/// Characters that make the Python cutting differ (`needs_python_split`); none is a
/// letter or digit, so the cut meets each one between words.
fn python_cuts(c: char) -> bool {
    matches!(
        c,
        '#' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}'
    )
}

fn cut(text: &str, check: bool) -> Option<Vec<usize>> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // (about one word in six bytes of prose: two boundaries each)
    let mut b = Vec::with_capacity(n / 3 + 2);
    b.push(0);
    let mut i = 0;
    while i < n {
        // the gap: ASCII bytes read as they are, other characters decoded
        let byte = bytes[i];
        if byte < 0x80 {
            if !byte.is_ascii_alphanumeric() {
                if check && byte == b'#' {
                    return None;
                }
                i += 1;
                continue;
            }
        } else {
            let (c, len) = char_at(text, i);
            if !is_alnum(c) {
                if check && python_cuts(c) {
                    return None;
                }
                i += len;
                continue;
            }
        }
        let s = i;
        i = word_end(text, i);
        b.push(s);
        b.push(i);
    }
    b.push(n);
    Some(b)
}

/// The end of the word that starts at byte `i`: letters and digits, and an apostrophe
/// inside a word (Füzuli’de) where a letter or digit follows it.
#[inline]
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    while i < n {
        let byte = bytes[i];
        let (d, dl) = if byte < 0x80 {
            if byte.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            // (an ASCII byte other than ' and ` ends the word without decoding anything)
            if byte != b'\'' && byte != b'`' {
                break;
            }
            (byte as char, 1)
        } else {
            let (d, dl) = char_at(text, i);
            if is_alnum(d) {
                i += dl;
                continue;
            }
            (d, dl)
        };
        if is_word_apostrophe(d) && i + dl < n {
            let (e, el) = char_at(text, i + dl);
            if is_alnum(e) {
                i += dl + el;
                continue;
            }
        }
        break;
    }
    i
}

/// Is `c` one of `WORD_APOSTROPHES` (a match, not a search of the string)?
#[inline]
fn is_word_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2bc}' | '`')
}

/// The character at byte `i` (a character boundary) and its length in bytes, without
/// decoding an ASCII byte.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let byte = text.as_bytes()[i];
    if byte < 0x80 {
        return (byte as char, 1);
    }
    let c = text[i..].chars().next().expect("a character boundary");
    (c, c.len_utf8())
}

/// `gazetteer.scan.candidates._JOIN` (`[ \t\u00a0]+|[ \t]*[-‐‑–][ \t]*`) matches the whole
/// gap: can it stand between two words of one name?
pub fn joins(gap: &str) -> bool {
    if !gap.is_empty() && gap.chars().all(|c| matches!(c, ' ' | '\t' | '\u{a0}')) {
        return true;
    }
    let rest = gap.trim_start_matches([' ', '\t']);
    let mut chars = rest.chars();
    match chars.next() {
        Some('-' | '‐' | '‑' | '–') => chars.all(|c| matches!(c, ' ' | '\t')),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::WORD_APOSTROPHES;

    fn cut(text: &str) -> Vec<&str> {
        let b = parts(text);
        b.windows(2).map(|w| &text[w[0]..w[1]]).collect()
    }

    #[test]
    fn parts_alternate_gaps_and_words() {
        assert_eq!(cut(""), vec![""]);
        assert_eq!(cut("  "), vec!["  "]);
        assert_eq!(
            cut("Füzuli’de, Şuşa"),
            vec!["", "Füzuli’de", ", ", "Şuşa", ""]
        );
        assert_eq!(cut("'a' b_c"), vec!["'", "a", "' ", "b", "_", "c", ""]);
    }

    #[test]
    fn texts_python_cuts_hold_a_hash_or_an_invisible() {
        for t in [
            "#Baku",
            "a\u{200b}b",
            "a\u{200c}",
            "\u{200d}",
            "x\u{2060}",
            "Şu\u{ad}şa",
            "é#",
        ] {
            assert!(needs_python_split(t), "{t:?}");
        }
        for t in [
            "",
            "Şuşa – Füzuli’de",
            "\u{200a}\u{200e}\u{2061}\u{ac}\u{2013}",
            "Ղարաբաղ ½",
        ] {
            assert!(!needs_python_split(t), "{t:?}");
        }
    }

    /// The cut on code points, as first written: the reference of the byte-wise one.
    fn reference_parts(text: &str) -> Vec<usize> {
        let mut b = vec![0];
        let mut it = text.char_indices().peekable();
        while let Some((s, c)) = it.next() {
            if !is_alnum(c) {
                continue;
            }
            let mut end = s + c.len_utf8();
            loop {
                match it.peek() {
                    Some(&(_, d)) if is_alnum(d) => {
                        end += d.len_utf8();
                        it.next();
                    }
                    Some(&(_, d)) if WORD_APOSTROPHES.contains(d) => {
                        let mut ahead = it.clone();
                        ahead.next();
                        match ahead.next() {
                            Some((_, e)) if is_alnum(e) => {
                                end += d.len_utf8() + e.len_utf8();
                                it.next();
                                it.next();
                            }
                            _ => break,
                        }
                    }
                    _ => break,
                }
            }
            b.push(s);
            b.push(end);
        }
        b.push(text.len());
        b
    }

    #[test]
    fn the_cut_is_the_cut_on_code_points() {
        let pieces = [
            "a", "Şuşa", "’", "'", "`", "ʼ", " ", "-", "1", "_", "é", "Ղ", "½", "x", "\u{300}",
            ",", "\n", "Füzuli", "də",
        ];
        // every string of up to four pieces
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for t in &texts {
                for p in pieces {
                    next.push(format!("{t}{p}"));
                }
            }
            texts.extend(next.iter().cloned());
            texts = texts
                .into_iter()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if texts.len() > 40_000 {
                break;
            }
        }
        for t in &texts {
            assert_eq!(parts(t), reference_parts(t), "{t:?}");
        }
    }

    #[test]
    fn the_checked_cut_declines_what_python_cuts_and_else_is_the_cut() {
        for t in [
            "",
            "#Baku",
            "a\u{200b}b",
            "Şu\u{ad}şa",
            "x #y",
            "Füzuli’de, Şuşa",
            "'a' b_c",
            "a\u{2060}",
            "ab\u{200d}",
            "don't 'x y'",
            "1-0 – Ղարաբաղ",
        ] {
            let got = rust_parts(t);
            assert_eq!(got.is_none(), needs_python_split(t), "{t:?}");
            if let Some(b) = got {
                assert_eq!(b, parts(t), "{t:?}");
            }
        }
    }

    #[test]
    fn word_apostrophes_are_matched_as_the_table_lists_them() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_apostrophe(c), WORD_APOSTROPHES.contains(c), "{c:?}");
        }
    }

    #[test]
    fn gaps_that_join_words_of_a_name() {
        for g in [" ", "\t ", "\u{a0}", "-", " - ", "–", " \t‑"] {
            assert!(joins(g), "{g:?}");
        }
        for g in ["", ", ", "--", "\u{a0}-", " -\u{a0}", "\n", "/"] {
            assert!(!joins(g), "{g:?}");
        }
    }
}
