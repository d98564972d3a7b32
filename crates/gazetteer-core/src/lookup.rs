//! `gazetteer lookup`'s names that decide early, answered in compiled code (issue 15: batch
//! lookup at 100,000 names a second).
//!
//! `gazetteer.matcher.Matcher._lookup_uncached` is the specification; its early decisions are
//! written once in Python, `gazetteer/early.py` (`early.answer`, which the matcher and the
//! quick launcher call), and this module is their compiled twin. It gives the answer for two
//! kinds of query, and says "undecided" (None) for every other one, which Python then
//! answers as before:
//!
//! - a query whose folded key is a known name (`early.answer`, via `Matcher._known_key`): no
//!   comma, no Armenian letter, not an organisation's name; its places ranked by
//!   `early.prior`, "exact" when the query is written as the variant or as one of the
//!   place's names (`early.mark_exact`), the region's village preferred
//!   (`early.prefer_region`, which counts a far place read by the other side's exonym as a
//!   far village, and `early.prefer_attested`);
//! - a query of one word, no known key, not Cyrillic (`early.answer`: what `match_key` gives
//!   on the key alone, since no cue, generic word, preposition or qualifier reading applies
//!   to one word): the Turkic lemmas' places ("inflection"), or nothing when a guard refuses
//!   (a common word, a family name) or the key is too short for the loose methods. A word that would reach the loose
//!   methods (skeleton, one edit, transcriptions, rapidfuzz) is undecided.
//!
//! `word.rs` answers the full lookup of one word in Latin letters (`LooseIndex.full_word`:
//! the loose readings of `match_word` ranked and preferred here, as `_full_lookup` does).
//!
//! The table is read through [`Source`] (Python's in-memory index: its dictionaries and
//! lists, probed as they are, so nothing is copied at start), and each variant and place the
//! answers need is read once. tests/test_lookup_batch_equivalence.py holds the answers equal
//! to the Python matcher's on generated names.

use std::collections::HashSet;
use std::rc::Rc;

use crate::fold::{fold, skeleton};
use crate::scan::fxhash::FxMap;
use crate::scan::pytext::{is_space, strip};
use crate::scan::turkic::TurkicEndings;

#[cfg(feature = "python")]
mod lines;
mod word;
pub use word::WordSettings;

/// How an answer was found (`Candidate.method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Exact,
    Folded,
    Inflection,
    /// the loose readings a one-word query's full lookup may answer with (`word.rs`)
    Transcription,
    Skeleton,
    Fuzzy,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Folded => "folded",
            Method::Inflection => "inflection",
            Method::Transcription => "transcription",
            Method::Skeleton => "skeleton",
            Method::Fuzzy => "fuzzy",
        }
    }

    /// The method named so (`Candidate.method`), if it is one of these.
    pub fn of(name: &str) -> Option<Method> {
        Some(match name {
            "exact" => Method::Exact,
            "folded" => Method::Folded,
            "inflection" => Method::Inflection,
            "transcription" => Method::Transcription,
            "skeleton" => Method::Skeleton,
            "fuzzy" => Method::Fuzzy,
            _ => return None,
        })
    }

    /// `early.WHOLE_NAME_METHODS`: a name read as written
    pub fn whole_name(self) -> bool {
        matches!(self, Method::Exact | Method::Folded)
    }

    /// `early.REGION_METHODS`: a name as written, through an ending or a transcription table
    pub fn region(self) -> bool {
        !self.loose()
    }

    /// `matcher.LOOSE_READINGS`: a misspelling's readings
    pub fn loose(self) -> bool {
        matches!(self, Method::Skeleton | Method::Fuzzy)
    }
}

/// One candidate place of an answer, as `early.Candidate` holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub place: u32,
    pub variant: u32,
    pub method: Method,
    pub score: f64,
    pub rank: f64,
    pub needs_context: bool,
}

/// What ranking needs of a variant.
#[derive(Clone, Debug)]
pub struct Variant {
    pub place: u32,
    pub text: String,
    /// type canonical or official: the place's own name (`OWN_NAME_BONUS`)
    pub own_name: bool,
    /// the variant's language code (`early.exonym` reads it)
    pub lang: String,
    pub mt_error: bool,
    pub needs_context: bool,
    /// of a type of `early.RENAMED_TYPES` (a name one side gave a village in place of its
    /// own): that side's language (`early.prefer_renamed` reads it)
    pub renamed_by: Option<String>,
}

/// What ranking needs of a place.
#[derive(Clone, Debug)]
pub struct Place {
    pub importance: f64,
    /// a river, mountain... (`BARE_FEATURE_PENALTY`)
    pub bare_feature: bool,
    /// kind "village" (`early.prefer_region` raises it)
    pub village: bool,
    /// a kind a far place is preferred over by the region's village (`FAR_VILLAGE_KINDS`)
    pub far_village_kind: bool,
    /// inside `table.CONFLICT_BOX`
    pub in_region: bool,
    /// name, name_az, name_ru, name_hy (a query written as one of them is "exact")
    pub names: [Option<String>; 4],
    /// the language its country names its places in (`early.OWN_LANGUAGES`), if one is listed
    pub own_language: Option<String>,
}

impl Place {
    /// `early.attested`: a name in a language of the region (name_az, name_ru or name_hy)
    pub fn attested(&self) -> bool {
        self.names[1..]
            .iter()
            .any(|n| n.as_deref().is_some_and(|s| !s.is_empty()))
    }
}

/// The table, as the matcher reads it. None: the table could not tell (the answer is then
/// undecided, never wrong).
pub trait Source {
    /// `CompiledIndex.postings(key, level)`
    fn postings(&self, key: &str, level: u8) -> Option<Vec<u32>>;
    fn variant(&self, v: u32) -> Option<Variant>;
    fn place(&self, i: u32) -> Option<Place>;
    /// `key in` the common-word list (`CompiledIndex.is_common_word` of one word)
    fn is_common(&self, key: &str) -> Option<bool>;
    /// `Matcher.common_as_typed(typed)`: a common word as spelled in the script typed
    fn is_common_as_typed(&self, typed: &str) -> Option<bool>;
}

/// The matcher's weights and word lists that these answers read (named as in Python).
#[derive(Clone, Debug)]
pub struct Settings {
    pub folded_score: f64,
    pub exact_score: f64,
    pub inflection_score: f64,
    pub importance_factor: f64,
    pub needs_context_penalty: f64,
    pub bare_feature_penalty: f64,
    pub own_name_bonus: f64,
    pub mt_error_penalty: f64,
    pub exact_bonus: f64,
    pub region_village_bonus: f64,
    pub region_margin: f64,
    /// `early.RENAMED_OUTWEIGH`: how much more the other country's village must weigh to keep
    /// its name from the region's renamed village
    pub renamed_outweigh: f64,
    pub loose_min: usize,
    pub surname_stem_min: usize,
    /// `weights.SURNAME_ENDING_MIN`: a family-name ending this long marks a surname
    pub surname_ending_min: usize,
    pub surname_endings: Vec<String>,
    /// `early.Inputs.demonym_endings`: endings of a word for a place's people (Goristsi)
    pub demonym_endings: Vec<String>,
    pub org_names: HashSet<String>,
    /// the languages of `early.OWN_LANGUAGES` (a name in one not its place's own is an exonym)
    pub own_languages: HashSet<String>,
    /// `Matcher.prominent_keys`: the keys of prominent places' names and each less one letter
    /// (`early.near_prominent`); None: any key of small villages may name one
    pub prominent_keys: Option<HashSet<String>>,
    /// `matcher.TWO_LETTER_MARKS`' letters (š, ž, č, ŝ, both cases) and the combining caron: a
    /// query holding one is read by the matcher (Talyš as Talysh first), never here
    pub two_letter_marks: Vec<char>,
    /// `early.Inputs.adjective_stems` (lang/en/adjective_stems.txt): letter pairs only
    /// English spelling writes; a capitalised plain Latin word in -i or -is holding one is an
    /// English adjective (Karabakhi), no Turkic case (`early.english_adjective`)
    pub adjective_stems: Vec<String>,
    /// what a one-word query's full lookup reads beyond these (`word.rs`); None: every such
    /// query is left to the Python matcher
    pub word: Option<WordSettings>,
}

