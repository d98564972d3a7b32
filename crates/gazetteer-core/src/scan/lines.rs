//! extract's JSON Lines made by the engine: one call per piece gives the finished text of
//! its records (path, offsets, byte offsets, the place's fields, the review fields), as
//! `gazetteer.formats.json_line` writes the records `gazetteer.documents.extract_stream`
//! and `gazetteer.review.MentionExtras` make, so the CLI's common path builds no Python
//! record per mention.

use std::sync::Arc;
use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use super::document::Rec;
use super::engine::Engine;
use super::fxhash::FxMap;
use crate::python::{context_window_after, context_window_into, json_plain, json_str};

/// What one piece's lines are made with besides its mentions.
pub(crate) struct LineArgs<'a, 'py> {
    /// the start of every line: `{"path": "...", ` (or `{`)
    pub head: &'a str,
    pub naming: &'a str,
    pub char_base: usize,
    pub byte_base: usize,
    pub width: usize,
    /// place -> (its record fields as JSON without braces, its review fields likewise)
    pub about: &'a Bound<'py, PyAny>,
    /// (surface, variant) -> does the name alone want a review (review rules 2, 3, 6)
    pub weak: &'a Bound<'py, PyAny>,
    /// (place, place) -> is one the other's parent
    pub nested: &'a Bound<'py, PyAny>,
    pub open_margin: f64,
}

impl Engine {
    /// The JSON Lines of a piece of valid UTF-8 (the text made a Python string once, for
    /// the scan); None where Python makes them (see `lines_of`).
    pub(crate) fn piece_lines(
        &mut self,
        py: Python<'_>,
        s: &str,
        args: &LineArgs<'_, '_>,
        style: &Style<'_, '_>,
    ) -> PyResult<Option<String>> {
        let recs = self.find_str(py, s)?;
        let got = self.styled_lines(py, s, &recs, args, style);
        // (their surfaces kept for the next piece's mentions, as scan_records keeps them,
        // and their list, of any size: the next piece's grown from a small one was copied
        // at each doubling, 3-4 M instructions a MB of dense text)
        self.keep_recs(recs, usize::MAX);
        got
    }

    /// The JSON Lines of a piece's mentions (`recs`, in order) as one string.
    pub(crate) fn lines_of(
        &mut self,
        py: Python<'_>,
        s: &str,
        recs: &[Rec],
        args: &LineArgs<'_, '_>,
    ) -> PyResult<Option<String>> {
        self.styled_lines(py, s, recs, args, &Style::Json)
    }

