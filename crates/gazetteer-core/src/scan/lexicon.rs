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

use std::sync::Arc as Rc;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString, PyTuple};

use super::engine::{Engine, Hit};
use super::facts::{group, Facts};
use super::fxhash::{FxMap, FxSet};
use super::turkic::turkic_only;
use super::verdict::{BOTH, HEAD, NO, YES};

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

/// The word lists and endings of `word_facts`, by the names of `lexicon_tables()`, and
/// what the engine reads of the variants a word names (`_Host.lexicon`).
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
    /// folded, matched as written only (no lemma: անվան, not անվանում's)
    org_words_as_written: FxSet<String>,
    artist_titles: FxSet<String>,
    person_titles: FxSet<String>,
    work_words: FxSet<String>,
    function_words: FxSet<String>,
    venue_prepositions: FxSet<String>,
    locative_prepositions: FxSet<String>,
    quoted_name_words: FxSet<String>,
    given_names: FxSet<String>,
    name_titles_after: FxSet<String>,
    origin_prepositions: FxSet<String>,
    family_endings: Vec<String>,
    /// endings of family names and bynames, folded (`surname_endings.txt`: -li, -ov, -yan)
    surname_endings: Vec<String>,
    russian_adjective_endings: Vec<String>,
    prefix_cue_min: usize,
    apostrophes: Vec<char>,
    /// what the engine reads of each variant (built with the index)
    pub variants: VariantTable,
    rules: HitRules,
    /// the index's common words and ambiguous names, read whole once Python has been
    /// asked of them `lists_after` times (`word_lists`, `CompiledIndex.word_lists`)
    lists: std::sync::OnceLock<WordLists>,
    word_lists: Py<PyAny>,
    lists_after: usize,
    lists_asked: std::sync::atomic::AtomicUsize,
    /// the flags of the spellings asked of the lists read whole (each a probe of two
    /// lists of 230,000 words): the words of a text come back
    spelled_kept: std::sync::Mutex<FxMap<Box<str>, (bool, bool)>>,
}