/// `early.ENGLISH_ADJECTIVE_ENDINGS`, longest first.
const ENGLISH_ADJECTIVE_ENDINGS: [&str; 2] = ["is", "i"];

/// `early.SMALL_IMPORTANCE`: a place under this importance is small (a village)
pub const SMALL_IMPORTANCE: f64 = 5.0;
/// `early.SMALL_KEY_MIN`: the letters of the shortest key `small_only` leaves to the full lookup
pub const SMALL_KEY_MIN: usize = 5;
/// `early.PROMINENT_ENDING_MAX`: the longest ending read on a prominent place's name
pub const PROMINENT_ENDING_MAX: usize = 4;

pub struct Lookup {
    settings: Settings,
    turkic: TurkicEndings,
    /// the rows read so far (shared, not copied, by the answers being made)
    variants: FxMap<u32, Rc<Variant>>,
    places: FxMap<u32, Rc<Place>>,
}

fn has_armenian(s: &str) -> bool {
    s.chars().any(|c| ('\u{0530}'..='\u{058f}').contains(&c))
}

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c))
}

impl Lookup {
    pub fn new(settings: Settings, turkic: TurkicEndings) -> Self {
        Lookup {
            settings,
            turkic,
            variants: FxMap::default(),
            places: FxMap::default(),
        }
    }

    fn variant<S: Source>(&mut self, src: &S, v: u32) -> Option<Rc<Variant>> {
        if let Some(row) = self.variants.get(&v) {
            return Some(Rc::clone(row));
        }
        let row = Rc::new(src.variant(v)?);
        self.variants.insert(v, Rc::clone(&row));
        Some(row)
    }

    fn place<S: Source>(&mut self, src: &S, i: u32) -> Option<Rc<Place>> {
        if let Some(row) = self.places.get(&i) {
            return Some(Rc::clone(row));
        }
        let row = Rc::new(src.place(i)?);
        self.places.insert(i, Rc::clone(&row));
        Some(row)
    }

    /// `early.prior` with no cue group.
    fn prior(&self, score: f64, place: &Place, variant: &Variant) -> f64 {
        let s = &self.settings;
        let mut rank = score + s.importance_factor * place.importance;
        if variant.needs_context {
            rank -= s.needs_context_penalty;
        } else if place.bare_feature {
            rank -= s.bare_feature_penalty;
        }
        if variant.own_name {
            rank += s.own_name_bonus;
        } else if variant.mt_error {
            rank -= s.mt_error_penalty;
        }
        rank
    }

    /// `consider(hits, None)`: the best-ranked variant of each place, places in the order
    /// they first appear, of readings given as (variant, method, score).
    pub(crate) fn best_per_place<S: Source>(
        &mut self,
        src: &S,
        readings: impl IntoIterator<Item = (u32, Method, f64)>,
    ) -> Option<Vec<Answer>> {
        let mut best: Vec<Answer> = Vec::new();
        let mut at: FxMap<u32, usize> = FxMap::default();
        for (v, method, score) in readings {
            let variant = self.variant(src, v)?;
            let place = self.place(src, variant.place)?;
            let rank = self.prior(score, &place, &variant);
            let cand = Answer {
                place: variant.place,
                variant: v,
                method,
                score,
                rank,
                needs_context: variant.needs_context,
            };
            match at.get(&variant.place) {
                None => {
                    at.insert(variant.place, best.len());
                    best.push(cand);
                }
                Some(&k) => {
                    if rank > best[k].rank {
                        best[k] = cand;
                    }
                }
            }
        }
        Some(best)
    }

