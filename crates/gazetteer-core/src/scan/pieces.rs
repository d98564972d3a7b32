//! The pieces `gazetteer.textio.iter_pieces` cuts a UTF-8 input into, found on its bytes.
//!
//! The CLI reads an input as bytes in blocks and hands each piece's bytes to the engine,
//! so no Python string of the whole input is made, sliced or joined. The cut must be the
//! very cut of `iter_pieces` (the pieces are the scanner's context): it counts code points
//! of the text as Python decodes it with `surrogateescape`, where every byte that is not
//! part of valid UTF-8 is one code point, and an incomplete sequence at the end of what
//! was read so far waits for the next block (Python's incremental decoder holds it back).

/// Characters scanned together (textio.PIECE).
pub const PIECE: usize = 256 << 10;
/// A "line" longer than this is cut at a space instead (textio.MAX_PIECE).
pub const MAX_PIECE: usize = 8 << 20;

/// One piece: where it ends (a byte offset of the buffer) and its length in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub end: usize,
    pub chars: usize,
}

/// The bytes of a buffer as Python reads them: the ranges of bytes that are no valid UTF-8
/// (one code point each), and where the text ends (before an incomplete sequence that
/// more input may complete, unless the input is at its end).
struct Text<'a> {
    buf: &'a [u8],
    bad: Vec<(usize, usize)>,
    end: usize,
}

impl<'a> Text<'a> {
    fn new(buf: &'a [u8], last: bool) -> Self {
        let mut bad = Vec::new();
        let mut at = 0;
        let mut end = buf.len();
        while at < buf.len() {
            match std::str::from_utf8(&buf[at..]) {
                Ok(_) => break,
                Err(e) => {
                    let from = at + e.valid_up_to();
                    match e.error_len() {
                        Some(n) => {
                            bad.push((from, from + n));
                            at = from + n;
                        }
                        None => {
                            // a sequence cut by the end of the buffer
                            if last {
                                bad.push((from, buf.len()));
                            } else {
                                end = from;
                            }
                            break;
                        }
                    }
                }
            }
        }
        Text { buf, bad, end }
    }

    /// Code points in `a..b` (both at code-point boundaries).
    fn count(&self, a: usize, b: usize) -> usize {
        let mut n = 0;
        let mut at = a;
        for &(x, y) in &self.bad {
            if y <= at {
                continue;
            }
            if x >= b {
                break;
            }
            n += leads(&self.buf[at..x.max(at)]);
            n += y.min(b) - x.max(at);
            at = y.min(b);
        }
        n + leads(&self.buf[at..b.max(at)])
    }

    /// The byte offset `k` code points after byte `a` (None: the text ends before).
    fn advance(&self, a: usize, k: usize) -> Option<usize> {
        let mut left = k;
        let mut at = a;
        for &(x, y) in &self.bad {
            if y <= at {
                continue;
            }
            if x >= self.end {
                break;
            }
            match nth_lead(&self.buf[at..x.max(at)], left) {
                Ok(i) => return Some(at + i),
                Err(seen) => left -= seen,
            }
            let here = y - x.max(at);
            if left < here {
                return Some(x.max(at) + left);
            }
            left -= here;
            at = y;
        }
        match nth_lead(&self.buf[at..self.end], left) {
            Ok(i) => Some(at + i),
            Err(seen) if seen == left => Some(self.end),
            Err(_) => None,
        }
    }
}

/// Code points of valid UTF-8: the bytes that are not continuation bytes.
fn leads(b: &[u8]) -> usize {
    b.len() - continuations(b)
}

/// Continuation bytes (0b10xxxxxx) of `b`: sixteen bytes a step where SSE2 is there
/// ([`continuations_sse2`]), else eight ([`continuations_swar`]).
fn continuations(b: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    return continuations_sse2(b);
    #[cfg(not(target_arch = "x86_64"))]
    return continuations_swar(b);
}

/// Continuation bytes of `b`, sixteen a step: each byte's flag (a continuation byte is
/// below -0x40 as a signed byte) subtracted in its lane of a vector, the lanes summed
/// (`psadbw`) every 255 steps, before one can overflow: about 0.3 instructions a byte,
/// where the eight-byte count below took about 2.7 in [`nth_lead`]'s pass over a piece.
#[cfg(target_arch = "x86_64")]
fn continuations_sse2(b: &[u8]) -> usize {
    use std::arch::x86_64::*;
    let mut vectors = b.chunks_exact(16);
    let mut n = 0;
    loop {
        let mut steps = 0;
        // SAFETY: SSE2 is part of x86_64; each load reads one 16-byte chunk of `b`
        let sum = unsafe {
            let edge = _mm_set1_epi8(-0x40);
            let mut lanes = _mm_setzero_si128();
            for v in vectors.by_ref().take(255) {
                let x = _mm_loadu_si128(v.as_ptr() as *const __m128i);
                lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(x, edge));
                steps += 1;
            }
            let halves = _mm_sad_epu8(lanes, _mm_setzero_si128());
            (_mm_cvtsi128_si64(halves) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(halves, halves)))
                as usize
        };
        n += sum;
        if steps < 255 {
            break;
        }
    }
    n + vectors
        .remainder()
        .iter()
        .filter(|&&c| (c as i8) < -0x40)
        .count()
}