/// Spellings whose flags `Lexicon::spelled_flags` keeps, before it forgets them all.
const SPELLED_KEPT: usize = 1 << 14;

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
            org_words_as_written: set(t, "org_words_as_written")?,
            artist_titles: set(t, "artist_titles")?,
            person_titles: set(t, "person_titles")?,
            work_words: set(t, "work_words")?,
            function_words: set(t, "function_words")?,
            venue_prepositions: set(t, "venue_prepositions")?,
            locative_prepositions: set(t, "locative_prepositions")?,
            quoted_name_words: set(t, "quoted_name_words")?,
            given_names: set(t, "given_names")?,
            name_titles_after: set(t, "name_titles_after")?,
            origin_prepositions: set(t, "origin_prepositions")?,
            family_endings: item(t, "family_endings")?.extract()?,
            surname_endings: item(t, "surname_endings")?.extract()?,
            russian_adjective_endings: item(t, "russian_adjective_endings")?.extract()?,
            prefix_cue_min: item(t, "prefix_cue_min")?.extract()?,
            apostrophes: item(t, "apostrophes")?
                .extract::<String>()?
                .chars()
                .collect(),
            variants: VariantTable::new(
                &item(t, "variant_flags")?,
                &item(t, "variant_importance")?,
            )?,
            lists: std::sync::OnceLock::new(),
            word_lists: item(t, "word_lists")?.unbind(),
            lists_after: item(t, "word_lists_after")?.extract()?,
            lists_asked: std::sync::atomic::AtomicUsize::new(0),
            spelled_kept: Default::default(),
            rules: HitRules {
                min_inflected_key: item(t, "min_inflected_key")?.extract()?,
                inflected_over_exact: item(t, "inflected_over_exact")?.extract()?,
                turkic_letters: item(t, "turkic_letters")?
                    .extract::<String>()?
                    .chars()
                    .collect(),
            },
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

    /// The letters before an apostrophe inside the word ("Türkiye" of "Türkiye'de"), if
    /// any: Turkish and Azerbaijani so set a proper name's case ending apart
    /// (`vocabulary._stem_before_apostrophe`).
    fn stem_before_apostrophe<'w>(&self, word: &'w str) -> Option<&'w str> {
        let first = word.chars().next()?.len_utf8();
        let last = word.char_indices().next_back()?.0;
        word[first..last]
            .find(|c| self.apostrophes.contains(&c))
            .map(|at| &word[..first + at])
    }

    /// `Vocabulary.key_flags` of a folded key from the word lists, once read (see
    /// `lists`); None: ask Python (which counts towards reading them).
    pub fn key_flags(&self, py: Python<'_>, key: &str) -> PyResult<Option<(bool, bool)>> {
        use std::sync::atomic::Ordering::Relaxed;
        if let Some(lists) = self.lists.get() {
            return Ok(lists.key_flags(key));
        }
        if self.lists_asked.fetch_add(1, Relaxed) < self.lists_after {
            return Ok(None);
        }
        let lists = WordLists::new(&self.word_lists.bind(py).call0()?)?;
        Ok(self.lists.get_or_init(|| lists).key_flags(key))
    }

    /// Does a word, folded, end like a family name or byname (Hüseynli, Mamedov) and run
    /// on at least two letters before the ending?
    pub fn surname_shaped(&self, word: &str) -> bool {
        let key = crate::fold(word);
        self.surname_endings
            .iter()
            .any(|e| key.ends_with(e.as_str()) && key[..key.len() - e.len()].chars().count() >= 2)
    }

    /// Is a folded key a given name (`given_names.txt`)?
    pub fn is_given_name(&self, key: &str) -> bool {
        self.given_names.contains(key)
    }

    /// Is a word, folded, a given name with a family ending or byname ending (Hüseyn-li,
    /// Həsən-ov)?
    pub fn family_name_of_given_name(&self, word: &str) -> bool {
        let key = crate::fold(word);
        self.surname_endings.iter().any(|e| {
            key.strip_suffix(e.as_str())
                .is_some_and(|stem| self.given_names.contains(stem))
        })
    }

    /// (an ambiguous name, a common word) as spelled (`gazetteer.wordlist.spelling`: a
    /// word of its own script, case and accents aside), from the lists once read, else
    /// `ask`ed of Python (which counts towards reading them, as `key_flags`).
    pub fn spelled_flags(
        &self,
        py: Python<'_>,
        spelling: &str,
        ask: impl FnOnce() -> PyResult<(bool, bool)>,
    ) -> PyResult<(bool, bool)> {
        use std::sync::atomic::Ordering::Relaxed;
        let lists = match self.lists.get() {
            Some(l) => l,
            None if self.lists_asked.fetch_add(1, Relaxed) < self.lists_after => return ask(),
            None => {
                let l = WordLists::new(&self.word_lists.bind(py).call0()?)?;
                self.lists.get_or_init(|| l)
            }
        };
        let mut kept = self
            .spelled_kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&flags) = kept.get(spelling) {
            return Ok(flags);
        }
        let flags = (
            lists.spelled_ambiguous.contains(spelling),
            lists.spelled_common.contains(spelling),
        );
        if kept.len() >= SPELLED_KEPT {
            kept.clear();
        }
        kept.insert(Box::from(spelling), flags);
        Ok(flags)
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
        let org = if org_in(&self.org_words_any_case) || self.org_words_as_written.contains(key) {
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
            given_name: self.given_names.contains(key),
            title_after: in_forms(&self.name_titles_after),
            origin: self.origin_prepositions.contains(key),
        }
    }
}

/// The flags of `gazetteer/scan/spellings.py`.
const NEEDS_CONTEXT: u8 = 1;
const SPELT_OUT: u8 = 2;
const LATIN_SPELLING: u8 = 4;

/// What the engine reads of each variant id (`spellings.VariantTable`, built with the
/// index): its flags and its place's importance.
pub(crate) struct VariantTable {
    flags: Vec<u8>,
    importance: std::sync::OnceLock<Vec<f64>>,
    read_importance: Py<PyAny>,
}

/// What a Latin-script word alone names (`Vocabulary.word_hits`): the variant ids, the
/// method and the ending; ``key``: the ids are the tuple the index holds for this key, as
/// Python hands it (unfiltered), rather than a new tuple.
pub(crate) struct Found {
    pub ids: Vec<i64>,
    pub key: Option<String>,
    pub method: &'static str,
    pub suffix: String,
}

/// The thresholds of `gazetteer.scan.weights` the word's hits read, and the Turkic letters.
struct HitRules {
    min_inflected_key: usize,
    inflected_over_exact: f64,
    /// `LEXICON.special_letters`: letters of Azerbaijani and Turkish that English does not use
    turkic_letters: Vec<char>,
}

