//! The core's public entry points, each with the invariants it must keep on any text.
//!
//! To fuzz a new entry point (the scanner's, once it has a Rust API), add one
//! `Target { name, check }` to [`TARGETS`]: `check` gets the text and returns `Err` with
//! what went wrong. A panic inside `check` is caught and reported as a failure too.

use _core::scan::pytext;
use _core::scan::text::{holds_tags_or_invisibles, joins, parts, scan_parts};
use _core::{fold, pyuni, romanise, skeleton, tokens};
use unicode_normalization::char::canonical_combining_class;

pub type Check = fn(&str) -> Result<(), String>;

pub struct Target {
    pub name: &'static str,
    pub check: Check,
}

pub const TARGETS: &[Target] = &[
    Target {
        name: "tokens",
        check: check_tokens,
    },
    Target {
        name: "scan::text::parts",
        check: check_parts,
    },
    Target {
        name: "scan::text::scan_parts",
        check: check_scan_parts,
    },
    Target {
        name: "scan::pytext",
        check: check_pytext,
    },
    Target {
        name: "fold",
        check: check_fold,
    },
    Target {
        name: "fold(word)",
        check: check_fold_words,
    },
    Target {
        name: "romanise",
        check: check_romanise,
    },
    Target {
        name: "skeleton",
        check: check_skeleton,
    },
    Target {
        name: "pyuni",
        check: check_pyuni,
    },
];

/// No entry point may make more characters than this many per input character (the
/// longest expansions: NFKD of U+FDFA is 18 characters, unidecode of one character a
/// few letters, x -> kh doubles).
const GROWTH: usize = 64;

fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(what())
    }
}

fn at_most(name: &str, out: &str, input_chars: usize) -> Result<(), String> {
    let n = out.chars().count();
    ensure(n <= GROWTH * input_chars + 8, || {
        format!("{name}: {n} characters out of {input_chars}")
    })
}

fn check_tokens(text: &str) -> Result<(), String> {
    let chars: Vec<char> = text.chars().collect();
    let spans = tokens(text);
    let mut last_end = 0usize;
    for (k, &(s, e)) in spans.iter().enumerate() {
        ensure(s < e && e <= chars.len(), || {
            format!("span {k} ({s}, {e}) out of 0..{}", chars.len())
        })?;
        ensure(k == 0 || s > last_end, || {
            format!("span {k} ({s}, {e}) not after the previous end {last_end}")
        })?;
        ensure(
            pyuni::is_alnum(chars[s]) && pyuni::is_alnum(chars[e - 1]),
            || format!("span {k} ({s}, {e}) starts or ends on a non-word character"),
        )?;
        ensure(
            chars[last_end..s].iter().all(|&c| !pyuni::is_alnum(c)),
            || format!("a word character outside every span before ({s}, {e})"),
        )?;
        last_end = e;
    }
    ensure(
        chars[last_end..].iter().all(|&c| !pyuni::is_alnum(c)),
        || "a word character after the last span".into(),
    )
}

fn check_parts(text: &str) -> Result<(), String> {
    let b = parts(text);
    ensure(b.len() >= 2 && b.len() % 2 == 0, || {
        format!("{} boundaries: parts must be 2 * words + 1", b.len())
    })?;
    ensure(b[0] == 0 && b[b.len() - 1] == text.len(), || {
        format!(
            "parts span {}..{} of 0..{}",
            b[0],
            b[b.len() - 1],
            text.len()
        )
    })?;
    for w in b.windows(2) {
        ensure(w[0] <= w[1], || {
            format!("boundaries go back: {} then {}", w[0], w[1])
        })?;
    }
    for &x in &b {
        ensure(text.is_char_boundary(x), || {
            format!("boundary {x} inside a character")
        })?;
    }
    // the words are tokens() in bytes: the two cuttings must agree
    let mut byte_of_char: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    byte_of_char.push(text.len());
    let from_tokens: Vec<(usize, usize)> = tokens(text)
        .into_iter()
        .map(|(s, e)| (byte_of_char[s], byte_of_char[e]))
        .collect();
    let words: Vec<(usize, usize)> = (0..(b.len() - 2) / 2)
        .map(|k| (b[2 * k + 1], b[2 * k + 2]))
        .collect();
    ensure(words == from_tokens, || {
        format!(
            "parts' words differ from tokens(): {} against {} words",
            words.len(),
            from_tokens.len()
        )
    })?;
    for k in 0..b.len() / 2 {
        // every gap: joins() must answer, and only for a gap it can match
        let gap = &text[b[2 * k]..b[2 * k + 1]];
        if joins(gap) {
            ensure(
                !gap.is_empty()
                    && gap
                        .chars()
                        .all(|c| matches!(c, ' ' | '\t' | '\u{a0}' | '-' | '‐' | '‑' | '–')),
                || format!("joins({gap:?}) is true"),
            )?;
        }
    }
    Ok(())
}

