"""Name folding: one comparable key for every spelling of a name.

Two levels. ``fold`` is exact-but-forgiving: case, diacritics, apostrophes,
hyphens and spacing go; Cyrillic and Armenian are romanised the way English
news romanises them (Джебраил -> jebrail, Ստեփանակերտ -> stepanakert), and the
Azerbaijani/Turkish letters are mapped *before* any generic transliteration
(ə -> a, ş -> sh, ı -> i), because unidecode would turn ə into "@".

``skeleton`` is a deliberately lossy phonetic key for romanisation noise
(Jebrail / Djabrail / Cabrayil / Jabrayil all give ``jbrl``). It over-merges,
so callers must verify a skeleton hit with a similarity score.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .tokens import APOSTROPHES

__all__ = ["fold", "skeleton", "romanise"]

# Letters of Azerbaijani and Turkish Latin, mapped to the English-news reading.
# x, q and c stay: they are also English letters; ``skeleton`` reconciles them.
_AZ_TR = {
    "ə": "a",
    "Ə": "a",
    # the turned e (ǝ), which WOF writes for ə in some names (İncǝ, Binǝ)
    "ǝ": "a",
    "Ǝ": "a",
    "ı": "i",
    "I": "i",
    "İ": "i",
    "i̇": "i",
    "ğ": "gh",
    "Ğ": "gh",
    "ş": "sh",
    "Ş": "sh",
    "ç": "ch",
    "Ç": "ch",
    "ö": "o",
    "Ö": "o",
    "ü": "u",
    "Ü": "u",
    "â": "a",
    "î": "i",
    "û": "u",
}

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Azerbaijani, Ukrainian and other Cyrillic letters met in names
    "ә": "a",
    "ғ": "gh",
    "ҹ": "j",
    "ҝ": "g",
    "һ": "h",
    "ө": "o",
    "ү": "u",
    "ј": "y",
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ў": "u",
    "қ": "k",
    "ң": "n",
}

_ARMENIAN = {
    "ա": "a",
    "բ": "b",
    "գ": "g",
    "դ": "d",
    "ե": "e",
    "զ": "z",
    "է": "e",
    "ը": "y",
    "թ": "t",
    "ժ": "zh",
    "ի": "i",
    "լ": "l",
    "խ": "kh",
    "ծ": "ts",
    "կ": "k",
    "հ": "h",
    "ձ": "dz",
    "ղ": "gh",
    "ճ": "ch",
    "մ": "m",
    "յ": "y",
    "ն": "n",
    "շ": "sh",
    "ո": "o",
    "չ": "ch",
    "պ": "p",
    "ջ": "j",
    "ռ": "r",
    "ս": "s",
    "վ": "v",
    "տ": "t",
    "ր": "r",
    "ց": "ts",
    "ւ": "v",
    "փ": "p",
    "ք": "k",
    "օ": "o",
    "ֆ": "f",
    "և": "ev",
}

# deleted by folding: the apostrophes that join words, others that never do (‘ ʻ ´ ′),
# and invisible characters (soft hyphen, zero-width space, joiners, word joiner)
_DELETED = APOSTROPHES + "‘ʻ´′\u00ad\u200b\u200c\u200d\u2060"
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_./,;:()\[\]\"«»„“”]+")
_NON_WORD = re.compile(r"[^0-9a-z ]+")


# One translation table for every single-character mapping: Azerbaijani/Turkish
# letters, Armenian and Cyrillic (lower and upper case), apostrophes and invisible
# characters (deleted). str.translate does it in one C pass.
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for ch, out in _AZ_TR.items():
        if len(ch) == 1:
            table[ord(ch)] = out
    for src in (_ARMENIAN, _CYRILLIC):
        for ch, out in src.items():
            table[ord(ch)] = out
            up = ch.upper()
            if len(up) == 1 and up != ch:
                table[ord(up)] = out
    for ch in _DELETED:
        table[ord(ch)] = None
    return table


_TRANSLATE = _table()
_DIGRAPHS = (("ու", "u"), ("Ու", "u"), ("ՈՒ", "u"), ("дж", "j"), ("Дж", "j"), ("ДЖ", "j"), ("i̇", "i"))


def romanise(text: str) -> str:
    """Romanise Cyrillic and Armenian, and map Azerbaijani/Turkish letters.

    Other scripts are left for unidecode (called by ``fold`` only when needed).
    """
    for a, b in _DIGRAPHS:
        if a in text:
            text = text.replace(a, b)
    return text.translate(_TRANSLATE)


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Return the comparison key of a name; ``fold(fold(x)) == fold(x)``.

    >>> fold("Cəbrayıl")
    'cabrayil'
    >>> fold("Xankəndi") == fold("Khankendi".replace("e", "a"))
    True
    >>> fold("  Nagorno-Karabakh ")
    'nagorno karabakh'
    >>> fold("Füzuli'de")
    'fuzulide'
    >>> fold("")
    ''
    """
    if not text.isascii():
        text = romanise(unicodedata.normalize("NFC", text))
    elif "'" in text or "`" in text:
        text = text.translate(_TRANSLATE)
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = romanise(text)  # NFKD can expose letters mapped above
        if not text.isascii():
            from unidecode import unidecode

            text = unidecode(text).lower().translate(_TRANSLATE)
    text = _SEPARATORS.sub(" ", text)
    text = _NON_WORD.sub("", text)
    text = _romanisation_noise(text)
    return " ".join(text.split())


