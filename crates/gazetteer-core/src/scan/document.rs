//! The passes over a whole text (`gazetteer.scan.document.DocumentPasses`): one sense per
//! text (`_one_sense`), and same-name disambiguation by distance to the text's other
//! places (`_disambiguate`, `_choose`, `_nearest`), on the engine's own mention records;
//! the Python `Mention` records are made once, at the end.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use super::engine::{Engine, Words};
use super::fxhash::{FxMap, FxSet};
use super::geo::{km_from, may_be_within, too_far_apart, within_km, LatCos};
use super::pytext::is_space;

/// One same-name reading of a mention (`Ranked`): place, variant, rank, the Python record.
pub(crate) struct Cand {
    pub place: i64,
    pub variant: i64,
    pub rank: f64,
    pub obj: Py<PyAny>,
}

/// The readings of a span as `Vocabulary.ranking` gives them: the Python tuple and its items.
pub(crate) struct Cands {
    pub tuple: Py<PyAny>,
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
    pub(crate) fn place_facts(&mut self, py: Python<'_>, i: i64) -> PyResult<Arc<PlaceFacts>> {
        if let Some(p) = self.places.get(i) {
            return Ok(p.clone());
        }
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

    /// `_one_sense`: a name that a cue settled once keeps that place; a deferred mention
    /// whose name or place the text settled joins the mentions.
    pub(crate) fn one_sense(
        &mut self,
        py: Python<'_>,
        mentions: &mut Vec<Rec>,
        deferred: Vec<Rec>,
    ) -> PyResult<()> {
        let mut by_text: FxMap<String, usize> = FxMap::default();
        // (the first mention of each place: asked only of deferred mentions)
        let mut by_place: FxMap<i64, usize> = FxMap::default();
        if !deferred.is_empty() {
            by_place.reserve(mentions.len());
        }
        for (k, m) in mentions.iter().enumerate() {
            if m.cue.is_some() {
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
            if mentions[k].cue.is_some() || by_text.is_empty() {
                continue;
            }
            let Some(&r) = by_text.get(&*mentions[k].folded()) else {
                continue;
            };
            let ref_place = mentions[r].place;
            if self.feature_over_settlement(py, ref_place, mentions[k].place)? {
                continue;
            }
            let m = &mut mentions[k];
            if let Some(c) = m.cands().iter().position(|c| c.place == ref_place) {
                let at = m.nth(c);
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
            if self.feature_over_settlement(py, ref_place, d.place)? {
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

    /// `_disambiguate`: among same-name places, the one near the text's other places; then
    /// the one the same sentence names a district of, or lies beside (`named_beside`).
    pub(crate) fn disambiguate(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        mentions: &mut [Rec],
    ) -> PyResult<()> {
        self.by_distance(py, cx, mentions)?;
        self.named_beside(py, cx, mentions)
    }

    /// Among same-name places, the one near the text's other places.
    fn by_distance(
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
        let mut districts: Vec<Arc<PlaceFacts>> = Vec::new();
        let mut named: Vec<usize> = vec![0; mentions.len()];
        let mut last = 0;
        for k in 0..mentions.len() {
            named[k] = last;
            if undecided[k] {
                continue;
            }
            let p = self.place_facts(py, mentions[k].place)?;
            if p.kind == "district" || p.kind == "region" {
                districts.push(p);
                last = districts.len();
                if k > 0 && undecided[k - 1] {
                    let (prev_end, start) = (mentions[k - 1].end, mentions[k].start);
                    let close = start as isize - prev_end as isize <= self.weights.parent_gap;
                    if close || self.parent_after(py, cx, prev_end, start)? {
                        named[k - 1] = last;
                    }
                }
            }
        }
        let district = |at: usize| {
            if at == 0 {
                ""
            } else {
                districts[at - 1].id.as_str()
            }
        };
        let mut anchors = Anchors::default();
        for k in 0..mentions.len() {
            if !undecided[k] {
                if let Some(a) = self.place_anchor(py, mentions[k].place)? {
                    anchors.add(a);
                }
            }
        }
        if anchors.list.is_empty() && district(last).is_empty() && open.len() < 2 {
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
            let m = &mut mentions[k];
            if let Some(c) = m.cands().iter().position(|c| same.contains(&c.place)) {
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
    /// `CROWD_ANCHORS` of them within `CROWD_KM` of it, and none within `CROWD_FAR_KM` of
    /// the reading it had. (The anchors are the text's other names' places, never those
    /// of the mention's own name; a mention a cue or one sense settled keeps its place, and
    /// only places with an anchor, no river, lake or mountain, take part.)
    pub(crate) fn crowded_readings(
        &mut self,
        py: Python<'_>,
        mentions: &mut [Rec],
    ) -> PyResult<()> {
        let n = mentions.len();
        if n <= self.weights.crowd_anchors {
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
            if anchors.len() < self.weights.crowd_anchors {
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
                    || anchors
                        .iter()
                        .any(|a| other(a, name) && within_km(p.lat_cos, p.lon, a.0, a.1, far));
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
                                    && within_km(q.lat_cos, q.lon, a.0, a.1, self.weights.crowd_km)
                            })
                            .count();
                        if close >= self.weights.crowd_anchors {
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
                    || sure
                        .iter()
                        .any(|a| other(a, name) && within_km(p.lat_cos, p.lon, a.0, a.1, far));
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
                        if q.anchor.is_none() || (village && !to_village_ok) {
                            continue;
                        }
                        let mut d = f64::INFINITY;
                        for a in sure.iter().filter(|a| other(a, name)) {
                            // (within_km(.., near) then km_from, the distance computed once)
                            if too_far_apart(q.lat_cos, a.0, near) {
                                continue;
                            }
                            let x = km_from(q.lat_cos, q.lon, a.0, a.1);
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

    /// A name with several readings and what its own sentence says of it: the district or
    /// province the sentence names nearest to it (within `NAMED_REACH` characters) holds
    /// one of its readings, the reading it had is elsewhere, and is outranked by at most
    /// `NAMED_MARGIN` ("Tatar kəndi Zəngilan rayonunun", "Агдама — того, что в Товузском
    /// районе"): it turns to that reading, even where a cue or one sense chose; with no
    /// district named, a place the sentence names without doubt lies within
    /// `SENTENCE_NEAR_KM` of another reading and beyond `SENTENCE_FAR_KM` of the one it
    /// had ("Чардахлы под Гянджой"): it turns so, as `near_sure_places` turns on the whole
    /// text's places. A reading turned so is settled (later passes keep it).
    fn named_beside(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        mentions: &mut [Rec],
    ) -> PyResult<()> {
        let n = mentions.len();
        if n < 2 || !mentions.iter().any(|m| m.cands.items.len() > 1) {
            return Ok(());
        }
        let w = beside_weights(py)?;
        let generic = generic_words(py)?;
        // the sentence of each mention: a sentence ends between two mentions
        // does a sentence end between mentions x and x + 1? (read only where asked)
        let ends = |x: usize| {
            let (a, b) = (mentions[x].bytes.1, mentions[x + 1].bytes.0);
            a < b && b <= cx.s.len() && ends_sentence(&cx.s[a..b])
        };
        // what each mention near a name with several readings tells (`beside_facts`),
        // found when first asked
        let mut facts: Vec<Option<BesideFacts>> = vec![None; n];
        let gap = |x: &Rec, y: &Rec| {
            if y.start >= x.end {
                y.start - x.end
            } else {
                x.start.saturating_sub(y.end)
            }
        };
        // (mention, reading, why it turned (None: it keeps its reading), settled so)
        let mut turns: Vec<(usize, usize, Option<&'static str>, bool)> = Vec::new();
        for k in 0..n {
            let m = &mentions[k];
            if m.cands.items.len() < 2 {
                continue;
            }
            // the mentions of its sentence within reach
            let (mut lo, mut hi) = (k, k + 1);
            while lo > 0 && gap(m, &mentions[lo - 1]) <= w.reach && !ends(lo - 1) {
                lo -= 1;
            }
            while hi < n && gap(m, &mentions[hi]) <= w.reach && !ends(hi - 1) {
                hi += 1;
            }
            if hi - lo < 2 {
                continue;
            }
            for x in lo..hi {
                if facts[x].is_none() {
                    facts[x] = Some(self.beside_facts(py, &mentions[x])?);
                }
            }
            let district = |x: usize| facts[x].as_ref().and_then(|f| f.district.as_deref());
            let sure = |x: usize| facts[x].as_ref().and_then(|f| f.sure);
            if district(k).is_some() {
                continue;
            }
            let had = self.place_facts(py, m.place)?;
            let had_rank = m
                .cands
                .items
                .iter()
                .find(|c| c.place == m.place)
                .map_or(m.cands.items[0].rank, |c| c.rank);
            // the kinds a generic word right beside the name names ("Xocavənd kəndində": a
            // village; "Laçın şəhərində": a city or town)
            let kinds = self.generic_kinds(py, cx, m, had.village, generic)?;
            // (a city and a town are one: the table's kinds and the words draw the line apart)
            let town = |k: &str| k == "city" || k == "town";
            let fits = |kind: &str| {
                kinds.map_or(true, |ks| {
                    ks.iter().any(|x| x == kind || (town(x) && town(kind)))
                })
            };
            let named = (lo..hi)
                .filter(|&x| district(x).is_some())
                .min_by_key(|&x| gap(m, &mentions[x]));
            if let Some(x) = named {
                let id = district(x).unwrap_or_default();
                if had.parent == id && fits(&had.kind) {
                    continue;
                }
                // a town or city becomes a village of its name only where a generic word
                // says so, or the district follows to say which ("Агдама — того, что в
                // Товузском районе"); a district named before may head a list of others
                // ("Кельбаджарского района, а затем Лачинского")
                let to_village_ok = had.village || kinds.is_some() || mentions[x].start >= m.end;
                let mut best: Option<(f64, usize)> = None;
                for (at, c) in m.cands.items.iter().enumerate() {
                    if c.place == m.place || had_rank - c.rank > w.margin {
                        continue;
                    }
                    let q = self.place_facts(py, c.place)?;
                    // (the district names where a settlement lies, not that the name is another district)
                    if q.parent == id
                        && !matches!(q.kind.as_str(), "district" | "region")
                        && fits(&q.kind)
                        && (!q.village || to_village_ok)
                        && best.map_or(true, |(r, _)| c.rank > r)
                    {
                        best = Some((c.rank, at));
                    }
                }
                if let Some((_, at)) = best {
                    turns.push((k, at, Some("the district the same sentence names beside the name holds this reading of it"), true));
                    continue;
                }
            }
            if kinds.is_some() {
                // the readings the word names (the one it had, if it fits, first)
                let (mut fitting, mut best) = (0, None::<(f64, usize)>);
                for (at, c) in m.cands.items.iter().enumerate() {
                    if had_rank - c.rank > w.margin || !fits(&self.place_facts(py, c.place)?.kind) {
                        continue;
                    }
                    fitting += 1;
                    let rank = if c.place == m.place {
                        f64::INFINITY
                    } else {
                        c.rank
                    };
                    if best.map_or(true, |(r, _)| rank > r) {
                        best = Some((rank, at));
                    }
                }
                // one reading fits: settled (later passes keep it); of several, the
                // distances may still choose
                if let Some((_, at)) = best {
                    if m.cands.items[at].place != m.place {
                        let why =
                            "a generic word beside the name names the kind of this reading of it";
                        turns.push((k, at, Some(why), fitting == 1));
                    } else if fitting == 1 {
                        turns.push((k, at, None, true));
                    }
                }
                if fitting == 1 || !fits(&had.kind) {
                    continue;
                }
            }
            if named.is_some() {
                continue;
            }
            if m.only.is_some() || had.anchor.is_none() {
                continue;
            }
            if !(lo..hi).any(|x| x != k && sure(x).is_some()) {
                continue;
            }
            let name = m.folded();
            let points: Vec<(LatCos, f64)> = (lo..hi)
                .filter(|&x| x != k && sure(x).is_some() && *mentions[x].folded() != *name)
                .filter_map(sure)
                .collect();
            if points.is_empty() {
                continue;
            }
            let nearest = |lat_cos: LatCos, lon: f64| {
                points
                    .iter()
                    .map(|a| km_from(lat_cos, lon, a.0, a.1))
                    .fold(f64::INFINITY, f64::min)
            };
            // far from them all, it turns to a reading beside them; near, only to a reading
            // it barely outranks (OPEN_MARGIN) and SENTENCE_CLOSER times nearer (of three
            // Şükürbeyli, "Şükürbeyli ve Cebrail istasyonları" is Jabrayil's)
            let had_km = nearest(had.lat_cos, had.lon);
            let far = had_km > w.far_km;
            // (a town or city becomes a village of its name only with a cue beside it)
            let to_village_ok = had.village || m.cue.is_some();
            let mut best: Option<(f64, usize)> = None;
            for (at, c) in m.cands().iter().enumerate() {
                let margin = if far {
                    self.weights.near_sure_margin
                } else {
                    self.weights.open_margin
                };
                if c.place == m.place || had_rank - c.rank >= margin {
                    continue;
                }
                let q = self.place_facts(py, c.place)?;
                if q.anchor.is_none() || (q.village && !to_village_ok) {
                    continue;
                }
                let d = nearest(q.lat_cos, q.lon);
                let closer = far || d * w.closer < had_km;
                if d <= w.near_km && closer && best.map_or(true, |(b, _)| d < b) {
                    best = Some((d, m.nth(at)));
                }
            }
            if let Some((_, at)) = best {
                turns.push((k, at, Some("a place the same sentence names without doubt lies beside this reading of the name, far from the one it had"), true));
            }
        }
        for (k, at, reason, settle) in turns {
            let (place, variant) = {
                let c = &mentions[k].cands.items[at];
                (c.place, c.variant)
            };
            if let Some(reason) = reason {
                self.turn(&mut mentions[k..k + 1], vec![(0, place, variant)], reason);
            }
            if settle {
                mentions[k].only = Some(at);
            }
        }
        Ok(())
    }

    /// What mention `m` tells the names beside it: the district or province it names, or
    /// the point of a place it names without doubt (one reading; one that leads the next by
    /// OPEN_MARGIN; or one whose runners-up are only districts or regions, as "Cebrail" is
    /// the town or its district).
    fn beside_facts(&mut self, py: Python<'_>, m: &Rec) -> PyResult<BesideFacts> {
        let p = self.place_facts(py, m.place)?;
        if p.kind == "district" || p.kind == "region" {
            return Ok(BesideFacts {
                district: Some(p.id.clone()),
                sure: None,
            });
        }
        let c = m.cands();
        let mut doubtless = c.len() == 1;
        if !doubtless && c[0].place == m.place {
            doubtless = true;
            for o in &c[1..] {
                if c[0].rank - o.rank >= self.weights.open_margin {
                    break;
                }
                let q = self.place_facts(py, o.place)?;
                if !matches!(q.kind.as_str(), "district" | "region") {
                    doubtless = false;
                    break;
                }
            }
        }
        let sure = match (doubtless, p.anchor, p.anchor_cos) {
            (true, Some((_, lon)), Some(lc)) => Some((lc, lon)),
            _ => None,
        };
        Ok(BesideFacts {
            district: None,
            sure,
        })
    }

    /// The kinds of place a generic word right after mention `m` (or, of the words that
    /// stand before a name, right before it) names, read by its lemmas too
    /// (`gazetteer.lang.GENERIC_WORDS`: "kəndində" is a village's; "город", a city's).
    fn generic_kinds(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        m: &Rec,
        had_village: bool,
        generic: &'static FxMap<(String, bool), Vec<String>>,
    ) -> PyResult<Option<&'static [String]>> {
        let (a, b) = m.bytes;
        if b > cx.s.len() || a > b {
            return Ok(None);
        }
        for (word, before) in [
            (word_after(&cx.s[b..]), false),
            (word_before(&cx.s[..a]), true),
        ] {
            let Some(word) = word else { continue };
            // (a plain word whose first letter begins no generic word is not folded)
            if word.is_ascii() && !generic_start(generic, word.as_bytes()) {
                continue;
            }
            let key = crate::fold(word);
            // an abbreviation is one with its full stop ("с. Чардахлы", not "с Физули")
            if key.is_empty() || (key.chars().count() <= 2 && !word.ends_with('.')) {
                continue;
            }
            // "the Tovuz village of Dondar Gushchu": the word heads another name
            if !before && of_follows(&cx.s[b..], word) {
                continue;
            }
            let mut kinds = generic.get(&(key.clone(), before));
            // (the lemmas are asked of Python only of a word a generic word may start)
            if kinds.is_none() && !before && generic_stem(generic, &key) {
                for lemma in self.lemmas_of(py, &key)? {
                    kinds = generic.get(&(lemma, false));
                    if kinds.is_some() {
                        break;
                    }
                }
            }
            let Some(kinds) = kinds else { continue };
            // an English "Tovuz village" is as often a village of Tovuz as the village
            // Tovuz: a word of plain letters after the name makes no town a village
            let village_only = kinds.iter().all(|k| k == "village" || k == "community");
            if !before && word.is_ascii() && !had_village && village_only {
                continue;
            }
            return Ok(Some(kinds));
        }
        Ok(None)
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

    /// `_PARENT_AFTER.fullmatch(text between)`, asked of Python (a case-insensitive regex).
    fn parent_after(
        &self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        from_cp: usize,
        to_cp: usize,
    ) -> PyResult<bool> {
        let between: String =
            cx.s.chars()
                .skip(from_cp)
                .take(to_cp.saturating_sub(from_cp))
                .collect();
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
            let x = km_from(p.lat_cos, p.lon, a0, a1);
            if x < d {
                d = x;
            }
        }
        Ok(d)
    }

    /// `_choose`: the reading with the best rank less distance to the anchors (and the
    /// `extra` ones), a rank point per KM_PER_RANK km; a bonus in the district named.
    fn choose(
        &mut self,
        py: Python<'_>,
        m: &mut Rec,
        anchors: &Anchors,
        nearest: &mut FxMap<i64, f64>,
        parent: &str,
        extra: Option<&Anchors>,
    ) -> PyResult<()> {
        let mut best: Option<(f64, i64, i64)> = None;
        let cands: Vec<(i64, i64, f64)> = m
            .cands()
            .iter()
            .map(|c| (c.place, c.variant, c.rank))
            .collect();
        for (place, variant, rank) in cands {
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
            let mut score = rank - d / self.weights.km_per_rank;
            if !parent.is_empty() && self.place_facts(py, place)?.parent == parent {
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

    /// The Python `Mention` records of the engine's own.
    pub(crate) fn to_python<'py>(
        &self,
        py: Python<'py>,
        recs: &[Rec],
    ) -> PyResult<Bound<'py, PyList>> {
        let mention = self.host.mention.bind(py);
        let out = PyList::empty(py);
        for m in recs {
            let cands = match m.only {
                None => m.cands.tuple.bind(py).clone(),
                Some(k) => PyTuple::new(py, [m.cands.items[k].obj.bind(py)])?.into_any(),
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

/// Does the text between two mentions end a sentence? A full stop before a space or a
/// line's end (not "9.6" nor a name's initial), '!', '?', ';', a line break, the Armenian
/// full stop.
fn ends_sentence(between: &str) -> bool {
    // (on bytes: each mark is ASCII but the Armenian full stop, D6 89)
    let b = between.as_bytes();
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'!' | b'?' | b';' | b'\n' => return true,
            b'.' if b
                .get(k + 1)
                .map_or(true, |&n| n.is_ascii_whitespace() || n >= 0x80) =>
            {
                // (a non-ASCII space after it counts too; a letter after it is no end)
                match between[k + 1..].chars().next() {
                    None => return true,
                    Some(n) if n.is_whitespace() => return true,
                    _ => {}
                }
            }
            0x89 if k > 0 && b[k - 1] == 0xD6 => return true,
            _ => {}
        }
    }
    false
}

/// What a mention tells the names beside it (`Engine::beside_facts`).
#[derive(Clone)]
struct BesideFacts {
    district: Option<String>,
    sure: Option<(LatCos, f64)>,
}

/// The weights of `named_beside` (gazetteer/scan/weights.py), read once a process.
struct BesideWeights {
    reach: usize,
    margin: f64,
    near_km: f64,
    far_km: f64,
    closer: f64,
}

static BESIDE: std::sync::OnceLock<BesideWeights> = std::sync::OnceLock::new();

fn beside_weights(py: Python<'_>) -> PyResult<&'static BesideWeights> {
    if let Some(w) = BESIDE.get() {
        return Ok(w);
    }
    let m = py.import("gazetteer.scan.weights")?;
    let w = BesideWeights {
        reach: m.getattr("NAMED_REACH")?.extract()?,
        margin: m.getattr("NAMED_MARGIN")?.extract()?,
        near_km: m.getattr("SENTENCE_NEAR_KM")?.extract()?,
        far_km: m.getattr("SENTENCE_FAR_KM")?.extract()?,
        closer: m.getattr("SENTENCE_CLOSER")?.extract()?,
    };
    Ok(BESIDE.get_or_init(|| w))
}

/// The word right after a name (past spaces and closing quotes), with a full stop that
/// ends it ("Füzuli r."), or None.
fn word_after(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches(|c: char| c.is_whitespace() || "”\"»’')".contains(c));
    let end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
        .map_or(rest.len(), |(at, _)| at);
    let end = if rest[end..].starts_with('.') {
        end + 1
    } else {
        end
    };
    (end > 0).then(|| &rest[..end])
}

/// The word right before a name (past spaces and opening quotes), with its full stop
/// ("с. Чардахлы"), or None.
fn word_before(s: &str) -> Option<&str> {
    let rest = s.trim_end_matches(|c: char| c.is_whitespace() || "“\"«‘'(".contains(c));
    let start = rest
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-' || c == '.')
        .last()
        .map_or(rest.len(), |(at, _)| at);
    (start < rest.len()).then(|| &rest[start..])
}

/// `gazetteer.lang.GENERIC_WORDS`: (folded generic word, stands before the name) -> the
/// kinds of place it names; read once a process.
static GENERIC: std::sync::OnceLock<FxMap<(String, bool), Vec<String>>> =
    std::sync::OnceLock::new();

fn generic_words(py: Python<'_>) -> PyResult<&'static FxMap<(String, bool), Vec<String>>> {
    if let Some(g) = GENERIC.get() {
        return Ok(g);
    }
    let mut out = FxMap::default();
    let table = py.import("gazetteer.lang")?.getattr("GENERIC_WORDS")?;
    for item in table.call_method0("items")?.try_iter()? {
        let (key, kinds): ((String, bool), std::collections::BTreeSet<String>) = item?.extract()?;
        out.insert(key, kinds.into_iter().collect());
    }
    // and the cue words of a feature (`gazetteer.cues`: "çayı", "nehri", "водохранилище",
    // "գետ"), whose group names its kinds; a settlement's or a place's cue says less than
    // the generic words above
    let cues = py.import("gazetteer.cues")?;
    let groups = cues.getattr("KIND_GROUPS")?;
    for (table, before) in [("SUFFIX_CUES", false), ("PREFIX_CUES", true)] {
        for item in cues.getattr(table)?.call_method0("items")?.try_iter()? {
            let (word, group): (String, String) = item?.extract()?;
            if word.contains(' ')
                || !matches!(group.as_str(), "river" | "water" | "mountain" | "landmark")
            {
                continue;
            }
            let kinds: std::collections::BTreeSet<String> = groups.get_item(&group)?.extract()?;
            out.entry((word, before))
                .or_insert_with(|| kinds.into_iter().collect());
        }
    }
    Ok(GENERIC.get_or_init(|| out))
}

/// Does "of" follow the word right after a name ("the Syunik village of Tegh")?
fn of_follows(after: &str, word: &str) -> bool {
    // (`word` is a slice of `after`: where it ends is known)
    let end = (word.as_ptr() as usize + word.len()).checked_sub(after.as_ptr() as usize);
    end.filter(|&e| e <= after.len() && after.is_char_boundary(e))
        .map(|e| after[e..].trim_start())
        .is_some_and(|rest| {
            let mut c = rest.chars();
            matches!(
                (c.next(), c.next(), c.next()),
                (Some('o' | 'O'), Some('f' | 'F'), Some(w)) if w.is_whitespace()
            )
        })
}

/// Does a generic word that stands after a name begin folded word `key` (so one of the
/// word's lemmas may be it: "kəndində", "գյուղում")?
fn generic_stem(generic: &FxMap<(String, bool), Vec<String>>, key: &str) -> bool {
    static STEMS: std::sync::OnceLock<FxSet<String>> = std::sync::OnceLock::new();
    let stems = STEMS.get_or_init(|| {
        generic
            .keys()
            // (an abbreviation, "r.", "k.", takes no ending)
            .filter(|(w, before)| !before && w.chars().count() >= 3)
            .map(|(w, _)| w.chars().take(3).collect())
            .collect()
    });
    match key.char_indices().nth(3) {
        Some((at, _)) => stems.contains(&key[..at]),
        None => stems.contains(key),
    }
}

/// Can a generic word's fold begin as this plain word begins (its first two letters,
/// lower case)? A word of one or two characters is one only with its full stop ("r.").
fn generic_start(generic: &FxMap<(String, bool), Vec<String>>, word: &[u8]) -> bool {
    static STARTS: std::sync::OnceLock<FxSet<[u8; 2]>> = std::sync::OnceLock::new();
    let starts = STARTS.get_or_init(|| {
        generic
            .keys()
            .filter_map(|(w, _)| match w.as_bytes() {
                [a, b, ..] => Some([*a, *b]),
                _ => None,
            })
            .collect()
    });
    match word {
        [a, b, _, ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            starts.contains(&[a.to_ascii_lowercase(), b.to_ascii_lowercase()])
        }
        // (two letters or one are a generic word only as an abbreviation: "r.", not "in")
        [.., last] => *last == b'.',
        [] => false,
    }
}
