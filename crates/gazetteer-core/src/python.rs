//! The Python module `gazetteer._core`.

use std::borrow::Cow;

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::tables;

/// A stand-in for a lone surrogate (which Python strings may hold and Rust strings cannot).
///
/// For fold and tokens it behaves as a surrogate does in the Python reference: no case, no
/// decomposition, combining class 0, not alphanumeric, one code point, and unidecode drops
/// it. U+10FFFF is such a character (unassigned, above unidecode's range).
const SURROGATE_STAND_IN: char = '\u{10ffff}';

fn utf8(bytes: &[u8]) -> PyResult<&str> {
    std::str::from_utf8(bytes).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The text of a Python string, with each lone surrogate replaced by [`SURROGATE_STAND_IN`].
fn text_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if let Ok(t) = s.to_str() {
        return Ok(Cow::Borrowed(t));
    }
    // Only surrogates fail to encode: encode them as their 3-byte forms (ED A0..BF xx),
    // which valid UTF-8 never holds, and replace each one.
    let encoded = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0xED && i + 2 < bytes.len() && (0xA0..=0xBF).contains(&bytes[i + 1]) {
            out.push_str(utf8(&bytes[start..i])?);
            out.push(SURROGATE_STAND_IN);
            i += 3;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push_str(utf8(&bytes[start..])?);
    Ok(Cow::Owned(out))
}

/// fold(text, /)
/// --
///
/// The comparison key of a name, exactly as gazetteer.text.folding.fold gives it.
#[pyfunction]
fn fold(text: &Bound<'_, PyString>) -> PyResult<String> {
    Ok(crate::fold(&text_of(text)?))
}

/// skeleton(key, /)
/// --
///
/// The lossy phonetic key of a folded name, as gazetteer.text.folding.skeleton gives it.
#[pyfunction]
fn skeleton(key: &str) -> PyResult<String> {
    crate::skeleton(key).ok_or_else(|| PyIndexError::new_err("string index out of range"))
}

/// romanise(text, /)
/// --
///
/// gazetteer.text.folding.romanise: Cyrillic and Armenian romanised, Azerbaijani/Turkish
/// letters mapped, apostrophes and invisible characters deleted.
#[pyfunction]
fn romanise(text: &str) -> String {
    crate::romanise(text)
}

/// tokens(text, /)
/// --
///
/// (start, end) code-point offsets of the words of a text, as gazetteer.text.tokens.tokens
/// gives them.
#[pyfunction]
fn tokens(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    Ok(crate::tokens(&text_of(text)?))
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fold, m)?)?;
    m.add_function(wrap_pyfunction!(skeleton, m)?)?;
    m.add_function(wrap_pyfunction!(romanise, m)?)?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    // the Unicode version of the Python the tables were generated with
    m.add("PYTHON_UNICODE_VERSION", tables::PYTHON_UNICODE_VERSION)?;
    Ok(())
}
