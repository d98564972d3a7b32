//! The passes over a whole text (`gazetteer.scan.document.DocumentPasses`): one sense per
//! text (`_one_sense`), and same-name disambiguation by distance to the text's other
//! places (`_disambiguate`, `_choose`, `_nearest`), on the engine's own mention records;
//! the Python `Mention` records are made once, at the end.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use super::engine::{Engine, Words};
use super::fxhash::{FxMap, FxSet};
use super::geo::{may_be_within, too_far_apart, LatCos};
use super::pytext::is_space;

/// One same-name reading of a mention (`Ranked`): place, variant, rank, the Python record
/// (None for a ranking the engine made: `to_python` makes it when asked).
pub(crate) struct Cand {
    pub place: i64,
    pub variant: i64,
    pub rank: f64,
    pub obj: Option<Py<PyAny>>,
}

/// The readings of a span as `Vocabulary.ranking` gives them: the Python tuple (None for a
/// ranking the engine made) and its items.
pub(crate) struct Cands {
    pub tuple: Option<Py<PyAny>>,
    pub items: Vec<Cand>,
}

/// A mention found, before it becomes a Python `Mention`.
pub(crate) struct Rec {
    pub start: usize,
    pub end: usize,
    /// start and end as byte offsets in the text scanned (what the CLI's lines and
    /// normalise cut the text at, without counting code points back to bytes)
    pub bytes: (usize, usize),
    pub surface: String,
    pub place: i64,
    pub variant: i64,
    pub method: &'static str,
    pub cue: Option<String>,
    /// the cue's group (`Tables::kind_groups`: settlement, admin, river...), with the cue
    pub group: Option<&'static str>,
    pub suffix: String,
    pub cands: Arc<Cands>,
    /// None: all the readings; Some(k): only reading k (settled)
    pub only: Option<usize>,
    /// written without a capital
    pub lowercase: bool,
    /// the surface folded, where the judge had it at hand: a span of one word (its
    /// fold, kept by word id); else None, and the passes fold the surface
    pub key: Option<Arc<str>>,
    /// the id of its word, a span of one word in a text with word ids (records keep the
    /// word's surface string in its slot)
    pub word: Option<u32>,
}

impl Rec {
    /// `fold(surface)`, as the judge kept it or made now.
    fn folded(&self) -> std::borrow::Cow<'_, str> {
        match &self.key {
            Some(k) => std::borrow::Cow::Borrowed(k),
            None => std::borrow::Cow::Owned(crate::fold(&self.surface)),
        }
    }
    /// `fold(first word of the surface)`: a span of one word is its only word.
    fn folded_first_word(&self) -> std::borrow::Cow<'_, str> {
        match &self.key {
            Some(k) => std::borrow::Cow::Borrowed(k),
            None => std::borrow::Cow::Owned(crate::fold(first_word(&self.surface))),
        }
    }
    /// The readings as `Mention.candidates` holds them now.
    pub(crate) fn cands(&self) -> &[Cand] {
        match self.only {
            None => &self.cands.items,
            Some(k) => &self.cands.items[k..k + 1],
        }
    }
    /// The index in `cands.items` of the k-th reading now held.
    fn nth(&self, k: usize) -> usize {
        self.only.unwrap_or(k)
    }
}

/// What the passes read of a place (`PlaceRow` and `_anchor`).
pub(crate) struct PlaceFacts {
    pub kind: String,
    pub country: String,
    pub id: String,
    pub parent: String,
    pub lon: f64,
    /// its coordinate rounded as an anchor, None for a country, river, lake or mountain
    pub anchor: Option<(f64, f64)>,
    /// its latitude in radians and that's cosine, as `km` computes them (made once)
    pub lat_cos: LatCos,
    /// the anchor's latitude prepared the same way
    pub anchor_cos: Option<LatCos>,
    /// its kind is a village's (`Tables::village_kinds`), a feature's (`Tables::features`):
    /// found once per place, where the passes asked per mention
    pub village: bool,
    pub feature: bool,
}

/// A mention as `cue_kinds` weighs the others: its name folded, its place's anchor and
/// country, its cue and where it starts.
struct OtherPlace {
    name: String,
    anchor: Option<(f64, f64)>,
    country: String,
    cue: Option<String>,
    start: usize,
}

/// Does a word of `text` (lower case) begin with one of `stems`?
fn begins_with_any(text: &str, stems: &[String]) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && stems.iter().any(|s| w.starts_with(s.as_str())))
}

fn first_word(s: &str) -> &str {
    s.split(is_space).find(|w| !w.is_empty()).unwrap_or("")
}

/// Mentions in a text up to which the crowd test finds anchors by a look along a list and
/// keeps no table of what it decided (a line of news; a CLI piece holds thousands).
const SHORT_TEXT: usize = 64;

/// Anchors as a set (Python's set of coordinate pairs).
/// (each anchor with its latitude prepared for `km_from`)
/// (a line's few anchors are found by a look along their bits; a table is made only
/// once there are `FEW_ANCHORS`)
#[derive(Default)]
struct Anchors {
    bits: Vec<(u64, u64)>,
    seen: FxSet<(u64, u64)>,
    list: Vec<(LatCos, f64)>,
}

/// Anchors up to which `Anchors` keeps no table.
const FEW_ANCHORS: usize = 16;

impl Anchors {
    fn add(&mut self, a: (f64, f64)) {
        let b = (a.0.to_bits(), a.1.to_bits());
        if self.contains_bits(b) {
            return;
        }
        if self.bits.len() + 1 == FEW_ANCHORS {
            self.seen.extend(self.bits.iter().copied());
        }
        if self.bits.len() + 1 >= FEW_ANCHORS {
            self.seen.insert(b);
        }
        self.bits.push(b);
        self.list.push((LatCos::new(a.0), a.1));
    }
    fn contains(&self, a: (f64, f64)) -> bool {
        self.contains_bits((a.0.to_bits(), a.1.to_bits()))
    }
    fn contains_bits(&self, b: (u64, u64)) -> bool {
        if self.bits.len() < FEW_ANCHORS {
            self.bits.contains(&b)
        } else {
            self.seen.contains(&b)
        }
    }
}