    /// The lines of a piece's mentions (`recs`, in order) as one string, in `style`.
    pub(crate) fn styled_lines(
        &mut self,
        py: Python<'_>,
        s: &str,
        recs: &[Rec],
        args: &LineArgs<'_, '_>,
        style: &Style<'_, '_>,
    ) -> PyResult<Option<String>> {
        use super::pieces::{ahead, back, PlainScan, Window};
        use super::pytext::is_space;
        let scores = (
            self.tables.score_folded.bind(py).clone(),
            self.tables.score_inflection.bind(py).clone(),
        );
        // (a place's fragments are kept by place and naming, and by style: one engine may
        // write JSON and CSV in turn)
        let (folded, inflection, naming) = match style {
            Style::Json => (
                float_repr(&scores.0)?,
                float_repr(&scores.1)?,
                args.naming.to_owned(),
            ),
            Style::Delimited { delimiter, cell } => (
                py_cell(cell, &scores.0)?,
                py_cell(cell, &scores.1)?,
                format!("{}\u{1f}{}", args.naming, *delimiter as char),
            ),
        };
        // (room for the first line; the rest reserved once it is written, by its length)
        let mut out = String::with_capacity(1024 + args.head.len() + 8 * args.width);
        let mut context = String::new();
        let mut plain_scan = PlainScan::default();
        let mut num = itoa_buf();
        let mut here: FxMap<i64, Arc<LinePlace>> = FxMap::default();
        // (place, place) -> is one the other's parent, for this piece (`nested`)
        let mut nested: FxMap<(i64, i64), bool> = FxMap::default();
        let start_key = format!("{}\"start\": ", args.head);
        let mut pos = 0usize;
        let mut line_start = 0usize;
        for m in recs {
            // (out of order, or a text other than the piece's: Python makes the records)
            if m.start < pos || m.end < m.start {
                return Ok(None);
            }
            // (the mention's bytes in the text it was found in: `s`, as its surface shows)
            let (start_b, end_b) = m.bytes;
            if s.get(start_b..end_b) != Some(m.surface.as_str()) {
                return Ok(None);
            }
            pos = m.end;
            // (the place's fragments by place for this piece: no key made per mention)
            let place = match here.get(&m.place) {
                Some(p) => p.clone(),
                None => {
                    let p = self.line_place(m.place, &naming, args)?;
                    here.insert(m.place, p.clone());
                    p
                }
            };
            let (about, review) = (&place.about, &place.review);
            // (the context: `width` code points each side, fewer at the piece's edges)
            let a = back(s, start_b, args.width);
            let b = ahead(s, end_b, args.width);
            let window = (a, start_b, end_b, b);
            let cut_left = a > 0 && !s[..a].chars().next_back().is_some_and(is_space);
            let cut_right = b < s.len() && !s[b..].chars().next().is_some_and(is_space);
            let flag = if self.needs_review(m, args, &mut nested)? {
                "true"
            } else {
                "false"
            };
            let score = if m.method == "folded" {
                &folded
            } else {
                &inflection
            };
            match style {
                Style::Json => {
                    let run = place
                        .json
                        .get_or_init(|| JsonRuns::new(about, review, &folded, &inflection));
                    out.push_str(&start_key);
                    out.push_str(num.fmt(args.char_base + m.start));
                    out.push_str(", \"end\": ");
                    out.push_str(num.fmt(args.char_base + m.end));
                    out.push_str(", \"text\": ");
                    // (a window that needs no escape holds the mention: its text is
                    // copied as it is, not tested again)
                    let win = plain_scan.window(s, window, cut_left, cut_right);
                    if let Window::Plain(_) = win {
                        out.push('"');
                        out.push_str(&m.surface);
                        out.push('"');
                    } else {
                        json_str(&mut out, &m.surface);
                    }
                    // (the usual methods' JSON as written; json_str writes them so)
                    match m.method {
                        "folded" => out.push_str(&run.folded),
                        "inflection" => out.push_str(&run.inflection),
                        other => {
                            out.push_str(", ");
                            out.push_str(about);
                            out.push_str(", \"score\": ");
                            out.push_str(score);
                            out.push_str(", \"method\": ");
                            json_str(&mut out, other);
                            out.push_str(", \"cue\": ");
                        }
                    }
                    match &m.cue {
                        Some(c) => {
                            json_str(&mut out, c);
                            out.push_str(", \"byte_start\": ");
                        }
                        None => out.push_str("null, \"byte_start\": "),
                    }
                    out.push_str(num.fmt(args.byte_base + start_b));
                    out.push_str(", \"byte_end\": ");
                    out.push_str(num.fmt(args.byte_base + end_b));
                    out.push_str(&run.review);
                    if let Window::Plain(plain) = win {
                        // (most: the window's own text, copied)
                        out.push_str(plain);
                        out.push('"');
                    } else if let Window::Lines(text) = win {
                        // (a window across a paragraph's end: its line end as a space)
                        plain_scan.push_lines(&mut out, s, text);
                        out.push('"');
                    } else {
                        // (the context written in place: most of the rest need no escape;
                        // one that does is taken out and written again by json_str)
                        let from = out.len();
                        context_window_after(&mut out, s, window, cut_left, cut_right);
                        if json_plain(&out.as_bytes()[from..]) {
                            out.push('"');
                        } else {
                            context.clear();
                            context.push_str(&out[from..]);
                            out.truncate(from - 1);
                            json_str(&mut out, &context);
                        }
                    }
                    out.push_str(if flag == "true" {
                        ", \"needs_review\": true}\n"
                    } else {
                        ", \"needs_review\": false}\n"
                    });
                }
                Style::Delimited { delimiter, cell } => {
                    // (cli.EXTRACT_FIELDS + review.EXTRA_FIELDS, in that order; `head`
                    // is the path's cell and a delimiter)
                    let d = *delimiter as char;
                    out.push_str(args.head);
                    out.push_str(num.fmt(args.char_base + m.start));
                    out.push(d);
                    out.push_str(num.fmt(args.char_base + m.end));
                    out.push(d);
                    out.push_str(num.fmt(args.byte_base + start_b));
                    out.push(d);
                    out.push_str(num.fmt(args.byte_base + end_b));
                    out.push(d);
                    text_cell(&mut out, &m.surface, *delimiter, cell)?;
                    out.push(d);
                    out.push_str(about);
                    out.push(d);
                    out.push_str(score);
                    out.push(d);
                    text_cell(&mut out, m.method, *delimiter, cell)?;
                    out.push(d);
                    if let Some(c) = &m.cue {
                        text_cell(&mut out, c, *delimiter, cell)?;
                    }
                    out.push(d);
                    out.push_str(review);
                    out.push(d);
                    let text = match plain_scan.window(s, window, cut_left, cut_right) {
                        Window::Plain(plain) => plain,
                        Window::Lines(text) => {
                            context.clear();
                            plain_scan.push_lines(&mut context, s, text);
                            &context
                        }
                        Window::Other => {
                            context_window_into(&mut context, s, window, cut_left, cut_right);
                            &context
                        }
                    };
                    text_cell(&mut out, text, *delimiter, cell)?;
                    out.push(d);
                    out.push_str(flag);
                    out.push('\n');
                }
            }
            if line_start == 0 {
                // (the first line's length, an eighth more, for each line to come: the text
                // grows once, where an estimate too short grew it, and copied it, several times)
                let rest = recs.len().saturating_sub(1);
                out.reserve(rest.saturating_mul(out.len() + out.len() / 8));
            }
            line_start = out.len();
        }
        Ok(Some(out))
    }

