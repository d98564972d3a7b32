//! Persons and organisations: a place word
//! inside another name — Nizami Ganjavi, Peter Gabriel, Minsk Group, Baku State
//! University, President Aliyev, the ghazals of Fuzuli, a quoted club («Карабах»).

use pyo3::prelude::*;

use super::super::engine::{Engine, Words};
use super::super::pytext::strip;
use super::super::text::joins;
use super::Around;

/// organisation words (Facts::org): in any case, or only capitalised
const ANY_CASE: u8 = 2;
/// titles (Facts::title): an artist's or saint's
const ARTIST: u8 = 2;
/// How many words a quoted title may run on after the name («Тавуш во имя Родины»,
/// “Karabağ Kültür Rotası”) for a word of a thing by its quotes to make it a thing's.
const QUOTED_TITLE_WORDS: usize = 4;

/// `gazetteer.text.tokens.OPEN_QUOTES`, `CLOSE_QUOTES`
fn open_quote(c: char) -> bool {
    matches!(c, '«' | '“' | '„' | '"' | '‹' | '‚' | '‘' | '\'')
}
fn close_quote(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '›' | '’' | '“' | '\'')
}
fn one_char(s: &str) -> Option<char> {
    let mut c = s.chars();
    match (c.next(), c.next()) {
        (Some(x), None) => Some(x),
        _ => None,
    }
}
/// Does the word end in lower-case letters after an apostrophe, a case ending or a
/// possessive (Ovası'ndan, Hüseyin'den, Armenia's)? A given name before a family name takes
/// none, so the word ends a name of its own (O'Brien's capital after the apostrophe is a
/// name's).
pub(super) fn ends_after_apostrophe(word: &str) -> bool {
    match word.rfind(|c: char| crate::tables::WORD_APOSTROPHES.contains(c)) {
        Some(k) if k > 0 => {
            let mut tail = word[k..].chars();
            tail.next();
            let rest = tail.as_str();
            !rest.is_empty() && rest.chars().all(char::is_lowercase)
        }
        _ => false,
    }
}

/// Does the quotation go on after word j-1 with a number alone, after a space or a comma,
/// and close there ("Шуша, 1893", «Շուշի 1887»): a place and its year, as a label or an
/// engraving writes them?
fn quoted_dated(cx: &Words<'_, '_>, j: usize) -> bool {
    let n = cx.len();
    j < n
        && matches!(strip(cx.gap(j)), "" | ",")
        && cx.word(j).bytes().all(|b| b.is_ascii_digit())
        && (j + 1 == n || strip(cx.gap(j + 1)).chars().next().is_some_and(close_quote))
}

/// Two quoted names side by side: the whole gap is `[close]\s*[-–—:]?\s*[open]`
fn quote_to_quote(gap: &str) -> bool {
    let mut c = gap.chars();
    if !c.next().is_some_and(close_quote) {
        return false;
    }
    let rest = c.as_str();
    let Some(last) = rest.chars().next_back() else {
        return false;
    };
    if !open_quote(last) {
        return false;
    }
    let middle = strip(&rest[..rest.len() - last.len_utf8()]);
    matches!(middle, "" | "-" | "–" | "—" | ":")
}

fn last_is_open_quote(gap: &str) -> bool {
    gap.chars().next_back().is_some_and(open_quote)
}

