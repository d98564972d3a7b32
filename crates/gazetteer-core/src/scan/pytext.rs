//! Python's string predicates the rules use, on `&str`, where Rust's differ.

/// `str.isspace()` of one character: Rust's White_Space plus the four information
/// separators U+001C..U+001F, which Python counts as spaces (bidirectional class B/S).
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `str.strip()`.
pub fn strip(s: &str) -> &str {
    // (most gaps between words are one space: no character decoded)
    if s == " " {
        return "";
    }
    s.trim_matches(is_space)
}

/// `gazetteer.scan.document._sentence_start`: does a sentence start at byte `pos` of
/// `text`? The regex `(?:^|[.!?:;\n"«“(—–\u0589-])\s*$` searched in the 4 characters
/// (`SENTENCE_LOOKBACK`) before it.
pub fn sentence_start(text: &str, pos: usize, lookback: usize) -> bool {
    let before = &text[..pos];
    let mut window_start = pos;
    for (k, (b, _)) in before.char_indices().rev().enumerate() {
        if k == lookback {
            break;
        }
        window_start = b;
    }
    let window = &text[window_start..pos];
    let kept = window.trim_end_matches(is_space);
    if window[kept.len()..].contains('\n') {
        return true; // a line break is one of the characters, and spaces may follow it
    }
    match kept.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | ';'
                | '\n'
                | '"'
                | '«'
                | '“'
                | '('
                | '—'
                | '–'
                | '\u{589}'
                | '-'
        ),
    }
}

/// `[\d.,:/-]`, with ASCII digits (the caller has made sure there are no others)
/// `text_facts._SCORE` searched in `s` (2-0, 1:1, 3 – 2; not a clock time, 09:05):
/// `(?<![\d.,:/-])(?!(?:[01]?\d|2[0-3]):[0-5]\d(?![\d.,:/-]))\d{1,2} ?[-:–] ?\d{1,2}(?![\d.,:/-])`,
/// ASCII digits only.
pub fn score_in(s: &str) -> bool {
    // (on bytes: every character the pattern names but the dash – is ASCII, and a byte of
    // a longer character is never a digit nor an edge)
    let c = s.as_bytes();
    let n = c.len();
    let edge = |b: u8| b.is_ascii_digit() || matches!(b, b'.' | b',' | b':' | b'/' | b'-');
    let digits = |from: usize| c[from..].iter().take_while(|d| d.is_ascii_digit()).count();
    let mut p = 0;
    while p < n {
        // (the bytes up to the next digit start nothing)
        p = next_digit(c, p);
        if p >= n {
            break;
        }
        if p > 0 && edge(c[p - 1]) {
            p += 1;
            continue;
        }
        let run = digits(p);
        let mut q = p + run;
        if run <= 2 && clock_time(c, p, run) {
            p += run + 3; // 09:05, 18:30: a clock time, no score
            continue;
        }
        if run <= 2 {
            if q < n && c[q] == b' ' {
                q += 1;
            }
            let dash = if q < n && matches!(c[q], b'-' | b':') {
                1
            } else if c[q..].starts_with("\u{2013}".as_bytes()) {
                3
            } else {
                0
            };
            if dash > 0 {
                q += dash;
                if q < n && c[q] == b' ' {
                    q += 1;
                }
                let second = digits(q);
                if (1..=2).contains(&second) && !(q + second < n && edge(c[q + second])) {
                    return true;
                }
            }
        }
        p += run;
    }
    false
}

/// Is the number of `run` (1 or 2) digits at `p` the hour of a clock time: a colon right
/// after it, then two digits of minutes and no further digit or edge, the hour 0-23 and
/// the minutes 00-59 (09:05, 18:30)? A score is never written with two digits after a
/// colon under 60 and an hour's number before it (1:0, 2:1, 3 – 2; a handball score
/// such as 21:19 reads as a time: the text's other words must tell it is sport).
fn clock_time(c: &[u8], p: usize, run: usize) -> bool {
    let m = p + run + 1;
    if c.get(p + run) != Some(&b':') || m + 2 > c.len() {
        return false;
    }
    let (m1, m2) = (c[m], c[m + 1]);
    if !(m1.is_ascii_digit() && m2.is_ascii_digit()) {
        return false;
    }
    if c.get(m + 2)
        .is_some_and(|&b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b':' | b'/' | b'-'))
    {
        return false;
    }
    let hour = c[p..p + run]
        .iter()
        .fold(0u32, |h, d| h * 10 + u32::from(d - b'0'));
    hour <= 23 && m1 <= b'5'
}