impl VariantTable {
    /// From the flags (`CompiledIndex.variant_flags()`) and what reads the importances
    /// when first needed (`CompiledIndex.variant_importance`: little-endian doubles; few
    /// words need them, and a short text should not pay for reading them).
    pub fn new(flags: &Bound<'_, PyAny>, importance: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(VariantTable {
            flags: flags.cast::<PyBytes>()?.as_bytes().to_vec(),
            importance: std::sync::OnceLock::new(),
            read_importance: importance.clone().unbind(),
        })
    }

    /// The importances, read once.
    fn importances(&self, py: Python<'_>) -> PyResult<&[f64]> {
        if let Some(got) = self.importance.get() {
            return Ok(got);
        }
        let raw = self.read_importance.bind(py).call0()?;
        let got: Vec<f64> = raw
            .cast::<PyBytes>()?
            .as_bytes()
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        if got.len() != self.flags.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "the variant table's two parts differ in length",
            ));
        }
        Ok(self.importance.get_or_init(|| got))
    }

    fn has(&self, v: i64, flag: u8) -> bool {
        usize::try_from(v)
            .ok()
            .and_then(|v| self.flags.get(v))
            .is_some_and(|f| f & flag != 0)
    }

    /// Does every variant id have a row (else Python answers)?
    pub fn knows(&self, ids: &[i64]) -> bool {
        ids.iter()
            .all(|&v| usize::try_from(v).is_ok_and(|v| v < self.flags.len()))
    }

    /// `HitFacts` of a word with these hits (`word_facts.hit_facts`).
    pub fn hit_facts(&self, word: &str, ids: &[i64]) -> HitFacts {
        HitFacts {
            any: !ids.is_empty(),
            free: ids.iter().any(|&v| !self.has(v, NEEDS_CONTEXT)),
            transliterated: word.is_ascii() && !ids.iter().any(|&v| self.has(v, LATIN_SPELLING)),
        }
    }

    /// `Vocabulary.weight`: the importance of the weightiest place among the variants.
    fn weight(&self, py: Python<'_>, ids: &[i64]) -> PyResult<f64> {
        let importance = self.importances(py)?;
        Ok(ids
            .iter()
            .map(|&v| importance[v as usize])
            .fold(f64::NEG_INFINITY, f64::max))
    }

    /// `Vocabulary.fitting` of a Latin-script word (``latin``: it has a Latin letter;
    /// ``upper``: `word.isupper()`): the ids kept, and whether they are all of them.
    fn fitting(&self, latin: bool, upper: bool, hits: Vec<i64>) -> (Vec<i64>, bool) {
        if hits.is_empty() || !latin {
            return (hits, true);
        }
        let mut hits = hits;
        let mut whole = true;
        if !upper {
            let kept: Vec<i64> = hits
                .iter()
                .copied()
                .filter(|&v| self.has(v, SPELT_OUT))
                .collect();
            if kept.len() < hits.len() {
                hits = kept;
                whole = false;
            }
        }
        if hits.len() > 1 {
            let latin: Vec<i64> = hits
                .iter()
                .copied()
                .filter(|&v| self.has(v, LATIN_SPELLING))
                .collect();
            if !latin.is_empty() && latin.len() < hits.len() {
                return (latin, false);
            }
        }
        (hits, whole)
    }
}

