//! The Python module `gazetteer._core`.

use std::borrow::Cow;

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::tables;

/// Python strings may hold lone surrogates, Rust strings cannot: the functions below see
/// each one as a stand-in character that they treat as the reference treats the surrogate.
///
/// For fold and tokens that is U+10FFFF: like a surrogate it has no case, no decomposition,
/// combining class 0, is not alphanumeric, is one code point, and unidecode drops it.
const FOLD_STAND_IN: char = '\u{10ffff}';

fn utf8(bytes: &[u8]) -> PyResult<&str> {
    std::str::from_utf8(bytes).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The text of a string whose lone surrogates failed to encode: encoded with
/// "surrogatepass", each surrogate is a 3-byte form ED A0..BF xx that valid UTF-8 never
/// holds; it becomes `stand_in(surrogate)`.
fn with_stand_ins(s: &Bound<'_, PyString>, stand_in: impl Fn(u32) -> char) -> PyResult<String> {
    let encoded = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0xED && i + 2 < bytes.len() && (0xA0..=0xBF).contains(&bytes[i + 1]) {
            out.push_str(utf8(&bytes[start..i])?);
            let cp = 0xD000 | ((bytes[i + 1] as u32 & 0x3F) << 6) | (bytes[i + 2] as u32 & 0x3F);
            out.push(stand_in(cp));
            i += 3;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push_str(utf8(&bytes[start..])?);
    Ok(out)
}

/// The text of a Python string, for fold and tokens.
fn text_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    match s.to_str() {
        Ok(t) => Ok(Cow::Borrowed(t)),
        Err(_) => Ok(Cow::Owned(with_stand_ins(s, |_| FOLD_STAND_IN)?)),
    }
}

/// `f` applied to the text of `s`, for functions that pass characters they do not know
/// through unchanged (romanise, skeleton): each lone surrogate goes in as its own
/// private-use stand-in (from a block the text does not use) and comes out as itself.
fn keeping_surrogates<'py>(
    s: &Bound<'py, PyString>,
    f: impl FnOnce(&str) -> PyResult<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = s.py();
    if let Ok(t) = s.to_str() {
        return Ok(PyString::new(py, &f(t)?).into_any());
    }
    // the 64 blocks of 2048 code points in planes 15 and 16 that the text uses
    let plain = with_stand_ins(s, |_| '\0')?;
    let mut used = 0u64;
    for c in plain.chars().filter(|&c| c as u32 >= 0xF_0000) {
        used |= 1 << ((c as u32 - 0xF_0000) >> 11);
    }
    if used == u64::MAX {
        return Err(PyValueError::new_err(
            "text holds lone surrogates and characters in every block of planes 15 and 16",
        ));
    }
    let base = 0xF_0000 + (used.trailing_ones() << 11);
    let text = with_stand_ins(s, |cp| {
        char::from_u32(base + cp - 0xD800).unwrap_or(FOLD_STAND_IN)
    })?;
    let result = f(&text)?;
    let mut wtf8 = Vec::with_capacity(result.len());
    for c in result.chars() {
        let cp = c as u32;
        if (base..base + 0x800).contains(&cp) {
            let sur = 0xD800 + (cp - base);
            wtf8.extend_from_slice(&[
                0xE0 | (sur >> 12) as u8,
                0x80 | ((sur >> 6) & 0x3F) as u8,
                0x80 | (sur & 0x3F) as u8,
            ]);
        } else {
            wtf8.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    PyBytes::new(py, &wtf8).call_method1("decode", ("utf-8", "surrogatepass"))
}

/// fold(text, /)
/// --
///
/// The comparison key of a name, exactly as gazetteer.text.folding.fold gives it.
#[pyfunction]
fn fold(text: &Bound<'_, PyString>) -> PyResult<String> {
    Ok(crate::fold(&text_of(text)?))
}

/// spelling(word, /)
/// --
///
/// A word's spelling, case and accents aside, in its own script, exactly as
/// gazetteer.wordlist.spelling gives it (the key of the spelled word lists).
#[pyfunction]
fn spelling(word: &Bound<'_, PyString>) -> PyResult<String> {
    Ok(crate::scan::rules::spelling::spelling(&text_of(word)?))
}

/// skeleton(key, /)
/// --
///
/// The lossy phonetic key of a folded name, as gazetteer.text.folding.skeleton gives it.
#[pyfunction]
fn skeleton<'py>(key: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
    keeping_surrogates(key, |k| {
        crate::skeleton(k).ok_or_else(|| PyIndexError::new_err("string index out of range"))
    })
}

/// romanise(text, /)
/// --
///
/// gazetteer.text.folding.romanise: Cyrillic and Armenian romanised, Azerbaijani/Turkish
/// letters mapped, apostrophes and invisible characters deleted.
#[pyfunction]
fn romanise<'py>(text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
    keeping_surrogates(text, |t| Ok(crate::romanise(t)))
}