    /// A place's two JSON fragments, asked of Python once per place and naming.
    fn line_place(
        &mut self,
        place: i64,
        naming: &str,
        args: &LineArgs<'_, '_>,
    ) -> PyResult<Arc<LinePlace>> {
        let key = (place, naming.to_owned());
        if let Some(got) = self.line_places.get(&key) {
            return Ok(got.clone());
        }
        let got = args.about.call1((place,))?;
        let got = got.cast::<PyTuple>()?;
        let frag = |k: usize| -> PyResult<String> {
            Ok(got.get_item(k)?.cast::<PyString>()?.to_str()?.to_owned())
        };
        let v = Arc::new(LinePlace {
            about: frag(0)?,
            review: frag(1)?,
            json: OnceLock::new(),
        });
        if self.line_places.len() >= self.small_cache {
            self.line_places.clear();
        }
        self.line_places.insert(key, v.clone());
        Ok(v)
    }

    /// Is one place the other's parent (`LineArgs::nested`)? Asked of Python once per
    /// pair in a piece and kept in `known`: a pair of close runners-up comes back line
    /// after line, and a call into Python costs thousands of instructions where the
    /// map's probe costs tens.
    fn nested(
        known: &mut FxMap<(i64, i64), bool>,
        a: i64,
        b: i64,
        args: &LineArgs<'_, '_>,
    ) -> PyResult<bool> {
        if let Some(&got) = known.get(&(a, b)) {
            return Ok(got);
        }
        let got = args.nested.call1((a, b))?.is_truthy()?;
        known.insert((a, b), got);
        Ok(got)
    }

    /// review.MentionExtras.needs_review on the engine's record.
    fn needs_review(
        &mut self,
        m: &Rec,
        args: &LineArgs<'_, '_>,
        known: &mut FxMap<(i64, i64), bool>,
    ) -> PyResult<bool> {
        if m.cue.is_some() {
            return Ok(true); // 1
        }
        let weak = match self
            .weak_names
            .get(m.surface.as_str())
            .and_then(|v| v.get(&m.variant))
        {
            Some(&w) => w,
            None => {
                let w: bool = args
                    .weak
                    .call1((m.surface.as_str(), m.variant))?
                    .extract()?;
                if self.weak_count >= self.small_cache {
                    self.weak_names.clear();
                    self.weak_count = 0;
                }
                self.weak_names
                    .entry(m.surface.clone())
                    .or_default()
                    .insert(m.variant, w);
                self.weak_count += 1;
                w
            }
        };
        if weak {
            return Ok(true); // 2, 3, 6
        }
        let cands = m.cands();
        let Some(first) = cands.first() else {
            return Ok(false);
        };
        if first.place != m.place {
            return Ok(true); // 4
        }
        let chosen = first.rank;
        for c in &cands[1..] {
            if c.place != m.place
                && chosen - c.rank < args.open_margin
                && !Self::nested(known, c.place, m.place, args)?
            {
                return Ok(true); // 5
            }
        }
        Ok(false)
    }
}

/// A place's fields in a line, as Python gives them (`LineArgs::about`): its record's
/// fields and its review fields (JSON without braces, or CSV/TSV cells), and, in JSON, the
/// runs a line copies them in (made at the place's first line, kept with them: a line is a
/// few copies, not one per field).
pub(crate) struct LinePlace {
    about: String,
    review: String,
    json: OnceLock<JsonRuns>,
}

/// A place's fields in a JSON line, in runs: from after the mention's text to its cue
/// (the place's record fields, the score and the method: one run for each of the usual two
/// methods), and from after its byte offsets to its context's opening quote (the review
/// fields).
struct JsonRuns {
    folded: String,
    inflection: String,
    review: String,
}