    /// `early.prefer_region`, `early.prefer_renamed`, with `loosely` the full lookup's
    /// `_prefer_region_loosely` (`word.rs`), `early.prefer_attested`, then `sorted(...,
    /// key=-rank)` (stable).
    fn finish<S: Source>(
        &mut self,
        src: &S,
        mut best: Vec<Answer>,
        loosely: bool,
    ) -> Option<Vec<Answer>> {
        let mut places = Vec::with_capacity(best.len());
        for c in &best {
            places.push(self.place(src, c.place)?);
        }
        if best.iter().any(|c| c.rank.is_nan()) {
            return None; // Python's sort of a NaN is its own affair
        }
        // a far place of a far village's kind, or of any kind read by the other side's exonym
        // for it (`early.exonym`: Azerbaijani on a place of Armenia, Armenian on one of
        // Azerbaijan)
        let mut far_one = Vec::with_capacity(best.len());
        for (c, p) in best.iter().zip(&places) {
            let far = !p.in_region
                && (p.far_village_kind || {
                    let lang = &self.variant(src, c.variant)?.lang;
                    p.own_language.as_deref().is_some_and(|own| {
                        own != lang.as_str() && self.settings.own_languages.contains(lang)
                    })
                });
            far_one.push(far);
        }
        let far = best
            .iter()
            .zip(&far_one)
            .filter(|(_, &f)| f)
            .map(|(c, _)| c.rank)
            .fold(None, |m: Option<f64>, r| {
                Some(m.map_or(r, |m| if r > m { r } else { m }))
            });
        // read through an ending, the region's village does not pass a far village named
        // as typed (WHOLE_NAME_METHODS)
        let named_far = best
            .iter()
            .zip(&far_one)
            .any(|(c, &f)| f && c.method.whole_name());
        if let Some(far) = far {
            let top = far + self.settings.region_margin;
            for (c, p) in best.iter_mut().zip(&places) {
                if named_far && !c.method.whole_name() {
                    continue;
                }
                if p.village && p.in_region && c.method.region() && c.rank < top {
                    let raised = c.rank + self.settings.region_village_bonus;
                    c.rank = if top < raised { top } else { raised };
                }
            }
        }
        self.prefer_renamed(src, &mut best, &places)?;
        if loosely {
            self.prefer_region_loosely(&mut best, &places, &far_one);
        }
        // `early.prefer_attested`: a village with no az/ru/hy name does not pass an attested
        // village of the name (each read by a name, an ending or a transcription)
        let attested_top = best
            .iter()
            .zip(&places)
            .filter(|(c, p)| p.village && c.method.region() && p.attested())
            .map(|(c, _)| c.rank)
            .fold(None, |m: Option<f64>, r| {
                Some(m.map_or(r, |m| if r > m { r } else { m }))
            });
        if let Some(top) = attested_top {
            let below = top - self.settings.region_margin;
            for (c, p) in best.iter_mut().zip(&places) {
                if p.village && c.method.region() && !p.attested() && c.rank > below {
                    c.rank = below;
                }
            }
        }
        best.sort_by(|a, b| {
            b.rank
                .partial_cmp(&a.rank)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        Some(best)
    }

    /// `early.prefer_renamed`: of the region's villages named alike, one read by the name the
    /// other side gave it rises, by at most REGION_VILLAGE_BONUS, to just above the region's
    /// villages of that side's country whose own name it is, unless one of them weighs more;
    /// only a name read as written counts.
    fn prefer_renamed<S: Source>(
        &mut self,
        src: &S,
        best: &mut [Answer],
        places: &[Rc<Place>],
    ) -> Option<()> {
        if best.len() < 2 {
            return Some(());
        }
        let mut renamed: Vec<(usize, String)> = Vec::new();
        for (k, (c, p)) in best.iter().zip(places).enumerate() {
            // a name read as written (WHOLE_NAME_METHODS), not through an ending
            if !(p.village && p.in_region && c.method.whole_name()) {
                continue;
            }
            if let Some(lang) = self.variant(src, c.variant)?.renamed_by.clone() {
                if p.own_language.as_deref() != Some(lang.as_str()) {
                    renamed.push((k, lang));
                }
            }
        }
        let mut langs: Vec<String> = renamed.iter().map(|(_, l)| l.clone()).collect();
        langs.sort();
        langs.dedup();
        for lang in langs {
            let theirs: Vec<usize> = (0..best.len())
                .filter(|&k| {
                    let p = &places[k];
                    p.far_village_kind
                        && p.in_region
                        && p.own_language.as_deref() == Some(lang.as_str())
                })
                .collect();
            if theirs.is_empty() {
                continue;
            }
            let mut top = f64::NEG_INFINITY;
            let mut heaviest = f64::NEG_INFINITY;
            for &k in &theirs {
                if best[k].rank > top {
                    top = best[k].rank;
                }
                if places[k].importance > heaviest {
                    heaviest = places[k].importance;
                }
            }
            let top = top + self.settings.region_margin;
            for &(k, ref l) in &renamed {
                if *l != lang {
                    continue;
                }
                let c = &mut best[k];
                if c.rank < top && places[k].importance + self.settings.renamed_outweigh > heaviest
                {
                    // (past the other's bonuses and the weight it may have more)
                    let raised = c.rank
                        + self.settings.region_village_bonus
                        + self.settings.importance_factor * self.settings.renamed_outweigh;
                    c.rank = if top < raised { top } else { raised };
                }
            }
        }
        Some(())
    }

    /// `early.demonym_like`: a known name plus an ending of a word for its people
    /// (Goristsi), the name's last letter shared with the ending's first (Hadrut + tsi).
    fn demonym_like<S: Source>(&self, src: &S, key: &str) -> Option<bool> {
        let n = key.chars().count();
        for end in &self.settings.demonym_endings {
            if !key.ends_with(end.as_str())
                || n - end.chars().count() < self.settings.surname_stem_min
            {
                continue;
            }
            let stem = &key[..key.len() - end.len()];
            if !src.postings(stem, 0)?.is_empty() {
                return Some(true);
            }
            if let Some(first) = end.chars().next() {
                let mut shared = stem.to_string();
                shared.push(first);
                if !src.postings(&shared, 0)?.is_empty() {
                    return Some(true);
                }
            }
        }
        Some(false)
    }

    /// `_surname_like(key, exists)`: a name plus a family-name ending.
    fn surname_like(
        &self,
        key: &str,
        mut exists: impl FnMut(&str) -> Option<bool>,
    ) -> Option<bool> {
        let n = key.chars().count();
        for end in &self.settings.surname_endings {
            if key.ends_with(end.as_str())
                && n - end.chars().count() >= self.settings.surname_stem_min
                && exists(&key[..key.len() - end.len()])?
            {
                return Some(true);
            }
        }
        Some(false)
    }

    /// `early.guard` (`Matcher._guard` for a key with no Armenian word) for a key of one word.
    fn guard<S: Source>(&self, src: &S, key: &str) -> Option<u8> {
        if src.is_common(key)? {
            return Some(2);
        }
        self.guard_of_names(src, key)
    }

    /// `early.guard(key, common=False)`: the family-name and demonym tests alone.
    fn guard_of_names<S: Source>(&self, src: &S, key: &str) -> Option<u8> {
        if self.surname_like(key, |s| src.postings(s, 0).map(|p| !p.is_empty()))? {
            return Some(2);
        }
        if self.demonym_like(src, key)? {
            return Some(2);
        }
        let level1 = self.surname_like(key, |s| {
            src.postings(&skeleton(s)?, 1).map(|p| !p.is_empty())
        })?;
        Some(u8::from(level1 || self.family_ending(key)))
    }

    /// `early.family_ending`: a family-name ending of `surname_ending_min` letters or more
    /// after a stem of `surname_stem_min` (Shushanyan, Quliyeva), whatever the stem.
    fn family_ending(&self, key: &str) -> bool {
        let n = key.chars().count();
        self.settings.surname_endings.iter().any(|end| {
            let e = end.chars().count();
            e >= self.settings.surname_ending_min
                && key.ends_with(end.as_str())
                && n - e >= self.settings.surname_stem_min
        })
    }

    /// `Matcher._guard` of a one-word query's own key (not Armenian): a common word as
    /// typed (`Matcher.common_as_typed`: as spelled in the script typed, or a Latin word
    /// folding like one spelled in plain Latin letters), not by its fold alone (Turshu is no
    /// Azerbaijani turşu folded), is 2; a fold that is only a word of other letters or another
    /// script at least 1 (only one edit to a name that matters).
    pub fn typed_guard<S: Source>(&self, src: &S, key: &str, typed: &str) -> Option<u8> {
        // (a word common as typed is one as folded: the folded list holds the spelled one folded)
        if !src.is_common(key)? {
            return self.guard_of_names(src, key);
        }
        if src.is_common_as_typed(typed)? {
            return Some(2);
        }
        Some(self.guard_of_names(src, key)?.max(1))
    }

    /// `early.guard(key)` (`Matcher._guard` of a key with no Armenian word) for a key of
    /// one word; None for a key of several (whose common-word test reads every word) or
    /// when a probe fails.
    pub fn guard_of<S: Source>(&self, src: &S, key: &str) -> Option<u8> {
        if key.contains(' ') {
            return None;
        }
        self.guard(src, key)
    }

    /// `inflection.lemmas(key, russian=False)`: the Turkic lemmas of a key's last word.
    pub fn turkic_lemmas(&self, key: &str) -> Vec<(String, String)> {
        self.turkic.lemmas(key)
    }

    /// The matcher's answer for `query`, or None when only the Python matcher can give it.
    /// `early.small_only`: is a one-word key of `SMALL_KEY_MIN` letters or more the name of
    /// small villages outside the conflict region only (a far-village kind, importance under
    /// `SMALL_IMPORTANCE`)?
    fn small_only<S: Source>(&mut self, src: &S, key: &str, hits: &[u32]) -> Option<bool> {
        if key.contains(' ') || key.chars().count() < SMALL_KEY_MIN {
            return Some(false);
        }
        for &v in hits {
            let variant = self.variant(src, v)?;
            let place = self.place(src, variant.place)?;
            if !place.far_village_kind || place.importance >= SMALL_IMPORTANCE || place.in_region {
                return Some(false);
            }
        }
        Some(true)
    }

    /// `early.near_prominent`: could a key be one edit from, or an ending of at most
    /// `PROMINENT_ENDING_MAX` letters on, a prominent place's name?
    fn near_prominent(&self, key: &str) -> bool {
        let Some(keys) = &self.settings.prominent_keys else {
            return true;
        };
        if keys.contains(key) {
            return true;
        }
        let at: Vec<usize> = key.char_indices().map(|(i, _)| i).collect();
        let n = at.len();
        for (k, &i) in at.iter().enumerate() {
            let next = if k + 1 < n { at[k + 1] } else { key.len() };
            let mut less = String::with_capacity(key.len());
            less.push_str(&key[..i]);
            less.push_str(&key[next..]);
            if keys.contains(&less) {
                return true;
            }
        }
        (1..=PROMINENT_ENDING_MAX.min(n.saturating_sub(1)))
            .any(|cut| keys.contains(&key[..at[n - cut]]))
    }

    /// `early.as_shared_name`: the places of the best answer's Azerbaijani name (name_az)
    /// ranked among themselves as that name's own answer ranks them (a transliteration one
    /// of the villages named alike carries does not decide between them), each keeping the
    /// position and rank held; `out` as it is when fewer than two share the name, the key
    /// is the name's, or the name's answer is left to the full lookup.
    fn as_shared_name<S: Source>(
        &mut self,
        src: &S,
        key: &str,
        query: &str,
        mut out: Vec<Answer>,
    ) -> Option<Vec<Answer>> {
        if out.len() < 2 {
            return Some(out);
        }
        let name = match &self.place(src, out[0].place)?.names[1] {
            Some(n) if !n.is_empty() => n.clone(),
            _ => return Some(out),
        };
        let shared = fold(&name);
        let same_skeleton =
            matches!((skeleton(&shared), skeleton(key)), (Some(a), Some(b)) if a == b);
        if shared.is_empty() || shared == key || !same_skeleton {
            return Some(out); // the name itself, or a query that is no spelling of it
        }
        let mut at = Vec::new();
        for (i, c) in out.iter().enumerate() {
            let p = self.place(src, c.place)?;
            if let Some(n) = &p.names[1] {
                if !n.is_empty() && (*n == name || fold(n) == shared) {
                    at.push(i);
                }
            }
        }
        if at.len() < 2 {
            return Some(out);
        }
        let written = (has_cyrillic(query), has_armenian(query));
        for &i in &at {
            // the query is one's own name (name, name_ru, name_hy: the same key, in the same
            // script): Antarut, not the Antarrut, both İnəkli in Azerbaijani
            let p = self.place(src, out[i].place)?;
            let own = [&p.names[0], &p.names[2], &p.names[3]];
            if own.iter().any(|n| {
                n.as_deref().is_some_and(|n| {
                    !n.is_empty() && (has_cyrillic(n), has_armenian(n)) == written && fold(n) == key
                })
            }) {
                return Some(out);
            }
        }
        let reference = match self.answer(src, &name) {
            Some(r) if !r.is_empty() => r,
            _ => return Some(out),
        };
        let order = |place: u32| {
            reference
                .iter()
                .position(|c| c.place == place)
                .unwrap_or(reference.len())
        };
        let mut group: Vec<Answer> = at.iter().map(|&i| out[i].clone()).collect();
        group.sort_by_key(|c| order(c.place)); // stable, as Python's sorted
        let ranks: Vec<f64> = at.iter().map(|&i| out[i].rank).collect();
        for ((&i, mut c), rank) in at.iter().zip(group).zip(ranks) {
            c.rank = rank;
            out[i] = c;
        }
        Some(out)
    }

    /// `early.english_adjective` on a query stripped of its spaces: one capitalised plain
    /// Latin word in -i or -is whose stem ends in a pair of `Settings::adjective_stems`.
    fn english_adjective(&self, q: &str) -> bool {
        let stems = &self.settings.adjective_stems;
        if stems.is_empty()
            || !q.starts_with(|c: char| c.is_ascii_uppercase())
            || !q.chars().all(|c| c.is_ascii_alphabetic())
        {
            return false;
        }
        let lower = q.to_ascii_lowercase();
        for end in ENGLISH_ADJECTIVE_ENDINGS {
            if let Some(stem) = lower.strip_suffix(end) {
                // (the pair ending the name: Mokhrenesi is an Armenian genitive)
                return stems.iter().any(|pair| stem.ends_with(pair.as_str()));
            }
        }
        false
    }

    pub fn answer<S: Source>(&mut self, src: &S, query: &str) -> Option<Vec<Answer>> {
        let key = fold(query);
        if key.is_empty() {
            return Some(Vec::new());
        }
        if query.contains(',') || has_armenian(query) || self.settings.org_names.contains(&key) {
            return None;
        }
        if !query.is_ascii()
            && query
                .chars()
                .any(|c| self.settings.two_letter_marks.contains(&c))
        {
            return None; // Matcher._lookup_uncached reads its letters as two first
        }
        let q = strip(query);
        let hits = src.postings(&key, 0)?;
        if !hits.is_empty() {
            if self.small_only(src, &key, &hits)?
                && (has_cyrillic(query) || self.near_prominent(&key))
            {
                return None; // early.small_only: the full lookup reads a prominent place too
            }
            // early.answer (Matcher._known_key)
            let folded = self.settings.folded_score;
            let mut best =
                self.best_per_place(src, hits.iter().map(|&v| (v, Method::Folded, folded)))?;
            for c in best.iter_mut() {
                let variant = self.variant(src, c.variant)?;
                let place = self.place(src, c.place)?;
                if q == variant.text || place.names.iter().any(|n| n.as_deref() == Some(q)) {
                    c.method = Method::Exact;
                    c.score = self.settings.exact_score;
                    c.rank += self.settings.exact_bonus;
                }
            }
            let out = self.finish(src, best, false)?;
            return self.as_shared_name(src, &key, q, out);
        }
        // one word: no reading but the whole key (see the module's comment)
        if q.chars().any(is_space) || q.contains('(') || key.contains(' ') || has_cyrillic(query) {
            return None;
        }
        let mut hits = Vec::new();
        for (lemma, _) in self.turkic.lemmas(&key) {
            hits.extend(src.postings(&lemma, 0)?);
        }
        if !hits.is_empty() {
            if self.english_adjective(q) {
                return Some(Vec::new()); // Karabakhi: the matcher reads no place (early.english_adjective)
            }
            if self.typed_guard(src, &key, q)? > 0 {
                return Some(Vec::new());
            }
            let score = self.settings.inflection_score;
            let best =
                self.best_per_place(src, hits.iter().map(|&v| (v, Method::Inflection, score)))?;
            return self.finish(src, best, false);
        }
        if key.chars().count() < self.settings.loose_min || self.typed_guard(src, &key, q)? > 1 {
            return Some(Vec::new());
        }
        None // the loose methods decide
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A three-place table: two villages named Gazanchi (one in the region, one far) and a town.
    struct Table;

    fn place(importance: f64, village: bool, in_region: bool, name: &str) -> Place {
        Place {
            importance,
            bare_feature: false,
            village,
            far_village_kind: village,
            in_region,
            names: [Some(name.to_string()), None, None, None],
            own_language: None,
        }
    }

    impl Source for Table {
        fn postings(&self, key: &str, level: u8) -> Option<Vec<u32>> {
            Some(match (key, level) {
                ("gazanchi", 0) => vec![0, 1],
                ("fuzuli", 0) => vec![2],
                ("fuzul", 1) => vec![2],
                ("fuzula", 0) => vec![3],
                _ => vec![],
            })
        }
        fn variant(&self, v: u32) -> Option<Variant> {
            let (place, text) = match v {
                0 => (0, "Gazanchi"),
                1 => (1, "Gazanchi"),
                2 => (2, "Fuzuli"),
                3 => (3, "Fuzula"),
                _ => return None,
            };
            Some(Variant {
                place,
                text: text.to_string(),
                own_name: true,
                lang: "en".to_string(),
                mt_error: false,
                needs_context: false,
                renamed_by: None,
            })
        }
        fn place(&self, i: u32) -> Option<Place> {
            Some(match i {
                0 => place(1.0, true, false, "Gazanchi"),
                1 => place(0.5, true, true, "Gazanchi"),
                2 => place(6.0, false, true, "Fuzuli"),
                3 => place(1.0, true, false, "Fuzula"),
                _ => return None,
            })
        }
        fn is_common(&self, key: &str) -> Option<bool> {
            // "kucha": Azerbaijani küçə (a street) folded, no word as spelled in Latin letters
            Some(key == "bridge" || key == "kucha")
        }
        fn is_common_as_typed(&self, typed: &str) -> Option<bool> {
            let spelled = typed.to_lowercase();
            Some(spelled == "bridge" || spelled == "küçə")
        }
    }

    fn lookup() -> Lookup {
        let settings = Settings {
            folded_score: 97.0,
            exact_score: 100.0,
            inflection_score: 93.0,
            importance_factor: 2.0,
            needs_context_penalty: 6.0,
            bare_feature_penalty: 4.0,
            own_name_bonus: 4.0,
            mt_error_penalty: 2.0,
            exact_bonus: 3.0,
            region_village_bonus: 9.0,
            region_margin: 0.5,
            renamed_outweigh: 1.5,
            loose_min: 4,
            surname_stem_min: 4,
            surname_ending_min: 3,
            surname_endings: vec!["ov".to_string(), "li".to_string()],
            demonym_endings: vec!["tsi".to_string()],
            org_names: HashSet::new(),
            prominent_keys: None,
            own_languages: HashSet::new(),
            two_letter_marks: vec!['š', 'Š', '\u{30c}'],
            adjective_stems: vec!["kh".to_string()],
            word: None,
        };
        let endings = ["da", "de", "nin", "a"].iter().map(|s| s.to_string());
        Lookup::new(settings, TurkicEndings::new(endings, 3))
    }

    #[test]
    fn a_known_name_written_as_the_variant_is_exact_and_the_regions_village_comes_first() {
        let got = lookup().answer(&Table, "Gazanchi").unwrap();
        assert_eq!(got.iter().map(|c| c.place).collect::<Vec<_>>(), vec![1, 0]);
        assert!(got.iter().all(|c| c.method == Method::Exact));
        // the far village's rank + the margin, no more
        assert_eq!(got[0].rank, got[1].rank + 0.5);
    }

    #[test]
    fn a_known_name_written_otherwise_is_folded() {
        let got = lookup().answer(&Table, "  FUZULI ").unwrap();
        assert_eq!(got[0].method, Method::Folded);
        assert_eq!(got[0].rank, 97.0 + 12.0 + 4.0);
    }

    #[test]
    fn a_letter_folding_reads_as_one_of_two_is_left_to_the_matcher() {
        // "Gazanši" folds to a known key, but š is sh: the matcher reads that first
        assert_eq!(lookup().answer(&Table, "Gazanši"), None);
        assert_eq!(lookup().answer(&Table, "Gazans\u{30c}i"), None);
        assert!(lookup().answer(&Table, "Gazanchi").is_some());
    }

    #[test]
    fn an_inflected_word_is_its_lemmas_place() {
        let got = lookup().answer(&Table, "Fuzulida").unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].place, got[0].method), (2, Method::Inflection));
    }

