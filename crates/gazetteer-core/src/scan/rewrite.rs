//! normalise's text of a piece: each mention replaced by what Python's `Gazetteer.rewrite`
//! gives for it (asked once per mention no preposition before it can govern, then kept),
//! the rest of the text as it was. `Engine.normalise` (the API) and the CLI's bytes
//! (`gazetteer._core.normalise_bytes`) both write through it.

use pyo3::prelude::*;
use pyo3::types::PyString;

use super::document::Rec;
use super::engine::{ungoverned, Engine, WordReplaced, WORD_RECORDS};
use super::pieces::back;

// A mention's replacement is kept by what it depends on (`engine::Replaced`: naming,
// mode, surface, ending, method, cue, place), written into one string, each text after
// its length (the place last, in four characters), so that two different keys never write
// the same string. A length is one character (whose UTF-8 ends where it ends), not digits:
// the key is made for every mention, and its numbers in digits were three quarters of its
// cost (about 700 instructions a mention).

/// The key's start: naming and mode (the same for a call's every mention).
fn key_start(buf: &mut String, naming: &str, mode: &str) {
    for t in [naming, mode] {
        push_len(buf, t.len());
        buf.push_str(t);
    }
}

/// The rest of the key, after its start: the mention's own parts.
fn key_rest(buf: &mut String, m: &Rec) {
    for t in [&m.surface, &m.suffix, m.method] {
        push_len(buf, t.len());
        buf.push_str(t);
    }
    match &m.cue {
        Some(c) => {
            push_len(buf, c.len());
            buf.push_str(c);
        }
        None => buf.push(NO_CUE),
    }
    // (the place's 64 bits as four characters of 16 bits each, U+10000 to U+1FFFF)
    let bits = m.place as u64;
    for k in (0..4).rev() {
        let part = ((bits >> (16 * k)) & 0xffff) as u32;
        buf.push(char::from_u32(0x1_0000 + part).unwrap_or(LONG));
    }
}

/// A length's character is below U+D800; this one is none, nor a length's longer form.
const NO_CUE: char = '\u{fffe}';
/// The start of a length of U+D800 bytes or more: its digits and ':' follow.
const LONG: char = '\u{ffff}';

/// A length in the key: the character of that code point, or (a text of 55,296
/// bytes or more) `LONG`, its digits and ':'.
#[inline]
fn push_len(buf: &mut String, n: usize) {
    match u32::try_from(n)
        .ok()
        .filter(|&n| n < 0xd800)
        .and_then(char::from_u32)
    {
        Some(c) => buf.push(c),
        None => {
            buf.push(LONG);
            push_number(buf, n as u64);
            buf.push(':');
        }
    }
}

/// `n` in decimal digits, without the formatting machinery.
fn push_number(buf: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // (ASCII digits: one copy, not a char at a time)
    buf.push_str(std::str::from_utf8(&digits[i..]).unwrap_or_default());
}

