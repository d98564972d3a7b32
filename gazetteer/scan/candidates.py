"""The candidate finder in pure Python: text -> every span a mention could be, before any
rule judges it. The compiled engine's finder (``Engine.candidates``, the crate's
src/scan/engine.rs) must give the same spans (tests/test_candidates_twin.py); this one is
its readable twin, as RapidFuzz keeps a pure-Python twin of its compiled core. The scan
itself (which of these become mentions) is the engine's.

At each word a mention can start at (:meth:`Vocabulary.classify`), the candidates are,
in the order the engine tries them: the multi-word names that start there, longest
first, extended only while the words are a name's prefix, the last word maybe inflected
("Dağlıq Qarabağda"); a declined Russian adjective and noun ("Физулинского района");
then the word alone (exact, folded, inflected, possessive).
"""

from __future__ import annotations

import re

from ..inflection import lemmas, word_lemmas
from ..lang import LEXICON
from ..named import NamedTuple
from ..text.folding import fold
from ..text.tokens import SPLIT, join_invisibles, split_hashtags
from .armenian_latin import hy_latin_text
from .vocabulary import HEAD, NO, PAIR, Vocabulary

__all__ = ["Candidate", "candidates"]

# What may stand between two words of one name.
JOIN = re.compile(r"[ \t\u00a0]+|[ \t]*[-‐‑–][ \t]*")


class Candidate(NamedTuple):
    """A span a mention could be: code-point offsets, the variants, how it matched."""

    start: int
    end: int
    variants: tuple[int, ...]
    method: str  # "folded" or "inflection"
    suffix: str  # the ending, folded ("" for none)


def candidates(vocabulary: Vocabulary, text: str) -> list[Candidate]:
    """Every candidate span of a text, by start, in the order the engine tries them."""
    parts = split_hashtags(join_invisibles(SPLIT.split(text)))  # gap, word, ..., gap
    toks, gaps = parts[1::2], parts[0::2]
    starts, at = [], 0
    for k, part in enumerate(parts):
        if k % 2:
            starts.append(at)
        at += len(part)
    folded = [fold(t) for t in toks]
    n = len(toks)
    out: list[Candidate] = []

    def span(i: int, j: int, ids, method: str, suffix: str) -> None:
        out.append(Candidate(starts[i], starts[j - 1] + len(toks[j - 1]), tuple(ids), method, suffix))

    flags = [vocabulary.classify(tok) for tok in toks]
    # (Armenian in Latin letters: its words read by their endings, scan/armenian_latin.py)
    hy = hy_latin_text(vocabulary, toks, gaps, flags, LEXICON.prose_markers)
    for i, tok in enumerate(toks):
        flag = hy.flag(i, flags[i]) if hy else flags[i]
        if flag == NO:
            continue
        joined = i + 1 < n and JOIN.fullmatch(gaps[i + 1]) is not None
        if flag >= HEAD:
            multi = joined and (
                _pair_starts_name(vocabulary, tok, toks[i + 1])
                or (hy is not None and folded[i] in vocabulary.multi_first and hy.second(i + 1, toks[i + 1]))
            )
            if not multi and flag == HEAD:
                continue
        else:
            multi = flag == PAIR
        head = folded[i]
        longest = vocabulary.multi_first.get(head)
        if longest is None:
            if multi and joined:
                pair = _declined_pair(vocabulary, folded[i], folded[i + 1])
                if pair:
                    span(i, i + 2, pair, "inflection", "")
        elif multi:
            longest = min(longest, n - i)
            runs, reach = [head], 1
            while reach < longest and JOIN.fullmatch(gaps[i + reach]):
                run = runs[-1] + " " + folded[i + reach]
                runs.append(run)
                if run not in vocabulary.prefixes:
                    break
                reach += 1
            top = min(longest, len(runs))
            for m in range(top, 1, -1):
                key = runs[m - 1]
                hits, method, suffix = vocabulary.keys.get(key), "folded", ""
                if not hits and m == top:
                    # inflected last word: "Dağlıq Qarabağda", "Լեռնային Ղարաբաղում"
                    for lemma, suf in word_lemmas(toks[i + m - 1], key):
                        hits = vocabulary.keys.get(lemma)
                        if hits:
                            method, suffix = "inflection", suf
                            break
                    if not hits and hy:
                        hits, method, suffix = hy.run(i + m - 1, key) or (None, method, suffix)
                if hits:
                    span(i, i + m, hits, method, suffix)
        hits, method, suffix = (hy and hy.hits.get(i)) or vocabulary.word_hits(tok)
        if hits:
            span(i, i + 1, hits, method, suffix)
    return out


def _declined_pair(vocabulary: Vocabulary, first: str, second: str) -> tuple[int, ...] | None:
    """A Russian adjective + noun name with both words declined ("Физулинского района" is
    the variant "Физулинский район"): its variant ids, or None. ``first`` and ``second``
    are folded; a PAIR verdict has found the first a capitalised Cyrillic word."""
    heads = [lemma for lemma, _ in lemmas(first) if lemma in vocabulary.multi_first]
    if not heads:
        return None
    tails = [second] + [lemma for lemma, _ in lemmas(second)]
    for head in heads:
        for tail in tails:
            hits = vocabulary.keys.get(f"{head} {tail}")
            if hits:
                return hits
    return None


def _pair_starts_name(vocabulary: Vocabulary, first: str, second: str) -> bool:
    """Can a name of two words or more start with these two words (the second maybe
    inflected)?"""
    keys, prefixes, seconds = vocabulary.keys, vocabulary.prefixes, vocabulary.second_words
    last = fold(second)
    spaced = " " in last
    # the forms in which the second word can be a name's second word: folded, its lemmas
    forms = [] if spaced or last not in seconds else [last]
    found = [] if spaced else [lemma for lemma, _ in word_lemmas(second, last) if lemma in seconds]
    if not (spaced or forms or found):
        return False  # most words are no name's second word: no need to fold the first
    head = fold(first)
    if spaced or " " in head:  # folding split a word ("d'Azur")
        run = head + " " + last
        return run in prefixes or run in keys or any(lemma in keys for lemma, _ in word_lemmas(second, run))
    head += " "
    return any(head + f in prefixes or head + f in keys for f in forms) or any(head + lemma in keys for lemma in found)