/// Continuation bytes of `b`, counted eight bytes a step: each byte's flag (its top bit
/// set, the next one clear) added up in its lane of a word, the lanes summed every 255
/// steps (before one can overflow). The byte-by-byte count did not vectorise: about 4
/// instructions a byte, in a pass over every piece of the input.
#[cfg(any(not(target_arch = "x86_64"), test))]
fn continuations_swar(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const EVEN: u64 = 0x00ff_00ff_00ff_00ff;
    let mut words = b.chunks_exact(8);
    let mut n = 0;
    loop {
        let mut lanes = 0u64;
        let mut steps = 0;
        for w in words.by_ref().take(255) {
            let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
            lanes += ((x & !(x << 1)) & HIGH) >> 7;
            steps += 1;
        }
        // (eight lanes of at most 255 into four of 16 bits, then their sum)
        let pairs = (lanes & EVEN) + ((lanes >> 8) & EVEN);
        n += (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize;
        if steps < 255 {
            break;
        }
    }
    n + words
        .remainder()
        .iter()
        .filter(|&&c| (c as i8) < -0x40)
        .count()
}

/// The offset of the `k`-th (from 0) code point of valid UTF-8, or how many it holds.
fn nth_lead(b: &[u8], k: usize) -> Result<usize, usize> {
    // whole spans of `SPAN` bytes, then of 64, that end before it are counted at once
    // (a piece's cut counts 256K code points: ~0.3 instructions a byte in spans, where
    // 64-byte blocks alone took ~2.7). A span is taken only while `SPAN` code points or
    // more are still to go, so it surely ends before the one sought: a context's few
    // dozen ahead (`ahead`) count no span.
    const SPAN: usize = 4080;
    let mut seen = 0;
    let mut from = 0;
    while from + SPAN <= b.len() && k - seen >= SPAN {
        seen += leads(&b[from..from + SPAN]);
        from += SPAN;
    }
    for block in b[from..].chunks_exact(64) {
        let n = leads(block);
        if seen + n > k {
            break;
        }
        seen += n;
        from += 64;
    }
    // (then eight bytes a step, where the code point is not among them: a context's
    // `width` characters ahead ended byte by byte over up to 63 bytes)
    for w in b[from..].chunks_exact(8) {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const ONES: u64 = 0x0101_0101_0101_0101;
        let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        // (each continuation byte's flag in its lane, the lanes summed by the multiply)
        let n = 8 - ((((x & !(x << 1)) & HIGH) >> 7).wrapping_mul(ONES) >> 56) as usize;
        if seen + n > k {
            break;
        }
        seen += n;
        from += 8;
    }
    for (i, &c) in b[from..].iter().enumerate() {
        if (c as i8) >= -0x40 {
            if seen == k {
                return Ok(from + i);
            }
            seen += 1;
        }
    }
    Err(seen)
}

/// The byte `n` code points before byte `from` of valid UTF-8 (0 where fewer come before).
#[cfg(any(feature = "python", test))]
pub(crate) fn back(s: &str, from: usize, n: usize) -> usize {
    if n == 0 {
        return from;
    }
    if from >= n && s.as_bytes()[from - n..from].is_ascii() {
        return from - n;
    }
    s[..from]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte `n` code points after byte `from` of valid UTF-8 (its end where fewer follow).
#[cfg(any(feature = "python", test))]
pub(crate) fn ahead(s: &str, from: usize, n: usize) -> usize {
    let bytes = s.as_bytes();
    if from + n <= bytes.len() && bytes[from..from + n].is_ascii() {
        return from + n;
    }
    match nth_lead(&bytes[from..], n) {
        Ok(i) => from + i,
        Err(_) => s.len(),
    }
}

/// The context of the window `s[a..b]` around a mention `s[start..end]` (as
/// `python::context_window_into` writes it: runs of whitespace as one space, none at the
/// ends, a word the window cuts dropped) where that is the window's own text, needing no
/// JSON escape either: printable text whose only whitespace is single spaces, with no
/// quote or backslash. Most contexts are such: one pass of eight bytes a step and a copy,
/// where collapsing them and testing them for escapes apart took about 900 instructions.
/// None: the window needs that work. (The lines read a piece's windows with [`PlainScan`],
/// held to this by the tests.)
#[cfg(test)]
pub(crate) fn plain_context(
    s: &str,
    (a, start, end, b): (usize, usize, usize, usize),
    cut_left: bool,
    cut_right: bool,
) -> Option<&str> {
    if !plain_window(s, a, b) {
        return None;
    }
    Some(plain_cut(s, (a, start, end, b), cut_left, cut_right, b' '))
}

/// The context of a plain window (see [`plain_context`]): its cut words dropped, a space
/// at either end too; `other`: the window's other whitespace byte (`\n` in a
/// [`Window::Lines`] window, else a space again), which counts as a space here.
#[cfg(any(feature = "python", test))]
#[inline]
fn plain_cut(
    s: &str,
    (a, start, end, b): (usize, usize, usize, usize),
    cut_left: bool,
    cut_right: bool,
    other: u8,
) -> &str {
    let bytes = s.as_bytes();
    let space = |c: &u8| *c == b' ' || *c == other;
    let mut from = a;
    let mut to = b;
    if cut_left {
        if let Some(i) = bytes[a..start].iter().position(space) {
            from = a + i;
        }
    }
    if cut_right {
        if let Some(i) = bytes[end..b].iter().rposition(space) {
            to = end + i;
        }
    }
    let part = &bytes[from..to];
    let part = match part.first() {
        Some(c) if space(c) => from + 1..to,
        _ => from..to,
    };
    let part = match bytes[part.clone()].last() {
        Some(c) if space(c) => part.start..part.end - 1,
        _ => part,
    };
    &s[part]
}

/// [`plain_context`] for the windows of one piece, asked in order: their starts and ends
/// only move on (the mentions are in order), and on dense text the next window overlaps
/// the last by about half (a mention every ~50 bytes, a window of ~90), so the piece's
/// bytes are read once, as the windows reach them, and what keeps a window from being
/// plain (its flaws) is kept by position; each window is then a look at the flaws kept
/// from its start on. Testing each window afresh read ~390 instructions a line (8 M a
/// MB of dense text, a fifth of its lines' writing). Bytes no window covers are not read
/// (newswire: a window every ~600 bytes).
///
/// A line end between two printable ASCII characters is a flaw of its own: a window whose
/// only flaws are such (a fifth of a dense text's windows cross the end of a paragraph)
/// is its text with each as a space ([`Window::Lines`]), where collapsing it as any other
/// took ~830 instructions.
#[cfg(any(feature = "python", test))]
#[derive(Default)]
pub(crate) struct PlainScan {
    /// the bytes before `upto` are read (from the first window on)
    upto: usize,
    /// `upto` follows a space that was read
    after_space: bool,
    /// the flaws read, in order: (byte, `FLAW`, `PAIR` or `LINE_END`)
    flaws: Vec<(usize, u8)>,
    /// the flaws before `cursor` lie before the last window's start
    cursor: usize,
    /// the last window's start (a window that starts before it is tested afresh)
    last_a: usize,
}

/// A context window's text as [`PlainScan`] finds it.
#[cfg(any(feature = "python", test))]
#[derive(Debug, PartialEq)]
pub(crate) enum Window<'s> {
    /// the context, the window's own text (as [`plain_context`] gives it)
    Plain(&'s str),
    /// the context with each `\n` written as a space: its lone line ends (between two
    /// printable ASCII characters) are its only flaws
    Lines(&'s str),
    /// the window needs collapsing or escaping (`python::context_window_after`)
    Other,
}

// what a flaw of `PlainScan::flaws` is
#[cfg(any(feature = "python", test))]
/// a byte no plain window holds (a control character, a quote, a backslash, a wide space)
const FLAW: u8 = 0;
/// the first of two spaces in a row
#[cfg(any(feature = "python", test))]
const PAIR: u8 = 1;
/// a `\n` between two printable ASCII characters
#[cfg(any(feature = "python", test))]
const LINE_END: u8 = 2;

#[cfg(any(feature = "python", test))]
impl PlainScan {
    /// The context of a window of `s` (the piece: the same text for each call), where it
    /// is the window's text (with its lone line ends as spaces).
    pub(crate) fn window<'s>(
        &mut self,
        s: &'s str,
        window: (usize, usize, usize, usize),
        cut_left: bool,
        cut_right: bool,
    ) -> Window<'s> {
        let (a, _, _, b) = window;
        if a < self.last_a {
            return match plain_window(s, a, b) {
                true => Window::Plain(plain_cut(s, window, cut_left, cut_right, b' ')),
                false => Window::Other,
            };
        }
        self.last_a = a;
        match self.flaws_in(s, a, b) {
            Some(false) => Window::Plain(plain_cut(s, window, cut_left, cut_right, b' ')),
            Some(true) => Window::Lines(plain_cut(s, window, cut_left, cut_right, b'\n')),
            None => Window::Other,
        }
    }

    /// `text`, the [`Window::Lines`] context of the last window of `s`, written after
    /// `out`, each `\n` as a space (where the window's flaws say they are: the text is
    /// not searched again).
    pub(crate) fn push_lines(&self, out: &mut String, s: &str, text: &str) {
        let from = text.as_ptr() as usize - s.as_ptr() as usize;
        let to = from + text.len();
        let mut run = from;
        for &(at, kind) in &self.flaws[self.cursor..] {
            if at >= to {
                break;
            }
            if kind == LINE_END && at >= from {
                out.push_str(&s[run..at]);
                out.push(' ');
                run = at + 1;
            }
        }
        out.push_str(&s[run..to]);
    }

    /// Has `s[a..b]` (`a` at or after the last window's start) only lone line ends for
    /// flaws (Some(true)), none (Some(false)), or others (None)?
    fn flaws_in(&mut self, s: &str, a: usize, b: usize) -> Option<bool> {
        if self.upto < a {
            // (a gap no window covers: not read; a pair of spaces across `a` is no flaw of
            // a window from `a` on)
            self.upto = a;
            self.after_space = false;
            self.flaws.clear();
            self.cursor = 0;
        }
        if self.upto < b {
            self.read_to(s, b);
        }
        let flaws = &self.flaws;
        let mut k = self.cursor;
        while k < flaws.len() && flaws[k].0 < a {
            k += 1;
        }
        self.cursor = k;
        // (two spaces are a flaw only with both inside)
        let mut lines = false;
        for &(at, kind) in &flaws[k..] {
            if at >= b || (kind == PAIR && at + 1 >= b) {
                break;
            }
            if kind != LINE_END {
                return None;
            }
            lines = true;
        }
        Some(lines)
    }

    /// The flaw a `\n` at byte `at` of `s` is: `LINE_END` between two printable ASCII
    /// characters, else `FLAW`.
    fn line_end(s: &[u8], at: usize) -> u8 {
        let printable = |c: Option<&u8>| c.is_some_and(|&c| (0x21..0x7f).contains(&c));
        if at > 0 && printable(s.get(at - 1)) && printable(s.get(at + 1)) {
            LINE_END
        } else {
            FLAW
        }
    }

    /// Read `s` from `upto` on to at least `b`, keeping the flaws found.
    fn read_to(&mut self, s: &str, b: usize) {
        let bytes = s.as_bytes();
        #[cfg(target_arch = "x86_64")]
        while self.upto < b && self.upto + 16 <= bytes.len() {
            self.read_block_sse2(s);
        }
        while self.upto < b {
            let at = self.upto;
            let c = bytes[at];
            if c == b' ' {
                if self.after_space {
                    self.flaws.push((at - 1, PAIR));
                }
            } else if c == b'\n' {
                self.flaws.push((at, Self::line_end(bytes, at)));
            } else if c < 0x20
                || c == b'"'
                || c == b'\\'
                || (matches!(c, 0xc2 | 0xe1 | 0xe2 | 0xe3) && starts_space(s, at))
            {
                self.flaws.push((at, FLAW));
            }
            self.after_space = c == b' ';
            self.upto += 1;
        }
    }

    /// Read the 16 bytes at `upto` (SSE2, as `plain_steps_sse2` tests them).
    #[cfg(target_arch = "x86_64")]
    fn read_block_sse2(&mut self, s: &str) {
        use std::arch::x86_64::*;
        let at = self.upto;
        let bytes = s.as_bytes();
        let w = &bytes[at..at + 16];
        // SAFETY: SSE2 is part of x86-64; the load reads the 16 bytes of `w`
        let (single, spaces, line_ends) = unsafe {
            let x = _mm_loadu_si128(w.as_ptr().cast());
            let escaped = _mm_or_si128(
                _mm_cmpeq_epi8(x, _mm_set1_epi8(b'"' as i8)),
                _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\\' as i8)),
            );
            // (signed: a byte beyond ASCII is below 0x20 too, and has its top bit)
            let low_or_high = _mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20))) as u32;
            let high = _mm_movemask_epi8(x) as u32;
            let mut single = _mm_movemask_epi8(escaped) as u32 | (low_or_high & !high);
            if high != 0 {
                // (the first bytes C2 and E0-E3, each decoded)
                let leads = _mm_or_si128(
                    _mm_cmpeq_epi8(x, _mm_set1_epi8(0xc2_u8 as i8)),
                    _mm_cmpeq_epi8(
                        _mm_and_si128(x, _mm_set1_epi8(0xfc_u8 as i8)),
                        _mm_set1_epi8(0xe0_u8 as i8),
                    ),
                );
                let mut m = _mm_movemask_epi8(leads) as u32;
                while m != 0 {
                    let k = m.trailing_zeros();
                    if starts_space(s, at + k as usize) {
                        single |= 1 << k;
                    }
                    m &= m - 1;
                }
            }
            let spaces = _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8))) as u32;
            let line_ends = if single != 0 {
                _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(b'\n' as i8))) as u32
            } else {
                0
            };
            (single, spaces, line_ends)
        };
        if self.after_space && spaces & 1 != 0 {
            self.flaws.push((at - 1, PAIR));
        }
        // (the first of each two spaces in a row; no byte is both a space and a flaw)
        let pairs = spaces & (spaces >> 1);
        let mut all = single | pairs;
        while all != 0 {
            let k = all.trailing_zeros();
            let kind = if pairs >> k & 1 != 0 {
                PAIR
            } else if line_ends >> k & 1 != 0 {
                Self::line_end(bytes, at + k as usize)
            } else {
                FLAW
            };
            self.flaws.push((at + k as usize, kind));
            all &= all - 1;
        }
        self.after_space = spaces >> 15 != 0;
        self.upto = at + 16;
    }
}