/// The places whose facts the engine holds (`Engine::place_facts`): by index in a list for
/// the index's places (a read is one load, without hashing: the passes over a place-dense
/// text read a place's facts three or four times a mention), in a map beyond
/// `PlaceStore::LISTED` (a user table of millions of places), emptied once it holds as
/// many places as the engine's small cache allows.
#[derive(Default)]
pub(crate) struct PlaceStore {
    listed: Vec<Option<Arc<PlaceFacts>>>,
    others: FxMap<i64, Arc<PlaceFacts>>,
}

impl PlaceStore {
    /// Places below this index are held in the list.
    const LISTED: i64 = 1 << 20;

    #[inline]
    pub fn get(&self, i: i64) -> Option<&Arc<PlaceFacts>> {
        if (0..Self::LISTED).contains(&i) {
            self.listed.get(i as usize)?.as_ref()
        } else {
            self.others.get(&i)
        }
    }

    pub fn insert(&mut self, i: i64, p: Arc<PlaceFacts>, limit: usize) {
        if (0..Self::LISTED).contains(&i) {
            let at = i as usize;
            if self.listed.len() <= at {
                self.listed
                    .resize_with((at + 1).next_power_of_two(), || None);
            }
            self.listed[at] = Some(p);
        } else {
            if self.others.len() >= limit {
                self.others.clear();
            }
            self.others.insert(i, p);
        }
    }
}

impl Engine {
    /// What the passes read of place `i`, asked of Python once per place.
    /// (The kept facts read inline, at each of the passes' thirty calls; the first ask of a
    /// place out of line, `place_facts_first`: the call was a large function's entry and
    /// exit, its registers saved and restored, for a read of one slot.)
    #[inline]
    pub(crate) fn place_facts(&mut self, py: Python<'_>, i: i64) -> PyResult<Arc<PlaceFacts>> {
        match self.places.get(i) {
            Some(p) => Ok(p.clone()),
            None => self.place_facts_first(py, i),
        }
    }

    /// `place_facts` of a place not kept yet: asked of Python and kept.
    #[inline(never)]
    fn place_facts_first(&mut self, py: Python<'_>, i: i64) -> PyResult<Arc<PlaceFacts>> {
        let t = self
            .host
            .place_facts
            .bind(py)
            .call1((i,))?
            .cast_into::<PyTuple>()?;
        let anchor: Option<(f64, f64)> = t.get_item(5)?.extract()?;
        let kind: String = t.get_item(0)?.extract()?;
        let p = Arc::new(PlaceFacts {
            village: self.tables.village_kinds.contains(&kind),
            feature: self.tables.features.contains(&kind),
            kind,
            id: t.get_item(1)?.extract()?,
            parent: t.get_item(2)?.extract()?,
            lon: t.get_item(4)?.extract()?,
            anchor,
            anchor_cos: anchor.map(|a| LatCos::new(a.0)),
            lat_cos: LatCos::new(t.get_item(3)?.extract()?),
            country: t.get_item(6)?.extract()?,
        });
        self.places.insert(i, p.clone(), self.small_cache);
        Ok(p)
    }

    /// `place_facts(i).anchor` (without a count of owners to change where the place is kept).
    fn place_anchor(&mut self, py: Python<'_>, i: i64) -> PyResult<Option<(f64, f64)>> {
        match self.places.get(i) {
            Some(p) => Ok(p.anchor),
            None => Ok(self.place_facts(py, i)?.anchor),
        }
    }

    /// Does variant `v` need context ("Gabriel")? Asked of Python once per variant.
    fn needs_context(&mut self, py: Python<'_>, v: i64) -> PyResult<bool> {
        if let Some(&b) = self.variant_context.get(&v) {
            return Ok(b);
        }
        let b = self.host.needs_context.bind(py).call1((v,))?.is_truthy()?;
        if self.variant_context.len() >= self.small_cache {
            self.variant_context.clear();
        }
        self.variant_context.insert(v, b);
        Ok(b)
    }

    /// In a lower-case text, a deferred lower-case town
    /// or region named like a word is the place when the text's places lie around it, or
    /// is a country of the region; it joins the mentions.
    pub(crate) fn lowercase_near_places(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        mentions: &mut Vec<Rec>,
        deferred: &mut Vec<Rec>,
    ) -> PyResult<()> {
        if deferred.is_empty() || mentions.is_empty() || cx.lower.get() != Some(true) {
            return Ok(());
        }
        let mut anchors = Anchors::default();
        for m in mentions.iter() {
            if let Some(a) = self.place_anchor(py, m.place)? {
                anchors.add(a);
            }
        }
        let (before, mut keep, mut moved) = (deferred.len(), Vec::new(), false);
        for d in deferred.drain(..) {
            let place = self.place_facts(py, d.place)?;
            if !d.lowercase || place.village || self.needs_context(py, d.variant)? {
                keep.push(d);
                continue;
            }
            let near = if place.kind == "country" {
                self.tables.focus_countries.contains(&place.country)
            } else {
                !anchors.list.is_empty()
                    && self.nearest_km(py, d.place, &anchors)? <= self.weights.lower_near_km
            };
            if near {
                mentions.push(d);
                moved = true;
            } else {
                keep.push(d);
            }
        }
        *deferred = keep;
        if moved && deferred.len() < before {
            mentions.sort_by_key(|m| m.start);
        }
        Ok(())
    }

    /// A village that opened a sentence without a cue (a list's "3. Khandzadzor — a
    /// church", a timetable's "10:10 Areni") waited for corroboration: it is the village
    /// when another place the text names lies within `VILLAGE_NEAR_KM` of it; it joins the
    /// mentions. (Lower-case words, names that need a cue, and words read through an
    /// ending, which at a sentence start are as often a common noun's case, "Karvanda" in
    /// the caravan, are not corroborated so.)
    pub(crate) fn villages_near_places(
        &mut self,
        py: Python<'_>,
        mentions: &mut Vec<Rec>,
        deferred: &mut Vec<Rec>,
    ) -> PyResult<()> {
        if deferred.is_empty() || mentions.is_empty() {
            return Ok(());
        }
        let mut anchors = Anchors::default();
        for m in mentions.iter() {
            if let Some(a) = self.place_anchor(py, m.place)? {
                anchors.add(a);
            }
        }
        if anchors.list.is_empty() {
            return Ok(());
        }
        let (mut keep, mut moved) = (Vec::new(), false);
        for d in deferred.drain(..) {
            let kind = self.place_facts(py, d.place)?;
            let village = kind.village;
            if d.lowercase
                || !village
                || d.method == "inflection"
                || self.needs_context(py, d.variant)?
            {
                keep.push(d);
            } else if self.nearest_km(py, d.place, &anchors)? <= self.weights.village_near_km {
                mentions.push(d);
                moved = true;
            } else {
                keep.push(d);
            }
        }
        *deferred = keep;
        if moved {
            mentions.sort_by_key(|m| m.start);
        }
        Ok(())
    }