    #[test]
    fn words_the_guards_refuse_and_short_keys_get_nothing() {
        let mut l = lookup();
        assert_eq!(l.answer(&Table, "bridge"), Some(vec![]));
        assert_eq!(l.answer(&Table, "abc"), Some(vec![]));
        assert_eq!(l.answer(&Table, "Fuzuliov"), Some(vec![]));
        assert_eq!(l.answer(&Table, ""), Some(vec![]));
    }

    #[test]
    fn a_word_is_refused_as_spelled_in_the_script_typed_not_as_folded() {
        let mut l = lookup();
        // küçə as spelled: a word; "Kucha" only folds like it: left to the one-edit readings
        assert_eq!(l.answer(&Table, "Küçə"), Some(vec![]));
        assert_eq!(l.answer(&Table, "Kucha"), None);
    }

    #[test]
    fn a_word_for_a_places_people_gets_nothing() {
        // early.demonym_like: a known name plus the ending (Fuzuli + tsi) ...
        let mut l = lookup();
        assert_eq!(l.answer(&Table, "Fuzulitsi"), Some(vec![]));
        // no known name: the loose methods decide
        assert_eq!(l.answer(&Table, "Gorxatsi"), None);
        // ... or with the name's last letter shared with the ending's first (Hadrut + tsi)
        let mut shared = lookup();
        shared.settings.demonym_endings = vec!["itsi".to_string()];
        assert_eq!(shared.answer(&Table, "Fuzulitsi"), Some(vec![]));
    }

