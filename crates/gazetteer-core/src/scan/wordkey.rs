//! A word as the key of the engine's table of distinct words: a short word is held in
//! the table's entry itself, so that a probe compares it there instead of reading a
//! second place in memory (on a table of 200,000 words that read missed the cache on
//! nearly every word of a text); a long word is held on the heap.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};

use super::fxhash::FxMap;

/// The longest word held inline, in bytes (the entry is then 24 bytes, as a boxed one).
const INLINE: usize = 22;

/// A word (valid UTF-8), inline up to `INLINE` bytes, else boxed.
#[derive(Clone)]
pub enum WordKey {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl WordKey {
    pub fn new(word: &str) -> Self {
        if word.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            WordKey::Inline {
                len: word.len() as u8,
                bytes,
            }
        } else {
            WordKey::Heap(word.into())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            WordKey::Inline { len, bytes } => {
                // SAFETY: the bytes are those of a `&str` (`new`), cut at its end
                unsafe { std::str::from_utf8_unchecked(&bytes[..*len as usize]) }
            }
            WordKey::Heap(s) => s,
        }
    }
}

impl Borrow<str> for WordKey {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

// (hashed and compared as the str it holds, as `Borrow` requires)
impl Hash for WordKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq for WordKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for WordKey {}

/// The longest word packed into a key of two machine words, in bytes (the last byte of
/// the key is the length).
const PACKED: usize = 15;

/// `LOW_BYTES[n]`: the mask of the n low bytes of a u128 (a load where a shift by a
/// variable count of a 128-bit value costs several instructions).
const LOW_BYTES: [u128; PACKED + 1] = {
    let mut m = [0u128; PACKED + 1];
    let mut n = 0;
    while n <= PACKED {
        m[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    m
};

/// A word of at most `PACKED` bytes as two machine words: its bytes, zero-padded, and its
/// length in the last byte; two words are the same exactly when their keys are.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct Packed(u64, u64);

impl Packed {
    /// The key of `text[a..b]` (at most `PACKED` bytes): read as 16 bytes from `a` where the
    /// text holds them (one load, then masked), else copied.
    #[inline]
    fn of(text: &str, a: usize, b: usize) -> Self {
        let bytes = text.as_bytes();
        let len = b - a;
        debug_assert!(len <= PACKED);
        let v = match bytes.get(a..a + 16) {
            Some(s) => {
                let v = u128::from_le_bytes(s.try_into().expect("16 bytes"));
                v & LOW_BYTES[len & PACKED]
            }
            None => {
                let mut buf = [0u8; 16];
                buf[..len].copy_from_slice(&bytes[a..b]);
                u128::from_le_bytes(buf)
            }
        } | ((len as u128) << 120);
        Packed(v as u64, (v >> 64) as u64)
    }
}

/// One folded 64 x 64 -> 128-bit multiply (wyhash's mix): the product's high half, which
/// every bit of both key words reaches, is folded into the low bits (the bucket). (A second
/// round cost a fifth of a probe and spread the words of a text no better:
/// `packed_keys_of_different_words_hash_apart`.)
#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let fold = |x: u64, y: u64| {
        let p = (x as u128).wrapping_mul(y as u128);
        (p as u64) ^ ((p >> 64) as u64)
    };
    fold(a ^ 0xa076_1d64_78bd_642f, b ^ 0xe703_7ed1_a0b4_28db)
}

/// An open-addressing table of `Packed` keys (linear probing, at most half full): an
/// entry is its key and value side by side, so a probe reads one place in memory, and
/// where a word's entry lies is known from its key alone (`prefetch`). A key's second word
/// holds the length in its top byte, never 0 for a word: 0 there marks an empty entry.
struct ShortTable<V> {
    entries: Vec<(Packed, V)>,
    len: usize,
}

impl<V: Copy + Default> ShortTable<V> {
    const EMPTY: Packed = Packed(0, 0);

    fn new() -> Self {
        ShortTable {
            entries: vec![(Self::EMPTY, V::default()); 16],
            len: 0,
        }
    }

    #[inline]
    fn home(&self, k: Packed) -> usize {
        mix(k.0, k.1) as usize & (self.entries.len() - 1)
    }

    #[inline]
    fn get(&self, k: Packed) -> Option<&V> {
        self.get_from(k, self.home(k))
    }