/// context_window(window, a, start, end, b, /)
/// --
///
/// gazetteer.review.context_of on the window of a text around a span: ``window`` is the
/// text from one character before the context's start (when it does not start the text)
/// to one after its end (when it does not end the text); ``a``, ``start``, ``end``, ``b``
/// are code-point offsets in the window of the context's start, the span and the
/// context's end. The span with its context, without a word broken at a cut edge,
/// whitespace shown as single spaces.
#[pyfunction]
fn context_window(window: &str, a: usize, start: usize, end: usize, b: usize) -> PyResult<String> {
    let mut at: Vec<usize> = window.char_indices().map(|(i, _)| i).collect();
    let chars = at.len();
    at.push(window.len());
    if !(a <= start && start <= end && end <= b && b <= chars && a <= 1) {
        return Err(PyValueError::new_err("offsets out of the window"));
    }
    let char_at = |k: usize| window[at[k]..].chars().next();
    Ok(context_core(
        &window[at[a]..at[start]],
        &window[at[start]..at[end]],
        &window[at[end]..at[b]],
        a == 1 && !char_at(0).is_some_and(crate::scan::pytext::is_space),
        b < chars && !char_at(b).is_some_and(crate::scan::pytext::is_space),
    ))
}

/// `review.context_of` once the window is cut: the text before the span, the span, the
/// text after it, and whether the window starts (ends) inside a word.
pub(crate) fn context_core(
    left: &str,
    mid: &str,
    right: &str,
    cut_left: bool,
    cut_right: bool,
) -> String {
    let mut out = String::with_capacity(left.len() + mid.len() + right.len());
    context_into(&mut out, left, mid, right, cut_left, cut_right);
    out
}

/// [`context_core`] written into `out` (emptied first): runs of whitespace (Python's
/// `str.isspace`) become one space, none at the ends.
pub(crate) fn context_into(
    out: &mut String,
    left: &str,
    mid: &str,
    right: &str,
    cut_left: bool,
    cut_right: bool,
) {
    out.clear();
    let mut left = left;
    let mut right = right;
    if cut_left {
        // the window starts inside a word: drop its broken start
        if let Some(i) = left.find(crate::scan::pytext::is_space) {
            left = &left[i..];
        }
    }
    if cut_right {
        // ... or ends inside one
        if let Some(i) = right.rfind([' ', '\n', '\t', '\r']) {
            right = &right[..i];
        }
    }
    // (out ends with the space of a run of whitespace, or is empty, or ends with text)
    let mut spaced = false;
    for part in [left, mid, right] {
        collapse_part(out, 0, part, &mut spaced);
    }
    if spaced {
        out.pop();
    }
}

/// [`context_into`] of a window of `s` cut into `s[a..start]`, `s[start..end]` and
/// `s[end..b]`: the three parts follow each other, and a run of whitespace reads the same
/// across their bounds, so the window is passed once (one short tail a record instead of
/// three, the mention itself mostly shorter than a block).
pub(crate) fn context_window_into(
    out: &mut String,
    s: &str,
    window: (usize, usize, usize, usize),
    cut_left: bool,
    cut_right: bool,
) {
    out.clear();
    context_window_after(out, s, window, cut_left, cut_right);
}

/// [`context_window_into`] written after what `out` holds (kept as it is).
pub(crate) fn context_window_after(
    out: &mut String,
    s: &str,
    (a, start, end, b): (usize, usize, usize, usize),
    cut_left: bool,
    cut_right: bool,
) {
    let base = out.len();
    let mut from = a;
    let mut to = b;
    if cut_left {
        // the window starts inside a word: drop its broken start
        if let Some(i) = s[a..start].find(crate::scan::pytext::is_space) {
            from = a + i;
        }
    }
    if cut_right {
        // ... or ends inside one
        if let Some(i) = s[end..b].rfind([' ', '\n', '\t', '\r']) {
            to = end + i;
        }
    }
    let mut spaced = false;
    collapse_part(out, base, &s[from..to], &mut spaced);
    if spaced {
        out.pop();
    }
}