_Y_AS_I = re.compile(r"y(?=[^aeiouy ]|$| )")


def _romanisation_noise(text: str) -> str:
    """Spellings that romanisations of one name disagree on, reduced to one form.

    Azerbaijani x is English kh (Xankəndi, Khankendi) and q is g (Qubadlı,
    Gubadli); ğ and gh are written g
    as often as gh (Ağdam, Aghdam, Agdam); Russian ы gives y where others write
    i (Khojaly, Khojali). Applied to names and queries alike.
    """
    if "x" in text:
        text = text.replace("x", "kh")
    if "q" in text:
        text = text.replace("q", "g")
    while "gh" in text:  # "ğh" gives "ghh": reduce until stable, so fold stays idempotent
        text = text.replace("gh", "g")
    if "y" in text:
        text = _Y_AS_I.sub("i", text)
    return text


# Skeleton: digraphs first, then single letters, then vowels dropped.
_SKEL_DIGRAPHS = [
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("ts", "c"),
    ("tch", "c"),
    ("ph", "f"),
    ("dz", "z"),
]
_SKEL_LETTERS = str.maketrans(
    {
        "c": "j",
        "x": "h",
        "q": "g",
        "k": "g",
        "d": "t",
        "w": "v",
        "y": "",
        "z": "z",
    }
)
_VOWELS = re.compile(r"[aeiouy]")


@lru_cache(maxsize=65_536)
def skeleton(key: str) -> str:
    """Lossy phonetic key of a folded name (consonant classes, no vowels).

    >>> skeleton(fold("Jebrail")) == skeleton(fold("Cabrayil")) == skeleton(fold("Djabrail"))
    True
    """
    s = key.replace(" ", "")
    if not s:
        return ""
    # "ch" is read as in English (Chiragli = Çıraqlı); "c" alone is Azerbaijani j.
    s = s.replace("tch", "\x01").replace("ch", "\x01").replace("ts", "\x02")
    for a, b in _SKEL_DIGRAPHS:
        s = s.replace(a, b)
    s = s.translate(_SKEL_LETTERS)
    s = s.replace("\x01", "c").replace("\x02", "c")
    first, rest = s[0], _VOWELS.sub("", s[1:])
    if first in "aeiou":
        first = "a"
    out = [first]
    for ch in rest:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


# The compiled fold (crates/gazetteer-core) gives exactly what the fold above gives
# (tests/test_core.py: every code point, every variant name, generated text) in about a
# fifth of the time; the cache stays, since a hit (50 ns) costs less than a call (0.5 µs).
# The Python fold stays as the reference the port is tested against.
try:
    from .._core import fold as _compiled_fold
except ImportError as exc:  # a checkout used without building it
    raise ImportError("gazetteer._core is not built: run `pip install -e .` (or `maturin develop`)") from exc

_python_fold = fold
fold = lru_cache(maxsize=65_536)(_compiled_fold)