/// Is `s[a..b]` free of control characters, quotes, backslashes, whitespace other than a
/// space and two spaces in a row? Sixteen bytes a step (SSE2, which every x86-64 has;
/// eight elsewhere); only the first bytes of characters that may be whitespace are
/// decoded (C2: U+0085, U+00A0; E1: U+1680; E2: U+2000-U+205F; E3: U+3000).
#[cfg(any(feature = "python", test))]
fn plain_window(s: &str, a: usize, b: usize) -> bool {
    let bytes = &s.as_bytes()[a..b];
    #[cfg(target_arch = "x86_64")]
    let (done, after_space) = match plain_steps_sse2(s, a, bytes) {
        Some(got) => got,
        None => return false,
    };
    #[cfg(not(target_arch = "x86_64"))]
    let (done, after_space) = (0, false);
    plain_tail(s, a + done, &bytes[done..], after_space)
}

/// [`plain_window`]'s test of whole 16-byte steps of `bytes` (`s[a..]`): None where one
/// fails, else the bytes tested and whether the last is a space.
#[cfg(all(any(feature = "python", test), target_arch = "x86_64"))]
fn plain_steps_sse2(s: &str, a: usize, bytes: &[u8]) -> Option<(usize, bool)> {
    use std::arch::x86_64::*;
    let mut after_space = false;
    let mut done = 0;
    // SAFETY: SSE2 is part of x86-64; each load reads 16 bytes of `bytes` (chunks_exact)
    unsafe {
        let quote = _mm_set1_epi8(b'"' as i8);
        let backslash = _mm_set1_epi8(b'\\' as i8);
        let space = _mm_set1_epi8(b' ' as i8);
        let below = _mm_set1_epi8(0x20);
        let c2 = _mm_set1_epi8(0xc2_u8 as i8);
        let fc = _mm_set1_epi8(0xfc_u8 as i8);
        let e0 = _mm_set1_epi8(0xe0_u8 as i8);
        for w in bytes.chunks_exact(16) {
            let x = _mm_loadu_si128(w.as_ptr().cast());
            let escaped = _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash));
            // (signed: a byte beyond ASCII is below 0x20 too, and has its top bit)
            let low_or_high = _mm_movemask_epi8(_mm_cmplt_epi8(x, below));
            let high = _mm_movemask_epi8(x);
            if _mm_movemask_epi8(escaped) | (low_or_high & !high) != 0 {
                return None;
            }
            let spaces = _mm_movemask_epi8(_mm_cmpeq_epi8(x, space)) as u32;
            if spaces & (spaces >> 1) != 0 || (after_space && spaces & 1 != 0) {
                return None;
            }
            if high != 0 {
                // (the first bytes C2 and E0-E3 found at once; each decoded)
                let leads = _mm_or_si128(
                    _mm_cmpeq_epi8(x, c2),
                    _mm_cmpeq_epi8(_mm_and_si128(x, fc), e0),
                );
                let mut m = _mm_movemask_epi8(leads) as u32;
                while m != 0 {
                    let k = m.trailing_zeros() as usize;
                    if starts_space(s, a + done + k) {
                        return None;
                    }
                    m &= m - 1;
                }
            }
            after_space = spaces >> 15 != 0;
            done += 16;
        }
    }
    Some((done, after_space))
}