/// One part of a context written into `out` (the context from byte `base` on), runs of
/// whitespace as one space (`spaced`: out ends with such a space, carried from part to part).
#[inline]
fn collapse_part(out: &mut String, base: usize, part: &str, spaced: &mut bool) {
    let bytes = part.as_bytes();
    let mut run = 0; // start of the text not yet written
    let mut i = 0;
    while i < bytes.len() {
        if i + 8 < bytes.len() && plain_block(bytes, i, run < i) {
            i += 8;
            continue;
        }
        let width = match SPACE_CLASS[bytes[i] as usize] {
            PLAIN => {
                i += 1;
                continue;
            }
            // (one ' ' between text to write and a character that is no whitespace
            // stays as it is: copied with the text around it, not written apart)
            SPACE
                if bytes[i] == b' '
                    && run < i
                    && bytes
                        .get(i + 1)
                        .is_some_and(|&n| SPACE_CLASS[n as usize] == PLAIN) =>
            {
                i += 1;
                continue;
            }
            SPACE => 1,
            _ => {
                // the first byte of a character that may be whitespace
                let c = part[i..].chars().next().unwrap_or(' ');
                if !crate::scan::pytext::is_space(c) {
                    i += c.len_utf8();
                    continue;
                }
                c.len_utf8()
            }
        };
        if run < i {
            out.push_str(&part[run..i]);
            *spaced = false;
        }
        if out.len() > base && !*spaced {
            out.push(' ');
            *spaced = true;
        }
        i += width;
        run = i;
    }
    if run < bytes.len() {
        out.push_str(&part[run..]);
        *spaced = false;
    }
}

/// Would `context_into` pass the eight bytes at `i` (a ninth follows) one by one without
/// writing anything: printable ASCII whose spaces are single ones, each after text to
/// write (`pending` for one at `i`) and before a character that is no whitespace?
#[inline]
fn plain_block(bytes: &[u8], i: usize, pending: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
    // (any byte below 0x20 or beyond ASCII: the byte path decides)
    if (x.wrapping_sub(ONES * 0x20) & !x & HIGH) | (x & HIGH) != 0 {
        return false;
    }
    // each space's high bit, exactly (no carry between bytes)
    let v = x ^ (ONES * 0x20);
    let spaces = !(((v & LOW7) + LOW7) | v) & HIGH;
    if spaces == 0 {
        return true;
    }
    spaces & (spaces << 8) == 0
        && (spaces & 0x80 == 0 || pending)
        && (spaces >> 63 == 0 || SPACE_CLASS[bytes[i + 8] as usize] == PLAIN)
}

const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const MAYBE: u8 = 2;

/// Each byte of UTF-8 text as context_into reads it: an ASCII character Python's
/// `str.isspace` reads as whitespace (SPACE), the first byte of a character that may be
/// whitespace (MAYBE: U+0085, U+00A0 start with C2; U+1680 with E1; U+2000-U+205F with
/// E2; U+3000 with E3), or neither (PLAIN: other characters, and continuation bytes).
const SPACE_CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut c = 0x09;
    while c <= 0x0d {
        t[c] = SPACE;
        c += 1;
    }
    let mut c = 0x1c;
    while c <= 0x20 {
        t[c] = SPACE;
        c += 1;
    }
    t[0xc2] = MAYBE;
    t[0xe1] = MAYBE;
    t[0xe2] = MAYBE;
    t[0xe3] = MAYBE;
    t
};