    /// `_feature_over_settlement`: a river's or a district's cue says nothing of the bare
    /// name, which stays the town.
    fn feature_over_settlement(
        &mut self,
        py: Python<'_>,
        feature: i64,
        place: i64,
    ) -> PyResult<bool> {
        let feature = self.place_facts(py, feature)?;
        let own = self.place_facts(py, place)?;
        if feature.kind == "district" {
            return Ok(own.kind == "city" || own.kind == "town");
        }
        Ok(feature.feature && !own.feature)
    }

    /// Does a cue's kind leave reading `place` to the passes? A mention whose reading is of
    /// its cue's kinds (`Tables::kind_groups`) keeps to readings of those kinds: "село
    /// Воротан" is one of the villages, whichever the distances choose, never the river a
    /// bare "Воротан" of the text is. A mention without a cue, or whose reading is of
    /// another kind (its cue fits none, or `cue_kinds` kept a much nearer reading), may
    /// take any.
    pub(crate) fn cue_allows(&mut self, py: Python<'_>, m: &Rec, place: i64) -> PyResult<bool> {
        let Some(group) = m.group else {
            return Ok(true);
        };
        if place == m.place || self.fits_group(py, group, place)? {
            return Ok(true);
        }
        Ok(!self.fits_group(py, group, m.place)?)
    }

    /// Is place `place` of a kind of cue group `group`?
    fn fits_group(&mut self, py: Python<'_>, group: &str, place: i64) -> PyResult<bool> {
        let p = self.place_facts(py, place)?;
        Ok(match self.tables.kind_groups.get(group) {
            Some(kinds) => kinds.contains(&p.kind),
            None => true,
        })
    }

    /// `_one_sense`: a name that a cue settled once keeps that place; a deferred mention
    /// whose name or place the text settled joins the mentions.
    pub(crate) fn one_sense(
        &mut self,
        py: Python<'_>,
        mentions: &mut Vec<Rec>,
        deferred: Vec<Rec>,
        parented: &[usize],
    ) -> PyResult<()> {
        let mut by_text: FxMap<String, usize> = FxMap::default();
        // (the first mention of each place: asked only of deferred mentions)
        let mut by_place: FxMap<i64, usize> = FxMap::default();
        if !deferred.is_empty() {
            by_place.reserve(mentions.len());
        }
        // (a cue that fits every reading alike, "Sofulu kəndi" of three villages, settled
        // the kind and not the place: the readings are still open, for the distances)
        let margin = self.weights.open_margin;
        let settled = |m: &Rec| {
            let c = m.cands();
            c.len() < 2 || c[0].rank - c[1].rank >= margin
        };
        // (a mention whose parent the text names beside it settles its name as a cue does:
        // "Aghdam in Tovuz district ... our Aghdam")
        let mut named = parented.iter().peekable();
        for (k, m) in mentions.iter().enumerate() {
            let parent_named = named.next_if_eq(&&k).is_some();
            if (m.cue.is_some() || parent_named) && settled(m) {
                by_text.entry(m.folded().into_owned()).or_insert(k);
            }
            if !deferred.is_empty() {
                by_place.entry(m.place).or_insert(k);
            }
        }
        if mentions.is_empty() {
            return Ok(());
        }
        for k in 0..mentions.len() {
            if by_text.is_empty() {
                break;
            }
            let Some(&r) = by_text.get(&*mentions[k].folded()) else {
                continue;
            };
            let ref_place = mentions[r].place;
            // a mention with a cue of its own keeps its reading, unless the name's parent
            // settled it elsewhere and the cue fitted both alike (a place of the same kind:
            // "Tovuz rayonunun Ağdam kəndi ... Ağdam kəndi", not "... Ağdam şəhəri")
            let cued = mentions[k].cue.is_some();
            if cued
                && (r == k
                    || parented.binary_search(&r).is_err()
                    || self.place_facts(py, ref_place)?.kind
                        != self.place_facts(py, mentions[k].place)?.kind)
            {
                continue;
            }
            if self.feature_over_settlement(py, ref_place, mentions[k].place)?
                || !self.cue_allows(py, &mentions[k], ref_place)?
            {
                continue;
            }
            let m = &mut mentions[k];
            let found = if cued {
                m.cands.items.iter().position(|c| c.place == ref_place)
            } else {
                m.cands()
                    .iter()
                    .position(|c| c.place == ref_place)
                    .map(|c| m.nth(c))
            };
            if let Some(at) = found {
                let cand = &m.cands.items[at];
                (m.place, m.variant) = (cand.place, cand.variant);
                m.only = Some(at);
            }
        }
        let mut added = Vec::new();
        for mut d in deferred {
            let mut r = if by_text.is_empty() {
                None
            } else {
                by_text.get(&*d.folded()).copied()
            };
            if r.is_none() {
                r = d
                    .cands()
                    .iter()
                    .find_map(|c| by_place.get(&c.place).copied());
            }
            let Some(r) = r else { continue };
            let ref_place = mentions[r].place;
            // (a reading the cue's kind refuses: corroborated, its own reading stands)
            let refused = d.group.is_some()
                && d.cands().iter().any(|c| c.place == ref_place)
                && !self.cue_allows(py, &d, ref_place)?;
            if refused || self.feature_over_settlement(py, ref_place, d.place)? {
                d.only = Some(d.nth(0)); // corroborated as a place; its own reading stands
                added.push(d);
                continue;
            }
            if let Some(c) = d.cands().iter().position(|c| c.place == ref_place) {
                let at = d.nth(c);
                let cand = &d.cands.items[at];
                (d.place, d.variant) = (cand.place, cand.variant);
                d.only = Some(at);
                added.push(d);
            }
        }
        if !added.is_empty() {
            mentions.extend(added);
            mentions.sort_by_key(|m| m.start); // stable, as Python's sorted
        }
        Ok(())
    }

