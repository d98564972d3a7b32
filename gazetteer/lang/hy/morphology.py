"""Eastern Armenian morphology on words as written (Armenian script): the case endings
and articles a name takes in running text (Ստեփանակերտում, Շուշիից, Մարտունու, Բաքվի,
Շուշան), and the forms a name takes in a case.

``analyse(word)`` gives (lemma, ending) candidates: the lemma in Armenian script, the
ending in its basic form (``"ում"`` for Շուշայում, ``"ի"`` for Բաքվի), so that
``inflect(lemma, ending)`` writes the word again. The endings are data
(``case_endings.tsv``, with their grammar); the stem changes are the rules below:

- after -ա/-ո/-ե/-է/-օ a case ending takes the glide յ (Շուշա -> Շուշայում);
- a final -ու is written -վ- before a case ending (Բաքու -> Բաքվի, Բաքվից);
- the u-declension replaces a final -ի (Մարտունի -> Մարտունու, Մարտունուց);
- the article is -ը after a consonant and -ն after a vowel (Ստեփանակերտը, Շուշան), and
  -ն after a consonant before a word that starts with a vowel (Ստեփանակերտն ու).

Words are analysed on their Armenian letters, not on the folded key: folding writes the
article -ը and the genitive -ի alike ("stepanakerti"), and an ending must not be read
into a Latin word. Classical spellings (``classical_spellings.tsv``) are also given in
their reformed form (Մոսկուայում -> Մոսկվա), since folding keeps them apart.
"""

from __future__ import annotations

import os
from functools import lru_cache

from .. import MIN_STEM, read_list

__all__ = ["analyse", "inflect", "is_plural", "is_plural_ending", "ENDINGS", "is_armenian_word"]

_HERE = os.path.dirname(os.path.abspath(__file__))


def _table(name: str) -> list[tuple[str, str]]:
    out = []
    for line in read_list(os.path.join(_HERE, name)):
        a, _, b = line.partition("\t")
        out.append((a.strip(), b.strip()))
    return out


#: ending as written -> its class (case, u-case, article, plural), longest first
ENDINGS: tuple[tuple[str, str], ...] = tuple(sorted(_table("case_endings.tsv"), key=lambda e: -len(e[0])))
_CLASSICAL: tuple[tuple[str, str], ...] = tuple(_table("classical_spellings.tsv"))
#: reduced stem -> nominative ending (կամրջ- -> կամուրջ): vowel reduction before an ending
_STEMS: tuple[tuple[str, str], ...] = tuple(_table("stem_changes.tsv"))
_CLASS = dict(ENDINGS)
# vowels after which a case ending takes the glide յ (the digraph ու is handled apart)
_GLIDE_AFTER = frozenset("աոեէօ")
_VOWELS = frozenset("աեէըիոօ")
# case endings that the u-declension stem of an -ի name also takes (Մարտունում, Գյումրուց
# is -ուց): the locative, ablative and instrumental
_U_STEM_CASES = frozenset(("ում", "ից", "ով"))
_ARMENIAN_LOWER = frozenset(chr(c) for c in range(0x0561, 0x0588))


def is_armenian_word(word: str) -> bool:
    """Is the first letter of a word Armenian?"""
    for ch in word:
        if ch.isalpha():
            return ch.lower() in _ARMENIAN_LOWER or ch == "և"
    return False


def _ends_in_vowel(stem: str) -> bool:
    return stem.endswith("ու") or stem[-1:] in _VOWELS


def _reformed(lemma: str) -> list[str]:
    """The lemma and, where it is written in the classical orthography, its reformed form."""
    out = [lemma]
    new = lemma
    for old, repl in _CLASSICAL:
        if old in new:
            new = new.replace(old, repl)
    if new != lemma:
        out.append(new)
    return out