impl Engine {
    /// `_in_person_or_org`: is the span a place word inside a person's or an
    /// organisation's name?
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn in_person_or_org(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        around: &Around,
        weak: bool,
        group: Option<&str>,
        titled_ok: bool,
        suffix: &str,
    ) -> PyResult<bool> {
        let n = cx.len();
        let place_case = self.tables.is_place_case(suffix);
        if group.is_none()
            && !place_case
            && (suffix.is_empty() || !self.tables.starts_with_place_case(suffix))
            && self.patronymic_after(py, cx, i, j, around)?
        {
            return Ok(true); // Əliyev Laçın Vaqif oğlu, Мамедова Джабраила Рауф оглы
        }
        if group.is_none()
            && !place_case
            && !self.tables.is_dative(suffix)
            && self.given_name_around(py, cx, i, j, around, suffix)?
        {
            return Ok(true); // Kemal Aras, Cəbrayıl Hüseynli, Şuşa xanım, Stepan Shahumyan
        }
        if j < n {
            let gap = cx.gap(j);
            if gap == " " || joins(gap) {
                let fw = around.after();
                if fw.org == ANY_CASE || (fw.org != 0 && fw.first_upper) {
                    return Ok(true);
                }
                // Baku State University: an organisation word after capitalised words
                // (not across a dateline's dash: "BAKÜ - Azerbaycan Demir Yolları")
                // (not from a name in a case of place or a possessive: "Japan's Fujitsu
                // Ltd", "PORTUQALİYADA KEÇİRİLƏCƏK AVROPA LİQASI")
                // (nor from one in the genitive: "Azerbaycan'ın Devlet Emlak Servisi", the
                // country's state service)
                let owner = !suffix.is_empty() && self.tables.genitives.contains(suffix);
                let mut k = if suffix == "s" || owner || (place_case && !suffix.is_empty()) {
                    j + self.weights.org_reach
                } else {
                    j
                };
                // (nor across a Russian adjective, which begins a name of its own: "В
                // Ханкенди Карабахский университет", the university in the town)
                while k - j < self.weights.org_reach
                    && self.facts_at(py, cx, k)?.first_upper
                    && !(around.first.cyrillic && self.facts_at(py, cx, k)?.russian_adjective)
                    && k + 1 < n
                    && cx.gap(k + 1) == " "
                    && (gap == " " || matches!(gap, "-" | "‐" | "‑"))
                {
                    k += 1;
                    let f2 = self.facts_at(py, cx, k)?;
                    if f2.org == ANY_CASE || (f2.org != 0 && f2.first_upper) {
                        return Ok(true);
                    }
                }
                if fw.first_upper
                    && group.is_none()
                    && gap == " "
                    && !place_case
                    && !self.tables.is_dative(suffix)
                    && !fw.suffix_cue_word
                    && !self.first_name_inflected(cx, i, j, around, suffix)
                {
                    // "Nizami Ganjavi", "Ali Karimli", "Ararat Mirzoyan": a person's name
                    let family = fw.family_ending && {
                        let no_hits = self.word_hits_at(py, cx, j)?.is_none();
                        no_hits && !fw.hy_noun
                    };
                    if weak || family || fw.hy_family {
                        return Ok(true);
                    }
                }
            }
        }
        if group.is_none() && j - i == 1 {
            // (a hyphen joins a club's double name, «Araz-Naxçıvan»; an en dash a route's
            // places, «Երևան–Գորիս–Կապան»)
            let dash = cx.gap(i) == "-";
            let quoted = last_is_open_quote(cx.gap(i))
                || (i > 0 && dash && last_is_open_quote(cx.gap(i - 1)));
            if quoted && self.closes_soon(cx, j) {
                // ФК «Карабах», "Ağdam" muğam ansamblı: a quoted name of a thing
                if dash || self.quoted_thing(py, cx, i, j, around)? {
                    return Ok(true);
                }
            }
        }
        // (a period after an abbreviation only: Prof. Demir, not "Deputy. Bagratashen...")
        if i > 0
            && (cx.gap(i) == " "
                || (cx.gap(i) == ". "
                    && cx.word(i - 1).chars().count() <= self.weights.title_abbreviation_max))
        {
            let title = around.before().title;
            if title == ARTIST
                || (title != 0 && !titled_ok && !self.place_noun_before_title(py, cx, i)?)
            {
                return Ok(true); // President Aliyev, Dr. Aras Demir, şair Fuzuli'den
            }
            if i > 1
                && cx.gap(i) == " "
                && cx.gap(i - 1) == " "
                && around.before().first_upper
                && self.facts_at(py, cx, i - 2)?.title == ARTIST
            {
                return Ok(true); // поэту Мухаммеду Физули, the poet Muhammad Fuzuli
            }
        }
        if group.is_none() && j - i == 1 && self.in_quoted_title(py, cx, i, j, around)? {
            // движение «Тавуш во имя Родины», Телеграм-канал «Вести Гянджи»
            return Ok(true);
        }
        if group.is_none() && suffix.is_empty() && self.initial_after(cx, j) {
            return Ok(true); // "Fuzuli A. and Kamran M.": a given name and an initial
        }
        // (football copy asked first: a text without a word of the game answers at once)
        // (and only where a double name can be: a hyphen, or a capital beside the name)
        if group.is_none()
            && j - i == 1
            && (self.hyphen_joined(cx, i, j)
                || (suffix.is_empty() && self.capital_beside(cx, i, j, around)))
            && self.sports_at(py, cx, i)?
            && (self.hyphen_joined(cx, i, j)
                || (suffix.is_empty() && self.place_beside(py, cx, i, j)?))
        {
            // Araz-Naxçıvan, Ararat-Armenia, Gandzasar Kapan: a club's double name in football copy
            return Ok(true);
        }
        if group.is_none() && self.works_around(py, cx, i, j, around)? {
            return Ok(true);
        }
        if i > 0 && cx.gap(i) == " " && group.is_none() && weak {
            let fb = around.before();
            if fb.first_upper
                && !fb.function_word
                && !fb.prefix_cue_word
                // "Horadizdən Ağbəndə": a word with a case ending is no part of a person's name
                && self.word_hits_at(py, cx, i - 1)?.map(|h| h.method) != Some("inflection")
                // "Cıdır Ovası'ndan Daşaltı": nor is one with an ending after an apostrophe
                && !ends_after_apostrophe(cx.word(i - 1))
                && !place_case
                // "Tugh (Armenian Togh)": a word for a language gives the name in it
                && !self
                    .tables
                    .language_adjectives
                    .contains(&*super::super::text::lowered(cx.word(i - 1)))
                && !self.opens_sentence_unnamed(py, cx, i, j, around, suffix)?
            {
                return Ok(true); // "Peter Gabriel": the second word of a person's name
            }
        }
        Ok(false)
    }

