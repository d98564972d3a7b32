//! A batch lookup's JSON lines of an answer, in compiled code (issue 15).
//!
//! `gazetteer.batch_lookup._joined_lines_python` is the specification: for each candidate
//! (place, variant, method, score, needs_context) of an answer, the query, the place's
//! fields as Python wrote them once (`places`: place -> the text `_place_part` made) and the
//! match's fields, as `formats.json_line` writes a lookup record, byte for byte; the lines
//! of one answer joined. None (Python writes the lines) wherever a value is not one the one
//! format string writes: a place whose fields are not made yet or that json writes its own
//! way (""), a score whose rounding is not a finite float, a method or variant text that is
//! not a str, a needs_context that is not a bool, a query or text with lone surrogates.
//! tests/test_lookup_batch_equivalence.py holds the lines equal to the twin's.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString, PyTuple};

use crate::python::json_str;
use crate::scan::fxhash::FxMap;

/// The most distinct scores whose written form is kept: a batch's scores repeat (each
/// method's own score, the same few hundred fuzzy ratios), and a score not kept is only
/// written again by Python's `round` and `repr`.
const SCORES_KEPT: usize = 4096;

/// `repr(round(score, 1))` of the scores seen, by their bits (None: not a finite float).
#[derive(Default)]
pub struct ScoreTexts {
    texts: FxMap<u64, Option<String>>,
}

impl ScoreTexts {
    /// `repr(round(score, 1))` as Python writes it (the builtins asked once per score),
    /// or None when the rounded score is not a finite float (json writes it its own way).
    fn of(&mut self, score: &Bound<'_, PyFloat>) -> PyResult<Option<String>> {
        let bits = score.value().to_bits();
        if let Some(text) = self.texts.get(&bits) {
            return Ok(text.clone());
        }
        let py = score.py();
        let rounded = py
            .import(pyo3::intern!(py, "builtins"))?
            .getattr(pyo3::intern!(py, "round"))?
            .call1((score, 1))?;
        let text = match rounded.cast_exact::<PyFloat>() {
            Ok(f) if f.value().is_finite() => Some(rounded.repr()?.to_str()?.to_owned()),
            _ => None,
        };
        if self.texts.len() < SCORES_KEPT {
            self.texts.insert(bits, text.clone());
        }
        Ok(text)
    }
}

/// The text of a str exactly (no subclass), None for anything else or lone surrogates.
fn exact_str<'a>(v: &'a Bound<'_, PyAny>) -> Option<&'a str> {
    v.cast_exact::<PyString>().ok()?.to_str().ok()
}

/// `_joined_lines_python(variant, query, found, places, ranked)`: the JSON lines of an
/// answer's candidates, joined, with `variants` the index's variant rows (text second).
pub fn joined(
    scores: &mut ScoreTexts,
    variants: &Bound<'_, PyList>,
    query: &Bound<'_, PyString>,
    found: &Bound<'_, PyAny>,
    places: &Bound<'_, PyDict>,
    ranked: bool,
) -> PyResult<Option<String>> {
    let Ok(query) = query.to_str() else {
        return Ok(None); // lone surrogates
    };
    let mut head = String::with_capacity(query.len() + 12);
    head.push_str("{\"query\": ");
    json_str(&mut head, query);
    let mut out = String::with_capacity(320);
    for (k, c) in found.try_iter()?.enumerate() {
        let c = c?;
        let Ok(c) = c.cast_exact::<PyTuple>() else {
            return Ok(None);
        };
        if c.len() != 5 {
            return Ok(None);
        }
        let Some(place) = places.get_item(c.get_item(0)?)? else {
            return Ok(None); // (not made yet: Python makes it)
        };
        let Some(place) = exact_str(&place).filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        let Ok(v) = c.get_item(1)?.extract::<usize>() else {
            return Ok(None);
        };
        let Ok(row) = variants.get_item(v) else {
            return Ok(None); // (Python raises as it would)
        };
        let Ok(text) = row.get_item(1) else {
            return Ok(None);
        };
        let Some(text) = exact_str(&text) else {
            return Ok(None);
        };
        let method = c.get_item(2)?;
        let Some(method) = exact_str(&method) else {
            return Ok(None);
        };
        let score = c.get_item(3)?;
        let Ok(score) = score.cast_exact::<PyFloat>() else {
            return Ok(None);
        };
        let Some(score) = scores.of(score)? else {
            return Ok(None);
        };
        let needs_context = c.get_item(4)?;
        if !needs_context.is_exact_instance_of::<PyBool>() {
            return Ok(None);
        }
        out.push_str(&head);
        out.push_str(place);
        out.push_str("\"score\": ");
        out.push_str(&score);
        out.push_str(", \"matched_variant\": ");
        json_str(&mut out, text);
        out.push_str(", \"method\": ");
        json_str(&mut out, method);
        out.push_str(", \"needs_context\": ");
        out.push_str(if needs_context.is_truthy()? {
            "true"
        } else {
            "false"
        });
        if ranked {
            out.push_str(", \"rank\": ");
            out.push_str(&(k + 1).to_string());
        }
        out.push_str("}\n");
    }
    Ok(Some(out))
}
