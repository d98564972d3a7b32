//! The candidate generators of `gazetteer lookup`'s loose methods (issue 15: batch lookup at
//! 100,000 names a second): the keys one edit from a query, the names it is with a letter
//! typed twice or two swapped, the region's village names it may be with a letter dropped,
//! and the keys rapidfuzz compares it with.
//!
//! `gazetteer.matcher.Matcher` keeps the Python twin of each (`_edit_index`/`_edit_keys`,
//! `_dropped_index`, `_slip_hits_python`, `_fuzzy_keys_all`). In a batch, `loose_word`
//! strings them together as `match_key`'s loose path does (which readings are kept, by
//! `_closest_edits`), and `match_word` reads the whole of `match_key` for a Latin word; their
//! twins are `Matcher._loose_word_python` and match_key's own lines. Which place wins (the
//! ranks) stays in Python. The Python indexes took about half a second to build in
//! each process and their probes a dictionary lookup for each letter of each misspelt name;
//! here they are built in a few hundredths of a second, once, when the first name reaches
//! the loose methods (a cold one-name lookup never builds them), and held in a few MB: a
//! deletion is held by its hash, not its letters (a candidate it finds is checked letter by
//! letter). tests/test_loose_twin.py holds the compiled and the Python generators equal.

use std::hash::{BuildHasher, BuildHasherDefault};

use crate::scan::fxhash::{FxHasher, FxMap};

/// `key` less its `i`-th code point.
fn without(chars: &[char], i: usize) -> String {
    chars[..i].iter().chain(&chars[i + 1..]).collect()
}

fn hash(s: &str) -> u64 {
    BuildHasherDefault::<FxHasher>::default().hash_one(s)
}

/// Entries sorted by a hash, with a directory by the hash's top bits: a probe reads one
/// directory slot and the few entries after it (a binary search over the whole array
/// missed the cache at each step).
#[derive(Default)]
struct ByHash<T> {
    entries: Vec<(u64, T)>,
    dir: Vec<u32>,
}

const DIR_BITS: u32 = 16;

impl<T: Copy> ByHash<T> {
    /// Sort (stably: the entries of a hash stay in the order pushed) and index.
    fn seal(&mut self) {
        self.entries.sort_by_key(|&(h, _)| h);
        self.entries.shrink_to_fit();
        let slots = 1usize << DIR_BITS;
        let mut dir = vec![0u32; slots + 1];
        let mut at = 0usize;
        for (slot, start) in dir.iter_mut().enumerate() {
            while at < self.entries.len()
                && ((self.entries[at].0 >> (64 - DIR_BITS)) as usize) < slot
            {
                at += 1;
            }
            *start = at as u32;
        }
        self.dir = dir;
    }

    fn get(&self, h: u64) -> impl Iterator<Item = T> + '_ {
        let (a, b) = self.range(h);
        self.in_range(h, a, b)
    }

    /// The entries a hash's directory slot points to (a probe's first load).
    fn range(&self, h: u64) -> (usize, usize) {
        let slot = (h >> (64 - DIR_BITS)) as usize;
        match (self.dir.get(slot), self.dir.get(slot + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        }
    }

    /// The values of hash `h` among the entries `a..b` (from `range(h)`).
    fn in_range(&self, h: u64, a: usize, b: usize) -> impl Iterator<Item = T> + '_ {
        self.entries[a..b]
            .iter()
            .filter(move |&&(x, _)| x == h)
            .map(|&(_, t)| t)
    }
}

/// Is the optimal string alignment distance (rapidfuzz's `OSA`) of `a` and `b`, over code
/// points, at most one: equal, one letter changed, inserted or dropped, or two neighbours
/// swapped?
pub fn osa_within_one(a: &[char], b: &[char]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la == lb {
        let diff: Vec<usize> = (0..la).filter(|&i| a[i] != b[i]).take(3).collect();
        return match diff.as_slice() {
            [] | [_] => true,
            [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
            _ => false,
        };
    }
    let (short, long) = if la < lb { (a, b) } else { (b, a) };
    if long.len() - short.len() != 1 {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    short[head..] == long[head + 1..]
}

/// rapidfuzz's `fuzz.ratio(a, b)` (no processor) over code points: the Indel similarity,
/// `(1 - (n + m - 2 * lcs) / (n + m)) * 100`, made with the same floating-point steps
/// (`normalized_similarity` then `* 100`), so the same float.
pub fn ratio(a: &[char], b: &[char]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 100.0;
    }
    // the longest common subsequence, one row at a time
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else if row[j] > up {
                row[j]
            } else {
                up
            };
            diagonal = up;
        }
    }
    let dist = total - 2 * row[b.len()];
    let norm_dist = dist as f64 / total as f64;
    (1.0 - norm_dist) * 100.0
}

/// `ratio` of one key against many: the key's letters as bit masks when it is ASCII and at
/// most 64 letters long (the longest common subsequence counted a word at a time, Hyyrö's
/// bit-parallel recurrence: the same count as the table `ratio` fills), else `ratio` itself.
pub struct Ratio {
    key: Vec<char>,
    /// each ASCII letter -> the positions of the key it stands at (None: the table is used)
    masks: Option<Box<[u64; 128]>>,
}

impl Ratio {
    pub fn new(key: &str) -> Self {
        let chars: Vec<char> = key.chars().collect();
        let masks = (key.is_ascii() && chars.len() <= 64).then(|| {
            let mut masks = Box::new([0u64; 128]);
            for (i, &c) in chars.iter().enumerate() {
                masks[c as usize] |= 1u64 << i;
            }
            masks
        });
        Ratio { key: chars, masks }
    }

    /// `ratio(key, other)`.
    pub fn of(&self, other: &str) -> f64 {
        let Some(masks) = &self.masks else {
            let theirs: Vec<char> = other.chars().collect();
            return ratio(&self.key, &theirs);
        };
        let n = self.key.len();
        let mut m = 0usize;
        let mut s: u64 = !0;
        for c in other.chars() {
            m += 1;
            let u = if c.is_ascii() {
                s & masks[c as usize]
            } else {
                0
            };
            s = s.wrapping_add(u) | (s - u);
        }
        let total = n + m;
        if total == 0 {
            return 100.0;
        }
        let low = if n == 64 { !0 } else { (1u64 << n) - 1 };
        let lcs = (!s & low).count_ones() as usize;
        let dist = total - 2 * lcs;
        let norm_dist = dist as f64 / total as f64;
        (1.0 - norm_dist) * 100.0
    }
}