impl Lexicon {
    /// `Vocabulary._word_hits` of a word it `covers`: ``probe`` a folded key's variant ids
    /// (None: no key, or ids the table does not know: then None, ask Python), ``lemmas``
    /// the Turkic lemmas of a folded word, ``common`` whether a folded word is a common
    /// word (asked only when a lemma names something). Ok(None): ask Python.
    #[allow(clippy::type_complexity)]
    pub fn word_hits(
        &self,
        py: Python<'_>,
        word: &str,
        probe: impl Fn(&str) -> Option<Option<Vec<i64>>>,
        lemmas: impl Fn(&str) -> Vec<(String, String)>,
        common: impl Fn(&str) -> PyResult<bool>,
    ) -> PyResult<Option<Option<Found>>> {
        let (table, rules) = (&self.variants, &self.rules);
        let none = Ok(Some(None));
        let key = crate::fold(word);
        if key.is_empty() {
            return none;
        }
        let latin = word
            .chars()
            .any(|c| c.is_ascii_alphabetic() || (!c.is_ascii() && !self.apostrophes.contains(&c)));
        let upper = word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase);
        // the variants of the lemmas that name something, deduplicated, and the first
        // such lemma's ending (`lemma_hits`); None: ask Python
        let lemma_hits = |key: &str| -> Option<(Vec<i64>, String)> {
            let mut found: Vec<i64> = Vec::new();
            let mut suffix = String::new();
            for (lemma, suf) in lemmas(key) {
                let got = probe(&lemma)?.unwrap_or_default();
                if !got.is_empty() {
                    for v in got {
                        if !found.contains(&v) {
                            found.push(v);
                        }
                    }
                    if suffix.is_empty() {
                        suffix = suf;
                    }
                }
            }
            Some((found, suffix))
        };
        let Some(exact) = probe(&key) else {
            return Ok(None);
        };
        let (hits, whole) = table.fitting(latin, upper, exact.unwrap_or_default());
        if !hits.is_empty() {
            if key.chars().count() >= rules.min_inflected_key
                && word.chars().any(|c| rules.turkic_letters.contains(&c))
            {
                // "Arazın" is the river's genitive: a weightier declined reading wins
                let Some((alt, suffix)) = lemma_hits(&key) else {
                    return Ok(None);
                };
                if !alt.is_empty()
                    && table.weight(py, &alt)?
                        > table.weight(py, &hits)? + rules.inflected_over_exact
                {
                    return Ok(Some(Some(Found {
                        ids: alt,
                        key: None,
                        method: "inflection",
                        suffix,
                    })));
                }
            }
            return Ok(Some(Some(Found {
                ids: hits,
                key: whole.then_some(key),
                method: "folded",
                suffix: String::new(),
            })));
        }
        let mut back = word.chars().rev();
        if matches!(back.next(), Some('s' | 'S'))
            && back.next().is_some_and(|c| self.apostrophes.contains(&c))
        {
            // English possessive: Azerbaijan's names what Azerbaijan names
            let stem_end = word.char_indices().rev().nth(1).map_or(0, |(at, _)| at);
            let stem = crate::fold(&word[..stem_end]);
            let Some(got) = probe(&stem) else {
                return Ok(None);
            };
            let (hits, whole) = table.fitting(latin, upper, got.unwrap_or_default());
            if hits.is_empty() {
                return none;
            }
            return Ok(Some(Some(Found {
                ids: hits,
                key: whole.then_some(stem),
                method: "inflection",
                suffix: "s".to_owned(),
            })));
        }
        if key.chars().count() < rules.min_inflected_key {
            return none;
        }
        let Some((found, suffix)) = lemma_hits(&key) else {
            return Ok(None);
        };
        if found.is_empty() {
            return none;
        }
        // an ending after an apostrophe, the letters before it no common word: a name's
        // case ("Türkiye'de", Turkey's locative), though the letters, folded, spell a
        // frequent word; "Mayıs'ta" stays the month's (`Vocabulary._name_before_apostrophe`)
        let name_case = match self.stem_before_apostrophe(word) {
            Some(stem) => !common(&crate::fold(stem))?,
            None => false,
        };
        if !name_case && common(&key)? {
            return none;
        }
        let (found, _) = table.fitting(latin, upper, found);
        if found.is_empty() {
            return none;
        }
        Ok(Some(Some(Found {
            ids: found,
            key: None,
            method: "inflection",
            suffix,
        })))
    }
}

/// A word list as one sorted blob of words, one a line (built with the index:
/// `CompiledIndex.word_lists()`), probed where it lies: the common words are some
/// 200,000, which a hash set would take milliseconds to build at every start, and a table
/// of where each word starts a pass over every byte. A word every `MARK_STEP` bytes is
/// marked (where it starts, and its first eight bytes as a number that sorts as the
/// words do): a probe looks among the marks by those numbers, then along the few words
/// from the mark it fell on to the next.
pub(crate) struct SortedWords {
    blob: Vec<u8>,
    /// (the first eight bytes of a marked word, zeros after its end, as a big-endian
    /// number; where it starts), in the blob's order
    marks: Vec<(u64, u32)>,
}

/// Bytes between two marked words (about six words of a list).
const MARK_STEP: usize = 48;

