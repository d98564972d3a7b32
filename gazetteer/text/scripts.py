"""The one script detector: which writing system a word is in.

Russian endings are stripped only from Cyrillic words, a Latin spelling of a name is
stronger evidence than a transliteration, and normalise keeps a case ending only where
it is in the script of the new name: all three ask this module.
"""

from __future__ import annotations

import re

__all__ = ["LATIN", "CYRILLIC", "ARMENIAN", "ARMENIAN_LIGATURES", "script", "is_cyrillic", "has_armenian", "has_latin"]

# Code-point ranges, as regex class bodies.
# Latin: ASCII letters, Latin-1 and Latin Extended A/B (ç, ş, ğ, ı, Ə), ə (IPA block,
# Azerbaijani's schwa), Latin Extended Additional (ṭ, ẋ of scholarly romanisation).
LATIN = "A-Za-z\u00c0-\u024f\u0259\u1e00-\u1eff"
CYRILLIC = "\u0400-\u04ff"  # Russian, Azerbaijani Cyrillic (ә, ғ, ҹ), Ukrainian
ARMENIAN = "\u0530-\u058f"
# and the Armenian ligatures of the Alphabetic Presentation Forms (ﬓ ﬔ ﬕ ﬖ ﬗ)
ARMENIAN_LIGATURES = "\ufb13-\ufb17"

_LATIN = re.compile(f"[{LATIN}]")
_CYRILLIC = re.compile(f"[{CYRILLIC}]")
_ARMENIAN = re.compile(f"[{ARMENIAN}]")
_SCRIPTS = ((_CYRILLIC, "cyrillic"), (_ARMENIAN, "armenian"), (_LATIN, "latin"))


def script(text: str) -> str:
    """The script of the first letter of a text: "latin", "cyrillic", "armenian",
    "other" (Georgian, Arabic...), or "" when it has no letter.

    >>> script("Füzulidə"), script("«Шуша»"), script("Ստեփանակերտ"), script("12")
    ('latin', 'cyrillic', 'armenian', '')
    """
    for ch in text:
        if ch < "\x80":  # most words of most texts: an ASCII letter is Latin
            if ch.isalpha():
                return "latin"
            continue
        if ch.isalpha():
            for pattern, name in _SCRIPTS:
                if pattern.match(ch):
                    return name
            return "other"
    return ""


def is_cyrillic(text: str) -> bool:
    """Is any letter of the text Cyrillic? (Russian endings are only stripped from words
    written in Cyrillic: "Tartare" is not a Russian prepositional of Tartar.)"""
    return _CYRILLIC.search(text) is not None


def has_armenian(text: str) -> bool:
    """Is any letter of the text Armenian (the Armenian block, as lookup.rs reads it)?"""
    return _ARMENIAN.search(text) is not None


def has_latin(text: str) -> bool:
    """Has the text a letter of the Latin script?"""
    return _LATIN.search(text) is not None