/// rapidfuzz's `OSA.distance(a, b)` over code points: the optimal string alignment
/// distance (insertions, deletions, substitutions and swaps of two neighbours, no substring
/// edited twice), by the textbook recurrence rapidfuzz's result equals.
pub fn osa(a: &[char], b: &[char]) -> usize {
    let m = b.len();
    let mut before: Vec<usize> = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur: Vec<usize> = vec![0; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// What a hand slips to (`matcher._plausible_typo`'s data, handed over by Python: its
/// letters of like sound and each key's place on the keyboards it knows).
#[derive(Default)]
pub struct Slipping {
    /// groups of letters people write for one another by sound (`_SOUND_SETS`)
    pub sound_sets: Vec<Vec<char>>,
    /// a key -> (layout, row, column shifted half a key a row) (`_KEY_AT`)
    pub key_at: std::collections::HashMap<char, (usize, i64, f64)>,
}

impl Slipping {
    /// `matcher._plausible_typo(a, b)`: is `b` (one edit from `a`) a letter dropped, added or
    /// swapped with its neighbour, or one put for a letter of like sound or a key beside it?
    pub fn plausible(&self, a: &[char], b: &[char]) -> bool {
        if a.len() != b.len() {
            return true;
        }
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).take(2).collect();
        if diff.len() != 1 {
            return true;
        }
        let (x, y) = (a[diff[0]], b[diff[0]]);
        if self
            .sound_sets
            .iter()
            .any(|g| g.contains(&x) && g.contains(&y))
        {
            return true;
        }
        match (self.key_at.get(&x), self.key_at.get(&y)) {
            (Some(px), Some(py)) => {
                px.0 == py.0 && (px.1 - py.1).abs() <= 1 && (px.2 - py.2).abs() <= 1.0
            }
            _ => false,
        }
    }
}

/// Each key of a place that matters and each of its one-code-point deletions -> the keys
/// (`Matcher._edit_index`): a deletion the query shares with a key finds every edit in a
/// few probes. A deletion is held by its hash; every key it finds is then checked.
#[derive(Default)]
pub struct EditIndex {
    keys: Vec<Box<str>>,
    by_deletion: ByHash<u32>,
}

impl EditIndex {
    pub fn push(&mut self, key: &str) {
        let id = self.keys.len() as u32;
        let chars: Vec<char> = key.chars().collect();
        let mut forms: Vec<u64> = (0..chars.len())
            .map(|i| hash(&without(&chars, i)))
            .collect();
        forms.push(hash(key));
        forms.sort_unstable();
        forms.dedup();
        self.by_deletion
            .entries
            .extend(forms.into_iter().map(|h| (h, id)));
        self.keys.push(key.into());
    }

    /// Done pushing: the deletions sorted for probing.
    pub fn seal(&mut self) {
        self.by_deletion.seal();
        self.keys.shrink_to_fit();
    }

    pub fn new<S: AsRef<str>>(keys: impl IntoIterator<Item = S>) -> Self {
        let mut out = EditIndex::default();
        for key in keys {
            out.push(key.as_ref());
        }
        out.seal();
        out
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys one edit (insert, delete, substitute, swap two neighbours) from `key`, sorted
    /// by code point, that begin with its first letter and are not `key` less a demonym's
    /// letter at its end (`Matcher._edit_keys`).
    pub fn near(&self, key: &str, demonym_letters: &[char]) -> Vec<&str> {
        let chars: Vec<char> = key.chars().collect();
        // every probe's hash first, then every directory slot, then the entries: the loads
        // of one probe do not wait for the last probe's (each is a miss of the cache)
        let mut hashes: Vec<u64> = Vec::with_capacity(chars.len() + 1);
        hashes.push(hash(key));
        let mut buf = String::with_capacity(key.len());
        for i in 0..chars.len() {
            buf.clear();
            buf.extend(chars[..i].iter().chain(&chars[i + 1..]));
            hashes.push(hash(&buf));
        }
        let ranges: Vec<(usize, usize)> =
            hashes.iter().map(|&h| self.by_deletion.range(h)).collect();
        let mut ids: Vec<u32> = Vec::new();
        for (&h, &(a, b)) in hashes.iter().zip(&ranges) {
            ids.extend(self.by_deletion.in_range(h, a, b));
        }
        ids.sort_unstable();
        ids.dedup();
        let first = chars.first();
        let demonym_stem: Option<&[char]> = match chars.split_last() {
            Some((last, stem)) if demonym_letters.contains(last) => Some(stem),
            _ => None,
        };
        let mut out: Vec<&str> = ids
            .into_iter()
            .map(|i| &*self.keys[i as usize])
            .filter(|k| {
                if *k == key {
                    return false;
                }
                let kc: Vec<char> = k.chars().collect();
                kc.first() == first && demonym_stem != Some(&kc[..]) && osa_within_one(&chars, &kc)
            })
            .collect();
        out.sort_unstable();
        out
    }
}

/// Each name of a village of the conflict region less one letter after its first ->
/// those variants (`Matcher._dropped_index`), by the hash of the shorter name; a variant
/// found is kept when its name is the query with a letter put back.
#[derive(Default)]
pub struct DroppedIndex {
    keys: Vec<Box<str>>,
    /// hash of the name less a letter -> (variant, its key)
    by_deletion: ByHash<(u32, u32)>,
    letters: Vec<char>,
}

impl DroppedIndex {
    pub fn with_letters(letters: &[char]) -> Self {
        DroppedIndex {
            letters: letters.to_vec(),
            ..Default::default()
        }
    }

    /// A key and its variants, in the order the Python twin meets them.
    pub fn push(&mut self, key: &str, variants: &[u32]) {
        if variants.is_empty() {
            return;
        }
        let id = self.keys.len() as u32;
        let chars: Vec<char> = key.chars().collect();
        let mut forms: Vec<u64> = (1..chars.len())
            .filter(|&j| self.letters.contains(&chars[j]))
            .map(|j| hash(&without(&chars, j)))
            .collect();
        forms.sort_unstable();
        forms.dedup();
        for h in forms {
            self.by_deletion
                .entries
                .extend(variants.iter().map(|&v| (h, (v, id))));
        }
        self.keys.push(key.into());
    }

    /// Done pushing: sorted by hash, the variants of a hash in the order pushed.
    pub fn seal(&mut self) {
        self.by_deletion.seal();
        self.keys.shrink_to_fit();
    }

    /// From (key, variant) pairs, in the order the Python twin meets them; a letter is
    /// dropped only when it is one of `letters`.
    pub fn new(pairs: impl IntoIterator<Item = (String, u32)>, letters: &[char]) -> Self {
        let mut out = DroppedIndex::with_letters(letters);
        for (key, v) in pairs {
            out.push(&key, &[v]);
        }
        out.seal();
        out
    }

    /// Is `short` the name `long` less one of the letters after its first?
    fn dropped_from(&self, short: &[char], long: &str) -> bool {
        let long: Vec<char> = long.chars().collect();
        long.len() == short.len() + 1
            && (1..long.len()).any(|j| {
                self.letters.contains(&long[j])
                    && long[..j] == short[..j]
                    && long[j + 1..] == short[j..]
            })
    }

    /// The variants whose key is `key` with one letter put back, in the order pushed.
    pub fn get(&self, key: &str) -> Vec<u32> {
        let short: Vec<char> = key.chars().collect();
        self.by_deletion
            .get(hash(key))
            .filter(|&(_, k)| self.dropped_from(&short, &self.keys[k as usize]))
            .map(|(v, _)| v)
            .collect()
    }
}

/// Each key that names a variant a slip may reach (a place loose matching may return, by a
/// name that needs no context and is no machine-translation error) -> those variants, by the
/// key's hash (a variant found is kept when its key is the slip, letter for letter): the
/// slips of a query probed here rather than in the index's dictionary (a Python string and
/// a probe that missed the cache a slip).
#[derive(Default)]
pub struct SlipIndex {
    keys: Vec<Box<str>>,
    /// hash of a key -> (variant, the key's id)
    by_key: ByHash<(u32, u32)>,
}

impl SlipIndex {
    /// A key and the variants of it a slip may reach (none: not held).
    pub fn push(&mut self, key: &str, variants: &[u32]) {
        if variants.is_empty() {
            return;
        }
        let id = self.keys.len() as u32;
        let h = hash(key);
        self.by_key
            .entries
            .extend(variants.iter().map(|&v| (h, (v, id))));
        self.keys.push(key.into());
    }

    /// Done pushing.
    pub fn seal(&mut self) {
        self.by_key.seal();
        self.keys.shrink_to_fit();
    }

    /// The variants of every key in `slips` (every slip's directory slot loaded first).
    pub fn hits(&self, slips: &[String], out: &mut Vec<u32>) {
        let hashes: Vec<u64> = slips.iter().map(|s| hash(s)).collect();
        let ranges: Vec<(usize, usize)> = hashes.iter().map(|&h| self.by_key.range(h)).collect();
        for ((slip, &h), &(a, b)) in slips.iter().zip(&hashes).zip(&ranges) {
            out.extend(
                self.by_key
                    .in_range(h, a, b)
                    .filter(|&(_, k)| *self.keys[k as usize] == **slip)
                    .map(|(v, _)| v),
            );
        }
    }
}

/// The names a query is with one letter typed twice or two neighbouring letters after the
/// first swapped (`Matcher._slip_hits`).
pub struct Slips;

impl Slips {
    /// The slips of `key`, sorted, without `key` itself; None for a key not all ASCII (whose
    /// letters Python's `str.isalpha` reads, left to the Python twin).
    pub fn of(key: &str) -> Option<Vec<String>> {
        if !key.is_ascii() {
            return None;
        }
        let b = key.as_bytes();
        let mut out: Vec<String> = Vec::new();
        for i in 1..b.len() {
            let (x, y) = (b[i - 1], b[i]);
            if !(x.is_ascii_alphabetic() && y.is_ascii_alphabetic()) {
                continue;
            }
            let mut slip = Vec::with_capacity(b.len());
            if x == y {
                slip.extend_from_slice(&b[..i]);
                slip.extend_from_slice(&b[i + 1..]);
            } else if i > 1 {
                slip.extend_from_slice(&b[..i - 1]);
                slip.extend_from_slice(&[y, x]);
                slip.extend_from_slice(&b[i + 1..]);
            } else {
                continue;
            }
            out.push(String::from_utf8(slip).expect("ASCII"));
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|s| s != key);
        Some(out)
    }
}

/// Letter counts of a key, by slot (a-z, the space, and five slots the other letters share
/// by code point): the letters two keys share, counted per slot, are at least those they
/// share letter by letter, so a bound on the similarity made with them stays a bound.
type Letters = [u8; 32];

fn letters(key: &str) -> Letters {
    let mut out = [0u8; 32];
    for c in key.chars() {
        let slot = match c {
            'a'..='z' => c as usize - 'a' as usize,
            ' ' => 26,
            _ => 27 + c as usize % 5,
        };
        out[slot] = out[slot].saturating_add(1);
    }
    out
}

/// The keys rapidfuzz compares a misspelt key with (`Matcher._fuzzy_keys`): of places loose
/// matching may return, by first letter and length, in the index's order; and of those only
/// the ones whose letters could reach the similarity needed. Once sealed, the keys of a first
/// letter and length lie side by side with their letter counts (a probe scans a few hundred
/// of them: scattered, each was a miss of the cache).
#[derive(Default)]
pub struct FuzzyKeys {
    keys: Vec<Box<str>>,
    /// (first letter, length) -> the keys' ids, in the order pushed (until sealed)
    pending: FxMap<(char, usize), Vec<u32>>,
    /// (first letter, length) -> its range of `order` and `letters`
    by_start: FxMap<(char, usize), (u32, u32)>,
    /// the keys' ids, bucket after bucket, each bucket in the order pushed
    order: Vec<u32>,
    /// the letter counts of `order`'s keys, in its order
    letters: Vec<Letters>,
}

impl FuzzyKeys {
    /// From the keys, in the index's order (each already of a place loose matching may return
    /// and long enough).
    pub fn push(&mut self, key: &str) {
        let Some(first) = key.chars().next() else {
            return;
        };
        let id = self.keys.len() as u32;
        self.pending
            .entry((first, key.chars().count()))
            .or_default()
            .push(id);
        self.keys.push(key.into());
    }

    /// Done pushing: each bucket's keys laid side by side.
    pub fn seal(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let mut buckets: Vec<((char, usize), Vec<u32>)> = pending.into_iter().collect();
        buckets.sort_unstable_by_key(|(start, _)| *start);
        let total: usize = buckets.iter().map(|(_, ids)| ids.len()).sum();
        self.order = Vec::with_capacity(total);
        self.letters = Vec::with_capacity(total);
        for (start, ids) in buckets {
            let a = self.order.len() as u32;
            for id in ids {
                self.letters.push(letters(&self.keys[id as usize]));
                self.order.push(id);
            }
            self.by_start.insert(start, (a, self.order.len() as u32));
        }
        self.keys.shrink_to_fit();
    }

    pub fn new<S: AsRef<str>>(keys: impl IntoIterator<Item = S>) -> Self {
        let mut out = FuzzyKeys::default();
        for key in keys {
            out.push(key.as_ref());
        }
        out.seal();
        out
    }

    /// The keys with `key`'s first letter and a length within `slack` of its own, shortest
    /// first, in the index's order within a length (`Matcher._fuzzy_keys`), less those
    /// whose `fuzz.ratio` with `key` is sure to fall below `need`: the ratio is
    /// 100 * (1 - indel / (n + m)), and the indel distance is at least n + m less twice the
    /// letters the two share counted with repeats, so a key sharing too few letters is
    /// left out (rapidfuzz then scores the same keys it would keep, in the same order).
    pub fn near(&self, key: &str, slack: usize, need: f64) -> Vec<&str> {
        let Some(first) = key.chars().next() else {
            return Vec::new();
        };
        let n = key.chars().count();
        let mine = letters(key);
        let mut out = Vec::new();
        for m in n.saturating_sub(slack)..=n + slack {
            let Some(&(a, b)) = self.by_start.get(&(first, m)) else {
                continue;
            };
            let (a, b) = (a as usize, b as usize);
            // the letters a key must share with this one to reach `need`, less a hair for
            // the rounding of rapidfuzz's division
            let least = need * (n + m) as f64 / 200.0 - 1e-9;
            for (theirs, &id) in self.letters[a..b].iter().zip(&self.order[a..b]) {
                let shared: u32 = mine
                    .iter()
                    .zip(theirs)
                    .map(|(a, b)| u32::from(*a.min(b)))
                    .sum();
                if need > 0.0 && f64::from(shared) < least {
                    continue;
                }
                out.push(&*self.keys[id as usize]);
            }
        }
        out
    }
}

pub const SCRIPT_NONE: u8 = 0;
pub const SCRIPT_LATIN: u8 = 1;
pub const SCRIPT_CYRILLIC: u8 = 2;
pub const SCRIPT_ARMENIAN: u8 = 3;
pub const SCRIPT_OTHER: u8 = 4;

/// ``scripts.script(text)`` as a code: the script of the first letter (Python's
/// ``isalpha``: alphanumeric as Python's tables say, and no number).
pub fn script_code(text: &str) -> u8 {
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                return SCRIPT_LATIN;
            }
            continue;
        }
        if !crate::pyuni::is_alnum(c) || c.is_numeric() {
            continue;
        }
        return match c as u32 {
            0x0400..=0x04ff => SCRIPT_CYRILLIC,
            0x0530..=0x058f => SCRIPT_ARMENIAN,
            0x00c0..=0x024f | 0x0259 | 0x1e00..=0x1eff => SCRIPT_LATIN,
            _ => SCRIPT_OTHER,
        };
    }
    SCRIPT_NONE
}