    #[test]
    fn an_english_adjective_of_a_name_gets_nothing() {
        // early.english_adjective: Gazanchi + -ni read as a Turkic case, unless its stem ends
        // in a pair only English spelling writes (here "hin", for the test's table) in a
        // capitalised plain Latin word
        let endings = ["ni"].iter().map(|s| s.to_string());
        let mut l = Lookup::new(lookup().settings.clone(), TurkicEndings::new(endings, 3));
        assert!(matches!(l.answer(&Table, "Gazanchini"), Some(v) if !v.is_empty()));
        l.settings.adjective_stems = vec!["ch".to_string()];
        assert!(matches!(l.answer(&Table, "Gazanchini"), Some(v) if !v.is_empty())); // ch inside
        l.settings.adjective_stems = vec!["hin".to_string()];
        assert_eq!(l.answer(&Table, "Gazanchini"), Some(vec![]));
        assert!(matches!(l.answer(&Table, "gazanchini"), Some(v) if !v.is_empty()));
    }

    #[test]
    fn a_small_far_villages_name_near_a_prominent_name_is_left_to_the_full_lookup() {
        // early.small_only and early.near_prominent: Fuzula (a far village) is one edit from
        // Fuzuli; without the prominent keys every such name is left undecided
        let mut l = lookup();
        assert_eq!(l.answer(&Table, "Fuzula"), None);
        let keys = |ks: &[&str]| Some(ks.iter().map(|k| k.to_string()).collect());
        l.settings.prominent_keys = keys(&[
            "fuzuli", "uzuli", "fzuli", "fuuli", "fuzli", "fuzui", "fuzul",
        ]);
        assert_eq!(l.answer(&Table, "Fuzula"), None);
        assert_eq!(l.answer(&Table, "Фузула"), None); // Cyrillic: a Russian case, maybe
        l.settings.prominent_keys = keys(&["kapan", "apan", "kpan", "kaan", "kapn", "kapa"]);
        let got = l.answer(&Table, "Fuzula").unwrap();
        assert_eq!((got.len(), got[0].place), (1, 3));
        // the region's village of a name is decided as written (Gazanchi)
        l.settings.prominent_keys = None;
        assert!(l.answer(&Table, "Gazanchi").is_some());
    }