    /// `_disambiguate`: among same-name places, the one near the text's other places.
    pub(crate) fn disambiguate(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        mentions: &mut [Rec],
    ) -> PyResult<()> {
        if mentions.len() < 2 {
            return Ok(());
        }
        let margin = self.weights.open_margin;
        let is_open = |m: &Rec| {
            let c = m.cands();
            c.len() > 1 && c[0].rank - c[1].rank < margin
        };
        if !mentions.iter().any(is_open) {
            return Ok(()); // (nothing to choose: no list made)
        }
        let mut undecided: Vec<bool> = mentions.iter().map(is_open).collect();
        let mut open: Vec<usize> = (0..mentions.len()).filter(|&k| undecided[k]).collect();
        if open.is_empty() {
            return Ok(());
        }
        // the district named last before a mention, or right after it ("Talish (Tartar district)")
        // (each mention's district as an index into `districts`, whose first is none)
        let mut districts: Vec<Named> = Vec::new();
        let mut named: Vec<usize> = vec![0; mentions.len()];
        let mut last = 0;
        // (a town just before a mention names its district for that mention only)
        let mut beside: Option<usize> = None;
        for k in 0..mentions.len() {
            named[k] = beside.take().unwrap_or(last);
            if undecided[k] {
                continue;
            }
            let p = self.place_facts(py, mentions[k].place)?;
            if p.kind == "district" || p.kind == "region" {
                districts.push(Named {
                    id: p.id.clone(),
                    region: (p.kind == "region")
                        .then(|| p.anchor_cos.zip(p.anchor.map(|a| a.1)))
                        .flatten(),
                });
                last = districts.len();
                if k > 0 && undecided[k - 1] {
                    let (prev, m) = (&mentions[k - 1], &mentions[k]);
                    let close = m.start as isize - prev.end as isize <= self.weights.parent_gap;
                    // (no text between where they overlap, as no characters were)
                    if close
                        || self.parent_after(py, cx.s.get(prev.bytes.1..m.bytes.0).unwrap_or(""))?
                    {
                        named[k - 1] = last;
                    }
                }
            } else if (p.kind == "city" || p.kind == "town") && !p.parent.is_empty() {
                // a town in brackets right after a name, or right before it, names the
                // name's district: "Sofulu (Qazax)", "Cəbrayıldakı Sofulu kəndi"
                let (sb, eb) = mentions[k].bytes;
                let bracketed = k > 0
                    && undecided[k - 1]
                    && cx.s[mentions[k - 1].bytes.1..sb].trim_matches(is_space) == "(";
                let before = k + 1 < mentions.len()
                    && undecided[k + 1]
                    && &cx.s[eb..mentions[k + 1].bytes.0] == " ";
                if bracketed || before {
                    districts.push(Named {
                        id: p.parent.clone(),
                        region: None,
                    });
                    if bracketed {
                        named[k - 1] = districts.len();
                    }
                    if before {
                        beside = Some(districts.len());
                    }
                }
            }
        }
        let district = |at: usize| (at > 0).then(|| &districts[at - 1]);
        let mut anchors = Anchors::default();
        for k in 0..mentions.len() {
            if !undecided[k] {
                // (a region's point says little of where in it the text is: Karabakh's lies
                // by Khojavend, and "Karabakh" drew the Martuni of a text about Gegharkunik
                // there; it counts only for the mentions it is the named parent of, `choose`)
                let p = self.place_facts(py, mentions[k].place)?;
                if let (Some(a), false) = (p.anchor, p.kind == "region") {
                    anchors.add(a);
                }
            }
        }
        if anchors.list.is_empty() && last == 0 && open.len() < 2 {
            return Ok(());
        }
        // a river or mountain the text has named is what a later form of the same name means
        let mut features: FxMap<String, i64> = FxMap::default();
        for k in 0..mentions.len() {
            if undecided[k] {
                continue;
            }
            let kind = self.place_facts(py, mentions[k].place)?;
            if kind.feature {
                features
                    .entry(mentions[k].folded_first_word().into_owned())
                    .or_insert(mentions[k].place);
            }
        }
        for &k in &open {
            if features.is_empty() {
                break;
            }
            let word = mentions[k].folded_first_word().into_owned();
            let mut same: FxSet<i64> = FxSet::default();
            if let Some(&p) = features.get(&word) {
                same.insert(p);
            }
            for lemma in self.lemmas_of(py, &word)? {
                if let Some(&p) = features.get(&lemma) {
                    same.insert(p);
                }
            }
            if same.is_empty() {
                continue;
            }
            // (a cue of another kind keeps its reading: "село Воротан" after a bare
            // "Воротан" that was the river)
            let mut found = None;
            for (x, c) in mentions[k].cands().iter().enumerate() {
                if same.contains(&c.place) && self.cue_allows(py, &mentions[k], c.place)? {
                    found = Some(x);
                    break;
                }
            }
            let m = &mut mentions[k];
            if let Some(c) = found {
                let cand = &m.cands.items[m.nth(c)];
                (m.place, m.variant) = (cand.place, cand.variant);
                undecided[k] = false;
            }
        }
        open.retain(|&k| undecided[k]);
        let mut nearest: FxMap<i64, f64> = FxMap::default();
        for &k in &open {
            self.choose(
                py,
                &mut mentions[k],
                &anchors,
                &mut nearest,
                district(named[k]),
                None,
            )?;
        }
        if open.len() > 1 {
            // same-name villages close together in the text lie close together
            let window = self.weights.neighbour_window as isize;
            let starts: Vec<isize> = open.iter().map(|&k| mentions[k].start as isize).collect();
            let folded: Vec<String> = open
                .iter()
                .map(|&k| mentions[k].folded().into_owned())
                .collect();
            for (x, &k) in open.iter().enumerate() {
                let lo = starts.partition_point(|&s| s < starts[x] - window);
                let hi = starts.partition_point(|&s| s <= starts[x] + window);
                let mut near = Anchors::default();
                for y in lo..hi {
                    if y != x && folded[y] != folded[x] {
                        if let Some(a) = self.place_anchor(py, mentions[open[y]].place)? {
                            if !anchors.contains(a) {
                                near.add(a);
                            }
                        }
                    }
                }
                if !near.list.is_empty() {
                    let parent = district(named[k]);
                    self.choose(
                        py,
                        &mut mentions[k],
                        &anchors,
                        &mut nearest,
                        parent,
                        Some(&near),
                    )?;
                }
            }
        }
        Ok(())
    }

