//! The pieces of one text the scan loop walks: its words and the gaps between them, as
//! byte spans, exactly as `gazetteer.text.tokens` cuts a text
//! (`split_hashtags(join_invisibles(SPLIT.split(text)))`, held equal by
//! tests/test_tokens_cut.py).

use crate::pyuni::{is_alnum, is_digit, is_lower, is_upper};

/// Characters that make the full cut differ from plain word spans: a '#' may start a
/// CamelCase hashtag, an invisible character may join two words
/// (`gazetteer.text.tokens.INVISIBLES`).
pub fn holds_tags_or_invisibles(text: &str) -> bool {
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

/// Part boundaries in bytes of the plain word spans (`SPLIT.split`): part k is
/// `text[b[k]..b[k + 1]]`, parts alternate gap, word, gap, ..., gap (`2 * words + 1`
/// parts, as `re.split` with a capturing group gives them).
pub fn parts(text: &str) -> Vec<usize> {
    cut(text).0
}

/// The parts the scan walks (`split_hashtags(join_invisibles(SPLIT.split(text)))`), and
/// whether the text holds a '#' or an invisible character (`holds_tags_or_invisibles`:
/// where they may differ from `parts`, found in the same pass).
pub fn scan_parts(text: &str) -> (Vec<usize>, bool) {
    let mut b = Vec::new();
    let marked = scan_parts_into(text, &mut b);
    (b, marked)
}

/// `scan_parts` into a list lent by the caller (emptied first; a list kept from text to
/// text grows no more once it is long enough).
pub fn scan_parts_into(text: &str, b: &mut Vec<usize>) -> bool {
    let marked = cut_into(text, b);
    if marked {
        join_invisibles(text, b);
        split_hashtags(text, b);
    }
    marked
}

/// `gazetteer.text.tokens.INVISIBLES`.
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}'
    )
}

/// Characters that make the full cut differ (`holds_tags_or_invisibles`); none is a
/// letter or digit, so the cut meets each one between words.
#[inline]
fn marks_cut(c: char) -> bool {
    c == '#' || is_invisible(c)
}

/// `tokens.join_invisibles` on part boundaries: two words that only invisible characters
/// separate become one (the gap's two boundaries go).
fn join_invisibles(text: &str, b: &mut Vec<usize>) {
    let parts = b.len() - 1;
    if parts < 5 {
        return;
    }
    let joined = |p: usize| {
        let gap = &text[b[p]..b[p + 1]];
        !gap.is_empty() && gap.chars().all(is_invisible)
    };
    // (inner gaps are parts 2, 4, ..., parts - 3)
    let gone: Vec<usize> = (2..parts - 2).step_by(2).filter(|&p| joined(p)).collect();
    if gone.is_empty() {
        return;
    }
    let mut next = gone.iter().peekable();
    let mut out = Vec::with_capacity(b.len());
    let mut p = 0;
    while p < b.len() {
        if next.peek() == Some(&&p) {
            next.next();
            p += 2;
            continue;
        }
        out.push(b[p]);
        p += 1;
    }
    *b = out;
}

/// `tokens.split_hashtags` on part boundaries: a CamelCase word after a gap ending in '#'
/// is cut into its words (`camel_cuts`), an empty gap between them.
fn split_hashtags(text: &str, b: &mut Vec<usize>) {
    let parts = b.len() - 1;
    let tagged = (1..parts)
        .step_by(2)
        .any(|p| text[b[p - 1]..b[p]].ends_with('#'));
    if !tagged {
        return;
    }
    let mut out = Vec::with_capacity(b.len() + 8);
    out.push(b[0]);
    for p in (1..parts).step_by(2) {
        let (s, e) = (b[p], b[p + 1]);
        out.push(s);
        if text[b[p - 1]..s].ends_with('#') {
            for cut in camel_cuts(&text[s..e]) {
                out.push(s + cut);
                out.push(s + cut);
            }
        }
        out.push(e);
    }
    out.push(b[parts]);
    *b = out;
}

/// Where `tokens.camel_words` cuts a word, in bytes (none: not a CamelCase word): before a
/// capital after a small letter or a digit, and before the last capital of a run followed
/// by a small letter (#VisitAZ, #HRWReport), with Python's `isupper`, `islower`, `isdigit`.
pub fn camel_cuts(word: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut cuts = Vec::new();
    for k in 1..chars.len() {
        let (a, (at, b)) = (chars[k - 1].1, chars[k]);
        if !is_upper(b) {
            continue;
        }
        if is_lower(a)
            || (is_upper(a) && k + 1 < chars.len() && is_lower(chars[k + 1].1))
            || is_digit(a)
        {
            cuts.push(at);
        }
    }
    cuts
}

