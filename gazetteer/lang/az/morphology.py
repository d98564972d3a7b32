"""Azerbaijani (and Turkish) morphology on folded text: the case and possessive endings
a name takes (Füzulidə, Cəbrayılın, Hadrut'a, Şuşaya), cut off with vowel harmony.

``analyse(word)`` gives (stem, ending) candidates for a folded word; a stem is only a
lemma when it is a known name (the caller probes the keys), so over-generation costs
a dictionary probe, not a false match. Turkish endings coincide with these once
folded (ə -> a, ı -> i, ü -> u, ö -> o): :mod:`gazetteer.lang.tr.morphology` is this.
"""

from __future__ import annotations

import os
from functools import cache

from .. import MIN_STEM

__all__ = ["ENDINGS", "analyse", "inflect", "CaseEndings", "turkic_upper", "turkic_lower"]

# Azerbaijani/Turkish case and possessive endings as they look after folding
# (ə->a, ı->i, ü->u, ö->o), longest first. Buffer consonants (n, y, s) included.
_TURKIC = sorted(
    {
        # locative, ablative (+ -ki relative)
        "da",
        "de",
        "ta",
        "te",
        "nda",
        "nde",
        "dan",
        "den",
        "tan",
        "ten",
        "ndan",
        "nden",
        "daki",
        "deki",
        "taki",
        "teki",
        "ndaki",
        "ndeki",
        # genitive
        "in",
        "un",
        "nin",
        "nun",
        "yin",
        "yun",
        # dative
        "a",
        "e",
        "ya",
        "ye",
        "na",
        "ne",
        # accusative
        "i",
        "u",
        "yi",
        "yu",
        "ni",
        "nu",
        # instrumental / comitative
        "la",
        "le",
        "yla",
        "yle",
        "ilan",
        "ila",
        "ile",
        # possessive 3sg used with district words (Fuzuli rayonu) and plural
        "si",
        "su",
        "lar",
        "ler",
        "dir",
        "dur",
        # the copula after the locative (İş yeri Ağdərədədir: the job is in Aghdara; Turkish
        # Köy Hadrut'tadır), folded
        "dadir",
        "dedir",
        "tadir",
        "tedir",
        "ndadir",
        "ndedir",
        # Azerbaijani "-dakı" spelled through folding, directional -dək
        "dak",
        "tak",
    },
    key=len,
    reverse=True,
)


def _harmonises(stem: str, suffix: str) -> bool:
    """Vowel harmony, as far as folding leaves it visible.

    Folding merges ə into a and ı into i, so only clear clashes are refused:
    a back suffix after a last vowel e ("Gence'da"), a front suffix after a
    last vowel a ("Tartare" is not Tartar + e), and -u- suffixes after a
    last vowel that is not rounded.
    """
    last = next((ch for ch in reversed(stem) if ch in "aeiou"), "")
    if not last:
        return True
    if "e" in suffix and last == "a":
        return False
    if "a" in suffix and last == "e":
        return False
    if "u" in suffix and last not in "ou":
        return False
    return True


# A word ends in at most one ending of each length: probe its last 5, 4, ... letters.
_TURKIC_SET = frozenset(_TURKIC)
_TURKIC_LENGTHS = sorted({len(s) for s in _TURKIC}, reverse=True)


def analyse(word: str) -> list[tuple[str, str]]:
    """(stem, ending) for each ending a folded word may carry, longest ending first.

    >>> analyse("fuzulida")
    [('fuzuli', 'da'), ('fuzulid', 'a')]
    """
    out = []
    for n in _TURKIC_LENGTHS:
        if len(word) - n >= MIN_STEM:
            suf = word[-n:]
            if suf in _TURKIC_SET:
                stem = word[:-n]
                if _harmonises(stem, suf):
                    out.append((stem, suf))
    return out


ENDINGS = tuple(_TURKIC)


# ------------------------------------------------------------------ generation
# The other way: a name with a case ending, the ending chosen by vowel harmony. ``normalise``
# uses it to carry the case of the name it replaces onto the canonical name (Füzulidə ->
# Fuzulidə, Stepanakertdən -> Xankəndidən). The endings are data: lang/<code>/case_endings.tsv.

_BACK = set("aıou")
_FRONT = set("əeiöü")
_ROUNDED = set("oöuü")
_VOWELS = _BACK | _FRONT


