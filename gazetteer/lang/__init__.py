"""Language data: the word lists of each language the scanner reads, as data files.

``lang/<code>/<list>.txt`` holds one word or phrase a line; ``#`` starts a comment, and
each file's first line says where the list came from. A word of two languages is in
both files. The :class:`Lexicon`, built once at import from every language's files,
exposes the lists by field, in the form the scanner compares them (folded by
:func:`gazetteer.text.folding.fold`, or as written where it compares the text as
written). Adding a word to a language is an edit of one file here.

The same files are read by the compiled core (issue 15), so keep the format plain.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from ..text.folding import fold

__all__ = [
    "LANGUAGES",
    "CUE_GROUPS",
    "MIN_STEM",
    "Cues",
    "Lexicon",
    "LEXICON",
    "read_list",
    "read_table",
    "Transcription",
    "GENERIC_WORDS",
    "TRANSCRIPTIONS",
]

# The shortest stem a morphology cuts an ending from (lang/<code>/morphology.py).
MIN_STEM = 3

# Every language with a folder here, in the order their lists are merged.
LANGUAGES = ("en", "az", "tr", "ru", "hy")
# Cue groups (see gazetteer.cues.KIND_GROUPS), in the order of their files: a word in
# two groups takes the last (none is, today).
CUE_GROUPS = ("admin", "settlement", "river", "place", "mountain", "water", "landmark")
_ROOT = os.path.dirname(os.path.abspath(__file__))


def read_list(path: str | os.PathLike) -> list[str]:
    """The entries of one list file: stripped lines, without blanks and ``#`` comments."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return []
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


class Cues(NamedTuple):
    """Folded cue word or phrase -> cue group: ``suffix`` after a name ("district",
    "rayonunda"), ``prefix`` before it ("city of", "г")."""

    suffix: dict[str, str]
    prefix: dict[str, str]


def _forms(word: str) -> tuple[str, str, str]:
    """A lower-case word as written in running text: lower case, capitalised, capitals."""
    return word, word[:1].upper() + word[1:], word.upper()


class Lexicon:
    """Every language's lists, merged, by field. Build it with :meth:`load` (done once,
    as :data:`LEXICON`); fields are frozensets, tuples or dicts, never mutated."""

    def __init__(self, lists: dict[str, dict[str, list[str]]]):
        #: list name -> language -> entries as written in the file
        self.lists = lists
        F = self._folded
        self.cues = Cues(self._cue_table("cues_after"), self._cue_table("cues_before"))
        # words and phrases around a name
        self.org_words = F("org_words")  # after a capitalised name: Minsk Group, Azerbaijan Airlines
        self.org_words_any_case = F("org_words_any_case")  # in any case: Minsk qrupu, Qarabağ FK
        self.org_names = F("org_names")  # whole names of organisations written like a place's: Կարմիր Խաչ
        self.person_titles = F("person_titles")  # President Aliyev
        self.artist_titles = F("artist_titles")  # şair Fuzuli
        self.given_names = F("given_names")  # Kemal Aras, Lachin Mamedov: given names (some are places)
        self.origin_prepositions = F("origin_prepositions")  # Vardan from Kapan
        self.name_titles_after = F("name_titles_after")  # Şuşa xanım: a title after a given name
        self.work_words = F("work_words")  # ghazals of Fuzuli
        self.quoted_name_words = F("quoted_name_words")  # the club "Qarabağ", портвейн «Агдам»
        self.name_words = F("name_words")  # tartar (sauce): names that are words in lower case
        self.function_words = F("function_words")  # Near Talish
        self.conjunctions = F("conjunctions")  # Aghdam and Tartar
        self.sports_words = frozenset(f for w in self._raw("sports_words") for f in _forms(w))
        # a text with a word of an individual sport (chess, güləş) and none of a team game
        # (football, basketbol) is no football copy: "A. Aliyev (Shusha)" is a home town there
        self.individual_sport_words = frozenset(f for w in self._raw("individual_sport_words") for f in _forms(w))
        self.team_sport_words = frozenset(f for w in self._raw("team_sport_words") for f in _forms(w))
        self.venue_prepositions = F("venue_prepositions")
        self.locative_prepositions = F("locative_prepositions")
        self.prepositions = F("prepositions")  # Russian prepositions lookup drops
        # as written, for patterns over the text between two names
        self.list_conjunctions = tuple(dict.fromkeys(self._raw("conjunctions") + self._raw("list_words")))
        self.serial_conjunctions = tuple(dict.fromkeys(self._raw("serial_conjunctions")))
        self.parent_prepositions = tuple(dict.fromkeys(self._raw("parent_prepositions")))
        # as written, compared with words as written
        self.articles = frozenset(self._raw("articles"))  # the Araz
        self.work_prepositions = frozenset(self._raw("work_prepositions"))  # ghazals of Fuzuli
        self.prose_markers = frozenset(self._raw("prose_markers"))
        self.foreign_name_heads = frozenset(self._raw("foreign_name_heads"))
        self.special_letters = "".join(dict.fromkeys(self._raw("special_letters")))
        # endings, folded
        self.family_endings = self._folded_tuple("family_endings")
        self.surname_endings = self._folded_tuple("surname_endings")
        self.plural_words = F("plural_words")
        self.plural_endings = {lang: tuple(fold(e) for e in ws) for lang, ws in lists.get("plural_endings", {}).items()}
        self.place_cases = F("place_cases")
        self.place_case_prefixes = self._folded_tuple("place_case_prefixes")
        self.dative_endings = F("dative_endings")
        self.genitive_endings = F("genitive_endings")
        # how a cue word for a village, or for a town, begins (lower case, as written):
        # the cue prefers that kind among same-name places ("Bartaz kəndi" the village)
        self.village_cue_stems = self._lower_tuple("village_cue_stems")
        self.town_cue_stems = self._lower_tuple("town_cue_stems")
        # a word between a parent named first and a place in it (Tovuz'a bağlı Ağdam)
        self.parent_links = self._lower_tuple("parent_links")
        # an article opening an apposition after a name (Tugh, a village near Hadrut)
        self.apposition_articles = self._lower_tuple("apposition_articles")
        self.apposition_followers = self._lower_tuple("apposition_followers")  # a village whose
        # a word after a name for the place's team in a match (Füzuli temsilcileri): a place
        self.team_of_place_words = self._lower_tuple("team_of_place_words")
        # a capitalised word for a language before a name, giving the name in that language
        # ("Tugh (Armenian Togh)"): no given name before a family name
        self.language_adjectives = self._lower_tuple("language_adjectives")

    @classmethod
    def load(cls, root: str | os.PathLike = _ROOT, languages: tuple[str, ...] = LANGUAGES) -> Lexicon:
        """Read every list of every language under ``root`` (os calls, not pathlib: this
        runs at every start of a command that reads text or cues)."""
        lists: dict[str, dict[str, list[str]]] = {}
        for lang in languages:
            folder = os.path.join(root, lang)
            try:
                names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
            except FileNotFoundError:
                continue
            for name in names:
                lists.setdefault(name[:-4], {})[lang] = read_list(os.path.join(folder, name))
        return cls(lists)

    def _raw(self, name: str) -> list[str]:
        """A list's entries over every language, in language order (duplicates kept)."""
        return [w for ws in self.lists.get(name, {}).values() for w in ws]

    def _folded(self, name: str) -> frozenset[str]:
        return frozenset(fold(w) for w in self._raw(name))

    def _lower_tuple(self, name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w.lower() for w in self._raw(name)))

    def _folded_tuple(self, name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fold(w) for w in self._raw(name)))

    def _cue_table(self, prefix: str) -> dict[str, str]:
        table: dict[str, str] = {}
        for group in CUE_GROUPS:
            for w in self._raw(f"{prefix}_{group}"):
                table[fold(w)] = group  # folded like the text they are compared with
        return table