impl SortedWords {
    /// From the bytes of the words joined by newlines, sorted by code point (so by bytes).
    pub fn new(blob: &[u8]) -> Self {
        let blob = blob.to_vec();
        let mut marks = Vec::with_capacity(blob.len() / MARK_STEP + 2);
        let mut at = 0;
        while at < blob.len() {
            marks.push((Self::head(&blob, at), at as u32));
            // (the first word to start at least MARK_STEP bytes further on)
            let Some(nl) = next_newline(&blob, at + MARK_STEP - 1) else {
                break;
            };
            at = nl + 1;
        }
        SortedWords { blob, marks }
    }

    /// The first eight bytes of the word at `at`, zeros after its end, big-endian.
    #[inline]
    fn head(blob: &[u8], at: usize) -> u64 {
        if let Some(eight) = blob.get(at..at + 8) {
            // (eight bytes at once: those from the first newline on cleared)
            let x = u64::from_be_bytes(eight.try_into().expect("eight bytes"));
            let nl = newlines(x);
            if nl == 0 {
                return x;
            }
            let keep = nl.leading_zeros() / 8;
            return if keep == 0 {
                0
            } else {
                x & !(u64::MAX >> (8 * keep))
            };
        }
        let mut h = [0u8; 8];
        for (k, &b) in blob[at..].iter().take(8).enumerate() {
            if b == b'\n' {
                break;
            }
            h[k] = b;
        }
        u64::from_be_bytes(h)
    }

    pub fn contains(&self, word: &str) -> bool {
        let word = word.as_bytes();
        if self.marks.is_empty() || word.contains(&b'\n') {
            return false;
        }
        let mut h = [0u8; 8];
        for (k, &b) in word.iter().take(8).enumerate() {
            h[k] = b;
        }
        let key = u64::from_be_bytes(h);
        // (the last mark whose head sorts before the word's, or the first of equal heads:
        // the words from there to the first mark with a greater head)
        let from = self
            .marks
            .partition_point(|&(m, _)| m < key)
            .saturating_sub(1);
        let mut at = self.marks[from].1 as usize;
        let until = self
            .marks
            .get(from + 1..)
            .map_or(0, |rest| rest.partition_point(|&(m, _)| m <= key))
            + from
            + 1;
        let end = self
            .marks
            .get(until)
            .map_or(self.blob.len(), |&(_, s)| s as usize);
        while at < end {
            let len = self.blob[at..end]
                .iter()
                .position(|&b| b == b'\n')
                .unwrap_or(end - at);
            match self.blob[at..at + len].cmp(word) {
                std::cmp::Ordering::Less => at += len + 1,
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Greater => return false,
            }
        }
        false
    }
}

/// The high bit of each byte of `x` that is a newline, and no other bit.
#[inline]
fn newlines(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let v = x ^ (b'\n' as u64 * ONES);
    !((v & LOW7).wrapping_add(LOW7) | v | LOW7)
}

