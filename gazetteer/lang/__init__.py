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

from ..named import NamedTuple
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
    "FEATURE_WORDS",
    "FeatureWord",
    "TRANSCRIPTIONS",
]

# The shortest stem a morphology cuts an ending from (lang/<code>/morphology.py).
MIN_STEM = 3

# Every language with a folder here, in the order their lists are merged.
LANGUAGES = ("en", "az", "tr", "ru", "hy")
# Cue groups (see gazetteer.cues.KIND_GROUPS), in the order of their files: a word in
# two groups takes the last (none is, today).
CUE_GROUPS = ("admin", "settlement", "river", "place", "origin", "mountain", "water", "landmark")
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
        # in any case, but only as written: a form no other word's ending makes (անվան, while
        # անվանում, "calls", would read as its locative)
        self.org_words_as_written = F("org_words_as_written")
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
        # letter pairs of English spelling no Turkic word has: such a word in a bare -i is an
        # English adjective or demonym (Karabakhi), no Turkic case
        self.adjective_stems = self._lower_tuple("adjective_stems")

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


#: The lexicon of every language, built once (or read from the cache: _cached below).
LEXICON: Lexicon


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


class FeatureWord(NamedTuple):
    """What a feature word names (``lang/<code>/feature_words.tsv``): the features
    (monastery, fortress, pass...) and the kinds of place they are (gazetteer.table.KINDS)."""

    features: frozenset[str]
    kinds: frozenset[str]


def load_feature_words(root: str | os.PathLike = _ROOT) -> dict[tuple[str, bool], FeatureWord]:
    """``lang/<code>/feature_words.tsv`` of every folder that has one (the five languages, and
    German and French words news writes before a name): (folded word, stands before the name)
    -> the FeatureWord it is. A word is also read as typed without its language's special
    letters (``lang/<code>/plain_letters.tsv``: monastırı -> monastiri)."""
    out: dict[tuple[str, bool], FeatureWord] = {}
    for lang in sorted(os.listdir(root)):
        folder = os.path.join(root, lang)
        path = os.path.join(folder, "feature_words.tsv")
        if not os.path.isfile(path):
            continue
        letters = {row[0]: row[1] for row in read_table(os.path.join(folder, "plain_letters.tsv")) if len(row) == 2}
        for row in read_table(path):
            if len(row) != 4 or row[3] not in ("before", "after") or not row[1] or not row[2]:
                raise ValueError(f"{path}: expected word, features, kinds, before|after: {row!r}")
            word, before = row[0].lower(), row[3] == "before"
            features, kinds = frozenset(row[1].split()), frozenset(row[2].split())
            for form in {fold(word), fold(_plain(word, letters))}:
                had = out.get((form, before))
                if had is not None:
                    features, kinds = features | had.features, kinds | had.kinds
                out[(form, before)] = FeatureWord(features, kinds)
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
GENERIC_WORDS: dict[tuple[str, bool], frozenset[str]]
#: (folded feature word, stands before the name) -> what it names.
FEATURE_WORDS: dict[tuple[str, bool], FeatureWord]
#: language -> transcription rules, longest group first.
TRANSCRIPTIONS: dict[str, tuple[Transcription, ...]]


# ---------------------------------------------------------------- the cache
# The lists above are read from about 250 small files and folded at every start of a
# command that reads text (25-40 ms). What they build is kept in the cache folder
# (index.cache_dir(), when it exists and is private) as one marshal file, with what it
# was built from: the size and mtime of every list and table file of every language
# folder (a file added, removed or edited makes it stale, as the index's fingerprint
# does for the word lists) and the code that builds it (this file and the folding). The
# data files stay the source: a stale or unreadable cache is rebuilt from them.

_CACHE_VERSION = 1


def _cache_folder() -> str | None:
    """index.cache_dir()'s folder when it exists and is ours alone (its test as
    quick._private); None otherwise (the index creates it or reports it)."""
    env = os.environ.get("GAZETTEER_CACHE")
    if env:
        folder = env
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "gazetteer")
    try:
        st = os.stat(folder)
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (st.st_uid != getuid() or st.st_mode & 0o022):
        return None
    return folder


def _sources(root: str) -> list:
    """What the cached lists are built from: this file's and the folding's code, and the
    name, size and mtime of every .txt and .tsv file of every language folder."""
    import zlib

    here = [os.path.join(_ROOT, "__init__.py"), os.path.join(os.path.dirname(_ROOT), "text", "folding.py")]
    out: list = [_CACHE_VERSION, root]
    for path in here:
        with open(path, "rb") as f:
            out.append(zlib.crc32(f.read()))
    for folder in sorted(os.listdir(root)):
        path = os.path.join(root, folder)
        try:
            names = sorted(os.listdir(path))
        except (NotADirectoryError, FileNotFoundError):
            continue
        for name in names:
            if name.endswith((".txt", ".tsv")):
                st = os.stat(os.path.join(path, name))
                out.append((folder, name, st.st_size, st.st_mtime_ns))
    return out


def _built(root: str = _ROOT) -> dict:
    """The lexicon, generic words and transcriptions read from the files, as plain data."""
    lexicon = Lexicon.load(root)
    fields = dict(vars(lexicon))
    fields["cues"] = tuple(lexicon.cues)
    return {
        "lexicon": fields,
        "generic_words": load_generic_words(root),
        "feature_words": {key: tuple(map(tuple, word)) for key, word in load_feature_words(root).items()},
        "transcriptions": {lang: tuple(map(tuple, rules)) for lang, rules in load_transcriptions(root).items()},
    }


def _cached(root: str = _ROOT) -> dict:
    """:func:`_built`, from the cache when it was built from the files as they are now,
    else from the files (and written to the cache for the next start)."""
    import marshal
    import sys

    folder = _cache_folder()
    if folder is None:
        return _built(root)
    try:
        sources = _sources(root)
    except OSError:
        return _built(root)
    import zlib

    tag = zlib.crc32(f"{root}|{sys.version}".encode("utf-8", "surrogateescape"))
    path = os.path.join(folder, f"lexicon-{tag:08x}.marshal")
    try:
        with open(path, "rb") as f:
            kept = marshal.loads(f.read())
        if isinstance(kept, dict) and kept.get("sources") == sources:
            return kept["data"]
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        pass
    data = _built(root)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            f.write(marshal.dumps({"sources": sources, "data": data}))
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return data


def _from(data: dict) -> None:
    global LEXICON, GENERIC_WORDS, FEATURE_WORDS, TRANSCRIPTIONS
    lexicon = Lexicon.__new__(Lexicon)
    fields = dict(data["lexicon"])
    fields["cues"] = Cues(*fields["cues"])
    lexicon.__dict__.update(fields)
    LEXICON = lexicon
    GENERIC_WORDS = data["generic_words"]
    # (some 200 words and their forms name 14 distinct features and kinds: each made once,
    # not a FeatureWord and two frozensets per word at every start)
    made: dict[tuple, FeatureWord] = {}
    for value in data["feature_words"].values():
        if value not in made:
            made[value] = FeatureWord(frozenset(value[0]), frozenset(value[1]))
    FEATURE_WORDS = {key: made[value] for key, value in data["feature_words"].items()}
    TRANSCRIPTIONS = {
        lang: tuple(Transcription(group, at_end, tuple(readings)) for group, at_end, readings in rules)
        for lang, rules in data["transcriptions"].items()
    }


_from(_cached())
