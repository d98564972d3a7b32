//! The text scanner (issue 15): the scan runs here only. It was ported from a Python
//! scanner step by step, each step identical to it, and that scanner is gone; what Python
//! still answers (once per word, span, place) is the host's (`gazetteer/scan/engine.py`).
//!
//! - [`text`]: a text cut into words and gaps, and the gaps that join words of a name;
//! - `calls`: `Gazetteer.extract` and `normalise` as compiled methods of the engine;
//! - `engine`: `Engine` (the Python class `gazetteer._core.Engine`), the scan loop, the
//!   candidate finder, and the caches of what Python answers once per word, pair, key or
//!   place (`gazetteer/scan/engine.py` is the host that answers);
//! - `facts`: what the rules need to know of a word alone;
//! - `lexicon`: the facts of a Latin-script word, from the language word lists;
//! - `armenian_latin`: Armenian written in Latin letters: the text decided, its endings read;
//! - `rules`: the judge of a candidate and one module per decision (cues, persons, lists, sports, case);
//! - `document`: one sense per text and disambiguation by distance;
//! - `ranking`: the ranking of a span whose variants are of one place, from the index's rank rows;
//! - [`pytext`]: Python's string predicates and regexes the rules use, on `&str`;
//! - [`fxhash`]: the hasher of the caches;
//! - [`pieces`]: the pieces `textio.iter_pieces` cuts an input into, found on its bytes;
//! - `lines`, `rewrite`: extract's JSON Lines and normalise's text of a piece, as bytes for the CLI;
//! - [`turkic`]: the Turkic endings' lemmas, for the words read by them alone;
//! - [`wordkey`]: a word as the key of the table of distinct words, short ones inline.
//!
//! Still Python: what a Cyrillic or Armenian word (or one of other letters) the pre-filter
//! (`Engine::surely_no`) passes is, the ranking of a span that may name several places, a place's row (asked once each), and
//! the Mention records (see gazetteer/scan/engine.py); a Latin-script word is the
//! `lexicon`'s.

pub mod fxhash;
pub mod geo;
pub mod keytable;
pub mod openings;
pub mod pieces;
pub mod pytext;
pub mod text;
pub mod turkic;
pub mod wordkey;

#[cfg(feature = "python")]
pub(crate) mod armenian_latin;
#[cfg(feature = "python")]
mod document;
#[cfg(feature = "python")]
mod facts;
#[cfg(feature = "python")]
mod lexicon;
#[cfg(feature = "python")]
pub(crate) mod rules;

#[cfg(feature = "python")]
mod calls;
#[cfg(feature = "python")]
mod engine;
#[cfg(feature = "python")]
pub(crate) mod lines;
#[cfg(feature = "python")]
mod ranking;
#[cfg(feature = "python")]
mod rewrite;

#[cfg(feature = "python")]
pub use calls::Calls;
#[cfg(feature = "python")]
pub use engine::Engine;

/// What `Vocabulary.classify` says of a word: can a mention start at it?
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