    #[test]
    fn what_the_loose_methods_or_the_readings_decide_is_undecided() {
        let mut l = lookup();
        assert_eq!(l.answer(&Table, "Fuzzuli"), None); // a typo
        assert_eq!(l.answer(&Table, "Fuzulida rayonu"), None); // two words
        assert_eq!(l.answer(&Table, "Gazanchi, Fuzuli"), None); // a comma
        assert_eq!(l.answer(&Table, "Физули"), None); // Russian endings
    }

    /// Two villages of the region both named Gülbəyli in Azerbaijani: the lighter one carries a
    /// Latin transliteration the other lacks (`early.as_shared_name`).
    struct Shared;

    impl Source for Shared {
        fn postings(&self, key: &str, level: u8) -> Option<Vec<u32>> {
            Some(match (key, level) {
                ("gyulbeili", 0) => vec![0, 3],
                ("gulbaili", 0) => vec![1, 2],
                _ => vec![],
            })
        }
        fn variant(&self, v: u32) -> Option<Variant> {
            let (place, text, own_name) = match v {
                0 => (0, "Gyulbeyli", false),
                1 => (0, "Gülbəyli", true),
                2 => (1, "Gülbəyli", true),
                3 => (1, "Гюльбейли", false),
                _ => return None,
            };
            Some(Variant {
                place,
                text: text.to_string(),
                own_name,
                lang: "und".to_string(),
                mt_error: false,
                needs_context: false,
                renamed_by: None,
            })
        }
        fn place(&self, i: u32) -> Option<Place> {
            let mut p = match i {
                0 => place(4.0, true, true, "Gulbeyli"),
                1 => place(5.0, true, true, "Gulbeyli"),
                _ => return None,
            };
            p.names[1] = Some("Gülbəyli".to_string());
            Some(p)
        }
        fn is_common(&self, _key: &str) -> Option<bool> {
            Some(false)
        }
        fn is_common_as_typed(&self, _typed: &str) -> Option<bool> {
            Some(false)
        }
    }

    #[test]
    fn another_spelling_of_a_shared_name_ties_the_villages_as_the_name_does() {
        let mut l = lookup();
        let name = l.answer(&Shared, "Gülbəyli").unwrap();
        assert_eq!(name.iter().map(|c| c.place).collect::<Vec<_>>(), vec![1, 0]);
        // exact on the lighter village's own transliteration, yet ranked as the name ranks them
        let got = l.answer(&Shared, "Gyulbeyli").unwrap();
        assert_eq!(got.iter().map(|c| c.place).collect::<Vec<_>>(), vec![1, 0]);
        assert!(got[0].rank >= got[1].rank);
    }

    /// A village of the region (Azerbaijan) and a larger far town of Armenia that carries the
    /// village's name as its Azerbaijani name (`early.exonym`).
    struct Exonym;

    impl Source for Exonym {
        fn postings(&self, key: &str, level: u8) -> Option<Vec<u32>> {
            Some(if (key, level) == ("istisu", 0) {
                vec![0, 1]
            } else {
                vec![]
            })
        }
        fn variant(&self, v: u32) -> Option<Variant> {
            let lang = match v {
                0 => "en",
                1 => "az",
                _ => return None,
            };
            Some(Variant {
                place: v,
                text: "Istisu".to_string(),
                own_name: true,
                lang: lang.to_string(),
                mt_error: false,
                needs_context: false,
                renamed_by: None,
            })
        }
        fn place(&self, i: u32) -> Option<Place> {
            let (village, in_region, own) = match i {
                0 => (true, true, "az"),
                1 => (false, false, "hy"),
                _ => return None,
            };
            let mut p = place(
                if village { 4.0 } else { 5.0 },
                village,
                in_region,
                "Istisu",
            );
            p.far_village_kind = village;
            p.own_language = Some(own.to_string());
            Some(p)
        }
        fn is_common(&self, _key: &str) -> Option<bool> {
            Some(false)
        }
        fn is_common_as_typed(&self, _typed: &str) -> Option<bool> {
            Some(false)
        }
    }

