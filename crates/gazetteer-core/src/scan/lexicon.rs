//! The facts of a Latin-script word (English, Azerbaijani, Turkish), made by the engine
//! itself from the language data: the word lists and endings `word_facts` reads
//! (`gazetteer/scan/word_facts.py`), handed over once by Python as data
//! (`word_facts.lexicon_tables()`), so a word added to a language is a data edit.
//!
//! Only a word of ASCII letters and digits, Latin letters with a plain case (the Latin-1,
//! Latin Extended-A/B and Latin Extended Additional letters, ə) and apostrophes is read
//! here: for it `str.isupper`, `islower` are the letters' Uppercase and Lowercase
//! properties, it has no Cyrillic or Armenian letter (so its lemmas are the Turkic
//! endings' alone and the Armenian facts are false). Any other word is asked of Python.
//! What the word's variants say (whether one needs no context, whether they are only
//! transliterations) is given by the caller. tests/test_engine_lexicon.py holds this to
//! `word_facts` on many words.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::facts::{group, Facts};
use super::fxhash::{FxMap, FxSet};

/// What a word's own variants tell its facts (`word_facts`'s `hits`).
#[derive(Default, Clone, Copy)]
pub(crate) struct HitFacts {
    /// the word alone names something
    pub any: bool,
    /// one of its variants needs no context
    pub free: bool,
    /// its variants are only transliterations (`Vocabulary.transliterated`)
    pub transliterated: bool,
}

/// The word lists and endings of `word_facts`, by the names of `lexicon_tables()`.
pub(crate) struct Lexicon {
    suffix_cues: FxMap<String, String>,
    prefix_cues: FxMap<String, String>,
    /// cue words of Armenian only, folded (`_HY_ONLY_CUES`)
    hy_only_cues: FxSet<String>,
    /// as written
    articles: FxSet<String>,
    new_heads: FxSet<String>,
    list_words: FxSet<String>,
    sports_words: FxSet<String>,
    /// lower-cased
    work_prepositions: FxSet<String>,
    /// folded
    conjunctions: FxSet<String>,
    org_words: FxSet<String>,
    org_words_any_case: FxSet<String>,
    artist_titles: FxSet<String>,
    person_titles: FxSet<String>,
    work_words: FxSet<String>,
    function_words: FxSet<String>,
    venue_prepositions: FxSet<String>,
    locative_prepositions: FxSet<String>,
    quoted_name_words: FxSet<String>,
    family_endings: Vec<String>,
    russian_adjective_endings: Vec<String>,
    prefix_cue_min: usize,
    apostrophes: Vec<char>,
}

fn set(tables: &Bound<'_, PyDict>, name: &str) -> PyResult<FxSet<String>> {
    let mut out = FxSet::default();
    for k in item(tables, name)?.try_iter()? {
        let k = k?;
        // (a word that is no valid UTF-8 is in no text the engine reads)
        if let Ok(k) = k.cast::<PyString>()?.to_str() {
            out.insert(k.to_owned());
        }
    }
    Ok(out)
}

fn map(tables: &Bound<'_, PyDict>, name: &str) -> PyResult<FxMap<String, String>> {
    let mut out = FxMap::default();
    for (k, v) in item(tables, name)?.cast_into::<PyDict>()?.iter() {
        if let Ok(k) = k.cast::<PyString>()?.to_str() {
            out.insert(k.to_owned(), v.extract()?);
        }
    }
    Ok(out)
}

fn item<'py>(tables: &Bound<'py, PyDict>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    tables
        .get_item(name)?
        .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_owned()))
}

