//! Hostile text from a seeded generator: every input is a pure function of one 64-bit
//! seed, so a failure is replayed with `--replay SEED`.

/// SplitMix64: small, fast, and good enough to spread seeds and pick among choices.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The seed of case `index` of a run started with `seed`.
pub fn case_seed(seed: u64, index: u64) -> u64 {
    Rng::new(seed ^ index.wrapping_mul(0xD6E8_FEB8_6659_FD93)).next_u64()
}

/// Code-point ranges the text of the region and hostile text draw from: the scripts the
/// core treats specially, the ones it does not, marks, invisibles, bidi controls,
/// compatibility characters whose decompositions are long, and the edges of Unicode.
const RANGES: &[(u32, u32)] = &[
    (0x20, 0x7E),       // ASCII printable
    (0x00, 0x1F),       // controls
    (0xA0, 0xFF),       // Latin-1
    (0x100, 0x24F),     // Latin Extended-A/B (ə, ğ, ş, İ, ı)
    (0x250, 0x2FF),     // IPA, modifier letters (ʼ)
    (0x300, 0x36F),     // combining diacritical marks
    (0x370, 0x3FF),     // Greek
    (0x400, 0x52F),     // Cyrillic and supplement (Һ, Ә)
    (0x531, 0x58F),     // Armenian
    (0x591, 0x5F4),     // Hebrew (marks included)
    (0x600, 0x6FF),     // Arabic
    (0x900, 0x97F),     // Devanagari
    (0x10A0, 0x10FF),   // Georgian
    (0x1100, 0x11FF),   // Hangul Jamo
    (0x1D00, 0x1DBF),   // phonetic extensions (ᴬ)
    (0x1E00, 0x1EFF),   // Latin Extended Additional
    (0x2000, 0x206F),   // general punctuation: zero-width, bidi, word joiner, ’
    (0x2100, 0x218F),   // letterlike symbols and number forms (№, Ⅻ)
    (0x3000, 0x30FF),   // CJK punctuation, kana
    (0x4E00, 0x4E80),   // CJK ideographs
    (0xAC00, 0xAD00),   // Hangul syllables (decompose)
    (0xFB00, 0xFB4F),   // ligatures (ﬀ, ﬃ)
    (0xFDF0, 0xFDFF),   // Arabic ligatures (U+FDFA decomposes to 18 characters)
    (0xFE00, 0xFE0F),   // variation selectors
    (0xFE70, 0xFEFF),   // Arabic forms, BOM
    (0xFF00, 0xFFEF),   // fullwidth forms
    (0xFFF0, 0xFFFF),   // specials, noncharacters
    (0x1D400, 0x1D7FF), // mathematical alphanumerics (NFKD to ASCII)
    (0x1F300, 0x1F64F), // emoji
    (0x1F3FB, 0x1F3FF), // skin-tone modifiers
    (0xE0000, 0xE007F), // tags
    (0xF0000, 0xF00FF), // private use
    (0x10FF00, 0x10FFFF),
];

/// Pieces the core's rules look at: names in every script and spelling, apostrophes,
/// hyphens and dashes, digraph triggers, hashtags, invisibles that join words.
const PIECES: &[&str] = &[
    "Füzulidə",
    "Cəbrayıl",
    "Şuşa",
    "Ağdam",
    "İNCƏ",
    "Qarabağ`ın",
    "Hadrut'a",
    "Füzuli’de",
    "Xankəndiyə",
    "Джебраил",
    "в Гадруте",
    "Ходжалы",
    "Щёлково",
    "Һадрут",
    "Ստեփանակերտ",
    "ՇՈՒՇԻ",
    "Երևան",
    "Nagorno-Karabakh",
    "Stepanakert",
    "dzh",
    "tch",
    "kh",
    "gh",
    "ts",
    "yy",
    " y ",
    "'",
    "’",
    "ʼ",
    "`",
    "-",
    "‐",
    "‑",
    "–",
    "#",
    "#QarabağAzərbaycandır",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{2060}",
    "\u{ad}",
    "\u{feff}",
    "\u{202e}",
    "\u{2067}",
    "\u{a0}",
    "\t",
    "\n",
    "\r\n",
    " ",
    "  ",
    "e\u{301}",
    "\u{301}\u{301}",
    "ﷺ",
    "ﬃ",
    "ᴬ",
    "№",
    "İ",
    "ı",
    "ß",
    "ǅ",
    "\u{10ffff}",
    "\u{fffd}",
    "😀",
    "👍🏽",
    "北京",
    "_",
    "snake_case",
    "2-0",
];

/// Invalid UTF-8 that is not a surrogate: overlong forms, encoded surrogates, code points
/// past U+10FFFF, lone continuation bytes, cut sequences, bytes that never occur.
const BAD_BYTES: &[&[u8]] = &[
    b"\xc0\x80",
    b"\xc1\xbf",
    b"\xe0\x80\x80",
    b"\xed\xa0\x80",
    b"\xed\xbf\xbf",
    b"\xf4\x90\x80\x80",
    b"\xf5\x80\x80\x80",
    b"\xf8\x88\x80\x80\x80",
    b"\x80",
    b"\xbf",
    b"\xe2\x82",
    b"\xf0\x9f\x98",
    b"\xfe",
    b"\xff",
    b"\xef\xbb\xbf",
];