#[cfg(feature = "python")]
pub mod py {
    use std::collections::HashSet;

    use pyo3::prelude::*;
    use pyo3::types::{PyDict, PyList, PyString, PyTuple};

    use crate::lookup::py::PyLookup;
    use crate::transcribe::py::PyTranscriber;

    use super::{
        script_code, DroppedIndex, EditIndex, FuzzyKeys, SlipIndex, Slipping, Slips,
        SCRIPT_CYRILLIC, SCRIPT_LATIN, SCRIPT_NONE, SCRIPT_OTHER,
    };

    /// LooseIndex(host, /)
    /// --
    ///
    /// The loose methods' candidate generators over the index held in memory (built by
    /// gazetteer/matcher.py's ``_loose_index``): ``edit_keys``, ``dropped``, ``slip_hits``
    /// and ``fuzzy_keys``.
    #[pyclass(module = "gazetteer._core", name = "LooseIndex", frozen)]
    pub struct PyLooseIndex {
        edits: EditIndex,
        dropped: DroppedIndex,
        fuzzy: FuzzyKeys,
        fuzzy_slack: usize,
        /// the keys of the variants a slip may reach
        slips: SlipIndex,
        /// the index's skeleton keys (level 1), probed as they are
        skeletons: Py<PyDict>,
        /// the variants' rows (their text is read for the skeleton's similarity)
        variants: Py<PyList>,
        /// each variant's place
        variant_place: Vec<u32>,
        /// each place: may a skeleton reach it (loose matching may return it, and it is no
        /// village of a far-village kind outside the conflict region)
        skeleton_ok: Vec<bool>,
        skeleton_min: usize,
        demonym_letters: Vec<char>,
        /// the index's keys (level 0), probed as they are (``near_hits``)
        keys: Py<PyDict>,
        /// each variant: needs no context and is no machine-translation error
        variant_ok: Vec<bool>,
        /// each variant: the script of its text (``script_code``)
        variant_script: Vec<u8>,
        /// each place's facts (``near_hits``)
        facts: Vec<Facts>,
        edit_min_len: usize,
        /// what ``loose_word`` reads beyond the generators (None: a host without it)
        word: Option<Word>,
    }

    /// What the generators read of a place row.
    struct Layout {
        kind: usize,
        country: usize,
        lat: usize,
        lon: usize,
        importance: usize,
    }

    /// What the generators read of a place.
    #[derive(Clone, Copy)]
    struct Facts {
        /// one-edit matching may reach it
        matters: bool,
        /// a village of the conflict region
        region_village: bool,
        /// loose matching may return it
        loose: bool,
        /// a skeleton may reach it (`_loose_ok`, and not `_far_village`)
        skeleton: bool,
        /// its point lies in the conflict region's box (`early.in_region`)
        in_region: bool,
    }