@lru_cache(maxsize=65_536)
def _analyse(word: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for ending, kind in ENDINGS:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if len(stem) < 2:
            continue
        stems: list[str] = []
        if kind == "case":
            if stem.endswith("յ") and stem[-2:-1] in _GLIDE_AFTER:
                stems.append(stem[:-1])  # Շուշայում -> Շուշա
            elif stem.endswith("վ"):
                stems.append(stem[:-1] + "ու")  # Բաքվում -> Բաքու
                stems.append(stem)  # or a stem that ends in -վ itself
            else:
                stems.append(stem)  # Ստեփանակերտում, Շուշիում, Շուշիի
                if ending in _U_STEM_CASES and not _ends_in_vowel(stem):
                    # the stem of the u-declension, without the -ի of the nominative, takes
                    # the other cases too in common use: Գյումրում, Մարտունում (Մարտունի)
                    stems.append(stem + "ի")
        elif kind == "u-case":
            stems.append(stem + "ի")  # Մարտունու -> Մարտունի
            if not _ends_in_vowel(stem):
                stems.append(stem)  # u-declension of a consonant stem
        elif kind == "article":
            if ending == "ը" and _ends_in_vowel(stem):
                continue  # -ը follows a consonant only
            stems.append(stem)  # Ստեփանակերտը, Ստեփանակերտն, Շուշան, Բաքուն
        else:  # plural, maybe declined: գյուղերում, շրջանները
            stems.append(stem)
        if kind != "article":
            # a reduced stem: Խուդափերինի կամրջով -> կամուրջ
            stems += [s[: -len(r)] + full for s in list(stems) for r, full in _STEMS if s.endswith(r)]
        for s in stems:
            for lemma in _reformed(s):
                if len(lemma) >= MIN_STEM and (lemma, ending) not in out:
                    out.append((lemma, ending))
    # a bare word in the classical orthography: Մոսկուա -> Մոսկվա
    for lemma in _reformed(word)[1:]:
        out.append((lemma, ""))
    return tuple(out)


def analyse(word: str) -> list[tuple[str, str]]:
    """(lemma, ending) candidates of an Armenian word, longest ending first; ``[]`` for a
    word in another script. The lemma is in Armenian script and lower case, the ending
    in its basic form (``"ի"`` of Բաքվի, ``"ում"`` of Շուշայում, ``"ն"`` of Շուշան).

    >>> ("ստեփանակերտ", "ում") in analyse("Ստեփանակերտում")
    True
    >>> ("մարտունի", "ու") in analyse("Մարտունու"), ("բաքու", "ի") in analyse("Բաքվի")
    (True, True)
    >>> ("կամուրջ", "ով") in analyse("կամրջով")
    True
    """
    if not is_armenian_word(word):
        return []
    return list(_analyse(word.lower()))


def inflect(name: str, ending: str) -> str | None:
    """The form of an Armenian name with a case ending or article (as :func:`analyse`
    gives them), or None where the rules here give no form (a Latin name, a plural,
    an ending not in the table): never an invented form.

    >>> inflect("Շուշա", "ում"), inflect("Բաքու", "ի"), inflect("Մարտունի", "ու")
    ('Շուշայում', 'Բաքվի', 'Մարտունու')
    >>> inflect("Ստեփանակերտ", "ը"), inflect("Շուշի", "ն"), inflect("Stepanakert", "ում")
    ('Ստեփանակերտը', 'Շուշին', None)
    """
    if not ending:
        return name
    if not name or not is_armenian_word(name) or not _ARMENIAN_LOWER.issuperset(name[-1:].lower()):
        return None
    kind = _CLASS.get(ending)
    last = name[-1]
    if kind == "article":
        if ending == "ը" and _ends_in_vowel(name.lower()):
            return name + "ն"  # the article after a vowel is -ն: Շուշան
        return name + ending
    if kind == "case":
        if name.endswith("ու") and len(name) > 2:
            return name[:-2] + "վ" + ending  # Բաքու -> Բաքվի
        if last in _GLIDE_AFTER:
            return name + "յ" + ending  # Շուշա -> Շուշայի
        return name + ending
    if kind == "u-case":
        if last == "ի":
            return name[:-1] + ending  # Մարտունի -> Մարտունու
        return None  # which consonant stems take -ու is the word's, not a rule's
    return None  # plurals and unknown endings: no form


def is_plural_ending(ending: str) -> bool:
    """Is an ending (as :func:`analyse` gives it) a plural one (-եր, -ները...)?"""
    return _CLASS.get(ending) == "plural"


def is_plural(word: str) -> bool:
    """Is an Armenian word a plural, maybe declined (գյուղերում, շրջանները, կամուրջներ)?

    >>> is_plural("շրջանները"), is_plural("շրջանի")
    (True, False)
    """
    return any(_CLASS.get(ending) == "plural" for _lemma, ending in analyse(word))
