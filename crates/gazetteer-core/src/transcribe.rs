//! The transcription tables of `gazetteer lookup` (`lang/<code>/transcriptions.tsv`, read by
//! `gazetteer.lang.load_transcriptions` and handed over as they are read) applied to a
//! folded key: the readings `Matcher._transcribed` tries when a key is no known name
//! (German "dschabrajil" -> "jabrayil"). The Python functions stay the reference:
//! `transcription_readings` and `Matcher._transcribed_python` in gazetteer/matcher.py, which
//! tests/test_batch_lookup_compiled.py checks this module against on generated keys.

use crate::fold::fold;

/// One rule: a letter group, whether it must end a word, the readings it may stand for.
#[derive(Clone, Debug)]
pub struct Rule {
    pub group: String,
    pub at_end: bool,
    pub readings: Vec<String>,
}

/// One language's table, its rules longest group first (as `load_transcriptions` sorts them).
#[derive(Debug)]
pub struct Table {
    rules: Vec<Rule>,
    /// each rule's readings: those of the first rule with the same group (the Python twin's
    /// `readings.setdefault(r.group, r.readings)`)
    readings_of: Vec<usize>,
    /// the letters of the groups that are not all ASCII (ISO 9's ž, č, š); a table that has
    /// some is read on the query as typed, and only when it holds one of them
    marks: Vec<char>,
    /// by a group's first byte, the rules whose group begins with it, in their order: the
    /// only rules that may match where a key has that byte (`rule_at` tries those alone)
    by_first: Vec<Vec<usize>>,
}

impl Table {
    pub fn new(rules: Vec<Rule>) -> Option<Table> {
        if rules.iter().any(|r| r.group.is_empty()) {
            return None; // a group that matches nothing: the Python twin reads such a table
        }
        let readings_of = rules
            .iter()
            .map(|r| rules.iter().position(|q| q.group == r.group).unwrap_or(0))
            .collect();
        let mut marks: Vec<char> = rules
            .iter()
            .filter(|r| !r.group.is_ascii())
            .flat_map(|r| r.group.chars())
            .collect();
        marks.sort_unstable();
        marks.dedup();
        let mut by_first: Vec<Vec<usize>> = vec![Vec::new(); 256];
        for (n, r) in rules.iter().enumerate() {
            by_first[usize::from(r.group.as_bytes()[0])].push(n);
        }
        Some(Table {
            rules,
            readings_of,
            marks,
            by_first,
        })
    }

    /// The rule that matches at byte `at` of `key` (the first in order, as a regular
    /// expression's alternatives are tried), if any.
    fn rule_at(&self, key: &str, at: usize) -> Option<usize> {
        let rest = &key[at..];
        let first = *rest.as_bytes().first()?;
        self.by_first[usize::from(first)]
            .iter()
            .copied()
            .find(|&n| {
                let r = &self.rules[n];
                rest.starts_with(r.group.as_str())
                    && (!r.at_end || {
                        let after = &rest[r.group.len()..];
                        after.is_empty() || after.starts_with(' ')
                    })
            })
    }

