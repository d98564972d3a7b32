"""The Python API: ``Gazetteer.load()`` then ``lookup``/``candidates``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import NotFoundError, UsageError
from .index import PLACE_ROW, CompiledIndex
from .named import NamedTuple
from .records import PlaceRow, VariantRow
from .table import AREA_KINDS, bundled_paths
from .text.folding import fold
from .text.scripts import script
from .text.tokens import APOSTROPHES

if TYPE_CHECKING:  # pragma: no cover
    # imported on first use (Gazetteer.matcher): show, reverse and near need neither the
    # matcher nor the language lists it reads at import
    from .matcher import Candidate, Matcher

__all__ = ["Gazetteer", "Match", "NAMINGS"]

NAMINGS = ("en", "az", "ru", "hy")
# where a match's fields sit in the index's rows (records.VariantRow, records.PlaceRow)
_VARIANT_TEXT = VariantRow._fields.index("text")
_PLACE_STATUS = PlaceRow._fields.index("status")


class Match(NamedTuple):
    """One resolved place. ``score`` is the match quality (0-100)."""

    query: str
    id: str
    name: str
    kind: str
    country: str
    district: str | None
    lat: float
    lon: float
    score: float
    matched_variant: str
    method: str
    needs_context: bool
    cue: str | None = None
    status: str = ""  # "abandoned" for a village left empty; the key is left out when ""

    def to_dict(self) -> dict:
        d = self._asdict()
        if not d["status"]:
            del d["status"]
        return d


def _found_reason(record: dict) -> str:
    """Why a mention was found, in a few words: how its name matched and the cue beside it."""
    how = {
        "exact": "the name as written",
        "folded": "the name without case or accents",
        "inflection": "the name with an ending",
    }.get(record["method"], record["method"])
    return how + (f", cue {record['cue']!r}" if record.get("cue") else "")


class Gazetteer:
    """A loaded place table and its matcher.

    >>> gz = Gazetteer.load()
    >>> gz.lookup("Cəbrayılın").id
    'jabrayil'
    >>> gz.lookup("Peter Gabriel") is None
    True
    """

    def __init__(self, index: CompiledIndex):
        self.index = index
        self._matcher: Matcher | None = None
        self._scanner = None
        self._descriptions: dict[tuple[int, str], tuple] = {}
        self._about: dict[tuple[int, str], dict] = {}  # the place fields of a mention record
        self._records = None  # the engine's record maker and _about_of, bound on first use
        self._replacements: dict[tuple, str] = {}  # same place, surface, naming: same replacement
        # the engine's normalise and the rewrite it asks, bound once per (naming, mode)
        self._normalisers: dict[tuple[str, str], tuple] = {}
        # extract and normalise as compiled methods in place of the methods below (a
        # subclass's own are kept): a line a call, the Python frame around the engine's call
        # cost a tenth of newswire's loop (crates/gazetteer-core/src/scan/calls.rs)
        cls = type(self)
        if cls.extract is Gazetteer.extract and cls.normalise is Gazetteer.normalise:
            from . import _core

            calls = _core.Calls(self)
            self.extract = calls.extract
            self.normalise = calls.normalise

    @property
    def matcher(self) -> Matcher:
        """The name matcher of :meth:`lookup`, made on first use."""
        if self._matcher is None:
            from .matcher import Matcher

            self._matcher = Matcher(self.index)
        return self._matcher

    def _engine(self):
        """The compiled engine of :attr:`scanner` (what ``_core.Calls`` drives)."""
        return self.scanner._core

    @property
    def scanner(self):
        if self._scanner is None:
            # the compiled engine (crates/gazetteer-core/src/scan), which the package's
            # build makes: there is no scanner without it
            from .scan.engine import Engine

            self._scanner = Engine(self.index)
        return self._scanner

    @classmethod
    def load(
        cls,
        paths: list[str | os.PathLike] | None = None,
        *,
        replace: bool = False,
        use_cache: bool = True,
    ) -> Gazetteer:
        """Load the bundled table, extended (or replaced) by user tables.

        Each path is a places CSV; a ``variants.csv`` beside it (or
        ``<name>.variants.csv``) is read too when present.
        """
        tables: list[tuple[Path, Path | None]] = []
        if not replace:
            tables.append(bundled_paths())
        for p in paths or []:
            p = Path(p)
            tables.append((p, _variants_beside(p)))
        if not tables:
            raise UsageError("no place table to load")
        return cls(CompiledIndex.open(tables, use_cache=use_cache, user_tables=len(paths or [])))

    # ------------------------------------------------------------ lookups
    def _place(self, i: int) -> PlaceRow:
        return PlaceRow._make(self.index.place(i))

    def _name(self, place: PlaceRow, naming: str) -> str:
        return place.name_in(naming)

    def _district(self, place: PlaceRow, naming: str) -> str | None:
        parent = place.parent
        if not parent:
            return None
        i = self.index.place_index(parent)
        if i is None:
            return None
        return self._name(self._place(i), naming)

    def _described(self, i: int, naming: str) -> tuple:
        """(id, name, kind, country, district, lat, lon) of a place, cached: batches repeat places."""
        key = (i, naming)
        got = self._descriptions.get(key)
        if got is None:
            p = self._place(i)
            got = (p.id, self._name(p, naming), p.kind, p.country, self._district(p, naming), p.lat, p.lon)
            self._descriptions[key] = got
        return got

    def _to_match(self, query: str, cand: Candidate, naming: str) -> Match:
        pid, name, kind, country, district, lat, lon = self._described(cand.place, naming)
        return Match(
            query,
            pid,
            name,
            kind,
            country,
            district,
            lat,
            lon,
            round(cand.score, 1),
            self.index.variant(cand.variant)[_VARIANT_TEXT],
            cand.method,
            cand.needs_context,
            cand.cue,
            self.index.place(cand.place)[_PLACE_STATUS],
        )

    def candidates(
        self,
        name: str,
        n: int = 5,
        *,
        country: str | None = None,
        kind: str | None = None,
        naming: str = "en",
    ) -> list[Match]:
        """The ``n`` best places for a name, best first (may be empty)."""
        if naming not in NAMINGS:
            raise UsageError(f"unknown naming {naming!r}; choose one of {', '.join(NAMINGS)}")
        out = []
        found = self.matcher.lookup(name)
        by_alias = self._by_alias(name, bool(found), naming)
        if by_alias is not None and (not country or by_alias.country == country.upper()):
            if not kind or by_alias.kind == kind:
                out.append(by_alias)
        for cand in found:
            if len(out) >= n:
                break
            if country or kind or out:  # the place's row only when a filter or an alias asks
                place = self._place(cand.place)
                if country and place.country != country.upper():
                    continue
                if kind and place.kind != kind:
                    continue
                if out and out[0].method == "alias" and place.id == out[0].id:
                    continue
            out.append(self._to_match(name, cand, naming))
            if len(out) >= n:
                break
        return out

    def _by_alias(self, name: str, named: bool, naming: str) -> Match | None:
        """An old id typed as a query (aliases.csv) as a Match with method "alias". Only a
        query written as an id ("gabala_1276243589") or one no name matches: a bare old id
        that is also a name ("agdas") means the name."""
        from .aliases import looks_like_id

        text = name.strip()
        if not text or (named and not looks_like_id(text)) or self.index.place_index(text) is not None:
            return None
        old = self.index.alias(text)
        i = self.index.place_index(old[0]) if old else None
        if i is None:
            return None
        pid, pname, kind, country, district, lat, lon = self._described(i, naming)
        return Match(
            query=name, id=pid, name=pname, kind=kind, country=country, district=district, lat=lat, lon=lon,
            score=100.0, matched_variant=text, method="alias", needs_context=False,
        )  # fmt: skip

    def lookup(self, name: str, **filters) -> Match | None:
        """The best place for a name, or None when nothing is close enough."""
        found = self.candidates(name, 1, **filters)
        return found[0] if found else None

    # ------------------------------------------------------------ text
    def mentions(self, text: str):
        """Raw mentions (:class:`gazetteer.records.Mention`) of a text, in order."""
        return self.scanner.scan(text)

    def _about_of(self, i: int, naming: str) -> dict:
        """The fields of a mention record that describe its place (made once per place)."""
        about = self._about.get((i, naming))
        if about is None:
            place = self._place(i)
            about = self._about[i, naming] = {
                "id": place.id,
                "name": self._name(place, naming),
                "kind": place.kind,
                "country": place.country,
                "lat": place.lat,
                "lon": place.lon,
                **({"status": place.status} if place.status else {}),
            }
        return about

    def mention_record(self, m, *, naming: str = "en", offset: int = 0) -> dict:
        about = self._about.get((m.place, naming))
        if about is None:
            about = self._about_of(m.place, naming)
        return {
            "start": m.start + offset,
            "end": m.end + offset,
            "text": m.text,
            **about,
            "score": m.score,
            "method": m.method,
            "cue": m.cue,
        }

    def extract(self, text: str, *, naming: str = "en") -> list[dict]:
        """Every place mention of a text, with code-point offsets.

        >>> [m["id"] for m in Gazetteer.load().extract("Shells hit Füzulidə and в Гадруте.")]
        ['fuzuli', 'hadrut']
        """
        # (the compiled engine makes the records itself, without Mention objects between:
        # scan.engine.Engine.scan_records; the same dicts; bound once, as a text of a line
        # costs a few microseconds)
        records = self._records
        if records is None:
            records = self._records = (self.scanner.scan_records, self._about_of)
        got = records[0](text, naming, records[1])
        if got is not None:
            return got
        return self._extract_python(text, naming)

    def _extract_python(self, text: str, naming: str) -> list[dict]:
        """extract's records made in Python, for a text the engine cannot hold (lone surrogates)."""
        return [self.mention_record(m, naming=naming) for m in self.mentions(text)]

    def explain(self, text: str, *, naming: str = "en") -> list[dict]:
        """Every candidate span of a text and what became of it, in text order: the
        mentions ``extract`` gives (``verdict`` "found", with their records' fields), and
        the spans the rules turned down (``verdict`` "rejected") or left waiting for
        another mention that never came (``verdict`` "waited"), each with the rule's
        ``reason``. Words that can begin no name are not candidates and are not listed.

        >>> [(e["text"], e["verdict"]) for e in Gazetteer.load().explain("Gabriel sang in Füzulidə.")]
        [('Gabriel', 'waited'), ('Füzulidə', 'found')]
        """
        out = [{**r, "verdict": "found", "reason": _found_reason(r)} for r in self.extract(text, naming=naming)]
        found = {(e["start"], e["end"]): e for e in out}
        for start, end, verdict, reason in self.scanner.explain(text):
            mention = found.get((start, end))
            if mention is not None:  # a mention a pass over the text turned to another reading
                mention["reason"] += f"; {verdict}: {reason}"
                continue
            out.append({"start": start, "end": end, "text": text[start:end], "verdict": verdict, "reason": reason})
        out.sort(key=lambda e: (e["start"], -e["end"]))
        return out

    def replacement(self, m, *, naming: str = "en", mode: str = "replace", before: str = "") -> str:
        """What normalise writes in place of a mention (``before``: the text just before it)."""
        return self.rewrite(m, naming=naming, mode=mode, before=before)[0]

    def rewrite(self, m, *, naming: str = "en", mode: str = "replace", before: str = "") -> tuple[str, str | None]:
        """What normalise writes in place of a mention, and a note for ``--report`` where the
        replacement could not keep the mention's grammatical role: "ending dropped" (the
        language of the sentence has no form of the new name for that position, so the bare
        name is written) or "case unknown" (the old name does not show its case, the new one
        would). ``before`` is the text just before the mention: a Russian preposition there
        says the case of a name that does not show it ("из Шуши")."""
        governs = None
        if before and mode == "replace" and script(m.text) == "cyrillic":
            from .lang.ru.morphology import governed_cases

            governs = governed_cases(before)
        key = (m.place, m.text, m.suffix, m.method, m.cue, naming, mode, governs)
        got = self._replacements.get(key)
        if got is None:
            if len(self._replacements) > 50_000:
                self._replacements.clear()
            got = self._replacements[key] = self._replacement(m, naming, mode, governs)
        return got

    def _replacement(self, m, naming: str, mode: str, governs: frozenset[str] | None = None) -> tuple[str, str | None]:
        place = self._place(m.place)
        name = self._name(place, naming)
        if mode == "markup":
            from html import escape

            return (
                f'<place id="{escape(place.id)}" name="{escape(name)}" lat="{place.lat:.5f}" '
                f'lon="{place.lon:.5f}">{m.text}</place>'
            ), None
        if mode == "annotate":
            return f"{m.text} [{name}, {place.lat:.4f}, {place.lon:.4f}]", None
        surface = m.text
        # a closing apostrophe (Khach') is no part of a word: a second pass would not
        # take it into the mention, and would add another
        short = _short_name(name, surface).rstrip(APOSTROPHES)
        if short != name and m.cue is None and not self._reads_as(short, m.place):
            # "KaX" (Qakh District), with no cue: bare "Qakh" would read as the town
            short = name
        name = short
        if short == self._name(place, naming) and " " in short and _kind_word_after(m):
            # the text names the kind after the mention ("the Gabriel region"), and the name has
            # its own ("Джебраильский район"): replaced together with that word, or not at all
            return surface, None
        if script(surface) == "cyrillic":
            new, note = self._in_russian(m, surface, name, governs)
        elif m.suffix and m.method == "inflection":
            new, note = self._with_ending(m, surface, name, place, naming)
        else:
            new, note = name, None
        if surface.isupper() and len(surface) > 1 and not new.isupper():
            new = _capitals(new, name, naming)  # datelines stay in capitals: AGDAM -> AGHDAM
        return new, note

    def _in_russian(self, m, surface: str, name: str, governs=None) -> tuple[str, str | None]:
        """A mention in a Russian sentence: the new name in the case of the old one, where
        Russian declines it ("в Агдаме" stays, "в Степанакерте" -> "в Ханкенди"), else bare."""
        from .lang.ru.morphology import CASES, cases_of, forms, inflect

        if " " in surface and name.rsplit(" ", 1)[-1] == surface.rsplit(" ", 1)[-1]:
            return name, None  # the kind word is the text's own, in its case ("Fuzuli района")
        # the cases the old name is in: as a form of one of the place's Cyrillic spellings
        cases: set[str] = set()
        others = set()
        for v in self.index.variants_of(m.place):
            text = v[0]
            if script(text) == "cyrillic":
                cases |= cases_of(text, surface)
            else:
                others.add(fold(text))
        if not m.suffix and surface[-1:].lower() in "оеиыуюэ" and fold(surface) in others:
            # a Cyrillic spelling of a foreign name on a vowel (Шуши for Շուշի): not declined,
            # so in any case, even where it looks like a form of another spelling (Шуша)
            cases |= set(CASES)
        if governs and cases & governs:
            cases &= governs  # "из Шуши": genitive
        if script(name) != "cyrillic":
            # a Latin or Armenian name is not declined in a Russian sentence
            marked = bool(cases) and "nom" not in cases or not cases and bool(m.suffix)
            return name, ("ending dropped" if marked else None)
        if not cases:
            return name, ("ending dropped" if m.suffix else None)
        want = surface.replace("ё", "е").casefold()
        if all(want in {f.replace("ё", "е").casefold() for f in forms(name, c)} for c in cases):
            return surface, None  # the old form is the new name's form too ("в Гяндже")
        written = {inflect(name, c) for c in cases}
        if len(written) == 1 and None not in written:
            return written.pop(), None
        if len(cases) > 1 and all(forms(name, c) for c in cases):
            return name, "case unknown"  # "в Шуши": prepositional or accusative?
        return name, "ending dropped"

    def _with_ending(self, m, surface: str, name: str, place: PlaceRow, naming: str) -> tuple[str, str | None]:
        """A mention with a case ending (Füzulidə, Hadrut'a, Հադրութի): the new name with the
        same case ending, written by the morphology of the sentence's language."""
        tail = _surface_tail(surface, m.suffix)
        if not tail:
            return name, "ending dropped"
        stem = surface[: len(surface) - len(tail)]
        if " " in stem and name.rsplit(" ", 1)[-1] == surface.rsplit(" ", 1)[-1]:
            return name, None  # the name carries the word with the ending (Jabrayil rayonunda)
        from .lang.az.morphology import turkic_lower

        if turkic_lower(stem) == turkic_lower(name):
            return name + tail, None  # the same name: its ending as written (Շուշիում, Füzulidə)
        if " " in stem.strip() and " " in name and not _alike(stem, name):
            # a name of several words whose last word is no spelling of the text's (Basitchay
            # State Nature Reserve for Bəsitçay qoruğu): the ending would go on a foreign word
            return name, "ending dropped"
        if script(surface) == "armenian":
            inflect = _armenian_inflect()
            new = inflect(name, tail) if inflect is not None and script(name) == "armenian" else None
            lang = "hy"
        elif _is_possessive(tail):
            # the English possessive ('s, or ' alone) goes on any Latin name: Shusha's -> Şuşa's
            from .lang.en.morphology import inflect

            lang = "en"
            new = inflect(name, tail)
        else:
            lang = "tr" if tail[0] in APOSTROPHES else "az"
            new = None
            if not _foreign_generic(name, lang):
                if lang == "tr":
                    from .lang.tr.morphology import inflect
                else:
                    from .lang.az.morphology import inflect
                new = inflect(name, tail, sound=_sound(name, place, naming, heard=stem.strip()))
        # the name with the ending must not be a name by itself, which a second pass would
        # read without it (sumgaitII -> SumgaitI, a spelling of Sumgait)
        if new is None or fold(new) in self.scanner.keys:
            return name, "ending dropped"
        return new, None

    def _reads_as(self, name: str, place: int) -> bool:
        """Does a bare name, alone, read as this place (or as nothing)?"""
        vocabulary = self.scanner.vocabulary
        hits = vocabulary.keys.get(fold(name))
        return not hits or vocabulary.ranking(hits, "folded", None)[1] == place

    def normalise(self, text: str, *, naming: str = "en", mode: str = "replace") -> str:
        r"""The text with each mention replaced by its canonical name; nothing else changes.

        >>> Gazetteer.load().normalise("Cəbrayıl, Джебраил.\r\n")
        'Jabrayil, Jabrayil.\r\n'
        """
        # (the compiled engine writes the text, asking rewrite once per mention it has not
        # seen: scan.engine.Engine.normalise; bound once per naming and mode, as extract's
        # records are, since a line's text costs a few microseconds; the callback made in
        # `_normaliser`, so that this function holds no closure cells, three made a call)
        bound = self._normalisers.get((naming, mode))
        if bound is None:
            bound = self._normaliser(naming, mode)
        got = bound[0](text, naming, mode, bound[1])
        if got is not None:
            return got
        return self._normalise_python(text, naming, mode)

    def _normalise_python(self, text: str, naming: str, mode: str) -> str:
        """normalise's text written in Python, for a text the engine cannot hold (lone surrogates)."""
        out = []
        pos = 0
        for m in self.mentions(text):  # a text with lone surrogates
            out.append(text[pos : m.start])
            out.append(self.replacement(m, naming=naming, mode=mode, before=text[max(0, m.start - 24) : m.start]))
            pos = m.end
        out.append(text[pos:])
        return "".join(out)

    def _normaliser(self, naming: str, mode: str) -> tuple:
        """The engine's normalise and the rewrite callback it asks, for a naming and mode
        (kept in ``_normalisers``)."""
        bound = self._normalisers[naming, mode] = (
            self.scanner.normalise,
            lambda m, before: self.rewrite(m, naming=naming, mode=mode, before=before)[0],
        )
        return bound

    # ------------------------------------------------------------ geography
    @property
    def grid(self):
        if getattr(self, "_grid", None) is None:
            from .spatial import GridIndex

            self._grid = GridIndex([(p.lat, p.lon) for p in map(PlaceRow._make, self.index.all_places())])
        return self._grid

    def _place_record(self, i: int, distance: float | None, naming: str) -> dict:
        pid, name, kind, country, district, lat, lon = self._described(i, naming)
        rec = {"id": pid, "name": name, "kind": kind, "country": country, "district": district, "lat": lat, "lon": lon}
        status = self._place(i).status
        if status:
            rec["status"] = status
        if distance is not None:
            rec["km"] = round(distance, 3)
        return rec

    def _kind_filter(self, kind: str | None):
        """Which place indexes reverse/near keep: those of ``kind``, or every place but areas."""
        places = self.index.all_places()
        if kind is None:
            return lambda i: PlaceRow._make(places[i]).kind not in AREA_KINDS
        return lambda i: PlaceRow._make(places[i]).kind == kind

    def reverse(
        self,
        lat: float,
        lon: float,
        k: int = 5,
        *,
        kind: str | None = None,
        max_km: float | None = None,
        naming: str = "en",
    ) -> list[dict]:
        """The ``k`` places nearest to a coordinate, nearest first, with ``km``. Areas
        (countries, regions, districts: ``table.AREA_KINDS``) are left out unless
        ``kind`` names one: an area's point only stands for it.

        >>> [p["id"] for p in Gazetteer.load().reverse(39.8177, 46.7528, 1)]
        ['khankendi']
        """
        _check_coordinate(lat, lon)
        accept = self._kind_filter(kind)
        return [
            self._place_record(i, d, naming) for d, i in self.grid.nearest(lat, lon, k, max_km=max_km, accept=accept)
        ]

    def resolve_point(self, where) -> tuple[float, float, dict | None]:
        """A (lat, lon) pair, "lat,lon" text, a place id or a name -> (lat, lon, place record)."""
        if isinstance(where, (tuple, list)) and len(where) == 2:
            lat, lon = float(where[0]), float(where[1])
            _check_coordinate(lat, lon)
            return lat, lon, None
        text = str(where).strip()
        coords = _parse_coordinate(text)
        if coords is not None:
            return coords[0], coords[1], None
        i = self.index.place_index(text)
        if i is None:
            m = self.lookup(text)
            if m is None:
                raise NotFoundError(f"no place matches {text!r}")
            i = self.index.place_index(m.id)
        p = self._place(i)
        return p.lat, p.lon, self._place_record(i, None, "en")

    def near(self, where, km: float = 20.0, *, kind: str | None = None, naming: str = "en") -> list[dict]:
        """Places within ``km`` of a place (name or id) or coordinate, nearest first; the
        place itself is left out, and so are areas unless ``kind`` names one (as in
        :meth:`reverse`)."""
        if km <= 0:
            raise UsageError("--km must be positive")
        lat, lon, origin = self.resolve_point(where)
        places = self.index.all_places()
        accept = self._kind_filter(kind)
        out = []
        for d, i in self.grid.within(lat, lon, km, accept=accept):
            if origin is not None and PlaceRow._make(places[i]).id == origin["id"]:
                continue
            out.append(self._place_record(i, d, naming))
        return out

    def distance(self, a, b) -> float:
        """Geodesic distance in km (WGS84, geopy) between two names, ids or coordinates."""
        from .geo import geodesic_km

        lat1, lon1, _ = self.resolve_point(a)
        lat2, lon2, _ = self.resolve_point(b)
        return geodesic_km(lat1, lon1, lat2, lon2)

    def place(self, place_id: str) -> dict | None:
        """A place's row and all its variants, by id or by an old id (aliases.csv: the row
        then says ``alias`` and ``alias_reason``)."""
        i = self.index.place_index(place_id)
        old = None
        if i is None:
            old = self.index.alias(place_id)
            if old is None:
                return None
            i = self.index.place_index(old[0])
            if i is None:
                return None
        row = dict(zip(PLACE_ROW, self.index.place(i)))
        if old is not None:
            row["alias"], row["alias_reason"] = place_id, old[1]
        row["variants"] = [
            {"variant": t, "lang": lang, "type": vt, "needs_context": bool(c), "source": src}
            for t, lang, vt, c, src in self.index.variants_of(i)
        ]
        return row

    # ------------------------------------------------------------ read-only accessors
    @property
    def tables(self) -> list[tuple[Path, Path | None]]:
        """The (places, variants) files loaded, in order: a later table extends or
        replaces an earlier one by id. Empty if the index no longer knows them (it was
        rebuilt after its cache file failed mid-run)."""
        source = self.index._source
        return list(source[0]) if source else []

    def district_of(self, i: int, naming: str = "en") -> str | None:
        """The name of the district (parent) of the place with index ``i``, as lookup
        records give it, or None."""
        return self._described(i, naming)[4]

    def __len__(self) -> int:
        return len(self.index)