/// [`plain_window`]'s test of the bytes left (`s[at..]`), eight a step (a step with bytes
/// beyond ASCII decodes the first bytes that may start whitespace), then one by one;
/// `after_space`: the byte before them is a space.
#[cfg(any(feature = "python", test))]
fn plain_tail(s: &str, at: usize, bytes: &[u8], mut after_space: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut at = at;
    let mut words = bytes.chunks_exact(8);
    for w in words.by_ref() {
        let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        // (each test exact for "some byte is": below 0x20, a quote, a backslash)
        let below = x.wrapping_sub(ONES * 0x20) & !x;
        let q = x ^ (ONES * b'"' as u64);
        let bs = x ^ (ONES * b'\\' as u64);
        let eq = (q.wrapping_sub(ONES) & !q) | (bs.wrapping_sub(ONES) & !bs);
        if (below | eq) & HIGH != 0 {
            return false;
        }
        if x & HIGH != 0 && wide_space_in(s, at, w) {
            return false;
        }
        // each space's high bit, exactly (no carry between bytes)
        let v = x ^ (ONES * 0x20);
        let spaces = !(((v & LOW7) + LOW7) | v) & HIGH;
        if spaces & (spaces << 8) != 0 || (after_space && spaces & 0x80 != 0) {
            return false;
        }
        after_space = spaces >> 63 != 0;
        at += 8;
    }
    for (k, &c) in words.remainder().iter().enumerate() {
        if c < 0x20 || c == b'"' || c == b'\\' || (c == b' ' && after_space) {
            return false;
        }
        if c >= 0x80 && wide_space_in(s, at + k, &[c]) {
            return false;
        }
        after_space = c == b' ';
    }
    true
}

