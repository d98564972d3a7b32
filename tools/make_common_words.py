#!/usr/bin/env python3
"""Write gazetteer/data/common_words.txt: words that loose matching must not touch.

With it, gazetteer/data/ambiguous_names.txt (place names that are frequent words), and
the same two lists as the words are written, case and accents aside
(gazetteer/data/common_spellings.txt, ambiguous_spellings.txt; ``wordlist.spelling``):
a folded key is shared by words of other scripts and by digraphs ("арены" and "Areni",
"tug" and "Tugh"), so the scanner asks whether a surface *spells* a word.

Sources (build-time only):

- wordfreq (data CC BY-SA 4.0): a word is kept when it is frequent in English or in
  one of the languages news of the region is written in;
- data/reference/aze_wordlist_top.txt (Apache-2.0): the first 100,000 lines of
  ``aze/aze.wordlist`` of Tesseract's training data (tesseract-ocr/langdata), a web
  crawl's Azerbaijani words in order of frequency, as written. wordfreq's Azerbaijani
  is short and lacks nouns and inflected forms ("uşaqlar", "yazdı", "sülh"), which
  wholly lower-case texts then read as places. A word is taken from the first
  AZ_RANKS lines, and only as written in lower case: a word the crawl has only with
  a capital is a name;
- data/reference/tr_50k.txt (CC BY-SA 4.0): hermitdave/FrequencyWords,
  ``content/2018/tr/tr_50k.txt`` (OpenSubtitles 2018, word and count), for the
  inflected Turkish forms wordfreq keeps below its threshold; a word counted at
  least TR_COUNT times.

From every source a word is left out when it *is* (or inflects) the name of a town,
city, district, region or country of our table: "России" and "Bakıda" are frequent
words and also places. Only names in the languages that name places for our readers
count (NAMING_LANGUAGES): Who's On First names Georgia in Chuvash "Грузи", which folds
like the Russian "грузы" (cargo); the word stays common, and the table builder then
marks that variant as needing context. Villages named like words are decided by the scanner's rules.
Run after tools/build_places.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package, with its compiled core (a non-editable install, as in CI)
    import gazetteer._core  # noqa: F401
except ImportError:  # else this checkout's
    sys.path.insert(0, str(ROOT))

from gazetteer.inflection import lemmas  # noqa: E402
from gazetteer.table import read_places, read_variants  # noqa: E402
from gazetteer.text.folding import fold  # noqa: E402
from gazetteer.wordlist import spelling  # noqa: E402

# A place name that is also a word this frequent is "ambiguous": in running text it
# needs a capital letter in mid-sentence or a cue ("Kasaba", "kabul", "Sus").
AMBIGUOUS = {"en": 3.0, "tr": 3.3, "ru": 3.3, "de": 3.8, "fr": 3.8, "es": 3.8, "it": 3.8}
# language -> minimum Zipf frequency (3 = once per million words)
LANGUAGES = {"en": 2.2, "tr": 3.2, "ru": 3.2, "de": 3.5, "fr": 3.5, "es": 3.5, "it": 3.5}
# the reference lists: how far down each is read (a rank, a count)
AZ_RANKS = 50_000
# The languages whose names of a country, city or district keep a word of the same
# letters out of the common words: the word lists' languages, the region's (hy, ka, fa)
# and names of no stated language (GeoNames' alternate names), in the codes
# data/variants.csv writes them with (ISO 639-1 from the curated tables, 639-3 from
# Who's On First). Who's On First names a country in some 250 languages; a Chuvash or
# Wolof name that spells a Russian or Turkish word must not make the word a name
NAMING_LANGUAGES = frozenset(
    "und en eng tr tur ru rus de deu fr fra es spa it ita az aze hy hye hyw ka kat fa fas".split()
)
# the kinds of place whose own names (name_az, name_ru, name_hy) are names whatever the
# variants say; a town's or a community's ("Банк", Banka; "Tona") may be a word
OWN_NAMES_COUNT = frozenset({"country", "city", "region", "district"})
TR_COUNT = 300
REFERENCE = ROOT / "data" / "reference"
# an Azerbaijani word that inflects a town's name ("yazdı", Yazd; "binası", Binə) is a
# word when its lower-case spelling ranks at most this many times below its capitalised
# one: a word is capitalised at a sentence's start, a name everywhere
NAME_RANK_RATIO = 2
# A word of a reference list that is also the name of a settlement of Azerbaijan or
# Armenia counts only if it is this frequent: "sülh" (rank 1,846), "şimal", "kilsə" are
# words a lower-case text uses; "talış" (14,600: the Talysh) would silence the village
# Talish in every language's text
AZ_NAME_RANKS = 10_000
TR_NAME_COUNT = 1_000


@dataclass(frozen=True)
class ListedWord:
    """A word of a reference list, the language it is a word of, and whether the list
    shows it written as a word rather than a name (see :func:`reference_words`)."""

    lang: str
    word: str
    word_over_name: bool = False
    frequent: bool = False  # frequent enough to count even if it names a settlement


def reference_words(az_ranks: int = AZ_RANKS, tr_count: int = TR_COUNT) -> Iterator[ListedWord]:
    """The frequent words of the Azerbaijani and Turkish reference lists (see the module's
    docstring): Azerbaijani from the first ``az_ranks`` lines, written in lower case;
    Turkish counted at least ``tr_count`` times.

    The Azerbaijani list keeps the case of the crawl, so it tells a word from a name of
    the same letters: "uşaqlar" (rank 2,212) is far more often written so than
    "Uşaqlar" (4,169, at a sentence's start), "binası" than "BİNASI", while "Bakıda"
    and "Gəncədə" come only with a capital. ``word_over_name`` is true when the
    lower-case spelling ranks within NAME_RANK_RATIO of the first capitalised spelling
    that folds alike, or no capitalised one is read at all."""
    lower: dict[str, tuple[int, str]] = {}
    upper: dict[str, int] = {}
    with open(REFERENCE / "aze_wordlist_top.txt", encoding="utf-8") as f:
        for rank, line in enumerate(f):
            if rank >= az_ranks:
                break
            w = line.strip()
            if not w:
                continue
            k = fold(w)
            if w == w.lower():
                lower.setdefault(k, (rank, w))
            else:
                upper.setdefault(k, rank)
    for k, (rank, w) in lower.items():
        yield ListedWord("az", w, rank <= NAME_RANK_RATIO * upper.get(k, az_ranks), rank < AZ_NAME_RANKS)
    with open(REFERENCE / "tr_50k.txt", encoding="utf-8") as f:
        for line in f:
            w, _, n = line.strip().rpartition(" ")
            if w and n.isdigit() and int(n) >= tr_count:
                yield ListedWord("tr", w, frequent=int(n) >= TR_NAME_COUNT)


def main() -> int:
    from wordfreq import iter_wordlist, zipf_frequency

    places = read_places(ROOT / "data" / "places.csv")
    major = {p.id for p in places if p.kind != "village"}
    keys = set()
    # keys of major places' names in NAMING_LANGUAGES, and by the script of the
    # spelling: a Russian word whose lemma is a key only through a Latin romanisation
    # ("линия", Lin'i) stays a common word, and so does one that is a key only through a
    # name in a language none of our texts is written in ("грузы" cargo, Chuvash Грузи
    # for Georgia)
    script_keys: dict[str, set[str]] = {"Cyrl": set(), "Latn": set()}
    all_keys = {fold(p.name) for p in places}
    # the own names of the settlements of the region (see AZ_NAME_RANKS)
    settlement_names = {fold(n) for p in places if p.country in ("AZ", "AM") for n in (p.name, p.name_az) if n}
    for p in places:
        if p.id in major:
            keys.add(fold(p.name))
            if p.kind in OWN_NAMES_COUNT:  # Bakı: Baku's own name, whatever other lists say
                keys.update(fold(n) for n in (p.name_az, p.name_ru, p.name_hy) if n)
            script_keys["Latn"].add(fold(p.name))
            if p.name_ru:
                script_keys["Cyrl"].add(fold(p.name_ru))
            if p.name_az:
                script_keys["Latn"].add(fold(p.name_az))
    for v in read_variants(ROOT / "data" / "variants.csv"):
        k = fold(v.variant)
        all_keys.add(k)
        if v.id in major and v.lang in NAMING_LANGUAGES:
            keys.add(k)
            if v.script in script_keys:
                script_keys[v.script].add(k)

    def is_word(lang: str, k: str, word_over_name: bool = False) -> bool:
        if len(k) < 3 or not k.isalpha() or k in keys:
            return False
        # English does not inflect names: "Azerbaijani" stays a word. Elsewhere an
        # inflected place name ("России", "Bakıda") is not a common word for us, unless
        # a list that keeps case shows it written as a word ("yazdı", not Yazd's)
        return (
            lang == "en"
            or word_over_name
            or not any(lemma in script_keys["Cyrl" if lang == "ru" else "Latn"] for lemma, _ in lemmas(k))
        )

    words = set()
    ambiguous = set()
    # the words as written, for the same keys (see the module's docstring)
    spelled_words: set[str] = set()
    spelled_ambiguous: set[str] = set()
    for lang, threshold in LANGUAGES.items():
        for w in iter_wordlist(lang, "best"):
            if zipf_frequency(w, lang, "best") < threshold:
                break
            k = fold(w)
            if len(k) < 2 or " " in k or not k.isalpha():
                continue
            if k in all_keys and zipf_frequency(w, lang, "best") >= AMBIGUOUS.get(lang, 9):
                ambiguous.add(k)
                spelled_ambiguous.add(spelling(w))
            if is_word(lang, k):
                words.add(k)
                spelled_words.add(spelling(w))
    from_wordfreq = len(words)
    for listed in reference_words():
        k = fold(listed.word)
        if k in settlement_names and not listed.frequent:
            continue
        if is_word(listed.lang, k, listed.word_over_name):
            words.add(k)
            spelled_words.add(spelling(listed.word))
    print(f"{len(words) - from_wordfreq} words from data/reference/ beyond wordfreq's", file=sys.stderr)
    out = ROOT / "gazetteer" / "data" / "common_words.txt"
    with open(out, "w", encoding="utf-8") as f:
        f.write(
            "# Generated by tools/make_common_words.py from wordfreq (CC BY-SA 4.0),\n"
            "# Tesseract langdata aze.wordlist (Apache-2.0) and FrequencyWords tr_50k\n"
            "# (CC BY-SA 4.0); see data/reference/README.md. Do not edit.\n"
        )
        for w in sorted(words):
            f.write(w + "\n")
    print(f"{len(words)} words -> {out}", file=sys.stderr)
    out = ROOT / "gazetteer" / "data" / "ambiguous_names.txt"
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Generated by tools/make_common_words.py from wordfreq; do not edit.\n")
        f.write("# Place names (folded) that are also frequent words.\n")
        for w in sorted(ambiguous):
            f.write(w + "\n")
    print(f"{len(ambiguous)} ambiguous names -> {out}", file=sys.stderr)
    for name, spelled, what in (
        ("common_spellings.txt", spelled_words, "the common words"),
        ("ambiguous_spellings.txt", spelled_ambiguous, "the ambiguous names"),
    ):
        out = ROOT / "gazetteer" / "data" / name
        with open(out, "w", encoding="utf-8") as f:
            f.write("# Generated by tools/make_common_words.py from the sources of common_words.txt; do not edit.\n")
            f.write(f"# {what} as written, case and accents aside (gazetteer.wordlist.spelling).\n")
            for w in sorted(spelled):
                f.write(w + "\n")
        print(f"{len(spelled)} spellings -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
