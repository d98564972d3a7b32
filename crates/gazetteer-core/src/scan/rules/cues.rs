//! Place cues: a cue word right after the span, an apposition after it and a comma ("Tugh,
//! a village near Hadrut"), or a cue word or phrase right before it, and a plural cue that
//! reaches every name of a list.

use pyo3::prelude::*;

use super::super::engine::{Engine, Words};
use super::super::facts::Facts;
use super::super::pytext::strip;
use super::super::text::joins;
use super::Around;

/// A cue: its group ("admin", "settlement", "article"...: each name kept once,
/// `facts::group`, so a cue found copies none) and its text as written.
pub type Cue = (Option<&'static str>, Option<String>);

/// `_comma`: does a comma separate two items of a list here?
pub fn comma(gap: &str) -> bool {
    strip(gap) == ","
}

/// Is a word one lower-case letter (с, г: an abbreviation, not an initial)?
/// Does a dash join the name to a capitalised word after it ("the Tartar–Sugovushan–Talish
/// road")? Then an article before the name is the route's, not a river's.
fn route_after(cx: &Words<'_, '_>, j: usize) -> bool {
    j < cx.len()
        && matches!(strip(cx.gap(j)), "–" | "—" | "-")
        && cx.word(j).chars().next().is_some_and(char::is_uppercase)
}

fn one_lower_letter(word: &str) -> bool {
    let mut c = word.chars();
    matches!((c.next(), c.next()), (Some(x), None) if x.is_lowercase())
}

fn admin_or_settlement(group: Option<&str>) -> bool {
    matches!(group, Some("admin" | "settlement"))
}

impl Engine {
    /// `_item_before`: the last word of the list item before the one that starts at word
    /// k, across a comma or a conjunction; None where k follows no other item.
    pub(crate) fn item_before(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        k: usize,
    ) -> PyResult<Option<usize>> {
        if k >= 1 && comma(cx.gap(k)) {
            return Ok(Some(k - 1));
        }
        if k >= 2 && cx.gap(k) == " " {
            let f = self.facts_at(py, cx, k - 1)?;
            if f.conjunction || f.list_word {
                return Ok(Some(k - 2));
            }
        }
        Ok(None)
    }

    /// The facts of word j, after a span: the judge's (`around`), else read into `read`
    /// on the first ask.
    #[inline]
    fn after_span<'f>(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        j: usize,
        around: Option<&'f Around>,
        read: &'f mut Option<Facts>,
    ) -> PyResult<&'f Facts> {
        match around {
            Some(a) => Ok(a.after()),
            None => match read {
                Some(f) => Ok(f),
                None => Ok(read.insert(self.facts_at(py, cx, j)?)),
            },
        }
    }

    /// `_cue`: the place cue right after (j) or right before (i) the span.
    pub(crate) fn cue(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        depth: usize,
        around: Option<&Around>,
    ) -> PyResult<Cue> {
        let n = cx.len();
        // (the facts of the span's edges: lent by the judge's record of them, or read here
        // once when first asked; a copy of the facts out of the record at each ask cost
        // ~90 instructions a candidate)
        let mut read: Option<Facts> = None;
        let list_items = self.weights.list_items;
        // a plural cue after the last name of a list applies to every name of it
        if depth < list_items && j + 1 < n {
            let fj = self.after_span(py, cx, j, around, &mut read)?;
            let mut nxt = None;
            if (fj.conjunction || fj.list_word) && j + 2 < n {
                nxt = Some(j + 1);
            } else if comma(cx.gap(j)) {
                nxt = Some(j);
            }
            if let Some(k) = nxt {
                if self.facts_at(py, cx, k)?.list_item {
                    // (the next item of one word, or of two: "Tuğ və Böyük Tağlar kəndlərinə")
                    let two = k + 2 < n
                        && cx.gap(k + 1) == " "
                        && self.facts_at(py, cx, k + 1)?.list_item;
                    for end in [k + 1, k + 2] {
                        if end == k + 2 && !two {
                            break;
                        }
                        let (group, cue) = self.cue(py, cx, k, end, depth + 1, None)?;
                        if admin_or_settlement(group) {
                            if let Some(c) = &cue {
                                if !c.is_empty() && self.plural(py, c)? {
                                    return Ok((group, cue));
                                }
                            }
                        }
                    }
                }
            }
        }
        if j < n && joins(cx.gap(j)) {
            if let Some(group) = self.after_span(py, cx, j, around, &mut read)?.suffix_group {
                if !group.is_empty() {
                    return Ok((Some(group), Some(cx.word(j).to_owned())));
                }
            }
        }
        if j + 1 < n && comma(cx.gap(j)) {
            if let Some(found) = self.apposition_cue(py, cx, j)? {
                return Ok(found);
            }
        }
        if i >= 1 {
            // a cue before the name joins it without punctuation between: "сёла, Товуз
            // ночью светится" ends a clause at the comma, no "villages Tovuz"
            let joined = !cx.gap(i).contains([',', ';', '.', '!', '?', '…']);
            let last = self.fold_bits_at(cx, i - 1);
            for (k, is_last) in [(3usize, last.prefix_last3), (2, last.prefix_last2)] {
                if joined && i >= k && is_last {
                    if let Some(group) = self.prefix_cue_group(cx, i - k, i) {
                        if !group.is_empty() {
                            let cue = cx.slice(i - k, i - 1);
                            return Ok((Some(group), Some(cue.to_owned())));
                        }
                    }
                }
            }
            let read_before;
            let before = match around {
                Some(a) => a.before(),
                None => {
                    read_before = self.facts_at(py, cx, i - 1)?;
                    &read_before
                }
            };
            if let Some(group) = before.prefix_group.filter(|_| joined) {
                if !group.is_empty() {
                    return Ok((Some(group), Some(cx.word(i - 1).to_owned())));
                }
            }
            if cx.gap(i) == ". " && one_lower_letter(cx.word(i - 1)) {
                // "уроженец с. Туг", "в г. Шуша": a one-letter abbreviation of a cue (shorter
                // than a word cue may be); in lower case, no initial ("S. Aras")
                if let Some(&group) = self.tables.prefix_cues.get(&**cx.folded(i - 1)) {
                    if !group.is_empty() {
                        return Ok((Some(group), Some(cx.word(i - 1).to_owned())));
                    }
                }
            }
            let first_upper = match around {
                Some(a) => a.first.first_upper,
                None => self.facts_at(py, cx, i)?.first_upper,
            };
            if before.article && first_upper && !route_after(cx, j) {
                return Ok((Some("article"), Some(cx.word(i - 1).to_owned())));
            }
            if depth == 0 {
                return self.list_prefix_cue(py, cx, i);
            }
        }
        Ok((None, None))
    }

    /// An apposition after a name and a comma, from word k on, is the name's cue: an
    /// article (`lang/<code>/apposition_articles.txt`), at most one word more ("a small
    /// village", "a Tovuz village"), a singular settlement or administrative cue word in
    /// lower case (`cues_after_*.txt`), then what goes on with the phrase: a preposition or
    /// another function word, a relative word or participle (`apposition_followers.txt`), a
    /// figure, punctuation, or the text's end ("Tugh, a village near Hadrut", "Lachin, the
    /// district town of ...", "Fuzuli, a district of Azerbaijan", "Khachen, a small
    /// village."; not "the village council"); the cue is the phrase from the article to the
    /// cue word ("a village"), or the cue word and its preposition ("село в"). Without an
    /// article (Russian has none) only a cue word and a preposition of place do ("Туг, село
    /// в Гадрутском районе"). A plural is a list's or a region's ("Fuzuli, villages and
    /// towns"), and a list of names has no cue word; "the town of" before a capitalised word
    /// is the next name's cue ("Aghdam, the town of Barda ...").
    fn apposition_cue(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        k: usize,
    ) -> PyResult<Option<Cue>> {
        let n = cx.len();
        let fk = self.facts_at(py, cx, k)?;
        let article = fk.first_lower
            && cx.gap(k + 1) == " "
            && self.tables.apposition_articles.contains(cx.word(k));
        let first = if article { k + 1 } else { k };
        // (the cue word right after the article, or after one word more: "a mountain village")
        let last = if article { first + 1 } else { first };
        for c in first..=last.min(n - 1) {
            if c > first && cx.gap(c) != " " {
                break;
            }
            let f = self.facts_at(py, cx, c)?;
            if !f.first_lower {
                continue; // (a capital only on the word before the cue word: "a Tovuz village")
            }
            let Some(group) = f
                .suffix_group
                .filter(|g| matches!(*g, "settlement" | "admin"))
            else {
                continue;
            };
            if self.plural(py, cx.word(c))? {
                break;
            }
            let goes_on = if c + 1 == n {
                article && strip(cx.gap(n)).chars().all(|ch| ".!?".contains(ch))
            } else if cx.gap(c + 1) == " " {
                let g = self.facts_at(py, cx, c + 1)?;
                if article {
                    let figure = cx.word(c + 1).starts_with(|ch: char| ch.is_ascii_digit());
                    let names_next = fk.article
                        && c + 2 < n
                        && cx.gap(c + 2) == " "
                        && self.facts_at(py, cx, c + 2)?.first_upper
                        && self.prefix_cue_group(cx, c, c + 2).is_some();
                    let follows = g.function_word
                        || g.locative
                        || figure
                        || self.tables.apposition_followers.contains(cx.word(c + 1));
                    follows && !names_next
                } else {
                    g.locative
                }
            } else {
                article
                    && strip(cx.gap(c + 1))
                        .starts_with([',', '.', ';', ':', ')', '!', '?', '—', '–'])
            };
            if goes_on {
                // (the cue as read, more than the kind word: normalise leaves a kind word
                // right after a name to the name, "the Gabriel region", not an apposition's)
                let cue = if article {
                    cx.slice(k, c)
                } else {
                    cx.slice(c, c + 1)
                };
                return Ok(Some((Some(group), Some(cue.to_owned()))));
            }
        }
        Ok(None)
    }

    /// `_list_prefix_cue`: a plural cue before a list applies to each of its names
    /// ("the villages of Sos, Taghavard and Machkalashen").
    fn list_prefix_cue(&mut self, py: Python<'_>, cx: &Words<'_, '_>, i: usize) -> PyResult<Cue> {
        let list_items = self.weights.list_items;
        let mut k = i;
        for _ in 0..list_items {
            let Some(before) = self.item_before(py, cx, k)? else {
                return Ok((None, None));
            };
            k = before;
            if !self.facts_at(py, cx, k)?.list_item {
                return Ok((None, None));
            }
            while k >= 1 && self.facts_at(py, cx, k - 1)?.first_upper && joins(cx.gap(k)) {
                k -= 1;
            }
            if k >= 1 && joins(cx.gap(k)) {
                let (group, cue) = self.cue(py, cx, k, k + 1, list_items, None)?;
                if group.is_some() && group != Some("article") {
                    let plural = match &cue {
                        Some(c) if admin_or_settlement(group) => self.plural(py, c)?,
                        _ => false,
                    };
                    return Ok(if plural { (group, cue) } else { (None, None) });
                }
            }
        }
        Ok((None, None))
    }
}
