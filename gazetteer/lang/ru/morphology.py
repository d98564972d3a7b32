"""Russian morphology on folded (romanised) text: how a name is declined (Гадруте,
Шушой) and the relative adjectives of place names (Физулинский, Мартакертского).

``analyse(word)`` gives (lemma, ending) candidates for a folded word; only words written
in Cyrillic are analysed (the caller checks the script: "Tartare" is no Russian
prepositional of Tartar).
"""

from __future__ import annotations

from functools import lru_cache

from .. import MIN_STEM

__all__ = ["analyse", "is_russian_adjective", "CASES", "forms", "cases_of", "inflect", "governed_cases"]

# Russian noun endings -> replacement to reach the nominative (on romanised text).
_RUSSIAN_NOUN = [
    ("iey", "iya"),
    ("ii", "iya"),
    ("iyu", "iya"),
    ("iyey", "iya"),
    ("ie", "iya"),
    ("oy", "a"),
    ("oyu", "a"),
    ("ey", "ya"),
    ("yu", "ya"),
    ("u", "a"),
    ("y", "a"),
    ("i", "a"),
    ("e", "a"),
    ("ye", "ya"),
    ("e", ""),
    ("a", ""),
    ("u", ""),
    ("om", ""),
    ("em", ""),
    ("ya", ""),
    ("ye", ""),
    ("yem", ""),
    ("i", ""),
    ("e", "i"),
    ("akh", ""),
    ("ami", ""),
    ("am", ""),
]


def _folded(pairs):
    """Endings are written as romanised; compare them as fold() writes them (final y -> i)."""
    from ...text.folding import _romanisation_noise

    return [(_romanisation_noise(a), _romanisation_noise(b) if b else b) for a, b in pairs]


_RUSSIAN_NOUN = _folded(_RUSSIAN_NOUN)

# Russian relative adjectives of place names: Физулинский, Мартакертского.
_RUSSIAN_ADJ_ENDINGS = sorted(
    {
        a
        for a, _ in _folded(
            [
                (e, "")
                for e in (
                    "skiy",
                    "skij",
                    "skii",
                    "skogo",
                    "skomu",
                    "skim",
                    "skom",
                    "skaya",
                    "skoy",
                    "skuyu",
                    "skoye",
                    "skoe",
                    "skiye",
                    "skie",
                    "skikh",
                    "skimi",
                )
            ]
        )
    },
    key=len,
    reverse=True,
)
_RUSSIAN_ADJ_ENDINGS_T = tuple(_RUSSIAN_ADJ_ENDINGS)


def is_russian_adjective(key: str) -> bool:
    """A folded word with the ending of a Russian relative adjective (азербайджанского,
    Минская): a demonym or an organisation's name by itself, a place only beside a
    kind word ("Физулинского района")."""
    return key.endswith(_RUSSIAN_ADJ_ENDINGS_T)


def analyse(word: str) -> list[tuple[str, str]]:
    """(lemma, ending) candidates of a folded Russian word: the noun cases, and a relative
    adjective's stem, its dictionary form and the name it is made from.

    >>> ("gadrut", "e") in analyse("gadrute")
    True
    """
    out = []
    for end in _RUSSIAN_ADJ_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= MIN_STEM:
            stem = word[: -len(end)]
            out.append((stem, end))
            out.append((stem + "skii", end))  # the dictionary form, as variants list it
            if stem.endswith("in") or stem.endswith("n"):
                base = stem[:-1]  # Физулин-ский -> Физули, Шушин-ский -> Шуша
                out.append((base, end))
                if base.endswith("i"):
                    out.append((base[:-1] + "a", end))
            break
    for end, repl in _RUSSIAN_NOUN:
        if word.endswith(end) and len(word) - len(end) + len(repl) >= MIN_STEM:
            out.append((word[: -len(end)] + repl, end))
    return out


# ------------------------------------------------------------------ generation
# The other way: a name in the nominative, declined into a case. Used by ``normalise`` to
# write a canonical Russian name in the case of the name it replaces ("в Степанакерте" ->
# "в Ханкенди", "в Агдаме" -> "в Агдаме"). The endings are data: lang/ru/declension.tsv.

CASES = ("nom", "gen", "dat", "acc", "ins", "prep")