fn code_point(rng: &mut Rng) -> char {
    loop {
        let (lo, hi) = rng.pick(RANGES);
        if let Some(c) = char::from_u32(lo + rng.below((hi - lo + 1) as usize) as u32) {
            return c;
        }
    }
}

fn piece(rng: &mut Rng, out: &mut String) {
    match rng.below(10) {
        0..=4 => out.push_str(rng.pick(PIECES)),
        5..=7 => {
            for _ in 0..rng.between(1, 8) {
                out.push(code_point(rng));
            }
        }
        _ => out.push(' '),
    }
}

/// Random bytes, invalid sequences among them, decoded as the CLI decodes a file it
/// was told is UTF-8 (each bad sequence becomes U+FFFD).
fn lossy_bytes(rng: &mut Rng, len: usize) -> String {
    let mut bytes = Vec::with_capacity(len + 8);
    while bytes.len() < len {
        match rng.below(4) {
            0 => bytes.extend_from_slice(rng.pick(BAD_BYTES)),
            1 => bytes.extend_from_slice(rng.pick(PIECES).as_bytes()),
            _ => bytes.push(rng.next_u64() as u8),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn code_points(rng: &mut Rng, len: usize) -> String {
    (0..len).map(|_| code_point(rng)).collect()
}

fn pieces(rng: &mut Rng, count: usize) -> String {
    let mut s = String::new();
    for _ in 0..count {
        piece(rng, &mut s);
    }
    s
}

/// One word of `chars` characters or so: one unit repeated (a letter, a letter and an
/// apostrophe, a letter and a mark, marks alone, a character whose folding expands...).
fn long_word(rng: &mut Rng, chars: usize) -> String {
    const UNITS: &[&str] = &[
        "a",
        "ə",
        "ab'",
        "a’",
        "e\u{301}",
        "\u{301}",
        "\u{316}\u{301}\u{334}",
        "İ",
        "ﷺ",
        "한",
        "x",
        "q",
        "gh",
        "tch",
        "dzh",
        "y",
        "Щ",
        "Ու",
        "1",
        "\u{1d400}",
    ];
    let unit = if rng.chance(4) {
        let mut u = String::new();
        for _ in 0..rng.between(1, 4) {
            u.push(code_point(rng));
        }
        u
    } else {
        rng.pick(UNITS).to_string()
    };
    let n = unit.chars().count().max(1);
    let mut s = unit.repeat(chars / n + 1);
    if rng.chance(2) {
        // a few pieces inside, so it is not a single repeated pattern
        for _ in 0..rng.between(1, 5) {
            let mut at = rng.below(s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            s.insert_str(at, rng.pick(PIECES));
        }
    }
    s
}

/// A line of about `bytes` bytes, words and separators, no line break.
fn long_line(rng: &mut Rng, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 64);
    while s.len() < bytes {
        piece(rng, &mut s);
        if rng.chance(3) {
            s.push(' ');
        }
    }
    s.replace(['\n', '\r'], " ")
}

/// Insert, delete or duplicate at random places (on character boundaries).
fn mutate(rng: &mut Rng, s: &mut String) {
    for _ in 0..rng.between(1, 4) {
        if s.is_empty() {
            s.push_str(rng.pick(PIECES));
            continue;
        }
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(3) {
            0 => s.insert_str(at, rng.pick(PIECES)),
            1 => {
                let mut end = (at + rng.between(1, 16)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            }
            _ => {
                let mut end = (at + rng.between(1, 32)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                let copy = s[at..end].to_string();
                s.insert_str(at, &copy);
            }
        }
    }
}

/// What made an input, for the report.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    LossyBytes,
    CodePoints,
    Pieces,
    LongWord,
    LongLine,
}

/// The input of one case: mostly short texts; now and then a word of up to 200,000
/// characters or a line of about 1 MB.
pub fn input(seed: u64) -> (Kind, String) {
    let mut rng = Rng::new(seed);
    let (kind, mut s) = match rng.below(100) {
        0..=29 => (Kind::LossyBytes, {
            let n = rng.between(0, 300);
            lossy_bytes(&mut rng, n)
        }),
        30..=59 => (Kind::CodePoints, {
            let n = rng.between(0, 200);
            code_points(&mut rng, n)
        }),
        60..=95 => (Kind::Pieces, {
            let n = rng.between(0, 60);
            pieces(&mut rng, n)
        }),
        96..=98 => (Kind::LongWord, {
            let n = rng.between(10_000, 200_000);
            long_word(&mut rng, n)
        }),
        _ => (Kind::LongLine, {
            let n = rng.between(200_000, 1_100_000);
            long_line(&mut rng, n)
        }),
    };
    if matches!(kind, Kind::CodePoints | Kind::Pieces) && rng.chance(3) {
        mutate(&mut rng, &mut s);
    }
    (kind, s)
}