/// A letter whose case Python and Rust read alike and that is neither Cyrillic nor
/// Armenian: ASCII, the Latin-1 letters, Latin Extended-A and -B (but the four titlecase
/// digraphs, which are neither upper nor lower case in `str.isupper`), ə, and Latin
/// Extended Additional.
fn latin_letter(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (('\u{00c0}'..='\u{024f}').contains(&c)
            && !matches!(
                c,
                '\u{00d7}' | '\u{00f7}' | '\u{01c5}' | '\u{01c8}' | '\u{01cb}' | '\u{01f2}'
            ))
        || c == '\u{0259}'
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

impl Lexicon {
    /// From `word_facts.lexicon_tables()`.
    pub fn new(tables: &Bound<'_, PyAny>) -> PyResult<Self> {
        let t = tables.cast::<PyDict>()?;
        Ok(Lexicon {
            suffix_cues: map(t, "suffix_cues")?,
            prefix_cues: map(t, "prefix_cues")?,
            hy_only_cues: set(t, "hy_only_cues")?,
            articles: set(t, "articles")?,
            new_heads: set(t, "new_heads")?,
            list_words: set(t, "list_words")?,
            sports_words: set(t, "sports_words")?,
            work_prepositions: set(t, "work_prepositions")?,
            conjunctions: set(t, "conjunctions")?,
            org_words: set(t, "org_words")?,
            org_words_any_case: set(t, "org_words_any_case")?,
            artist_titles: set(t, "artist_titles")?,
            person_titles: set(t, "person_titles")?,
            work_words: set(t, "work_words")?,
            function_words: set(t, "function_words")?,
            venue_prepositions: set(t, "venue_prepositions")?,
            locative_prepositions: set(t, "locative_prepositions")?,
            quoted_name_words: set(t, "quoted_name_words")?,
            family_endings: item(t, "family_endings")?.extract()?,
            russian_adjective_endings: item(t, "russian_adjective_endings")?.extract()?,
            prefix_cue_min: item(t, "prefix_cue_min")?.extract()?,
            apostrophes: item(t, "apostrophes")?
                .extract::<String>()?
                .chars()
                .collect(),
        })
    }

    /// Does the engine make this word's facts itself (see the module)? A word of Latin
    /// letters and digits, apostrophes only between them.
    pub fn covers(&self, word: &str) -> bool {
        !word.is_empty()
            && word
                .chars()
                .all(|c| latin_letter(c) || self.apostrophes.contains(&c))
    }

    /// Is a folded word a cue of Armenian only, which is no cue where it is a common word
    /// of another language (then the caller asks whether it is one)?
    pub fn hy_only_cue(&self, key: &str) -> bool {
        self.hy_only_cues.contains(key)
    }

    /// `cue_group`: the group of the word, or of one of its lemmas, in a cue table
    /// (``common``: the word, folded, is a common word).
    fn cue_group(
        table: &FxMap<String, String>,
        key: &str,
        lemmas: &[(String, String)],
        hy_only_common: bool,
    ) -> Option<&'static str> {
        match table.get(key) {
            Some(g) => (!hy_only_common).then(|| group(g)),
            None => {
                // (Python keeps the last lemma's group when none is truthy)
                let mut got = None;
                for (lemma, _) in lemmas {
                    got = table.get(lemma);
                    if got.is_some_and(|g| !g.is_empty()) {
                        break;
                    }
                }
                got.map(|g| group(g))
            }
        }
    }

    /// The facts of a word it `covers`, folded as ``key``, with its Turkic ``lemmas``
    /// (`word_lemmas`), what its variants say, and ``hy_only_common``: it is an
    /// Armenian-only cue and a common word (see `hy_only_cue`).
    pub fn facts(
        &self,
        word: &str,
        key: &str,
        lemmas: &[(String, String)],
        hits: HitFacts,
        hy_only_common: bool,
    ) -> Facts {
        let in_forms =
            |s: &FxSet<String>| s.contains(key) || lemmas.iter().any(|(l, _)| s.contains(l));
        let first = word.chars().next();
        let first_upper = first.is_some_and(char::is_uppercase);
        let any_upper = word.chars().any(char::is_uppercase);
        let any_lower = word.chars().any(char::is_lowercase);
        // the organisation words: the word's forms, and its part before an apostrophe
        let before_apostrophe = word
            .find(|c| self.apostrophes.contains(&c))
            .map(|at| crate::fold(&word[..at]));
        let org_in = |s: &FxSet<String>| {
            in_forms(s) || before_apostrophe.as_ref().is_some_and(|b| s.contains(b))
        };
        let org = if org_in(&self.org_words_any_case) {
            2
        } else if org_in(&self.org_words) {
            1
        } else {
            0
        };
        let title = if in_forms(&self.artist_titles) {
            2
        } else if in_forms(&self.person_titles) {
            1
        } else {
            0
        };
        let prefix_group = if key.chars().count() >= self.prefix_cue_min {
            Self::cue_group(&self.prefix_cues, key, lemmas, hy_only_common)
        } else {
            None
        };
        Facts {
            first_upper,
            first_lower: first.is_some_and(char::is_lowercase),
            upper: any_upper && !any_lower,
            no_upper: !any_upper,
            cyrillic: false,
            armenian: false,
            suffix_group: Self::cue_group(&self.suffix_cues, key, lemmas, hy_only_common),
            prefix_group,
            article: self.articles.contains(word),
            new_head: self.new_heads.contains(word),
            list_word: self.list_words.contains(word),
            list_item: first_upper || hits.any,
            conjunction: self.conjunctions.contains(key),
            russian_adjective: self
                .russian_adjective_endings
                .iter()
                .any(|e| key.ends_with(e.as_str())),
            hy_common: false,
            hy_derived: false,
            org,
            title,
            work: in_forms(&self.work_words),
            work_preposition: self.work_prepositions.contains(&crate::pyuni::lower(word)),
            family_ending: self
                .family_endings
                .iter()
                .any(|e| key.ends_with(e.as_str())),
            function_word: self.function_words.contains(key),
            prefix_cue_word: self.prefix_cues.contains_key(key),
            suffix_cue_word: self.suffix_cues.get(key).is_some_and(|g| !g.is_empty()),
            venue_preposition: self.venue_prepositions.contains(key),
            hy_noun: false,
            hy_family: false,
            hy_venue: false,
            lower: any_lower && !any_upper,
            locative: self.locative_prepositions.contains(key),
            free_hit: hits.free,
            transliterated: hits.any && hits.transliterated,
            quoted_name_word: in_forms(&self.quoted_name_words) || self.sports_words.contains(word),
        }
    }
}