    #[pymethods]
    impl PyLooseIndex {
        #[new]
        fn new(host: &Bound<'_, PyAny>) -> PyResult<Self> {
            let keys = host.getattr("keys0")?.cast_into::<PyDict>()?;
            let variants = host.getattr("variants")?.cast_into::<PyList>()?;
            let places = host.getattr("places")?.cast_into::<PyList>()?;
            let l = Layout {
                kind: host.getattr("kind_at")?.extract()?,
                country: host.getattr("country_at")?.extract()?,
                lat: host.getattr("lat_at")?.extract()?,
                lon: host.getattr("lon_at")?.extract()?,
                importance: host.getattr("importance_at")?.extract()?,
            };
            let focus: HashSet<String> = host.getattr("focus_countries")?.extract()?;
            let country_kind: String = host.getattr("country_kind")?.extract()?;
            let village_kind: String = host.getattr("village_kind")?.extract()?;
            let mt_error: String = host.getattr("mt_error_type")?.extract()?;
            let min_importance: f64 = host.getattr("edit_min_importance")?.extract()?;
            let min_len: usize = host.getattr("edit_min_len")?.extract()?;
            let (s, w, n, e): (f64, f64, f64, f64) = host.getattr("conflict_box")?.extract()?;
            let dropped_letters: String = host.getattr("dropped_letters")?.extract()?;
            let demonym_letters: String = host.getattr("demonym_letters")?.extract()?;
            let fuzzy_min_len: usize = host.getattr("fuzzy_min_len")?.extract()?;
            let fuzzy_slack: usize = host.getattr("fuzzy_slack")?.extract()?;
            let far_village_kinds: HashSet<String> =
                host.getattr("far_village_kinds")?.extract()?;
            let skeleton_min: usize = host.getattr("skeleton_min")?.extract()?;
            let word = match host.getattr("word") {
                Ok(word) => Some(Word::new(&word, &places, &variants, l.kind)?),
                Err(_) => None,
            };

            let mut facts: Vec<Facts> = Vec::with_capacity(places.len());
            for row in places.iter() {
                let row = row.cast_into::<PyTuple>()?;
                let kind = row.get_item(l.kind)?;
                let kind = kind.cast::<PyString>()?.to_str()?;
                let country = row.get_item(l.country)?;
                let country = country.cast::<PyString>()?.to_str()?;
                let importance: f64 = row.get_item(l.importance)?.extract()?;
                let lat: f64 = row.get_item(l.lat)?.extract()?;
                let lon: f64 = row.get_item(l.lon)?.extract()?;
                let loose = focus.contains(country) || kind == country_kind;
                let in_region = s <= lat && lat <= n && w <= lon && lon <= e;
                facts.push(Facts {
                    matters: loose && importance >= min_importance,
                    region_village: kind == village_kind && in_region,
                    loose,
                    skeleton: loose && (in_region || !far_village_kinds.contains(kind)),
                    in_region,
                });
            }
            // each variant: its place, and whether it needs no context and is no
            // machine-translation error
            let mut usable: Vec<(u32, bool)> = Vec::with_capacity(variants.len());
            let mut variant_script: Vec<u8> = Vec::with_capacity(variants.len());
            for row in variants.iter() {
                let row = row.cast_into::<PyTuple>()?;
                let needs_context = row.get_item(4)?.is_truthy()?;
                let vtype = row.get_item(3)?;
                let ok = !needs_context && vtype.cast::<PyString>()?.to_str()? != mt_error;
                usable.push((row.get_item(0)?.extract()?, ok));
                let text = row.get_item(1)?;
                variant_script.push(script_code(text.cast::<PyString>()?.to_str()?));
            }
            let out_of_range =
                || pyo3::exceptions::PyIndexError::new_err("a variant or place out of range");
            let fact_of = |v: u32| -> PyResult<(Facts, bool)> {
                let (place, ok) = *usable.get(v as usize).ok_or_else(out_of_range)?;
                Ok((*facts.get(place as usize).ok_or_else(out_of_range)?, ok))
            };
            let mut slips = SlipIndex::default();
            let mut slip_ok: Vec<u32> = Vec::new();
            let mut edits = EditIndex::default();
            let letters: Vec<char> = dropped_letters.chars().collect();
            let mut dropped = DroppedIndex::with_letters(&letters);
            let mut fuzzy = FuzzyKeys::default();
            let mut region: Vec<u32> = Vec::new();
            for (key, vs) in keys.iter() {
                let key = key.cast::<PyString>()?.to_str()?;
                let vs = vs.cast_into::<PyTuple>()?;
                let long = key.chars().filter(|&c| c != ' ').count() >= min_len;
                let (mut edit, mut loose) = (false, false);
                region.clear();
                slip_ok.clear();
                for v in vs.iter() {
                    let v: u32 = v.extract()?;
                    let (f, ok) = fact_of(v)?;
                    loose |= f.loose;
                    if !ok {
                        continue;
                    }
                    if f.loose {
                        slip_ok.push(v);
                    }
                    edit |= long && f.matters;
                    if f.region_village {
                        region.push(v);
                    }
                }
                dropped.push(key, &region);
                slips.push(key, &slip_ok);
                if loose && key.chars().count() + 1 >= fuzzy_min_len {
                    fuzzy.push(key);
                }
                if edit {
                    edits.push(key);
                }
            }
            edits.seal();
            dropped.seal();
            slips.seal();
            fuzzy.seal();
            Ok(PyLooseIndex {
                edits,
                dropped,
                fuzzy,
                fuzzy_slack,
                slips,
                demonym_letters: demonym_letters.chars().collect(),
                skeletons: host.getattr("keys1")?.cast_into::<PyDict>()?.unbind(),
                variant_place: usable.iter().map(|&(place, _)| place).collect(),
                skeleton_ok: facts.iter().map(|f| f.skeleton).collect(),
                variants: variants.unbind(),
                skeleton_min,
                keys: keys.unbind(),
                variant_ok: usable.iter().map(|&(_, ok)| ok).collect(),
                variant_script,
                facts,
                edit_min_len: min_len,
                word,
            })
        }

        /// edit_keys(key, /)
        /// --
        ///
        /// ``Matcher._edit_keys(key)``: the keys of places that matter one edit from ``key``, sorted.
        fn edit_keys(&self, key: &str) -> Vec<&str> {
            self.edits.near(key, &self.demonym_letters)
        }

        /// skeleton_hits(key, least, /)
        /// --
        ///
        /// ``Matcher._skeleton_hits``'s reading of a key: (variant, ``fuzz.ratio`` of the key
        /// and the variant's folded text) for each variant of the key's skeleton that a
        /// skeleton may reach, in the index's order, whose ratio is at least ``least``; None
        /// where the Python twin answers (a key it cannot read, a row it cannot).
        fn skeleton_hits(
            &self,
            py: Python<'_>,
            key: &Bound<'_, PyString>,
            least: f64,
        ) -> Option<Vec<(u32, f64)>> {
            self.skeleton_of(py, key.to_str().ok()?, least)
        }

        /// dropped(key, /)
        /// --
        ///
        /// ``Matcher._dropped_index().get(key, [])``: the region villages' variants whose key
        /// is ``key`` with one letter put back.
        fn dropped(&self, key: &str) -> Vec<u32> {
            self.dropped.get(key)
        }

        /// slip_hits(key, /)
        /// --
        ///
        /// ``Matcher._slip_hits(key)`` for a key of at least EDIT_MIN_LEN letters, or None
        /// for a key not all ASCII (the Python twin answers).
        fn slip_hits(&self, key: &str) -> Option<Vec<u32>> {
            let slips = Slips::of(key)?;
            let mut out: Vec<u32> = Vec::new();
            self.slips.hits(&slips, &mut out);
            out.extend(self.dropped.get(key));
            out.sort_unstable();
            out.dedup();
            Some(out)
        }

        /// fuzzy_keys(key, need, /)
        /// --
        ///
        /// ``Matcher._fuzzy_keys_all(key)`` less the keys whose ``fuzz.ratio`` with ``key``
        /// cannot reach ``need`` (all of them for ``need`` 0).
        fn fuzzy_keys(&self, key: &str, need: f64) -> Vec<&str> {
            self.fuzzy.near(key, self.fuzzy_slack, need)
        }

        /// near_hits(key, typed_script, /)
        /// --
        ///
        /// ``Matcher._near_hits_python(key)``: the one-edit readings of places that matter in
        /// the script typed (``_edit_hits``), then the slips not among them (``_slip_hits``,
        /// with the swaps that fold anew), then the conflict region's villages named as a far
        /// reading is (``_region_villages_named_alike``); None where the Python twin answers
        /// (a key not all ASCII, a query in Armenian letters).
        fn near_hits(&self, py: Python<'_>, key: &str, typed_script: &str) -> Option<Vec<u32>> {
            self.near_in(py, key, script_of(typed_script)?)
        }

        /// fuzzy_best(key, need, limit, /)
        /// --
        ///
        /// What ``process.extract(key, fuzzy_keys(key, need), scorer=fuzz.ratio,
        /// score_cutoff=need, limit=limit)`` gives (``Matcher._fuzzy_best_python``): (key,
        /// ratio) of the ``limit`` keys most alike, at least ``need``, the most alike first and
        /// of equal ratio the first found first.
        fn fuzzy_best(&self, key: &str, need: f64, limit: usize) -> Vec<(&str, f64)> {
            self.best_alike(key, need, limit)
        }

        /// loose_word(key, typed, script, guard, lemmas, /)
        /// --
        ///
        /// ``Matcher._loose_word_python``: ``match_key``'s loose readings of a key no name
        /// and no lemma has (romanised, transcribed, skeleton, one edit and slips, a lemma
        /// one edit away, rapidfuzz's most alike, one plausible typo from a region village;
        /// the nearest kept by ``_closest_edits``) as (variant, method, score), in Python's
        /// order. ``typed``: the query as typed in lower case when ``key`` is its key, else
        /// None; ``script``: the query's; ``guard``: ``Matcher._guard(key)`` (0 or 1);
        /// ``lemmas``: the key's lemmas. None where the Python twin answers (a key not all
        /// ASCII, a query in Armenian letters, a host without ``word``, a failed probe).
        #[pyo3(signature = (key, typed, script, guard, lemmas, /))]
        fn loose_word(
            &self,
            py: Python<'_>,
            key: &Bound<'_, PyString>,
            typed: Option<Bound<'_, PyString>>,
            script: &str,
            guard: u8,
            lemmas: Vec<String>,
        ) -> Option<Vec<Hit>> {
            let key = key.to_str().ok()?;
            let typed = match &typed {
                None => None,
                Some(t) => Some(t.to_str().ok()?),
            };
            self.loose_word_in(py, key, typed, script_of(script)?, guard, &lemmas)
        }