#: The lexicon of every language, built once.
LEXICON = Lexicon.load()


# ---------------------------------------------------------------- lookup's tables
# Read by gazetteer.matcher only (the text scanner does not use them).


def read_table(path: str | os.PathLike) -> list[list[str]]:
    """The rows of one tab-separated table file: its fields, without blank and ``#`` lines."""
    return [[f.strip() for f in line.split("\t")] for line in read_list(path)]


def _plain(word: str, letters: dict[str, str]) -> str:
    return "".join(letters.get(ch, ch) for ch in word)


def load_generic_words(root: str | os.PathLike = _ROOT, languages: tuple[str, ...] = LANGUAGES) -> dict:
    """``lang/<code>/generic_words.tsv`` of every language: (folded word, stands before the
    name) -> the kinds of place it names. A word is also read as typed without its
    language's special letters (``lang/<code>/plain_letters.tsv``: şəhəri -> seheri)."""
    out: dict[tuple[str, bool], frozenset[str]] = {}
    for lang in languages:
        folder = os.path.join(root, lang)
        letters = {row[0]: row[1] for row in read_table(os.path.join(folder, "plain_letters.tsv")) if len(row) == 2}
        for row in read_table(os.path.join(folder, "generic_words.tsv")):
            if len(row) != 3 or row[2] not in ("before", "after"):
                raise ValueError(f"{folder}/generic_words.tsv: expected word, kinds, before|after: {row!r}")
            word, kinds, before = row[0].lower(), frozenset(row[1].split()), row[2] == "before"
            for form in {fold(word), fold(_plain(word, letters))}:
                key = (form, before)
                out[key] = out.get(key, frozenset()) | kinds
    return out


class Transcription(NamedTuple):
    """One rule of a transcription table: a letter group of a folded spelling, whether it
    must end a word, and the folded readings it may stand for ("" for a silent group)."""

    group: str
    at_end: bool
    readings: tuple[str, ...]


def load_transcriptions(root: str | os.PathLike = _ROOT) -> dict[str, tuple[Transcription, ...]]:
    """``lang/<code>/transcriptions.tsv`` of every folder that has one: language -> rules,
    longest group first (German dsch before sch before s)."""
    out: dict[str, tuple[Transcription, ...]] = {}
    for lang in sorted(os.listdir(root)):
        path = os.path.join(root, lang, "transcriptions.tsv")
        if not os.path.isfile(path):
            continue
        rules = []
        for row in read_table(path):
            if len(row) != 2 or not row[0]:
                raise ValueError(f"{path}: expected a letter group and its readings: {row!r}")
            group = row[0]
            at_end = group.endswith("$")
            readings = tuple("" if r == "-" else r for r in row[1].split())
            rules.append(Transcription(group.rstrip("$"), at_end, readings))
        out[lang] = tuple(sorted(rules, key=lambda r: -len(r.group)))
    return out


#: (folded generic word, stands before the name) -> kinds of place it names.
GENERIC_WORDS = load_generic_words()
#: language -> transcription rules, longest group first.
TRANSCRIPTIONS = load_transcriptions()