# Kind words that a canonical name carries but a mention often leaves to the text
# around it ("the Gabriel region" -> "the Jabrayil region", not "Jabrayil District region").
_KIND_WORDS = (
    " Economic Region",
    " District",
    " Province",
    " Region",
    " Municipality",
    " City",
    " River",
    " Reservoir",
    " Lake",
    " Range",
    " Mountains",
    " Bridges",
    " Bridge",
    " Corridor",
    " Pass",
    " Hill",
    " rayonu",
    " şəhəri",
    " iqtisadi rayonu",
    " çayı",
    " marz",
    " марз",
)


_KIND_WORDS_LONGEST_FIRST = sorted(_KIND_WORDS, key=len, reverse=True)
# the words before the last of a kind phrase, in any of its languages (economic, iqtisadi)
_KIND_PARTS = frozenset(fold(w) for phrase in _KIND_WORDS for w in phrase.split()[:-1])


# a canonical name -> (the name without its kind word, the kind word or ""), made once a
# name (normalise asks it of each new mention; most names have no kind word)
_KIND_SPLITS: dict[str, tuple[str, str]] = {}


def _kind_split(name: str) -> tuple[str, str]:
    """A canonical name cut before the kind word it ends in ("Jabrayil District" ->
    ("Jabrayil", " District")), or whole with "" for a name that ends in none."""
    got = _KIND_SPLITS.get(name)
    if got is None:
        got = (name, "")
        if " " in name:  # (every kind word starts with a space)
            for word in _KIND_WORDS_LONGEST_FIRST:  # " iqtisadi rayonu" before " rayonu"
                if name.endswith(word):
                    got = (name[: -len(word)], word)
                    break
        if len(_KIND_SPLITS) > 50_000:
            _KIND_SPLITS.clear()
        _KIND_SPLITS[name] = got
    return got