        /// match_word(lookup, key, typed, script, /)
        /// --
        ///
        /// ``Matcher.match_key(key)`` of a key of one word in Latin letters of a query with
        /// no Armenian or Cyrillic word (the lemmas and guard of ``lookup``, the compiled
        /// lookup of the batch: its twins of the Turkic lemmas and of ``_guard``), the loose
        /// readings by ``loose_word``; None where the Python lines answer.
        #[pyo3(signature = (lookup, key, typed, script, /))]
        fn match_word(
            &self,
            py: Python<'_>,
            lookup: PyRef<'_, PyLookup>,
            key: &Bound<'_, PyString>,
            typed: Option<Bound<'_, PyString>>,
            script: &str,
        ) -> Option<Vec<Hit>> {
            let key = key.to_str().ok()?;
            let typed = match &typed {
                None => None,
                Some(t) => Some(t.to_str().ok()?),
            };
            self.match_word_in(py, &lookup, key, typed, script_of(script)?)
        }

        /// full_word(lookup, query, key, typed, /)
        /// --
        ///
        /// ``Matcher._full_lookup(query, key)`` of a query of one word in Latin letters
        /// (``typed``: the query stripped, in lower case) as (place, variant, method, score,
        /// rank, needs_context) tuples, best first: ``match_word``'s readings of the key,
        /// ranked and preferred by ``lookup`` (crates/gazetteer-core/src/lookup/word.rs);
        /// None where the Python matcher answers.
        #[pyo3(signature = (lookup, query, key, typed, /))]
        #[allow(clippy::type_complexity)]
        fn full_word(
            &self,
            py: Python<'_>,
            mut lookup: PyRefMut<'_, PyLookup>,
            query: &Bound<'_, PyString>,
            key: &Bound<'_, PyString>,
            typed: &Bound<'_, PyString>,
        ) -> Option<Vec<(u32, u32, &'static str, f64, f64, bool)>> {
            let (query, key) = (query.to_str().ok()?, key.to_str().ok()?);
            let typed = typed.to_str().ok()?;
            if !lookup.word_in_scope(query, key) {
                return None; // (before match_word: the Python matcher reads the key again)
            }
            let whole = self.match_word_in(py, &lookup, key, Some(typed), SCRIPT_LATIN)?;
            let got = lookup.full_word(py, query, key, typed, &whole)?;
            Some(
                got.into_iter()
                    .map(|c| {
                        let method = c.method.name();
                        (c.place, c.variant, method, c.score, c.rank, c.needs_context)
                    })
                    .collect(),
            )
        }

        /// osa(a, b, /)
        /// --
        ///
        /// rapidfuzz's ``OSA.distance(a, b)``, as ``loose_word`` counts it.
        #[staticmethod]
        fn osa(a: &str, b: &str) -> usize {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            super::osa(&a, &b)
        }

        /// plausible_typo(a, b, /)
        /// --
        ///
        /// ``matcher._plausible_typo(a, b)`` as ``loose_word`` reads it (None: a host without
        /// ``word``).
        fn plausible_typo(&self, a: &str, b: &str) -> Option<bool> {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            Some(self.word.as_ref()?.slipping.plausible(&a, &b))
        }

        fn __len__(&self) -> usize {
            self.edits.len()
        }
    }

    /// ``script(text)``'s name as its code; None for Armenian (whose readings read a place's
    /// other names: the Python twins answer).
    fn script_of(name: &str) -> Option<u8> {
        match name {
            "" => Some(SCRIPT_NONE),
            "latin" => Some(SCRIPT_LATIN),
            "cyrillic" => Some(SCRIPT_CYRILLIC),
            "other" => Some(SCRIPT_OTHER),
            _ => None,
        }
    }