/// Does a character that starts in `w` (the bytes of `s` from `at`) read as whitespace?
#[cfg(any(feature = "python", test))]
fn wide_space_in(s: &str, at: usize, w: &[u8]) -> bool {
    w.iter()
        .enumerate()
        .any(|(k, &c)| matches!(c, 0xc2 | 0xe1 | 0xe2 | 0xe3) && starts_space(s, at + k))
}

/// Is the character at byte `at` of `s` (a first byte) whitespace?
#[cfg(any(feature = "python", test))]
fn starts_space(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_some_and(super::pytext::is_space)
}

/// `textio._line_end_after` on bytes: just after the first line end at or after `from`
/// (CRLF kept whole), or None (none, or a CR at the very end that may be half of a CRLF).
fn line_end_after(buf: &[u8], from: usize, end: usize) -> Option<usize> {
    let rest = &buf[from..end];
    let n = rest.iter().position(|&c| c == b'\n');
    let r = rest[..n.unwrap_or(rest.len())]
        .iter()
        .position(|&c| c == b'\r');
    match r {
        Some(r) => {
            let r = from + r;
            if r + 1 >= end {
                None
            } else if buf[r + 1] == b'\n' {
                Some(r + 2)
            } else {
                Some(r + 1)
            }
        }
        None => n.map(|n| from + n + 1),
    }
}