def _short_name(name: str, surface: str) -> str:
    """The canonical name, fitted to the words around the mention.

    A kind word the mention leaves to the text is dropped ("the Gabriel region" ->
    "the Jabrayil region", not "Jabrayil District region"); a kind word the mention
    carries is kept as written ("Aras river", "Jabrayil rayonunda", "Fuzuli района"),
    so normalising twice changes nothing.
    """
    base, kind = _kind_split(name)
    cut = max(surface.rfind(" "), surface.rfind("\u00a0"))
    if cut > 0:
        from .cues import SUFFIX_CUES
        from .inflection import lemmas

        last = fold(surface[cut:])
        if last in SUFFIX_CUES or any(lemma in SUFFIX_CUES for lemma, _ in lemmas(last)):
            if base == name and " " in name:
                # a name of several words with no kind word to leave to the text has its own
                # (or is a whole): kept whole, "Aghdam Mosque", not "Aghdam Mosque Mosque";
                # "Физулинский район", never "Физулинский район rayonunda"; "Լաչինի միջանցք",
                # never "Լաչինի միջանցք коридор"
                return name
            # the text's kind phrase, as long as the name's ("iqtisadi rayonunda" for the
            # "Economic Region" of "East Zangezur Economic Region", "economic region" for
            # "iqtisadi rayonu"): all of it stays the text's
            words = surface[:cut].split()
            for _ in kind.split()[:-1]:
                if len(words) > 1 and fold(words[-1]) in _KIND_PARTS:
                    cut = surface.rfind(words.pop(), 0, cut) - 1
                else:
                    break
            return base + surface[cut:]
    return base


