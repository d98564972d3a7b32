//! The sentence openings of a text (`text_facts._SENTENCE_FIRST`), found on its bytes:
//! what decides whether a text is written in lower case (scan/rules/case.rs) without
//! decoding each of its characters (a CLI piece holds 256K of them).

/// A sentence opening of `text_facts._SENTENCE_FIRST`: the anchor at byte `p` (its
/// character `c`) and the first word after it, `s[q..e]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    pub p: usize,
    pub c: char,
    pub q: usize,
    pub e: usize,
}

/// The bytes that may end a sentence's last character or be a line break: `.`, `!`, `?`,
/// the last bytes of `…` (E2 80 A6), `։` (D6 89) and `。` (E3 80 82), and `\n`.
const TRIGGER: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xA6] = true;
    t[0x89] = true;
    t[0x82] = true;
    t
};

/// The sentence openings of a text in order, found by looking only at the bytes that can
/// make one (a sentence's end, a line break) rather than decoding every character: an
/// anchor is the text's start, a space after . ! ? … ։ 。, or a line break before an empty
/// line; an anchor inside the previous opening's first word is skipped, and the walk
/// stops at an anchor with no letter or digit after it (as the loop it replaces did).
pub struct Openings<'a> {
    s: &'a str,
    /// where the next anchor may be (the end of the last first word)
    pos: usize,
    started: bool,
    done: bool,
}

impl<'a> Openings<'a> {
    pub fn new(s: &'a str) -> Self {
        Openings {
            s,
            pos: 0,
            started: false,
            done: false,
        }
    }

    /// The first anchor at or after byte `from`.
    fn anchor_from(&self, from: usize) -> Option<usize> {
        let b = self.s.as_bytes();
        let mut k = from.saturating_sub(1);
        loop {
            k = next_trigger(b, k);
            if k >= b.len() {
                break;
            }
            let x = b[k];
            if x == b'\n' && k >= from {
                let rest = self.s[k + 1..].trim_start_matches([' ', '\t']);
                if rest.starts_with('\n') {
                    return Some(k);
                }
            }
            let ends = match x {
                b'.' | b'!' | b'?' => true,
                0xA6 => k >= 2 && b[k - 2] == 0xE2 && b[k - 1] == 0x80,
                0x89 => k >= 1 && b[k - 1] == 0xD6,
                0x82 => k >= 2 && b[k - 2] == 0xE3 && b[k - 1] == 0x80,
                _ => false,
            };
            let p = k + 1;
            if ends
                && p >= from
                && self.s[p..]
                    .chars()
                    .next()
                    .is_some_and(crate::scan::pytext::is_space)
            {
                return Some(p);
            }
            k += 1;
        }
        None
    }
}

/// The first byte at or after `from` that is a [`TRIGGER`] (`b.len()` if none): sixteen
/// bytes a step, a mask of the seven bytes, where the byte-by-byte walk (a table lookup
/// and a branch a byte, ~6 instructions) was most of deciding a CLI piece's case: ~5 M
/// instructions a MB of newswire, whose sentences are ~100 bytes apart.
fn next_trigger(b: &[u8], from: usize) -> usize {
    let mut k = from;
    #[cfg(target_arch = "x86_64")]
    while k + 16 <= b.len() {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64; the load reads b[k..k + 16]
        let m = unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(k) as *const __m128i);
            let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let any = _mm_or_si128(
                _mm_or_si128(
                    _mm_or_si128(eq(b'.'), eq(b'!')),
                    _mm_or_si128(eq(b'?'), eq(b'\n')),
                ),
                _mm_or_si128(_mm_or_si128(eq(0xA6), eq(0x89)), eq(0x82)),
            );
            _mm_movemask_epi8(any) as u32
        };
        if m != 0 {
            return k + m.trailing_zeros() as usize;
        }
        k += 16;
    }
    while k < b.len() && !TRIGGER[b[k] as usize] {
        k += 1;
    }
    k
}

