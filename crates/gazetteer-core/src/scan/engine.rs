//! `gazetteer._core.Engine`: the scan loop over one text, with the Python callbacks for
//! what is not ported yet (see the module above).

use std::cell::{Cell, OnceCell, RefCell};
use std::sync::Arc as Rc;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PySlice, PyString, PyTuple};

use super::armenian_latin::{ArmenianLatin, HyLatinText};
use super::document::{Cands, PlaceStore, Rec};
use super::facts::Facts;
use super::fxhash::{FxMap, FxSet};
use super::keytable::python::facts_of as keytable_facts;
use super::keytable::{KeyTable, Keys, PyKeyTable};
use super::lexicon::Lexicon;
use super::ranking::RankRows;
use super::rules::Found;
use super::text::{joins, scan_parts, scan_parts_into, utf8_from_ucs4};
use super::turkic::{turkic_only, TurkicEndings};
use super::verdict::{HEAD, NO, PAIR};
use super::wordkey::{Probe, WordTable};

/// A candidate span the rules turned down ("rejected", with the rule's reason) or left
/// waiting for another mention that never came ("waited"), for `Engine.explain`.
pub(crate) struct Explained {
    pub start: usize,
    pub end: usize,
    pub verdict: &'static str,
    pub reason: &'static str,
}

/// Engine(host, vocabulary_cache, small_cache, word_hits_cache)
/// --
///
/// The text scanner of one index. ``host`` (gazetteer.scan.engine._Host) holds the
/// tables the engine copies once (keys, key shapes, cue phrases, word sets, weights) and
/// answers what is still Python: a word's verdict, hits, lemmas and facts, the ranking of
/// same-name places, the rules not ported yet, the passes over the whole text.
#[pyclass(module = "gazetteer._core")]
pub struct Engine {
    pub(crate) host: Host,
    pub(crate) tables: Tables,
    pub(crate) weights: Weights,
    /// every distinct word seen (as written) -> its id, an index into `words`: one probe
    /// per word of a text, after which what is kept of a word is read by its id; emptied
    /// (with `words` and `pairs`) when a text would overfill it
    /// (the value: the id, the word's verdict and its bits, read in the same probe)
    word_ids: WordTable<WordEntry>,
    /// what is kept of each word by id: its facts, whether it is a sports word
    pub(crate) words: Vec<WordSlot>,
    /// the buffers of the last text's verdicts, ids and bits, emptied and lent to the
    /// next (a text costs no allocation of them once they are long enough)
    spare: (Vec<u8>, Vec<u32>, Vec<u8>),
    /// the strings of the last records' surfaces, emptied, for the next mentions' (`surface`)
    pub(crate) spare_surfaces: Vec<String>,
    /// the list of the last text's records, emptied, for the next text's mentions (a text
    /// grows no list of mentions once one is long enough)
    spare_recs: Vec<Rec>,
    /// the word bounds of the last text, for the next text's (`with_words_of`)
    spare_bounds: Vec<usize>,
    /// the positions of the last text's words new to the table of words, emptied, for the
    /// next text's (`verdicts_of`)
    spare_missing: Vec<usize>,
    /// the last text's distinct new words (a position of each), which of them each new
    /// word was, and their entries, emptied, for the next text's (`verdicts_of_new`)
    spare_new: (Vec<usize>, Vec<u32>, Vec<WordEntry>),
    /// the buffer a new word is folded in (`verdicts_of_new`)
    spare_key: String,
    /// each word folded, by id (made when a text first asks; lent to the text's `Words`)
    folded_words: Vec<FoldSlot>,
    vocabulary_cache: usize,
    /// (word id, next word's id) -> can the two start a name
    pairs: FxMap<u64, bool>,
    /// naming -> place -> the record every mention of the place starts from (a copy of it,
    /// then the mention's own fields: `RecordTemplate`)
    /// (by naming, a few, looked for once a text; then by place and whether the method is
    /// "folded")
    abouts: Vec<(String, Templates)>,
    /// how many templates `abouts` holds
    about_count: usize,
    /// how many word slots hold a record template with the word's text (`WordSlot::record`;
    /// at most `WORD_RECORDS`, counted back to 0 when the slots go)
    word_records: usize,
    /// the Python values records share (`RecordValues`)
    records: RecordValues,
    /// (place, naming) -> its JSON fragments in extract's lines (scan_lines)
    pub(crate) line_places: FxMap<(i64, String), Rc<super::lines::LinePlace>>,
    /// the buffer a phrase of words before a span is joined in to look it up among the
    /// prefix cues (`prefix_cue_group`)
    cue_phrase: String,
    /// the UTF-8 of the last text that was not ASCII and its code points, emptied, for
    /// the next (`find_records`); ASCII texts to come before one stops asking whether a
    /// text is ASCII (`NON_ASCII_LATELY` after one that was not; 0: a run of ASCII texts)
    utf8: (String, Vec<u32>),
    non_ascii_lately: u8,
    /// the buffer the runs of words from a multi-word name's first word are joined in,
    /// and where each run ends (`multi_candidates`)
    runs: (String, Vec<usize>),
    /// normalise's replacements of mentions no preposition before them can govern, by
    /// (naming and mode, place, surface, ending, method, cue), as Python's rewrite made them
    pub(crate) replacements: FxMap<Replaced, Py<PyString>>,
    /// the (naming, mode) pairs normalise was asked for (`WordReplaced::at` indexes them)
    pub(crate) normalisings: Vec<(String, String)>,
    /// how many word slots keep a replacement (`WordSlot::replaced`; at most
    /// `WORD_RECORDS`, counted back to 0 when the slots go)
    pub(crate) word_replaced: usize,
    /// the buffer normalise writes a text's replacement in, emptied, for the next text
    rewritten: String,
    /// surface -> variant -> does the name alone want a review (scan_lines)
    pub(crate) weak_names: FxMap<String, FxMap<i64, bool>>,
    pub(crate) weak_count: usize,
    pub(crate) small_cache: usize,
    /// the great-circle distances the passes over texts measured, kept (src/scan/geo.rs)
    pub(crate) distances: super::geo::Distances,
    /// the candidate spans the rules turned down or left waiting, while `explain` asks
    pub(crate) explained: Option<Vec<Explained>>,
    /// the index's folded keys -> variant ids, and their shapes (the first word of a
    /// multi-word name -> the most words such a name has, every word-prefix of two words
    /// or more, every second word): the table written with the index (scan/keytable.rs)
    pub(crate) keys: Rc<Keys>,
    /// word -> the forms in which it can be the second word of a name
    second_forms: FxMap<String, Rc<SecondForms>>,
    /// word -> (variant ids, method, ending) of the word alone
    pub(crate) hits: FxMap<String, Option<Rc<Hit>>>,
    pub(crate) word_hits_cache: usize,
    /// folded word -> its lemmas (gazetteer.inflection.lemmas), for declined pairs
    lemma_cache: FxMap<String, Vec<String>>,
    /// word -> what the rules need to know of it alone
    facts: FxMap<String, Rc<Facts>>,
    /// place -> what the passes over the text read of it
    pub(crate) places: PlaceStore,
    /// (word, run key) -> is a lemma of the run an organisation's name
    pub(crate) org_lemmas: FxMap<(String, String), bool>,
    /// variant -> does it need context
    pub(crate) variant_context: FxMap<i64, bool>,
    /// cue text -> is it plural (rules._plural)
    plurals: FxMap<String, bool>,
    /// (variant ids object, is the method "folded") -> (group, the ranking)
    pub(crate) rankings: FxMap<(usize, bool), Vec<GroupRanking>>,
    /// what ranking reads of every variant and place, copied when a span is first ranked
    /// (None: not yet; Some(None): an index without them, Python ranks every span)
    pub(crate) rank_rows: Option<Option<Box<RankRows>>>,
    /// folded key -> (ambiguous, common word)
    pub(crate) key_flag_cache: FxMap<String, (bool, bool)>,
    /// the Turkic endings: the lemmas of a word in neither Cyrillic nor Armenian letters
    pub(crate) turkic: TurkicEndings,
    /// the shortest folded word whose lemmas are looked up (weights.MIN_INFLECTED_KEY)
    min_inflected_key: usize,
    /// the apostrophes of an English possessive (gazetteer.text.tokens.APOSTROPHES)
    apostrophes: String,
    /// the word lists the facts of a word read, folded and as written, and the endings
    /// (family names, Russian adjectives) they test (`_Host.fact_words`...)
    fact_words: FxSet<String>,
    fact_tokens: FxSet<String>,
    fact_endings: Vec<String>,
    /// the word lists of the facts of a Latin-script word (src/scan/lexicon.rs)
    pub(crate) lexicon: Lexicon,
    /// the function words and endings of Armenian in Latin letters (src/scan/armenian_latin.rs)
    pub(crate) hy_latin: ArmenianLatin,
    /// words whose facts the engine made itself (a count)
    pub(crate) plain: usize,
    /// the facts `facts_at` read last of a word of a text without word ids
    facts_lent: Facts,
    /// new words Rust found no mention can start at, without asking Python (a count)
    pub(crate) prefiltered: usize,
    /// a word -> (its bits as written: `ENGLISH`, `SPORTS`; its bits as an Armenian word
    /// in Latin letters, which are read of its lower case: `HY_SURE`, `HY_WEAK`), the four
    /// word lists in one map: a new word's bits in one probe where it is in lower case
    /// (most), two where not (`intern`)
    word_bits: FxMap<Box<str>, (u8, u8)>,
}

/// A cue group (None: no cue) and the ranking of a span's places for it.
pub(crate) type GroupRanking = (Option<Box<str>>, Rc<Ranking>);

/// `Vocabulary.ranking`'s answer: the readings (the Python tuple and its items), the place and
/// variant chosen, and the fields the rules read.
pub(crate) struct Ranking {
    pub place: i64,
    pub variant: i64,
    pub cands: Rc<Cands>,
    pub needs_context: bool,
    pub kind: String,
    /// the kind a village's (`village_kinds`), a football club's town's (`club_kinds`);
    /// the country one of the focus countries
    pub village: bool,
    pub club: bool,
    pub focus_country: bool,
    pub official: bool,
    /// the variant ids the ranking is of, alive while the entry is
    pub _ids: Py<PyAny>,
}

/// The Python callables the engine asks (see gazetteer.scan.engine._Host).
pub(crate) struct Host {
    classify: Py<PyAny>,
    doc: Py<PyAny>,
    word_hits: Py<PyAny>,
    lemmas: Py<PyAny>,
    word_lemmas: Py<PyAny>,
    facts: Py<PyAny>,
    pub hit_facts: Py<PyAny>,
    plural: Py<PyAny>,
    readable: Py<PyAny>,
    pub ranking: Py<PyAny>,
    pub org_name_lemma: Py<PyAny>,
    pub key_flags: Py<PyAny>,
    pub lowercase_text: Py<PyAny>,
    pub abbreviation_before: Py<PyAny>,
    pub football_text: Py<PyAny>,
    pub place_facts: Py<PyAny>,
    pub needs_context: Py<PyAny>,
    pub parent_after: Py<PyAny>,
    pub sports: Py<PyAny>,
    pub mention: Py<PyAny>,
    /// `records.Ranked`, for the readings of a ranking the engine made (`Engine::scan`)
    pub ranked: Py<PyAny>,
    /// the host itself, asked once for the rank rows (`RankRows::from_host`)
    pub this: Py<PyAny>,
}

/// Word sets and tables of the language data and the cue tables, copied once.
pub(crate) struct Tables {
    /// cue phrases before a name (folded) -> group (the group's name kept once,
    /// `facts::group`: a cue found hands it on without a copy)
    pub prefix_cues: FxMap<String, &'static str>,
    /// last words of the three- and two-word phrases of prefix_cues
    pub prefix_last3: FxSet<String>,
    pub prefix_last2: FxSet<String>,
    pub org_names: FxSet<String>,
    pub kind_groups: FxMap<String, FxSet<String>>,
    pub village_kinds: FxSet<String>,
    pub club_kinds: FxSet<String>,
    pub focus_countries: FxSet<String>,
    pub place_cases: FxSet<String>,
    /// is the empty ending a case of place (`place_cases` holds "")? Most candidates have no
    /// ending: answered without hashing
    pub place_case_empty: bool,
    pub place_case_prefixes: Vec<String>,
    pub datives: FxSet<String>,
    /// the empty ending: a dative (`datives`), a case a venue is named in (`venue_case`)
    pub dative_empty: bool,
    pub venue_case_empty: bool,
    /// English function words as written
    pub english_words: FxSet<String>,
    /// place names that are words in lower case besides the frequent ones (tartar)
    pub name_words: FxSet<String>,
    /// words of football copy as written
    pub sports_words: FxSet<String>,
    /// words of an individual sport (chess, güləş) and of a team game (football,
    /// basketbol) as written: a text with the one and none of the other is no football copy
    pub individual_sport_words: FxSet<String>,
    pub team_sport_words: FxSet<String>,
    /// kinds named with a kind word (river, mountain...): no anchors
    pub features: FxSet<String>,
    /// conjunctions of lists as written, and those after a comma
    pub list_conjunctions: FxSet<String>,
    pub serial_conjunctions: FxSet<String>,
    /// how a cue word for a village, or a town, begins (lower case): the cue prefers
    /// that kind among same-name places (document.rs `cue_kinds`)
    pub village_cue_stems: Vec<String>,
    pub town_cue_stems: Vec<String>,
    /// a word between a parent named first and a place in it, lower case ("bağlı")
    pub parent_links: Vec<String>,
    /// the articles that open an apposition after a name, as written in lower case (a Latin
    /// "a", not the Russian "а" that folds alike: "a village near";
    /// `rules/cues.rs` `apposition_cue`)
    pub apposition_articles: FxSet<String>,
    /// words after an apposition's cue word that show it goes on ("a village whose"), as
    /// written in lower case
    pub apposition_followers: FxSet<String>,
    /// genitive endings, folded (a name in the genitive owns the organisation after it)
    pub genitives: FxSet<String>,
    /// a word after a name for the place's team in a match, lower case ("temsilcileri")
    pub team_of_place_words: FxSet<String>,
    /// a capitalised word for a language before a name, lower case ("Armenian Togh")
    pub language_adjectives: FxSet<String>,
    /// letter pairs of English spelling that no Azerbaijani or Turkish word has, lower case
    /// ("kh": Karabakhi is an English adjective, no Turkic case of Karabakh)
    pub adjective_stems: Vec<String>,
    pub score_folded: Py<PyAny>,
    pub score_inflection: Py<PyAny>,
    /// the same scores as numbers (what ranking adds)
    pub method_folded: f64,
    pub method_inflection: f64,
}