def _is_generic(word: str) -> bool:
    """Is a word a kind word of one of the languages (district, rayonu, район, շրջան)?"""
    from .cues import SUFFIX_CUES
    from .inflection import lemmas

    key = fold(word)
    return key in SUFFIX_CUES or any(lemma in SUFFIX_CUES for lemma, _ in lemmas(key))


def _is_possessive(ending: str) -> bool:
    from .lang.en.morphology import is_possessive

    return is_possessive(ending)


def _kind_word_after(m) -> bool:
    """Is the mention's cue a kind word after it, outside its span ("Gabriel" of "the Gabriel
    region", "Cebrail" of "Cebrail bölgesinde")?"""
    from .cues import PREFIX_CUES

    if not m.cue or " " in m.cue.strip() or m.cue in m.text:
        return False
    return _is_generic(m.cue) and fold(m.cue) not in PREFIX_CUES


def _foreign_generic(name: str, lang: str) -> bool:
    """Does a name of several words end in a kind word of another language than ``lang``
    ("Fuzuli International Airport" in an Azerbaijani sentence)? Its ending would go on a
    foreign word: the name is written bare."""
    from .lang import LEXICON

    if " " not in name:
        return False
    last = name.rsplit(" ", 1)[-1]
    if not _is_generic(last):
        return False
    own = {
        w for group, by_lang in LEXICON.lists.items() if group.startswith("cues_after_") for w in by_lang.get(lang, ())
    }
    return fold(last) not in own