def _read_declension() -> dict[str, tuple[tuple[str, ...], ...]]:
    import os

    from .. import read_list

    table = {}
    for line in read_list(os.path.join(os.path.dirname(os.path.abspath(__file__)), "declension.tsv")):
        cls, *forms = line.split("\t")
        table[cls] = tuple(tuple("" if e == "-" else e for e in f.split("|")) for f in forms)
    return table


_DECLENSION = _read_declension()
_VELAR = set("гкх")
_HUSH = set("жшчщ")
# Foreign place names ending in these vowels are not declined in Russian ("в Сочи", "из Баку",
# "в Тбилиси", "Алматы"): Rosenthal, § Склонение географических названий; likewise the Turkic
# names of the region on -и/-ы/-у (Ханкенди, Физули, Ходжалы, Губадлы, Кушчу).
_INDECLINABLE_ENDS = set("оеёиыуюэ")
_CYRILLIC_WORD = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя-")
_ADJ_SOFT = ("ний",)


def _adjective_class(w: str) -> tuple[str, str] | None:
    """(class, gender) of a word that looks like an adjective in the nominative."""
    if w.endswith(("ский", "цкий", "кий", "гий", "хий")):
        return "adj_ij", "m"
    if w.endswith(_ADJ_SOFT):
        return "adj_soft_ij", "m"
    if w.endswith("ый"):
        return "adj_yj", "m"
    if w.endswith("ой") and len(w) > 3:
        return ("adj_oj_velar" if w[-3] in _VELAR | _HUSH else "adj_oj"), "m"
    if w.endswith("яя"):
        return "adj_jaja", "f"
    if w.endswith("ая") and len(w) > 3:
        return ("adj_aja_hush" if w[-3] in _HUSH | {"ц"} else "adj_aja"), "f"
    if w.endswith("ее") and len(w) > 3:
        return "adj_ee", "n"
    if w.endswith("ое") and len(w) > 3:
        return ("adj_oe_velar" if w[-3] in _VELAR | _HUSH else "adj_oe"), "n"
    if w.endswith(("ие", "ые")) and len(w) > 3:
        return "plural", "pl"  # plural names (Аландские острова) are not declined here
    return None


def _noun_class(w: str, gender: str | None = None) -> str | None:
    """Declension class of a noun in the nominative; "indecl" for a name that is not declined;
    None where the class cannot be told (a plural, a noun on -ь without an adjective's gender)."""
    if not w or not set(w) <= _CYRILLIC_WORD or w.endswith("-"):
        return None
    last = w[-1]
    if w.endswith("ия"):
        return "ija"
    if last == "а":
        prev = w[-2:-1]
        if prev in _VELAR:
            return "a_velar"
        if prev in _HUSH:
            return "a_hush"
        return "a_ts" if prev == "ц" else "a"
    if last == "я":
        return "ja"
    if last in _INDECLINABLE_ENDS:
        return "indecl"
    if w.endswith("ий"):
        return "ij"
    if last == "й":
        return "j"
    if last == "ь":
        return {"m": "soft_m", "f": "soft_f"}.get(gender or "")
    if last == "ъ":
        return None
    return "cons_hush" if last in _HUSH | {"ц"} else "cons"


_GENDER = {"a": "f", "a_velar": "f", "a_hush": "f", "a_ts": "f", "ja": "f", "ija": "f", "soft_f": "f"}
_GENDER |= {c: "m" for c in ("cons", "cons_hush", "j", "ij", "soft_m")}


def _word_forms(word: str, cls: str, case: str) -> tuple[str, ...]:
    """The forms of one word of class ``cls`` in a case, written in the word's capitalisation."""
    if cls == "indecl":
        return (word,)
    row = _DECLENSION[cls]
    nom = row[0][0]
    stem = word[: len(word) - len(nom)] if nom else word
    if word[len(stem) :].lower() != nom:
        return ()
    upper = word.isupper() and len(word) > 1
    return tuple(stem + (e.upper() if upper else e) for e in row[CASES.index(case)])