/// piece_fields(piece, mentions, width, /)
/// --
///
/// For each mention of a piece of UTF-8 text, (byte start, byte end, context) as
/// gazetteer.documents.extract_stream and review.context_of make them one by one: in an
/// ASCII piece the code-point offsets; else the bytes of the text before the mention
/// since the previous one's end, then those of its text. None for a piece holding lone
/// surrogates, or mentions out of order, for Python to make.
#[pyfunction]
fn piece_fields(
    piece: &Bound<'_, PyString>,
    mentions: &Bound<'_, pyo3::types::PyList>,
    width: usize,
) -> PyResult<Option<Vec<(usize, usize, String)>>> {
    let Ok(s) = piece.to_str() else {
        return Ok(None);
    };
    let ascii = s.is_ascii();
    let cp = crate::scan::pytext::CodePoints::new(s);
    let chars = cp.len();
    let byte = |k: usize| cp.byte(k);
    let is_space_at = |k: usize| cp.is_space_at(k);
    let mut out = Vec::with_capacity(mentions.len());
    let (mut pos_char, mut pos_byte) = (0usize, 0usize);
    for m in mentions.iter() {
        let start: usize = m.getattr(pyo3::intern!(m.py(), "start"))?.extract()?;
        let end: usize = m.getattr(pyo3::intern!(m.py(), "end"))?.extract()?;
        if start < pos_char || end < start || end > chars {
            return Ok(None);
        }
        let (start_b, end_b) = if ascii {
            (start, end)
        } else {
            let text = m.getattr(pyo3::intern!(m.py(), "text"))?;
            let Ok(text) = text.cast::<PyString>()?.to_str() else {
                return Ok(None);
            };
            pos_byte += byte(start) - byte(pos_char);
            let start_b = pos_byte;
            pos_byte += text.len();
            pos_char = end;
            (start_b, pos_byte)
        };
        let a = start.saturating_sub(width);
        let b = chars.min(end + width);
        let context = context_core(
            &s[byte(a)..byte(start)],
            &s[byte(start)..byte(end)],
            &s[byte(end)..byte(b)],
            a > 0 && !is_space_at(a - 1),
            b < chars && !is_space_at(b),
        );
        out.push((start_b, end_b, context));
    }
    Ok(Some(out))
}

/// The fields of extract's mention record, and the review fields after them
/// (gazetteer.formats._MENTION_LAYOUT, REVIEW_FIELDS).
const MENTION_FIELDS: [&str; 15] = [
    "path",
    "start",
    "end",
    "text",
    "id",
    "name",
    "kind",
    "country",
    "lat",
    "lon",
    "score",
    "method",
    "cue",
    "byte_start",
    "byte_end",
];
const REVIEW_FIELDS: [&str; 5] = [
    "district",
    "wof_id",
    "geonames_id",
    "context",
    "needs_review",
];

/// A string as `json.encoder.encode_basestring` writes it (ensure_ascii=False): the runs
/// of characters that need no escape copied at once (the ones that do are all ASCII).
pub(crate) fn json_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // eight bytes at a time, the last few padded with a letter: a string shorter
        // than a block (a mention, a cue) is one test
        let x = match bytes.get(i..i + 8) {
            Some(word) => u64::from_le_bytes(word.try_into().expect("8 bytes")),
            None => {
                let mut word = [b'a'; 8];
                word[..bytes.len() - i].copy_from_slice(&bytes[i..]);
                u64::from_le_bytes(word)
            }
        };
        let mask = escaped(x);
        if mask == 0 {
            i += 8;
            continue;
        }
        // (the lowest byte flagged is one to escape: the tests err only above a true one)
        let at = i + (mask.trailing_zeros() / 8) as usize;
        out.push_str(&s[run..at]);
        let b = bytes[at];
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            8 => out.push_str("\\b"),
            12 => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
        run = at + 1;
        i = at + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Does `json_str` write these bytes as they are (none below 0x20, no '"' nor '\\')?
pub(crate) fn json_plain(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(8);
    for word in blocks.by_ref() {
        if escaped(u64::from_le_bytes(word.try_into().expect("8 bytes"))) != 0 {
            return false;
        }
    }
    let rest = blocks.remainder();
    let mut word = [b'a'; 8];
    word[..rest.len()].copy_from_slice(rest);
    escaped(u64::from_le_bytes(word)) == 0
}

/// The high bit of each of eight bytes that may need an escape (below 0x20, '"' or
/// '\\'): the usual tests for a zero byte and a byte below n, exact for the lowest one
/// set (a borrow only reaches the bytes above a true one).
#[inline]
fn escaped(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    below_space | zero(x ^ (ONES * b'"' as u64)) | zero(x ^ (ONES * b'\\' as u64))
}