def _sound(name: str, place: PlaceRow, naming: str, heard: str = "") -> str | None:
    """The spelling whose vowels decide the harmony of an Azerbaijani/Turkish ending on a name.

    First the name as the text itself wrote it (``heard``), when it is a spelling of the
    new name with as many vowels: the sentence's own language says how it sounds
    (Turkish "Laçin'e" -> "Lachin'e", "Cebrail'e" -> "Jabrayil'e"). Else the
    Azerbaijani name behind an English spelling, likewise (Jabrayil sounds Cəbrayıl:
    Jabrayilda); else the name itself (None)."""

    def vowels(s: str) -> int:
        v = "aeiouəıöüAEIOUƏIÖÜİ"
        # a y between consonants or last after one is a vowel (Khojaly: Xocalı); beside a
        # vowel a consonant (Jabrayil, Goychay)
        return sum(
            ch in v or ch in "yY" and s[i + 1 : i + 2] not in tuple(v) and s[i - 1 : i] not in tuple(v)
            for i, ch in enumerate(s)
        )

    def sounds_like(spelling: str) -> bool:
        return (
            script(spelling) == "latin"
            and len(spelling.split()) == len(name.split())
            and _alike(spelling, name)  # not another name (Basitchay State Nature Reserve, Bəsitçay qoruğu)
            and vowels(spelling) == vowels(name)
        )

    # (in capitals an I may be ı or i: the text's spelling says nothing there)
    if heard and not heard.isupper() and sounds_like(heard):
        return heard
    if naming == "az" or not place.name_az:
        return None
    az = place.name_az.split()[0] if " " in place.name_az and " " not in name else place.name_az
    return az if sounds_like(az) else None