impl JsonRuns {
    fn new(about: &str, review: &str, folded: &str, inflection: &str) -> Self {
        let method = |score: &str, method: &str| {
            let mut run = String::with_capacity(about.len() + 64);
            for part in [", ", about, ", \"score\": ", score, ", \"method\": \""] {
                run.push_str(part);
            }
            run.push_str(method);
            run.push_str("\", \"cue\": ");
            run
        };
        let mut rest = String::with_capacity(review.len() + 16);
        for part in [", ", review, ", \"context\": \""] {
            rest.push_str(part);
        }
        JsonRuns {
            folded: method(folded, "folded"),
            inflection: method(inflection, "inflection"),
            review: rest,
        }
    }
}

/// How a piece's records are written.
pub(crate) enum Style<'a, 'py> {
    /// `gazetteer.formats.json_line`'s JSON Lines
    Json,
    /// `gazetteer.formats.DelimitedWriter`'s rows, `delimiter` `,` (CSV) or a tab (TSV);
    /// `cell(value)` is Python's cell of a value (a score, a text a spreadsheet could take
    /// for a formula), and `about` gives a place's cells (id to lon, district to
    /// geonames_id), each run joined by the delimiter
    Delimited {
        delimiter: u8,
        cell: &'a Bound<'py, PyAny>,
    },
}

/// Python's cell of a value (`Style::Delimited`'s `cell`).
fn py_cell(cell: &Bound<'_, PyAny>, v: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cell.call1((v,))?.cast::<PyString>()?.to_str()?.to_owned())
}

/// A text's cell in a CSV (`delimiter` b',') or TSV (b'\t') row, as
/// `gazetteer.formats.DelimitedWriter` writes it: quoted (its quotes doubled) where it
/// holds the delimiter, a quote or a line end (csv.writer's minimal quoting, and a CR quoted
/// as the writer's own rows with one are); in TSV tabs and line ends become spaces first.
/// A text that starts with a character a spreadsheet may run (`formats._QUOTE_CHECK`)
/// is Python's to write (`cell`): a few a file at most.
fn text_cell(out: &mut String, s: &str, delimiter: u8, cell: &Bound<'_, PyAny>) -> PyResult<()> {
    let bytes = s.as_bytes();
    if bytes.first().is_some_and(|c| b"=+-@\t\r'".contains(c)) {
        out.push_str(&py_cell(cell, &PyString::new(cell.py(), s).into_any())?);
        return Ok(());
    }
    if delimiter == b'\t' {
        let spaced = bytes.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r'));
        let quoted = bytes.contains(&b'"');
        if !spaced && !quoted {
            out.push_str(s);
            return Ok(());
        }
        let t = if spaced {
            s.replace(['\t', '\n', '\r'], " ")
        } else {
            s.to_owned()
        };
        if quoted {
            push_quoted(out, &t);
        } else {
            out.push_str(&t);
        }
    } else if bytes
        .iter()
        .any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r') || c == delimiter)
    {
        push_quoted(out, s);
    } else {
        out.push_str(s);
    }
    Ok(())
}

/// `"` + the text with its quotes doubled + `"`.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, c) in s.bytes().enumerate() {
        if c == b'"' {
            out.push_str(&s[run..=i]);
            out.push('"');
            run = i + 1;
        }
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// `float.__repr__` of a Python float (json.dumps writes a finite float so).
fn float_repr(v: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(v.repr()?.to_str()?.to_owned())
}

/// Decimal digits of a count without a `format!` each.
struct Num([u8; 24]);

fn itoa_buf() -> Num {
    Num([0; 24])
}

impl Num {
    fn fmt(&mut self, mut n: usize) -> &str {
        // (two digits a division, from a table of the hundred pairs)
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let mut i = self.0.len();
        while n >= 100 {
            let k = (n % 100) * 2;
            n /= 100;
            i -= 2;
            self.0[i..i + 2].copy_from_slice(&PAIRS[k..k + 2]);
        }
        if n >= 10 {
            i -= 2;
            self.0[i..i + 2].copy_from_slice(&PAIRS[n * 2..n * 2 + 2]);
        } else {
            i -= 1;
            self.0[i] = b'0' + n as u8;
        }
        debug_assert!(self.0[i..].is_ascii());
        // SAFETY: only ASCII digits were written to `self.0[i..]` (no check of them per
        // number: four numbers a line)
        unsafe { std::str::from_utf8_unchecked(&self.0[i..]) }
    }
}