/// The first word at or after byte `p`: letters and digits, joined by apostrophes.
fn first_word(s: &str, p: usize) -> Option<(usize, usize)> {
    use crate::pyuni::is_alnum;
    let q = s[p..].find(is_alnum).map(|k| p + k)?;
    let mut e = q;
    let mut it = s[q..].char_indices().peekable();
    loop {
        match it.next() {
            Some((k, ch)) if is_alnum(ch) => e = q + k + ch.len_utf8(),
            Some((k, ch)) if crate::tables::WORD_APOSTROPHES.contains(ch) => match it.peek() {
                Some(&(_, nx)) if is_alnum(nx) => {
                    e = q + k + ch.len_utf8();
                }
                _ => break,
            },
            _ => break,
        }
    }
    Some((q, e))
}

impl Iterator for Openings<'_> {
    type Item = Opening;

    fn next(&mut self) -> Option<Opening> {
        if self.done {
            return None;
        }
        let p = if self.started {
            self.anchor_from(self.pos)
        } else {
            self.started = true;
            (!self.s.is_empty()).then_some(0)
        };
        let Some(p) = p else {
            self.done = true;
            return None;
        };
        let Some((q, e)) = first_word(self.s, p) else {
            self.done = true;
            return None;
        };
        self.pos = e;
        let c = self.s[p..].chars().next().unwrap_or(' ');
        Some(Opening { p, c, q, e })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loop `Openings` replaced: every character decoded and tested.
    fn openings_reference(s: &str) -> Vec<Opening> {
        use crate::scan::pytext::is_space;
        let mut out = Vec::new();
        let mut pos = 0usize;
        let mut prev: Option<char> = None;
        for (p, c) in s.char_indices() {
            let before = prev;
            prev = Some(c);
            if p < pos {
                continue;
            }
            let anchor = p == 0
                || (is_space(c) && matches!(before, Some('.' | '!' | '?' | '…' | '։' | '。')))
                || (c == '\n' && {
                    let rest = s[p + 1..].trim_start_matches([' ', '\t']);
                    rest.starts_with('\n')
                });
            if !anchor {
                continue;
            }
            let Some((q, e)) = first_word(s, p) else {
                break;
            };
            pos = e;
            out.push(Opening { p, c, q, e });
        }
        out
    }

    #[test]
    fn openings_are_those_of_the_character_loop_on_random_texts() {
        const PARTS: &[&str] = &[
            "a", "B", "é", "Ж", "ա", "7", ".", "!", "?", "…", "։", "。", " ", "\n", "\t", "'", "’",
            "\u{a0}", "\u{2028}", "\u{1c}", ",", "ǅ", "Mr", "U.S.", "\u{80}", "€", "‰",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..20_000 {
            let n = (next() % 60) as usize;
            let s: String = (0..n)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect();
            assert_eq!(
                Openings::new(&s).collect::<Vec<_>>(),
                openings_reference(&s),
                "{s:?}"
            );
        }
    }

    #[test]
    fn the_next_trigger_is_the_first_trigger_byte_from_every_offset() {
        let s = "Baku. Şuşa! Ղարաբաղ… x。 y ։ z? q\nw".repeat(3) + &"plain words ".repeat(5);
        let b = s.as_bytes();
        for from in 0..=b.len() {
            let want = (from..b.len())
                .find(|&k| TRIGGER[b[k] as usize])
                .unwrap_or(b.len());
            assert_eq!(next_trigger(b, from), want, "{from}");
        }
    }

    #[test]
    fn openings_of_prose_are_the_sentence_starts() {
        let s = "One two. Three!\n\nFour… five。 six ։ Seven, Mr. Eight";
        let words: Vec<&str> = Openings::new(s).map(|o| &s[o.q..o.e]).collect();
        assert_eq!(
            words,
            ["One", "Three", "Four", "five", "six", "Seven", "Eight"]
        );
    }
}