def _alike(a: str, b: str) -> bool:
    """Are two names spellings of one name (their last words, folded, mostly the same letters:
    Cəbrayıl and Jabrayil, Xocalı and Khojaly), not a translation?"""
    from difflib import SequenceMatcher

    x, y = fold(a.split()[-1]), fold(b.split()[-1])
    return SequenceMatcher(None, x, y).ratio() >= 0.6


def _capitals(new: str, name: str, naming: str) -> str:
    """A replacement in capitals, as the mention was (a dateline): the name by the rules of its
    own language (XANKƏNDİ keeps the dotted İ), an ending after it by the sentence's."""
    from .lang.az.morphology import turkic_upper

    head, tail = (new[: len(name)], new[len(name) :]) if new.startswith(name) else (new, "")
    head = turkic_upper(head) if naming == "az" else head.upper()
    return head + turkic_upper(tail)


def _armenian_inflect():
    """``inflect(name, ending)`` of lang/hy/morphology.py, once it exists; else None."""
    try:
        from .lang.hy.morphology import inflect
    except ImportError:
        return None
    return inflect


def _check_coordinate(lat: float, lon: float) -> None:
    import math

    if not (math.isfinite(lat) and math.isfinite(lon)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UsageError(f"coordinate {lat}, {lon} out of range (lat -90..90, lon -180..180)")


def _parse_coordinate(text: str) -> tuple[float, float] | None:
    """ "39.8, 46.7" or "39.8 46.7" -> (39.8, 46.7); anything else -> None."""
    parts = text.replace(",", " ").split()
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    _check_coordinate(lat, lon)
    return lat, lon


def _surface_tail(surface: str, suffix: str) -> str:
    """The written ending of an inflected mention whose folded ending is ``suffix``
    ("də" of "Füzulidə", "'de" of "Füzuli'de"), or "" when it cannot be found."""
    for k in range(1, min(len(surface), len(suffix) + 3)):
        tail = surface[-k:]
        if fold(tail) == suffix and tail[:1].isalpha():
            before = surface[-k - 1 : -k]
            if before in APOSTROPHES and before:
                return before + tail
            return tail
    return ""


def _variants_beside(places: Path) -> Path | None:
    for cand in (places.with_name(places.stem + ".variants.csv"), places.with_name("variants.csv")):
        if cand.exists() and cand != places:
            return cand
    return None
