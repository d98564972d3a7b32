//! The index's folded keys as one flat table, written once when the index is built
//! (`gazetteer/index.py` stores its bytes in the index file) and read back at every start
//! by copying a few sections, instead of rebuilding a hash map of Python objects.
//!
//! One entry per string the scan probes: a folded key (its variant ids), a word-prefix
//! of a multi-word name, a second word of one, a first word (the most words a name it
//! starts has). One probe of an open-addressing table (FNV-1a, linear probing, at most
//! half full) answers all four; its hash is fixed here, so the bytes mean the same to
//! every build of the crate.
//!
//! Layout (little-endian u32 words, then bytes):
//! `MAGIC, VERSION, n_entries, n_slots, n_ids, n_bytes`, then `n_slots` slots (entry + 1,
//! 0 empty), `4 * n_entries` entry words (`key_off, key_len, ids_off, meta`: `meta` =
//! ids length (16 bits) | flags << 16 | multi_first << 24), `n_ids` ids, `n_bytes` of
//! UTF-8 keys. [`KeyTable::from_bytes`] checks every offset, length and string, so a
//! damaged table is an error (the index is then rebuilt), never a wrong answer.

use std::collections::BTreeMap;

const MAGIC: u32 = u32::from_le_bytes(*b"GZKT");
const VERSION: u32 = 1;
const HEADER: usize = 6;

/// The entry is a key (`key in keys`, whatever its ids).
const IS_KEY: u32 = 1;
/// The entry is a word-prefix (two words or more) of a multi-word name.
const IS_PREFIX: u32 = 2;
/// The entry is the second word of a multi-word name.
const IS_SECOND: u32 = 4;

/// What the index knows of one string, to build a table from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct KeyFacts {
    /// `Some(ids)` for a key (its variant ids, maybe none)
    pub ids: Option<Vec<u32>>,
    pub prefix: bool,
    pub second_word: bool,
    /// the most words a name this word starts has (0: none)
    pub multi_first: u8,
}

/// The keys, read back from their bytes.
#[derive(Debug, Clone, Default)]
pub struct KeyTable {
    slots: Vec<u32>,
    entries: Vec<[u32; 4]>,
    ids: Vec<u32>,
    text: String,
    keys: usize,
}