def turkic_lower(text: str) -> str:
    """Lower case with the Azerbaijani/Turkish dotless ı and dotted i (I -> ı, İ -> i)."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def turkic_upper(text: str) -> str:
    """Capitals with the Azerbaijani/Turkish dotted İ (i -> İ, ı -> I): XANKƏNDİ, FÜZULİ.

    >>> turkic_upper("Xankəndidə")
    'XANKƏNDİDƏ'
    """
    return text.replace("i", "İ").replace("ı", "I").upper()


class CaseEndings:
    """The case endings of one Turkic language, read from its ``case_endings.tsv``: each case
    written with harmony letters, after a consonant, after a vowel, after a possessive.

    ``low`` are the two vowels of the minor harmony (a and ə in Azerbaijani, a and e in
    Turkish); ``apostrophe``: endings of proper names follow an apostrophe (Turkish);
    ``devoice``: d of an ending is t after a voiceless consonant (Turkish).
    """

    def __init__(self, path: str, *, low: tuple[str, str], apostrophe: bool, devoice: bool):
        from .. import read_list

        self.low = low
        self.apostrophe = apostrophe
        self.devoice = devoice
        self.table: dict[str, tuple[str, str, str]] = {}
        for line in read_list(path):
            case, *cols = line.split("\t")
            self.table[case] = tuple(cols)
        # every written form of every ending -> its case(s)
        self.written: dict[str, set[str]] = {}
        for case, cols in self.table.items():
            for col in cols:
                for form in self._realisations(col):
                    self.written.setdefault(form, set()).add(case)

    def _realisations(self, pattern: str) -> set[str]:
        out = {""}
        for ch in pattern:
            opts = {
                "A": self.low,
                "I": ("ı", "i", "u", "ü"),
                "Y": ("ı", "i"),
                "D": ("d", "t") if self.devoice else ("d",),
            }.get(ch, (ch,))
            out = {o + x for o in out for x in opts}
        return out

    def case_of(self, ending: str) -> str | None:
        """The case a written ending marks ("də" -> "loc", "'ya" -> "dat"), None if unknown
        or ambiguous."""
        from ...text.tokens import APOSTROPHES

        if ending in self.table:
            return ending
        got = self.written.get(turkic_lower(ending.lstrip(APOSTROPHES)), set())
        return next(iter(got)) if len(got) == 1 else None

    def _write(self, pattern: str, vowel: str, before: str) -> str:
        out = []
        for ch in pattern:
            if ch == "A":
                ch = self.low[0] if vowel in _BACK else self.low[1]
            elif ch == "I":
                back, rounded = vowel in _BACK, vowel in _ROUNDED
                ch = ("u" if rounded else "ı") if back else ("ü" if rounded else "i")
            elif ch == "Y":
                ch = "ı" if vowel in _BACK else "i"
            elif ch == "D":
                ch = "t" if self.devoice and before in "çfhkpsşt" else "d"
            out.append(ch)
        return "".join(out)

    def inflect(self, name: str, ending: str, *, sound: str | None = None, possessive=frozenset()) -> str | None:
        """``name`` with the case ending ``ending`` (a written ending of any harmony, or a case
        name) fitted to it; None where it cannot be written: the ending is not a case ending,
        the name is not in the Latin alphabet or has no vowel. ``sound`` is a spelling whose
        vowels say how the name sounds (the Azerbaijani name behind an English spelling);
        ``possessive``: words that end a name in the possessive (rayonu, bölgesi)."""
        from ...text.folding import fold
        from ...text.scripts import script
        from ...text.tokens import APOSTROPHES

        case = self.case_of(ending)
        if case is None or not name or not name[-1].isalpha() or script(name) != "latin":
            return None
        if any(not (ch.isalpha() or ch in " -") for ch in name):
            return None
        low = turkic_lower(sound or name)
        vowel = next((ch for ch in reversed(low) if ch in _VOWELS), "")
        if not vowel:
            return None
        last = low[-1]  # as it sounds: Khojaly ends in a vowel, as Xocalı (Khojalynın)
        words = name.split()
        # an ending written as after a possessive (rayonunda, limanından: the pronominal n)
        # says the old name ended in one; a new name ending in -ı/-i/-u/-ü is taken as one too
        plain = turkic_lower(ending.lstrip(APOSTROPHES))
        was_possessive = plain in self._realisations(self.table[case][2]) and not any(
            plain in self._realisations(col) for col in self.table[case][:2]
        )
        if last in _VOWELS:
            owned = len(words) > 1 and (fold(words[-1]) in possessive or was_possessive)
            col = 2 if owned and last in "ıiuü" else 1
        else:
            col = 0
        pattern = self.table[case][col]
        if not self.apostrophe and pattern[0] in "AIY" and last in "kq":
            return None  # Azerbaijani writes a final k/q voiced before a vowel (çörəyin): not guessed
        written = self._write(pattern, vowel, last)
        if self.apostrophe and col != 2:  # "Cebrail bölgesinde": the ending is on a common noun
            mark = ending[0] if ending[:1] in APOSTROPHES else "'"
            return name + mark + written
        return name + written


@cache
def _possessives(code: str) -> frozenset[str]:
    """Generic words of a language that end in the possessive -ı/-i/-u/-ü (rayonu, çayı, dəhlizi),
    folded as the cue lists write them."""
    from .. import read_list

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folder = os.path.join(root, code)
    out = set()
    for n in os.listdir(folder):
        if n.startswith("cues_after_") and n.endswith(".txt"):
            out.update(w for w in read_list(os.path.join(folder, n)) if " " not in w)
    return frozenset(w for w in out if w[-1:] in "iu")  # folded: ı -> i, ü -> u


AZ_ENDINGS = CaseEndings(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "case_endings.tsv"),
    low=("a", "ə"),
    apostrophe=False,
    devoice=False,
)


def inflect(name: str, ending: str, *, sound: str | None = None) -> str | None:
    """An Azerbaijani case ending on a name, by vowel harmony; None where it cannot be written.

    >>> inflect("Xankəndi", "da"), inflect("Şuşa", "ə"), inflect("Cəbrayıl", "in")
    ('Xankəndidə', 'Şuşaya', 'Cəbrayılın')
    >>> inflect("Laçın dəhlizi", "də"), inflect("Шуша", "da")
    ('Laçın dəhlizində', None)
    """
    return AZ_ENDINGS.inflect(name, ending, sound=sound, possessive=_possessives("az"))
