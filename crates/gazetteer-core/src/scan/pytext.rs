//! Python's string predicates the rules use, on `&str`, where Rust's differ.

/// `str.isspace()` of one character: Rust's White_Space plus the four information
/// separators U+001C..U+001F, which Python counts as spaces (bidirectional class B/S).
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `str.strip()`.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// `gazetteer.scan.document._sentence_start`: does a sentence start at byte `pos` of
/// `text`? The regex `(?:^|[.!?:;\n"«“(—–\u0589-])\s*$` searched in the 4 characters
/// (`SENTENCE_LOOKBACK`) before it.
pub fn sentence_start(text: &str, pos: usize, lookback: usize) -> bool {
    let before = &text[..pos];
    let mut window_start = pos;
    for (k, (b, _)) in before.char_indices().rev().enumerate() {
        if k == lookback {
            break;
        }
        window_start = b;
    }
    let window = &text[window_start..pos];
    let kept = window.trim_end_matches(is_space);
    if window[kept.len()..].contains('\n') {
        return true; // a line break is one of the characters, and spaces may follow it
    }
    match kept.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | ';'
                | '\n'
                | '"'
                | '«'
                | '“'
                | '('
                | '—'
                | '–'
                | '\u{589}'
                | '-'
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_starts_as_the_python_regex_finds_them() {
        assert!(sentence_start("Baku", 0, 4));
        assert!(sentence_start("x. Baku", 3, 4));
        assert!(sentence_start("«Baku", "«".len(), 4));
        assert!(sentence_start("word     Baku", 9, 4)); // four spaces: the window starts there
        assert!(!sentence_start("in Baku", 3, 4));
        assert!(!sentence_start("abc, Baku", 5, 4));
        assert!(sentence_start("x.\u{1f}Baku", 3, 4));
        assert!(sentence_start("the\nBaku", 4, 4));
        assert!(sentence_start("a\n  Baku", 4, 4));
    }
}