fn check_scan_parts(text: &str) -> Result<(), String> {
    let naive = text.chars().any(|c| {
        matches!(
            c,
            '#' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}'
        )
    });
    ensure(holds_tags_or_invisibles(text) == naive, || {
        "holds_tags_or_invisibles disagrees with a character scan".into()
    })?;
    let (b, marked) = scan_parts(text);
    ensure(marked == naive, || {
        "scan_parts' mark disagrees with a character scan".into()
    })?;
    // without a '#' or an invisible character the scan's cut is the plain word cut
    ensure(marked || b == parts(text), || {
        "scan_parts differs from parts on a text without tags or invisibles".into()
    })?;
    // gap, word, ..., gap: an odd number of parts from 0 to the end, in order, on
    // character boundaries
    ensure(
        b.len() % 2 == 0
            && b.first() == Some(&0)
            && b.last() == Some(&text.len())
            && b.windows(2).all(|w| w[0] <= w[1])
            && b.iter().all(|&i| text.is_char_boundary(i)),
        || "scan_parts' boundaries are not gap, word, ..., gap in order".into(),
    )
}

fn folded_shape(name: &str, key: &str) -> Result<(), String> {
    ensure(
        key.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '),
        || format!("{name}: {key:.80?} holds more than a-z, 0-9 and spaces"),
    )?;
    ensure(
        !key.starts_with(' ') && !key.ends_with(' ') && !key.contains("  "),
        || format!("{name}: {key:.80?} has a space at an end or two together"),
    )
}

fn check_fold(text: &str) -> Result<(), String> {
    let key = fold(text);
    folded_shape("fold", &key)?;
    at_most("fold", &key, text.chars().count())?;
    let again = fold(&key);
    ensure(again == key, || {
        format!("fold is not idempotent: {key:.80?} -> {again:.80?}")
    })
}

/// The way the scanner calls fold: on each word (a few hundred of them).
fn check_fold_words(text: &str) -> Result<(), String> {
    let mut byte_of_char: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    byte_of_char.push(text.len());
    for (s, e) in tokens(text).into_iter().take(300) {
        let word = &text[byte_of_char[s]..byte_of_char[e]];
        let key = fold(word);
        folded_shape("fold(word)", &key)?;
        at_most("fold(word)", &key, e - s)?;
    }
    Ok(())
}

fn check_romanise(text: &str) -> Result<(), String> {
    let out = romanise(text);
    at_most("romanise", &out, text.chars().count())
}

fn check_skeleton(text: &str) -> Result<(), String> {
    for key in [fold(text), text.to_string()] {
        let n = key.chars().count();
        let all_y = {
            let mut rest = key.chars().filter(|&c| c != ' ').peekable();
            rest.peek().is_some() && rest.all(|c| c == 'y')
        };
        match skeleton(&key) {
            Some(sk) => {
                ensure(!all_y, || format!("skeleton({key:.80?}) should be None"))?;
                ensure(sk.chars().count() <= n, || {
                    format!("skeleton({key:.80?}) is longer than its key")
                })?;
            }
            // None only for a key of y's and spaces (where the reference raises)
            None => ensure(all_y, || format!("skeleton({key:.80?}) is None"))?,
        }
    }
    Ok(())
}

fn check_pyuni(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    at_most("lower", &pyuni::lower(text), n)?;
    let nfc = pyuni::nfc(text);
    at_most("nfc", &nfc, n)?;
    let nfc2 = pyuni::nfc(&nfc);
    ensure(nfc2 == nfc, || "nfc is not idempotent".into())?;
    let stripped = pyuni::nfkd_without_marks(text);
    at_most("nfkd_without_marks", &stripped, n)?;
    ensure(
        stripped
            .chars()
            .all(|c| pyuni::unknown_to_python(c) || canonical_combining_class(c) == 0),
        || "nfkd_without_marks left a combining mark".into(),
    )?;
    let ascii = pyuni::unidecode(text);
    ensure(ascii.is_ascii(), || "unidecode made non-ASCII text".into())?;
    at_most("unidecode", &ascii, n)
}

/// The Python string predicates the rules use: `strip` gives a piece of its text with no
/// space at either end; `sentence_start` answers at every character boundary (sampled on
/// long texts) for any look-back, and yes at the start of the text; `score_in` finds a
/// score only where there are digits and a score's separator.
fn check_pytext(text: &str) -> Result<(), String> {
    let stripped = pytext::strip(text);
    ensure(text.contains(stripped), || "strip made new text".into())?;
    ensure(
        !stripped.starts_with(pytext::is_space) && !stripped.ends_with(pytext::is_space),
        || format!("strip left a space at an end of {stripped:.80?}"),
    )?;
    ensure(pytext::strip(stripped) == stripped, || {
        "strip is not idempotent".into()
    })?;
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let step = (boundaries.len() / 500).max(1);
    for &pos in boundaries.iter().step_by(step).chain([&text.len()]) {
        for lookback in [0, 1, 4, 7] {
            let starts = pytext::sentence_start(text, pos, lookback);
            ensure(pos > 0 || starts, || {
                format!("sentence_start(text, 0, {lookback}) is false")
            })?;
        }
    }
    let other_digit = text.chars().any(|c| !c.is_ascii() && c.is_numeric());
    ensure(pytext::other_digit_in(text) == other_digit, || {
        "other_digit_in disagrees with a character scan".into()
    })?;
    if pytext::score_in(text) {
        ensure(
            text.bytes().any(|b| b.is_ascii_digit()) && text.contains(['-', ':', '–']),
            || format!("score_in found a score in {text:.80?}"),
        )?;
    }
    Ok(())
}
