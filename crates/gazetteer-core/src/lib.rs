//! gazetteer's compiled text engine, bound to Python as `gazetteer._core`.
//!
//! The Python reference implementations stay the specification: every function here gives
//! exactly what its Python counterpart gives (tests/test_core.py checks it on generated text
//! and on every variant name of the table).
//!
//! - [`fold`]: `gazetteer.text.folding.fold` and `skeleton`;
//! - [`tokens`]: `gazetteer.text.tokens.tokens`, the word spans in code-point offsets;
//! - [`pyuni`]: the Unicode operations the Python code relies on, as the running Python does
//!   them (its Unicode version, `str.lower`, `unicodedata.normalize`, `str.isalnum`, unidecode);
//! - [`lookup`]: `gazetteer lookup`'s names that decide early (exact key, an ending, the guards);
//! - [`loose`]: the candidate generators of its loose methods (one edit, a dropped letter);
//! - [`transcribe`]: its transcription tables read on a key (German dsch, ISO 9's ž);
//! - [`scan`]: the text scanner's engine (issue 15, being ported from `gazetteer.scan`);
//! - `tables`: their data, generated from Python by `tools/make_core_tables.py`.

pub mod fold;
pub mod lookup;
pub mod loose;
pub mod pyuni;
pub mod scan;
#[rustfmt::skip]
pub mod tables;
pub mod tokens;
pub mod transcribe;

#[cfg(feature = "python")]
mod python;
#[cfg(all(feature = "python", unix))]
mod writeback;

pub use fold::{fold, fold_into, romanise, skeleton};
pub use tokens::tokens;
