//! A word as the key of the engine's table of distinct words: a short word is held in
//! the table's entry itself, so that a probe compares it there instead of reading a
//! second place in memory (on a table of 200,000 words that read missed the cache on
//! nearly every word of a text); a long word is held on the heap.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};

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
    fn a_key_is_no_larger_than_a_boxed_word() {
        assert_eq!(std::mem::size_of::<WordKey>(), 24);
    }
}
