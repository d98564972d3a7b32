//! The full lookup of a query of one word in Latin letters, in compiled code (issue 15).
//!
//! `gazetteer.matcher.Matcher._full_lookup` is the specification. For a query of one word in
//! Latin letters (its key plain ASCII) with no bracket, comma, colon or slash, and no
//! apostrophe unless it holds no space (Buludul'dan, no "Armenia's Martuni"), no
//! cue, generic word, preposition, feature word or qualifier reading applies, and the
//! readings reduce to what `match_key` gives on the whole key (`LooseIndex.match_word`, passed
//! in as `whole`), the respellings of a letter group and the keyboard layout reading. This
//! module ranks the whole key's readings (`_rank`, `consider`), prefers as the full lookup
//! prefers (`early.prefer_region`, `_prefer_region_loosely`, `early.prefer_attested`), sorts,
//! and orders the places of a shared name (`early.as_shared_name`) and of a misspelling read
//! as a name several places bear (`_as_name_misspelt`).
//!
//! It answers None (the Python matcher answers) wherever another reading could count: a key
//! the whole reading finds as a name (a small village's name a prominent place's case may
//! be: `_prominent_readings`), an organisation's name or an Armenian word's key, a word for
//! a kind of place, a key holding a letter group with another spelling (`respellings`), a
//! layout reading that names a place, a misspelling whose name's own answer the compiled
//! early lookup leaves undecided. tests/test_lookup_batch_equivalence.py holds the answers
//! equal to the Python matcher's.

use std::collections::HashSet;

use super::{has_armenian, has_cyrillic, Answer, Lookup, Method, Place, Source};
use crate::fold::fold;
use crate::pyuni::lower;
use crate::scan::pytext::{is_space, strip};

/// What the one-word full lookup reads beyond the early answers' settings (handed over by
/// gazetteer/batch_lookup.py's host).
#[derive(Clone, Debug, Default)]
pub struct WordSettings {
    /// `respell.LETTER_GROUPS`' letter groups: a key holding one has respellings
    pub letter_groups: Vec<String>,
    /// the folded words of `GENERIC_WORDS` and `FEATURE_WORDS` (`_kind_word_alone` reads them)
    pub kind_words: HashSet<String>,
    /// `matcher._RU_KEYS` and `matcher._EN_KEYS`, key for key (`_other_layout`)
    pub ru_keys: Vec<char>,
    pub en_keys: Vec<char>,
    /// `matcher.EDIT_MIN_LEN`: the shortest key the layout reading probes
    pub edit_min_len: usize,
}

/// A query holding one of these has a reading besides its whole key: a bracket
/// (`_PARENTHESIS`), a comma or a colon (`_split_qualified`), a slash (`_cell_spellings`).
const OTHER_READING_MARKS: [char; 5] = ['(', ')', ',', ':', '/'];
/// `_POSSESSIVE`'s apostrophes: a query holding one is read as a possessive ("Armenia's
/// Martuni") only with a space after it; one with no space at all is a word (Buludul'dan).
const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{2018}'];

/// `rapidfuzz.distance.Levenshtein.distance`: insertions, deletions and substitutions, one each.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            let change = diagonal + usize::from(ca != cb);
            row[j + 1] = change.min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

impl WordSettings {
    /// `matcher._other_layout(typed)`: a word typed in the other keyboard layout's letters,
    /// or "" when it holds a key of neither.
    fn other_layout(&self, typed: &str) -> String {
        let swap = |from: &[char], to: &[char]| -> String {
            typed
                .chars()
                .map(|c| from.iter().position(|&k| k == c).map_or(c, |at| to[at]))
                .collect()
        };
        if typed.is_empty() {
            return String::new();
        }
        if typed.chars().all(|c| self.ru_keys.contains(&c)) {
            return swap(&self.ru_keys, &self.en_keys);
        }
        if typed.chars().all(|c| self.en_keys.contains(&c))
            && typed.chars().any(|c| c.is_ascii_alphabetic())
        // (the keys are ASCII)
        {
            return swap(&self.en_keys, &self.ru_keys);
        }
        String::new()
    }
}

impl Lookup {
    /// Is `key` (of `query`) one `full_word` may answer: one word, plain ASCII, of a query
    /// with no other reading's mark, no Armenian or Cyrillic letter, no organisation's name
    /// or Armenian word, no word for a kind of place, no letter group with another spelling?
    pub fn word_in_scope(&self, query: &str, key: &str) -> bool {
        let Some(ws) = self.settings.word.as_ref() else {
            return false;
        };
        !(key.is_empty()
            || key.contains(' ')
            || !key.is_ascii()
            || query.contains(OTHER_READING_MARKS)
            || (query.contains(APOSTROPHES) && query.chars().any(is_space))
            || has_armenian(query)
            || has_cyrillic(query)
            || self.settings.org_names.contains(key)
            || ws.kind_words.contains(key)
            || ws.letter_groups.iter().any(|g| key.contains(g.as_str())))
    }

