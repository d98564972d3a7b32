//! `gazetteer._core.Engine`: the scan loop over one text, with the Python callbacks for
//! what is not ported yet (see the module above).

use pyo3::prelude::*;
use pyo3::types::{PyList, PySlice, PyString, PyTuple};

use super::fxhash::{FxMap, FxSet};
use super::text::{joins, needs_python_split, parts};
use super::verdict::{HEAD, NO, PAIR};

/// Engine(host, vocabulary_cache, small_cache)
/// --
///
/// The scan loop of one index. ``host`` answers what is still Python (see
/// gazetteer.scan.engine): ``classify(words) -> verdicts``, ``pair_starts_name(a, b)``,
/// ``split(text) -> parts``, ``doc(text, parts, words)``, ``match_at(doc, i, multi)``,
/// ``finish(doc, mentions, deferred)``, ``scan(text)`` (the reference, for text that
/// holds lone surrogates).
#[pyclass(module = "gazetteer._core")]
pub struct Engine {
    classify: Py<PyAny>,
    pair_starts_name: Py<PyAny>,
    split: Py<PyAny>,
    doc: Py<PyAny>,
    match_at: Py<PyAny>,
    finish: Py<PyAny>,
    reference: Py<PyAny>,
    /// word -> verdict (Scanner._interesting), emptied when a text would overfill it
    verdicts: FxMap<String, u8>,
    vocabulary_cache: usize,
    /// (word, next word) -> can the two start a name (Scanner._pairs)
    pairs: FxMap<(String, String), bool>,
    small_cache: usize,
}

#[pymethods]
impl Engine {
    #[new]
    fn new(host: &Bound<'_, PyAny>, vocabulary_cache: usize, small_cache: usize) -> PyResult<Self> {
        let get = |name: &str| -> PyResult<Py<PyAny>> { Ok(host.getattr(name)?.unbind()) };
        Ok(Engine {
            classify: get("classify")?,
            pair_starts_name: get("pair_starts_name")?,
            split: get("split")?,
            doc: get("doc")?,
            match_at: get("match_at")?,
            finish: get("finish")?,
            reference: get("scan")?,
            verdicts: FxMap::default(),
            vocabulary_cache,
            pairs: FxMap::default(),
            small_cache,
        })
    }

    /// scan(text, /)
    /// --
    ///
    /// The mentions of a text (a list of gazetteer.records.Mention), as Scanner.scan.
    fn scan<'py>(&mut self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
        let py = text.py();
        let Ok(s) = text.to_str() else {
            // lone surrogates: no Rust string holds them
            return self.reference.bind(py).call1((text,));
        };
        let mut py_parts: Option<Bound<'py, PyList>> = None;
        let bounds = if needs_python_split(s) {
            let got = self.split.bind(py).call1((text,))?.cast_into::<PyList>()?;
            let mut b = Vec::with_capacity(got.len() + 1);
            b.push(0);
            let mut at = 0;
            for part in got.iter() {
                at += part.cast::<PyString>()?.to_str()?.len();
                b.push(at);
            }
            py_parts = Some(got);
            b
        } else {
            parts(s)
        };
        let n = (bounds.len() - 2) / 2; // words
        let word = |k: usize| &s[bounds[2 * k + 1]..bounds[2 * k + 2]];
        let gap = |k: usize| &s[bounds[2 * k]..bounds[2 * k + 1]];

        let flags = self.verdicts_of(py, n, &word)?;
        if flags.iter().all(|&f| f == NO) {
            return Ok(PyList::empty(py).into_any());
        }
        let py_parts = match py_parts {
            Some(p) => p,
            None => PyList::new(py, bounds.windows(2).map(|w| &s[w[0]..w[1]]))?,
        };
        let toks = py_parts
            .as_any()
            .get_item(PySlice::new(py, 1, py_parts.len() as isize, 2))?;
        let doc = self.doc.bind(py).call1((text, &py_parts, toks))?;
        let mentions = PyList::empty(py);
        let deferred = PyList::empty(py);
        let mut free = 0usize;
        let match_at = self.match_at.clone_ref(py).into_bound(py);
        for (i, &flag) in flags.iter().enumerate() {
            if flag == NO || i < free {
                continue;
            }
            let multi = if flag >= HEAD {
                let mut go_on = false;
                if i + 1 < n && joins(gap(i + 1)) {
                    go_on = self.pair_starts(py, word(i), word(i + 1))?;
                }
                if !go_on && flag == HEAD {
                    continue;
                }
                go_on
            } else {
                flag == PAIR
            };
            let got = match_at.call1((&doc, i, multi))?;
            if got.is_none() {
                continue;
            }
            let got = got.cast_into::<PyTuple>()?;
            let mention = got.get_item(0)?;
            let used: usize = got.get_item(1)?.extract()?;
            if !mention.is_none() {
                if got.get_item(2)?.is_truthy()? {
                    deferred.append(mention)?;
                } else {
                    mentions.append(mention)?;
                }
            }
            free = i + used;
        }
        self.finish.bind(py).call1((doc, mentions, deferred))
    }
}

impl Engine {
    /// The verdict of each word, asking Python once for the words not seen before.
    fn verdicts_of<'a>(
        &mut self,
        py: Python<'_>,
        n: usize,
        word: &impl Fn(usize) -> &'a str,
    ) -> PyResult<Vec<u8>> {
        let mut flags = Vec::with_capacity(n);
        let mut missing = false;
        for k in 0..n {
            match self.verdicts.get(word(k)) {
                Some(&v) => flags.push(v),
                None => {
                    missing = true;
                    break;
                }
            }
        }
        if !missing {
            return Ok(flags);
        }
        let mut new: Vec<&str> = Vec::new();
        let mut seen: FxSet<&str> = FxSet::default();
        for k in 0..n {
            let w = word(k);
            if !self.verdicts.contains_key(w) && seen.insert(w) {
                new.push(w);
            }
        }
        if self.verdicts.len() + new.len() > self.vocabulary_cache {
            self.verdicts.clear();
            seen.clear();
            new.clear();
            for k in 0..n {
                let w = word(k);
                if seen.insert(w) {
                    new.push(w);
                }
            }
        }
        let got: Vec<u8> = self
            .classify
            .bind(py)
            .call1((PyList::new(py, &new)?,))?
            .extract()?;
        for (w, v) in new.into_iter().zip(got) {
            self.verdicts.insert(w.to_owned(), v);
        }
        Ok((0..n).map(|k| self.verdicts[word(k)]).collect())
    }

    /// Can a name of two words or more start with these two words (Scanner._pair_starts_name)?
    fn pair_starts(&mut self, py: Python<'_>, first: &str, second: &str) -> PyResult<bool> {
        let key = (first.to_owned(), second.to_owned());
        if let Some(&ok) = self.pairs.get(&key) {
            return Ok(ok);
        }
        let ok = self
            .pair_starts_name
            .bind(py)
            .call1((first, second))?
            .is_truthy()?;
        if self.pairs.len() >= self.small_cache {
            self.pairs.clear();
        }
        self.pairs.insert(key, ok);
        Ok(ok)
    }
}