/// One value as `json.dumps` writes it, for the types a mention record holds (str, exact
/// int, finite exact float, bool, None); false: another value, for Python to write.
fn json_value(out: &mut String, v: &Bound<'_, PyAny>) -> PyResult<bool> {
    use pyo3::types::{PyBool, PyFloat, PyInt};
    if v.is_none() {
        out.push_str("null");
    } else if let Ok(s) = v.cast_exact::<PyString>() {
        let Ok(s) = s.to_str() else {
            return Ok(false); // lone surrogates
        };
        json_str(out, s);
    } else if v.is_exact_instance_of::<PyBool>() {
        out.push_str(if v.is_truthy()? { "true" } else { "false" });
    } else if v.is_exact_instance_of::<PyInt>() {
        out.push_str(v.str()?.to_str()?);
    } else if let Ok(f) = v.cast_exact::<PyFloat>() {
        if !f.value().is_finite() {
            return Ok(false);
        }
        out.push_str(v.repr()?.to_str()?); // float.__repr__, as the encoder writes it
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// mention_json_line(record, /)
/// --
///
/// ``json.dumps(record, ensure_ascii=False) + "\\n"`` of an extract mention record (the
/// fields of gazetteer.formats._MENTION_LAYOUT, maybe followed by the review fields, each
/// a str, int, finite float, bool or None); None for any other dict, which Python writes.
#[pyfunction]
fn mention_json_line(record: &Bound<'_, pyo3::types::PyDict>) -> PyResult<Option<String>> {
    let n = record.len();
    if n != MENTION_FIELDS.len() && n != MENTION_FIELDS.len() + REVIEW_FIELDS.len() {
        return Ok(None);
    }
    let mut out = String::with_capacity(512);
    out.push('{');
    let names = MENTION_FIELDS.iter().chain(REVIEW_FIELDS.iter());
    for (k, ((key, value), want)) in record.iter().zip(names).enumerate() {
        let Ok(key) = key.cast_exact::<PyString>() else {
            return Ok(None);
        };
        if key.to_str().ok() != Some(*want) {
            return Ok(None);
        }
        if k > 0 {
            out.push_str(", ");
        }
        out.push('"');
        out.push_str(want);
        out.push_str("\": ");
        if !json_value(&mut out, &value)? {
            return Ok(None);
        }
    }
    out.push_str("}\n");
    Ok(Some(out))
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

/// scan_parts(text, /)
/// --
///
/// The parts (gap, word, ..., gap) the engine cuts a text into, as gazetteer.text.tokens
/// cuts it: ``split_hashtags(join_invisibles(SPLIT.split(text)))``.
#[pyfunction]
fn scan_parts(text: &str) -> Vec<&str> {
    let (b, _) = crate::scan::text::scan_parts(text);
    b.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

/// piece_cuts(data, last, /)
/// --
///
/// The pieces gazetteer.textio.iter_pieces cuts UTF-8 input bytes into, as (end, code
/// points) of each piece ready in ``data`` (read from a piece boundary on; ``last``: the
/// input ends there); the bytes after the last piece wait for more input.
#[pyfunction]
fn piece_cuts(data: &[u8], last: bool) -> Vec<(usize, usize)> {
    crate::scan::pieces::cut_pieces(data, last)
        .into_iter()
        .map(|p| (p.end, p.chars))
        .collect()
}

/// The bytes ``data[start:end]`` as text, or None: no valid UTF-8 (or no such range).
fn piece_text(data: &[u8], start: usize, end: usize) -> Option<&str> {
    std::str::from_utf8(data.get(start..end)?).ok()
}

/// scan_lines_bytes(engine, data, start, end, head, naming, char_base, byte_base, width, about, weak, nested, open_margin, delimiter=None, cell=None, /)
/// --
///
/// ``Engine.scan_lines`` of the piece ``data[start:end]`` (UTF-8 bytes), as UTF-8 bytes:
/// the CLI's JSON Lines of the piece without a Python string of them. None where Python
/// makes them (bytes that are not UTF-8, mentions out of order). With a ``delimiter``
/// ("," or a tab) the piece's CSV or TSV rows instead (as formats.DelimitedWriter writes
/// them): ``head`` is then the path's cell and a delimiter, ``about(place)`` the place's
/// cells (id to lon; district to geonames_id), ``cell(value)`` Python's cell of a value.
/// With a ``sink`` (a ``LineSink``) the lines are handed to its thread as they are, no
/// copy made, and the answer is empty bytes (None still: Python makes them).
#[pyfunction]
#[pyo3(signature = (engine, data, start, end, head, naming, char_base, byte_base, width, about, weak, nested, open_margin, delimiter=None, cell=None, sink=None))]
#[allow(clippy::too_many_arguments)]
fn scan_lines_bytes<'py>(
    engine: &Bound<'py, crate::scan::Engine>,
    data: &[u8],
    start: usize,
    end: usize,
    head: &str,
    naming: &str,
    char_base: usize,
    byte_base: usize,
    width: usize,
    about: &Bound<'py, PyAny>,
    weak: &Bound<'py, PyAny>,
    nested: &Bound<'py, PyAny>,
    open_margin: f64,
    delimiter: Option<&str>,
    cell: Option<Bound<'py, PyAny>>,
    sink: Option<Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    use crate::scan::lines::Style;
    let py = engine.py();
    let style = match (delimiter, &cell) {
        (None, _) => Style::Json,
        (Some(d @ ("," | "\t")), Some(cell)) => Style::Delimited {
            delimiter: d.as_bytes()[0],
            cell,
        },
        _ => {
            return Err(PyValueError::new_err(
                "a delimiter is \",\" or a tab, with a cell function",
            ))
        }
    };
    let Some(s) = piece_text(data, start, end) else {
        return Ok(None);
    };
    let args = crate::scan::lines::LineArgs {
        head,
        naming,
        char_base,
        byte_base,
        width,
        about,
        weak,
        nested,
        open_margin,
    };
    let got = engine.borrow_mut().piece_lines(py, s, &args, &style)?;
    let Some(out) = got else {
        return Ok(None);
    };
    if let Some(sink) = sink {
        #[cfg(unix)]
        {
            let sink = sink.cast::<crate::writeback::LineSink>()?;
            sink.get().push(py, out.into_bytes())?;
            return Ok(Some(PyBytes::new(py, b"")));
        }
        #[cfg(not(unix))]
        return Err(PyValueError::new_err(format!("no LineSink here: {sink}")));
    }
    Ok(Some(PyBytes::new(py, out.as_bytes())))
}

/// normalise_bytes(engine, data, start, end, naming, mode, rewrite, /)
/// --
///
/// ``Engine.normalise`` of the piece ``data[start:end]`` (UTF-8 bytes): (its text with the
/// mentions replaced, as UTF-8 bytes, how many names got another text). None where
/// Python does it (bytes that are not UTF-8).
#[pyfunction]
fn normalise_bytes<'py>(
    engine: &Bound<'py, crate::scan::Engine>,
    data: &[u8],
    start: usize,
    end: usize,
    naming: &str,
    mode: &str,
    rewrite: &Bound<'py, PyAny>,
) -> PyResult<Option<(Bound<'py, PyBytes>, usize)>> {
    let py = engine.py();
    let Some(s) = piece_text(data, start, end) else {
        return Ok(None);
    };
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let got = engine
        .borrow_mut()
        .rewrite_piece(py, s, naming, mode, rewrite, &mut out)?;
    Ok(got.map(|n| (PyBytes::new(py, out.as_bytes()), n)))
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fold, m)?)?;
    m.add_function(wrap_pyfunction!(skeleton, m)?)?;
    m.add_function(wrap_pyfunction!(spelling, m)?)?;
    m.add_function(wrap_pyfunction!(romanise, m)?)?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    m.add_function(wrap_pyfunction!(scan_parts, m)?)?;
    m.add_function(wrap_pyfunction!(context_window, m)?)?;
    m.add_function(wrap_pyfunction!(piece_fields, m)?)?;
    m.add_function(wrap_pyfunction!(mention_json_line, m)?)?;
    m.add_function(wrap_pyfunction!(piece_cuts, m)?)?;
    m.add_function(wrap_pyfunction!(scan_lines_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(normalise_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(crate::scan::keytable::key_table_bytes, m)?)?;
    m.add_class::<crate::scan::keytable::PyKeyTable>()?;
    m.add_class::<crate::scan::Engine>()?;
    m.add_class::<crate::scan::Calls>()?;
    #[cfg(unix)]
    m.add_class::<crate::writeback::LineSink>()?;
    m.add_class::<crate::lookup::py::PyLookup>()?;
    m.add_class::<crate::loose::py::PyLooseIndex>()?;
    m.add_class::<crate::transcribe::py::PyTranscriber>()?;
    // the Unicode version of the Python the tables were generated with
    m.add("PYTHON_UNICODE_VERSION", tables::PYTHON_UNICODE_VERSION)?;
    Ok(())
}