impl Tables {
    /// Is an ending (folded) a dative (`datives`)?
    pub fn is_dative(&self, suffix: &str) -> bool {
        if suffix.is_empty() {
            self.dative_empty
        } else {
            self.datives.contains(suffix)
        }
    }

    /// Is an ending (folded) one a venue is named in: it starts with a prefix of a case of
    /// place (`place_case_prefixes`: Gəncədə, Bakü'deki), or is a dative?
    pub fn venue_case(&self, suffix: &str) -> bool {
        if suffix.is_empty() {
            return self.venue_case_empty;
        }
        self.starts_with_place_case(suffix) || self.datives.contains(suffix)
    }

    /// Does a (non-empty, folded) ending start with a prefix of a case of place
    /// (`place_case_prefixes`: Gəncədə, Şuşadakı, Bakü'deki)?
    pub fn starts_with_place_case(&self, suffix: &str) -> bool {
        self.place_case_prefixes
            .iter()
            .any(|p| suffix.starts_with(p.as_str()))
    }

    /// Is an ending (folded) a case of place (`place_cases`)?
    pub fn is_place_case(&self, suffix: &str) -> bool {
        if suffix.is_empty() {
            self.place_case_empty
        } else {
            self.place_cases.contains(suffix)
        }
    }
}

/// The thresholds of gazetteer.scan.weights the ported code uses, read from it by name.
pub(crate) struct Weights {
    pub list_items: usize,
    pub transliterated_max: isize,
    pub capitals_max: isize,
    pub english_min: isize,
    pub english_one_in: isize,
    pub sentence_lookback: usize,
    pub org_reach: usize,
    pub sports_words_min: usize,
    pub headline_sports_words: usize,
    pub headline_max: usize,
    pub lowercase_min: isize,
    pub lower_text_share: f64,
    pub quoted_tail_words: usize,
    pub title_abbreviation_max: usize,
    pub lower_near_km: f64,
    pub village_near_km: f64,
    pub crowd_anchors: usize,
    pub crowd_town_anchors: usize,
    pub crowd_km: f64,
    pub crowd_far_km: f64,
    pub open_margin: f64,
    pub parent_gap: isize,
    pub neighbour_window: usize,
    pub far_km: f64,
    pub km_per_rank: f64,
    /// `RIVER_KM`: the most a river's distance to the text's places counts
    pub river_km: f64,
    pub parent_district_bonus: f64,
    // (document.rs `near_sure_places`)
    pub near_sure_km: f64,
    pub near_sure_far_km: f64,
    /// `CUE_KIND_FARTHER_KM` (document.rs `cue_kinds`)
    pub cue_kind_farther_km: f64,
    pub near_sure_margin: f64,
}

fn strings(obj: Bound<'_, PyAny>) -> PyResult<FxSet<String>> {
    let mut out = FxSet::default();
    for k in obj.try_iter()? {
        let k = k?;
        if let Ok(k) = k.cast::<PyString>()?.to_str() {
            out.insert(k.to_owned());
        }
    }
    Ok(out)
}

fn string_map(obj: Bound<'_, PyAny>) -> PyResult<FxMap<String, String>> {
    let mut out = FxMap::default();
    for (k, v) in obj.cast_into::<PyDict>()?.iter() {
        if let Ok(k) = k.cast::<PyString>()?.to_str() {
            out.insert(k.to_owned(), v.extract()?);
        }
    }
    Ok(out)
}

/// How a word can be the second word of a name: a word whose folding has a space, or its folded form and
/// its lemmas that are second words of names.
pub(crate) enum SecondForms {
    Spaced,
    Forms(Vec<String>, Vec<String>),
}

/// A distinct word's entry in `Engine::word_ids`: its id, its verdict, and the bits of
/// what it is as written (`ENGLISH`, `SPORTS`), which the passes over a text read for every
/// word without touching its slot.
#[derive(Clone, Copy, Default)]
struct WordEntry {
    id: u32,
    verdict: u8,
    bits: u8,
}

/// `WordEntry::bits`: an English function word as written.
pub(crate) const ENGLISH: u8 = 1;
/// `WordEntry::bits`: a word of football copy as written.
pub(crate) const SPORTS: u8 = 2;
/// `WordEntry::bits`: an Armenian function word in Latin letters, sure or weak
/// (src/scan/armenian_latin.rs).
pub(crate) const HY_SURE: u8 = 4;
pub(crate) const HY_WEAK: u8 = 8;
/// `WordEntry::bits`: a word of an individual sport (chess, güləş), of a team game
/// (football, basketbol), as written.
pub(crate) const INDIVIDUAL_SPORT: u8 = 16;
pub(crate) const TEAM_SPORT: u8 = 32;

/// What a word's fold is in the tables the judge probes for every candidate: the last
/// word of a three- or two-word cue phrase before a name (`prefix_last3`, `prefix_last2`),
/// an organisation's name (`org_names`). Worked out once per word id (`fold_bits_at`).
#[derive(Clone, Copy, Default)]
pub(crate) struct FoldBits {
    pub prefix_last3: bool,
    pub prefix_last2: bool,
    pub org_name: bool,
}

/// What the engine keeps of one distinct word (`Engine::words`).
pub(crate) struct WordSlot {
    /// its facts, once the rules asked (held here: one read of the slot)
    facts: Option<Facts>,
    /// what it alone stands for (`Engine::word_hits_of`), once asked
    hit: Option<Option<Rc<Hit>>>,
    /// its fold: the most words a name it starts has (`multi_first`), once asked
    multi: Option<Option<usize>>,
    /// its fold's key flags (`Engine::key_flags`), once asked
    key_flags: Option<(bool, bool)>,
    /// the last word it came before in a pair test, and the answer (`pair_starts`)
    last_pair: Option<(u32, bool)>,
    /// what its fold is in the cue and organisation tables (`FoldBits`), once asked
    fold_bits: Option<FoldBits>,
    /// can it be the second word of a name in some form (`forms_as_second` finds one),
    /// once asked
    second: Option<bool>,
    /// the ranking of the word alone without a cue, for (its variant ids object, is the
    /// method "folded"); the ranking keeps the ids object alive, so its address names it
    ranking: Option<((usize, bool), Rc<Ranking>)>,
    /// the word as a Python str, once a record of it was made (records share it)
    surface: Option<Py<PyString>>,
    /// the record template of its last mention alone, with its text set (`WordRecord`)
    record: Option<WordRecord>,
    /// normalise's replacement of its last mention alone without a cue (`WordReplaced`)
    pub(crate) replaced: Option<Box<WordReplaced>>,
    /// the pre-filter found it names nothing alone (`surely_no`): no hits
    no_hits: bool,
}

/// A place's record template (`RecordTemplate`) with a word's text set, kept in the word's
/// slot: a mention of that word alone, as the same place, by the same naming and method,
/// is a copy of it and two stores (start and end), without a third for its text.
struct WordRecord {
    /// the naming (an index into `Engine::abouts`), the place, whether the method is "folded"
    at: usize,
    place: i64,
    folded: bool,
    dict: Py<PyDict>,
    /// are start and end the mention's (`RecordTemplate::own`)
    own: [bool; 2],
}

/// normalise's replacement of a mention of one word alone, without a cue, where no
/// preposition before it can govern its case, kept in the word's slot: what the
/// replacement depends on (`Replaced`: naming and mode, place, surface, ending, method,
/// cue) is the slot's word as surface, no cue, and the rest compared here, so a mention of
/// the same word as the same place, ending and method, under the same naming and mode,
/// takes it without its key written and probed (src/scan/rewrite.rs).
pub(crate) struct WordReplaced {
    /// the naming and mode (an index into `Engine::normalisings`)
    pub at: usize,
    pub place: i64,
    pub method: &'static str,
    pub suffix: String,
    /// the replacement, and whether it differs from the word
    pub text: String,
    pub changed: bool,
}

/// The most word slots that keep a record template (`WordSlot::record`): a few thousand
/// place names make most mentions; a text of many distinct names keeps memory bounded.
pub(crate) const WORD_RECORDS: usize = 16_384;

/// What a span stands for: variant ids (a Python tuple), method, ending.
pub(crate) struct Hit {
    pub ids: Py<PyAny>,
    pub method: &'static str,
    pub suffix: String,
}

/// (ambiguous name, common word) of a folded key (`Vocabulary.key_flags`).
type KeyFlags = (bool, bool);

/// A word's hit as `own_classify` hands it to Python: (variant ids, method, ending).
type HitTuple = (Py<PyAny>, &'static str, String);

/// What a mention's replacement depends on where no preposition before it governs its
/// case: (naming and mode, place, surface, ending, method, cue), written as one string
/// (`rewrite::replaced_key`: looked up without a string made per mention).
pub(crate) type Replaced = String;

/// Does `script()` read the surface as a script Russian prepositions do not govern? Its
/// first letter is Latin or Armenian (a character Python's isalpha reads as a letter and
/// `gazetteer.text.scripts` files under that script).
pub(crate) fn ungoverned(surface: &str) -> bool {
    surface.chars().next().is_some_and(|c| {
        c.is_ascii_alphabetic()
            || ('\u{00c0}'..='\u{024f}').contains(&c) && c != '\u{00d7}' && c != '\u{00f7}'
            || c == '\u{0259}'
            || ('\u{1e00}'..='\u{1eff}').contains(&c)
            || ('\u{0531}'..='\u{0556}').contains(&c)
            || ('\u{0561}'..='\u{0587}').contains(&c)
    })
}

/// A candidate span starting at some word: the word after it, its variant ids, how it
/// matched (folded, inflection) and its ending (folded).
pub(crate) struct Cand {
    pub end: usize,
    pub ids: Py<PyAny>,
    pub method: &'static str,
    pub suffix: String,
}

fn method_name(m: &str) -> &'static str {
    if m == "folded" {
        "folded"
    } else {
        "inflection"
    }
}

#[pymethods]
impl Engine {
    #[new]
    fn new(
        host: &Bound<'_, PyAny>,
        vocabulary_cache: usize,
        small_cache: usize,
        word_hits_cache: usize,
    ) -> PyResult<Self> {
        let get = |name: &str| -> PyResult<Py<PyAny>> { Ok(host.getattr(name)?.unbind()) };
        // (the tables made at their size: no rehash while they fill)
        // the key table the index wrote (gazetteer._core.KeyTable), shared; or one made
        // here from the host's dictionaries (an index of an older layout, a test's keys)
        let key_obj = host.getattr("keys")?;
        let keys = match key_obj.cast::<PyKeyTable>() {
            Ok(t) => t.get().table.clone(),
            Err(_) => {
                let facts = keytable_facts(
                    &key_obj,
                    &host.getattr("multi_first")?,
                    &host.getattr("prefixes")?,
                    &host.getattr("second_words")?,
                )?;
                let bytes =
                    KeyTable::build(&facts).map_err(pyo3::exceptions::PyValueError::new_err)?;
                Rc::new(Keys::new(
                    KeyTable::from_bytes(&bytes)
                        .map_err(pyo3::exceptions::PyValueError::new_err)?,
                ))
            }
        };
        let weights = host.getattr("weights")?;
        let w = |name: &str| -> PyResult<isize> { weights.get_item(name)?.extract() };
        let wf = |name: &str| -> PyResult<f64> { weights.get_item(name)?.extract() };
        let mut kind_groups = FxMap::default();
        for (k, v) in host.getattr("kind_groups")?.cast_into::<PyDict>()?.iter() {
            kind_groups.insert(k.extract::<String>()?, strings(v)?);
        }
        let prefix_last = host.getattr("prefix_last")?;
        let place_cases = strings(host.getattr("place_cases")?)?;
        let datives = strings(host.getattr("dative_endings")?)?;
        let place_case_prefixes: Vec<String> = host.getattr("place_case_prefixes")?.extract()?;
        let scores = host.getattr("method_score")?;
        let mut engine = Engine {
            host: Host {
                classify: get("classify")?,
                doc: get("doc")?,
                word_hits: get("word_hits")?,
                lemmas: get("lemmas")?,
                word_lemmas: get("word_lemmas")?,
                facts: get("facts")?,
                hit_facts: get("hit_facts")?,
                plural: get("plural")?,
                readable: get("readable")?,
                ranking: get("ranking")?,
                org_name_lemma: get("org_name_lemma")?,
                key_flags: get("key_flags")?,
                lowercase_text: get("lowercase_text")?,
                abbreviation_before: get("abbreviation_before")?,
                football_text: get("football_text")?,
                place_facts: get("place_facts")?,
                needs_context: get("needs_context")?,
                parent_after: get("parent_after")?,
                sports: get("sports")?,
                mention: get("mention")?,
                ranked: get("ranked")?,
                this: host.clone().unbind(),
            },
            tables: Tables {
                prefix_cues: string_map(host.getattr("prefix_cues")?)?
                    .into_iter()
                    .map(|(k, g)| (k, super::facts::group(&g)))
                    .collect(),
                prefix_last3: strings(prefix_last.get_item(3)?)?,
                prefix_last2: strings(prefix_last.get_item(2)?)?,
                org_names: strings(host.getattr("org_names")?)?,
                kind_groups,
                village_kinds: strings(host.getattr("village_kinds")?)?,
                club_kinds: strings(host.getattr("club_kinds")?)?,
                focus_countries: strings(host.getattr("focus_countries")?)?,
                place_cases: place_cases.clone(),
                place_case_empty: place_cases.contains(""),
                place_case_prefixes: place_case_prefixes.clone(),
                datives: datives.clone(),
                dative_empty: datives.contains(""),
                venue_case_empty: datives.contains("")
                    || place_case_prefixes.iter().any(|p| p.is_empty()),
                english_words: strings(host.getattr("english_words")?)?,
                sports_words: strings(host.getattr("sports_words")?)?,
                individual_sport_words: strings(host.getattr("individual_sport_words")?)?,
                team_sport_words: strings(host.getattr("team_sport_words")?)?,
                name_words: strings(host.getattr("name_words")?)?,
                features: strings(host.getattr("features")?)?,
                list_conjunctions: strings(host.getattr("list_conjunctions")?)?,
                serial_conjunctions: strings(host.getattr("serial_conjunctions")?)?,
                village_cue_stems: host.getattr("village_cue_stems")?.extract()?,
                town_cue_stems: host.getattr("town_cue_stems")?.extract()?,
                parent_links: host.getattr("parent_links")?.extract()?,
                apposition_articles: strings(host.getattr("apposition_articles")?)?,
                apposition_followers: strings(host.getattr("apposition_followers")?)?,
                genitives: strings(host.getattr("genitive_endings")?)?,
                team_of_place_words: strings(host.getattr("team_of_place_words")?)?,
                language_adjectives: strings(host.getattr("language_adjectives")?)?,
                adjective_stems: host.getattr("adjective_stems")?.extract()?,
                score_folded: scores.get_item("folded")?.unbind(),
                score_inflection: scores.get_item("inflection")?.unbind(),
                method_folded: scores.get_item("folded")?.extract()?,
                method_inflection: scores.get_item("inflection")?.extract()?,
            },
            weights: Weights {
                list_items: w("LIST_ITEMS")? as usize,
                transliterated_max: w("TRANSLITERATED_MAX")?,
                capitals_max: w("CAPITALS_MAX")?,
                english_min: w("ENGLISH_MIN")?,
                english_one_in: w("ENGLISH_ONE_IN")?,
                sentence_lookback: w("SENTENCE_LOOKBACK")? as usize,
                org_reach: w("ORG_REACH")? as usize,
                sports_words_min: w("SPORTS_WORDS_MIN")? as usize,
                headline_sports_words: w("HEADLINE_SPORTS_WORDS")? as usize,
                headline_max: w("HEADLINE_MAX")? as usize,
                lowercase_min: w("LOWERCASE_MIN")?,
                lower_text_share: wf("LOWER_TEXT_SHARE")?,
                quoted_tail_words: w("QUOTED_TAIL_WORDS")? as usize,
                title_abbreviation_max: w("TITLE_ABBREVIATION_MAX")? as usize,
                lower_near_km: wf("LOWER_NEAR_KM")?,
                village_near_km: wf("VILLAGE_NEAR_KM")?,
                crowd_anchors: w("CROWD_ANCHORS")? as usize,
                crowd_town_anchors: w("CROWD_TOWN_ANCHORS")? as usize,
                crowd_km: wf("CROWD_KM")?,
                crowd_far_km: wf("CROWD_FAR_KM")?,
                open_margin: wf("OPEN_MARGIN")?,
                parent_gap: w("PARENT_GAP")?,
                neighbour_window: w("NEIGHBOUR_WINDOW")? as usize,
                far_km: wf("FAR_KM")?,
                km_per_rank: wf("KM_PER_RANK")?,
                river_km: wf("RIVER_KM")?,
                parent_district_bonus: wf("PARENT_DISTRICT_BONUS")?,
                near_sure_km: wf("NEAR_SURE_KM")?,
                near_sure_far_km: wf("NEAR_SURE_FAR_KM")?,
                cue_kind_farther_km: wf("CUE_KIND_FARTHER_KM")?,
                near_sure_margin: wf("NEAR_SURE_MARGIN")?,
            },
            keys,
            second_forms: FxMap::default(),
            hits: FxMap::default(),
            word_hits_cache,
            lemma_cache: FxMap::default(),
            facts: FxMap::default(),
            plurals: FxMap::default(),
            places: PlaceStore::default(),
            variant_context: FxMap::default(),
            org_lemmas: FxMap::default(),
            rankings: FxMap::default(),
            rank_rows: None,
            key_flag_cache: FxMap::default(),
            turkic: TurkicEndings::new(
                host.getattr("turkic_endings")?.extract::<Vec<String>>()?,
                host.getattr("min_stem")?.extract()?,
            ),
            min_inflected_key: w("MIN_INFLECTED_KEY")? as usize,
            apostrophes: host.getattr("apostrophes")?.extract()?,
            prefiltered: 0,
            fact_words: strings(host.getattr("fact_words")?)?,
            fact_tokens: strings(host.getattr("fact_tokens")?)?,
            fact_endings: host.getattr("fact_endings")?.extract()?,
            lexicon: Lexicon::new(&host.getattr("lexicon")?)?,
            hy_latin: ArmenianLatin::from_host(host)?,
            plain: 0,
            facts_lent: Facts::default(),
            word_ids: WordTable::default(),
            words: Vec::new(),
            folded_words: Vec::new(),
            spare: Default::default(),
            spare_surfaces: Vec::new(),
            spare_recs: Vec::new(),
            spare_bounds: Vec::new(),
            spare_missing: Vec::new(),
            spare_new: Default::default(),
            spare_key: String::new(),
            vocabulary_cache,
            pairs: FxMap::default(),
            abouts: Vec::new(),
            about_count: 0,
            word_records: 0,
            records: RecordValues::default(),
            line_places: FxMap::default(),
            cue_phrase: String::new(),
            runs: Default::default(),
            utf8: Default::default(),
            non_ascii_lately: 0,
            replacements: FxMap::default(),
            normalisings: Vec::new(),
            word_replaced: 0,
            rewritten: String::new(),
            weak_names: FxMap::default(),
            weak_count: 0,
            small_cache,
            distances: Default::default(),
            explained: None,
            word_bits: FxMap::default(),
        };
        engine.word_bits = engine.make_word_bits();
        Ok(engine)
    }

