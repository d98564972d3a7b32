//! normalise's text of a piece: each mention replaced by what Python's `Gazetteer.rewrite`
//! gives for it (asked once per mention no preposition before it can govern, then kept),
//! the rest of the text as it was. `Engine.normalise` (the API) and the CLI's bytes
//! (`gazetteer._core.normalise_bytes`) both write through it.

use pyo3::prelude::*;
use pyo3::types::PyString;

use super::document::Rec;
use super::engine::{ungoverned, Engine};
use super::pieces::back;

/// What a mention's replacement depends on (`engine::Replaced`: naming, mode, place,
/// surface, ending, method, cue) written into `buf`, each text after its length in bytes,
/// so that two different keys never write the same string.
fn replaced_key(buf: &mut String, naming: &str, mode: &str, m: &Rec) {
    buf.clear();
    for t in [naming, mode, &m.surface, &m.suffix, m.method] {
        push_number(buf, t.len() as u64);
        buf.push(':');
        buf.push_str(t);
    }
    match &m.cue {
        Some(c) => {
            push_number(buf, c.len() as u64);
            buf.push(':');
            buf.push_str(c);
        }
        None => buf.push('-'),
    }
    if m.place < 0 {
        buf.push('-');
    }
    push_number(buf, m.place.unsigned_abs());
}

/// `n` in decimal digits, without the formatting machinery (a few a mention).
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
        // (the key of a mention's replacement, written here for each; room for most keys
        // made once, not grown a few times a text)
        let mut buf = String::with_capacity(128);
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
            let key = ungoverned(&m.surface).then(|| {
                replaced_key(&mut buf, naming, mode, m);
                buf.as_str()
            });
            if let Some(got) = key.and_then(|key| self.replacements.get(key)) {
                let got = got.bind(py).to_str()?;
                changed += usize::from(got != m.surface);
                out.push_str(got);
                continue;
            }
            let before = &s[back(s, a, 24)..a];
            let mention = self.to_python(py, &recs[k..k + 1])?.get_item(0)?;
            let got = rewrite.call1((mention, before))?;
            let got = got.cast_into::<PyString>()?;
            let text = got.to_str()?;
            changed += usize::from(text != m.surface);
            out.push_str(text);
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
        self.rewrite_into(py, s, &recs, naming, mode, rewrite, out)
            .map(Some)
    }
}
