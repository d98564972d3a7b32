"""Deterministic English news-like corpus mixing place names of the region with ordinary words."""

from __future__ import annotations

import random
from pathlib import Path

PLACES = [
    "Baku",
    "Ganja",
    "Shusha",
    "Aghdam",
    "Fuzuli",
    "Stepanakert",
    "Yerevan",
    "Goris",
    "Kapan",
    "Lachin",
    "Kalbajar",
    "Jabrayil",
    "Zangilan",
    "Qubadli",
    "Tartar",
    "Barda",
    "Khankendi",
    "Hadrut",
    "Martuni",
    "Sisian",
    "Sumgait",
    "Mingachevir",
    "Agdere",
    "Khojaly",
    "Shushi",
    "Tbilisi",
    "Moscow",
    "Tehran",
    "Nakhchivan",
    "Sevan",
    "Vardenis",
    "Meghri",
    "Aghjabadi",
    "Beylagan",
    "Horadiz",
    "Khachmaz",
    "Lankaran",
    "Shamakhi",
    "Gyumri",
    "Vanadzor",
    "Füzuli",
    "Ağdam",
    "Şuşa",
    "Gəncə",
    "Cəbrayıl",
    "Laçın",
    "Kəlbəcər",
]
REGIONS = [
    "Karabakh",
    "Nagorno-Karabakh",
    "Azerbaijan",
    "Armenia",
    "Georgia",
    "Iran",
    "Russia",
    "Turkey",
    "the Lachin corridor",
    "the Aras river",
    "Zangezur",
]
WORDS = (
    "the officials said residents market prices water supply road construction school hospital "
    "new old local regional national government ministry spokesman reported week month year "
    "morning evening weather heavy rain snow traffic bridge tunnel farmers harvest grapes "
    "pomegranates wheat cotton cattle football club stadium concert festival museum library "
    "university students teachers doctors nurses workers company investment project budget "
    "million thousand percent increase decrease meeting talks agreement statement delegation "
    "visit return families homes rebuilt electricity gas pipeline railway station airport "
    "flight bus line cement factory vineyard orchard valley hills forest mountain pass"
).split()
TEMPLATES = [
    "Officials in {P} said on {D} that {w} {w} would resume between {P} and {P}.",
    "The road from {P} to {P} was reopened after {w} {w} and {w}, the ministry in {P} reported.",
    "{P} hosted a {w} {w} attended by delegations from {R} and {R}.",
    "Residents of {P} who had moved to {P} began returning, a spokesman said.",
    "Prices of {w} in {P} rose by {n} percent this {t}, according to the statistics office.",
    "A new {w} {w} linking {P} with {P} is expected to open in {y}.",
    "In {R}, the {w} {w} near {P} drew {n} visitors during the {w} festival.",
    "Talks held in {P} on the situation in {R} ended without a joint statement.",
    "The {w} of {P} announced that {n} families would receive new homes near {P}.",
    "Farmers around {P} reported a good {w} harvest despite {w} {w} in {R}.",
    "Our correspondent travelled from {P} through {P} to {P} by {w}.",
    "{w} {w} {w} {w} {w} {w} {w} {w} {w} {w} {w} {w}.",
    "The {w} {w} said the {w} was {w} and {w}, but the {w} {w} remained {w}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_corpus(path: Path, size_bytes: int, seed: int = 1993) -> Path:
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        while written < size_bytes:
            sents = []
            for _ in range(rng.randint(3, 7)):
                t = rng.choice(TEMPLATES)
                out = []
                i = 0
                while i < len(t):
                    if t[i] == "{":
                        j = t.index("}", i)
                        k = t[i + 1 : j]
                        out.append(
                            {
                                "P": lambda: rng.choice(PLACES),
                                "R": lambda: rng.choice(REGIONS),
                                "w": lambda: rng.choice(WORDS),
                                "D": lambda: rng.choice(DAYS),
                                "n": lambda: str(rng.randint(2, 5000)),
                                "t": lambda: rng.choice(["week", "month", "year"]),
                                "y": lambda: str(rng.randint(2024, 2030)),
                            }[k]()
                        )
                        i = j + 1
                    else:
                        out.append(t[i])
                        i += 1
                s = "".join(out)
                sents.append(s[0].upper() + s[1:])
            para = " ".join(sents) + "\n"
            f.write(para)
            written += len(para.encode("utf-8"))
    return path


def ensure_corpus(size_mb: int, seed: int = 1993) -> Path:
    from _common import CORPUS

    p = CORPUS / f"news_{size_mb}MB_{seed}.txt"
    if not p.exists() or p.stat().st_size < size_mb * 1_000_000:
        make_corpus(p, size_mb * 1_000_000, seed)
    return p