/// Python's code-point offsets into a `&str`: the byte where code point `k` starts (and
/// the end), computed once for a piece (nothing to keep when the piece is ASCII).
pub struct CodePoints<'a> {
    s: &'a str,
    at: Vec<usize>,
}

impl<'a> CodePoints<'a> {
    pub fn new(s: &'a str) -> Self {
        let at = if s.is_ascii() {
            Vec::new()
        } else {
            // (each byte that starts a character, read as bytes: no character decoded)
            let bytes = s.as_bytes();
            let mut at = Vec::with_capacity(bytes.len() + 1);
            at.extend(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| (b as i8) >= -0x40)
                    .map(|(i, _)| i),
            );
            at.push(s.len());
            at
        };
        CodePoints { s, at }
    }

    /// Python's len() of the string.
    pub fn len(&self) -> usize {
        if self.at.is_empty() {
            self.s.len()
        } else {
            self.at.len() - 1
        }
    }

    pub fn is_empty(&self) -> bool {
        self.s.is_empty()
    }

    /// The byte offset of code point `k` (k == len() gives the end).
    pub fn byte(&self, k: usize) -> usize {
        if self.at.is_empty() {
            k
        } else {
            self.at[k]
        }
    }

    /// Is code point `k` whitespace as Python's str.isspace() reads it?
    pub fn is_space_at(&self, k: usize) -> bool {
        self.s[self.byte(k)..].chars().next().is_some_and(is_space)
    }
}

/// Does a text hold a digit other than 0-9 (a numeric character beyond ASCII)? Only its
/// characters beyond ASCII are decoded.
pub fn other_digit_in(s: &str) -> bool {
    // (a two-byte character, most of those in the texts, read in a bitmap of U+0080-U+07FF)
    static TWO_BYTE: std::sync::OnceLock<[u64; 32]> = std::sync::OnceLock::new();
    let two = TWO_BYTE.get_or_init(|| {
        let mut m = [0u64; 32];
        for cp in 0x80u32..0x800 {
            if char::from_u32(cp).is_some_and(char::is_numeric) {
                m[cp as usize / 64] |= 1 << (cp % 64);
            }
        }
        m
    });
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        let k = next_non_ascii(bytes, i);
        if k >= bytes.len() {
            break;
        }
        if bytes[k] < 0xE0 {
            // (a valid str: a lead byte C2-DF and one continuation byte)
            let cp = ((bytes[k] as usize & 0x1f) << 6) | (bytes[k + 1] as usize & 0x3f);
            if two[cp / 64] >> (cp % 64) & 1 == 1 {
                return true;
            }
            i = k + 2;
            continue;
        }
        let c = s[k..].chars().next().expect("a character boundary");
        if c.is_numeric() {
            return true;
        }
        i = k + c.len_utf8();
    }
    false
}

/// Does byte `k` of `b` end a character that ends a sentence for the sports rule ('.',
/// '!', '?', a line break, the Armenian full stop U+0589 (D6 89): 0x89 is never a
/// character's first byte)?
#[inline]
fn ends_sentence(b: &[u8], k: usize) -> bool {
    match b[k] {
        b'.' | b'!' | b'?' | b'\n' => true,
        0x89 => k > 0 && b[k - 1] == 0xD6,
        _ => false,
    }
}

/// The sentence of the sports rule around byte `pos`: from just after the last character
/// before `pos` that ends one (or the text's start) to just after the first at or after
/// `pos` (or the text's end). The sentence the text's [`sentence_ends`] give, found from
/// `pos` alone, on the sentence's bytes only.
pub fn sentence_around(text: &str, pos: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let start = last_end_before(b, pos).map_or(0, |k| k + 1);
    let end = first_end_from(b, pos).map_or(b.len(), |k| k + 1);
    (start, end)
}