    /// After the passes: a mention whose name has other readings turns, whatever its rank
    /// or the distances chose, to the one the text's other places crowd round: at least
    /// `CROWD_ANCHORS` of them within `CROWD_KM` of it (`CROWD_TOWN_ANCHORS` of a town's or
    /// a city's), and none within `CROWD_FAR_KM` of
    /// the reading it had. (The anchors are the text's other names' places, never those
    /// of the mention's own name; a mention a cue or one sense settled keeps its place, and
    /// only places with an anchor, no river, lake or mountain, take part.)
    pub(crate) fn crowded_readings(
        &mut self,
        py: Python<'_>,
        mentions: &mut [Rec],
    ) -> PyResult<()> {
        let n = mentions.len();
        let fewest = self
            .weights
            .crowd_anchors
            .min(self.weights.crowd_town_anchors);
        if n <= fewest {
            return Ok(());
        }
        let open = |m: &Rec| m.cands().len() > 1 && m.cue.is_none() && m.only.is_none();
        if !mentions.iter().any(open) {
            return Ok(());
        }
        let mut turns: Vec<(usize, i64, i64)> = Vec::new();
        {
            let names: Vec<std::borrow::Cow<'_, str>> =
                mentions.iter().map(|m| m.folded()).collect();
            // the text's distinct anchors (a long text names a few hundred places thousands
            // of times): the first mention whose place it anchors, and whether the place of
            // a mention of another name shares it
            // (found by a table in a long text, by a look along the list in a short one)
            let mut index: FxMap<(u64, u64), usize> = FxMap::default();
            let mut bits: Vec<(u64, u64)> = Vec::with_capacity(n.min(SHORT_TEXT));
            let mut anchors: Vec<(LatCos, f64, usize, bool)> =
                Vec::with_capacity(n.min(SHORT_TEXT));
            for (x, m) in mentions.iter().enumerate() {
                let p = self.place_facts(py, m.place)?;
                let (Some((lat, lon)), Some(c)) = (p.anchor, p.anchor_cos) else {
                    continue;
                };
                let b = (lat.to_bits(), lon.to_bits());
                let found = if n > SHORT_TEXT {
                    index.get(&b).copied()
                } else {
                    bits.iter().position(|&y| y == b)
                };
                match found {
                    Some(at) => {
                        let a = &mut anchors[at];
                        a.3 |= names[a.2] != names[x];
                    }
                    None => {
                        if n > SHORT_TEXT {
                            index.insert(b, anchors.len());
                        } else {
                            bits.push(b);
                        }
                        anchors.push((c, lon, x, false));
                    }
                }
            }
            if anchors.len() < fewest {
                return Ok(());
            }
            // an anchor a name other than `name` gives
            let other = |a: &(LatCos, f64, usize, bool), name: &str| a.3 || names[a.2] != name;
            let far = self.weights.crowd_far_km;
            // (name, place it has) -> the reading it turns to: the same for every mention
            let mut decided: FxMap<(&str, i64), Option<(i64, i64)>> = FxMap::default();
            for k in 0..n {
                // (a cue or one sense settled it; a river, lake or mountain has no anchor to
                // be far from)
                let m = &mentions[k];
                if !open(m) {
                    continue;
                }
                let (had, name) = (m.place, &*names[k]);
                if let Some(t) = decided.get(&(name, had)).filter(|_| n > SHORT_TEXT) {
                    if let Some((place, variant)) = *t {
                        turns.push((k, place, variant));
                    }
                    continue;
                }
                let p = self.place_facts(py, had)?;
                let mut turn = None;
                // another name's place within CROWD_FAR_KM of the reading it has: it stays
                // (the common case, found in a step or two)
                let stays = p.anchor.is_none()
                    || anchors.iter().any(|a| {
                        other(a, name) && self.distances.within_km(p.lat_cos, p.lon, a.0, a.1, far)
                    });
                if !stays {
                    let was_village = p.village;
                    for c in m.cands() {
                        if c.place == had {
                            continue;
                        }
                        let q = self.place_facts(py, c.place)?;
                        let village = q.village;
                        if q.anchor.is_none() || (village && !was_village) {
                            continue; // (nor does a town become a village of its name by nearness)
                        }
                        // the distinct anchors of the text's other names within CROWD_KM of it
                        let close = anchors
                            .iter()
                            .filter(|a| {
                                other(a, name)
                                    && self.distances.within_km(
                                        q.lat_cos,
                                        q.lon,
                                        a.0,
                                        a.1,
                                        self.weights.crowd_km,
                                    )
                            })
                            .count();
                        let needed = if village {
                            self.weights.crowd_anchors
                        } else {
                            self.weights.crowd_town_anchors
                        };
                        if close >= needed {
                            turn = Some((c.place, c.variant));
                            break;
                        }
                    }
                }
                if n > SHORT_TEXT {
                    decided.insert((name, had), turn);
                }
                if let Some((place, variant)) = turn {
                    turns.push((k, place, variant));
                }
            }
        }
        self.turn(
            mentions,
            turns,
            "the text's other places crowd round another reading of the name, none near the one it had",
        );
        Ok(())
    }