/// Where the first newline at or after `from` is, read eight bytes at a time.
fn next_newline(blob: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at + 8 <= blob.len() {
        let x = u64::from_le_bytes(blob[at..at + 8].try_into().expect("eight bytes"));
        let nl = newlines(x);
        if nl != 0 {
            return Some(at + nl.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    blob.get(at..)?
        .iter()
        .position(|&b| b == b'\n')
        .map(|k| at + k)
}

/// Python's `str.split()` on ASCII: the whitespace `str.isspace` reads there.
fn python_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f)
}

/// The common words and the ambiguous names of the index (`Vocabulary.key_flags`).
pub(crate) struct WordLists {
    common: SortedWords,
    ambiguous: SortedWords,
    /// the same words as spelled (`Lexicon::spelled_flags`)
    spelled_common: SortedWords,
    spelled_ambiguous: SortedWords,
}

impl WordLists {
    /// From `CompiledIndex.word_lists()`: (common words, ambiguous names, the same two as
    /// spelled), each a blob.
    pub fn new(lists: &Bound<'_, PyAny>) -> PyResult<Self> {
        let blob = |k: usize| -> PyResult<SortedWords> {
            Ok(SortedWords::new(
                lists.get_item(k)?.cast_into::<PyBytes>()?.as_bytes(),
            ))
        };
        Ok(WordLists {
            common: blob(0)?,
            ambiguous: blob(1)?,
            spelled_common: blob(2)?,
            spelled_ambiguous: blob(3)?,
        })
    }

    /// `Vocabulary.key_flags` of a folded key: (an ambiguous name, a common word, or a
    /// run of them); None for a key beyond ASCII (then Python answers).
    pub fn key_flags(&self, key: &str) -> Option<(bool, bool)> {
        if !key.is_ascii() {
            return None;
        }
        let common = self.common.contains(key) || {
            let mut parts = key
                .split(|c: char| python_ascii_space(c as u8))
                .filter(|p| !p.is_empty());
            let first = parts.next();
            let second = parts.next();
            match (first, second) {
                (Some(a), Some(b)) => {
                    self.common.contains(a)
                        && self.common.contains(b)
                        && parts.all(|p| self.common.contains(p))
                }
                _ => false,
            }
        };
        Some((self.ambiguous.contains(key), common))
    }
}

/// The engine's first-sight answers for a Latin-script word, from the lexicon (the
/// hooks in engine.rs ask these before they ask Python).
impl Engine {
    /// What a Latin-script word alone names, decided by the lexicon from the keys and the
    /// variant table built with the index (src/scan/lexicon.rs); None: ask Python.
    pub(crate) fn own_word_hits(
        &self,
        py: Python<'_>,
        word: &str,
    ) -> PyResult<Option<Option<Rc<Hit>>>> {
        if !self.lexicon.covers(word) {
            return Ok(None);
        }
        let probe = |k: &str| -> Option<Option<Vec<i64>>> {
            match self.keys.get(k) {
                None => Some(None),
                Some(t) => {
                    let ids: Vec<i64> = t.iter().map(|&v| i64::from(v)).collect();
                    self.lexicon.variants.knows(&ids).then_some(Some(ids))
                }
            }
        };
        let common = |k: &str| -> PyResult<bool> {
            if let Some(flags) = self.lexicon.key_flags(py, k)? {
                return Ok(flags.1);
            }
            let flags: (bool, bool) = self.host.key_flags.bind(py).call1((k,))?.extract()?;
            Ok(flags.1)
        };
        let lemmas = |k: &str| self.turkic.lemmas(k);
        let Some(found) = self.lexicon.word_hits(py, word, probe, lemmas, common)? else {
            return Ok(None);
        };
        let Some(f) = found else {
            return Ok(Some(None));
        };
        let ids = match &f.key {
            // (the index's own tuple, as Python hands it when nothing is filtered out)
            Some(k) => match self.keys.hits(py, k)? {
                Some(h) => h,
                None => PyTuple::new(py, &f.ids)?.into_any().unbind(),
            },
            None => PyTuple::new(py, &f.ids)?.into_any().unbind(),
        };
        Ok(Some(Some(Rc::new(Hit {
            ids,
            method: f.method,
            suffix: f.suffix,
        }))))
    }

    /// `Vocabulary.key_flags` of a folded key from the index's word lists (None: ask
    /// Python; src/scan/lexicon.rs).
    pub(crate) fn own_key_flags(
        &self,
        py: Python<'_>,
        key: &str,
    ) -> PyResult<Option<(bool, bool)>> {
        self.lexicon.key_flags(py, key)
    }

    /// `word_facts.org_name_lemma(word, key)` where the Turkic endings alone read the word
    /// (its lemmas are Rust's, the organisations' names a table); None: ask Python.
    pub(crate) fn own_org_name_lemma(&self, word: &str, key: &str) -> Option<bool> {
        turkic_only(word).then(|| {
            self.turkic
                .lemmas(key)
                .iter()
                .any(|(lemma, _)| self.tables.org_names.contains(lemma))
        })
    }

    /// `Vocabulary.classify` of a Latin-script word, decided in Rust (`own_word_hits`); None:
    /// ask Python.
    pub(crate) fn own_verdict(&mut self, py: Python<'_>, word: &str) -> PyResult<Option<u8>> {
        if !self.lexicon.covers(word) {
            return Ok(None);
        }
        let key = crate::fold(word);
        if key.is_empty() {
            return Ok(Some(NO));
        }
        let Some(hit) = self.own_word_hits(py, word)? else {
            return Ok(None);
        };
        let named = hit.is_some();
        if self.hits.len() >= self.word_hits_cache {
            self.hits.clear();
        }
        self.hits.insert(word.to_owned(), hit);
        Ok(Some(match (self.keys.multi_first(&key).is_some(), named) {
            (true, true) => BOTH,
            (true, false) => HEAD,
            (false, true) => YES,
            (false, false) => NO,
        }))
    }

    /// The facts of a Latin-script word the lexicon covers (src/scan/lexicon.rs); what its
    /// variants say asked of Python only when it names something. None: not covered.
    pub(crate) fn lexicon_facts(&mut self, py: Python<'_>, word: &str) -> PyResult<Option<Facts>> {
        if !self.lexicon.covers(word) {
            return Ok(None);
        }
        let key = crate::fold(word);
        let lemmas = self.turkic.lemmas(&key);
        let hits = match self.word_hits_of(py, word)? {
            Some(h) => {
                let ids: Vec<i64> = h.ids.bind(py).extract()?;
                if self.lexicon.variants.knows(&ids) {
                    self.lexicon.variants.hit_facts(word, &ids)
                } else {
                    let (free, transliterated) =
                        self.host.hit_facts.bind(py).call1((word,))?.extract()?;
                    HitFacts {
                        any: true,
                        free,
                        transliterated,
                    }
                }
            }
            None => HitFacts::default(),
        };
        let hy_only_common = self.lexicon.hy_only_cue(&key) && self.key_flags(py, &key)?.1;
        Ok(Some(self.lexicon.facts(
            word,
            &key,
            &lemmas,
            hits,
            hy_only_common,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_words_find_each_word_of_a_long_blob_between_its_marks() {
        // (words of one to nineteen letters: newlines at every place in a run of eight)
        let mut words: Vec<String> = (0..400)
            .map(|k| {
                let len = 1 + k % 19;
                (0..len)
                    .map(|j| (b'a' + ((k * 7 + j) % 26) as u8) as char)
                    .collect()
            })
            .collect();
        words.push("şuşa".into());
        words.push("ağdam".into());
        words.sort();
        words.dedup();
        let blob = words.join("\n");
        let s = SortedWords::new(blob.as_bytes());
        for w in &words {
            assert!(s.contains(w), "{w}");
        }
        assert!(!s.contains("ağda"));
        for w in [
            "",
            "a\nb",
            "zzzzzzzzzzzzzzzzzzzzz",
            "abcdefgh",
            "abcdefghijklmnopqrstuvwxyz",
        ] {
            assert_eq!(s.contains(w), words.iter().any(|x| x == w), "{w}");
        }
        // (words sharing their first eight bytes across many marks)
        let long: Vec<String> = (0..300).map(|k| format!("samehead{k:05}")).collect();
        let s = SortedWords::new(long.join("\n").as_bytes());
        for w in &long {
            assert!(s.contains(w), "{w}");
        }
        for w in [
            "samehead",
            "samehead0",
            "samehead00300",
            "samehea",
            "samehead000000",
        ] {
            assert!(!s.contains(w), "{w}");
        }
    }

    #[test]
    fn a_word_s_head_and_the_next_newline_read_eight_bytes_as_one_at_a_time() {
        let blob = b"a\nab\nabcdefgh\nabcdefghij\nabcdefg\nxyz";
        for at in 0..blob.len() {
            let mut h = [0u8; 8];
            for (k, &b) in blob[at..].iter().take(8).enumerate() {
                if b == b'\n' {
                    break;
                }
                h[k] = b;
            }
            assert_eq!(SortedWords::head(blob, at), u64::from_be_bytes(h), "{at}");
            let want = blob[at..].iter().position(|&b| b == b'\n').map(|k| at + k);
            assert_eq!(next_newline(blob, at), want, "{at}");
        }
        assert_eq!(next_newline(blob, blob.len() + 3), None);
    }

    #[test]
    fn sorted_words_find_every_word_and_nothing_else() {
        let words = ["", "a", "ab", "abc", "b", "baku", "zz"];
        let blob = words[1..].join("\n");
        let s = SortedWords::new(blob.as_bytes());
        for w in &words[1..] {
            assert!(s.contains(w), "{w}");
        }
        for w in ["", "aa", "abcd", "bak", "c", "zzz", "Z"] {
            assert!(!s.contains(w), "{w}");
        }
        assert!(!SortedWords::new(b"").contains(""));
        assert!(!SortedWords::new(b"").contains("a"));
    }
}