    /// Does the span, one word with a case ending in a script whose persons decline only
    /// the family name (Armenian, Azerbaijani, Turkish: Ոսկեպարի Սուրբ Աստվածածին,
    /// Ağdamın Xıdırlı), stand where a given name cannot? Russian declines both names.
    fn first_name_inflected(
        &self,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        around: &Around,
        suffix: &str,
    ) -> bool {
        if j - i != 1 || suffix.is_empty() || suffix == "s" {
            return false;
        }
        let f = around.first;
        if f.cyrillic || f.upper || f.given_name {
            // (in capitals a capital tells nothing; Շուշան Առաքելյանը: a given name itself)
            return false;
        }
        let key = cx.folded(i);
        let stem = key.strip_suffix(suffix).unwrap_or(key);
        !self.lexicon.is_given_name(stem)
    }

    /// Is the span (words i..j) after a word that opens a sentence and is no given name
    /// (Жители Мадагиза, Biz Tehran və Ankara ilə, Haziranda Turşsu kaynağında: that
    /// word's capital is the sentence's, not a name's)? In Cyrillic or Armenian letters
    /// only a span with a case ending (Russian declines both names of a person); in
    /// Latin letters not in English prose (McDonnell Douglas, First Chicago: a firm's).
    fn opens_sentence_unnamed(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        around: &Around,
        suffix: &str,
    ) -> PyResult<bool> {
        if i == 0 {
            return Ok(false);
        }
        let f = self.facts_at(py, cx, j - 1)?;
        if f.upper {
            return Ok(false);
        }
        if f.cyrillic || f.armenian {
            if suffix.is_empty() || suffix == "s" {
                return Ok(false);
            }
        } else if self.english(cx) {
            return Ok(false);
        }
        let at = cx.start_byte(i - 1);
        if !super::super::pytext::sentence_start(cx.s, at, self.weights.sentence_lookback) {
            return Ok(false);
        }
        Ok(!around.before().given_name)
    }