/// The bytes of 16 at `b[at..at + 16]` that may end a sentence ('.', '!', '?', `\n`, 0x89),
/// as a mask.
#[cfg(target_arch = "x86_64")]
#[inline]
fn end_mask(b: &[u8], at: usize) -> u32 {
    use std::arch::x86_64::*;
    assert!(at + 16 <= b.len());
    // SAFETY: SSE2 is part of x86_64; the load reads b[at..at + 16], asserted in bounds
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr().add(at) as *const __m128i);
        let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
        let any = _mm_or_si128(
            _mm_or_si128(
                _mm_or_si128(eq(b'.'), eq(b'!')),
                _mm_or_si128(eq(b'?'), eq(b'\n')),
            ),
            eq(0x89),
        );
        _mm_movemask_epi8(any) as u32
    }
}

/// The first byte at or after `from` that ends a sentence ([`ends_sentence`]), sixteen
/// bytes a step.
fn first_end_from(b: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    #[cfg(target_arch = "x86_64")]
    while at + 16 <= b.len() {
        let mut m = end_mask(b, at);
        while m != 0 {
            let k = at + m.trailing_zeros() as usize;
            if ends_sentence(b, k) {
                return Some(k);
            }
            m &= m - 1;
        }
        at += 16;
    }
    (at..b.len()).find(|&k| ends_sentence(b, k))
}

/// The last byte before `before` that ends a sentence ([`ends_sentence`]), sixteen bytes
/// a step.
fn last_end_before(b: &[u8], before: usize) -> Option<usize> {
    let mut to = before;
    #[cfg(target_arch = "x86_64")]
    while to >= 16 {
        let at = to - 16;
        let mut m = end_mask(b, at);
        while m != 0 {
            let i = 31 - m.leading_zeros();
            let k = at + i as usize;
            if ends_sentence(b, k) {
                return Some(k);
            }
            m &= !(1 << i);
        }
        to = at;
    }
    (0..to).rev().find(|&k| ends_sentence(b, k))
}

/// The line around byte `pos`: from just after the last line break before `pos` (or the
/// text's start) to the first at or after `pos` (or the text's end).
pub fn line_around(text: &str, pos: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let start = last_line_break_before(b, pos).map_or(0, |k| k + 1);
    let end = first_line_break_from(b, pos).unwrap_or(b.len());
    (start, end)
}

/// The line breaks of 16 bytes at `b[at..at + 16]`, as a mask.
#[cfg(target_arch = "x86_64")]
#[inline]
fn line_break_mask(b: &[u8], at: usize) -> u32 {
    use std::arch::x86_64::*;
    assert!(at + 16 <= b.len());
    // SAFETY: SSE2 is part of x86_64; the load reads b[at..at + 16], asserted in bounds
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr().add(at) as *const __m128i);
        _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\n' as i8))) as u32
    }
}

/// The first line break at or after `from`, sixteen bytes a step (a line of dense copy
/// holds several sentences: a byte at a time, the headline test read ~3 instructions a byte).
fn first_line_break_from(b: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    #[cfg(target_arch = "x86_64")]
    while at + 16 <= b.len() {
        let m = line_break_mask(b, at);
        if m != 0 {
            return Some(at + m.trailing_zeros() as usize);
        }
        at += 16;
    }
    b[at..].iter().position(|&c| c == b'\n').map(|k| at + k)
}

/// The last line break before `before`, sixteen bytes a step.
fn last_line_break_before(b: &[u8], before: usize) -> Option<usize> {
    let mut to = before;
    #[cfg(target_arch = "x86_64")]
    while to >= 16 {
        let m = line_break_mask(b, to - 16);
        if m != 0 {
            return Some(to - 16 + (31 - m.leading_zeros()) as usize);
        }
        to -= 16;
    }
    b[..to].iter().rposition(|&c| c == b'\n')
}

