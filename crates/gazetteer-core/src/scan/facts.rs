//! What the rules need to know of one word that depends on the word alone (its case, its
//! script, whether it or one of its lemmas is a cue, an organisation word...), made once
//! per distinct word and kept: by the engine for a Latin-script word (`lexicon`, from the
//! language word lists Python hands over) and a plain ASCII one (`Engine::plain_facts`),
//! asked of Python for a Cyrillic or Armenian word (their morphologies stay Python).

use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// The fields of `gazetteer.scan.engine.TokenFacts`, in its order (a plain value the rules
/// copy out of the engine's store: no count of owners to change per ask).
#[derive(Default, Clone, Copy)]
pub struct Facts {
    /// `token[:1].isupper()`, `token[:1].islower()`, `token.isupper()`
    pub first_upper: bool,
    pub first_lower: bool,
    pub upper: bool,
    /// no capital anywhere in the word
    pub no_upper: bool,
    pub cyrillic: bool,
    pub armenian: bool,
    /// cue group as a word after a name, as one word before it
    pub suffix_group: Option<&'static str>,
    pub prefix_group: Option<&'static str>,
    pub article: bool,
    /// "New" of New Mexico: the end of a name we lack follows
    pub new_head: bool,
    /// a conjunction of lists as written (and, və, и, և...)
    pub list_word: bool,
    /// can the word be an item of a list of places (capitalised, or a name)?
    pub list_item: bool,
    /// the word folded is a conjunction
    pub conjunction: bool,
    pub russian_adjective: bool,
    pub hy_common: bool,
    pub hy_derived: bool,
    /// an organisation word after a name: 2 in any case, 1 capitalised, 0 not
    pub org: u8,
    /// a title before a person's name: 2 an artist's or saint's, 1 an office, 0 not
    pub title: u8,
    /// a word for a poet's works
    pub work: bool,
    pub work_preposition: bool,
    pub family_ending: bool,
    pub function_word: bool,
    pub prefix_cue_word: bool,
    pub suffix_cue_word: bool,
    pub venue_preposition: bool,
    pub hy_noun: bool,
    pub hy_family: bool,
    pub hy_venue: bool,
    /// `token.islower()`
    pub lower: bool,
    /// folded, a preposition of place
    pub locative: bool,
    /// the word alone names a variant that needs no context
    pub free_hit: bool,
    /// the word's hits are only transliterations (`Vocabulary.transliterated`)
    pub transliterated: bool,
    /// a word for a club, firm, paper, work or product, or of football copy, by a quoted name
    pub quoted_name_word: bool,
    /// the word, folded, is a given name (as written: a lemma of Chrysler is no Chris) (Kemal, Laçın, Лачин: `given_names.txt`)
    pub given_name: bool,
    /// the word or a lemma of it is a title after a given name (xanım, ханум)
    pub title_after: bool,
    /// folded, a preposition of a person's home town (Vardan from Kapan)
    pub origin: bool,
}

/// A cue group's name as a `&'static str`: the groups are the few names of the cue tables
/// (admin, settlement, article...), each kept once for the life of the process.
pub(crate) fn group(name: &str) -> &'static str {
    use std::sync::Mutex;
    static GROUPS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut groups = GROUPS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(g) = groups.iter().find(|g| **g == name) {
        return g;
    }
    let g: &'static str = Box::leak(name.to_owned().into_boxed_str());
    groups.push(g);
    g
}

impl Facts {
    /// an organisation word after a name, in any case or capitalised
    pub fn org_word(&self) -> bool {
        self.org == 2 || (self.org != 0 && self.first_upper)
    }

    /// The tuple of `TokenFacts`, in its order (for tests).
    pub fn to_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let b = |v: bool| -> Bound<'py, PyAny> {
            pyo3::types::PyBool::new(py, v).to_owned().into_any()
        };
        let s = |v: &Option<&str>| -> Bound<'py, PyAny> {
            match v {
                Some(v) => pyo3::types::PyString::new(py, v).into_any(),
                None => py.None().into_bound(py),
            }
        };
        let n = |v: u8| -> PyResult<Bound<'py, PyAny>> {
            Ok(v.into_pyobject(py)?.to_owned().into_any())
        };
        PyTuple::new(
            py,
            [
                b(self.first_upper),
                b(self.first_lower),
                b(self.upper),
                b(self.no_upper),
                b(self.cyrillic),
                b(self.armenian),
                s(&self.suffix_group),
                s(&self.prefix_group),
                b(self.article),
                b(self.new_head),
                b(self.list_word),
                b(self.list_item),
                b(self.conjunction),
                b(self.russian_adjective),
                b(self.hy_common),
                b(self.hy_derived),
                n(self.org)?,
                n(self.title)?,
                b(self.work),
                b(self.work_preposition),
                b(self.family_ending),
                b(self.function_word),
                b(self.prefix_cue_word),
                b(self.suffix_cue_word),
                b(self.venue_preposition),
                b(self.hy_noun),
                b(self.hy_family),
                b(self.hy_venue),
                b(self.lower),
                b(self.locative),
                b(self.free_hit),
                b(self.transliterated),
                b(self.quoted_name_word),
                b(self.given_name),
                b(self.title_after),
                b(self.origin),
            ],
        )
    }

    pub fn from_py(t: &Bound<'_, PyTuple>) -> PyResult<Facts> {
        let b = |k: usize| -> PyResult<bool> { t.get_item(k)?.is_truthy() };
        let s = |k: usize| -> PyResult<Option<&'static str>> {
            Ok(t.get_item(k)?
                .extract::<Option<String>>()?
                .map(|g| group(&g)))
        };
        Ok(Facts {
            first_upper: b(0)?,
            first_lower: b(1)?,
            upper: b(2)?,
            no_upper: b(3)?,
            cyrillic: b(4)?,
            armenian: b(5)?,
            suffix_group: s(6)?,
            prefix_group: s(7)?,
            article: b(8)?,
            new_head: b(9)?,
            list_word: b(10)?,
            list_item: b(11)?,
            conjunction: b(12)?,
            russian_adjective: b(13)?,
            hy_common: b(14)?,
            hy_derived: b(15)?,
            org: t.get_item(16)?.extract()?,
            title: t.get_item(17)?.extract()?,
            work: b(18)?,
            work_preposition: b(19)?,
            family_ending: b(20)?,
            function_word: b(21)?,
            prefix_cue_word: b(22)?,
            suffix_cue_word: b(23)?,
            venue_preposition: b(24)?,
            hy_noun: b(25)?,
            hy_family: b(26)?,
            hy_venue: b(27)?,
            lower: b(28)?,
            locative: b(29)?,
            free_hit: b(30)?,
            transliterated: b(31)?,
            quoted_name_word: b(32)?,
            given_name: b(33)?,
            title_after: b(34)?,
            origin: b(35)?,
        })
    }
}