    /// Is a one-word place name (words i..j) a person's given name by the father's given
    /// name and a patronymic's word after it (a title written after a given name:
    /// lang/<code>/name_titles_after.txt has oğlu, qızı, оглы)? "Əliyev Laçın Vaqif oğlu",
    /// "Мамедова Джабраила Рауф оглы": with any ending but a case of place (the
    /// accusative "Джабраила" ends as a Turkic dative does; "Şuşadakı Xan qızı Natəvan"
    /// is Shusha's Khan's daughter).
    fn patronymic_after(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        around: &Around,
    ) -> PyResult<bool> {
        let fw = around.after();
        Ok(j - i == 1
            && j + 1 < cx.len()
            && cx.gap(j) == " "
            && cx.gap(j + 1) == " "
            && around.first.first_upper
            && !around.first.upper
            && fw.first_upper
            && !fw.upper
            && !fw.title_after
            && self.facts_at(py, cx, j + 1)?.title_after
            && self.word_hits_at(py, cx, j)?.is_none())
    }

    /// Is the place name (words i..j, no cue after it, no case of place on it) part of a
    /// person's name by a given name (`Facts::given_name`, lang/<code>/given_names.txt)?
    /// - a one-word place name without an ending that is a given name, right before a family name (a
    ///   family or surname ending: Cəbrayıl Hüseynli, Laçın Məmmədov; in a lower-case
    ///   text a family name that names nothing: лачин мамедов) or a title written after a
    ///   given name (Şuşa xanım), or after a comma, before a preposition of origin and a
    ///   place name (Vardan from Kapan);
    /// - a capitalised given name that names no place right before the capitalised place
    ///   name, no capitalised word that names nothing after it (Kemal Aras, Muhammad Fuzuli, Ստեփան Շահումյան).
    fn given_name_around(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        around: &Around,
        suffix: &str,
    ) -> PyResult<bool> {
        let n = cx.len();
        if j - i == 1 && j < n && cx.gap(j) == " " && suffix.is_empty() {
            let me = around.first;
            if me.given_name {
                let fw = around.after();
                if fw.title_after && !me.upper {
                    return Ok(true); // Şuşa xanım
                }
                if fw.origin
                    && me.first_upper
                    // (after a comma not a place's: not a list, "Shusha, Lachin from Goris")
                    && (i == 0
                        || (cx.gap(i) == ", " && self.word_hits_at(py, cx, i - 1)?.is_none()))
                    && j + 1 < n
                    && cx.gap(j + 1) == " "
                    && self.facts_at(py, cx, j + 1)?.first_upper
                    && self.word_hits_at(py, cx, j + 1)?.is_some()
                {
                    return Ok(true); // "Our guide, Vardan from Kapan"
                }
                if !fw.suffix_cue_word && !fw.function_word && !fw.hy_noun && !fw.org_word() {
                    // (a family name that names no place needing no context, or one made of a
                    // given name: Cəbrayıl Hüseynli, not "Laçın Qubadlı", two districts)
                    // (the word lists asked only where the letters' case lets a surname count)
                    let capitalised = me.first_upper && fw.first_upper && !(me.upper && fw.upper);
                    let lower = me.lower && fw.lower && fw.family_ending;
                    let surname = (capitalised || lower)
                        && ((!fw.free_hit
                            && (fw.family_ending
                                || self.lexicon.surname_shaped(cx.word(j))
                                || self.surname_declined(cx.folded(j))))
                            || self.lexicon.family_name_of_given_name(cx.word(j)));
                    if surname && capitalised {
                        return Ok(true); // Cəbrayıl Hüseynli, Lachin Mamedov
                    }
                    if surname
                        && lower
                        && self.word_hits_at(py, cx, j)?.is_none()
                        && self.lowercase_text(py, cx)?
                    {
                        return Ok(true); // лачин мамедов in a lower-case text
                    }
                }
            }
        }
        if i >= 1 && cx.gap(i) == " " {
            let fb = around.before();
            if fb.given_name
                && fb.first_upper
                && !fb.upper
                && !fb.function_word
                && !fb.prefix_cue_word
                && fb.title == 0
                && around.first.first_upper
                && self.word_hits_at(py, cx, i - 1)?.is_none()
                // (the name ends at the place, or a place follows: not "Franklin Puerto Rico
                // Tax-Free Income Fund", but "Kemal Aras Ankara'da")
                && !(j < n
                    && cx.gap(j) == " "
                    && around.after().first_upper
                    && self.word_hits_at(py, cx, j)?.is_none())
            {
                return Ok(true); // Kemal Aras, Muhammad Fuzuli
            }
        }
        Ok(false)
    }