    /// `transcription_readings(key, lang)`: the folded readings of `key` by this table,
    /// without `key` itself, at most `limit` combinations tried (in `itertools.product`'s
    /// order). None for a key with a line break (where the Python pattern's `$` differs).
    pub fn readings(&self, key: &str, limit: usize) -> Option<Vec<String>> {
        if key.contains('\n') {
            return None;
        }
        let mut parts: Vec<Vec<&str>> = Vec::new();
        let mut at = 0;
        let mut i = 0;
        while i < key.len() {
            match self.rule_at(key, i) {
                Some(r) => {
                    if i > at {
                        parts.push(vec![&key[at..i]]);
                    }
                    let rule = &self.rules[self.readings_of[r]];
                    parts.push(rule.readings.iter().map(String::as_str).collect());
                    i += self.rules[r].group.len();
                    at = i;
                }
                None => i += key[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
        if at == 0 {
            return Some(Vec::new());
        }
        if at < key.len() {
            parts.push(vec![&key[at..]]);
        }
        let mut out: Vec<String> = Vec::new();
        if parts.iter().any(Vec::is_empty) {
            return Some(out); // a rule with no reading: no combination
        }
        let mut pick = vec![0usize; parts.len()];
        let mut buf = String::with_capacity(key.len() + 8);
        for _ in 0..limit {
            buf.clear();
            for (part, &j) in parts.iter().zip(&pick) {
                buf.push_str(part[j]);
            }
            let reading = fold(&buf);
            if !reading.is_empty() && reading != key && !out.contains(&reading) {
                out.push(reading);
            }
            // the next combination, the last part turning fastest
            let mut k = parts.len();
            loop {
                if k == 0 {
                    return Some(out);
                }
                k -= 1;
                pick[k] += 1;
                if pick[k] < parts[k].len() {
                    break;
                }
                pick[k] = 0;
            }
        }
        Some(out)
    }
}

/// Every language's table, in the order `TRANSCRIPTIONS` holds them.
#[derive(Debug)]
pub struct Transcriber {
    tables: Vec<Table>,
    limit: usize,
}

impl Transcriber {
    pub fn new(tables: Vec<Table>, limit: usize) -> Transcriber {
        Transcriber { tables, limit }
    }

    /// `Matcher._transcribed(key)`: the readings of an ASCII key by every table, the first
    /// reading of each table first; a table with marks is read on `typed` (the query as
    /// typed in lower case, given only when `key` is its key) when it holds one of them.
    /// None where the Python twin must answer (a line break).
    pub fn transcribed(&self, key: &str, typed: Option<&str>) -> Option<Vec<String>> {
        if !key.is_ascii() {
            return Some(Vec::new());
        }
        let mut firsts: Vec<String> = Vec::new();
        let mut rest: Vec<String> = Vec::new();
        for table in &self.tables {
            let got = if table.marks.is_empty() {
                table.readings(key, self.limit)?
            } else {
                match typed {
                    Some(t) if t.chars().any(|c| table.marks.binary_search(&c).is_ok()) => {
                        table.readings(t, self.limit)?
                    }
                    _ => continue,
                }
            };
            let mut got = got.into_iter();
            firsts.extend(got.next());
            rest.extend(got);
        }
        let mut out: Vec<String> = Vec::with_capacity(firsts.len() + rest.len());
        for r in firsts.into_iter().chain(rest) {
            if !out.contains(&r) {
                out.push(r);
            }
        }
        Some(out)
    }
}

#[cfg(feature = "python")]
pub mod py {
    use pyo3::prelude::*;

    use super::{Rule, Table, Transcriber};

    /// Transcriber(tables, limit, /)
    /// --
    ///
    /// The transcription tables (``[[(group, at_end, readings), ...], ...]``, as
    /// ``gazetteer.lang.TRANSCRIPTIONS`` holds them, in its order) read on a folded key:
    /// ``transcribed(key, typed)`` is ``Matcher._transcribed(key)``.
    #[pyclass(module = "gazetteer._core", name = "Transcriber", frozen)]
    pub struct PyTranscriber {
        pub(crate) inner: Transcriber,
    }

    #[pymethods]
    impl PyTranscriber {
        #[new]
        fn new(tables: Vec<Vec<(String, bool, Vec<String>)>>, limit: usize) -> PyResult<Self> {
            let mut out = Vec::with_capacity(tables.len());
            for rules in tables {
                let rules = rules
                    .into_iter()
                    .map(|(group, at_end, readings)| Rule {
                        group,
                        at_end,
                        readings,
                    })
                    .collect();
                out.push(Table::new(rules).ok_or_else(|| {
                    pyo3::exceptions::PyValueError::new_err("a transcription rule with no group")
                })?);
            }
            Ok(PyTranscriber {
                inner: Transcriber::new(out, limit),
            })
        }

        /// transcribed(key, typed, /)
        /// --
        ///
        /// ``Matcher._transcribed(key)`` (``typed``: the query as typed in lower case when
        /// ``key`` is its key, else None), or None for a key the Python twin must read.
        fn transcribed(&self, key: &str, typed: Option<&str>) -> Option<Vec<String>> {
            self.inner.transcribed(key, typed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(group: &str, at_end: bool, readings: &[&str]) -> Rule {
        Rule {
            group: group.into(),
            at_end,
            readings: readings.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn german() -> Table {
        Table::new(vec![
            rule("dsch", false, &["j", "c"]),
            rule("sch", false, &["sh"]),
            rule("j", false, &["y"]),
            rule("w", false, &["v"]),
        ])
        .unwrap()
    }

    #[test]
    fn the_first_rule_that_matches_reads_each_group_every_way() {
        let got = german().readings("dschabrajil", 32).unwrap();
        assert_eq!(got, vec!["jabrayil", "cabrayil"]);
    }

    #[test]
    fn a_key_no_group_matches_has_no_reading() {
        assert!(german().readings("baku", 32).unwrap().is_empty());
    }

    #[test]
    fn a_group_that_must_end_a_word_reads_only_there() {
        let t = Table::new(vec![rule("ie", true, &["iye"])]).unwrap();
        assert_eq!(t.readings("marie", 32).unwrap(), vec!["mariye"]);
        assert_eq!(t.readings("marie b", 32).unwrap(), vec!["mariye b"]);
        assert!(t.readings("marieb", 32).unwrap().is_empty());
    }

    #[test]
    fn combinations_stop_at_the_limit() {
        let t = Table::new(vec![rule("a", false, &["a", "e", "o"])]).unwrap();
        // the key itself is the first combination and is left out
        assert_eq!(t.readings("aa", 2).unwrap(), vec!["ae"]);
    }

    #[test]
    fn a_table_with_marks_reads_the_typed_query_only_when_it_holds_one() {
        let iso = Table::new(vec![rule("ž", false, &["zh"])]).unwrap();
        let tr = Transcriber::new(vec![german(), iso], 32);
        assert_eq!(
            tr.transcribed("zuza", Some("žuža")).unwrap(),
            vec!["zhuzha"]
        );
        assert!(tr.transcribed("zuza", None).unwrap().is_empty());
        assert!(tr.transcribed("şuşa", None).unwrap().is_empty());
    }
}