    /// A reading of a word: (variant, method, score), as ``Matcher.match_key`` gives it.
    type Hit = (u32, &'static str, f64);

    const FOLDED: &str = "folded";
    const INFLECTION: &str = "inflection";
    const FUZZY: &str = "fuzzy";
    const SKELETON: &str = "skeleton";
    const TRANSCRIPTION: &str = "transcription";

    /// What ``loose_word`` reads beyond the generators (``host.word``, built by
    /// matcher.py's ``_loose_index``): the matcher's weights, the romanised keys, the
    /// transcription tables and what a typo is.
    struct Word {
        edit_score: f64,
        lemma_penalty: f64,
        transcription_score: f64,
        skeleton_score: f64,
        skeleton_similarity_min: f64,
        skeleton_score_base: f64,
        skeleton_score_factor: f64,
        fuzzy_score: f64,
        fuzzy_score_factor: f64,
        fuzzy_min_len: usize,
        fuzzy_candidates: usize,
        /// (longest key length, similarity needed), then the need of longer keys
        fuzzy_needed: Vec<(usize, f64)>,
        fuzzy_needed_longer: f64,
        closest_edit_min_len: usize,
        /// ROMANISED_LEVEL's key -> variants
        romanised: Py<PyDict>,
        transcriber: Py<PyTranscriber>,
        slipping: Slipping,
        /// the place rows and where their name, name_az, name_ru and name_hy are
        places: Py<PyList>,
        names_at: [usize; 4],
        /// each place: a settlement (SETTLEMENT_KINDS) / a country
        settlement: Vec<bool>,
        country: Vec<bool>,
        /// each variant: needs no context
        plain: Vec<bool>,
        /// what ``match_word`` reads before the loose readings: the scores of a name as
        /// folded and through an ending, the Armenian case endings in Latin letters and the
        /// shortest stem, the loose methods' shortest key, the food words and given names
        folded_score: f64,
        inflection_score: f64,
        armenian_latin_endings: Vec<String>,
        min_stem: usize,
        loose_min: usize,
        food_words: HashSet<String>,
        given_names: HashSet<String>,
    }

    impl Word {
        fn new(
            host: &Bound<'_, PyAny>,
            places: &Bound<'_, PyList>,
            variants: &Bound<'_, PyList>,
            kind_at: usize,
        ) -> PyResult<Self> {
            let f = |name: &str| -> PyResult<f64> { host.getattr(name)?.extract() };
            let settlement_kinds: HashSet<String> = host.getattr("settlement_kinds")?.extract()?;
            let country_kind: String = host.getattr("country_kind")?.extract()?;
            let mut settlement = Vec::with_capacity(places.len());
            let mut country = Vec::with_capacity(places.len());
            for row in places.iter() {
                let kind = row.cast_into::<PyTuple>()?.get_item(kind_at)?;
                let kind = kind.cast::<PyString>()?.to_str()?;
                settlement.push(settlement_kinds.contains(kind));
                country.push(kind == country_kind);
            }
            let mut plain = Vec::with_capacity(variants.len());
            for row in variants.iter() {
                plain.push(!row.cast_into::<PyTuple>()?.get_item(4)?.is_truthy()?);
            }
            let sound_sets: Vec<String> = host.getattr("sound_sets")?.extract()?;
            Ok(Word {
                edit_score: f("edit_score")?,
                lemma_penalty: f("lemma_penalty")?,
                transcription_score: f("transcription_score")?,
                skeleton_score: f("skeleton_score")?,
                skeleton_similarity_min: f("skeleton_similarity_min")?,
                skeleton_score_base: f("skeleton_score_base")?,
                skeleton_score_factor: f("skeleton_score_factor")?,
                fuzzy_score: f("fuzzy_score")?,
                fuzzy_score_factor: f("fuzzy_score_factor")?,
                fuzzy_min_len: host.getattr("fuzzy_min_len")?.extract()?,
                fuzzy_candidates: host.getattr("fuzzy_candidates")?.extract()?,
                fuzzy_needed: host.getattr("fuzzy_needed")?.extract()?,
                fuzzy_needed_longer: f("fuzzy_needed_longer")?,
                closest_edit_min_len: host.getattr("closest_edit_min_len")?.extract()?,
                romanised: host.getattr("romanised")?.cast_into::<PyDict>()?.unbind(),
                transcriber: host.getattr("transcriber")?.extract()?,
                slipping: Slipping {
                    sound_sets: sound_sets.iter().map(|g| g.chars().collect()).collect(),
                    key_at: host.getattr("key_at")?.extract()?,
                },
                places: places.clone().unbind(),
                names_at: host.getattr("names_at")?.extract()?,
                settlement,
                country,
                plain,
                folded_score: f("folded_score")?,
                inflection_score: f("inflection_score")?,
                armenian_latin_endings: host.getattr("armenian_latin_endings")?.extract()?,
                min_stem: host.getattr("min_stem")?.extract()?,
                loose_min: host.getattr("loose_min")?.extract()?,
                food_words: host.getattr("food_words")?.extract()?,
                given_names: host.getattr("given_names")?.extract()?,
            })
        }

        /// ``_fuzzy_needed(n)``
        fn needed(&self, n: usize) -> f64 {
            for &(longest, need) in &self.fuzzy_needed {
                if n <= longest {
                    return need;
                }
            }
            self.fuzzy_needed_longer
        }
    }

    impl PyLooseIndex {
        /// The variants of a key (level 0).
        fn postings(&self, py: Python<'_>, key: &str) -> Option<Vec<u32>> {
            match self.keys.bind(py).get_item(key).ok()? {
                None => Some(Vec::new()),
                Some(vs) => vs.extract().ok(),
            }
        }

        /// A variant's text.
        fn text(&self, py: Python<'_>, v: u32) -> Option<String> {
            let row = self.variants.bind(py).get_item(v as usize).ok()?;
            row.cast::<PyTuple>().ok()?.get_item(1).ok()?.extract().ok()
        }

        fn facts_of(&self, v: u32) -> Option<Facts> {
            let place = *self.variant_place.get(v as usize)?;
            self.facts.get(place as usize).copied()
        }

        /// ``Matcher._skeleton_hits(key, ceiling)``, added to ``out``.
        fn skeleton_into(
            &self,
            py: Python<'_>,
            w: &Word,
            key: &str,
            ceiling: f64,
            out: &mut Vec<Hit>,
        ) -> Option<()> {
            for (v, sim) in self.skeleton_of(py, key, w.skeleton_similarity_min)? {
                let score = w.skeleton_score_base + sim * w.skeleton_score_factor;
                out.push((v, SKELETON, if score < ceiling { score } else { ceiling }));
            }
            Some(())
        }

        /// ``Matcher._edit_hits(key)`` for a query in the script coded ``typed``.
        fn edit_hits(&self, py: Python<'_>, key: &str, typed: u8) -> Option<Vec<u32>> {
            let mut out = Vec::new();
            if key.chars().filter(|&c| c != ' ').count() < self.edit_min_len {
                return Some(out);
            }
            for k in self.edits.near(key, &self.demonym_letters) {
                for v in self.postings(py, k)? {
                    if *self.variant_ok.get(v as usize)?
                        && self.facts_of(v)?.matters
                        && *self.variant_script.get(v as usize)? == typed
                    {
                        out.push(v);
                    }
                }
            }
            Some(out)
        }

        /// ``Matcher._plausible(key, k)`` (``typed``: the query as typed when ``key`` is its
        /// key).
        fn plausible(
            &self,
            py: Python<'_>,
            w: &Word,
            key: &[char],
            k: &str,
            typed: Option<&str>,
            script: u8,
        ) -> Option<bool> {
            if let Some(typed) = typed.filter(|t| !t.is_ascii()) {
                let typed: Vec<char> = typed.chars().collect();
                for v in self.postings(py, k)? {
                    let text = self.text(py, v)?;
                    if text.contains('\u{3a3}') {
                        return None; // (a final sigma Python lowers otherwise: its twin reads it)
                    }
                    let text = crate::pyuni::lower(&text);
                    let theirs: Vec<char> = text.chars().collect();
                    if script_code(&text) == script && super::osa(&typed, &theirs) == 1 {
                        return Some(w.slipping.plausible(&typed, &theirs));
                    }
                }
            }
            let theirs: Vec<char> = k.chars().collect();
            Some(w.slipping.plausible(key, &theirs))
        }

        /// ``Matcher._one_edit_any(key, region_village=, far_ok=)``.
        #[allow(clippy::too_many_arguments)]
        fn one_edit_any(
            &self,
            py: Python<'_>,
            w: &Word,
            key: &str,
            typed: Option<&str>,
            script: u8,
            region_village: bool,
            far_ok: bool,
        ) -> Option<Vec<u32>> {
            let mine: Vec<char> = key.chars().collect();
            let n = mine.len();
            // (one substitution or swap: rapidfuzz's ratio 100 (n - 1) / n, less a hair)
            let need = (100 * (n - 1)) as f64 / n as f64 - 0.01;
            let mut out = Vec::new();
            for k in self.fuzzy.near(key, self.fuzzy_slack, need) {
                let theirs: Vec<char> = k.chars().collect();
                if theirs.first() != mine.first()
                    || theirs.len().abs_diff(n) > 1
                    || super::osa(&mine, &theirs) != 1
                {
                    continue;
                }
                if !self.plausible(py, w, &mine, k, typed, script)? {
                    continue;
                }
                if region_village
                    && theirs.len() == n
                    && theirs[n - 1] != mine[n - 1]
                    && theirs[..n - 1] == mine[..n - 1]
                {
                    continue; // (a last letter for another is how words differ)
                }
                for v in self.postings(py, k)? {
                    let f = self.facts_of(v)?;
                    if !*self.variant_ok.get(v as usize)?
                        || !f.loose
                        || (!far_ok && !f.skeleton)
                        || *self.variant_script.get(v as usize)? != script
                    {
                        continue;
                    }
                    if region_village && !f.region_village {
                        continue;
                    }
                    out.push(v);
                }
            }
            Some(out)
        }

        /// ``Matcher._own_name(v, place)``: is a variant's text, folded, one of its place's
        /// own names folded?
        fn own_name(&self, py: Python<'_>, w: &Word, v: u32) -> Option<bool> {
            let place = *self.variant_place.get(v as usize)?;
            let text = crate::fold(&self.text(py, v)?);
            let row = w.places.bind(py).get_item(place as usize).ok()?;
            let row = row.cast::<PyTuple>().ok()?;
            for &at in &w.names_at {
                let name: Option<String> = row.get_item(at).ok()?.extract().ok()?;
                if let Some(name) = name.filter(|n| !n.is_empty()) {
                    if crate::fold(&name) == text {
                        return Some(true);
                    }
                }
            }
            Some(false)
        }

        fn place_of(&self, v: u32) -> Option<usize> {
            Some(*self.variant_place.get(v as usize)? as usize)
        }

        /// ``Matcher._closest_edits(key, out)``.
        fn closest_edits(
            &self,
            py: Python<'_>,
            w: &Word,
            key: &str,
            typed: Option<&str>,
            script: u8,
            out: Vec<Hit>,
        ) -> Option<Vec<Hit>> {
            let loose = |m: &str| m == SKELETON || m == FUZZY;
            if !out.iter().any(|h| loose(h.1)) {
                return Some(out);
            }
            let mine: Vec<char> = key.chars().collect();
            let mut far: Vec<(u32, usize)> = Vec::new(); // variant -> edits from the key to it
            for &(v, method, _) in &out {
                if loose(method) && !far.iter().any(|&(u, _)| u == v) {
                    let theirs: Vec<char> = crate::fold(&self.text(py, v)?).chars().collect();
                    far.push((v, super::osa(&mine, &theirs)));
                }
            }
            let best = far.iter().map(|&(_, d)| d).min()?;
            let long = mine.len() >= w.closest_edit_min_len;
            let not_loose = |hits: &[Hit]| -> Vec<Hit> {
                hits.iter().copied().filter(|h| !loose(h.1)).collect()
            };
            if best > 1 && long {
                let near = self.one_edit_any(py, w, key, typed, script, false, false)?;
                if !near.is_empty() {
                    let mut kept = not_loose(&out);
                    kept.extend(near.into_iter().map(|v| (v, FUZZY, w.edit_score)));
                    return Some(kept);
                }
            }
            if best > 1 {
                return Some(out);
            }
            let dist = |v: u32| far.iter().find(|&&(u, _)| u == v).map_or(0, |&(_, d)| d);
            let kept: Vec<Hit> = out
                .iter()
                .copied()
                .filter(|h| !loose(h.1) || dist(h.0) <= best)
                .collect();
            if long {
                let mut foreign = true;
                for &(v, d) in &far {
                    if d != 1 {
                        continue;
                    }
                    let p = self.place_of(v)?;
                    // (a river's, mountain's... name other than its own names)
                    if *w.settlement.get(p)? || *w.country.get(p)? || self.own_name(py, w, v)? {
                        foreign = false;
                        break;
                    }
                }
                if foreign {
                    let mut own = Vec::new();
                    for v in self.one_edit_any(py, w, key, typed, script, false, true)? {
                        if *w.settlement.get(self.place_of(v)?)? && self.own_name(py, w, v)? {
                            own.push((v, FUZZY, w.edit_score));
                        }
                    }
                    if !own.is_empty() {
                        let mut got = not_loose(&kept);
                        got.extend(own);
                        return Some(got);
                    }
                }
            }
            Some(kept)
        }

        /// ``Matcher._typed_alike(key, v, need)``.
        fn typed_alike(
            &self,
            py: Python<'_>,
            w: &Word,
            typed: Option<&str>,
            v: u32,
            need: f64,
        ) -> Option<bool> {
            let Some(typed) = typed.filter(|t| t.contains('\u{259}')) else {
                return Some(true);
            };
            let row = w.places.bind(py).get_item(self.place_of(v)?).ok()?;
            let name: Option<String> = row
                .cast::<PyTuple>()
                .ok()?
                .get_item(w.names_at[1])
                .ok()?
                .extract()
                .ok()?;
            let Some(name) = name.filter(|n| !n.is_empty()) else {
                return Some(true);
            };
            if name.contains('\u{3a3}') {
                return None;
            }
            let mine: Vec<char> = typed.chars().collect();
            let theirs: Vec<char> = crate::pyuni::lower(&name).chars().collect();
            Some(super::ratio(&mine, &theirs) >= need)
        }

        /// ``match_word``'s reading (see there).
        fn match_word_in(
            &self,
            py: Python<'_>,
            lookup: &PyLookup,
            key: &str,
            typed: Option<&str>,
            script: u8,
        ) -> Option<Vec<Hit>> {
            let w = self.word.as_ref()?;
            if key.is_empty() || !key.is_ascii() || key.contains(' ') {
                return None;
            }
            let hits = self.postings(py, key)?;
            if !hits.is_empty() {
                return Some(
                    hits.into_iter()
                        .map(|v| (v, FOLDED, w.folded_score))
                        .collect(),
                );
            }
            let lemmas: Vec<String> = lookup.lemmas_of(key).into_iter().map(|(l, _)| l).collect();
            let mut out: Vec<Hit> = Vec::new();
            for lemma in &lemmas {
                for v in self.postings(py, lemma)? {
                    out.push((v, INFLECTION, w.inflection_score));
                }
            }
            if out.is_empty() {
                // an Armenian case written in Latin letters
                for end in &w.armenian_latin_endings {
                    if key.ends_with(end.as_str())
                        && key.chars().count() - end.chars().count() >= w.min_stem
                    {
                        for v in self.postings(py, &key[..key.len() - end.len()])? {
                            out.push((v, INFLECTION, w.inflection_score));
                        }
                    }
                }
            }
            if !out.is_empty() {
                let guard = lookup.guard_for(py, key, typed)?;
                return Some(if guard > 0 { Vec::new() } else { out });
            }
            if key.len() < w.loose_min {
                return Some(out);
            }
            let guard = lookup.guard_for(py, key, typed)?;
            if guard > 1
                || (typed.is_some() && w.food_words.contains(key))
                || w.given_names.contains(key)
            {
                return Some(Vec::new());
            }
            self.loose_word_in(py, key, typed, script, guard, &lemmas)
        }

        /// ``loose_word``'s reading (see there).
        fn loose_word_in(
            &self,
            py: Python<'_>,
            key: &str,
            typed: Option<&str>,
            script: u8,
            guard: u8,
            lemmas: &[String],
        ) -> Option<Vec<Hit>> {
            let w = self.word.as_ref()?;
            if !key.is_ascii() || key.is_empty() {
                return None;
            }
            let plain = |v: u32| -> Option<bool> {
                Some(*w.plain.get(v as usize)? && self.facts_of(v)?.loose)
            };
            // _romanised_hits
            if script == SCRIPT_LATIN {
                let vs: Vec<u32> = match w.romanised.bind(py).get_item(key).ok()? {
                    None => Vec::new(),
                    Some(vs) => vs.extract().ok()?,
                };
                let mut out = Vec::new();
                for v in vs {
                    if plain(v)? {
                        out.push((v, TRANSCRIPTION, w.transcription_score));
                    }
                }
                if !out.is_empty() {
                    return Some(out);
                }
            }
            let typed_plain = typed.is_some_and(|t| t.is_ascii());
            let readings = if guard == 0 || typed_plain {
                w.transcriber.get().inner.transcribed(key, typed)?
            } else {
                Vec::new()
            };
            let mut out: Vec<Hit> = Vec::new();
            for r in &readings {
                for v in self.postings(py, r)? {
                    if plain(v)? {
                        out.push((v, TRANSCRIPTION, w.transcription_score));
                    }
                }
            }
            if guard == 0 {
                self.skeleton_into(py, w, key, w.skeleton_score, &mut out)?;
                let lower = w.skeleton_score - w.lemma_penalty;
                if out.is_empty() {
                    for lemma in lemmas {
                        self.skeleton_into(py, w, lemma, lower, &mut out)?;
                    }
                }
                if out.is_empty() {
                    if let Some(r) = readings.first() {
                        self.skeleton_into(py, w, r, lower, &mut out)?;
                    }
                }
            }
            let mut edits: Vec<Hit> = self
                .near_in(py, key, script)?
                .into_iter()
                .map(|v| (v, FUZZY, w.edit_score))
                .collect();
            if edits.is_empty() && out.is_empty() {
                // a misspelt name with a case ending: one edit from the lemma
                for lemma in lemmas {
                    for v in self.edit_hits(py, lemma, script)? {
                        edits.push((v, FUZZY, w.edit_score - w.lemma_penalty));
                    }
                }
            }
            out.extend(edits);
            if !out.is_empty() {
                return self.closest_edits(py, w, key, typed, script, out);
            }
            let n = key.len();
            if guard != 0 || n < w.fuzzy_min_len {
                return Some(out);
            }
            let need = w.needed(n);
            for (k, sim) in self.best_alike(key, need, w.fuzzy_candidates) {
                if k.chars().count().abs_diff(n) > self.fuzzy_slack {
                    continue;
                }
                for v in self.postings(py, k)? {
                    if self.facts_of(v)?.loose && self.typed_alike(py, w, typed, v, need)? {
                        let score = sim * w.fuzzy_score_factor;
                        out.push((
                            v,
                            FUZZY,
                            if score < w.fuzzy_score {
                                score
                            } else {
                                w.fuzzy_score
                            },
                        ));
                    }
                }
            }
            if !out.is_empty() {
                return self.closest_edits(py, w, key, typed, script, out);
            }
            if n >= w.closest_edit_min_len {
                // a conflict-region village's name with one plausible slip of a letter
                out = self
                    .one_edit_any(py, w, key, typed, script, true, false)?
                    .into_iter()
                    .map(|v| (v, FUZZY, w.edit_score))
                    .collect();
            }
            Some(out)
        }
        /// ``skeleton_hits``'s reading of a key.
        fn skeleton_of(&self, py: Python<'_>, key: &str, least: f64) -> Option<Vec<(u32, f64)>> {
            let skel = crate::skeleton(key)?;
            if skel.chars().count() < self.skeleton_min {
                return Some(Vec::new());
            }
            let vs = match self.skeletons.bind(py).get_item(&skel).ok()? {
                None => return Some(Vec::new()),
                Some(vs) => vs.cast_into::<PyTuple>().ok()?,
            };
            let mine = super::Ratio::new(key);
            let variants = self.variants.bind(py);
            let mut out = Vec::new();
            for v in vs.iter() {
                let v: u32 = v.extract().ok()?;
                let place = *self.variant_place.get(v as usize)?;
                if !*self.skeleton_ok.get(place as usize)? {
                    continue;
                }
                let row = variants.get_item(v as usize).ok()?;
                let text = row.cast::<PyTuple>().ok()?.get_item(1).ok()?;
                let text = text.cast::<PyString>().ok()?.to_str().ok()?;
                let sim = mine.of(&crate::fold(text));
                if sim >= least {
                    out.push((v, sim));
                }
            }
            Some(out)
        }

        /// ``fuzzy_best``'s pick.
        fn best_alike(&self, key: &str, need: f64, limit: usize) -> Vec<(&str, f64)> {
            let mine = super::Ratio::new(key);
            let mut out: Vec<(&str, f64)> = Vec::new();
            for k in self.fuzzy.near(key, self.fuzzy_slack, need) {
                let sim = mine.of(k);
                if sim >= need {
                    out.push((k, sim));
                }
            }
            // (stable: of equal ratio, the order found)
            out.sort_by(|a, b| b.1.total_cmp(&a.1));
            out.truncate(limit);
            out
        }

        /// ``near_hits`` in a script given by its code.
        fn near_in(&self, py: Python<'_>, key: &str, typed: u8) -> Option<Vec<u32>> {
            if !key.is_ascii() {
                return None;
            }
            if key.chars().filter(|&c| c != ' ').count() < self.edit_min_len {
                return Some(Vec::new());
            }
            let keys = self.keys.bind(py);
            let postings = |k: &str| -> Option<Vec<u32>> {
                match keys.get_item(k).ok()? {
                    None => Some(Vec::new()),
                    Some(vs) => vs.extract().ok(),
                }
            };
            let place_of = |v: u32| self.variant_place.get(v as usize).copied();
            let facts_of =
                |v: u32| -> Option<Facts> { self.facts.get(place_of(v)? as usize).copied() };
            // _edit_hits: _edit_ok and _in_typed_script
            let mut near: Vec<u32> = Vec::new();
            for k in self.edits.near(key, &self.demonym_letters) {
                for v in postings(k)? {
                    let ok = *self.variant_ok.get(v as usize)?;
                    if !(ok && facts_of(v)?.matters) {
                        continue;
                    }
                    if *self.variant_script.get(v as usize)? == typed {
                        near.push(v);
                    }
                }
            }
            // _slip_hits, with _refolded_slips
            let slips = Slips::of(key)?;
            let mut slipped: Vec<u32> = Vec::new();
            self.slips.hits(&slips, &mut slipped);
            slipped.extend(self.dropped.get(key));
            let chars: Vec<char> = key.chars().collect();
            for i in 2..chars.len() {
                let (a, b) = (chars[i - 1], chars[i]);
                if a == b
                    || !(a.is_ascii_alphabetic() && b.is_ascii_alphabetic())
                    || !(REFOLDING.contains(&a) || REFOLDING.contains(&b))
                {
                    continue;
                }
                let mut raw: Vec<char> = chars.clone();
                raw.swap(i - 1, i);
                let raw: String = raw.into_iter().collect();
                let swapped = crate::fold(&raw);
                if swapped == raw || swapped == key {
                    continue;
                }
                for v in postings(&swapped)? {
                    if *self.variant_ok.get(v as usize)? && facts_of(v)?.loose {
                        slipped.push(v);
                    }
                }
            }
            slipped.sort_unstable();
            slipped.dedup();
            let edits = near.len();
            for v in slipped {
                if !near[..edits].contains(&v) {
                    near.push(v);
                }
            }
            // _region_villages_named_alike
            let mut far_keys: Vec<String> = Vec::new();
            let variants = self.variants.bind(py);
            for &v in &near {
                if facts_of(v)?.in_region {
                    continue;
                }
                let row = variants.get_item(v as usize).ok()?;
                let text = row.cast::<PyTuple>().ok()?.get_item(1).ok()?;
                let folded = crate::fold(text.cast::<PyString>().ok()?.to_str().ok()?);
                if !far_keys.contains(&folded) {
                    far_keys.push(folded);
                }
            }
            if far_keys.is_empty() {
                return Some(near);
            }
            let mut seen: HashSet<u32> = near.iter().copied().collect();
            let mut alike: Vec<u32> = Vec::new();
            for k in &far_keys {
                for w in postings(k)? {
                    if !seen.insert(w) {
                        continue;
                    }
                    let f = facts_of(w)?;
                    if *self.variant_ok.get(w as usize)? && f.region_village {
                        alike.push(w);
                    }
                }
            }
            near.extend(alike);
            Some(near)
        }
    }

    /// The letters whose swap with a neighbour may fold anew (matcher._REFOLDING_LETTERS).
    const REFOLDING: [char; 3] = ['y', 'h', 'j'];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn the_bit_parallel_ratio_is_the_tables() {
        let words = [
            "",
            "a",
            "fuzuli",
            "fizuli",
            "lachin",
            "lahcin",
            "xankendi",
            "khankendi",
            "aaaa",
            "abab",
            "baba",
            "shusha",
            "šuša",
            "шуша",
            "ağdam",
            "aghdam",
            "qwertyuiopasdfghjklzxcvbnm",
        ];
        let long = "abcdefghij".repeat(7); // 70 letters: the table
        for a in words
            .iter()
            .copied()
            .chain([long.as_str(), &long[..64], &long[..63]])
        {
            let r = Ratio::new(a);
            for b in words.iter().copied().chain([long.as_str(), &long[1..65]]) {
                assert_eq!(r.of(b), ratio(&chars(a), &chars(b)), "{a} {b}");
            }
        }
    }

    #[test]
    fn osa_distance_counts_changes_inserts_drops_and_neighbour_swaps() {
        let d = |a: &str, b: &str| osa(&chars(a), &chars(b));
        assert_eq!(d("", ""), 0);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("", "ab"), 2);
        assert_eq!(d("lachin", "lachin"), 0);
        assert_eq!(d("lachin", "lahcin"), 1);
        assert_eq!(d("lachin", "lachn"), 1);
        assert_eq!(d("lachin", "lachinn"), 1);
        assert_eq!(d("lachin", "lochin"), 1);
        assert_eq!(d("ca", "abc"), 3); // (no substring edited twice: Damerau would say 2)
        assert_eq!(d("fuzuli", "fizulu"), 2);
        assert_eq!(d("шуша", "шушаа"), 1);
    }

