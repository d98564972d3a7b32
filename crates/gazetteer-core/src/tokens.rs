//! Word spans: a port of `gazetteer.text.tokens.tokens` (the regex
//! `[^\W_]+(?:['’ʼ`][^\W_]+)*`, Python's `\w`), in code-point offsets as Python gives them.

use crate::pyuni::is_alnum;
use crate::tables::WORD_APOSTROPHES;

fn is_apostrophe(c: char) -> bool {
    WORD_APOSTROPHES.contains(c)
}

/// `(start, end)` of each word, counted in code points: a run of letters and digits
/// (`str.isalnum()`), and an apostrophe between two such runs stays inside the word.
///
/// ```
/// assert_eq!(_core::tokens("Füzuli’de, Şuşa"), vec![(0, 9), (11, 15)]);
/// ```
pub fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut i = 0usize;
    while let Some(c) = chars.next() {
        i += 1;
        if !is_alnum(c) {
            continue;
        }
        let start = i - 1;
        loop {
            match chars.peek() {
                Some(&c) if is_alnum(c) => {
                    chars.next();
                    i += 1;
                }
                Some(&c) if is_apostrophe(c) => {
                    // inside the word only if a letter or digit follows
                    let mut ahead = chars.clone();
                    ahead.next();
                    match ahead.next() {
                        Some(d) if is_alnum(d) => {
                            chars.next();
                            chars.next();
                            i += 2;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        out.push((start, i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_inner_apostrophes() {
        assert_eq!(tokens(""), vec![]);
        assert_eq!(tokens("Hadrut'a"), vec![(0, 8)]);
        assert_eq!(tokens("Qarabağ`ın"), vec![(0, 10)]);
        assert_eq!(tokens("'a' b''c d'"), vec![(1, 2), (4, 5), (7, 8), (9, 10)]);
        assert_eq!(
            tokens("snake_case x-y"),
            vec![(0, 5), (6, 10), (11, 12), (13, 14)]
        );
    }

    #[test]
    fn offsets_are_code_points() {
        assert_eq!(tokens("😀 Шуша 北京"), vec![(2, 6), (7, 9)]);
        // a combining mark is not alphanumeric for Python: it splits the word
        assert_eq!(tokens("e\u{301}a"), vec![(0, 1), (2, 3)]);
    }

    #[test]
    fn a_very_long_word_is_one_span() {
        let long = "ab'".repeat(100_000) + "c";
        assert_eq!(tokens(&long), vec![(0, 300_001)]);
    }
}
