//! The candidate generators of `gazetteer lookup`'s loose methods (issue 15: batch lookup at
//! 100,000 names a second): the keys one edit from a query and the region's village names
//! a query may be with a letter dropped.
//!
//! `gazetteer.matcher.Matcher` keeps the Python twin of each (`_edit_index`/`_edit_keys`,
//! `_dropped_index`) and every decision: which candidate wins stays in Python. The Python
//! indexes took about half a second to build in each process and their probes a dictionary
//! lookup for each letter of each misspelt name; here they are built in tens of
//! milliseconds, once, when the first name reaches the loose methods (a cold one-name lookup
//! never builds them). tests/test_loose_twin.py holds the compiled and the Python
//! generators equal.

use crate::scan::fxhash::FxMap;

/// `key` less its `i`-th code point.
fn without(chars: &[char], i: usize) -> String {
    chars[..i].iter().chain(&chars[i + 1..]).collect()
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

/// Each key of a place that matters and each of its one-code-point deletions -> the keys
/// (`Matcher._edit_index`): a deletion the query shares with a key finds every edit in a
/// few probes.
#[derive(Default)]
pub struct EditIndex {
    keys: Vec<Box<str>>,
    by_deletion: FxMap<Box<str>, Vec<u32>>,
}

impl EditIndex {
    pub fn new(keys: impl IntoIterator<Item = String>) -> Self {
        let mut out = EditIndex::default();
        for key in keys {
            let id = out.keys.len() as u32;
            let chars: Vec<char> = key.chars().collect();
            let mut forms: Vec<String> = (0..chars.len()).map(|i| without(&chars, i)).collect();
            forms.push(key.clone());
            forms.sort_unstable();
            forms.dedup();
            for form in forms {
                out.by_deletion
                    .entry(form.into_boxed_str())
                    .or_default()
                    .push(id);
            }
            out.keys.push(key.into_boxed_str());
        }
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
        let mut ids: Vec<u32> = Vec::new();
        let mut probe = |form: &str| {
            if let Some(found) = self.by_deletion.get(form) {
                ids.extend_from_slice(found);
            }
        };
        probe(key);
        for i in 0..chars.len() {
            probe(&without(&chars, i));
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
/// those variants (`Matcher._dropped_index`).
#[derive(Default)]
pub struct DroppedIndex {
    by_deletion: FxMap<Box<str>, Vec<u32>>,
}

impl DroppedIndex {
    /// From (key, variant) pairs, in the order the Python twin meets them; a letter is
    /// dropped only when it is one of `letters`.
    pub fn new(pairs: impl IntoIterator<Item = (String, u32)>, letters: &[char]) -> Self {
        let mut out = DroppedIndex::default();
        for (key, v) in pairs {
            let chars: Vec<char> = key.chars().collect();
            let mut forms: Vec<String> = (1..chars.len())
                .filter(|&j| letters.contains(&chars[j]))
                .map(|j| without(&chars, j))
                .collect();
            forms.sort_unstable();
            forms.dedup();
            for form in forms {
                out.by_deletion
                    .entry(form.into_boxed_str())
                    .or_default()
                    .push(v);
            }
        }
        out
    }

    /// The variants whose key is `key` with one letter put back.
    pub fn get(&self, key: &str) -> &[u32] {
        self.by_deletion.get(key).map_or(&[], |v| v.as_slice())
    }
}

/// The keys rapidfuzz compares a misspelt key with (`Matcher._fuzzy_keys`): of places loose
/// matching may return, by first letter and length, in the index's order; and of those only
/// the ones whose letters could reach the similarity needed.
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
/// the ones whose letters could reach the similarity needed.
#[derive(Default)]
pub struct FuzzyKeys {
    keys: Vec<Box<str>>,
    letters: Vec<Letters>,
    by_start: FxMap<(char, usize), Vec<u32>>,
}

impl FuzzyKeys {
    /// From the keys, in the index's order (each already of a place loose matching may return
    /// and long enough).
    pub fn new(keys: impl IntoIterator<Item = String>) -> Self {
        let mut out = FuzzyKeys::default();
        for key in keys {
            let Some(first) = key.chars().next() else {
                continue;
            };
            let id = out.keys.len() as u32;
            out.by_start
                .entry((first, key.chars().count()))
                .or_default()
                .push(id);
            out.letters.push(letters(&key));
            out.keys.push(key.into_boxed_str());
        }
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
            let Some(ids) = self.by_start.get(&(first, m)) else {
                continue;
            };
            // the letters a key must share with this one to reach `need`, less a hair for
            // the rounding of rapidfuzz's division
            let least = need * (n + m) as f64 / 200.0 - 1e-9;
            for &id in ids {
                let theirs = &self.letters[id as usize];
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

#[cfg(feature = "python")]
pub mod py {
    use std::collections::HashSet;

    use pyo3::prelude::*;
    use pyo3::types::{PyDict, PyList, PyTuple};

    use super::{DroppedIndex, EditIndex, FuzzyKeys};

    /// LooseIndex(host, /)
    /// --
    ///
    /// The loose methods' candidate generators over the index held in memory (built by
    /// gazetteer/matcher.py's ``Matcher._compiled_loose``): ``edit_keys`` and ``dropped``.
    #[pyclass(module = "gazetteer._core", name = "LooseIndex", unsendable)]
    pub struct PyLooseIndex {
        edits: EditIndex,
        dropped: DroppedIndex,
        fuzzy: FuzzyKeys,
        fuzzy_slack: usize,
        demonym_letters: Vec<char>,
    }

    /// What the generators read of a place row.
    struct Layout {
        kind: usize,
        country: usize,
        lat: usize,
        lon: usize,
        importance: usize,
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

            // each place: (matters for one edit, a village of the conflict region, loose matching
            // may return it)
            let mut facts: Vec<(bool, bool, bool)> = Vec::with_capacity(places.len());
            for row in places.iter() {
                let row = row.cast_into::<PyTuple>()?;
                let kind: String = row.get_item(l.kind)?.extract()?;
                let country: String = row.get_item(l.country)?.extract()?;
                let importance: f64 = row.get_item(l.importance)?.extract()?;
                let lat: f64 = row.get_item(l.lat)?.extract()?;
                let lon: f64 = row.get_item(l.lon)?.extract()?;
                let loose = focus.contains(&country) || kind == country_kind;
                let matters = loose && importance >= min_importance;
                let region_village =
                    kind == village_kind && s <= lat && lat <= n && w <= lon && lon <= e;
                facts.push((matters, region_village, loose));
            }
            // each variant: its place, and whether it needs no context and is no
            // machine-translation error
            let mut usable: Vec<(u32, bool)> = Vec::with_capacity(variants.len());
            for row in variants.iter() {
                let row = row.cast_into::<PyTuple>()?;
                let needs_context = row.get_item(4)?.is_truthy()?;
                let vtype = row.get_item(3)?;
                let ok = !needs_context && vtype.extract::<&str>()? != mt_error;
                usable.push((row.get_item(0)?.extract()?, ok));
            }
            let mut edit_keys: Vec<String> = Vec::new();
            let mut dropped_pairs: Vec<(String, u32)> = Vec::new();
            let mut fuzzy_keys: Vec<String> = Vec::new();
            let fact = |v: u32| -> PyResult<((bool, bool, bool), bool)> {
                let (place, ok) = *usable.get(v as usize).ok_or_else(|| {
                    pyo3::exceptions::PyIndexError::new_err("variant out of range")
                })?;
                let f = *facts
                    .get(place as usize)
                    .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("place out of range"))?;
                Ok((f, ok))
            };
            for (key, vs) in keys.iter() {
                let key: String = key.extract()?;
                let vs: Vec<u32> = vs.extract()?;
                let long = key.chars().filter(|&c| c != ' ').count() >= min_len;
                let mut edit = false;
                let mut loose = false;
                for &v in &vs {
                    let ((matters, region_village, loose_ok), ok) = fact(v)?;
                    loose |= loose_ok;
                    if !ok {
                        continue;
                    }
                    edit |= long && matters;
                    if region_village {
                        dropped_pairs.push((key.clone(), v));
                    }
                }
                if loose && key.chars().count() + 1 >= fuzzy_min_len {
                    fuzzy_keys.push(key.clone());
                }
                if edit {
                    edit_keys.push(key);
                }
            }
            let letters: Vec<char> = dropped_letters.chars().collect();
            Ok(PyLooseIndex {
                edits: EditIndex::new(edit_keys),
                dropped: DroppedIndex::new(dropped_pairs, &letters),
                fuzzy: FuzzyKeys::new(fuzzy_keys),
                fuzzy_slack,
                demonym_letters: demonym_letters.chars().collect(),
            })
        }

        /// edit_keys(key, /)
        /// --
        ///
        /// ``Matcher._edit_keys(key)``: the keys of places that matter one edit from ``key``, sorted.
        fn edit_keys(&self, key: &str) -> Vec<&str> {
            self.edits.near(key, &self.demonym_letters)
        }

        /// dropped(key, /)
        /// --
        ///
        /// ``Matcher._dropped_index().get(key, ())``: the region villages' variants whose key
        /// is ``key`` with one letter put back.
        fn dropped(&self, key: &str) -> Vec<u32> {
            self.dropped.get(key).to_vec()
        }

        /// fuzzy_keys(key, need, /)
        /// --
        ///
        /// ``Matcher._fuzzy_keys(key)`` less the keys whose ``fuzz.ratio`` with ``key`` cannot
        /// reach ``need`` (all of them for ``need`` 0).
        fn fuzzy_keys(&self, key: &str, need: f64) -> Vec<&str> {
            self.fuzzy.near(key, self.fuzzy_slack, need)
        }

        fn __len__(&self) -> usize {
            self.edits.len()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
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
    fn dropped_index_puts_back_a_letter_after_the_first() {
        let ix = DroppedIndex::new([("turshsu".to_string(), 7)], &['s', 'h']);
        assert_eq!(ix.get("turshu"), &[7]);
        assert_eq!(ix.get("turssu"), &[7]);
        assert!(ix.get("urshsu").is_empty());
    }
}
