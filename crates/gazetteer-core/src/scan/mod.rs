//! The text scanner's compiled engine (issue 15), ported from `gazetteer.scan` step by step.
//!
//! Ported so far: cutting a text into words and gaps, the per-word verdict "can a mention
//! start here?" (asked of Python once per distinct word and kept here, bounded), and the
//! scan loop (which words start a candidate, whether two words can start a multi-word
//! name, skipping words inside a mention found). Still in Python, called back per
//! candidate: the candidate at a word (`Scanner._match_at`, with the rules) and the passes
//! over the whole text. `gazetteer/scan/engine.py` supplies those callbacks; the Python
//! `Scanner` stays the reference (tests/test_engine_agreement.py).

pub mod fxhash;
pub mod pytext;
pub mod text;

#[cfg(feature = "python")]
mod document;
#[cfg(feature = "python")]
mod facts;
#[cfg(feature = "python")]
mod rules;

#[cfg(feature = "python")]
mod engine;

#[cfg(feature = "python")]
pub use engine::Engine;

/// What `Scanner._classify` says of a word: can a mention start at it?
pub mod verdict {
    /// no
    pub const NO: u8 = 0;
    /// a name, or a declined Russian adjective that may start one (PAIR)
    pub const YES: u8 = 1;
    pub const PAIR: u8 = 2;
    /// only as the first word of a multi-word name: the next word decides
    pub const HEAD: u8 = 3;
    /// a name that also starts longer ones
    pub const BOTH: u8 = 4;
}