    /// `Matcher._full_lookup(query, key)` for a query of one word in Latin letters (see the
    /// module's comment), `whole` being `match_key(key)` and `typed` the query stripped in
    /// lower case; None where the Python matcher answers.
    pub fn full_word<S: Source>(
        &mut self,
        src: &S,
        query: &str,
        key: &str,
        typed: &str,
        whole: &[(u32, Method, f64)],
    ) -> Option<Vec<Answer>> {
        if !self.word_in_scope(query, key) || whole.iter().any(|&(_, m, _)| m.whole_name()) {
            return None;
        }
        // consider(whole, None): `_rank`, the best-ranked variant of each place
        let best = self.best_per_place(src, whole.iter().copied())?;
        if best.is_empty() {
            // `_layout_readings`: nothing, unless the other layout's letters name a place
            let ws = self.settings.word.as_ref()?;
            if !typed.contains(' ') && key.chars().count() >= self.settings.loose_min {
                let other = fold(&ws.other_layout(typed));
                if other.chars().count() >= ws.edit_min_len && !src.postings(&other, 0)?.is_empty()
                {
                    return None;
                }
            }
            return Some(best);
        }
        // (mark_exact, prefer_renamed and prefer_as_written read names as written: none here)
        let out = self.finish(src, best, true)?;
        let q = strip(query);
        let out = if out[0].method == Method::Transcription {
            self.as_shared_name(src, key, q, out)?
        } else {
            out
        };
        if out.len() > 1 && out[0].method.loose() {
            return self.as_name_misspelt(src, typed, out);
        }
        Some(out)
    }

    /// `_prefer_region_loosely`: of the places a misspelling reads as (skeleton or one
    /// edit), a village of the conflict region rises to just above the best far one read as
    /// closely (`far_one`: `early.prefer_region`'s far places), by at most
    /// REGION_VILLAGE_BONUS.
    pub(super) fn prefer_region_loosely(
        &self,
        best: &mut [Answer],
        places: &[std::rc::Rc<Place>],
        far_one: &[bool],
    ) {
        if best.len() < 2 {
            return;
        }
        // (rank, score) of the first far one ranked best (Python's max)
        let mut top: Option<(f64, f64)> = None;
        let mut ours: Vec<usize> = Vec::new();
        for (k, c) in best.iter().enumerate() {
            if !c.method.loose() {
                continue;
            }
            let p = &places[k];
            if p.in_region {
                if p.village {
                    ours.push(k);
                }
            } else if far_one[k] && !matches!(top, Some((rank, _)) if c.rank <= rank) {
                top = Some((c.rank, c.score));
            }
        }
        let Some((rank, score)) = top else {
            return;
        };
        let s = &self.settings;
        let ceiling = rank + s.region_margin;
        for k in ours {
            let c = &mut best[k];
            if c.score >= score && c.rank < ceiling {
                let raised = c.rank + s.region_village_bonus;
                c.rank = if ceiling < raised { ceiling } else { raised };
            }
        }
    }

    /// `_as_name_misspelt`: the readings tied at the best score whose variants fold as the
    /// best one's are ordered as the lookup of the name nearest the query (of their variants
    /// and their places' own names) orders them, each position keeping its rank; `out` as it
    /// is when fewer than two tie or names of two spellings are as near. None when the
    /// name's answer is the Python matcher's to give.
    fn as_name_misspelt<S: Source>(
        &mut self,
        src: &S,
        typed: &str,
        out: Vec<Answer>,
    ) -> Option<Vec<Answer>> {
        let key = fold(&self.variant(src, out[0].variant)?.text);
        let mut at: Vec<usize> = Vec::new();
        for (i, c) in out.iter().enumerate() {
            if c.score == out[0].score && fold(&self.variant(src, c.variant)?.text) == key {
                at.push(i);
            }
        }
        if at.len() < 2 {
            return Some(out);
        }
        let mut names: Vec<String> = Vec::new();
        for &i in &at {
            let text = self.variant(src, out[i].variant)?.text.clone();
            if !names.contains(&text) {
                names.push(text);
            }
        }
        for &i in &at {
            let p = self.place(src, out[i].place)?;
            for n in p.names.iter().flatten() {
                if !n.is_empty() && !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        if typed.contains('Σ') || names.iter().any(|n| n.contains('Σ')) {
            return None; // (a final sigma: Python lowers it its own way)
        }
        let typed: Vec<char> = typed.chars().collect();
        let far: Vec<usize> = names
            .iter()
            .map(|n| levenshtein(&typed, &lower(n).chars().collect::<Vec<char>>()))
            .collect();
        let least = *far.iter().min()?;
        let nearest: Vec<&String> = names
            .iter()
            .zip(&far)
            .filter(|(_, &d)| d == least)
            .map(|(n, _)| n)
            .collect();
        let first = fold(nearest[0]);
        if nearest[1..].iter().any(|n| fold(n) != first) {
            return Some(out); // (Solanlı: Soltanlı or Sotlanlı, as near: the slip names neither)
        }
        let name = nearest[0].clone();
        let reference = self.answer(src, &name)?;
        let order = |place: u32| {
            reference
                .iter()
                .position(|c| c.place == place)
                .unwrap_or(reference.len())
        };
        let mut tied: Vec<Answer> = at.iter().map(|&i| out[i].clone()).collect();
        tied.sort_by_key(|c| order(c.place)); // stable, as Python's sorted
        let mut new = out.clone();
        for (&i, c) in at.iter().zip(tied) {
            new[i] = Answer {
                rank: out[i].rank,
                ..c
            };
        }
        Some(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn levenshtein_counts_changes_inserts_and_drops_one_each() {
        assert_eq!(levenshtein(&chars("qaradğlı"), &chars("qaradağlı")), 1);
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars("ab"), &chars("ba")), 2); // (a swap is two changes)
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
    }

    #[test]
    fn a_word_in_the_other_layouts_letters_is_read_in_the_other_layout() {
        let ws = WordSettings {
            ru_keys: chars("йцукенгшщзхъфывапролджэячсмитьбюё"),
            en_keys: chars("qwertyuiop[]asdfghjkl;'zxcvbnm,.`"),
            ..Default::default()
        };
        assert_eq!(ws.other_layout("kfxby"), "лачин");
        assert_eq!(ws.other_layout("дфсршт"), "lachin");
        assert_eq!(ws.other_layout("12"), "");
        assert_eq!(ws.other_layout("lachin1"), "");
    }
}
