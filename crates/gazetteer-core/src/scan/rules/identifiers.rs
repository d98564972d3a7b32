//! Is a span part of an identifier, not of prose? A handle (@news_vayk), an e-mail or web
//! address (info@lachin.gov.az, https://shusha.az, www.shusha.az) or a file name
//! (lachin_report.pdf) names its owner or file, not the place: the run of words joined to
//! the span without a space holds an `@`, an underscore or a scheme's `://`, or opens with
//! `@` or `www.`. A hashtag (#Şuşa, #Shusha_is_Azerbaijan) still names its place.

use super::super::engine::{Engine, Words};

/// Characters that join the words of an identifier and never the words of a name.
const IDENTIFIER_JOINS: [char; 2] = ['@', '_'];

impl Engine {
    /// Are words i..j inside a handle, an address or a file name?
    pub(crate) fn in_identifier(&self, cx: &Words<'_, '_>, i: usize, j: usize) -> bool {
        let n = cx.len();
        let spaced = |g: &str| g.is_empty() || g.chars().any(char::is_whitespace);
        // the run of words first..last joined to the span without a space (an empty gap is
        // taken as a break: it is only ever the text's start or end)
        let mut first = i;
        while first > 0 && !spaced(cx.gap(first)) {
            first -= 1;
        }
        let mut last = j;
        while last < n && !spaced(cx.gap(last)) {
            last += 1;
        }
        let opening = cx.gap(first);
        if opening.ends_with('#') {
            return false; // a hashtag's words are mentions
        }
        if opening.ends_with('@')
            || (first + 1 < last && cx.word(first).eq_ignore_ascii_case("www"))
        {
            return true;
        }
        (first + 1..last).any(|k| {
            let g = cx.gap(k);
            g.contains(IDENTIFIER_JOINS) || g.contains("://")
        })
    }
}
