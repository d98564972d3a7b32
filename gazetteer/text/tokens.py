"""The one tokenizer: what a word is, and the apostrophes and quotes around words.

A word is a run of letters and digits (``[^\\W_]``); an apostrophe between two such runs
stays inside it ("Hadrut'a", "Füzuli’de", "Qarabağ`ın"), so a Turkish or Azerbaijani
case ending written after an apostrophe belongs to its name.
"""

from __future__ import annotations

import re

__all__ = [
    "APOSTROPHES",
    "APOSTROPHE",
    "INVISIBLES",
    "WORD",
    "SPLIT",
    "OPEN_QUOTES",
    "CLOSE_QUOTES",
    "camel_words",
    "join_invisibles",
    "split_hashtags",
    "tokens",
    "words",
]

# Apostrophes that may join the parts of one word: ASCII, right single quotation mark,
# modifier letter apostrophe (ʼ, Ukrainian/Armenian romanisation), grave accent (typed
# for an apostrophe in Azerbaijani news). Folding deletes these and a few more (see
# gazetteer.text.folding), which never join words.
APOSTROPHES = "'’ʼ`"
APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
WORD = rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*"
# Invisible characters that may sit inside a word without splitting it for the scanner:
# zero-width space, non-joiner and joiner, word joiner, soft hyphen ("Füz\u200buli",
# "Cəbra\u00adyıl"); folding deletes them (see join_invisibles).
INVISIBLES = "\u200b\u200c\u200d\u2060\u00ad"
_INVISIBLE_GAP = re.compile(f"[{INVISIBLES}]+")
# A word, captured, so that re.split gives gap, word, gap, word, ..., gap.
SPLIT = re.compile(f"({WORD})")
_WORD = re.compile(WORD)

# Quotation marks that open and close a quoted name («Карабах», "Qarabağ", „Ağdam“,
# ‹Şuşa›, 'Shusha', ‘Shushi’); German „…“ closes with “.
OPEN_QUOTES = frozenset("«“„\"‹‚‘'")
CLOSE_QUOTES = frozenset("»”\"›’“'")


def join_invisibles(parts: list[str]) -> list[str]:
    """``SPLIT.split`` output (gap, word, gap, ..., gap) with two words that only invisible
    characters separate joined into one ("Füz\u200buli"): the word keeps them, so its
    offsets are still the text's, and folding drops them. (``tokens`` still splits there,
    as the compiled core does.)"""
    if len(parts) < 5 or _INVISIBLE_GAP.search("".join(parts[2:-1:2])) is None:
        return parts
    out = [parts[0], parts[1]]
    for k in range(2, len(parts) - 1, 2):
        gap, word = parts[k], parts[k + 1]
        if _INVISIBLE_GAP.fullmatch(gap):
            out[-1] += gap + word
        else:
            out += [gap, word]
    out.append(parts[-1])
    return out


def split_hashtags(parts: list[str]) -> list[str]:
    """``SPLIT.split`` output (gap, word, gap, ..., gap) with each CamelCase word after a
    '#' cut into its words, an empty gap between them: "#KarabakhIsAzerbaijan" names
    Karabakh and Azerbaijan, and every word's offsets are still its own."""
    if "#" not in "".join(parts[0::2]):
        return parts
    out = [parts[0]]
    for k in range(1, len(parts), 2):
        word = parts[k]
        pieces = camel_words(word) if out[-1].endswith("#") else None
        if pieces:
            # a hashtag's words start at a capital after a small letter or a digit, or at
            # the last capital of a run before a small letter: #VisitAZ, #HRWReport
            for n, piece in enumerate(pieces):
                if n:
                    out.append("")
                out.append(piece)
        else:
            out.append(word)
        out.append(parts[k + 1])
    return out


def camel_words(word: str) -> list[str] | None:
    """The words of a CamelCase word ("KarabakhIsAzerbaijan" -> Karabakh, Is, Azerbaijan),
    or None when it is not one (all lower case, all capitals, one capital)."""
    cuts = [0]
    for k in range(1, len(word)):
        a, b = word[k - 1], word[k]
        if not b.isupper():
            continue
        if a.islower() or (a.isupper() and k + 1 < len(word) and word[k + 1].islower()):
            cuts.append(k)
        elif a.isdigit():
            cuts.append(k)
    if len(cuts) == 1:
        return None
    cuts.append(len(word))
    return [word[x:y] for x, y in zip(cuts, cuts[1:])]


def tokens(text: str) -> list[tuple[int, int]]:
    """Spans of word tokens (letters and digits; an inner apostrophe stays inside)."""
    return [m.span() for m in _WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The word tokens of a text, in order."""
    return _WORD.findall(text)