    /// Is a folded Latin word a family name with a Turkic case ending (Məmmədovanın,
    /// Hüseynliyə: baytar həkim Laçın Məmmədovanın nəzarəti)?
    fn surname_declined(&self, key: &str) -> bool {
        key.is_ascii()
            && self
                .turkic
                .analyse(key)
                .iter()
                .any(|(stem, _)| self.lexicon.surname_shaped(stem))
    }

    /// Is a quoted name a thing's, not the place's? A word for a club,
    /// firm, paper or work right before the opening quote or just after the closing one,
    /// two quoted names side by side (a fixture), or football copy.
    fn quoted_thing(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        around: &Around,
    ) -> PyResult<bool> {
        let n = cx.len();
        if !(j == n || strip(cx.gap(j)).chars().next().is_some_and(close_quote)) {
            if self.quoted_route(py, cx, j)? {
                return Ok(false); // «Горис — Татев»: a route's two places, each a mention
            }
            if quoted_dated(cx, j) {
                return Ok(false); // «Շուշի 1887», "Шуша, 1893": a place and a year, a label's
            }
            return Ok(true); // a quoted title that starts with the name
        }
        if i >= 1
            && one_char(strip(cx.gap(i))).is_some_and(open_quote)
            && around.before().quoted_name_word
        {
            return Ok(true);
        }
        if (j < n && quote_to_quote(cx.gap(j))) || (i >= 1 && quote_to_quote(cx.gap(i))) {
            return Ok(true); // two quoted names side by side are a fixture's
        }
        for k in j..(j + self.weights.quoted_tail_words).min(n) {
            if k > j && cx.gap(k) != " " {
                break;
            }
            if self.facts_at(py, cx, k)?.quoted_name_word {
                return Ok(true);
            }
        }
        Ok(self.sports_at(py, cx, i)? || self.football_text(py, cx)?)
    }

    /// Does the quotation go on after word j-1 with a dash and one more name that closes it,
    /// «Горис — Татев», "Bakı–Şuşa": a route between two places, not a thing's title (a
    /// hyphen joins a club's double name, «Araz-Naxçıvan», and stays a title).
    fn quoted_route(&mut self, py: Python<'_>, cx: &Words<'_, '_>, j: usize) -> PyResult<bool> {
        let n = cx.len();
        if j >= n || !matches!(strip(cx.gap(j)), "–" | "—") {
            return Ok(false);
        }
        let closes = j + 1 == n || strip(cx.gap(j + 1)).chars().next().is_some_and(close_quote);
        Ok(closes && self.word_hits_at(py, cx, j)?.is_some())
    }

    /// Is the name (word i) inside a quoted title of a few words — the quote opening right
    /// before it or before one capitalised word before it, closing within
    /// [`QUOTED_TITLE_WORDS`] words after it, the words between only spaced — with a word
    /// for a club, firm, movement or paper right before the opening quote or right after
    /// the closing one? (движение «Тавуш во имя Родины», Телеграм-канал «Вести Гянджи»,
    /// «Տավուշը հանուն հայրենիքի» շարժման, “Karabağ Kültür Rotası” turları)
    fn in_quoted_title(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        around: &Around,
    ) -> PyResult<bool> {
        let n = cx.len();
        let open = if last_is_open_quote(cx.gap(i)) {
            i
        } else if i >= 1
            && cx.gap(i) == " "
            && last_is_open_quote(cx.gap(i - 1))
            && around.before().first_upper
        {
            i - 1
        } else {
            return Ok(false);
        };
        let mut close = None;
        for k in j..=(j + QUOTED_TITLE_WORDS).min(n) {
            let gap = cx.gap(k);
            if gap.chars().next().is_some_and(close_quote) {
                close = Some(k);
                break;
            }
            if gap != " " {
                break;
            }
        }
        let Some(close) = close else {
            return Ok(false);
        };
        if open >= 1
            && one_char(strip(cx.gap(open))).is_some_and(open_quote)
            && self.facts_at(py, cx, open - 1)?.quoted_name_word
        {
            return Ok(true);
        }
        Ok(close < n
            && strip(cx.gap(close)).chars().count() == 1
            && self.facts_at(py, cx, close)?.quoted_name_word)
    }