    /// surely_no(word, /)
    /// --
    ///
    /// Is it sure without Python that no mention can start at ``word`` (the pre-filter of
    /// new words; tests/test_engine_prefilter.py holds it to Vocabulary.classify)?
    #[pyo3(name = "surely_no")]
    fn py_surely_no(&self, word: &str) -> bool {
        self.surely_no(word)
    }

    /// compiled_ranking(ids, method, group, /)
    /// --
    ///
    /// The ranking the engine makes itself of a span's variant ids for a method and cue
    /// group, as ``Vocabulary.ranking`` answers it (candidates, place, variant, needs
    /// context, kind, official, country); None where it asks Python (the variants name
    /// several places). tests/test_engine_ranking.py holds it to Python's.
    #[pyo3(name = "compiled_ranking")]
    fn py_compiled_ranking<'py>(
        &mut self,
        py: Python<'py>,
        ids: &Bound<'py, PyAny>,
        method: &str,
        group: Option<&str>,
    ) -> PyResult<Option<Bound<'py, PyTuple>>> {
        self.read_rank_rows(py)?;
        let Some(one) = self.one_place(ids, method, group)? else {
            return Ok(None);
        };
        let ranked = self
            .host
            .ranked
            .bind(py)
            .call1((one.place, one.variant, one.rank))?;
        let row = (
            PyTuple::new(py, [ranked])?,
            one.place,
            one.variant,
            one.needs_context,
            one.kind,
            one.official,
            one.country,
        );
        Ok(Some(row.into_pyobject(py)?))
    }

    /// word_lemmas(word, key, /)
    /// --
    ///
    /// `gazetteer.inflection.word_lemmas(word, key)` as the engine reads it (in Rust for a
    /// word of neither Cyrillic nor Armenian letters).
    #[pyo3(name = "word_lemmas")]
    fn py_word_lemmas(
        &self,
        py: Python<'_>,
        word: &str,
        key: &str,
    ) -> PyResult<Vec<(String, String)>> {
        self.word_lemmas(py, word, key)
    }

    /// plain_facts(word, /)
    /// --
    ///
    /// The facts of a word the engine makes without Python (a tuple in the order of
    /// gazetteer.scan.engine.TokenFacts), or None where it asks Python.
    #[pyo3(name = "plain_facts")]
    fn py_plain_facts<'py>(
        &self,
        py: Python<'py>,
        word: &str,
    ) -> PyResult<Option<Bound<'py, PyTuple>>> {
        self.plain_facts(word).map(|f| f.to_py(py)).transpose()
    }

    /// own_facts(word, /)
    /// --
    ///
    /// The facts of a word as the engine makes them without asking Python for them
    /// (`plain_facts`, or the lexicon's of a Latin-script word, src/scan/lexicon.rs; a tuple
    /// in the order of TokenFacts), or None where it asks Python.
    #[pyo3(name = "own_facts")]
    fn py_own_facts<'py>(
        &mut self,
        py: Python<'py>,
        word: &str,
    ) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let f = match self.plain_facts(word) {
            Some(f) => Some(f),
            None => self.lexicon_facts(py, word)?,
        };
        f.map(|f| f.to_py(py)).transpose()
    }

    /// own_classify(word, /)
    /// --
    ///
    /// What the engine decides by itself of a new word that passes the pre-filter: its
    /// verdict (Vocabulary.classify) and what it alone names, (variant ids, method,
    /// ending) or None; None where it asks Python (src/scan/lexicon.rs).
    #[pyo3(name = "own_classify")]
    fn py_own_classify<'py>(
        &mut self,
        py: Python<'py>,
        word: &str,
    ) -> PyResult<Option<(u8, Option<HitTuple>)>> {
        let Some(verdict) = self.own_verdict(py, word)? else {
            return Ok(None);
        };
        let hit = self
            .hits
            .get(word)
            .cloned()
            .flatten()
            .map(|h| (h.ids.clone_ref(py), h.method, h.suffix.clone()));
        Ok(Some((verdict, hit)))
    }

    /// own_word_answers(word, key, /)
    /// --
    ///
    /// What the engine answers by itself of a word and the folded run ``key`` ending in
    /// it: (key_flags of ``key``, org_name_lemma of the two), each None where it asks
    /// Python (the word lists are read after WORD_LISTS_AFTER questions).
    #[pyo3(name = "own_word_answers")]
    fn py_own_word_answers(
        &self,
        py: Python<'_>,
        word: &str,
        key: &str,
    ) -> PyResult<(Option<KeyFlags>, Option<bool>)> {
        Ok((
            self.own_key_flags(py, key)?,
            self.own_org_name_lemma(word, key),
        ))
    }

    /// lowercase_text(text, /)
    /// --
    ///
    /// Is a text lower-case, as the engine decides it (None: it would ask Python, whose
    /// text_facts.lowercase_text answers the same; tests/test_engine_prefilter.py).
    #[pyo3(name = "lowercase_text")]
    fn py_lowercase_text(&mut self, text: &Bound<'_, PyString>) -> PyResult<Option<bool>> {
        let py = text.py();
        let s = text.to_str()?;
        let (bounds, _) = scan_parts(s);
        let make_doc = self.host.doc.bind(py).clone();
        let cx = Words::new(s, &bounds, Some(text), false, make_doc, None);
        self.lowercase_text_here(py, &cx)
    }

    /// How many words' facts the engine made without Python.
    #[getter]
    fn plain(&self) -> usize {
        self.plain
    }

    /// How many new words the engine found no mention can start at without asking Python.
    #[getter]
    fn prefiltered(&self) -> usize {
        self.prefiltered
    }

    /// explain(text, /)
    /// --
    ///
    /// The candidate spans of a text the rules turned down or left waiting, in the order
    /// they were judged: tuples (start, end, verdict, reason), code-point offsets, verdict
    /// "rejected" (the rule's reason) or "waited" (weak alone, and no other mention
    /// corroborated it). A span of several words turned down may be followed by its first
    /// word judged alone. The mentions found are `scan`'s.
    fn explain(
        &mut self,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Vec<(usize, usize, &'static str, &'static str)>> {
        let py = text.py();
        self.explained = Some(Vec::new());
        let mut got = self.find(text);
        if matches!(got, Ok(None)) {
            // lone surrogates: each read as U+FFFD, at the same offsets (as `scan`)
            let readable = self.host.readable.bind(py).call1((text,));
            got = match readable {
                Ok(r) => match r.cast::<PyString>() {
                    Ok(r) => self.find(r),
                    Err(e) => Err(e.into()),
                },
                Err(e) => Err(e),
            };
        }
        let out = self.explained.take().unwrap_or_default();
        got?;
        Ok(out
            .into_iter()
            .map(|e| (e.start, e.end, e.verdict, e.reason))
            .collect())
    }

    /// scan(text, /)
    /// --
    ///
    /// The mentions of a text (a list of gazetteer.records.Mention), in order.
    fn scan<'py>(&mut self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
        let py = text.py();
        match self.find(text)? {
            Some(recs) => Ok(self.to_python(py, &recs)?.into_any()),
            // lone surrogates, which no Rust string holds: each read as U+FFFD (one code
            // point too, and no part of a word), so the offsets are the text's
            None => {
                let readable = self.host.readable.bind(py).call1((text,))?;
                let readable = readable.cast::<PyString>()?;
                match self.find(readable)? {
                    Some(recs) => Ok(self.to_python(py, &recs)?.into_any()),
                    None => Err(pyo3::exceptions::PyValueError::new_err(
                        "the host's readable text is not valid UTF-8",
                    )),
                }
            }
        }
    }

    /// normalise(text, naming, mode, rewrite, /)
    /// --
    ///
    /// The text with each mention replaced, as Gazetteer.normalise writes it: what
    /// ``rewrite(mention, before)`` gives (``before``: the 24 characters before the
    /// mention), kept per (naming, mode, place, surface, ending, method, cue) where no
    /// preposition before the mention can govern its case (its surface is not Cyrillic).
    /// None for a text with lone surrogates (Python does it).
    pub(crate) fn normalise<'py>(
        &mut self,
        text: &Bound<'py, PyString>,
        naming: &str,
        mode: &str,
        rewrite: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyString>>> {
        // (the text's UTF-8 read as extract's records read it, `with_utf8`: not
        // Python's encoder, which keeps a copy in every str that is not ASCII)
        let got = self.with_utf8(text, |engine, py, s, recs| {
            // (a text with no mention, or whose mentions all keep their own text, is given
            // back as it came: no copy of it and no new Python string; most newswire lines)
            if recs.is_empty() {
                engine.keep_surfaces(recs);
                return Ok(None);
            }
            // (written in the engine's buffer, kept for the next text)
            let mut out = std::mem::take(&mut engine.rewritten);
            out.clear();
            out.reserve(s.len() + s.len() / 8);
            let changed = engine.rewrite_into(py, s, &recs, naming, mode, rewrite, &mut out);
            engine.keep_surfaces(recs);
            let got = match changed {
                Ok(0) => Ok(None),
                Ok(_) => Ok(Some(PyString::new(py, &out))),
                Err(e) => Err(e),
            };
            if out.capacity() <= SPARE_TEXT {
                engine.rewritten = out;
            }
            got
        })?;
        Ok(match got {
            None => None, // (lone surrogates: Python does it)
            Some(None) => Some(text.clone()),
            Some(Some(out)) => Some(out),
        })
    }

    /// candidates(text, /)
    /// --
    ///
    /// Every candidate span of a text before the rules judge any, in the order the scan
    /// tries them: (start, end, variant ids, method, ending), code-point offsets; the
    /// pure-Python twin is gazetteer.scan.candidates.candidates.
    fn candidates<'py>(&mut self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let got = match self.with_words(text, |e, py, cx, flags| {
            let found = e.candidates_of(py, cx, flags)?;
            Ok(found
                .into_iter()
                .map(|(i, j, c)| (cx.start_cp(i), cx.end_cp(j - 1), c))
                .collect::<Vec<_>>())
        })? {
            Some(got) => got,
            None => {
                // lone surrogates: read as U+FFFD, at the same offsets (see scan)
                let readable = self.host.readable.bind(py).call1((text,))?;
                return self.candidates(readable.cast::<PyString>()?);
            }
        };
        let out = PyList::empty(py);
        for (start, end, c) in got {
            out.append((start, end, c.ids.bind(py), c.method, c.suffix))?;
        }
        Ok(out)
    }

    /// scan_lines(text, head, naming, char_base, byte_base, width, about, weak, nested, open_margin, /)
    /// --
    ///
    /// The CLI's JSON Lines of a piece's mentions as one string, as
    /// gazetteer.formats.json_line writes the records extract_stream makes with the review
    /// fields (review.MentionExtras): each line starts with ``head``; ``about(place)`` gives
    /// the place's record fields and review fields as JSON without braces (asked once per
    /// place and naming), ``weak(surface, variant)`` the review rules 2, 3 and 6 (once per
    /// pair), ``nested(a, b)`` whether one place is the other's parent. None where Python
    /// makes the records (lone surrogates, mentions out of order).
    #[allow(clippy::too_many_arguments)]
    fn scan_lines<'py>(
        &mut self,
        text: &Bound<'py, PyString>,
        head: &str,
        naming: &str,
        char_base: usize,
        byte_base: usize,
        width: usize,
        about: &Bound<'py, PyAny>,
        weak: &Bound<'py, PyAny>,
        nested: &Bound<'py, PyAny>,
        open_margin: f64,
    ) -> PyResult<Option<String>> {
        let py = text.py();
        let Some(recs) = self.find(text)? else {
            return Ok(None);
        };
        let args = super::lines::LineArgs {
            head,
            naming,
            char_base,
            byte_base,
            width,
            about,
            weak,
            nested,
            open_margin,
        };
        self.lines_of(py, text.to_str()?, &recs, &args)
    }

    /// scan_records(text, naming, about, /)
    /// --
    ///
    /// The mention records of a text as Gazetteer.extract makes them from scan's mentions
    /// ({start, end, text, **about(place, naming), score, method, cue}), without the
    /// Mention objects between; ``about`` is asked once per place and naming. None for a
    /// text the engine cannot hold (lone surrogates): Python makes its records.
    pub(crate) fn scan_records<'py>(
        &mut self,
        text: &Bound<'py, PyString>,
        naming: &str,
        about: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyList>>> {
        let py = text.py();
        let Some(recs) = self.find_records(text)? else {
            return Ok(None);
        };
        let keys = RecordKeys {
            spans: [
                pyo3::intern!(py, "start"),
                pyo3::intern!(py, "end"),
                pyo3::intern!(py, "text"),
            ],
            tail: [
                pyo3::intern!(py, "score"),
                pyo3::intern!(py, "method"),
                pyo3::intern!(py, "cue"),
            ],
        };
        let [start_k, end_k, text_k] = keys.spans;
        let cue_k = keys.tail[2];
        let at = match self.abouts.iter().position(|(n, _)| n == naming) {
            Some(at) => at,
            None => {
                self.abouts.push((naming.to_owned(), FxMap::default()));
                self.abouts.len() - 1
            }
        };
        // (the list made at its length, each record put in its place; the records copied
        // from their templates and set through the C API: a record costs a copy and two
        // or three stores, without the wrappers' reference counting between)
        let len = isize::try_from(recs.len()).expect("fewer than isize::MAX mentions");
        // SAFETY: a new list of `len` empty slots, owned here; each slot is set below
        let out = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len))? }
            .cast_into::<PyList>()?;
        for (x, m) in recs.iter().enumerate() {
            let folded = m.method == "folded";
            // (a mention of one word: the template with its text kept in the word's slot)
            let by_word = m.word.and_then(|id| match &self.words[id as usize].record {
                Some(r) if r.at == at && r.place == m.place && r.folded == folded => {
                    Some((r.dict.as_ptr(), r.own))
                }
                _ => None,
            });
            let (template, own) = match by_word {
                Some((t, [own_start, own_end])) => (t, [own_start, own_end, false]),
                None => {
                    // (one probe for a template made before; `record_template` makes a new one)
                    let (t, own) = match self.abouts[at].1.get(&(m.place, folded)) {
                        Some(t) => (t.dict.as_ptr(), t.own),
                        None => {
                            let t = self.record_template(py, at, m.place, folded, about, &keys)?;
                            (t.dict.as_ptr(), t.own)
                        }
                    };
                    match m.word {
                        Some(id) if own[2] && self.word_records < WORD_RECORDS => {
                            let r = self.word_record(
                                py, id, at, m.place, folded, t, own, text_k, &m.surface,
                            )?;
                            (r, [own[0], own[1], false])
                        }
                        _ => (t, own),
                    }
                }
            };
            // SAFETY: the template is a dict the engine holds; the copy is a new reference
            let d = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyDict_Copy(template))? };
            let [own_start, own_end, own_text] = own;
            if own_start {
                self.records.set(py, &d, start_k, m.start)?;
            }
            if own_end {
                self.records.set(py, &d, end_k, m.end)?;
            }
            if own_text {
                match m.word {
                    // (a mention of one word: its str kept in the word's slot)
                    Some(id) => {
                        let slot = &mut self.words[id as usize].surface;
                        let s = match slot {
                            Some(s) => s.as_ptr(),
                            None => slot.insert(PyString::new(py, &m.surface).unbind()).as_ptr(),
                        };
                        set_item(&d, text_k, s)?;
                    }
                    None => set_item(&d, text_k, PyString::new(py, &m.surface).as_ptr())?,
                }
            }
            // (score and method are the template's; its cue is None)
            if let Some(cue) = &m.cue {
                set_item(&d, cue_k, PyString::new(py, cue).as_ptr())?;
            }
            // SAFETY: `x` is a slot of the new list, set once; the list takes the record
            unsafe { ffi::PyList_SetItem(out.as_ptr(), x as isize, d.into_ptr()) };
        }
        self.keep_surfaces(recs);
        Ok(Some(out))
    }
}