/// Plain word spans (`parts`), and whether a character `marks_cut` was seen.
fn cut(text: &str) -> (Vec<usize>, bool) {
    let mut b = Vec::new();
    let marked = cut_into(text, &mut b);
    (b, marked)
}

/// `cut` into `b` (emptied first).
fn cut_into(text: &str, b: &mut Vec<usize>) -> bool {
    let mut marked = false;
    let bytes = text.as_bytes();
    let n = bytes.len();
    // (about one word in six bytes of prose: two boundaries each)
    b.clear();
    b.reserve(n / 3 + 2);
    b.push(0);
    let mut i = 0;
    // the 64-byte window of the text that `i` is in, and its masks (`Window`)
    let mut window = Window::default();
    while i < n {
        // (here i is never inside a word.) The window's plain part from i on: cut on its
        // masks, without a branch per byte; a word reaching past it is ended by word_end
        if let Some((alnum, upto)) = window.plain_from(bytes, i) {
            let starts = alnum & !(alnum << 1);
            let ends = !alnum & (alnum << 1) & low_bits(upto);
            let mut t = starts | ends;
            while t != 0 {
                b.push(i + t.trailing_zeros() as usize);
                t &= t - 1;
            }
            if (alnum >> (upto - 1)) & 1 == 1 {
                i = word_end(text, i + upto as usize);
                b.push(i);
            } else {
                i += upto as usize;
            }
            continue;
        }
        // the gap: ASCII bytes read as they are, other characters decoded
        let byte = bytes[i];
        if byte < 0x80 {
            if !byte.is_ascii_alphanumeric() {
                marked |= byte == b'#';
                i += 1;
                continue;
            }
        } else {
            let (c, len) = char_at(text, i);
            if !is_alnum(c) {
                marked |= marks_cut(c);
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
    marked
}

/// The bits below `k` (k <= 64).
#[inline]
fn low_bits(k: u32) -> u64 {
    if k >= 64 {
        !0
    } else {
        (1u64 << k) - 1
    }
}

/// One 64-byte window of a text (at a multiple of 64 bytes) and two masks of it, bit k for
/// byte k: `alnum`, an ASCII letter or digit; `other`, a byte the cut must read
/// character by character (not ASCII, or one of ' ` # : an apostrophe inside a word, a
/// hashtag). The rest of a window's bytes are ASCII that ends a word.
#[derive(Default)]
struct Window {
    start: Option<usize>,
    alnum: u64,
    other: u64,
}

impl Window {
    /// From byte `i` of the text (not inside a word): the alnum mask from i on and how
    /// many bytes from i are plain (none `other`, within i's window and the text), when
    /// some are; None where the byte at i must be read as a character.
    /// (The last window of a text, which the text ends inside, is read padded with NUL
    /// bytes, which are neither alnum nor other and lie past the bytes counted: a short
    /// text, a newswire line of a hundred bytes, is mostly such a window.)
    #[inline]
    fn plain_from(&mut self, bytes: &[u8], i: usize) -> Option<(u64, u32)> {
        let start = i & !63;
        if self.start != Some(start) {
            (self.alnum, self.other) = match bytes.get(start..start + 64) {
                Some(block) => block_masks(block.try_into().expect("64 bytes")),
                None => {
                    let mut block = [0u8; 64];
                    let tail = &bytes[start..];
                    block[..tail.len()].copy_from_slice(tail);
                    block_masks(&block)
                }
            };
            self.start = Some(start);
        }
        let rel = (i - start) as u32;
        let left = u32::try_from(bytes.len() - i).unwrap_or(u32::MAX);
        let upto = (self.other >> rel).trailing_zeros().min(64 - rel).min(left);
        if upto == 0 {
            return None;
        }
        Some(((self.alnum >> rel) & low_bits(upto), upto))
    }
}

/// `Window`'s masks of 64 bytes: (alnum, other).
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of x86_64; the loads read 4 x 16 bytes of the 64-byte block
    unsafe {
        let (mut alnum, mut other) = (0u64, 0u64);
        // x in lo..lo+len (unsigned) as one signed compare: x - lo + 0x80 < -128 + len
        let in_range = |v: __m128i, lo: u8, len: i8| {
            let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
            _mm_cmplt_epi8(shifted, _mm_set1_epi8(-128 + len))
        };
        for k in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * k) as *const __m128i);
            let digit = in_range(v, b'0', 10);
            // (a letter either case; a byte of 0x80 or more stays out of range)
            let letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
            let marks = _mm_or_si128(
                _mm_or_si128(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\'' as i8)),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'`' as i8)),
                ),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'#' as i8)),
            );
            let a = _mm_movemask_epi8(_mm_or_si128(digit, letter)) as u16 as u64;
            let o = (_mm_movemask_epi8(v) | _mm_movemask_epi8(marks)) as u16 as u64;
            alnum |= a << (16 * k);
            other |= o << (16 * k);
        }
        (alnum, other)
    }
}