/// Push the byte after each character that ends a sentence for the sports rule
/// ([`ends_sentence`]), read a byte at a time over the whole text: the plain reference that
/// [`sentence_around`]'s sixteen-byte search is tested against.
#[cfg(test)]
pub fn sentence_ends(text: &str, out: &mut Vec<usize>) {
    let b = text.as_bytes();
    out.extend((0..b.len()).filter(|&k| ends_sentence(b, k)).map(|k| k + 1));
}

/// The first byte at or after `from` that is not ASCII (`c.len()` if none), 16 bytes at a
/// time.
fn next_non_ascii(c: &[u8], from: usize) -> usize {
    let mut p = from;
    #[cfg(target_arch = "x86_64")]
    while p + 16 <= c.len() {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64; the load reads c[p..p + 16]
        let m = unsafe {
            _mm_movemask_epi8(_mm_loadu_si128(c.as_ptr().add(p) as *const __m128i)) as u32
        };
        if m != 0 {
            return p + m.trailing_zeros() as usize;
        }
        p += 16;
    }
    while p < c.len() && c[p] < 0x80 {
        p += 1;
    }
    p
}

/// The first byte at or after `from` that is an ASCII digit (`c.len()` if none), 16 bytes at
/// a time.
fn next_digit(c: &[u8], from: usize) -> usize {
    let mut p = from;
    #[cfg(target_arch = "x86_64")]
    while p + 16 <= c.len() {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64; the load reads c[p..p + 16]
        let m = unsafe {
            let v = _mm_loadu_si128(c.as_ptr().add(p) as *const __m128i);
            // (a digit: v - '0' + 0x80 below -128 + 10, one signed compare)
            let s = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(b'0') as i8));
            _mm_movemask_epi8(_mm_cmplt_epi8(s, _mm_set1_epi8(-128 + 10))) as u32
        };
        if m != 0 {
            return p + m.trailing_zeros() as usize;
        }
        p += 16;
    }
    while p < c.len() && !c[p].is_ascii_digit() {
        p += 1;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_start_where_the_characters_start() {
        for s in [
            "",
            "abc",
            "Füzulidə, Шуша və Ստեփանակերտ 🏔 x",
            "ə",
            "\u{10ffff}a",
        ] {
            let cp = CodePoints::new(s);
            let want: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            assert_eq!(cp.len(), want.len() - 1, "{s}");
            for (k, &b) in want.iter().enumerate() {
                assert_eq!(cp.byte(k), b, "{s} {k}");
            }
        }
    }

    #[test]
    fn sentence_starts_as_the_python_regex_finds_them() {
        assert!(sentence_start("Baku", 0, 4));
        assert!(sentence_start("x. Baku", 3, 4));
        assert!(sentence_start("«Baku", "«".len(), 4));
        assert!(sentence_start("word     Baku", 9, 4)); // four spaces: the window starts there
        assert!(!sentence_start("in Baku", 3, 4));
        assert!(!sentence_start("abc, Baku", 5, 4));
        assert!(sentence_start("x.\u{1f}Baku", 3, 4));
        assert!(sentence_start("the\nBaku", 4, 4));
        assert!(sentence_start("a\n  Baku", 4, 4));
    }

    #[test]
    fn scores_as_the_python_regex_finds_them() {
        for s in [
            "2-0",
            "won 1:1 at",
            "3 – 2",
            "a 10 - 9 b",
            "(2-1)",
            "Qarabağ 2–1",
            "é1-0é",
            "2 –0",
            "24:05",
            "2:1 then 18:30",
            "1 :05",
            "3:60",
            "09-05",
        ] {
            assert!(score_in(s), "{s:?}");
        }
        for s in [
            "2020-21",
            "1-2-3",
            "12:30:00",
            "3.2-1",
            "1 -- 2",
            "x-1",
            "",
            "7",
            "2 —1",
            "1–",
            "2-1.",
            "1/2-3",
            "2 —",
            "–",
            "at 09:05 in",
            "18:30",
            "0:00",
            "23:59",
            "kickoff 9:45",
        ] {
            assert!(!score_in(s), "{s:?}");
        }
    }

    #[test]
    fn other_digits_are_numeric_characters_beyond_ascii() {
        for s in ["٣-١", "x ½", "Ⅻ", "Şuşa ²"] {
            assert!(other_digit_in(s), "{s:?}");
        }
        for s in ["", "2-0 at 12:30", "Şuşa – Füzuli’de", "Ղարաբաղ"] {
            assert!(!other_digit_in(s), "{s:?}");
        }
    }

    #[test]
    fn sentence_ends_on_bytes_are_those_of_the_characters() {
        for text in [
            "",
            "One. Two! Three? Four\nFive",
            "Ղարաբաղ։ Երևան\u{589}x",
            "‰ ≉ Ή ։.",
            "no end",
        ] {
            let mut got = Vec::new();
            sentence_ends(text, &mut got);
            let want: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| matches!(c, '.' | '!' | '?' | '\n' | '\u{589}'))
                .map(|(b, c)| b + c.len_utf8())
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn a_sentence_and_a_line_found_from_a_position_are_those_of_the_whole_texts_ends() {
        // (the sports rule once cut the whole text at its sentence ends, then found the
        // sentence and the line of a position among them: the same bounds, every position)
        let pieces = [
            "Şuşa",
            ". ",
            "!",
            "?",
            "\n",
            "Ղ\u{589}",
            "\u{589}",
            "‰",
            "word ",
            "2-0",
            "\n\n",
            "a",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = 1 + (seed % 120) as usize;
            while t.len() < len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let mut starts = vec![0];
            sentence_ends(&t, &mut starts);
            let bytes = t.as_bytes();
            let line_ends: Vec<usize> = starts
                .iter()
                .filter(|&&b| b > 0 && bytes[b - 1] == b'\n')
                .map(|&b| b - 1)
                .collect();
            for (pos, _) in t.char_indices() {
                let k = starts.partition_point(|&b| b <= pos) - 1;
                let end = starts.get(k + 1).copied().unwrap_or(t.len());
                assert_eq!(sentence_around(&t, pos), (starts[k], end), "{t:?} {pos}");
                let after = line_ends.partition_point(|&e| e < pos);
                let line_end = line_ends.get(after).copied().unwrap_or(t.len());
                let line_start = if after > 0 {
                    line_ends[after - 1] + 1
                } else {
                    0
                };
                assert_eq!(line_around(&t, pos), (line_start, line_end), "{t:?} {pos}");
            }
        }
    }

    #[test]
    fn other_digits_are_found_as_char_is_numeric_finds_them() {
        let reference = |s: &str| s.chars().any(|c| !c.is_ascii() && c.is_numeric());
        for cp in (0x80u32..0x3000).chain([0x1d7ce, 0x1f100, 0x10ffff]) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for s in [format!("{c}"), format!("a{c}b"), format!("Şuşa {c}")] {
                assert_eq!(other_digit_in(&s), reference(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn long_texts_give_the_sentence_ends_and_digits_of_a_byte_by_byte_reading() {
        let pieces = [
            "Şuşa",
            ". ",
            "!",
            "?",
            "\n",
            "Ղ\u{589}",
            "\u{589}",
            "‰",
            "Ή",
            "word ",
            "2-0",
            " 12",
            "a1",
            "–",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 200) as usize;
            while t.len() < len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let mut got = Vec::new();
            sentence_ends(&t, &mut got);
            let want: Vec<usize> = t
                .char_indices()
                .filter(|&(_, c)| matches!(c, '.' | '!' | '?' | '\n' | '\u{589}'))
                .map(|(b, c)| b + c.len_utf8())
                .collect();
            assert_eq!(got, want, "{t:?}");
            let b = t.as_bytes();
            for from in 0..=b.len() {
                let want = (from..b.len())
                    .find(|&k| b[k].is_ascii_digit())
                    .unwrap_or(b.len());
                assert_eq!(next_digit(b, from), want, "{t:?} {from}");
                let want = (from..b.len()).find(|&k| b[k] >= 0x80).unwrap_or(b.len());
                assert_eq!(next_non_ascii(b, from), want, "{t:?} {from}");
            }
        }
    }
}