/// `str.isascii`, the method itself (a method descriptor), taken from `str` once.
static STR_ISASCII: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();

/// `text.isascii()`, read from the str's header by Python: the descriptor called with the
/// text, where `call_method0` looked the method up on the str's type, packed the call and
/// ran more of the interpreter's code (~220 instructions a text, and ~28 instruction-cache
/// misses, every text of place-dense copy asking: `Engine::non_ascii_lately`).
fn is_ascii(text: &Bound<'_, PyString>) -> PyResult<bool> {
    let py = text.py();
    let f = STR_ISASCII.get_or_try_init(py, || {
        py.get_type::<PyString>()
            .getattr(pyo3::intern!(py, "isascii"))
            .map(Bound::unbind)
    })?;
    // SAFETY: `f` is `str.isascii` and `text` a live str, both held; the argument list
    // ends with the null pointer the C variadic call reads up to
    let got = unsafe {
        ffi::PyObject_CallFunctionObjArgs(
            f.as_ptr(),
            text.as_ptr(),
            std::ptr::null_mut::<ffi::PyObject>(),
        )
    };
    // SAFETY: a new reference, or null with Python's error set
    let got = unsafe { Bound::from_owned_ptr_or_err(py, got)? };
    // (str.isascii answers one of the two bools)
    Ok(got.as_ptr() == unsafe { ffi::Py_True() })
}

/// How many surface strings of records made the engine keeps for the next mentions.
const SPARE_SURFACES: usize = 4096;

/// The longest list of records the engine keeps for the next text's mentions.
const SPARE_RECS: usize = 4096;

/// The longest list of word bounds the engine keeps for the next text's (a CLI piece of
/// 256K characters has about 100,000).
const SPARE_BOUNDS: usize = 1 << 18;

/// After a text that is not ASCII, how many ASCII texts `find_records` asks about before
/// it takes the next texts for ASCII again (`Engine::non_ascii_lately`): place-dense copy
/// mixes the two line by line, newswire is ASCII throughout.
const NON_ASCII_LATELY: u8 = 16;

/// The longest text (in code points) whose buffers the engine keeps for the next
/// (`find_records`).
const SPARE_TEXT: usize = 1 << 16;

/// The largest code-point offset whose Python int the records share (`RecordValues`).
const SHARED_OFFSETS: usize = 1 << 14;

/// Python values the mention records share instead of making one each: the ints of
/// offsets below `SHARED_OFFSETS` (an int is immutable: one object serves every record
/// with that offset). (A word's surface str is kept in its slot, `WordSlot::surface`.)
#[derive(Default)]
struct RecordValues {
    offsets: Vec<Option<Py<PyAny>>>,
}

impl RecordValues {
    /// `d[key] = v`, the int of an offset (shared below `SHARED_OFFSETS`).
    fn set(
        &mut self,
        py: Python<'_>,
        d: &Bound<'_, PyAny>,
        key: &Bound<'_, PyString>,
        v: usize,
    ) -> PyResult<()> {
        if let Some(Some(o)) = self.offsets.get(v) {
            return set_item(d, key, o.as_ptr());
        }
        set_item(d, key, self.offset(py, v)?.as_ptr())
    }

    /// The int of an offset (shared below `SHARED_OFFSETS`).
    fn offset<'py>(&mut self, py: Python<'py>, v: usize) -> PyResult<Bound<'py, PyAny>> {
        if v >= SHARED_OFFSETS {
            return Ok(v.into_pyobject(py)?.into_any());
        }
        if self.offsets.len() <= v {
            self.offsets
                .resize_with((v + 1).next_power_of_two(), || None);
        }
        let slot = &mut self.offsets[v];
        if let Some(o) = slot {
            return Ok(o.bind(py).clone());
        }
        let o = v.into_pyobject(py)?.into_any();
        *slot = Some(o.clone().unbind());
        Ok(o)
    }
}

/// `d[key] = value` through the C API (`d` a dict; the dict takes its own references).
#[inline]
fn set_item(
    d: &Bound<'_, PyAny>,
    key: &Bound<'_, PyString>,
    value: *mut ffi::PyObject,
) -> PyResult<()> {
    // SAFETY: `d` is a dict, `key` a str and `value` a live object, all held by the caller
    if unsafe { ffi::PyDict_SetItem(d.as_ptr(), key.as_ptr(), value) } == 0 {
        Ok(())
    } else {
        Err(PyErr::fetch(d.py()))
    }
}

/// The record templates of one naming, by place and whether the method is "folded".
type Templates = FxMap<(i64, bool), RecordTemplate>;

/// A text's words by id and the store of folded words by id (`Words::new`).
type ById = (Vec<u32>, Vec<FoldSlot>);

/// A word's fold, made on the first ask (`Words::folded`).
type FoldSlot = std::sync::OnceLock<Rc<str>>;

/// A place's mention record for a method, with the mention's own fields left None:
/// `{start, end, text, **about(place, naming), score, method, cue}` in that order, which a
/// record copies (one C-level copy of the keys and values) and then sets its own fields
/// in (start, end, text, a cue), each staying where the template put it.
struct RecordTemplate {
    dict: Py<PyDict>,
    /// which of start, end and text are the mention's: those the place's fields lack
    /// (else about's value stands, as when it overwrote the mention's)
    own: [bool; 3],
}

/// The keys of a mention record, as the interned strings the records are set with (a set
/// then finds its key in the template by identity, without comparing the text).
struct RecordKeys<'a, 'py> {
    spans: [&'a Bound<'py, PyString>; 3],
    tail: [&'a Bound<'py, PyString>; 3],
}

impl Engine {
    /// The record template of a place named as ``abouts[at]`` names, for a method ("folded"
    /// or not), made once (``about`` asked then).
    fn record_template(
        &mut self,
        py: Python<'_>,
        at: usize,
        place: i64,
        folded: bool,
        about: &Bound<'_, PyAny>,
        keys: &RecordKeys<'_, '_>,
    ) -> PyResult<&RecordTemplate> {
        if !self.abouts[at].1.contains_key(&(place, folded)) {
            let fields = about
                .call1((place, self.abouts[at].0.as_str()))?
                .cast_into::<PyDict>()?;
            let d = PyDict::new(py);
            let none = py.None();
            let mut own = [true; 3];
            for (k, own) in keys.spans.into_iter().zip(&mut own) {
                d.set_item(k, &none)?;
                *own = !fields.contains(k)?;
            }
            for (k, v) in fields.iter() {
                d.set_item(k, v)?;
            }
            let [score_k, method_k, cue_k] = keys.tail;
            if folded {
                d.set_item(score_k, self.tables.score_folded.bind(py))?;
                d.set_item(method_k, pyo3::intern!(py, "folded"))?;
            } else {
                d.set_item(score_k, self.tables.score_inflection.bind(py))?;
                d.set_item(method_k, pyo3::intern!(py, "inflection"))?;
            }
            d.set_item(cue_k, &none)?;
            if self.about_count >= self.small_cache {
                for (_, t) in &mut self.abouts {
                    t.clear();
                }
                self.about_count = 0;
            }
            let t = RecordTemplate {
                dict: d.unbind(),
                own,
            };
            self.abouts[at].1.insert((place, folded), t);
            self.about_count += 1;
        }
        Ok(&self.abouts[at].1[&(place, folded)])
    }