    /// `get` from the entry where `k` would be found first (`home`, found before).
    #[inline]
    fn get_from(&self, k: Packed, home: usize) -> Option<&V> {
        let mask = self.entries.len() - 1;
        let mut i = home & mask;
        loop {
            let (key, v) = &self.entries[i];
            if *key == k {
                return Some(v);
            }
            if key.1 == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Ask the processor to bring in entry `home` (where a key would be found first).
    #[inline]
    fn prefetch_home(&self, home: usize) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let at = self
                .entries
                .as_ptr()
                .wrapping_add(home & (self.entries.len() - 1));
            // SAFETY: a prefetch reads nothing the program sees; `at` is inside `entries`
            unsafe { _mm_prefetch(at as *const i8, _MM_HINT_T0) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = home;
    }

    fn insert(&mut self, k: Packed, v: V) {
        if 2 * (self.len + 1) > self.entries.len() {
            let grown = vec![(Self::EMPTY, V::default()); 2 * self.entries.len()];
            let old = std::mem::replace(&mut self.entries, grown);
            self.len = 0;
            for (key, v) in old {
                if key.1 != 0 {
                    self.insert(key, v);
                }
            }
        }
        let mask = self.entries.len() - 1;
        let mut i = self.home(k);
        loop {
            let (key, old) = &mut self.entries[i];
            if *key == k {
                *old = v;
                return;
            }
            if key.1 == 0 {
                (*key, *old) = (k, v);
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The most entries of a table of short words read without asking memory ahead
/// (`WordTable::is_small`: 16,384 entries of 24 bytes, 384 KB).
const SMALL_TABLE: usize = 1 << 14;

/// Where a word is looked for in a `WordTable` (`WordTable::probe_at`): a short word's key
/// and its first entry; a long word's key is empty.
#[derive(Clone, Copy, Default)]
pub struct Probe {
    key: Packed,
    home: usize,
}

/// A table of words (the engine's distinct words): a word of at most `PACKED` bytes is
/// probed as two machine words (one hash of two multiplies, one compare, one read of a
/// 24-byte entry, `ShortTable`), a longer one (and the empty word, whose key would read as
/// an empty entry) as a `WordKey`.
pub struct WordTable<V> {
    short: ShortTable<V>,
    long: FxMap<WordKey, V>,
}

impl<V: Copy + Default> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            short: ShortTable::new(),
            long: FxMap::default(),
        }
    }
}

impl<V: Copy + Default> WordTable<V> {
    /// The value of the word `text[a..b]`.
    /// (inlined where it is called: a call's saving and restoring of registers cost as
    /// much as the probe of a word in a small table)
    #[inline(always)]
    pub fn get_at(&self, text: &str, a: usize, b: usize) -> Option<&V> {
        if (1..=PACKED).contains(&(b - a)) {
            self.short.get(Packed::of(text, a, b))
        } else {
            self.long.get(&text[a..b])
        }
    }
    /// Where the word `text[a..b]` is looked for, found once for `prefetch` and `get_probe`
    /// (a short word's key and first entry; the table must not change between).
    #[inline]
    pub fn probe_at(&self, text: &str, a: usize, b: usize) -> Probe {
        if (1..=PACKED).contains(&(b - a)) {
            let key = Packed::of(text, a, b);
            Probe {
                key,
                home: self.short.home(key),
            }
        } else {
            Probe {
                key: ShortTable::<V>::EMPTY,
                home: 0,
            }
        }
    }
    /// Does the table of short words fit the processor's nearer caches (`SMALL_TABLE`
    /// entries at most), where asking memory ahead (`prefetch`) only costs instructions?
    #[inline]
    pub fn is_small(&self) -> bool {
        self.short.entries.len() <= SMALL_TABLE
    }
    /// Bring in where a word would be found (a short word), ahead of `get_probe`: the
    /// words of a text are looked up one after another, their entries fetched from
    /// memory at once.
    #[inline]
    pub fn prefetch(&self, p: Probe) {
        if p.key.1 != 0 {
            self.short.prefetch_home(p.home);
        }
    }
    /// `get_at(text, a, b)` through the word's `probe_at` (no second hash).
    #[inline]
    pub fn get_probe(&self, p: Probe, text: &str, a: usize, b: usize) -> Option<&V> {
        if p.key.1 != 0 {
            self.short.get_from(p.key, p.home)
        } else {
            self.long.get(&text[a..b])
        }
    }
    pub fn get(&self, word: &str) -> Option<&V> {
        self.get_at(word, 0, word.len())
    }
    pub fn insert(&mut self, word: &str, v: V) {
        if (1..=PACKED).contains(&word.len()) {
            self.short.insert(Packed::of(word, 0, word.len()), v);
        } else {
            self.long.insert(WordKey::new(word), v);
        }
    }
    pub fn len(&self) -> usize {
        self.short.len + self.long.len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn clear(&mut self) {
        self.short = ShortTable::new();
        self.long.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::fxhash::FxMap;

    #[test]
    fn words_short_and_long_are_found_by_their_str() {
        let words = [
            "",
            "a",
            "Füzuli’de",
            "exactly-22-bytes-long!",
            "twenty-three bytes long",
            "Nagorno-Karabakh-Respublikasının",
            "Ղարաբաղ",
        ];
        let mut map: FxMap<WordKey, usize> = FxMap::default();
        for (i, w) in words.iter().enumerate() {
            map.insert(WordKey::new(w), i);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(*w), Some(&i), "{w:?}");
            assert_eq!(WordKey::new(w).as_str(), *w);
        }
        assert_eq!(map.get("Füzuli"), None);
        assert_eq!(map.get("exactly-22-bytes-long"), None);
        assert!(matches!(
            WordKey::new("exactly-22-bytes-long!"),
            WordKey::Inline { .. }
        ));
        assert!(matches!(
            WordKey::new("twenty-three bytes long"),
            WordKey::Heap(_)
        ));
    }

    #[test]
    fn a_word_table_finds_each_word_by_its_bytes_wherever_it_stands() {
        let words = [
            "a",
            "ab",
            "Füzuli’de",
            "exactly-15-byte",
            "exactly-16-bytes",
            "Nagorno-Karabakh-Respublikasının",
            "Ղարաբաղ",
            "b",
            "ba",
        ];
        let mut table: WordTable<usize> = WordTable::default();
        for (i, w) in words.iter().enumerate() {
            table.insert(w, i);
        }
        assert_eq!(table.len(), words.len());
        // each word inside a longer text (a 16-byte load past it) and at its very end (copied)
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w), Some(&i), "{w:?}");
            let text = format!("xx {w} and a long tail after it");
            assert_eq!(table.get_at(&text, 3, 3 + w.len()), Some(&i), "{w:?}");
            let text = format!("xx {w}");
            assert_eq!(table.get_at(&text, 3, 3 + w.len()), Some(&i), "{w:?}");
        }
        // prefixes, and words that differ only past what a prefix holds, are other words
        for w in [
            "",
            "aa",
            "Füzuli",
            "exactly-15-by",
            "exactly-16-byte",
            "a\0",
        ] {
            assert_eq!(table.get(w), None, "{w:?}");
        }
        assert_eq!(table.get_at("abc", 0, 1), Some(&0));
        assert_eq!(table.get_at("abc", 0, 2), Some(&1));
        table.clear();
        assert!(table.is_empty());
        assert_eq!(table.get("a"), None);
    }

    #[test]
    fn a_word_table_keeps_every_word_through_its_growth() {
        let mut table: WordTable<u64> = WordTable::default();
        let word = |k: u64| format!("w{k}x{}", k % 7);
        for k in 0..50_000u64 {
            table.insert(&word(k), k);
        }
        table.insert(&word(7), 70); // a word again: its value replaced
        assert_eq!(table.len(), 50_000);
        for k in 0..50_000u64 {
            let w = word(k);
            let probe = table.probe_at(&w, 0, w.len());
            table.prefetch(probe);
            let want = if k == 7 { 70 } else { k };
            assert_eq!(table.get(&w), Some(&want), "{w}");
            assert_eq!(table.get_probe(probe, &w, 0, w.len()), Some(&want), "{w}");
        }
        assert_eq!(table.get("w50000x6"), None);
    }

    #[test]
    fn packed_keys_of_different_words_hash_apart() {
        // (a weak hash crowded words sharing their first letters into few buckets)
        let mut seen = std::collections::HashSet::new();
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                for c in ["", "s", "ed", "ing"] {
                    let w = format!("{}{}{c}", a as char, b as char);
                    let p = Packed::of(&w, 0, w.len());
                    assert!(seen.insert(mix(p.0, p.1) & 0xffff_ffff), "{w}");
                }
            }
        }
    }

    #[test]
    fn a_key_is_no_larger_than_a_boxed_word() {
        assert_eq!(std::mem::size_of::<WordKey>(), 24);
    }
}