    #[test]
    fn a_plausible_typo_is_a_like_sound_or_a_neighbouring_key() {
        let mut slipping = Slipping {
            sound_sets: vec![chars("aeiou"), chars("bp")],
            ..Default::default()
        };
        for (r, row) in ["qwertyuiop", "asdfghjkl", "zxcvbnm"].iter().enumerate() {
            for (c, ch) in row.chars().enumerate() {
                slipping
                    .key_at
                    .insert(ch, (0, r as i64, c as f64 + 0.5 * r as f64));
            }
        }
        let p = |a: &str, b: &str| slipping.plausible(&chars(a), &chars(b));
        assert!(p("susulu", "susul")); // a letter dropped
        assert!(p("lachin", "lahcin")); // two swapped
        assert!(p("kapan", "kapen")); // a vowel for a vowel
        assert!(p("berd", "perd")); // like sound
        assert!(p("goris", "gotis")); // r and t lie side by side
        assert!(!p("susulu", "susumu")); // m and l lie apart
    }

    #[test]
    fn osa_counts_one_change_insert_drop_or_swap() {
        assert!(osa_within_one(&chars("fuzuli"), &chars("fuzuli")));
        assert!(osa_within_one(&chars("fuzuli"), &chars("fizuli")));
        assert!(osa_within_one(&chars("fuzuli"), &chars("fuzulli")));
        assert!(osa_within_one(&chars("fuzuli"), &chars("fzuli")));
        assert!(osa_within_one(&chars("lachin"), &chars("lahcin")));
        assert!(!osa_within_one(&chars("lachin"), &chars("lhacni")));
        assert!(!osa_within_one(&chars("abc"), &chars("cba")));
        assert!(!osa_within_one(&chars("fuzuli"), &chars("fuzulill")));
    }