    /// After the crowd: a mention whose name has other readings turns to the one that lies
    /// within `NEAR_SURE_KM` of a place the text names without doubt (a name with one
    /// reading only, by its anchor; a lake by its centre; not a region or country), when
    /// the reading it had lies more than `NEAR_SURE_FAR_KM` from every such place and
    /// outranked the near one by at most `NEAR_SURE_MARGIN` ("Əhmədbəyli" beside Horadiz
    /// and Füzuli is Fuzuli's village, not Saatly's town). A town or city becomes a village
    /// of its name so only with a cue beside it (the cue fitted the village reading too). The sure places are the text's
    /// other names'; a mention one sense settled keeps its place. Linear in the text: the
    /// sure places are kept distinct, and a long text decides a name and reading once.
    pub(crate) fn near_sure_places(
        &mut self,
        py: Python<'_>,
        mentions: &mut [Rec],
    ) -> PyResult<()> {
        let n = mentions.len();
        if n < 2 {
            return Ok(());
        }
        let open = |m: &Rec| m.cands().len() > 1 && m.only.is_none();
        if !mentions.iter().any(open) {
            return Ok(());
        }
        let mut turns: Vec<(usize, i64, i64)> = Vec::new();
        {
            // the names, folded when first asked (most mentions are never asked)
            let mut names: Vec<Option<std::borrow::Cow<'_, str>>> = vec![None; n];
            // the distinct sure places (by place): (latitude, longitude, first mention,
            // named by a second name too)
            let mut index: FxMap<i64, usize> = FxMap::default();
            let mut sure: Vec<(LatCos, f64, usize, bool)> = Vec::new();
            for (x, m) in mentions.iter().enumerate() {
                if m.cands().len() != 1 {
                    continue;
                }
                // (found by a table in a long text, by a look along the list in a short one)
                let found = if n > SHORT_TEXT {
                    index.get(&m.place).copied()
                } else {
                    sure.iter().position(|a| mentions[a.2].place == m.place)
                };
                if let Some(at) = found {
                    let a = &mut sure[at];
                    if !a.3 {
                        let first = names[a.2].get_or_insert_with(|| mentions[a.2].folded());
                        a.3 = **first != *m.folded();
                    }
                    continue;
                }
                let p = self.place_facts(py, m.place)?;
                let point = match (p.anchor, p.anchor_cos) {
                    _ if p.kind == "region" => None,
                    (Some((_, lon)), Some(c)) => Some((c, lon)),
                    _ if p.kind == "lake" => Some((p.lat_cos, p.lon)),
                    _ => None,
                };
                let Some((c, lon)) = point else { continue };
                if n > SHORT_TEXT {
                    index.insert(m.place, sure.len());
                }
                sure.push((c, lon, x, false));
            }
            if sure.is_empty() {
                return Ok(());
            }
            for &(_, _, x, _) in &sure {
                names[x].get_or_insert_with(|| mentions[x].folded());
            }
            for (k, m) in mentions.iter().enumerate() {
                if open(m) {
                    names[k].get_or_insert_with(|| m.folded());
                }
            }
            let names: Vec<&str> = names.iter().map(|c| c.as_deref().unwrap_or("")).collect();
            let other = |a: &(LatCos, f64, usize, bool), name: &str| a.3 || names[a.2] != name;
            let (near, far) = (self.weights.near_sure_km, self.weights.near_sure_far_km);
            let margin = self.weights.near_sure_margin;
            let mut decided: FxMap<(&str, i64), Option<(i64, i64)>> = FxMap::default();
            for k in 0..n {
                let m = &mentions[k];
                if !open(m) {
                    continue;
                }
                let (had, name) = (m.place, names[k]);
                // (a short text decides again: no table made for a line's few mentions)
                if let Some(t) = decided.get(&(name, had)).filter(|_| n > SHORT_TEXT) {
                    if let Some((place, variant)) = *t {
                        turns.push((k, place, variant));
                    }
                    continue;
                }
                let p = self.place_facts(py, had)?;
                let had_rank = m.cands().iter().find(|c| c.place == had).map(|c| c.rank);
                let mut turn = None;
                // (a river, lake or mountain reading stays: its point is one of many)
                let stays = p.anchor.is_none()
                    || had_rank.is_none()
                    || sure.iter().any(|a| {
                        other(a, name) && self.distances.within_km(p.lat_cos, p.lon, a.0, a.1, far)
                    });
                if !stays {
                    let had_rank = had_rank.unwrap_or_default();
                    // a town or city turns to a village of its name only where a cue stands
                    // beside the name ("Əhmədbəyli kəndlərində"): bare, it is the weightier
                    // (Shamakhi between Goris and Sisian is still the city)
                    let was_village = p.village;
                    let to_village_ok = was_village || m.cue.is_some();
                    let mut best: Option<(f64, i64, i64)> = None;
                    for c in m.cands() {
                        if c.place == had || had_rank - c.rank > margin {
                            continue;
                        }
                        let q = self.place_facts(py, c.place)?;
                        let village = q.village;
                        if q.anchor.is_none()
                            || (village && !to_village_ok)
                            || !self.cue_allows(py, m, c.place)?
                        {
                            continue;
                        }
                        let mut d = f64::INFINITY;
                        for a in sure.iter().filter(|a| other(a, name)) {
                            // (within_km(.., near) then km_from, the distance computed once)
                            if too_far_apart(q.lat_cos, a.0, near) {
                                continue;
                            }
                            let x = self.distances.km_from(q.lat_cos, q.lon, a.0, a.1);
                            if x <= near {
                                d = d.min(x);
                            }
                        }
                        // the nearest reading; of two as near, the better ranked (first)
                        if d <= near && best.is_none_or_less(-d) {
                            best = Some((-d, c.place, c.variant));
                        }
                    }
                    turn = best.map(|(_, place, variant)| (place, variant));
                }
                if n > SHORT_TEXT {
                    decided.insert((name, had), turn);
                }
                if let Some((place, variant)) = turn {
                    turns.push((k, place, variant));
                }
            }
        }
        self.turn(
            mentions,
            turns,
            "another reading of the name lies beside places the text names without doubt, the one it had far from all of them",
        );
        Ok(())
    }

