"""Russian spellings of the Armenian names of places, for tools/build_places.py.

Russian text names an Armenian village by the practical transcription of its Armenian name
(Հալիձոր -> Галидзор), and three in four of Armenia's settlements in the table have no
Russian name from WOF or GeoNames. :func:`derive_russian_spellings` writes each Armenian
name of a settlement of Armenia, and of the former NKAO districts' settlements (Khojavend,
Khojaly, Shusha, Tartar with the former Mardakert, Khankendi), in Russian letters by
``gazetteer/lang/hy/transcription_ru.tsv`` (gazetteer.lang.hy.russian), and adds the
spelling as a Russian variant where it is new: not a Cyrillic name the place already has
(same folded key), not another place's name, not a frequent Russian word. The Armenian-era
names of the other Karabakh districts (variants typed ``armenian``: Бердзор, Карвачар)
are read too, as the Russian-language press of 1991-2023 wrote them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

from gazetteer.lang.hy.russian import transcribe_ru
from gazetteer.table import FOCUS_COUNTRIES
from gazetteer.text.folding import fold

#: the districts whose settlements' Armenian names are the names the Russian press used
#: (the former NKAO, and Tartar, which holds the former Mardakert district's villages)
NKAO_DISTRICTS = frozenset(
    {"khojavend_district", "khojaly_district", "shusha_district", "terter_district", "aghdara_district", "khankendi"}
)
#: settlement kinds whose Armenian names are transcribed
SETTLEMENTS = frozenset({"village", "town", "city"})
#: a spelling at least this frequent a Russian word (wordfreq Zipf) is not made a name
RU_WORD_ZIPF = 3.0
#: folding writes a Russian spelling in Latin letters (Анд -> and): a key this frequent a word in
#: English or Turkish text is not made a name either (as derive_turkish_spellings does)
EN_WORD_ZIPF, TR_WORD_ZIPF = 2.5, 3.0
RULE = "Armenian-Russian practical transcription (gazetteer/lang/hy/transcription_ru.tsv)"


class ArmenianName(NamedTuple):
    """An Armenian-script name of a place, with the source of its row and its flag."""

    text: str
    source: str
    needs_context: str


def armenian_names(places: dict[str, dict[str, Any]], variants: list[dict[str, str]]) -> dict[str, list[ArmenianName]]:
    """The Armenian-script names to transcribe, by place: every name of a settlement of
    Armenia or of the former NKAO districts, and the Armenian-era names (type ``armenian``)
    of the other settlements of the focus countries."""

    def wanted(p: dict[str, Any], vtype: str) -> bool:
        if p["kind"] not in SETTLEMENTS:
            return False
        if p["country"] == "AM" or p["parent"] in NKAO_DISTRICTS:
            return True
        return p["country"] in FOCUS_COUNTRIES and vtype == "armenian"

    names: dict[str, dict[str, ArmenianName]] = defaultdict(dict)
    for v in variants:
        p = places.get(v["id"])
        # Western Armenian labels (hyw) are said otherwise (պ for b): the table is Eastern Armenian's
        if p is not None and v["script"] == "Armn" and v["lang"] != "hyw" and wanted(p, v["type"]):
            names[v["id"]].setdefault(v["variant"], ArmenianName(v["variant"], v["source"], v["needs_context"]))
    for pid, p in places.items():
        if p["name_hy"] and wanted(p, "preferred") and p["name_hy"] not in names[pid]:
            names[pid][p["name_hy"]] = ArmenianName(p["name_hy"], p["source"], "0")
    return {pid: list(byname.values()) for pid, byname in names.items() if byname}


def transcription_row(pid: str, spelling: str, needs_context: str, source: str) -> dict[str, str]:
    """The variant row of a Russian spelling transcribed from a place's name (an Armenian
    one here, an Azerbaijani one in build_places.py's derive_az_russian_spellings)."""
    return {
        "id": pid,
        "variant": spelling,
        "lang": "ru",
        "script": "Cyrl",
        "type": "transcription",
        "needs_context": needs_context,
        "source": source,
    }


def derive_russian_spellings(
    places: dict[str, dict[str, Any]], variants: list[dict[str, str]], stats: Any | None = None
) -> list[dict[str, str]]:
    """The variant rows to add: each Russian spelling of an Armenian name (see the module's
    docstring) that the place has no Cyrillic name of, that no other place bears (places
    sharing the Armenian name all get it) and that is not a frequent Russian word."""
    from wordfreq import zipf_frequency

    owners: dict[str, set[str]] = defaultdict(set)  # folded key -> places with a name of it
    cyrillic: dict[str, set[str]] = defaultdict(set)  # place -> folded keys of its Cyrillic names
    for v in variants:
        owners[fold(v["variant"])].add(v["id"])
        if v["script"] == "Cyrl":
            cyrillic[v["id"]].add(fold(v["variant"]))
    for p in places.values():
        for c in ("name", "name_az", "name_ru", "name_hy"):
            if p[c]:
                owners[fold(p[c])].add(p["id"])
        if p["name_ru"]:
            cyrillic[p["id"]].add(fold(p["name_ru"]))
    names = armenian_names(places, variants)
    same_name: dict[str, set[str]] = defaultdict(set)  # Armenian name -> its places
    for pid, ns in names.items():
        for n in ns:
            same_name[n.text].add(pid)
    added: list[dict[str, str]] = []
    for pid in sorted(names):
        for n in names[pid]:
            for spelling in transcribe_ru(n.text):
                key = fold(spelling)
                if not key or key in cyrillic[pid]:
                    continue
                if owners.get(key, set()) - same_name[n.text] - {pid}:
                    if stats is not None:
                        stats["Russian transcriptions left out: another place's name"] += 1
                    continue
                if (
                    zipf_frequency(spelling.lower(), "ru") >= RU_WORD_ZIPF
                    or zipf_frequency(key, "en") >= EN_WORD_ZIPF
                    or zipf_frequency(key, "tr") >= TR_WORD_ZIPF
                ):
                    if stats is not None:
                        stats["Russian transcriptions left out: a frequent word (ru, or its key in en/tr)"] += 1
                    continue
                cyrillic[pid].add(key)
                owners[key].add(pid)
                added.append(
                    transcription_row(
                        pid, spelling, n.needs_context or "0", f"{RULE} of the Armenian name '{n.text}' ({n.source})"
                    )
                )
    if stats is not None:
        stats["Russian spellings transcribed from Armenian names"] += len(added)
    return added