    /// A copy of a place's record template with word `id`'s text set, kept in the word's
    /// slot (`WordRecord`, in place of the one it held); the copy's address.
    #[allow(clippy::too_many_arguments)]
    fn word_record(
        &mut self,
        py: Python<'_>,
        id: u32,
        at: usize,
        place: i64,
        folded: bool,
        template: *mut ffi::PyObject,
        own: [bool; 3],
        text_k: &Bound<'_, PyString>,
        surface: &str,
    ) -> PyResult<*mut ffi::PyObject> {
        // SAFETY: the template is a dict the engine holds; the copy is a new reference
        let d = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyDict_Copy(template))? };
        let slot = &mut self.words[id as usize];
        // (the word's str, as the records of the word share it)
        let s = match &slot.surface {
            Some(s) => s.as_ptr(),
            None => slot
                .surface
                .insert(PyString::new(py, surface).unbind())
                .as_ptr(),
        };
        set_item(&d, text_k, s)?;
        let dict = d.cast_into::<PyDict>()?.unbind();
        let ptr = dict.as_ptr();
        if slot.record.is_none() {
            self.word_records += 1;
        }
        slot.record = Some(WordRecord {
            at,
            place,
            folded,
            dict,
            own: [own[0], own[1]],
        });
        Ok(ptr)
    }

    /// Keep the surface strings of records made (`spare_surfaces`, a few thousand at most).
    pub(crate) fn keep_surfaces(&mut self, recs: Vec<Rec>) {
        self.keep_recs(recs, SPARE_RECS);
    }

    /// [`Engine::keep_surfaces`], the list kept where it holds up to `most` records: the
    /// CLI keeps a piece's, whatever its size (a piece's mentions are bounded by the piece,
    /// and the next one's list grown anew from a small one is copied at each doubling).
    pub(crate) fn keep_recs(&mut self, mut recs: Vec<Rec>, most: usize) {
        // (each surface taken from its record where it lies: no record moved out of the list)
        for m in recs.iter_mut() {
            if self.spare_surfaces.len() >= SPARE_SURFACES {
                break;
            }
            let mut surface = std::mem::take(&mut m.surface);
            surface.clear();
            self.spare_surfaces.push(surface);
        }
        recs.clear();
        // (and the list, for the next text's mentions; not a huge one)
        if recs.capacity() > self.spare_recs.capacity() && recs.capacity() <= most {
            self.spare_recs = recs;
        }
    }

    /// A mention's surface as a String, in a kept one where there is one.
    pub(crate) fn surface(&mut self, text: &str) -> String {
        match self.spare_surfaces.pop() {
            Some(mut s) => {
                s.push_str(text);
                s
            }
            None => text.to_owned(),
        }
    }

    /// The mentions of a text as the engine's records; None for a text with lone surrogates.
    pub(crate) fn find<'py>(&mut self, text: &Bound<'py, PyString>) -> PyResult<Option<Vec<Rec>>> {
        self.with_words(text, |engine, py, cx, flags| {
            engine.scan_words(py, cx, flags)
        })
    }

    /// `find` for `scan_records`, which reads the text's UTF-8 once: an ASCII text's is
    /// its own bytes; another's is written from its code points in the engine's buffer
    /// (`PyUnicode_AsUCS4`, then `text::utf8_from_ucs4`: about a third of the
    /// instructions of Python's encoder, which also keeps a copy in the str). Whether a
    /// text is ASCII is asked of Python (`str.isascii`, read from the str's header) only
    /// while texts that are not came lately (`NON_ASCII_LATELY`): a run of ASCII texts
    /// (newswire) pays nothing more.
    fn find_records<'py>(&mut self, text: &Bound<'py, PyString>) -> PyResult<Option<Vec<Rec>>> {
        self.with_utf8(text, |_, _, _, recs| Ok(recs))
    }

    /// ``f`` of a text's UTF-8 and its mentions, the text read as `find_records` reads it
    /// (its own bytes where it is ASCII, else written in the engine's buffer from its code
    /// points); None for a text with lone surrogates.
    fn with_utf8<'py, T>(
        &mut self,
        text: &Bound<'py, PyString>,
        f: impl FnOnce(&mut Self, Python<'py>, &str, Vec<Rec>) -> PyResult<T>,
    ) -> PyResult<Option<T>> {
        let py = text.py();
        if self.non_ascii_lately == 0 || is_ascii(text)? {
            let Ok(s) = text.to_str() else {
                return Ok(None);
            };
            // (whether it was ASCII read where the text's words know it: a text in which
            // no mention can start leaves the count as it was)
            let recs = self.with_words_of(py, s, Some(text), |engine, py, cx, flags| {
                engine.non_ascii_lately = if cx.ascii {
                    engine.non_ascii_lately.saturating_sub(1)
                } else {
                    NON_ASCII_LATELY
                };
                engine.scan_words(py, cx, flags)
            })?;
            return f(self, py, s, recs).map(Some);
        }
        self.non_ascii_lately = NON_ASCII_LATELY;
        let (mut utf8, mut ucs4) = std::mem::take(&mut self.utf8);
        let n = text.len()?;
        ucs4.clear();
        ucs4.reserve(n);
        let len = isize::try_from(n).expect("a str shorter than isize::MAX");
        // SAFETY: `ucs4` has room for the `n` code points of the str, which
        // PyUnicode_AsUCS4 writes (without a NUL after them) and which `set_len` then counts
        if unsafe { ffi::PyUnicode_AsUCS4(text.as_ptr(), ucs4.as_mut_ptr(), len, 0) }.is_null() {
            return Err(PyErr::fetch(py));
        }
        // SAFETY: the `n` code points were written just above
        unsafe { ucs4.set_len(n) };
        let got = if utf8_from_ucs4(&ucs4, &mut utf8) {
            self.with_words_of(py, &utf8, Some(text), |engine, py, cx, flags| {
                engine.scan_words(py, cx, flags)
            })
            .and_then(|recs| f(self, py, &utf8, recs))
            .map(Some)
        } else {
            Ok(None) // (a lone surrogate: no UTF-8, as `to_str` finds)
        };
        if ucs4.capacity() <= SPARE_TEXT {
            self.utf8 = (utf8, ucs4);
        }
        got
    }

    /// ``f`` of a text cut into words, with each word's verdict (empty when no mention can
    /// start anywhere in it); None for a text with lone surrogates.
    fn with_words<'py, T: Default>(
        &mut self,
        text: &Bound<'py, PyString>,
        f: impl FnOnce(&mut Self, Python<'py>, &Words<'_, 'py>, &[u8]) -> PyResult<T>,
    ) -> PyResult<Option<T>> {
        let Ok(s) = text.to_str() else {
            return Ok(None);
        };
        self.with_words_of(text.py(), s, Some(text), f).map(Some)
    }

    /// The mentions of a text already in hand as UTF-8 (a CLI piece): its Python string
    /// is made only if a rule asks Python about the text.
    pub(crate) fn find_str(&mut self, py: Python<'_>, s: &str) -> PyResult<Vec<Rec>> {
        self.with_words_of(py, s, None, |engine, py, cx, flags| {
            engine.scan_words(py, cx, flags)
        })
    }

    /// ``f`` of text ``s`` (whose Python string is ``text`` where one is at hand).
    fn with_words_of<'py, T: Default>(
        &mut self,
        py: Python<'py>,
        s: &str,
        text: Option<&Bound<'py, PyString>>,
        f: impl FnOnce(&mut Self, Python<'py>, &Words<'_, 'py>, &[u8]) -> PyResult<T>,
    ) -> PyResult<T> {
        // (the word bounds in the list the last text's were in)
        let mut bounds = std::mem::take(&mut self.spare_bounds);
        let marked = scan_parts_into(s, &mut bounds);
        let got = self.with_bounds(py, s, &bounds, marked, text, f);
        if bounds.capacity() <= SPARE_BOUNDS {
            self.spare_bounds = bounds;
        }
        got
    }

    /// `with_words_of` of a text cut at `bounds`.
    fn with_bounds<'py, T: Default>(
        &mut self,
        py: Python<'py>,
        s: &str,
        bounds: &[usize],
        marked: bool,
        text: Option<&Bound<'py, PyString>>,
        f: impl FnOnce(&mut Self, Python<'py>, &Words<'_, 'py>, &[u8]) -> PyResult<T>,
    ) -> PyResult<T> {
        let (mut flags, ids, bits) = self.verdicts_of(py, s, bounds)?;
        // (Armenian in Latin letters: its words read by their endings, src/scan/armenian_latin.rs)
        let hy = self.hy_latin_words(py, s, bounds, &ids, &bits, &mut flags)?;
        if flags.iter().all(|&f| f == NO) {
            self.spare = (flags, ids, bits);
            return Ok(T::default());
        }
        let make_doc = self.host.doc.bind(py).clone();
        // (the words folded by id, lent to the text's words and given back after)
        let mut store = std::mem::take(&mut self.folded_words);
        store.resize_with(self.words.len(), FoldSlot::new);
        let mut cx = Words::new(s, bounds, text, marked, make_doc, Some((ids, store)));
        cx.bits = bits;
        cx.hy = hy;
        let got = f(self, py, &cx, &flags);
        self.folded_words = cx.folded;
        self.spare = (flags, cx.ids, cx.bits);
        got
    }

    /// Can a mention starting at word i (verdict ``flag``, not NO) be a name of several
    /// words (``Some(true)``), of one (``Some(false)``), or none at all (a HEAD word whose
    /// next word starts no name: ``None``)?
    fn starts_multi(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        flag: u8,
    ) -> PyResult<Option<bool>> {
        if flag < HEAD {
            return Ok(Some(flag == PAIR));
        }
        let mut go_on = false;
        if i + 1 < cx.len() && joins(cx.gap(i + 1)) {
            go_on = self.pair_starts(py, cx, i)?;
            // (Armenian in Latin letters: "Mets Tagheric")
            go_on = go_on
                || (cx.hy.at(i + 1)
                    && self.keys.multi_first(cx.folded(i)).is_some()
                    && self.hy_latin_second(cx, i + 1));
        }
        Ok(if !go_on && flag == HEAD {
            None
        } else {
            Some(go_on)
        })
    }

    /// Is it known, without asking, that no name of several words starts at word i (a HEAD
    /// or BOTH word)? So when it is the last word, when the gap after it does not join, or
    /// when the next word is known to be the second word of no name in any form (its
    /// slot's `second`, `pair_starts`' first test) outside Armenian in Latin letters:
    /// `starts_multi` then answers None (HEAD) or Some(false) (BOTH) and changes nothing.
    #[inline]
    fn no_pair_after(&self, cx: &Words<'_, '_>, i: usize) -> bool {
        if i + 1 >= cx.len() || !joins(cx.gap(i + 1)) {
            return true;
        }
        match cx.ids.get(i + 1) {
            Some(&id) => self.words[id as usize].second == Some(false) && !cx.hy.at(i + 1),
            None => false,
        }
    }

    /// Every candidate span of a text, before the rules judge any (the candidate finder
    /// alone, which gazetteer/scan/candidates.py twins).
    fn candidates_of(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        flags: &[u8],
    ) -> PyResult<Vec<(usize, usize, Cand)>> {
        let mut out = Vec::new();
        for (i, &flag) in flags.iter().enumerate() {
            if flag == NO {
                continue;
            }
            let Some(multi) = self.starts_multi(py, cx, i, flag)? else {
                continue;
            };
            for c in self.multi_candidates(py, cx, i, multi)? {
                out.push((i, c.end, c));
            }
            if let Some(hit) = self.word_hits_at(py, cx, i)? {
                let c = Cand {
                    end: i + 1,
                    ids: hit.ids.clone_ref(py),
                    method: hit.method,
                    suffix: hit.suffix.clone(),
                };
                out.push((i, i + 1, c));
            }
        }
        Ok(out)
    }

    /// The scan loop and the passes over a text whose words' verdicts are ``flags``.
    fn scan_words<'py>(
        &mut self,
        py: Python<'py>,
        cx: &Words<'_, 'py>,
        flags: &[u8],
    ) -> PyResult<Vec<Rec>> {
        let mut mentions: Vec<Rec> = std::mem::take(&mut self.spare_recs);
        mentions.clear();
        let mut deferred: Vec<Rec> = Vec::new();
        let mut i = next_flagged(flags, 0);
        while i < flags.len() {
            let flag = flags[i];
            // (a word that starts longer names, the next word able to be the second of none
            // and known so: "the", "in", "new" before most words; no call, no pair probe)
            let multi = if flag >= HEAD && self.no_pair_after(cx, i) {
                if flag == HEAD {
                    i = next_flagged(flags, i + 1);
                    continue;
                }
                Some(false)
            } else {
                self.starts_multi(py, cx, i, flag)?
            };
            let used = match multi {
                Some(multi) => self.match_at(py, cx, i, multi, &mut mentions, &mut deferred)?,
                None => None,
            };
            let Some(used) = used else {
                i = next_flagged(flags, i + 1);
                continue;
            };
            // (the words the mention took are passed over)
            i = next_flagged(flags, i + used);
        }
        let waiting: Vec<(usize, usize)> = if self.explained.is_some() {
            deferred.iter().map(|d| (d.start, d.end)).collect()
        } else {
            Vec::new()
        };
        if !mentions.is_empty() {
            // (the passes over the text keep no deferred mention without another one)
            self.lowercase_near_places(py, cx, &mut mentions, &mut deferred)?;
            self.villages_near_places(py, &mut mentions, &mut deferred)?;
            self.cue_kinds(py, cx, &mut mentions)?;
            let parented = self.named_parents(py, cx, &mut mentions)?;
            self.one_sense(py, &mut mentions, deferred, &parented)?;
            self.disambiguate(py, cx, &mut mentions)?;
            self.crowded_readings(py, &mut mentions)?;
            self.near_sure_places(py, &mut mentions)?;
        }
        if let Some(out) = self.explained.as_mut() {
            for (start, end) in waiting {
                if !mentions.iter().any(|m| m.start == start && m.end == end) {
                    out.push(Explained {
                        start,
                        end,
                        verdict: "waited",
                        reason: "weak alone (a name that needs a cue, a village opening a sentence, or a lower-case word) and nothing else in the text corroborated it",
                    });
                }
            }
        }
        Ok(mentions)
    }
}

/// One text's words as the candidate finder and the rules read them.
pub(crate) struct Words<'a, 'py> {
    pub s: &'a str,
    bounds: &'a [usize],
    /// how many words (`len`: the rules ask it at every test of a word's neighbours)
    n: usize,
    /// the text as a Python string: the caller's, or made from `s` when Python is asked
    text: OnceCell<Bound<'py, PyString>>,
    /// the text holds '#' or invisibles (`text::scan_parts`: hashtags and invisibles may
    /// have cut or joined its words)
    marked: bool,
    make_doc: Bound<'py, PyAny>,
    /// the Python `text_facts.Doc`, for the text facts Python decides, made when one first asks
    doc: OnceCell<Bound<'py, PyAny>>,
    /// words folded, where the engine looks : by word id where the text
    /// has ids (`Engine::folded_words`, lent for the text), else by position
    folded: Vec<FoldSlot>,
    /// the last part boundary asked in code points: (its byte, its code point), from
    /// which the next is counted (Mention offsets are Python's; asked mostly in order)
    cursor: Cell<(usize, usize)>,
    /// an ASCII text, whose code-point offsets are its byte offsets
    ascii: bool,
    pub english: Cell<Option<bool>>,
    /// football copy: the text's sports words and sentences
    pub sports: RefCell<Option<Sports>>,
    /// the facts of the words the rules asked about, by position (made on the first ask;
    /// a text without word ids, `ids`)
    pub facts: RefCell<Vec<Option<Rc<Facts>>>>,
    /// each word's id in `Engine::words` (empty: the text was not cut into ids)
    ids: Vec<u32>,
    /// each word's `WordEntry::bits` (with `ids`)
    bits: Vec<u8>,
    /// is the text lower-case (decided once a text)?
    pub lower: Cell<Option<bool>>,
    /// does the text hold a digit other than 0-9 (computed once a text)?
    pub other_digits: OnceCell<bool>,
    /// Armenian in Latin letters: is the text so, and its words read by their endings
    /// (src/scan/armenian_latin.rs)
    pub hy: HyLatinText,
}

/// What the sports rule keeps of a text: its count of sports words (and a score), and
/// the sentences judged (each found from the position asked: `pytext::sentence_around`).
pub(crate) struct Sports {
    pub total: usize,
    /// the sentences judged, by their first byte
    pub sentences: FxMap<usize, bool>,
    /// the sentence asked last: its bytes and whether it is football copy
    pub last: Option<(usize, usize, bool)>,
    /// where the text's sports words start (bytes, in order), for a sentence's test; None
    /// for a text whose words a sentence cut alone may not have (`Words::words_in`)
    pub words_at: Option<Vec<usize>>,
}