def _classes(name: str) -> list[str] | None:
    """Class of each word of a name: adjectives agreeing with a final noun, or words that are
    all indeclinable; None for any other shape (the case of such a name is not generated)."""
    words = name.split(" ")
    low = [w.lower() for w in words]
    if not all(low) or not all(set(w) <= _CYRILLIC_WORD for w in low):
        return None
    if len(low) == 1:
        adj = _adjective_class(low[0])
        if adj and adj[1] != "pl" and not (adj[0] == "adj_oj" and low[0].endswith("ой") and len(low[0]) <= 4):
            return [adj[0]]
        cls = _noun_class(low[0])
        return None if cls is None else [cls]
    *mods, head = low
    adjs = [_adjective_class(w) for w in mods]
    if all(a is not None and a[1] != "pl" for a in adjs):
        genders = {a[1] for a in adjs}
        if len(genders) != 1:
            return None
        gender = genders.pop()
        noun = _noun_class(head, gender)
        if noun is None or (noun != "indecl" and _GENDER.get(noun) != gender):
            return None  # Аландские острова, or an adjective that does not agree
        return [a[0] for a in adjs] + [noun]
    if all(_noun_class(w) == "indecl" for w in low):
        return ["indecl"] * len(low)  # Ашагы Кушчу
    return None


@lru_cache(maxsize=16_384)
def forms(name: str, case: str) -> tuple[str, ...]:
    """Every form a Russian name (nominative, in Cyrillic) may take in a case; () when it
    cannot be declined here.

    >>> forms("Шуша", "prep"), forms("Ханкенди", "prep"), forms("Физулинский район", "prep")
    (('Шуше',), ('Ханкенди',), ('Физулинском районе',))
    """
    classes = _classes(name)
    if classes is None:
        return ()
    out = [""]
    for word, cls in zip(name.split(" "), classes):
        got = _word_forms(word, cls, case)
        if not got:
            return ()
        out = [f"{o} {g}" if o else g for o in out for g in got]
    return tuple(out)


@lru_cache(maxsize=16_384)
def cases_of(name: str, form: str) -> frozenset[str]:
    """The cases in which ``name`` (nominative) is written ``form``: {"prep"} for Степанакерте,
    every case for an indeclinable name (Ханкенди), {"dat", "prep"} for Гяндже.

    >>> sorted(cases_of("Гянджа", "Гяндже"))
    ['dat', 'prep']
    """
    want = form.replace("ё", "е").casefold()
    if want[:2] != name[:2].replace("ё", "е").casefold():
        return frozenset()  # every form of a name begins as it does (the stem's first letters)
    return frozenset(c for c in CASES if any(f.replace("ё", "е").casefold() == want for f in forms(name, c)))


def inflect(name: str, ending: str) -> str | None:
    """``name`` (nominative) in the case ``ending`` names ("nom", "gen", "dat", "acc", "ins",
    "prep"); None where Russian has no single form for it here: the name is not in Cyrillic
    (a Latin or Armenian name stays as it is in a Russian sentence), its shape is not one this
    table declines, or the form depends on stress. Names on -о/-е/-и/-у/-ы are not declined
    ("в Ханкенди"); names on -а decline as feminine nouns ("в Гяндже"), names on a consonant as
    masculine ones ("в Агдаме"); an adjective + noun name agrees as a whole ("в Физулинском
    районе").

    >>> inflect("Ханкенди", "prep"), inflect("Агдам", "prep"), inflect("Шуша", "acc")
    ('Ханкенди', 'Агдаме', 'Шушу')
    >>> inflect("Физулинский район", "gen"), inflect("Hadrut", "prep")
    ('Физулинского района', None)
    """
    if ending not in CASES:
        return None
    got = forms(name, ending)
    return got[0] if len(got) == 1 else None


def _read_prepositions() -> dict[str, frozenset[str]]:
    import os

    from .. import read_list

    out = {}
    for line in read_list(os.path.join(os.path.dirname(os.path.abspath(__file__)), "preposition_cases.tsv")):
        word, cases = line.split("\t")
        out[word] = frozenset(cases.split())
    return out


_PREPOSITION_CASES = _read_prepositions()


def governed_cases(before: str) -> frozenset[str] | None:
    """The cases the preposition just before a name governs ("Дорога из " -> {"gen"}), or None
    when the word before is no preposition of lang/ru/preposition_cases.tsv.

    >>> sorted(governed_cases("Колонна вышла из ")), governed_cases("Шуша ")
    (['gen'], None)
    """
    words = before.rstrip().rsplit(None, 1)
    if not words or before[-1:] not in (" ", "\u00a0"):
        return None
    return _PREPOSITION_CASES.get(words[-1].lower().lstrip('(«"“„'))