impl Engine {
    /// Append `s` to `out` with its mentions `recs` (in order) replaced by what
    /// ``rewrite(mention, before)`` gives (``before``: the 24 characters before the
    /// mention), kept per (naming, mode, place, surface, ending, method, cue) where no
    /// preposition before the mention can govern its case (its surface is not Cyrillic).
    /// Returns how many mentions got a text other than their own.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn rewrite_into(
        &mut self,
        py: Python<'_>,
        s: &str,
        recs: &[Rec],
        naming: &str,
        mode: &str,
        rewrite: &Bound<'_, PyAny>,
        out: &mut String,
    ) -> PyResult<usize> {
        if recs.is_empty() {
            out.push_str(s);
            return Ok(0);
        }
        let mut pos = 0;
        let mut changed = 0;
        // (the naming and mode as an index, which the replacements kept in word slots hold)
        let at = match self
            .normalisings
            .iter()
            .position(|(n, m)| n == naming && m == mode)
        {
            Some(at) => at,
            None => {
                self.normalisings.push((naming.to_owned(), mode.to_owned()));
                self.normalisings.len() - 1
            }
        };
        // (the key of a mention's replacement, written here for each; room for most keys
        // made once, not grown a few times a text)
        let mut buf = String::with_capacity(128);
        // (naming and mode written once; each key is cut back to them)
        key_start(&mut buf, naming, mode);
        let start = buf.len();
        for (k, m) in recs.iter().enumerate() {
            // (the mention's bytes in `s`, the text it was found in)
            let (a, b) = m.bytes;
            if a < pos || s.get(a..b).is_none() {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "a mention out of order or past its text",
                ));
            }
            out.push_str(&s[pos..a]);
            pos = b;
            // (a mention of one word alone, without a cue: its replacement kept in the
            // word's slot, found without a key written; `WordReplaced` says why it holds)
            let slot = match m.word {
                Some(id) if m.cue.is_none() && ungoverned(&m.surface) => Some(id as usize),
                _ => None,
            };
            if let Some(r) = slot.and_then(|id| self.words[id].replaced.as_deref()) {
                if r.at == at && r.place == m.place && r.method == m.method && r.suffix == m.suffix
                {
                    changed += usize::from(r.changed);
                    out.push_str(&r.text);
                    continue;
                }
            }
            let key = ungoverned(&m.surface).then(|| {
                buf.truncate(start);
                key_rest(&mut buf, m);
                buf.as_str()
            });
            if let Some(got) = key.and_then(|key| self.replacements.get(key)) {
                let got = got.bind(py).to_str()?;
                changed += usize::from(got != m.surface);
                out.push_str(got);
                if let Some(id) = slot {
                    let text = got.to_owned();
                    self.keep_replaced(id, at, m, text);
                }
                continue;
            }
            let before = &s[back(s, a, 24)..a];
            let mention = self.to_python(py, &recs[k..k + 1])?.get_item(0)?;
            let got = rewrite.call1((mention, before))?;
            let got = got.cast_into::<PyString>()?;
            let text = got.to_str()?;
            changed += usize::from(text != m.surface);
            out.push_str(text);
            if let Some(id) = slot {
                self.keep_replaced(id, at, m, text.to_owned());
            }
            if let Some(key) = key {
                if self.replacements.len() >= self.small_cache {
                    self.replacements.clear();
                }
                self.replacements.insert(key.to_owned(), got.unbind());
            }
        }
        out.push_str(&s[pos..]);
        Ok(changed)
    }

    /// Keep mention `m`'s replacement `text` in its word's slot (`id`), for naming and mode
    /// `at` (at most `WORD_RECORDS` slots keep one).
    fn keep_replaced(&mut self, id: usize, at: usize, m: &Rec, text: String) {
        let slot = &mut self.words[id].replaced;
        if slot.is_none() {
            if self.word_replaced >= WORD_RECORDS {
                return;
            }
            self.word_replaced += 1;
        }
        *slot = Some(Box::new(WordReplaced {
            at,
            place: m.place,
            method: m.method,
            suffix: m.suffix.clone(),
            changed: text != m.surface,
            text,
        }));
    }

    /// normalise's text of a piece of valid UTF-8 and how many names it changed (the text
    /// made a Python string once, for the scan).
    pub(crate) fn rewrite_piece(
        &mut self,
        py: Python<'_>,
        s: &str,
        naming: &str,
        mode: &str,
        rewrite: &Bound<'_, PyAny>,
        out: &mut String,
    ) -> PyResult<Option<usize>> {
        let recs = self.find_str(py, s)?;
        let got = self.rewrite_into(py, s, &recs, naming, mode, rewrite, out);
        // (the list and its surfaces kept for the next piece, as extract's lines keep them)
        self.keep_recs(recs, usize::MAX);
        got.map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_one_character_and_long_ones_their_digits() {
        for (n, want) in [(0, "\0"), (5, "\u{5}"), (0xd7ff, "\u{d7ff}")] {
            let mut buf = String::new();
            push_len(&mut buf, n);
            assert_eq!(buf, want);
        }
        let mut buf = String::new();
        push_len(&mut buf, 0xd800);
        assert_eq!(buf, "\u{ffff}55296:");
    }
}