/// `Window`'s masks of 64 bytes: (alnum, other).
#[cfg(not(target_arch = "x86_64"))]
fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    block_masks_bytewise(block)
}

/// `block_masks` byte by byte (the reference of the vector one).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn block_masks_bytewise(block: &[u8; 64]) -> (u64, u64) {
    let (mut alnum, mut other) = (0u64, 0u64);
    for (k, &c) in block.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            alnum |= 1 << k;
        }
        if c >= 0x80 || matches!(c, b'\'' | b'`' | b'#') {
            other |= 1 << k;
        }
    }
    (alnum, other)
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

/// `str::to_lowercase`, without a copy where lowering changes nothing: a word of ASCII
/// letters none of them capital (what most words of news copy are) is its own lower case.
pub fn lowered(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// `gazetteer.scan.candidates._JOIN` (`[ \t\u00a0]+|[ \t]*[-‐‑–][ \t]*`) matches the whole
/// gap: can it stand between two words of one name?
#[inline]
pub fn joins(gap: &str) -> bool {
    // (one space, the gap between most words, known at once)
    if gap.as_bytes() == b" " {
        return true;
    }
    joins_other(gap)
}

/// `joins` of a gap other than one space.
fn joins_other(gap: &str) -> bool {
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

/// The code points of UTF-8 text between two character boundaries (`str::chars().count()`:
/// its bytes less the continuation bytes, 10xxxxxx), eight bytes a step: a word's
/// continuation bytes marked in their top bits and summed by one multiply (the records'
/// offsets count the text between mentions).
pub fn chars_in(bytes: &[u8]) -> usize {
    const TOP: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut continuations = 0usize;
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        // (bit 7 set and bit 6 clear: `w << 1` brings each byte's bit 6 to its bit 7)
        let marked = (w & !(w << 1) & TOP) >> 7;
        continuations += (marked.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // (the last bytes read as one more word, without a loop whose length varies from
        // call to call: the eight bytes ending the slice where it has eight, their first
        // ones, counted above, shifted out; else the rest alone, zeros after)
        let w = if bytes.len() >= 8 {
            let last = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().expect("8 bytes"));
            last >> (8 * (8 - rest.len()))
        } else {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(b)
        };
        let marked = (w & !(w << 1) & TOP) >> 7;
        continuations += (marked.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    bytes.len() - continuations
}

/// The UTF-8 of a text given as its code points (`PyUnicode_AsUCS4`), written into `out`
/// (emptied first): each run of ASCII code points narrowed to bytes in one loop (found
/// sixteen code points a step, then one by one to the next other; both loops the compiler
/// makes vector instructions of), each other code point encoded alone. False, `out` then
/// empty, where a code point is no character (a lone surrogate): such a text has no UTF-8,
/// as `str.encode` says.
pub fn utf8_from_ucs4(cps: &[u32], out: &mut String) -> bool {
    const STEP: usize = 16;
    let mut bytes = std::mem::take(out).into_bytes();
    bytes.clear();
    bytes.reserve(cps.len() * 4);
    let mut ok = true;
    let mut rest = cps;
    while !rest.is_empty() {
        let mut n = 0;
        while n + STEP <= rest.len() && rest[n..n + STEP].iter().fold(0, |acc, &cp| acc | cp) < 0x80
        {
            n += STEP;
        }
        while n < rest.len() && rest[n] < 0x80 {
            n += 1;
        }
        bytes.extend(rest[..n].iter().map(|&cp| cp as u8));
        let Some(&cp) = rest.get(n) else {
            break;
        };
        ok &= push_code_point(&mut bytes, cp);
        rest = &rest[n + 1..];
    }
    if !ok {
        bytes.clear();
    }
    // SAFETY: only whole characters' UTF-8 was written (`push_code_point`, ASCII bytes),
    // or nothing
    *out = unsafe { String::from_utf8_unchecked(bytes) };
    ok
}

/// (UTF-8's two-, three- and four-byte forms written out, as `char::encode_utf8` writes
/// them, without its copy through a buffer: most code points of a text in another script
/// take the two-byte form)
fn push_code_point(bytes: &mut Vec<u8>, cp: u32) -> bool {
    let tail = |shift: u32| 0x80 | ((cp >> shift) & 0x3F) as u8;
    if cp < 0x80 {
        bytes.push(cp as u8);
    } else if cp < 0x800 {
        bytes.extend_from_slice(&[0xC0 | (cp >> 6) as u8, tail(0)]);
    } else if cp < 0x1_0000 {
        if (0xD800..0xE000).contains(&cp) {
            return false; // a surrogate
        }
        bytes.extend_from_slice(&[0xE0 | (cp >> 12) as u8, tail(6), tail(0)]);
    } else if cp < 0x11_0000 {
        bytes.extend_from_slice(&[0xF0 | (cp >> 18) as u8, tail(12), tail(6), tail(0)]);
    } else {
        return false; // past U+10FFFF
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_word_is_lowered_as_to_lowercase_lowers_it() {
        for w in [
            "team", "Team", "KLUB", "", "bağlı", "BAĞLI", "İstisu", "ǅemal", "K",
        ] {
            assert_eq!(super::lowered(w), w.to_lowercase(), "{w}");
        }
        assert!(matches!(
            super::lowered("team"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn code_points_are_written_as_their_utf8_and_a_lone_surrogate_as_none() {
        for text in [
            "",
            "abc",
            "abcd",
            "Shells hit Füzulidə.",
            "в Гадруте, Ղարաբաղ 😀 end",
            "ə",
            "sixteen letters!",
            "thirty-two ASCII letters, and ə in the third step of sixteen",
            "Shells hit Füzulidə and в Гадруте, thirty-three more ASCII letters here",
            "a price of €5 – ‘quoted’ \u{7ff}\u{800}\u{d7ff}\u{e000}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            let cps: Vec<u32> = text.chars().map(u32::from).collect();
            let mut out = String::from("left over");
            assert!(utf8_from_ucs4(&cps, &mut out), "{text:?}");
            assert_eq!(out, text);
        }
        let mut out = String::new();
        assert!(!utf8_from_ucs4(&[0x61, 0xD800, 0x62, 0x63, 0x64], &mut out));
        assert!(out.is_empty());
        assert!(!utf8_from_ucs4(&[0x61, 0x110000], &mut out));
        let mut long: Vec<u32> = "a text longer than a step of sixteen"
            .chars()
            .map(u32::from)
            .collect();
        long[20] = 0xDC00;
        assert!(!utf8_from_ucs4(&long, &mut out));
        assert!(out.is_empty());
    }

    use super::*;

    #[test]
    fn chars_in_counts_the_code_points_of_any_text() {
        let texts = [
            "",
            "a",
            "Füzuli",
            "Шуша и Ханкенди, Cəbrayıl — Ջաբրայիլ 🇦🇿 ok",
            &"Ağdam, Гадрут; ".repeat(40),
            &"x".repeat(33),
        ];
        for t in texts {
            for a in 0..t.len().min(40) {
                if !t.is_char_boundary(a) {
                    continue;
                }
                let s = &t[a..];
                assert_eq!(chars_in(s.as_bytes()), s.chars().count(), "{s:?}");
            }
        }
    }
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
    fn texts_with_a_hash_or_an_invisible() {
        for t in [
            "#Baku",
            "a\u{200b}b",
            "a\u{200c}",
            "\u{200d}",
            "x\u{2060}",
            "Şu\u{ad}şa",
            "é#",
        ] {
            assert!(holds_tags_or_invisibles(t), "{t:?}");
        }
        for t in [
            "",
            "Şuşa – Füzuli’de",
            "\u{200a}\u{200e}\u{2061}\u{ac}\u{2013}",
            "Ղարաբաղ ½",
        ] {
            assert!(!holds_tags_or_invisibles(t), "{t:?}");
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

    fn scan_cut(text: &str) -> Vec<&str> {
        let b = scan_parts(text).0;
        b.windows(2).map(|w| &text[w[0]..w[1]]).collect()
    }

    #[test]
    fn the_scan_cut_flags_hashes_and_invisibles_and_else_is_the_cut() {
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
            let (b, marked) = scan_parts(t);
            assert_eq!(marked, holds_tags_or_invisibles(t), "{t:?}");
            if !marked {
                assert_eq!(b, parts(t), "{t:?}");
            }
        }
    }

    #[test]
    fn invisibles_between_words_join_them() {
        assert_eq!(scan_cut("Füz\u{200b}uli"), vec!["", "Füz\u{200b}uli", ""]);
        assert_eq!(
            scan_cut("a \u{ad}\u{2060}b\u{200c}\u{200d}c\u{ad}"),
            vec!["", "a", " \u{ad}\u{2060}", "b\u{200c}\u{200d}c", "\u{ad}"]
        );
        assert_eq!(scan_cut("\u{200b}Şuşa"), vec!["\u{200b}", "Şuşa", ""]);
    }

    #[test]
    fn hashtags_are_cut_into_their_camel_case_words() {
        assert_eq!(
            scan_cut("#KarabakhIsAzerbaijan!"),
            vec!["#", "Karabakh", "", "Is", "", "Azerbaijan", "!"]
        );
        assert_eq!(
            scan_cut("x #VisitAZ ##HRWReport #baku #BAKU #Şuşa2020Qarabağ"),
            vec![
                "",
                "x",
                " #",
                "Visit",
                "",
                "AZ",
                " ##",
                "HRW",
                "",
                "Report",
                " #",
                "baku",
                " #",
                "BAKU",
                " #",
                "Şuşa2020",
                "",
                "Qarabağ",
                ""
            ]
        );
        // a joined word is cut too, and a word without '#' before it is not
        assert_eq!(
            scan_cut("#Füz\u{200b}uliŞuşa #Füz\u{200b}Uli KarabakhIs"),
            vec![
                "#",
                "Füz\u{200b}uli",
                "",
                "Şuşa",
                " #",
                "Füz\u{200b}Uli",
                " ",
                "KarabakhIs",
                ""
            ]
        );
    }

    #[test]
    fn a_text_ending_inside_a_window_is_cut_as_on_code_points() {
        // (every prefix of a line: the last window is read padded, and no word may end
        // or start in the padding)
        let line = "Shells hit Füzulidə and Ağdam's outskirts, 12 km from Baku; \
                    don't cross the Lachin corridor again in 2020 #VisitAZ Şuşa";
        for end in (0..=line.len()).filter(|&e| line.is_char_boundary(e)) {
            for start in (0..end.min(70)).filter(|&s| line.is_char_boundary(s)) {
                let t = &line[start..end];
                assert_eq!(parts(t), reference_parts(t), "{t:?}");
            }
        }
    }

    #[test]
    fn block_masks_are_those_read_byte_by_byte() {
        for first in (0..=255u8).step_by(1) {
            let block: [u8; 64] = std::array::from_fn(|k| first.wrapping_add((k * 4) as u8));
            assert_eq!(block_masks(&block), block_masks_bytewise(&block), "{first}");
        }
    }

    #[test]
    fn long_texts_are_cut_as_on_code_points() {
        // texts of up to 400 bytes from the pieces, drawn by a fixed generator: words,
        // gaps and non-ASCII letters across the 64-byte windows the cut reads at once
        let pieces = [
            "a",
            "Baku",
            "Şuşa",
            "’",
            "'",
            "`",
            "ʼ",
            " ",
            "  ",
            "-",
            "1",
            "_",
            "é",
            "Ղ",
            "½",
            "\u{300}",
            ", ",
            "\n",
            "Füzuli",
            "də",
            "Nagorno",
            "Karabakh",
            "don't",
            "#",
            "x#y",
            "\u{200b}",
            "ab1cd",
            ". ",
            "Ленинакан",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..4000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 400) as usize;
            while t.len() < len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(parts(&t), reference_parts(&t), "{t:?}");
            let (b, marked) = scan_parts(&t);
            assert_eq!(marked, holds_tags_or_invisibles(&t), "{t:?}");
            if !marked {
                assert_eq!(b, parts(&t), "{t:?}");
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
