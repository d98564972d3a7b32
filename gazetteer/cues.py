"""Words around a name that say what kind of place it is.

All entries are folded forms (see :func:`gazetteer.folding.fold`). A cue both
confirms that a name is a place (so "Gabriel region" is Jabrayil, "Peter Gabriel"
is not) and tells which of two same-name places is meant ("Fuzuli district" is the
district, "the city of Fuzuli" the town).
"""

from __future__ import annotations

from .text.folding import fold

__all__ = ["KIND_GROUPS", "SUFFIX_CUES", "PREFIX_CUES", "RU_PREPOSITIONS", "SURNAME_ENDINGS", "cue_after", "cue_before"]

ADMIN = frozenset({"district", "region"})
SETTLEMENT = frozenset({"city", "town", "village"})
KIND_GROUPS = {
    "admin": ADMIN,
    "settlement": SETTLEMENT,
    "river": frozenset({"river"}),
    "mountain": frozenset({"mountain", "pass"}),
    "water": frozenset({"lake", "reservoir"}),
    "landmark": frozenset({"landmark"}),
    "country": frozenset({"country"}),
    # "the Araz", "the Caucasus", "the Netherlands": English puts an article before
    # rivers, ranges, regions and some countries, never before a town or village.
    "article": frozenset({"river", "mountain", "pass", "lake", "reservoir", "region", "landmark", "country"}),
    # a direction from a place ("south of Hadrut", "Cebrail'in güneyinden", "южнее Гадрута")
    # says it is a place, not which kind
    "place": frozenset(
        {"country", "region", "district", "city", "town", "village", "river", "mountain", "pass", "lake"}
        | {"reservoir", "landmark"}
    ),
}

# Cue words that follow the name: "Fuzuli district", "Füzuli rayonu", "Cebrail bölgesi".
SUFFIX_CUES: dict[str, str] = {}
for _group, _words in {
    "admin": "district districts province provinces region regions rayon rayonu raion rajon rayonlar "
    "rayonlari bolgalari bolgeleri ilceleri raiony raionov raionakh oblasti marzer "
    "bolgesi bolge bolgasi ilcesi ilchesi rayona rayone rayonom rayonakh oblast oblasti marz marzi "
    "shrjan shrjani municipality munitsipaliteti",
    "settlement": "city cities towns town village villages settlement settlements sheheri shahari shaharlari "
    # "Cebrail'in merkezinde", "Cəbrayılın mərkəzində", "Jabrayil centre": a town's centre
    "merkez merkezi merkezinde merkezine merkezinden mərkəz mərkəzi mərkəzində mərkəzinə mərkəzindən "
    # war reports: "Suqovuşan və Talış istiqamətlərində", "в Физулинском направлении", "Fuzuli direction"
    "direction directions istiqamət istiqaməti istiqamətində istiqamətlərində yönünde yönü "
    "istikametinde napravlenie napravlenii napravleniyakh "
    "shehri kenti kentleri kandi kandlar koyler "
    "kandlari koyu koyleri qasabasi kasabasi gorod goroda selo sela poselok derevnya qyugh gyugh "
    "kaghak kaghaki",
    "river": "river rivers chayi chay nehri reka reki getr geti "
    # its banks and tributaries: Arazın sahilində, Aras kıyısında, Arazın qolu
    "sahili sahilinde sahilində kiyisi kiyisinda kıyısı kıyısında qolu qollari",
    "place": "güneyinde güneyinden güneyindeki kuzeyinde kuzeyinden kuzeyindeki doğusunda doğusundan "
    "batısında batısından cənubunda cənubundan şimalında şimalından şərqində şərqindən qərbində qərbindən "
    "yakınında yakınındaki yakınlarında yakınlarındaki yaxınlığında yaxınlığındakı ətrafında ətrafındakı "
    "çevresinde çevresindeki civarında civarındaki",
    "mountain": "mount mountain mountains range ridge hill height heights dagi dagh silsilasi tepe tepesi "
    "gora khrebet lernashghta ler leran pass ashirimi pereval",
    "water": "lake reservoir dam golu gol gulu su anbari baraji vodokhranilishche vodokhranilishch ozero lich jrambar",
    "landmark": "bridge bridges korpusu korpulari koprusu kopruleri most mosty corridor dahlizi "
    "koridor koridoru monastery cathedral mosque fortress cave airport",
}.items():
    for _w in _words.split():
        SUFFIX_CUES[fold(_w)] = _group  # folded like the text they are compared with

# Cue phrases that precede the name: "the city of Fuzuli", "villages of Gabriel", "г. Шуша".
PREFIX_CUES: dict[str, str] = {}
for _group, _phrases in {
    "admin": ["district of", "region of", "province of", "districts of", "regions of", "rayon of"],
    "settlement": [
        "city of",
        "town of",
        "village of",
        "villages of",
        "settlement of",
        "gorod",
        "g",
        "selo",
        # its cases, with ё written or not: в селе, у села, в сёлах, жители сёл
        "sele",
        "sela",
        "syola",
        "selakh",
        "syolakh",
        "sel",
        "syol",
        "posyolok",
        "poselke",
        "posyolke",
        "gorode",
        "goroda",
        "gorodakh",
        "derevne",
        "derevni",
        "s",
        "pos",
        "poselok",
        "derevnya",
        "towns of",
        "cities of",
        "centre of",
        "center of",
        "tsentre",
        "tsentr",
    ],
    "river": [
        "river",
        "reka",
        "the river",
        # притоки Аракса, на берегу Аракса, tributaries of the Aras
        "pritoki",
        "pritok",
        "bereg",
        "berega",
        "beregu",
        "tributary of",
        "tributaries of",
        "banks of",
    ],
    "place": [
        "south of",
        "north of",
        "east of",
        "west of",
        "southeast of",
        "southwest of",
        "northeast of",
        "northwest of",
        "outskirts of",
        "yuzhnee",
        "severnee",
        "vostochnee",
        "zapadnee",
    ],
    "mountain": ["mount", "mt", "gora"],
    "water": ["lake", "ozero"],
}.items():
    for _p in _phrases:
        PREFIX_CUES[fold(_p)] = _group

RU_PREPOSITIONS = frozenset(
    fold(w) for w in "v vo na pod iz ot do k ko u okolo bliz mezhdu za so po cherez pri nad pered".split()
)

# Family-name endings: a place name with one of these is a person (Lachinov, Fuzuliyev,
# Jabrayilova, Ganjavi, Shushinsky, Gandzakyan).
SURNAME_ENDINGS = tuple(
    dict.fromkeys(
        fold(e)
        for e in (
            "ov",
            "ova",
            "ev",
            "eva",
            "yev",
            "yeva",
            "iyev",
            "iyeva",
            "yan",
            "ian",
            "yants",
            "ants",
            "vi",
            "zade",
            "zada",
            "ovich",
            "evich",
            "ovna",
            "evna",
            "li",
            "lu",
            "ly",
            "ski",
            "sky",
        )
    )
)


def cue_after(word: str) -> str | None:
    return SUFFIX_CUES.get(word)


def cue_before(words: list[str]) -> str | None:
    """Group of a prefix cue ending just before the name (``words`` are folded, in order)."""
    for n in (3, 2, 1):
        if len(words) >= n:
            group = PREFIX_CUES.get(" ".join(words[-n:]))
            if group:
                return group
    return None
