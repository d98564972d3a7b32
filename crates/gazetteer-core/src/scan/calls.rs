//! `Gazetteer.extract` and `Gazetteer.normalise` as compiled methods (the Python class
//! `gazetteer._core.Calls`), which a `Gazetteer` puts in its instance in place of its Python
//! methods (gazetteer/api.py): a caller that extracts a line of newswire a call (about 110
//! bytes) paid ~1,300 instructions a call for the Python method's frame around the engine's
//! call, 12% of the loop's instructions, where a compiled method's call costs ~100.
//!
//! Each method does what the Python method does: the engine's `scan_records` (or
//! `normalise`) with the gazetteer's `_about_of` (its `_normaliser` callback), and the
//! gazetteer's Python way for a text the engine cannot hold (lone surrogates). The engine is
//! the gazetteer's own (`Gazetteer.scanner`), made when first asked, so that a gazetteer only
//! looked up in never makes one.

use pyo3::gc::{PyTraverseError, PyVisit};
use pyo3::prelude::*;
use pyo3::types::PyString;

use super::Engine;

/// What the methods call, taken from the gazetteer on the first call.
struct Targets {
    /// the gazetteer's engine (`Gazetteer.scanner`'s compiled core)
    engine: Py<Engine>,
    /// `Gazetteer._about_of`, extract's place fields
    about: Py<PyAny>,
    /// the last naming and mode normalise was asked for, with its `Gazetteer._normaliser`
    /// callback (one pair in nearly every run; another is asked of the gazetteer)
    rewrite: Option<(String, String, Py<PyAny>)>,
}

/// Gazetteer.extract and normalise, compiled (see the module's comment).
#[pyclass(module = "gazetteer._core")]
pub struct Calls {
    /// the gazetteer (None once the cycle collector cleared it)
    gazetteer: Option<Py<PyAny>>,
    bound: Option<Targets>,
}

impl Calls {
    fn gazetteer<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, PyAny>> {
        match &self.gazetteer {
            Some(g) => Ok(g.bind(py)),
            None => Err(pyo3::exceptions::PyReferenceError::new_err(
                "the gazetteer of these calls is gone",
            )),
        }
    }

    /// The engine and `_about_of`, asked of the gazetteer once.
    fn bound(&mut self, py: Python<'_>) -> PyResult<&mut Targets> {
        if self.bound.is_none() {
            let g = self.gazetteer(py)?;
            let engine: Py<Engine> = g.call_method0(pyo3::intern!(py, "_engine"))?.extract()?;
            let about = g.getattr(pyo3::intern!(py, "_about_of"))?.unbind();
            self.bound = Some(Targets {
                engine,
                about,
                rewrite: None,
            });
        }
        Ok(self.bound.as_mut().expect("bound just above"))
    }
}

#[pymethods]
impl Calls {
    #[new]
    fn new(gazetteer: Py<PyAny>) -> Self {
        Calls {
            gazetteer: Some(gazetteer),
            bound: None,
        }
    }

    /// extract(text, *, naming='en')
    /// --
    ///
    /// Every place mention of a text, with code-point offsets (Gazetteer.extract).
    #[pyo3(signature = (text, *, naming = "en"))]
    fn extract<'py>(
        &mut self,
        text: &Bound<'py, PyString>,
        naming: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = text.py();
        let b = self.bound(py)?;
        let got = b
            .engine
            .bind(py)
            .borrow_mut()
            .scan_records(text, naming, b.about.bind(py))?;
        match got {
            Some(records) => Ok(records.into_any()),
            None => self
                .gazetteer(py)?
                .call_method1(pyo3::intern!(py, "_extract_python"), (text, naming)),
        }
    }

    /// normalise(text, *, naming='en', mode='replace')
    /// --
    ///
    /// The text with each mention replaced by its canonical name (Gazetteer.normalise).
    #[pyo3(signature = (text, *, naming = "en", mode = "replace"))]
    fn normalise<'py>(
        &mut self,
        text: &Bound<'py, PyString>,
        naming: &str,
        mode: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = text.py();
        let g = self.gazetteer(py)?.clone();
        let b = self.bound(py)?;
        let rewrite = match &b.rewrite {
            Some((n, m, r)) if n == naming && m == mode => r.clone_ref(py),
            _ => {
                let made = g.call_method1(pyo3::intern!(py, "_normaliser"), (naming, mode))?;
                let r = made.get_item(1)?.unbind();
                b.rewrite = Some((naming.to_owned(), mode.to_owned(), r.clone_ref(py)));
                r
            }
        };
        let got = b
            .engine
            .bind(py)
            .borrow_mut()
            .normalise(text, naming, mode, rewrite.bind(py))?;
        match got {
            Some(out) => Ok(out.into_any()),
            None => g.call_method1(pyo3::intern!(py, "_normalise_python"), (text, naming, mode)),
        }
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.gazetteer)?;
        if let Some(b) = &self.bound {
            visit.call(&b.engine)?;
            visit.call(&b.about)?;
            if let Some((_, _, r)) = &b.rewrite {
                visit.call(r)?;
            }
        }
        Ok(())
    }

    fn __clear__(&mut self) {
        self.gazetteer = None;
        self.bound = None;
    }
}