    #[test]
    fn a_far_town_read_by_the_other_sides_exonym_yields_to_the_regions_village() {
        let mut l = lookup();
        // no languages known: the town by its importance
        assert_eq!(l.answer(&Exonym, "Istisu").unwrap()[0].place, 1);
        let mut l = lookup();
        l.settings.own_languages = ["az", "hy"].iter().map(|s| s.to_string()).collect();
        let got = l.answer(&Exonym, "Istisu").unwrap();
        assert_eq!(got.iter().map(|c| c.place).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(got[0].rank, got[1].rank + 0.5);
    }

    /// Two villages of the region named alike: one of Azerbaijan read by the name the
    /// Armenian side gave it, one of Armenia whose own name it is (`early.prefer_renamed`).
    struct Renamed {
        armenia_importance: f64,
    }

    impl Source for Renamed {
        fn postings(&self, key: &str, level: u8) -> Option<Vec<u32>> {
            Some(if (key, level) == ("khnatsakh", 0) {
                vec![0, 1]
            } else {
                vec![]
            })
        }
        fn variant(&self, v: u32) -> Option<Variant> {
            let (own_name, renamed_by) = match v {
                0 => (false, Some("hy".to_string())),
                1 => (true, None),
                _ => return None,
            };
            Some(Variant {
                place: v,
                text: "Khnatsakh".to_string(),
                own_name,
                lang: "hy".to_string(),
                mt_error: false,
                needs_context: false,
                renamed_by,
            })
        }
        fn place(&self, i: u32) -> Option<Place> {
            let (importance, own) = match i {
                0 => (4.25, "az"),
                1 => (self.armenia_importance, "hy"),
                _ => return None,
            };
            let mut p = place(
                importance,
                true,
                true,
                if i == 0 { "Xanyurdu" } else { "Khnatsakh" },
            );
            p.own_language = Some(own.to_string());
            Some(p)
        }
        fn is_common(&self, _key: &str) -> Option<bool> {
            Some(false)
        }
        fn is_common_as_typed(&self, _typed: &str) -> Option<bool> {
            Some(false)
        }
    }

    #[test]
    fn a_renamed_village_read_by_its_other_name_passes_the_other_countrys_village_of_the_name() {
        let equal = Renamed {
            armenia_importance: 4.25,
        };
        let got = lookup().answer(&equal, "Khnatsakh").unwrap();
        assert_eq!(got.iter().map(|c| c.place).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(got[0].rank, got[1].rank + 0.5);
        // ... and when the other weighs a little more (a population of 700)
        let a_little = Renamed {
            armenia_importance: 5.69,
        };
        assert_eq!(lookup().answer(&a_little, "Khnatsakh").unwrap()[0].place, 0);
        // ... unless the other village weighs RENAMED_OUTWEIGH more (a population of 2,000)
        let heavier = Renamed {
            armenia_importance: 5.9,
        };
        assert_eq!(lookup().answer(&heavier, "Khnatsakh").unwrap()[0].place, 1);
    }
}

/// The Python class `gazetteer._core.Lookup` over the index Python holds in memory.
#[cfg(feature = "python")]
pub mod py {
    use std::collections::HashSet;

    use pyo3::prelude::*;
    use pyo3::types::{PyDict, PyList, PyString, PyTuple};

    use super::{Answer, Lookup, Method, Place, Settings, Source, Variant, WordSettings};
    use crate::scan::turkic::TurkicEndings;

    /// Where a place row (`index.PLACE_ROW`) holds what ranking reads, and what its kinds
    /// and a variant's types mean.
    struct Layout {
        kind: usize,
        lat: usize,
        lon: usize,
        importance: usize,
        names: [usize; 4],
        country: usize,
        /// country code -> its own language (`early.OWN_LANGUAGES`)
        own_languages: std::collections::HashMap<String, String>,
        bare_feature_kinds: HashSet<String>,
        far_village_kinds: HashSet<String>,
        village_kind: String,
        own_name_types: HashSet<String>,
        mt_error_type: String,
        /// `early.RENAMED_TYPES`: a variant type -> the language of the side that gave the name
        renamed_types: std::collections::HashMap<String, String>,
        /// (south, west, north, east)
        conflict_box: (f64, f64, f64, f64),
    }

    /// Lookup(host, /)
    /// --
    ///
    /// The matcher's answers for the names that decide early (see gazetteer/batch_lookup.py,
    /// which builds the host: the index's key dictionaries, variant and place lists and
    /// common words, the matcher's weights and word lists).
    #[pyclass(module = "gazetteer._core", name = "Lookup", unsendable)]
    pub struct PyLookup {
        core: Lookup,
        tables: Tables,
        /// the scores' written forms in a line (`lines`)
        scores: super::lines::ScoreTexts,
    }

    /// The host's tables the compiled lookup reads through a [`PySource`].
    struct Tables {
        keys: [Py<PyDict>; 2],
        variants: Py<PyList>,
        places: Py<PyList>,
        common: Py<PyAny>,
        /// `Matcher.common_as_typed`, called with a word as typed
        common_spellings: Py<PyAny>,
        layout: Layout,
    }

    impl Tables {
        /// The tables bound to the interpreter, as the core's [`Source`].
        fn source<'a, 'py>(&'a self, py: Python<'py>) -> PySource<'a, 'py> {
            PySource {
                keys: [self.keys[0].bind(py), self.keys[1].bind(py)],
                variants: self.variants.bind(py),
                places: self.places.bind(py),
                common: self.common.bind(py),
                common_spellings: self.common_spellings.bind(py),
                layout: &self.layout,
            }
        }
    }

    struct PySource<'a, 'py> {
        keys: [&'a Bound<'py, PyDict>; 2],
        variants: &'a Bound<'py, PyList>,
        places: &'a Bound<'py, PyList>,
        common: &'a Bound<'py, PyAny>,
        common_spellings: &'a Bound<'py, PyAny>,
        layout: &'a Layout,
    }

    impl Source for PySource<'_, '_> {
        fn postings(&self, key: &str, level: u8) -> Option<Vec<u32>> {
            let keys = self.keys[usize::from(level)];
            match keys.get_item(key).ok()? {
                None => Some(Vec::new()),
                Some(vs) => vs.extract().ok(),
            }
        }

        fn variant(&self, v: u32) -> Option<Variant> {
            let row = self.variants.get_item(v as usize).ok()?;
            let row = row.cast::<PyTuple>().ok()?;
            let vtype: String = row.get_item(3).ok()?.extract().ok()?;
            Some(Variant {
                place: row.get_item(0).ok()?.extract().ok()?,
                text: row.get_item(1).ok()?.extract().ok()?,
                own_name: self.layout.own_name_types.contains(&vtype),
                lang: row.get_item(2).ok()?.extract().ok()?,
                mt_error: vtype == self.layout.mt_error_type,
                needs_context: row.get_item(4).ok()?.is_truthy().ok()?,
                renamed_by: self.layout.renamed_types.get(&vtype).cloned(),
            })
        }

        fn place(&self, i: u32) -> Option<Place> {
            let row = self.places.get_item(i as usize).ok()?;
            let row = row.cast::<PyTuple>().ok()?;
            let l = self.layout;
            let kind: String = row.get_item(l.kind).ok()?.extract().ok()?;
            let country: String = row.get_item(l.country).ok()?.extract().ok()?;
            let lat: f64 = row.get_item(l.lat).ok()?.extract().ok()?;
            let lon: f64 = row.get_item(l.lon).ok()?.extract().ok()?;
            let (s, w, n, e) = l.conflict_box;
            let mut names: [Option<String>; 4] = Default::default();
            for (k, &at) in l.names.iter().enumerate() {
                names[k] = row.get_item(at).ok()?.extract().ok()?;
            }
            Some(Place {
                importance: row.get_item(l.importance).ok()?.extract().ok()?,
                bare_feature: l.bare_feature_kinds.contains(&kind),
                village: kind == l.village_kind,
                far_village_kind: l.far_village_kinds.contains(&kind),
                in_region: s <= lat && lat <= n && w <= lon && lon <= e,
                names,
                own_language: l.own_languages.get(&country).cloned(),
            })
        }

        fn is_common(&self, key: &str) -> Option<bool> {
            self.common.contains(key).ok()
        }

        fn is_common_as_typed(&self, typed: &str) -> Option<bool> {
            self.common_spellings.call1((typed,)).ok()?.is_truthy().ok()
        }
    }

    impl PyLookup {
        /// ``Lookup::word_in_scope``: may ``full_word`` answer for this query and key?
        pub(crate) fn word_in_scope(&self, query: &str, key: &str) -> bool {
            self.core.word_in_scope(query, key)
        }

        /// ``Lookup::full_word`` with ``whole`` as ``match_word`` gives it; None where the
        /// Python matcher answers.
        pub(crate) fn full_word(
            &mut self,
            py: Python<'_>,
            query: &str,
            key: &str,
            typed: &str,
            whole: &[(u32, &str, f64)],
        ) -> Option<Vec<Answer>> {
            let whole: Option<Vec<(u32, Method, f64)>> = whole
                .iter()
                .map(|&(v, m, s)| Some((v, Method::of(m)?, s)))
                .collect();
            let src = self.tables.source(py);
            self.core.full_word(&src, query, key, typed, &whole?)
        }

        /// ``Matcher._guard(key)`` of a key of one word with no Armenian word: with ``typed``
        /// (the query as typed, when ``key`` is its key) ``typed_guard``, else ``guard``.
        pub(crate) fn guard_for(
            &self,
            py: Python<'_>,
            key: &str,
            typed: Option<&str>,
        ) -> Option<u8> {
            match typed {
                Some(typed) => self.typed_guard(py, key, typed),
                None => self.guard(py, key),
            }
        }

        /// ``inflection.lemmas(key, russian=False)``.
        pub(crate) fn lemmas_of(&self, key: &str) -> Vec<(String, String)> {
            self.core.turkic_lemmas(key)
        }
    }

    #[pymethods]
    impl PyLookup {
        #[new]
        fn new(host: &Bound<'_, PyAny>) -> PyResult<Self> {
            let f = |name: &str| -> PyResult<f64> { host.getattr(name)?.extract() };
            let own_languages: std::collections::HashMap<String, String> =
                host.getattr("own_languages")?.extract()?;
            let settings = Settings {
                folded_score: f("FOLDED_SCORE")?,
                exact_score: f("EXACT_SCORE")?,
                inflection_score: f("INFLECTION_SCORE")?,
                importance_factor: f("IMPORTANCE_FACTOR")?,
                needs_context_penalty: f("NEEDS_CONTEXT_PENALTY")?,
                bare_feature_penalty: f("BARE_FEATURE_PENALTY")?,
                own_name_bonus: f("OWN_NAME_BONUS")?,
                mt_error_penalty: f("MT_ERROR_PENALTY")?,
                exact_bonus: f("EXACT_BONUS")?,
                region_village_bonus: f("REGION_VILLAGE_BONUS")?,
                region_margin: f("REGION_MARGIN")?,
                renamed_outweigh: f("RENAMED_OUTWEIGH")?,
                loose_min: host.getattr("LOOSE_MIN")?.extract()?,
                surname_stem_min: host.getattr("SURNAME_STEM_MIN")?.extract()?,
                surname_ending_min: host.getattr("SURNAME_ENDING_MIN")?.extract()?,
                surname_endings: host.getattr("surname_endings")?.extract()?,
                demonym_endings: host.getattr("demonym_endings")?.extract()?,
                org_names: host.getattr("org_names")?.extract()?,
                own_languages: own_languages.values().cloned().collect(),
                // (a host without them: every key of small villages is left to the full lookup)
                prominent_keys: match host.getattr("prominent_keys") {
                    Ok(keys) => Some(keys.extract()?),
                    Err(_) => None,
                },
                two_letter_marks: host
                    .getattr("two_letter_marks")?
                    .extract::<String>()?
                    .chars()
                    .collect(),
                // (a host without them: no query is refused as an English adjective)
                adjective_stems: match host.getattr("adjective_stems") {
                    Ok(stems) => stems.extract()?,
                    Err(_) => Vec::new(),
                },
                // (a host without them: every query of one word is left to the matcher)
                word: match host.getattr("word_letter_groups") {
                    Ok(groups) => Some(WordSettings {
                        letter_groups: groups.extract()?,
                        kind_words: host.getattr("word_kind_words")?.extract()?,
                        ru_keys: host
                            .getattr("ru_keys")?
                            .extract::<String>()?
                            .chars()
                            .collect(),
                        en_keys: host
                            .getattr("en_keys")?
                            .extract::<String>()?
                            .chars()
                            .collect(),
                        edit_min_len: host.getattr("EDIT_MIN_LEN")?.extract()?,
                    }),
                    Err(_) => None,
                },
            };
            let turkic = TurkicEndings::new(
                host.getattr("turkic_endings")?.extract::<Vec<String>>()?,
                host.getattr("min_stem")?.extract()?,
            );
            let layout = Layout {
                kind: host.getattr("kind_at")?.extract()?,
                lat: host.getattr("lat_at")?.extract()?,
                lon: host.getattr("lon_at")?.extract()?,
                importance: host.getattr("importance_at")?.extract()?,
                names: host.getattr("names_at")?.extract()?,
                country: host.getattr("country_at")?.extract()?,
                own_languages,
                bare_feature_kinds: host.getattr("bare_feature_kinds")?.extract()?,
                far_village_kinds: host.getattr("far_village_kinds")?.extract()?,
                village_kind: host.getattr("village_kind")?.extract()?,
                own_name_types: host.getattr("own_name_types")?.extract()?,
                mt_error_type: host.getattr("mt_error_type")?.extract()?,
                // (a host without them: no variant is a renamed village's name)
                renamed_types: match host.getattr("renamed_types") {
                    Ok(types) => types.extract()?,
                    Err(_) => Default::default(),
                },
                conflict_box: host.getattr("conflict_box")?.extract()?,
            };
            let tables = Tables {
                keys: [
                    host.getattr("keys0")?.cast_into::<PyDict>()?.unbind(),
                    host.getattr("keys1")?.cast_into::<PyDict>()?.unbind(),
                ],
                variants: host.getattr("variants")?.cast_into::<PyList>()?.unbind(),
                places: host.getattr("places")?.cast_into::<PyList>()?.unbind(),
                common: host.getattr("common")?.unbind(),
                common_spellings: host.getattr("common_as_typed")?.unbind(),
                layout,
            };
            Ok(PyLookup {
                core: Lookup::new(settings, turkic),
                tables,
                scores: Default::default(),
            })
        }

        /// guard(key, /)
        /// --
        ///
        /// ``early.guard(key)`` for a folded key of one word (2: no loose method, 1: only one
        /// edit to a name that matters, 0: none), or None (a key of several words, or a
        /// probe that failed: the Python twin answers).
        fn guard(&self, py: Python<'_>, key: &str) -> Option<u8> {
            let src = self.tables.source(py);
            self.core.guard_of(&src, key)
        }

        /// typed_guard(key, typed, /)
        /// --
        ///
        /// ``Matcher._guard`` of a one-word query's own key (``typed``: the query as typed,
        /// stripped, in lower case): 2 for a word common as typed, the family-name and
        /// demonym tests of ``early.guard(key, common=False)`` else, at least 1 for a word
        /// common only as folded; None when a probe fails (the Python twin answers).
        fn typed_guard(&self, py: Python<'_>, key: &str, typed: &str) -> Option<u8> {
            if key.contains(' ') {
                return None;
            }
            let src = self.tables.source(py);
            self.core.typed_guard(&src, key, typed)
        }

        /// turkic_lemmas(key, /)
        /// --
        ///
        /// ``inflection.lemmas(key, russian=False)``: (lemma, ending) of the key's last word
        /// for each Turkic ending it may carry, in Python's order.
        fn turkic_lemmas(&self, key: &str) -> Vec<(String, String)> {
            self.core.turkic_lemmas(key)
        }

        /// lines(query, found, places, ranked, /)
        /// --
        ///
        /// The JSON lines of an answer's candidates (``found``: (place, variant, method,
        /// score, needs_context) tuples), joined, as ``batch_lookup._joined_lines_python``
        /// writes them (``places``: a place's fields as ``_place_part`` made them; ``ranked``:
        /// each line with its rank); None where Python writes them (crates/gazetteer-core/src/lookup/lines.rs).
        fn lines(
            &mut self,
            py: Python<'_>,
            query: &Bound<'_, PyString>,
            found: &Bound<'_, PyAny>,
            places: &Bound<'_, PyDict>,
            ranked: bool,
        ) -> PyResult<Option<String>> {
            let variants = self.tables.variants.bind(py);
            super::lines::joined(&mut self.scores, variants, query, found, places, ranked)
        }

        /// answer(query, /, limit=None)
        /// --
        ///
        /// ``Matcher.lookup(query)`` as (place, variant, method, score, needs_context) tuples,
        /// best first (the first ``limit`` of them), or None when only the Python matcher can
        /// answer.
        #[pyo3(signature = (query, /, limit=None))]
        #[allow(clippy::type_complexity)]
        fn answer(
            &mut self,
            py: Python<'_>,
            query: &Bound<'_, PyString>,
            limit: Option<usize>,
        ) -> Option<Vec<(u32, u32, &'static str, f64, bool)>> {
            let q = query.to_str().ok()?; // lone surrogates: Python's
            let src = self.tables.source(py);
            let got = self.core.answer(&src, q)?;
            Some(
                got.into_iter()
                    .take(limit.unwrap_or(usize::MAX))
                    .map(|c| {
                        (
                            c.place,
                            c.variant,
                            c.method.name(),
                            c.score,
                            c.needs_context,
                        )
                    })
                    .collect(),
            )
        }
    }
}