    /// Does a noun of a settlement or an admin unit stand right before the title before
    /// word i? Then the title names the place, not a person: "a gardener named Jabrayil"
    /// is a man, "a village named Jabrayil" the village.
    fn place_noun_before_title(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
    ) -> PyResult<bool> {
        if i < 2 || cx.gap(i) != " " || cx.gap(i - 1) != " " {
            return Ok(false);
        }
        Ok(matches!(
            self.facts_at(py, cx, i - 2)?.suffix_group,
            Some("settlement" | "admin")
        ))
    }

    /// Is word j an initial after the name ("Fuzuli A.", "Israel G. Grossman": a given
    /// name and the initial of a family name; the judge asks only of a name without an
    /// ending, so "NORWAY'S S. AFRICA" stays)?
    fn initial_after(&self, cx: &Words<'_, '_>, j: usize) -> bool {
        let n = cx.len();
        // (not the letter of an abbreviation: "Canada's U.S. Prime", "Japan K.K.")
        if j >= n
            || cx.gap(j) != " "
            || !cx.gap(j + 1).starts_with('.')
            || (j + 1 < n && cx.gap(j + 1) == ".")
        {
            return false;
        }
        one_char(cx.word(j)).is_some_and(char::is_uppercase)
    }

    /// Is the name (word i) joined by a hyphen to a capitalised word before or after it
    /// (Araz-Naxçıvan, Ararat-Armenia)?
    fn hyphen_joined(&self, cx: &Words<'_, '_>, i: usize, j: usize) -> bool {
        let upper = |k: usize| cx.word(k).chars().next().is_some_and(char::is_uppercase);
        (j < cx.len() && cx.gap(j) == "-" && upper(j))
            || (i >= 1 && cx.gap(i) == "-" && upper(i - 1))
    }

    /// Is a capitalised place name without an ending right beside the name (words i..j),
    /// only a space between (Gandzasar Kapan, Turan Tovuz; not "Armenia's Gegharkunik",
    /// "Աբովյանի քաղաքային")?
    fn place_beside(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
    ) -> PyResult<bool> {
        let n = cx.len();
        let mut beside = Vec::with_capacity(2);
        if j < n && cx.gap(j) == " " {
            beside.push(j);
        }
        if i >= 1 && cx.gap(i) == " " {
            beside.push(i - 1);
        }
        for k in beside {
            if self.facts_at(py, cx, k)?.first_upper
                && self
                    .word_hits_at(py, cx, k)?
                    .is_some_and(|h| h.method != "inflection" && h.suffix.is_empty())
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Is a capitalised word right beside the name (words i..j), only a space between
    /// (what [`Self::place_beside`] asks first, without the word's hits)?
    fn capital_beside(&self, cx: &Words<'_, '_>, i: usize, j: usize, around: &Around) -> bool {
        (j < cx.len() && cx.gap(j) == " " && around.after().first_upper)
            || (i >= 1 && cx.gap(i) == " " && around.before().first_upper)
    }

    /// `_closes_soon`: does a quotation close right after word j-1 or one more word?
    fn closes_soon(&self, cx: &Words<'_, '_>, j: usize) -> bool {
        (j..=j + 1).any(|k| k <= cx.len() && cx.gap(k).chars().next().is_some_and(close_quote))
    }

    /// `_works_around`: a poet's name next to his works ("ghazals of Fuzuli", "газели
    /// Физули", "Füzulinin qəzəllərinə").
    fn works_around(
        &mut self,
        py: Python<'_>,
        cx: &Words<'_, '_>,
        i: usize,
        j: usize,
        around: &Around,
    ) -> PyResult<bool> {
        if j < cx.len() && cx.gap(j) == " " && around.after().work {
            return Ok(true);
        }
        if i >= 1 && cx.gap(i) == " " {
            if around.before().work {
                return Ok(true);
            }
            if i >= 2
                && around.before().work_preposition
                && cx.gap(i - 1) == " "
                && self.facts_at(py, cx, i - 2)?.work
            {
                return Ok(true); // the ghazals of Fuzuli
            }
        }
        Ok(false)
    }
}