impl<'a, 'py> Words<'a, 'py> {
    fn new(
        s: &'a str,
        bounds: &'a [usize],
        text: Option<&Bound<'py, PyString>>,
        marked: bool,
        make_doc: Bound<'py, PyAny>,
        by_id: Option<ById>,
    ) -> Self {
        let n = (bounds.len() - 2) / 2;
        // (`part` slices without checking: the bounds are the text's character
        // boundaries in order, as `Engine::cut` makes and checks them)
        let (ids, folded) =
            by_id.unwrap_or_else(|| (Vec::new(), (0..n).map(|_| FoldSlot::new()).collect()));
        // (a Python string whose UTF-8 is as long as its code points is ASCII: known
        // without reading the text again)
        let ascii = match text {
            Some(t) => t.len().map_or_else(|_| s.is_ascii(), |n| n == s.len()),
            None => s.is_ascii(),
        };
        let text = text.map_or_else(OnceCell::new, |t| OnceCell::from(t.clone()));
        Words {
            s,
            bounds,
            n,
            text,
            marked,
            make_doc,
            doc: OnceCell::new(),
            folded,
            cursor: Cell::new((0, 0)),
            ascii,
            english: Cell::new(None),
            sports: RefCell::new(None),
            other_digits: OnceCell::new(),
            lower: Cell::new(None),
            facts: RefCell::new(Vec::new()),
            ids,
            bits: Vec::new(),
            hy: HyLatinText::default(),
        }
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.n
    }
    /// Does the text have its words' bits (`WordEntry::bits`)?
    pub fn has_bits(&self) -> bool {
        self.bits.len() == self.len()
    }
    /// The bits of all the text's words together (a text with bits).
    pub fn all_bits(&self) -> u8 {
        self.bits.iter().fold(0, |acc, b| acc | b)
    }
    /// `f(k)` of each word k with `bit` among its bits, in order (a text with bits): eight
    /// words' bits tested a step, where a CLI piece's tens of thousands of words, a
    /// handful of them with the bit, were read one by one.
    pub fn each_with_bit(&self, bit: u8, mut f: impl FnMut(usize)) {
        let mask = u64::from_le_bytes([bit; 8]);
        let mut words = self.bits.chunks_exact(8);
        let mut at = 0;
        for w in words.by_ref() {
            if u64::from_le_bytes(w.try_into().expect("8 bytes")) & mask != 0 {
                for (k, &b) in w.iter().enumerate() {
                    if b & bit != 0 {
                        f(at + k);
                    }
                }
            }
            at += 8;
        }
        for (k, &b) in words.remainder().iter().enumerate() {
            if b & bit != 0 {
                f(at + k);
            }
        }
    }
    /// The words that start in bytes `a..b` of a text cut in Rust (`text::parts`), where
    /// a piece from a sentence's start to the next sentence's has the same words as cut
    /// alone; None for a `marked` text (hashtags and invisibles join and split words).
    pub fn words_in(&self, a: usize, b: usize) -> Option<std::ops::Range<usize>> {
        if self.marked {
            return None;
        }
        let n = self.len();
        let first = partition(n, |k| self.start_byte(k) < a);
        let end = partition(n, |k| self.start_byte(k) < b);
        Some(first..end.max(first))
    }
    /// The Python `text_facts.Doc` of the text (gap, word, ..., gap parts), made once.
    pub fn doc(&self) -> PyResult<&Bound<'py, PyAny>> {
        if let Some(d) = self.doc.get() {
            return Ok(d);
        }
        let py = self.make_doc.py();
        let text = self.text.get_or_init(|| PyString::new(py, self.s));
        let parts = PyList::new(py, self.bounds.windows(2).map(|w| &self.s[w[0]..w[1]]))?;
        let toks = parts
            .as_any()
            .get_item(PySlice::new(py, 1, parts.len() as isize, 2))?;
        let d = self.make_doc.call1((text, &parts, toks))?;
        Ok(self.doc.get_or_init(|| d))
    }
    /// Part p of the text (2k: the gap before word k, 2k + 1: word k).
    #[inline]
    fn part(&self, p: usize) -> &'a str {
        // (one check of both bounds: the pair as a slice)
        let (a, b) = match self.bounds[p..p + 2] {
            [a, b] => (a, b),
            _ => unreachable!("a slice of two"),
        };
        debug_assert!(a <= b && self.s.is_char_boundary(a) && self.s.is_char_boundary(b));
        // SAFETY: the bounds are character boundaries of the text, in order (`new`)
        unsafe { self.s.get_unchecked(a..b) }
    }
    pub fn word(&self, k: usize) -> &'a str {
        self.part(2 * k + 1)
    }
    pub fn gap(&self, k: usize) -> &'a str {
        self.part(2 * k)
    }
    /// The word folded, made once (lent: a read neither allocates nor counts a reference).
    pub fn folded(&self, k: usize) -> &Rc<str> {
        let at = self.ids.get(k).map_or(k, |&id| id as usize);
        self.folded[at].get_or_init(|| crate::fold(self.word(k)).into())
    }
    /// What word k stands for in a text of Armenian in Latin letters, by its ending.
    #[inline]
    pub fn hy_hit(&self, k: usize) -> Option<&Rc<Hit>> {
        if self.hy.hits.is_empty() {
            return None;
        }
        let at = self.hy.hits.binary_search_by_key(&k, |(w, _)| *w).ok()?;
        Some(&self.hy.hits[at].1)
    }
    /// Word k's id in `Engine::words` (a text with ids).
    pub fn id(&self, k: usize) -> Option<u32> {
        self.ids.get(k).copied()
    }
    pub fn start_byte(&self, k: usize) -> usize {
        self.bounds[2 * k + 1]
    }
    pub fn end_byte(&self, k: usize) -> usize {
        self.bounds[2 * k + 2]
    }
    /// From the start of word a to the end of word b.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        &self.s[self.start_byte(a)..self.end_byte(b)]
    }
    /// The code-point offset of a part boundary: its byte in an ASCII text (inlined, the
    /// call saved), else counted from the boundary asked last (`cp_counted`).
    #[inline]
    fn cp(&self, bound: usize) -> usize {
        let b = self.bounds[bound];
        if self.ascii {
            return b;
        }
        self.cp_counted(b)
    }
    #[inline(never)]
    fn cp_counted(&self, b: usize) -> usize {
        let (at, count) = self.cursor.get();
        let got = if b >= at {
            count + super::text::chars_in(&self.s.as_bytes()[at..b])
        } else {
            count - super::text::chars_in(&self.s.as_bytes()[b..at])
        };
        self.cursor.set((b, got));
        got
    }
    pub fn start_cp(&self, k: usize) -> usize {
        self.cp(2 * k + 1)
    }
    pub fn end_cp(&self, k: usize) -> usize {
        self.cp(2 * k + 2)
    }
}

/// The distinct words of the words at ``positions`` (``word(k)`` the word at k): a position
/// of each in ``new`` (in order), and which of them each word is in ``which``: compared in
/// a row where they are few (most texts bring one or two new words), else through a map
/// made at the most it holds.
fn distinct<'s>(
    positions: impl ExactSizeIterator<Item = usize>,
    word: impl Fn(usize) -> &'s str,
    new: &mut Vec<usize>,
    which: &mut Vec<u32>,
) {
    if positions.len() <= DISTINCT_IN_A_ROW {
        for k in positions {
            let w = word(k);
            let at = match new.iter().position(|&x| word(x) == w) {
                Some(at) => at,
                None => {
                    new.push(k);
                    new.len() - 1
                }
            };
            which.push(at as u32);
        }
        return;
    }
    let mut seen: FxMap<&str, u32> =
        FxMap::with_capacity_and_hasher(positions.len(), Default::default());
    for k in positions {
        let at = *seen.entry(word(k)).or_insert_with(|| {
            new.push(k);
            (new.len() - 1) as u32
        });
        which.push(at);
    }
}

/// The most new words of a text `distinct` compares in a row.
const DISTINCT_IN_A_ROW: usize = 8;