fn hash(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl KeyTable {
    /// The table's bytes for these strings (in key order, so the bytes follow from the keys).
    pub fn build(facts: &BTreeMap<String, KeyFacts>) -> Result<Vec<u8>, String> {
        let n = facts.len();
        let n_slots = (n * 2).max(8).next_power_of_two();
        let mask = n_slots - 1;
        let mut slots = vec![0u32; n_slots];
        let mut entries = Vec::with_capacity(n);
        let mut ids: Vec<u32> = Vec::new();
        let mut text = String::new();
        for (e, (k, f)) in facts.iter().enumerate() {
            let own = f.ids.as_deref().unwrap_or(&[]);
            if own.len() > 0xFFFF {
                return Err(format!(
                    "key {k:?} has {} variants (at most 65535)",
                    own.len()
                ));
            }
            let flags = if f.ids.is_some() { IS_KEY } else { 0 }
                | if f.prefix { IS_PREFIX } else { 0 }
                | if f.second_word { IS_SECOND } else { 0 };
            let too_big = || format!("the key table is too large ({} bytes of keys)", text.len());
            entries.push([
                u32::try_from(text.len()).map_err(|_| too_big())?,
                u32::try_from(k.len()).map_err(|_| too_big())?,
                u32::try_from(ids.len()).map_err(|_| too_big())?,
                own.len() as u32 | flags << 16 | u32::from(f.multi_first) << 24,
            ]);
            text.push_str(k);
            ids.extend_from_slice(own);
            let mut s = hash(k.as_bytes()) as usize & mask;
            while slots[s] != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = e as u32 + 1;
        }
        let words = HEADER + n_slots + 4 * n + ids.len();
        let mut out = Vec::with_capacity(4 * words + text.len());
        let head = [
            MAGIC,
            VERSION,
            n as u32,
            n_slots as u32,
            ids.len() as u32,
            text.len() as u32,
        ];
        let all = head
            .iter()
            .chain(&slots)
            .chain(entries.iter().flatten())
            .chain(&ids);
        for w in all {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(text.as_bytes());
        Ok(out)
    }

    /// The table in ``bytes``, every part checked.
    pub fn from_bytes(bytes: &[u8]) -> Result<KeyTable, String> {
        let bad = |what: &str| Err(format!("the key table is damaged ({what})"));
        let word = |i: usize| -> Option<u32> {
            let b = bytes.get(4 * i..4 * i + 4)?;
            Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let (Some(magic), Some(version)) = (word(0), word(1)) else {
            return bad("too short");
        };
        if magic != MAGIC || version != VERSION {
            return bad("not a key table of this version");
        }
        let [n, n_slots, n_ids, n_bytes] = [2, 3, 4, 5].map(|i| word(i).unwrap_or(0) as usize);
        if !n_slots.is_power_of_two() || n_slots < n * 2 {
            return bad("slots");
        }
        let words = HEADER + n_slots + 4 * n + n_ids;
        if bytes.len() != 4 * words + n_bytes {
            return bad("size");
        }
        let read = |from: usize, count: usize| -> Vec<u32> {
            bytes[4 * from..4 * (from + count)]
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect()
        };
        let slots = read(HEADER, n_slots);
        let flat = read(HEADER + n_slots, 4 * n);
        let ids = read(HEADER + n_slots + 4 * n, n_ids);
        let Ok(text) = std::str::from_utf8(&bytes[4 * words..]) else {
            return bad("keys are not UTF-8");
        };
        let mut entries = Vec::with_capacity(n);
        let mut keys = 0;
        for e in flat.chunks_exact(4) {
            let [off, len, ids_off, meta] = [e[0], e[1], e[2], e[3]].map(|x| x as usize);
            let id_len = meta & 0xFFFF;
            if off + len > text.len()
                || !text.is_char_boundary(off)
                || !text.is_char_boundary(off + len)
                || ids_off + id_len > ids.len()
            {
                return bad("an entry");
            }
            keys += usize::from((meta >> 16) as u32 & IS_KEY != 0);
            entries.push([e[0], e[1], e[2], e[3]]);
        }
        let mut seen = vec![false; n];
        for &s in &slots {
            if s as usize > n || (s != 0 && std::mem::replace(&mut seen[s as usize - 1], true)) {
                return bad("a slot");
            }
        }
        if seen.iter().any(|s| !s) {
            return bad("an entry without a slot");
        }
        Ok(KeyTable {
            slots,
            entries,
            ids,
            text: text.to_owned(),
            keys,
        })
    }

    fn key_of(&self, e: &[u32; 4]) -> &str {
        &self.text[e[0] as usize..(e[0] + e[1]) as usize]
    }

    fn entry(&self, k: &str) -> Option<&[u32; 4]> {
        self.find(k).map(|e| &self.entries[e])
    }

    /// The number of the entry of ``k``.
    pub fn find(&self, k: &str) -> Option<usize> {
        if self.entries.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut s = hash(k.as_bytes()) as usize & mask;
        loop {
            let e = self.slots[s];
            if e == 0 {
                return None;
            }
            if self.key_of(&self.entries[e as usize - 1]) == k {
                return Some(e as usize - 1);
            }
            s = (s + 1) & mask;
        }
    }

    fn ids_of(&self, e: &[u32; 4]) -> &[u32] {
        &self.ids[e[2] as usize..e[2] as usize + (e[3] & 0xFFFF) as usize]
    }

    /// The variant ids of a key that has some (a key of none reads as no key).
    pub fn get(&self, k: &str) -> Option<&[u32]> {
        let e = self.entry(k)?;
        let ids = self.ids_of(e);
        (e[3] >> 16 & IS_KEY != 0 && !ids.is_empty()).then_some(ids)
    }

    /// The variant ids of a key, maybe none; None: no key.
    pub fn get_key(&self, k: &str) -> Option<&[u32]> {
        let e = self.entry(k)?;
        (e[3] >> 16 & IS_KEY != 0).then(|| self.ids_of(e))
    }

    /// How many entries (keys and the other strings of their shapes).
    pub fn entries(&self) -> usize {
        self.entries.len()
    }

    /// The variant ids of entry ``e`` when it is a key (maybe none).
    pub fn key_at(&self, e: usize) -> Option<&[u32]> {
        let entry = &self.entries[e];
        (entry[3] >> 16 & IS_KEY != 0).then(|| self.ids_of(entry))
    }

    /// `k in keys`, whatever its ids.
    pub fn is_key(&self, k: &str) -> bool {
        self.entry(k).is_some_and(|e| e[3] >> 16 & IS_KEY != 0)
    }

    /// `is_key(k) || multi_first(k).is_some()` in one probe: does a mention start with ``k``
    /// (a key, or the first word of a longer name)?
    pub fn is_key_or_first(&self, k: &str) -> bool {
        self.entry(k)
            .is_some_and(|e| e[3] >> 16 & IS_KEY != 0 || e[3] >> 24 > 0)
    }

    /// Is ``k`` a word-prefix (two words or more) of a multi-word name?
    pub fn is_prefix(&self, k: &str) -> bool {
        self.entry(k).is_some_and(|e| e[3] >> 16 & IS_PREFIX != 0)
    }

    /// Is ``k`` the second word of a multi-word name?
    pub fn is_second_word(&self, k: &str) -> bool {
        self.entry(k).is_some_and(|e| e[3] >> 16 & IS_SECOND != 0)
    }

    /// The most words a name ``k`` starts has.
    pub fn multi_first(&self, k: &str) -> Option<usize> {
        self.entry(k)
            .map(|e| (e[3] >> 24) as usize)
            .filter(|&m| m > 0)
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.keys == 0
    }

    /// The keys (with their ids, maybe none), in key order.
    pub fn keys(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.entries
            .iter()
            .filter(|e| e[3] >> 16 & IS_KEY != 0)
            .map(|e| (self.key_of(e), self.ids_of(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BTreeMap<String, KeyFacts> {
        let mut m = BTreeMap::new();
        let key = |ids: &[u32]| KeyFacts {
            ids: Some(ids.to_vec()),
            ..Default::default()
        };
        m.insert(
            "lachin".into(),
            KeyFacts {
                multi_first: 2,
                ..key(&[3, 4])
            },
        );
        m.insert(
            "lachin corridor".into(),
            KeyFacts {
                prefix: true,
                ..key(&[7])
            },
        );
        m.insert(
            "corridor".into(),
            KeyFacts {
                second_word: true,
                ..Default::default()
            },
        );
        m.insert("şuşa".into(), key(&[]));
        m
    }

    #[test]
    fn a_table_read_back_answers_as_the_facts_it_was_built_from() {
        let t = KeyTable::from_bytes(&KeyTable::build(&sample()).unwrap()).unwrap();
        assert_eq!(t.get("lachin"), Some(&[3, 4][..]));
        assert_eq!(t.get("şuşa"), None);
        assert!(t.is_key("şuşa") && !t.is_key("corridor") && !t.is_key("baku"));
        assert!(t.is_prefix("lachin corridor") && !t.is_prefix("lachin"));
        assert!(t.is_second_word("corridor"));
        assert_eq!(t.multi_first("lachin"), Some(2));
        assert_eq!(t.multi_first("corridor"), None);
        assert_eq!(t.len(), 3);
        let keys: Vec<&str> = t.keys().map(|(k, _)| k).collect();
        assert_eq!(keys, ["lachin", "lachin corridor", "şuşa"]);
    }

    #[test]
    fn a_damaged_table_is_refused() {
        let bytes = KeyTable::build(&sample()).unwrap();
        assert!(KeyTable::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(KeyTable::from_bytes(&[]).is_err());
        for at in [0, 8, 12, 24, 24 + 4 * 9] {
            let mut b = bytes.clone();
            b[at] ^= 0x55;
            assert!(KeyTable::from_bytes(&b).is_err(), "byte {at}");
        }
        let empty = KeyTable::from_bytes(&KeyTable::build(&BTreeMap::new()).unwrap()).unwrap();
        assert!(!empty.is_key("x") && empty.is_empty());
    }
}

#[cfg(feature = "python")]
pub use self::python::{key_table_bytes, Keys, PyKeyTable};

#[cfg(feature = "python")]
pub(crate) mod python {
    use std::collections::BTreeMap;
    use std::ops::Deref;
    use std::sync::{Arc, OnceLock};

    use pyo3::exceptions::{PyKeyError, PyValueError};
    use pyo3::prelude::*;
    use pyo3::types::{PyBytes, PyDict, PyTuple};

    use super::{KeyFacts, KeyTable};

    /// The facts of the keys and their shapes, as the index's Python objects hold them.
    pub(crate) fn facts_of(
        keys: &Bound<'_, PyAny>,
        multi_first: &Bound<'_, PyAny>,
        prefixes: &Bound<'_, PyAny>,
        second_words: &Bound<'_, PyAny>,
    ) -> PyResult<BTreeMap<String, KeyFacts>> {
        let mut facts: BTreeMap<String, KeyFacts> = BTreeMap::new();
        for (k, v) in keys.cast::<PyDict>()?.iter() {
            // (a key that is no valid UTF-8 is never probed: words are valid text)
            if let Ok(k) = k.extract::<String>() {
                facts.entry(k).or_default().ids = Some(v.extract()?);
            }
        }
        for (k, v) in multi_first.cast::<PyDict>()?.iter() {
            if let Ok(k) = k.extract::<String>() {
                let m: usize = v.extract()?;
                facts.entry(k).or_default().multi_first = u8::try_from(m.max(1))
                    .map_err(|_| PyValueError::new_err("a name of more than 255 words"))?;
            }
        }
        for k in prefixes.try_iter()? {
            if let Ok(k) = k?.extract::<String>() {
                facts.entry(k).or_default().prefix = true;
            }
        }
        for k in second_words.try_iter()? {
            if let Ok(k) = k?.extract::<String>() {
                facts.entry(k).or_default().second_word = true;
            }
        }
        Ok(facts)
    }

    /// The bytes of the key table of these keys (folded key -> variant ids) and their
    /// shapes (gazetteer.scan.shapes), written with the index.
    #[pyfunction]
    pub fn key_table_bytes<'py>(
        py: Python<'py>,
        keys: &Bound<'py, PyAny>,
        multi_first: &Bound<'py, PyAny>,
        prefixes: &Bound<'py, PyAny>,
        second_words: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let facts = facts_of(keys, multi_first, prefixes, second_words)?;
        let bytes = KeyTable::build(&facts).map_err(PyValueError::new_err)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// The key table and the tuple of ids of each key, made once when first asked: the
    /// same object every time (the engine keeps rankings by the address of the ids), for
    /// the engine and Python alike.
    pub struct Keys {
        table: KeyTable,
        tuples: Vec<OnceLock<Py<PyAny>>>,
    }

    impl Deref for Keys {
        type Target = KeyTable;
        fn deref(&self) -> &KeyTable {
            &self.table
        }
    }

    impl Keys {
        pub fn new(table: KeyTable) -> Keys {
            let tuples = (0..table.entries()).map(|_| OnceLock::new()).collect();
            Keys { table, tuples }
        }

        /// The tuple of ids of a key, maybe empty; None: no key.
        pub fn key_tuple(&self, py: Python<'_>, k: &str) -> PyResult<Option<Py<PyAny>>> {
            let Some(e) = self.table.find(k) else {
                return Ok(None);
            };
            let Some(ids) = self.table.key_at(e) else {
                return Ok(None);
            };
            self.tuple_at(py, e, ids).map(Some)
        }

        /// The tuple of ids of a key that has some (a key of none reads as no key).
        pub fn hits(&self, py: Python<'_>, k: &str) -> PyResult<Option<Py<PyAny>>> {
            // (the key found once, its tuple read by its entry)
            let Some(e) = self.table.find(k) else {
                return Ok(None);
            };
            match self.table.key_at(e) {
                Some(ids) if !ids.is_empty() => self.tuple_at(py, e, ids).map(Some),
                _ => Ok(None),
            }
        }

        /// The tuple of entry `e`'s ids (`ids`), made once.
        fn tuple_at(&self, py: Python<'_>, e: usize, ids: &[u32]) -> PyResult<Py<PyAny>> {
            if let Some(t) = self.tuples[e].get() {
                return Ok(t.clone_ref(py));
            }
            let t = PyTuple::new(py, ids)?.into_any().unbind();
            Ok(self.tuples[e].get_or_init(|| t).clone_ref(py))
        }
    }

    /// The index's folded keys read from the bytes `key_table_bytes` made: a read-only
    /// mapping, folded key -> tuple of variant ids (what the scanner and the host probe).
    #[pyclass(name = "KeyTable", module = "gazetteer._core", frozen)]
    pub struct PyKeyTable {
        pub(crate) table: Arc<Keys>,
    }

    #[pymethods]
    impl PyKeyTable {
        /// ValueError when the bytes are no whole key table.
        #[new]
        fn new(data: &[u8]) -> PyResult<Self> {
            let table = KeyTable::from_bytes(data).map_err(PyValueError::new_err)?;
            Ok(PyKeyTable {
                table: Arc::new(Keys::new(table)),
            })
        }

        #[pyo3(signature = (key, default = None))]
        fn get<'py>(
            &self,
            py: Python<'py>,
            key: &Bound<'py, PyAny>,
            default: Option<Bound<'py, PyAny>>,
        ) -> PyResult<Option<Bound<'py, PyAny>>> {
            let found = match key.extract::<&str>() {
                Ok(k) => self.table.key_tuple(py, k)?,
                Err(_) => None,
            };
            match found {
                Some(ids) => Ok(Some(ids.into_bound(py))),
                None => Ok(default),
            }
        }

        fn __getitem__<'py>(
            &self,
            py: Python<'py>,
            key: &Bound<'py, PyAny>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let found = match key.extract::<&str>() {
                Ok(k) => self.table.key_tuple(py, k)?,
                Err(_) => None,
            };
            match found {
                Some(ids) => Ok(ids.into_bound(py)),
                None => Err(PyKeyError::new_err(key.clone().unbind())),
            }
        }

        fn __contains__(&self, key: &Bound<'_, PyAny>) -> bool {
            key.extract::<&str>().is_ok_and(|k| self.table.is_key(k))
        }

        fn __len__(&self) -> usize {
            self.table.len()
        }

        fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let keys: Vec<&str> = self.table.keys().map(|(k, _)| k).collect();
            pyo3::types::PyList::new(py, keys)?
                .into_any()
                .try_iter()
                .map(Bound::into_any)
        }
    }
}