/// The pieces `iter_pieces` yields from a buffer of input bytes (from a piece boundary on;
/// `last`: the input ends with it), in order; the bytes after the last piece wait for more
/// input. The same cut as `iter_pieces` for the same reads: whether a piece is ready
/// depends only on the text read so far, as there.
pub fn cut_pieces(buf: &[u8], last: bool) -> Vec<Piece> {
    let text = Text::new(buf, last);
    let mut out = Vec::new();
    let mut start = 0;
    // (while more than PIECE code points are left: `len(pending) > PIECE`)
    while let Some(p) = text.advance(start, PIECE).filter(|&p| p < text.end) {
        let cut = match line_end_after(buf, p, text.end) {
            Some(cut) => cut,
            None => {
                // fewer than MAX_PIECE code points left: wait for the line to end
                let Some(most) = text.advance(start, MAX_PIECE) else {
                    break;
                };
                let q = text
                    .advance(start, MAX_PIECE - PIECE / 2)
                    .unwrap_or(text.end);
                match buf[q..text.end].iter().position(|&c| c == b' ') {
                    Some(s) => q + s + 1,
                    None => most,
                }
            }
        };
        // (p is PIECE code points after start, and every cut is after p)
        let chars = PIECE + text.count(p, cut);
        out.push(Piece { end: cut, chars });
        start = cut;
    }
    if last && start < buf.len() {
        out.push(Piece {
            end: buf.len(),
            chars: text.count(start, buf.len()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_and_ahead_step_whole_code_points() {
        for text in ["", "Baku", "Şuşa and Ղարաբաղ, 😀 x", &"Füzuli ".repeat(40)] {
            let at: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let n = at.len() - 1;
            for k in 0..=n {
                for w in [0, 1, 5, 40] {
                    assert_eq!(back(text, at[k], w), at[k.saturating_sub(w)], "{text:?}");
                    assert_eq!(ahead(text, at[k], w), at[n.min(k + w)], "{text:?}");
                }
            }
        }
    }

    /// Python's `" ".join(text.split())` of the window, its cut words dropped as
    /// `review.context_of` drops them, and whether JSON writes it as it is.
    fn context_reference(
        s: &str,
        w: (usize, usize, usize, usize),
        cl: bool,
        cr: bool,
    ) -> (String, bool) {
        use crate::scan::pytext::is_space;
        let (a, start, end, b) = w;
        let mut left = &s[a..start];
        let mut right = &s[end..b];
        if cl {
            if let Some(i) = left.find(is_space) {
                left = &left[i..];
            }
        }
        if cr {
            if let Some(i) = right.rfind([' ', '\n', '\t', '\r']) {
                right = &right[..i];
            }
        }
        let joined = format!("{left}{}{right}", &s[start..end]);
        let out = joined
            .split(is_space)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let plain = !out.chars().any(|c| c < ' ' || c == '"' || c == '\\');
        (out, plain)
    }

    /// Pieces of hostile text the window tests join at random: words of three scripts,
    /// wide and narrow spaces, quotes, a backslash, control characters, line ends (CR LF last).
    const HOSTILE_WORDS: [&str; 21] = [
        "Baku",
        " ",
        "  ",
        "Şuşa",
        "\u{a0}",
        "\t",
        "\"",
        "\\",
        "Ağdam,",
        "x",
        "\u{2014}",
        "\u{2003}",
        "Ղարաբաղ",
        "\n",
        "\u{85}",
        "«Füzuli»",
        "\u{3000}",
        "\u{1680}",
        "\u{1f}",
        "é",
        "\r\n",
    ];

    /// A seeded linear congruential generator: `next(n)` is in 0..n, the same run after run.
    fn lcg(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        }
    }

    #[test]
    fn a_plain_context_is_the_collapsed_window_where_it_is_given() {
        let words = &HOSTILE_WORDS[..HOSTILE_WORDS.len() - 1]; // (no CR LF)
        let mut next = lcg(7);
        let mut given = 0;
        for _ in 0..20000 {
            let common = next(4) != 0;
            let mut s = String::new();
            for _ in 0..next(30) {
                let k = if common {
                    [0, 1, 3, 8, 9, 10, 19][next(7)]
                } else {
                    next(words.len())
                };
                s.push_str(words[k]);
            }
            let at: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let n = at.len() - 1;
            let (mut p, mut q) = (next(n + 1), next(n + 1));
            if p > q {
                std::mem::swap(&mut p, &mut q);
            }
            let w = (
                at[p.saturating_sub(next(40))],
                at[p],
                at[q],
                at[(q + next(40)).min(n)],
            );
            for (cl, cr) in [(false, false), (true, false), (false, true), (true, true)] {
                let (want, plain) = context_reference(&s, w, cl, cr);
                let (a, _, _, b) = w;
                assert_eq!(
                    plain_window(&s, a, b),
                    plain_tail(&s, a, &s.as_bytes()[a..b], false),
                    "{s:?}"
                );
                if let Some(got) = plain_context(&s, w, cl, cr) {
                    given += 1;
                    assert!(plain, "{s:?} {w:?}");
                    assert_eq!(got, want, "{s:?} {w:?} {cl} {cr}");
                }
            }
        }
        assert!(given > 20000, "{given}");
    }

    #[test]
    fn a_piece_scan_gives_each_window_in_order_the_context_it_gives_alone() {
        let words = &HOSTILE_WORDS;
        let mut next = lcg(11);
        let (mut plain, mut lines) = (0, 0);
        for _ in 0..3000 {
            let common = next(3) != 0;
            let mut s = String::new();
            for _ in 0..next(400) {
                let k = if common {
                    [0, 1, 3, 8, 9, 10, 19, 13][next(8)]
                } else {
                    next(words.len())
                };
                s.push_str(words[k]);
            }
            let at: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let n = at.len() - 1;
            let width = [0, 1, 5, 40][next(4)];
            let mut scan = PlainScan::default();
            // (mentions in order, as a piece's records are: now close, now far apart)
            let mut p = 0;
            while p < n {
                p += if next(4) == 0 { next(200) } else { next(12) };
                if p > n {
                    break;
                }
                let q = (p + next(6)).min(n);
                let (start, end) = (at[p], at[q]);
                let w = (back(&s, start, width), start, end, ahead(&s, end, width));
                for (cl, cr) in [(false, false), (true, true), (true, false)] {
                    let want = plain_context(&s, w, cl, cr);
                    match scan.window(&s, w, cl, cr) {
                        Window::Plain(got) => {
                            assert_eq!(Some(got), want, "{s:?} {w:?}");
                            plain += 1;
                        }
                        Window::Lines(got) => {
                            assert_eq!(want, None, "{s:?} {w:?}");
                            let mut spaced = String::new();
                            scan.push_lines(&mut spaced, &s, got);
                            let (reference, json_plain) = context_reference(&s, w, cl, cr);
                            assert_eq!(spaced, reference, "{s:?} {w:?} {cl} {cr}");
                            assert!(json_plain, "{s:?} {w:?}");
                            lines += 1;
                        }
                        Window::Other => assert_eq!(want, None, "{s:?} {w:?}"),
                    }
                }
                p = q;
            }
        }
        assert!(plain > 10000 && lines > 1000, "{plain} {lines}");
    }

    #[test]
    fn leads_are_the_bytes_that_are_no_continuation_bytes() {
        let text = "Şuşa and Ղարաբաղ, 😀 x ".repeat(200) + &"y".repeat(3000);
        let b = text.as_bytes();
        for (from, to) in [
            (0, 0),
            (0, 7),
            (3, 70),
            (0, 2041),
            (5, 2048 * 8 + 9),
            (0, b.len()),
        ] {
            let to = to.min(b.len());
            let want = b[from..to].iter().filter(|&&c| (c as i8) >= -0x40).count();
            assert_eq!(leads(&b[from..to]), want, "{from}..{to}");
        }
    }

    #[test]
    fn continuations_are_counted_alike_a_vector_a_word_and_a_byte_at_a_time() {
        let mut next = lcg(7);
        // (long enough for several 255-step sums, and every length up to a few vectors)
        let lengths = (0..100).chain([4079, 4080, 4081, 16 * 255 * 3 + 5]);
        for len in lengths {
            let b: Vec<u8> = (0..len).map(|_| next(256) as u8).collect();
            let want = b.iter().filter(|&&c| (c as i8) < -0x40).count();
            assert_eq!(continuations_swar(&b), want, "{len}");
            #[cfg(target_arch = "x86_64")]
            assert_eq!(continuations_sse2(&b), want, "{len}");
        }
    }

    #[test]
    fn nth_lead_of_a_long_text_is_the_count_byte_by_byte_across_its_spans() {
        let text = "Şuşa and Ղարաբաղ, 😀 x ".repeat(900) + &"y".repeat(5000) + "ə";
        let b = text.as_bytes();
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut next = lcg(11);
        let ks = (0..400).map(|_| next(offsets.len() + 2)).chain([
            0,
            offsets.len() - 1,
            offsets.len(),
            offsets.len() + 1,
        ]);
        for k in ks {
            let want = offsets.get(k).copied().ok_or(offsets.len());
            assert_eq!(nth_lead(b, k), want, "{k}");
        }
    }

    #[test]
    fn nth_lead_is_the_count_byte_by_byte() {
        let text = "Şuşa and Ղարաբաղ, ".repeat(12) + &"x".repeat(70) + "ə";
        let b = text.as_bytes();
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for from in [0, 1, 3, 64, 100] {
            let from = (from..b.len()).find(|&i| text.is_char_boundary(i)).unwrap();
            let here: Vec<usize> = offsets
                .iter()
                .filter(|&&i| i >= from)
                .map(|i| i - from)
                .collect();
            for k in 0..here.len() + 3 {
                let want = here.get(k).copied().ok_or(here.len());
                assert_eq!(nth_lead(&b[from..], k), want, "{from} {k}");
            }
        }
    }

    #[test]
    fn a_short_text_is_one_piece_only_at_its_end() {
        assert!(cut_pieces(b"Baku\nShusha", false).is_empty());
        assert_eq!(
            cut_pieces(b"Baku\nShusha", true),
            vec![Piece { end: 11, chars: 11 }]
        );
        assert!(cut_pieces(b"", true).is_empty());
    }

    #[test]
    fn pieces_end_at_the_first_line_end_after_piece_characters() {
        let mut buf = "é".repeat(PIECE).into_bytes();
        buf.extend_from_slice(b"ab\r\ncd\nrest");
        let got = cut_pieces(&buf, false);
        assert_eq!(
            got,
            vec![Piece {
                end: 2 * PIECE + 4,
                chars: PIECE + 4
            }]
        );
    }

    #[test]
    fn a_cr_at_the_end_waits_for_what_follows() {
        let mut buf = vec![b'a'; PIECE + 1];
        buf.push(b'\r');
        assert!(cut_pieces(&buf, false).is_empty());
        assert_eq!(cut_pieces(&buf, true).len(), 1);
    }

    #[test]
    fn invalid_bytes_are_one_code_point_each_and_a_cut_sequence_waits() {
        let mut buf = vec![0xff; 10];
        buf.extend_from_slice(&[b'a'; PIECE]);
        buf.extend_from_slice(b"\nxy\xe2\x82");
        let got = cut_pieces(&buf, false);
        assert_eq!(
            got,
            vec![Piece {
                end: PIECE + 11,
                chars: PIECE + 11
            }]
        );
        let all = cut_pieces(&buf, true);
        assert_eq!(
            all[1],
            Piece {
                end: buf.len(),
                chars: 4
            }
        );
    }

    #[test]
    fn a_line_longer_than_max_piece_is_cut_at_a_space() {
        let mut buf = vec![b'a'; MAX_PIECE];
        buf[MAX_PIECE - PIECE / 2 + 7] = b' ';
        let got = cut_pieces(&buf, false);
        assert_eq!(got[0].end, MAX_PIECE - PIECE / 2 + 8);
        let none = vec![b'a'; MAX_PIECE + 5];
        assert_eq!(cut_pieces(&none, false)[0].end, MAX_PIECE);
    }
}