/// The first word at or after `i` whose verdict is not NO (`flags.len()` if none): eight
/// verdicts read a step (most words of a text start nothing).
#[inline]
fn next_flagged(flags: &[u8], mut i: usize) -> usize {
    const _: () = assert!(NO == 0);
    while let Some(chunk) = flags.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        if w != 0 {
            return i + (w.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < flags.len() && flags[i] == NO {
        i += 1;
    }
    i.min(flags.len())
}

/// The first k in 0..n for which `before(k)` is false (`before` true, then false).
fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

impl Engine {
    /// The mention starting at word i, put at the end of ``mentions`` (or of ``deferred``,
    /// one that waits for another): the words it used, None for no mention. ``multi``: the
    /// first two words can start a name of several words, maybe declined. (The mention is
    /// put in its list here, not handed back: a `Rec` moved through each caller's result
    /// was copied five or six times a mention.)
    fn match_at<'py>(
        &mut self,
        py: Python<'py>,
        cx: &Words<'_, 'py>,
        i: usize,
        multi: bool,
        mentions: &mut Vec<Rec>,
        deferred: &mut Vec<Rec>,
    ) -> PyResult<Option<usize>> {
        for c in self.multi_candidates(py, cx, i, multi)? {
            let found = Found {
                now: mentions,
                waiting: deferred,
            };
            let ids = c.ids.bind(py);
            if self
                .judge(py, cx, i, c.end, ids, c.method, &c.suffix, found)?
                .is_some()
            {
                return Ok(Some(c.end - i));
            }
        }
        let Some(hit) = self.word_hits_at(py, cx, i)? else {
            return Ok(None);
        };
        let found = Found {
            now: mentions,
            waiting: deferred,
        };
        Ok(self
            .judge(
                py,
                cx,
                i,
                i + 1,
                hit.ids.bind(py),
                hit.method,
                &hit.suffix,
                found,
            )?
            .map(|()| 1))
    }

    /// The names of several words starting at word i, longest first, extended only while
    /// the words are a name's prefix, the last word maybe inflected ("Dağlıq Qarabağda");
    /// or a declined Russian adjective and noun ("Физулинского района"). The rules judge
    /// them in this order, then the word alone.
    fn multi_candidates(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        multi: bool,
    ) -> PyResult<Vec<Cand>> {
        let mut out = Vec::new();
        if !multi {
            return Ok(out);
        }
        let n = cx.len();
        let head = cx.folded(i);
        let Some(longest) = self.multi_first_at(cx, i, head) else {
            // (multi without a multi-word head: the word is a PAIR, capitalised Cyrillic)
            if let Some(ids) = self.declined_pair(py, cx, i)? {
                out.push(Cand {
                    end: i + 2,
                    ids,
                    method: "inflection",
                    suffix: String::new(),
                });
            }
            return Ok(out);
        };
        let longest = longest.min(n - i);
        // (the runs of 1, 2... words are the prefixes of one string, grown a word at a
        // time in the engine's buffer: `ends[m - 1]` is where the run of m words ends)
        let (mut run, mut ends) = std::mem::take(&mut self.runs);
        run.clear();
        ends.clear();
        run.push_str(head);
        ends.push(run.len());
        let mut reach = 1;
        while reach < longest && joins(cx.gap(i + reach)) {
            run.push(' ');
            run.push_str(cx.folded(i + reach));
            ends.push(run.len());
            if !self.keys.is_prefix(&run) {
                break;
            }
            reach += 1;
        }
        let top = longest.min(ends.len());
        for m in (2..=top).rev() {
            let key = &run[..ends[m - 1]];
            let mut found = self
                .keys
                .hits(py, key)?
                .map(|h| (h, "folded", String::new()));
            if found.is_none() && m == top {
                // inflected last word: "Dağlıq Qarabağda", "Լեռնային Ղարաբաղում"
                for (lemma, suffix) in self.word_lemmas(py, cx.word(i + m - 1), key)? {
                    if let Some(h) = self.keys.hits(py, &lemma)? {
                        found = Some((h, "inflection", suffix));
                        break;
                    }
                }
                if found.is_none() {
                    // an Armenian ending in Latin letters: "Mets Tagheric"
                    found = self
                        .hy_latin_run(py, cx, i + m - 1, key)?
                        .map(|(h, suffix)| (h, "inflection", suffix));
                }
            }
            if let Some((ids, method, suffix)) = found {
                out.push(Cand {
                    end: i + m,
                    ids,
                    method,
                    suffix,
                });
            }
        }
        self.runs = (run, ends);
        Ok(out)
    }

    /// A Russian adjective + noun name with both words declined ("Физулинского района" is
    /// the variant "Физулинский район"): its variant ids (candidates.py's `_declined_pair` is its twin; whose
    /// first checks, a capitalised Cyrillic word, its verdict PAIR has made).
    fn declined_pair(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
    ) -> PyResult<Option<Py<PyAny>>> {
        if i + 1 >= cx.len() || !joins(cx.gap(i + 1)) {
            return Ok(None);
        }
        let first = cx.folded(i);
        let heads: Vec<String> = self
            .lemmas_of(py, first)?
            .into_iter()
            .filter(|l| self.keys.multi_first(l).is_some())
            .collect();
        if heads.is_empty() {
            return Ok(None);
        }
        let second = cx.folded(i + 1);
        let mut tails = vec![second.to_string()];
        tails.extend(self.lemmas_of(py, second)?);
        for head in &heads {
            for tail in &tails {
                if let Some(h) = self.keys.hits(py, &format!("{head} {tail}"))? {
                    return Ok(Some(h));
                }
            }
        }
        Ok(None)
    }

    /// The lemmas of a folded word (gazetteer.inflection.lemmas), kept per word.
    pub(crate) fn lemmas_of(&mut self, py: Python<'_>, key: &str) -> PyResult<Vec<String>> {
        if let Some(got) = self.lemma_cache.get(key) {
            return Ok(got.clone());
        }
        let got: Vec<String> = self.host.lemmas.bind(py).call1((key,))?.extract()?;
        if self.lemma_cache.len() >= self.small_cache {
            self.lemma_cache.clear();
        }
        self.lemma_cache.insert(key.to_owned(), got.clone());
        Ok(got)
    }

    /// What a word alone stands for, kept per word; None: nothing.
    pub(crate) fn word_hits_of(&mut self, py: Python<'_>, word: &str) -> PyResult<Option<Rc<Hit>>> {
        if let Some(h) = self.hits.get(word) {
            return Ok(h.clone());
        }
        if self.surely_no_kept(word) {
            // (the pre-filter's words name nothing alone: Python need not look)
            return Ok(None);
        }
        let hit = match self.own_word_hits(py, word)? {
            Some(hit) => hit,
            None => self.python_word_hits(py, word)?,
        };
        if self.hits.len() >= self.word_hits_cache {
            self.hits.clear();
        }
        self.hits.insert(word.to_owned(), hit.clone());
        Ok(hit)
    }

    /// `Vocabulary.word_hits` of a word, asked of Python.
    fn python_word_hits(&self, py: Python<'_>, word: &str) -> PyResult<Option<Rc<Hit>>> {
        let got = self
            .host
            .word_hits
            .bind(py)
            .call1((word,))?
            .cast_into::<PyTuple>()?;
        let ids = got.get_item(0)?;
        Ok(if ids.is_truthy()? {
            Some(Rc::new(Hit {
                ids: ids.unbind(),
                method: method_name(got.get_item(1)?.cast::<PyString>()?.to_str()?),
                suffix: got.get_item(2)?.extract()?,
            }))
        } else {
            None
        })
    }

    /// `word_hits_of` word k of a text, kept by its id.
    pub(crate) fn word_hits_at(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        k: usize,
    ) -> PyResult<Option<Rc<Hit>>> {
        if let Some(h) = cx.hy_hit(k) {
            return Ok(Some(h.clone()));
        }
        let Some(&id) = cx.ids.get(k) else {
            return self.word_hits_of(py, cx.word(k));
        };
        let slot = &self.words[id as usize];
        if slot.no_hits {
            return Ok(None);
        }
        if let Some(h) = &slot.hit {
            return Ok(h.clone());
        }
        let h = self.word_hits_of(py, cx.word(k))?;
        self.words[id as usize].hit = Some(h.clone());
        Ok(h)
    }

    /// `multi_first` of word k's fold (``head``), kept by its id.
    fn multi_first_at(&mut self, cx: &Words<'_, '_>, k: usize, head: &str) -> Option<usize> {
        let Some(&id) = cx.ids.get(k) else {
            return self.keys.multi_first(head);
        };
        if let Some(m) = self.words[id as usize].multi {
            return m;
        }
        let m = self.keys.multi_first(head);
        self.words[id as usize].multi = Some(m);
        m
    }

    /// `key_flags` of word k's fold (``key``), kept by its id.
    pub(crate) fn key_flags_at(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        k: usize,
        key: &str,
    ) -> PyResult<(bool, bool)> {
        let Some(&id) = cx.ids.get(k) else {
            return self.key_flags(py, key);
        };
        if let Some(f) = self.words[id as usize].key_flags {
            return Ok(f);
        }
        let f = self.key_flags(py, key)?;
        self.words[id as usize].key_flags = Some(f);
        Ok(f)
    }

    /// `FoldBits` of word k of a text, kept by its id.
    pub(crate) fn fold_bits_at(&mut self, cx: &Words<'_, '_>, k: usize) -> FoldBits {
        let id = cx.ids.get(k).map(|&id| id as usize);
        if let Some(b) = id.and_then(|id| self.words[id].fold_bits) {
            return b;
        }
        let key: &str = cx.folded(k);
        let t = &self.tables;
        let b = FoldBits {
            prefix_last3: t.prefix_last3.contains(key),
            prefix_last2: t.prefix_last2.contains(key),
            org_name: t.org_names.contains(key),
        };
        if let Some(id) = id {
            self.words[id].fold_bits = Some(b);
        }
        b
    }

    /// The ranking kept in word k's slot for `key` (`WordSlot::ranking`), if any.
    pub(crate) fn slot_ranking(
        &self,
        cx: &Words<'_, '_>,
        k: usize,
        key: (usize, bool),
    ) -> Option<Rc<Ranking>> {
        let id = *cx.ids.get(k)? as usize;
        match &self.words[id].ranking {
            Some((at, r)) if *at == key => Some(r.clone()),
            _ => None,
        }
    }

    /// Keep a ranking in word k's slot (a text with word ids).
    pub(crate) fn keep_slot_ranking(
        &mut self,
        cx: &Words<'_, '_>,
        k: usize,
        key: (usize, bool),
        r: &Rc<Ranking>,
    ) {
        if let Some(&id) = cx.ids.get(k) {
            self.words[id as usize].ranking = Some((key, r.clone()));
        }
    }

    /// Is word k of a text an English function word as written (read by its id)?
    pub(crate) fn english_word(&self, cx: &Words<'_, '_>, k: usize) -> bool {
        match cx.bits.get(k) {
            Some(&b) => b & ENGLISH != 0,
            None => self.tables.english_words.contains(cx.word(k)),
        }
    }

    /// Is word k of a text a word of football copy as written (read by its id)?
    pub(crate) fn sports_word(&self, cx: &Words<'_, '_>, k: usize) -> bool {
        match cx.bits.get(k) {
            Some(&b) => b & SPORTS != 0,
            None => self.tables.sports_words.contains(cx.word(k)),
        }
    }

    /// Word k's bits of the kind of sport (`INDIVIDUAL_SPORT`, `TEAM_SPORT`; read by its id).
    pub(crate) fn sport_kind(&self, cx: &Words<'_, '_>, k: usize) -> u8 {
        match cx.bits.get(k) {
            Some(&b) => b & (INDIVIDUAL_SPORT | TEAM_SPORT),
            None => {
                let w = cx.word(k);
                let mut b = 0;
                if self.tables.individual_sport_words.contains(w) {
                    b |= INDIVIDUAL_SPORT;
                }
                if self.tables.team_sport_words.contains(w) {
                    b |= TEAM_SPORT;
                }
                b
            }
        }
    }

    /// The facts of word k of a text, kept for the text by position (the rules ask a
    /// word's facts many times, for each candidate near it).
    /// (The kept facts read inline, where a caller reads the one field it wants; the
    /// first ask of a word out of line, `facts_at_first`.)
    #[inline(always)]
    pub(crate) fn facts_at(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        k: usize,
    ) -> PyResult<Facts> {
        let kept = cx
            .ids
            .get(k)
            .and_then(|&id| self.words.get(id as usize))
            .and_then(|w| w.facts.as_ref());
        // (both ways lead to facts kept in the engine, read through one pointer: a caller
        // that reads one field loads that field alone, without a copy of the whole)
        let f: *const Facts = match kept {
            Some(f) => f,
            None => self.facts_at_first(py, cx, k)?,
        };
        // SAFETY: `f` points into `self.words` or at `self.facts_lent`, which nothing has
        // changed since it was taken
        Ok(unsafe { *f })
    }

    /// `facts_at` of a word whose facts are not kept in its slot yet: kept there now (or,
    /// a text without word ids, by position in the text and lent in `facts_lent`).
    #[inline(never)]
    fn facts_at_first(&mut self, py: Python<'_>, cx: &Words<'_, '_>, k: usize) -> PyResult<&Facts> {
        if let Some(&id) = cx.ids.get(k) {
            // (a plain word's facts made from its fold as the text's words keep it by id
            // and its pre-filter verdict in its slot: no probe of the table of words)
            let word = cx.word(k);
            let plain =
                word.bytes().all(|b| b.is_ascii_alphanumeric()) && self.words[id as usize].no_hits;
            let got = match plain.then(|| self.plain_facts_folded(word, cx.folded(k))) {
                Some(Some(f)) => {
                    self.plain += 1;
                    f
                }
                _ => *self.facts(py, word)?,
            };
            return Ok(self.words[id as usize].facts.insert(got));
        }
        let kept = cx.facts.borrow().get(k).cloned().flatten();
        self.facts_lent = match kept {
            Some(f) => *f,
            None => {
                let f = self.facts(py, cx.word(k))?;
                let got = *f;
                let mut kept = cx.facts.borrow_mut();
                if kept.is_empty() {
                    kept.resize(cx.len(), None);
                }
                kept[k] = Some(f);
                got
            }
        };
        Ok(&self.facts_lent)
    }

    /// What the rules need to know of a word alone, asked of Python once per word.
    pub(crate) fn facts(&mut self, py: Python<'_>, word: &str) -> PyResult<Rc<Facts>> {
        if let Some(f) = self.facts.get(word) {
            return Ok(f.clone());
        }
        if let Some(f) = self.plain_facts(word) {
            let f = Rc::new(f);
            self.plain += 1;
            if self.facts.len() >= self.small_cache {
                self.facts.clear();
            }
            self.facts.insert(word.to_owned(), f.clone());
            return Ok(f);
        }
        if let Some(f) = self.lexicon_facts(py, word)? {
            let f = Rc::new(f);
            if self.facts.len() >= self.small_cache {
                self.facts.clear();
            }
            self.facts.insert(word.to_owned(), f.clone());
            return Ok(f);
        }
        // (a word the pre-filter decides has no hits of its own: Python need not look)
        let got = self
            .host
            .facts
            .bind(py)
            .call1((word, self.surely_no_kept(word)))?
            .cast_into::<PyTuple>()?;
        let f = Rc::new(Facts::from_py(&got)?);
        if self.facts.len() >= self.small_cache {
            self.facts.clear();
        }
        self.facts.insert(word.to_owned(), f.clone());
        Ok(f)
    }

    /// Is a cue plural (districts, rayonlarına, районах, сёл)? Asked of Python once per cue.
    pub(crate) fn plural(&mut self, py: Python<'_>, cue: &str) -> PyResult<bool> {
        if let Some(&p) = self.plurals.get(cue) {
            return Ok(p);
        }
        let p = self.host.plural.bind(py).call1((cue,))?.is_truthy()?;
        if self.plurals.len() >= self.small_cache {
            self.plurals.clear();
        }
        self.plurals.insert(cue.to_owned(), p);
        Ok(p)
    }

    /// The verdict, id and bits of each word of a text cut at `bounds`, asking Python once
    /// for the words not seen before (one probe of the table a word; a second only for the
    /// words new to it).
    fn verdicts_of(
        &mut self,
        py: Python<'_>,
        s: &str,
        bounds: &[usize],
    ) -> PyResult<(Vec<u8>, Vec<u32>, Vec<u8>)> {
        let n = (bounds.len() - 2) / 2; // words
        let (mut flags, mut ids, mut bits) = std::mem::take(&mut self.spare);
        // (the three made at the text's length and written in place: no check of room a word)
        flags.clear();
        ids.clear();
        bits.clear();
        flags.resize(n, NO);
        ids.resize(n, u32::MAX);
        bits.resize(n, 0);
        let mut missing = std::mem::take(&mut self.spare_missing);
        missing.clear();
        let spans = &bounds[1..bounds.len() - 1];
        let table = &self.word_ids;
        if table.is_small() {
            // (a table in the nearer caches: each word probed as it comes)
            let out = flags.iter_mut().zip(ids.iter_mut().zip(bits.iter_mut()));
            for (k, (w, (flag, (id, bit)))) in spans.chunks_exact(2).zip(out).enumerate() {
                match table.get_at(s, w[0], w[1]) {
                    Some(e) => {
                        *id = e.id;
                        *flag = e.verdict;
                        *bit = e.bits;
                    }
                    None => missing.push(k),
                }
            }
            return self.verdicts_of_new(py, s, bounds, (flags, ids, bits), missing);
        }
        // (each word's entry asked of memory AHEAD words before it is read: the reads of a
        // text's rarer words, mostly not in the cache, overlap)
        // (each word's key and hash made once, when its entry is asked for: a ring of the
        // AHEAD words asked before they are read)
        // (indexed, the lengths checked once above the loop: the iterators' zips and
        // chunks cost some twenty instructions a word of newswire's ~100)
        const AHEAD: usize = 8;
        let (flags_w, ids_w, bits_w) = (&mut flags[..n], &mut ids[..n], &mut bits[..n]);
        let spans = &spans[..2 * n];
        let mut ring = [Probe::default(); AHEAD];
        for (k, slot) in ring.iter_mut().enumerate().take(n) {
            *slot = table.probe_at(s, spans[2 * k], spans[2 * k + 1]);
            table.prefetch(*slot);
        }
        for k in 0..n {
            let slot = &mut ring[k & (AHEAD - 1)];
            let probe = *slot;
            let j = k + AHEAD;
            if j < n {
                *slot = table.probe_at(s, spans[2 * j], spans[2 * j + 1]);
                table.prefetch(*slot);
            }
            match table.get_probe(probe, s, spans[2 * k], spans[2 * k + 1]) {
                Some(e) => {
                    ids_w[k] = e.id;
                    flags_w[k] = e.verdict;
                    bits_w[k] = e.bits;
                }
                None => missing.push(k),
            }
        }
        self.verdicts_of_new(py, s, bounds, (flags, ids, bits), missing)
    }

    /// `verdicts_of` of the words at `missing`, not in the table of words (their
    /// verdicts, ids and bits in `got` made now).
    fn verdicts_of_new(
        &mut self,
        py: Python<'_>,
        s: &str,
        bounds: &[usize],
        got: (Vec<u8>, Vec<u32>, Vec<u8>),
        mut missing: Vec<usize>,
    ) -> PyResult<(Vec<u8>, Vec<u32>, Vec<u8>)> {
        let (mut flags, mut ids, mut bits) = got;
        if missing.is_empty() {
            self.spare_missing = missing;
            return Ok((flags, ids, bits));
        }
        let n = (bounds.len() - 2) / 2; // words
        let word = |k: usize| &s[bounds[2 * k + 1]..bounds[2 * k + 2]];
        // the text's distinct new words (by a position of each), and which of them each
        // missing word is (its entry then read from `entries`, without a probe of the table
        // of words again); in the lists the last text's were in (`spare_new`: no three
        // lists made and freed a text)
        let (mut new, mut which, mut entries) = std::mem::take(&mut self.spare_new);
        new.clear();
        which.clear();
        distinct(missing.iter().copied(), word, &mut new, &mut which);
        if self.word_ids.len() + new.len() > self.vocabulary_cache {
            // (what is kept by word id goes with the ids: this text's words get new ones)
            self.word_ids.clear();
            self.words.clear();
            self.word_records = 0;
            self.word_replaced = 0;
            self.folded_words.clear();
            self.pairs.clear();
            missing = (0..n).collect();
            new.clear();
            which.clear();
            distinct(0..n, word, &mut new, &mut which);
        }
        // the words no mention can start at, found here; the others asked of Python
        entries.clear();
        entries.resize(new.len(), WordEntry::default());
        let mut asked: Vec<&str> = Vec::new();
        let mut asked_at: Vec<usize> = Vec::new();
        // (each new word folded in one buffer, kept for the next text's)
        let mut key = std::mem::take(&mut self.spare_key);
        for (at, &k) in new.iter().enumerate() {
            let w = word(k);
            // (the fold is not kept by the word's id: of some 22,500 new words a 2 MB of
            // newswire, some 3,000 are folded again; keeping each fold cost more than that)
            if self.surely_no_with(w, &mut key) {
                entries[at] = self.intern(w, NO, true);
                self.prefiltered += 1;
            } else if let Some(verdict) = self.own_verdict(py, w)? {
                entries[at] = self.intern(w, verdict, false);
            } else {
                asked.push(w);
                asked_at.push(at);
            }
        }
        if !asked.is_empty() {
            let got: Vec<u8> = self
                .host
                .classify
                .bind(py)
                .call1((PyList::new(py, &asked)?,))?
                .extract()?;
            for ((w, v), at) in asked.into_iter().zip(got).zip(asked_at) {
                entries[at] = self.intern(w, v, false);
            }
        }
        for (&k, &at) in missing.iter().zip(&which) {
            let e = entries[at as usize];
            ids[k] = e.id;
            flags[k] = e.verdict;
            bits[k] = e.bits;
        }
        if missing.capacity() <= SPARE_BOUNDS {
            self.spare_missing = missing;
        }
        if which.capacity() <= SPARE_BOUNDS {
            self.spare_new = (new, which, entries);
        }
        if key.capacity() <= SPARE_TEXT {
            self.spare_key = key;
        }
        Ok((flags, ids, bits))
    }

    /// `word_bits` made of the word lists (english and sports words as written, the
    /// Armenian-Latin function words lower-cased).
    fn make_word_bits(&self) -> FxMap<Box<str>, (u8, u8)> {
        let mut out: FxMap<Box<str>, (u8, u8)> = FxMap::default();
        for w in &self.tables.sports_words {
            out.entry(w.as_str().into()).or_default().0 |= SPORTS;
        }
        for w in &self.tables.individual_sport_words {
            out.entry(w.as_str().into()).or_default().0 |= INDIVIDUAL_SPORT;
        }
        for w in &self.tables.team_sport_words {
            out.entry(w.as_str().into()).or_default().0 |= TEAM_SPORT;
        }
        for w in &self.tables.english_words {
            out.entry(w.as_str().into()).or_default().0 |= ENGLISH;
        }
        for (w, b) in self.hy_latin.word_bits() {
            out.entry(w.into()).or_default().1 |= b;
        }
        out
    }

    /// A new word's bits (`WordEntry::bits`): `word_bits` of it as written, and of its
    /// lower case where it may be an Armenian function word in Latin letters
    /// (`ArmenianLatin::lower_case`).
    fn bits_of(&self, word: &str) -> u8 {
        let got = self.word_bits.get(word);
        let mut bits = got.map_or(0, |b| b.0);
        let mut buf = [0u8; super::armenian_latin::WORD_MAX];
        match super::armenian_latin::lower_case(word, &mut buf) {
            None => {}
            Some(lower) if lower.as_bytes() == word.as_bytes() => {
                bits |= got.map_or(0, |b| b.1);
            }
            Some(lower) => bits |= self.word_bits.get(lower).map_or(0, |b| b.1),
        }
        bits
    }

    /// A new word's id, with its verdict (``no_hits``: found by `surely_no`).
    fn intern(&mut self, word: &str, verdict: u8, no_hits: bool) -> WordEntry {
        let id = u32::try_from(self.words.len()).expect("fewer than 2^32 distinct words");
        let bits = self.bits_of(word);
        self.words.push(WordSlot {
            facts: None,
            hit: None,
            multi: None,
            key_flags: None,
            last_pair: None,
            fold_bits: None,
            second: None,
            ranking: None,
            surface: None,
            record: None,
            replaced: None,
            no_hits,
        });
        let e = WordEntry { id, verdict, bits };
        self.word_ids.insert(word, e);
        e
    }

    /// Can a name of two words or more start with these two words (candidates.py's `_pair_starts_name` is its twin)?
    /// (``ids``: the two words' ids, which key the answer; the first word's slot keeps the
    /// last pair it started, mostly the same name's, which a probe of `pairs` need not find)
    /// (The pair: words i and i + 1 of a text with word ids.)
    fn pair_starts(&mut self, py: Python<'_>, cx: &Words<'_, '_>, i: usize) -> PyResult<bool> {
        let ids = (cx.ids[i], cx.ids[i + 1]);
        let (first, second) = (cx.word(i), cx.word(i + 1));
        // most words can be the second word of no name: then no pair they end starts one,
        // known from the second word's slot alone (`pair_answer` finds no form of it)
        let second_slot = ids.1 as usize;
        let may = match self.words[second_slot].second {
            Some(may) => may,
            None => {
                let may = self.may_be_second(py, second, || cx.folded(i + 1))?;
                self.words[second_slot].second = Some(may);
                may
            }
        };
        if !may {
            return Ok(false);
        }
        let slot = ids.0 as usize;
        if let Some((next, ok)) = self.words[slot].last_pair {
            if next == ids.1 {
                return Ok(ok);
            }
        }
        let pair = (ids.0 as u64) << 32 | ids.1 as u64;
        let ok = match self.pairs.get(&pair) {
            Some(&ok) => ok,
            None => {
                let ok = self.pair_answer(py, first, second)?;
                if self.pairs.len() >= self.small_cache {
                    self.pairs.clear();
                }
                self.pairs.insert(pair, ok);
                ok
            }
        };
        self.words[slot].last_pair = Some((ids.1, ok));
        Ok(ok)
    }

    /// Can a word be the second word of a name in some form (`forms_as_second` finds one)?
    /// Asked once of each distinct word that follows a HEAD word ("the", "in": in prose,
    /// most words): for a word the Turkic endings alone read, its fold and then its lemmas
    /// tried as they are made (`TurkicEndings::any_lemma`, the lemmas `word_lemmas` lists),
    /// without the lists and the kept entry `forms_as_second` makes; another word's forms
    /// are asked of `forms_as_second`.
    /// (``folded``: the word's fold, kept by its id: `Words::folded`)
    fn may_be_second<'f>(
        &mut self,
        py: Python<'_>,
        word: &str,
        folded: impl FnOnce() -> &'f Rc<str>,
    ) -> PyResult<bool> {
        if !turkic_only(word) {
            let forms = self.forms_as_second(py, word)?;
            return Ok(match &*forms {
                SecondForms::Spaced => true,
                SecondForms::Forms(folded, lemmas) => !folded.is_empty() || !lemmas.is_empty(),
            });
        }
        let last: &str = folded();
        Ok(last.contains(' ')
            || self.keys.is_second_word(last)
            || self.turkic.any_lemma(last, |l| self.keys.is_second_word(l)))
    }

    /// `pair_starts` worked out.
    fn pair_answer(&mut self, py: Python<'_>, first: &str, second: &str) -> PyResult<bool> {
        let forms = self.forms_as_second(py, second)?;
        let mut ok = false;
        let spaced = matches!(*forms, SecondForms::Spaced);
        if let SecondForms::Forms(folded, lemmas) = &*forms {
            if !folded.is_empty() || !lemmas.is_empty() {
                let head = crate::fold(first);
                if head.contains(' ') {
                    ok = self.run_starts_name(py, &head, second)?; // folding split a word ("d'Azur")
                } else {
                    let head = head + " ";
                    ok = folded.iter().any(|f| {
                        let run = format!("{head}{f}");
                        self.keys.is_prefix(&run) || self.is_key(&run)
                    }) || lemmas.iter().any(|l| self.is_key(&format!("{head}{l}")));
                }
            }
        }
        if spaced {
            let head = crate::fold(first);
            ok = self.run_starts_name(py, &head, second)?;
        }
        Ok(ok)
    }

    /// A run of two words whose folding has a space: the run, or a lemma of it, a prefix or key.
    fn run_starts_name(&mut self, py: Python<'_>, head: &str, second: &str) -> PyResult<bool> {
        let run = format!("{head} {}", crate::fold(second));
        if self.keys.is_prefix(&run) || self.is_key(&run) {
            return Ok(true);
        }
        for (lemma, _) in self.word_lemmas(py, second, &run)? {
            if self.is_key(&lemma) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Is it sure, without asking Python, that no mention can start at this word
    /// (`Vocabulary.classify` would say NO)? Only for a word the Turkic endings alone read
    /// (no Cyrillic letter, so no declined Russian pair; no Armenian letter), that is no
    /// key and no first word of a longer name, and then either a possessive (OPEC's)
    /// whose stem is no key (`_word_hits` reads a possessive by its stem alone), or none
    /// of whose Turkic lemmas is a key, when it is long enough to have its lemmas looked
    /// up: then `_word_hits` finds nothing (the common-word test and `_fitting` only take
    /// hits away), and the verdict is NO. Any other word is asked of Python.
    pub(crate) fn surely_no(&self, word: &str) -> bool {
        if !turkic_only(word) {
            return false;
        }
        self.surely_no_folded(word, &crate::fold(word))
    }

    /// `surely_no`, the word folded into ``key`` (the caller's buffer, kept from word to
    /// word: a new word's key is not kept, `verdicts_of_new`).
    fn surely_no_with(&self, word: &str, key: &mut String) -> bool {
        if !turkic_only(word) {
            return false;
        }
        crate::fold_into(word, key);
        self.surely_no_folded(word, key)
    }

    /// `surely_no` of a word the Turkic endings alone read (`turkic_only`), folded as
    /// ``key`` (a new word is folded once: its fold then kept by its id, `verdicts_of_new`).
    fn surely_no_folded(&self, word: &str, key: &str) -> bool {
        debug_assert!(turkic_only(word));
        let mut back = word.char_indices().rev();
        let mut possessive = None;
        if matches!(back.next(), Some((_, 's' | 'S'))) {
            // (Python's word[-2:-1] of a one-letter word is "", which is "in" any string)
            match back.next() {
                None => return false,
                Some((at, c)) if self.apostrophes.contains(c) => possessive = Some(at),
                Some(_) => {}
            }
        }
        if key.is_empty() {
            return true;
        }
        if self.keys.is_key_or_first(key) {
            return false;
        }
        if let Some(at) = possessive {
            // Azerbaijan's: the word names what the word before the apostrophe names
            return !self.is_key(&crate::fold(&word[..at]));
        }
        // (a fold is ASCII: its length is its count of code points)
        debug_assert!(key.is_ascii());
        key.len() < self.min_inflected_key || !self.turkic.any_lemma(key, |l| self.is_key(l))
    }

    /// The group of the prefix cue that the folded words a..b make, joined by spaces
    /// (`prefix_cues`), where they make one: joined in the engine's buffer, without a
    /// list of the words or a new string each time the cue rule tries a phrase.
    pub(crate) fn prefix_cue_group(
        &mut self,
        cx: &Words<'_, '_>,
        a: usize,
        b: usize,
    ) -> Option<&'static str> {
        let mut phrase = std::mem::take(&mut self.cue_phrase);
        phrase.clear();
        for x in a..b {
            if x > a {
                phrase.push(' ');
            }
            phrase.push_str(cx.folded(x));
        }
        let got = self.tables.prefix_cues.get(phrase.as_str()).copied();
        self.cue_phrase = phrase;
        got
    }

    /// `surely_no` of a word, read from its slot when the word has an id (`verdicts_of`
    /// interned it with `no_hits` = `surely_no(word)`): the openings of sentences the case
    /// rule reads are words the text's scan met just before.
    pub(crate) fn surely_no_kept(&self, word: &str) -> bool {
        match self.word_ids.get(word) {
            Some(e) => self.words[e.id as usize].no_hits,
            None => self.surely_no(word),
        }
    }

    /// The facts of an ASCII word of letters and digits that names nothing (`surely_no`)
    /// and that neither it, folded, nor a lemma of it is in a word list a fact reads, nor
    /// it as written or lower-cased, nor ends in an ending a fact tests: every fact is
    /// then that of no list (None, 0, false) but its case, which ASCII makes plain
    /// (`str.isupper`, `islower` and `_list_item`, a capital or a name, on ASCII letters).
    /// None: ask Python.
    fn plain_facts(&self, word: &str) -> Option<Facts> {
        if !word.bytes().all(|b| b.is_ascii_alphanumeric()) || !self.surely_no_kept(word) {
            return None;
        }
        self.plain_facts_folded(word, &crate::fold(word))
    }

    /// `plain_facts` of an ASCII word of letters and digits that names nothing, folded as
    /// ``key``.
    fn plain_facts_folded(&self, word: &str, key: &str) -> Option<Facts> {
        if self.fact_words.contains(key)
            || self.fact_tokens.contains(word)
            || self.fact_tokens.contains(&word.to_ascii_lowercase())
            || self.fact_endings.iter().any(|e| key.ends_with(e.as_str()))
            || self.turkic.any_lemma(key, |l| self.fact_words.contains(l))
        {
            return None;
        }
        let first = word.bytes().next();
        let any_upper = word.bytes().any(|b| b.is_ascii_uppercase());
        let any_lower = word.bytes().any(|b| b.is_ascii_lowercase());
        let first_upper = first.is_some_and(|b| b.is_ascii_uppercase());
        Some(Facts {
            first_upper,
            first_lower: first.is_some_and(|b| b.is_ascii_lowercase()),
            upper: any_upper && !any_lower,
            no_upper: !any_upper,
            lower: any_lower && !any_upper,
            list_item: first_upper,
            ..Facts::default()
        })
    }

    /// `word_lemmas(word, key)`: (lemma, ending) of a run folded as ``key`` ending in
    /// ``word``; in Rust for a word the Turkic endings alone read, else asked of Python.
    fn word_lemmas(
        &self,
        py: Python<'_>,
        word: &str,
        key: &str,
    ) -> PyResult<Vec<(String, String)>> {
        if turkic_only(word) {
            return Ok(self.turkic.lemmas(key));
        }
        self.host.word_lemmas.bind(py).call1((word, key))?.extract()
    }

    /// `key in self.keys` (whatever its ids).
    fn is_key(&self, k: &str) -> bool {
        self.keys.is_key(k)
    }

    /// The forms in which a word can be the second word of a
    /// name, folded and as lemmas; kept per word.
    fn forms_as_second(&mut self, py: Python<'_>, word: &str) -> PyResult<Rc<SecondForms>> {
        if let Some(f) = self.second_forms.get(word) {
            return Ok(f.clone());
        }
        let last = crate::fold(word);
        let forms = if last.contains(' ') {
            SecondForms::Spaced
        } else {
            let folded = if self.keys.is_second_word(&last) {
                vec![last.clone()]
            } else {
                vec![]
            };
            let mut found = Vec::new();
            for (lemma, _) in self.word_lemmas(py, word, &last)? {
                if self.keys.is_second_word(&lemma) {
                    found.push(lemma);
                }
            }
            SecondForms::Forms(folded, found)
        };
        let forms = Rc::new(forms);
        if self.second_forms.len() >= self.small_cache {
            self.second_forms.clear();
        }
        self.second_forms.insert(word.to_owned(), forms.clone());
        Ok(forms)
    }
}