    /// A cue word for a village ("kəndi", "села", "գյուղ") or for a town ("qəsəbəsi",
    /// "посёлок", "ավան") prefers a reading of that kind among same-name places, whatever
    /// the ranks: a town is not called a village ("Bartaz kəndi" is the village where a
    /// settlement Bartaz stands too; "село Тавуш" the village, not the town Tovuz whose
    /// Armenian name it is). Of several such readings, the one nearest the text's other
    /// places. A plural cue over a list ("Gədəbəy və Daşkəsən kəndlərində") is looser: a
    /// town among villages keeps its reading unless it lies in a country none of the list's
    /// other names (the same cue, within `NEIGHBOUR_WINDOW` characters) is in and the other
    /// kind in one of theirs (Tovuz, Azerbaijan, in a list of Armenian villages is the
    /// village Tavush). The
    /// kinds of the cue words are language data (`lang/<code>/village_cue_stems.txt`,
    /// `town_cue_stems.txt`); the mention is settled.
    pub(crate) fn cue_kinds(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        mentions: &mut [Rec],
    ) -> PyResult<()> {
        let mut turns = Vec::new();
        // the other names' places (made at the first mention that asks)
        let mut anchors: Option<Vec<OtherPlace>> = None;
        for k in 0..mentions.len() {
            let m = &mentions[k];
            let Some(cue) = m.cue.as_deref() else {
                continue;
            };
            if m.cands().len() < 2 {
                continue;
            }
            // (a name with a case ending before its cue word owns the cue's noun: "Hocavend'deki
            // köylerde", "Xocavəndin kəndləri" are a district's or town's villages, not a
            // village of its name; a name in apposition to a following cue is bare)
            if m.method == "inflection"
                && cx
                    .s
                    .get(m.bytes.1..)
                    .is_some_and(|after| after.trim_start_matches([' ', '\u{a0}']).starts_with(cue))
            {
                continue;
            }
            let cue = cue.to_lowercase();
            let village = begins_with_any(&cue, &self.tables.village_cue_stems);
            if !village && !begins_with_any(&cue, &self.tables.town_cue_stems) {
                continue;
            }
            let fits = |p: &PlaceFacts| if village { p.village } else { p.kind == "town" };
            if fits(&*self.place_facts(py, m.place)?) {
                continue;
            }
            // (a town cue keeps the name in its country: "İstisu kasabası" is no Jermuk)
            let country = self.place_facts(py, m.place)?.country.clone();
            let mut fitting = Vec::new();
            for (x, c) in m.cands().iter().enumerate() {
                let q = self.place_facts(py, c.place)?;
                if fits(&q) && (village || q.country == country) {
                    fitting.push(x);
                }
            }
            if fitting.is_empty() {
                continue;
            }
            if anchors.is_none() {
                let mut list = Vec::new();
                for o in mentions.iter() {
                    list.push(OtherPlace {
                        name: o.folded().into_owned(),
                        anchor: self.place_anchor(py, o.place)?,
                        country: self.place_facts(py, o.place)?.country.clone(),
                        cue: o.cue.clone(),
                        start: o.start,
                    });
                }
                anchors = Some(list);
            }
            let name = m.folded();
            let mut others = Anchors::default();
            for o in anchors.as_deref().unwrap_or_default() {
                if *o.name != *name {
                    if let Some(a) = o.anchor {
                        others.add(a);
                    }
                }
            }
            let mut best = (f64::INFINITY, fitting[0]);
            if !others.list.is_empty() {
                for &x in &fitting {
                    let d = self.nearest_km(py, m.cands()[x].place, &others)?;
                    if d < best.0 {
                        best = (d, x);
                    }
                }
            }
            // (a reading of the cue's kind much farther from the text's other places than
            // the one it had is not the place meant: a city's old name as a village)
            if !others.list.is_empty()
                && best.0
                    > self.nearest_km(py, m.place, &others)? + self.weights.cue_kind_farther_km
            {
                continue;
            }
            if self.plural(py, &cue)? {
                // (the list's other names: the same cue, within NEIGHBOUR_WINDOW characters)
                let window = self.weights.neighbour_window;
                let mut mates: FxSet<&str> = FxSet::default();
                for o in anchors.as_deref().unwrap_or_default() {
                    if o.name != *name
                        && o.cue.as_deref() == m.cue.as_deref()
                        && o.start.abs_diff(m.start) <= window
                    {
                        mates.insert(&o.country);
                    }
                }
                let had = self.place_facts(py, m.place)?;
                let to = self.place_facts(py, m.cands()[best.1].place)?;
                // (a cue with no other name beside it is one name's: "села Тавуш" is also
                // a singular genitive)
                if !mates.is_empty()
                    && (mates.contains(had.country.as_str())
                        || !mates.contains(to.country.as_str()))
                {
                    continue;
                }
            }
            let m = &mut mentions[k];
            let at = m.nth(best.1);
            m.only = Some(at);
            let cand = &m.cands.items[at];
            turns.push((k, cand.place, cand.variant));
        }
        self.turn(
            mentions,
            turns,
            "the cue names a village (or a town), and a reading of that kind exists",
        );
        Ok(())
    }

    /// A district named right before a name, a space between ("Tovuz rayonunun Ağdam
    /// kəndinin", "Газахского района Баганис"), or right after it, a preposition between
    /// ("Aghdam in Tovuz district", "Агдам Товузского района", "Сос в Ходжавендском
    /// районе"), or a district or town named before it with a word of belonging between
    /// ("Tovuz'a bağlı Ağdam köyü"; `lang/<code>/parent_links.txt`), is the name's parent:
    /// the name's reading in that district wins whatever the ranks (a town Aghdam outranks
    /// Tovuz's village Ağdam by far, and ranks alone leave no reading open to the
    /// distances). The mention is settled, and the mentions so placed are returned (in
    /// order): one sense carries the reading to the name's other mentions.
    pub(crate) fn named_parents(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        mentions: &mut [Rec],
    ) -> PyResult<Vec<usize>> {
        let mut turns = Vec::new();
        let mut placed = Vec::new();
        let n = mentions.len();
        // (the longest link in characters, counted once a text, not once a gap)
        let longest = self
            .tables
            .parent_links
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        for k in 0..n {
            let m = &mentions[k];
            if m.cands.items.len() < 2 {
                continue;
            }
            let mut parent: Option<String> = None;
            if k > 0 {
                let prev = &mentions[k - 1];
                if let Some(gap) = cx.s.get(prev.bytes.1..m.bytes.0) {
                    let linked = gap.starts_with(' ')
                        && gap.ends_with(' ')
                        && !self.tables.parent_links.is_empty()
                        && {
                            // (lowering never makes a word fewer characters: a gap longer
                            // than every link is none, and is not lowered; a character is
                            // one to four bytes, so the bytes settle most gaps uncounted)
                            let word = gap.trim_matches(is_space);
                            let short = match word.len() {
                                b if b <= longest => true,
                                b if b > 4 * longest => false,
                                _ => word.chars().nth(longest).is_none(),
                            };
                            short && self.tables.parent_links.contains(&word.to_lowercase())
                        };
                    if gap == " " || linked {
                        let p = self.place_facts(py, prev.place)?;
                        if p.kind == "district" {
                            parent = Some(p.id.clone());
                        } else if linked
                            && (p.kind == "city" || p.kind == "town")
                            && !p.parent.is_empty()
                        {
                            parent = Some(p.parent.clone());
                        }
                    }
                }
            }
            if parent.is_none() && k + 1 < n {
                let next = &mentions[k + 1];
                if let Some(gap) = cx.s.get(m.bytes.1..next.bytes.0) {
                    // (the length first: the gap to the next mention is mostly a clause
                    // or more, which the characters' test would read through)
                    if gap.len() < 12 && !gap.contains([',', '(', '\n']) {
                        let p = self.place_facts(py, next.place)?;
                        if p.kind == "district" && (gap == " " || self.parent_after(py, gap)?) {
                            parent = Some(p.id.clone());
                        }
                    }
                }
            }
            let Some(parent) = parent else { continue };
            let m = &mentions[k];
            let mut found = None;
            for (x, c) in m.cands.items.iter().enumerate() {
                if self.place_facts(py, c.place)?.parent == parent
                    && self.cue_allows(py, m, c.place)?
                {
                    found = Some(x);
                    break;
                }
            }
            let Some(at) = found else { continue };
            let m = &mut mentions[k];
            m.only = Some(at);
            placed.push(k);
            let cand = &m.cands.items[at];
            if cand.place != m.place {
                turns.push((k, cand.place, cand.variant));
            }
        }
        self.turn(
            mentions,
            turns,
            "the district named beside it is its parent",
        );
        Ok(placed)
    }