    #[test]
    fn ratio_is_rapidfuzz_indel_similarity() {
        assert_eq!(ratio(&chars("fuzuli"), &chars("fuzuli")), 100.0);
        // two of twelve letters unmatched (u/i)
        assert_eq!(
            ratio(&chars("fuzuli"), &chars("fizuli")),
            (1.0 - 2.0 / 12.0) * 100.0
        );
        assert_eq!(ratio(&chars(""), &chars("")), 100.0);
        assert_eq!(ratio(&chars("abc"), &chars("")), 0.0);
        assert_eq!(
            ratio(&chars("lachin"), &chars("lahcin")),
            (1.0 - 2.0 / 12.0) * 100.0
        );
    }

    #[test]
    fn edit_index_finds_keys_one_edit_away_sorted() {
        let ix = EditIndex::new([
            "fuzuli".to_string(),
            "fizuli".to_string(),
            "lachin".to_string(),
        ]);
        assert_eq!(ix.near("fuzulli", &['i', 'n']), vec!["fuzuli"]);
        assert_eq!(ix.near("fuzuli", &['i', 'n']), vec!["fizuli"]);
        assert_eq!(ix.near("lahcin", &['i', 'n']), vec!["lachin"]);
        // a demonym's letter added is no typo, and a typo keeps the first letter
        assert!(ix.near("lachini", &['i', 'n']).is_empty());
        assert!(ix.near("muzuli", &['i', 'n']).is_empty());
    }

    #[test]
    fn fuzzy_keys_keep_the_first_letter_and_a_near_length_and_enough_shared_letters() {
        let ix = FuzzyKeys::new(
            ["fuzuli", "fizuli", "fuzulikend", "faraway", "lachin"].map(String::from),
        );
        assert_eq!(
            ix.near("fuzuly", 2, 0.0),
            vec!["fuzuli", "fizuli", "faraway"]
        );
        // fizuli shares four letters of fuzuly (f, z, u, l): at most 67, below 80
        assert_eq!(ix.near("fuzuly", 2, 80.0), vec!["fuzuli"]);
        assert!(ix.near("fuzuly", 2, 90.0).is_empty()); // fuzuli: 5 of 12 letters, at most 83
        assert!(ix.near("", 2, 0.0).is_empty());
    }

    #[test]
    fn slips_are_a_letter_typed_once_or_two_neighbours_after_the_first_swapped() {
        let slips = Slips::of("lahcinn").unwrap();
        assert!(slips.contains(&"lachinn".to_string()));
        assert!(slips.contains(&"lahcin".to_string()));
        assert!(!slips.contains(&"alhcinn".to_string()));
        assert!(Slips::of("ləhcin").is_none());
    }

    #[test]
    fn a_texts_script_is_its_first_letters_as_python_tells_letters() {
        assert_eq!(script_code("«Шуша»"), SCRIPT_CYRILLIC);
        assert_eq!(script_code("12 Füzuli"), SCRIPT_LATIN);
        assert_eq!(script_code("Əhmədli"), SCRIPT_LATIN);
        assert_eq!(script_code("Ստեփանակերտ"), SCRIPT_ARMENIAN);
        assert_eq!(script_code("Ⅻ ქუთაისი"), SCRIPT_OTHER); // a Roman numeral is no letter
        assert_eq!(script_code("² 12 –"), SCRIPT_NONE);
    }

    #[test]
    fn dropped_index_puts_back_a_letter_after_the_first() {
        let ix = DroppedIndex::new([("turshsu".to_string(), 7)], &['s', 'h']);
        assert_eq!(ix.get("turshu"), vec![7]);
        assert_eq!(ix.get("turssu"), vec![7]);
        assert!(ix.get("urshsu").is_empty());
    }
}