    /// Mention `k` of each turn takes the reading (place, variant) a pass chose, and
    /// `--explain` hears why (`reason`).
    fn turn(&mut self, mentions: &mut [Rec], turns: Vec<(usize, i64, i64)>, reason: &'static str) {
        for (k, place, variant) in turns {
            let m = &mut mentions[k];
            (m.place, m.variant) = (place, variant);
            if let Some(out) = self.explained.as_mut() {
                out.push(super::engine::Explained {
                    start: m.start,
                    end: m.end,
                    verdict: "turned",
                    reason,
                });
            }
        }
    }

    /// `_PARENT_AFTER.fullmatch(between)`, asked of Python (a case-insensitive regex) of
    /// the text between two mentions, cut at their byte offsets (`Rec::bytes`; counting
    /// code points from the text's start read a CLI piece of 256K characters up to the
    /// mention at each ask).
    fn parent_after(&self, py: Python<'_>, between: &str) -> PyResult<bool> {
        self.host
            .parent_after
            .bind(py)
            .call1((between,))?
            .is_truthy()
    }

    /// `_nearest`: km from a place to the closest anchor (FAR_KM when none is closer).
    fn nearest_km(&mut self, py: Python<'_>, place: i64, anchors: &Anchors) -> PyResult<f64> {
        let p = self.place_facts(py, place)?;
        let mut d = self.weights.far_km;
        for &(a0, a1) in &anchors.list {
            // (an anchor whose latitude alone lies further than the nearest so far is
            // not nearer: its distance is not computed)
            if !may_be_within(p.lat_cos, a0, d) {
                continue;
            }
            let x = self.distances.km_from(p.lat_cos, p.lon, a0, a1);
            if x < d {
                d = x;
            }
        }
        Ok(d)
    }

    /// `_choose`: the reading with the best rank less distance to the anchors (and the
    /// `extra` ones), a rank point per KM_PER_RANK km (a river's at most RIVER_KM); a bonus
    /// in the district named.
    fn choose(
        &mut self,
        py: Python<'_>,
        m: &mut Rec,
        anchors: &Anchors,
        nearest: &mut FxMap<i64, f64>,
        parent: Option<&Named>,
        extra: Option<&Anchors>,
    ) -> PyResult<()> {
        // (the named parent region's point is an anchor for this mention only)
        let region = parent.and_then(|r| r.region);
        let mut best: Option<(f64, i64, i64)> = None;
        let cands: Vec<(i64, i64, f64)> = m
            .cands()
            .iter()
            .map(|c| (c.place, c.variant, c.rank))
            .collect();
        for (place, variant, rank) in cands {
            if !self.cue_allows(py, m, place)? {
                continue; // (the cue's kind bounds the choice)
            }
            let mut d = match nearest.get(&place) {
                Some(&d) => d,
                None => {
                    let d = self.nearest_km(py, place, anchors)?;
                    nearest.insert(place, d);
                    d
                }
            };
            if let Some(extra) = extra {
                d = d.min(self.nearest_km(py, place, extra)?);
            }
            let p = self.place_facts(py, place)?;
            if let Some((a0, a1)) = region {
                d = d.min(self.distances.km_from(p.lat_cos, p.lon, a0, a1));
            }
            if p.kind == "river" {
                // (its point is one end of its course, which may pass the text's places)
                d = d.min(self.weights.river_km);
            }
            let mut score = rank - d / self.weights.km_per_rank;
            if parent.is_some_and(|r| p.parent == r.id) {
                score += self.weights.parent_district_bonus;
            }
            if best.is_none_or_less(score) {
                best = Some((score, place, variant));
            }
        }
        if let Some((_, place, variant)) = best {
            (m.place, m.variant) = (place, variant);
        }
        Ok(())
    }

    /// A reading as a Python `Ranked`: the one Python's ranking made, or a new one.
    fn ranked<'py>(&self, py: Python<'py>, c: &Cand) -> PyResult<Bound<'py, PyAny>> {
        match &c.obj {
            Some(o) => Ok(o.bind(py).clone()),
            None => self
                .host
                .ranked
                .bind(py)
                .call1((c.place, c.variant, c.rank)),
        }
    }

    /// The Python `Mention` records of the engine's own.
    pub(crate) fn to_python<'py>(
        &self,
        py: Python<'py>,
        recs: &[Rec],
    ) -> PyResult<Bound<'py, PyList>> {
        let mention = self.host.mention.bind(py);
        let out = PyList::empty(py);
        for m in recs {
            let cands = match (m.only, &m.cands.tuple) {
                (None, Some(t)) => t.bind(py).clone(),
                (None, None) => {
                    let items = m.cands.items.iter().map(|c| self.ranked(py, c));
                    PyTuple::new(py, items.collect::<PyResult<Vec<_>>>()?)?.into_any()
                }
                (Some(k), _) => PyTuple::new(py, [self.ranked(py, &m.cands.items[k])?])?.into_any(),
            };
            let score = if m.method == "folded" {
                &self.tables.score_folded
            } else {
                &self.tables.score_inflection
            };
            out.append(mention.call1((
                m.start,
                m.end,
                m.surface.as_str(),
                m.place,
                m.variant,
                m.method,
                score.bind(py),
                m.cue.as_deref(),
                m.suffix.as_str(),
                cands,
            ))?)?;
        }
        Ok(out)
    }
}

/// A parent the text names for a mention (`disambiguate`): a district's or region's id,
/// and a region's point prepared as an anchor (for that mention only).
struct Named {
    id: String,
    region: Option<(LatCos, f64)>,
}

/// `best is None or score > best[0]`
trait Better {
    fn is_none_or_less(&self, score: f64) -> bool;
}

impl Better for Option<(f64, i64, i64)> {
    fn is_none_or_less(&self, score: f64) -> bool {
        match self {
            None => true,
            Some((b, _, _)) => score > *b,
        }
    }
}
