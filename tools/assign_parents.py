#!/usr/bin/env python3
"""Assign the parent district of every Azerbaijani and Armenian settlement from polygons.

Two steps:

``extract``
    reads the rayon (AZ) and marz (AM) polygons of the Who's On First admin repositories
    (the commits named in ``../shared/data/SOURCES.md``), simplifies them (Douglas-Peucker,
    about 150 m) and writes ``data/boundaries/districts.geojson`` (shipped with the package;
    :mod:`gazetteer.boundaries` reads it) and ``data/boundaries/quattroshapes.geojson`` (the
    Quattroshapes polygons WOF keeps as alternate geometries of the rayons: the second,
    independent source used to check the first; not shipped). Needs ``shapely`` and a copy
    of the two repositories (a work tree or a bare git directory).

``assign`` (the default)
    reads ``data/places.csv`` and the two polygon files and writes
    ``data/curated/parents_from_polygons.csv`` (``id,parent,source,checked``) for every
    AZ/AM settlement whose polygon parent differs from, or fills, the parent it has.
    ``tools/build_places.py`` applies that file after its other steps. A parent that a
    curated ``*_places.csv`` row gives by hand (from the official lists) is kept: a polygon
    that disagrees with it is reported, not applied. Settlements outside every polygon of
    their country are left as they are and listed. Pure Python (no shapely needed).

Run from the repository root::

    python tools/assign_parents.py extract --wof-az DIR --wof-am DIR
    python tools/assign_parents.py assign [--report FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package, with its compiled core (a non-editable install, as in CI)
    import gazetteer._core  # noqa: F401
except ImportError:  # else this checkout's
    sys.path.insert(0, str(ROOT))

from gazetteer.boundaries import (  # noqa: E402
    SETTLEMENT_KINDS,
    District,
    distance_km,
    load_districts,
    locate,
)

SHARED = ROOT.parent / "shared" / "data"
BOUNDARIES = ROOT / "data" / "boundaries"
DISTRICTS_FILE = BOUNDARIES / "districts.geojson"
CHECK_FILE = BOUNDARIES / "quattroshapes.geojson"
OUT_FILE = ROOT / "data" / "curated" / "parents_from_polygons.csv"
OUT_COLUMNS = ["id", "parent", "source", "checked"]
COMMITS = {  # ../shared/data/SOURCES.md
    "AZ": ("whosonfirst-data/whosonfirst-data-admin-az", "e174b861629f63b02aac49a97e766b4078f6703e"),
    "AM": ("whosonfirst-data/whosonfirst-data-admin-am", "8bebe67601e74660d9cf08d55b30ed29f2949c91"),
}
SIMPLIFY_DEG = 0.001  # Douglas-Peucker tolerance in degrees: 85-111 m at 39-41 N
# A point in no polygon of its country takes the nearest one when it lies within that polygon's
# tolerance_km: 1 km for the meso outlines of the AZ rayons, 3 km for the Quattroshapes outlines
# of the AM marzes, which cut off border villages of Syunik and Tavush by up to 2.8 km.
TOLERANCE_KM = {"meso": 1.0, "quattroshapes": 3.0}
QS_NEAR_KM = 2.0  # a Quattroshapes disagreement this close to WOF's district is edge noise
LICENCE = {
    "meso": "Who's On First / Mesoshapes, CC0 (https://whosonfirst.org/docs/licenses/)",
    "quattroshapes": "Quattroshapes via Who's On First, CC BY 2.0 (https://github.com/foursquare/quattroshapes/); "
    "Who's On First licence https://whosonfirst.org/docs/licenses/",
}


def fail(msg: str) -> None:
    print(f"assign_parents: {msg}", file=sys.stderr)
    raise SystemExit(2)


def read_csv(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}")
    return []


# ----------------------------------------------------------------- extract
def _reader(repo: Path, commit: str):
    """A function path -> text reading a WOF repository: a work tree or a (bare) git directory."""
    if (repo / "data").is_dir():
        return lambda p: (repo / p).read_text(encoding="utf-8") if (repo / p).is_file() else None

    def show(p: str) -> str | None:
        r = subprocess.run(["git", "--git-dir", str(repo), "show", f"{commit}:{p}"], capture_output=True)
        return r.stdout.decode("utf-8") if r.returncode == 0 else None

    if subprocess.run(["git", "--git-dir", str(repo), "cat-file", "-e", commit], capture_output=True).returncode:
        fail(f"{repo} is neither a WOF work tree nor a git directory holding commit {commit[:10]}")
    return show


def _feature(geom: dict, props: dict) -> dict | None:
    from shapely.geometry import mapping, shape

    g = shape(geom)
    if g.geom_type not in {"Polygon", "MultiPolygon"} or g.is_empty:
        return None
    g = g.simplify(SIMPLIFY_DEG, preserve_topology=True)
    gj = mapping(g)

    def rnd(c):
        return [rnd(x) for x in c] if isinstance(c[0], list | tuple) else [round(c[0], 5), round(c[1], 5)]

    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": gj["type"], "coordinates": rnd(gj["coordinates"])},
    }


def extract(args: argparse.Namespace) -> int:
    try:
        import shapely  # noqa: F401
    except ImportError:
        fail("extract needs shapely (pip install shapely); assign does not")
    csv.field_size_limit(1 << 30)
    ours = {r["wof_id"]: r for r in read_csv(args.places) if r.get("wof_id") and r["kind"] in {"district", "region"}}
    readers = {"AZ": _reader(args.wof_az, COMMITS["AZ"][1]), "AM": _reader(args.wof_am, COMMITS["AM"][1])}
    main, check = [], []
    with open(args.shared / "wof-places.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        cc, w = r["country"], r["wof_id"]
        if cc not in readers or r["placetype"] != "region" or r["edtf_deprecated"] or r["superseded_by"]:
            continue
        if w not in ours:
            print(f"  wof {w} {r['name']}: no row of ours, skipped", file=sys.stderr)
            continue
        our = ours[w]
        repo, commit = COMMITS[cc]
        text = readers[cc](r["source_path"])
        if text is None:
            print(f"  wof {w}: {r['source_path']} not found", file=sys.stderr)
            continue
        rec = json.loads(text)
        src = rec["properties"].get("src:geom", "")
        props = {
            "id": our["id"],
            "name": our["name"],
            "country": cc,
            "wof_id": w,
            "source": f"wof:{w} geometry (src:geom {src}) from {repo}@{commit[:10]}/{r['source_path']}, "
            f"simplified {SIMPLIFY_DEG} deg",
            "licence": LICENCE.get(src, LICENCE["meso"]),
            "tolerance_km": TOLERANCE_KM.get(src, 1.0),
        }
        feat = _feature(rec["geometry"], props)
        if feat:
            main.append(feat)
        alt_path = r["source_path"].removesuffix(".geojson") + "-alt-quattroshapes.geojson"
        alt = readers[cc](alt_path) if src != "quattroshapes" else None
        if alt:
            alt_props = dict(props, source=f"wof:{w} alternate geometry from {repo}@{commit[:10]}/{alt_path}")
            alt_props["licence"] = LICENCE["quattroshapes"]
            feat = _feature(json.loads(alt)["geometry"], alt_props)
            if feat:
                check.append(feat)
    BOUNDARIES.mkdir(parents=True, exist_ok=True)
    for path, feats, what in (
        (DISTRICTS_FILE, main, "WOF rayon and marz polygons"),
        (CHECK_FILE, check, "Quattroshapes polygons of the AZ rayons (second source, for checking)"),
    ):
        feats.sort(key=lambda f: f["properties"]["id"])
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"type":"FeatureCollection","name":' + json.dumps(what) + ',"features":[\n')
            f.write(",\n".join(json.dumps(x, ensure_ascii=False, separators=(",", ":")) for x in feats))
            f.write("\n]}\n")
        print(f"{len(feats):5d} polygons -> {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


# ----------------------------------------------------------------- assign
def curated_parents() -> dict[str, str]:
    """Parents given by hand in data/curated/*_places.csv (checked against the official lists)."""
    out = {}
    for path in sorted((ROOT / "data" / "curated").glob("*_places.csv")):
        for r in read_csv(path):
            if r.get("parent") and r.get("id"):
                out[r["id"].strip()] = r["parent"].strip()
    return out


def polygon_parent(
    districts: dict[str, District], lat: float, lon: float, country: str
) -> tuple[str, float, list[District]]:
    """(district id, km outside it, districts holding the point) for a point of ``country``."""
    inside = locate(districts, lat, lon, country)
    if inside:
        return inside[0].id, 0.0, inside
    near = [(distance_km(d, lat, lon), d.id) for d in districts.values() if d.country == country]
    km, did = min(near) if near else (float("inf"), "")
    return (did, km, []) if did and km <= districts[did].tolerance_km else ("", km, [])


def assign(args: argparse.Namespace) -> int:
    if not args.districts.is_file():
        fail(f"{args.districts} missing: run `python tools/assign_parents.py extract` first")
    districts = load_districts(args.districts)
    check = load_districts(args.check) if args.check.is_file() else {}
    places = read_csv(args.places)
    missing = {"id", "kind", "country", "parent", "lat", "lon", "source"} - set(places[0] if places else ())
    if places and missing:
        fail(f"{args.places}: no column {', '.join(sorted(missing))}")
    by_id = {p["id"]: p for p in places}
    curated = curated_parents()
    previous = {r["id"]: r for r in read_csv(args.out)} if args.out.is_file() else {}
    stats: Counter = Counter()
    rows, outside, disagree_check, disagree_official, bad_curated = [], [], [], [], []
    for p in places:
        if p["country"] not in {"AZ", "AM"} or p["kind"] not in SETTLEMENT_KINDS:
            continue
        stats["settlements"] += 1
        cur = p["parent"]
        stats["without parent before" if not cur else "with parent before"] += 1
        try:
            lat, lon = float(p["lat"]), float(p["lon"])
        except ValueError:
            continue
        got, km, inside = polygon_parent(districts, lat, lon, p["country"])
        if not got:
            others = locate(districts, lat, lon)
            outside.append((p["id"], p["country"], cur, km, others[0].id if others else ""))
            stats["outside every polygon of its country"] += 1
            continue
        d = districts[got]
        where = "inside" if km == 0 else f"{km:.1f} km outside (nearest)"
        source = f"point {(p['source'].split() or ['?'])[0]} {where} the wof:{d.wof_id} polygon"
        seat = districts.get(f"{p['id']}_district")
        if p["kind"] in {"town", "city"} and seat and seat.id != got and seat.country == p["country"]:
            # a rayon is named after its centre: Sabirabad town sits 0.4 km outside the WOF
            # polygon of its rayon (its Quattroshapes polygon holds it); the centre stays in it
            off = distance_km(seat, lat, lon, holes=False)
            if off <= seat.tolerance_km:
                got, d = seat.id, seat
                source = f"centre of the rayon named after it; point {off:.1f} km from the wof:{d.wof_id} polygon"
                stats["district centre kept in its rayon against the polygon"] += 1
        # second source: the Quattroshapes polygon of the rayon (AZ only)
        if check and p["country"] == "AZ":
            qs = locate(check, lat, lon, "AZ")
            if not qs:
                checked = "quattroshapes: in no polygon"
            elif qs[0].id == got:
                checked = "quattroshapes: agrees"
            else:
                off = distance_km(check[got], lat, lon) if got in check else float("inf")
                checked = f"quattroshapes: {qs[0].id}, {off:.1f} km from its {got}"
                edge = f"within {QS_NEAR_KM:g} km of the edge" if off <= QS_NEAR_KM else "farther"
                stats[f"quattroshapes differs, {edge}"] += 1
                if off > QS_NEAR_KM:
                    disagree_check.append((p["id"], got, qs[0].id, cur, off))
        else:
            checked = "no second polygon source"
        official = curated.get(p["id"])
        if official and official not in by_id:
            bad_curated.append((p["id"], official))
            official = None
        if official and official != got:
            disagree_official.append((p["id"], got, official))
            stats["kept: curated parent disagrees with polygon"] += 1
            continue
        if official:
            checked += "; curated list agrees"
        if cur == got and p["id"] not in previous:
            stats["polygon agrees with current parent"] += 1
            continue
        if cur == got:
            stats["kept from previous run (already applied)"] += 1
        elif cur:
            stats["parent changed"] += 1
            stats[f"changed {'within' if by_id.get(cur, {}).get('country') == p['country'] else 'across'} country"] += 1
        else:
            stats["parent filled"] += 1
        rows.append({"id": p["id"], "parent": got, "source": source, "checked": checked})
    rows.sort(key=lambda r: r["id"])
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, OUT_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    lines = [f"{v:6d}  {k}" for k, v in sorted(stats.items())]
    lines.append(f"{len(rows):6d}  rows written to {args.out}")
    summary = "\n".join(lines)
    lines.append(
        f"\nDisagreements with the Quattroshapes polygons more than {QS_NEAR_KM:g} km from WOF's district "
        f"({len(disagree_check)}): id, WOF, quattroshapes, parent before"
    )
    lines += [f"  {a}: {b} / {c} ({e:.1f} km; was {d or '-'})" for a, b, c, d, e in disagree_check]
    lines.append(f"\nCurated parents that are no id of the table, ignored ({len(bad_curated)}): id, parent")
    lines += [f"  {a}: {b}" for a, b in bad_curated]
    lines.append(
        f"\nCurated parents that the polygons contradict, kept ({len(disagree_official)}): id, polygon, curated"
    )
    lines += [f"  {a}: {b} / {c}" for a, b, c in disagree_official]
    lines.append(
        f"\nOutside every polygon of their country, left as they are ({len(outside)}): id, country, parent, km, in"
    )
    lines += [f"  {a} {b} parent={c or '-'} {d:.1f} km{' in ' + e if e else ''}" for a, b, c, d, e in sorted(outside)]
    text = "\n".join(lines) + "\n"
    if args.report:
        args.report.write_text(text, encoding="utf-8")
        print(summary)
    else:
        print(text, end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in {"extract", "assign", "-h", "--help"}:
        argv = ["assign", *argv]  # assign is the default step
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="polygons from the WOF repositories -> data/boundaries/")
    ex.add_argument("--wof-az", type=Path, required=True, help="whosonfirst-data-admin-az work tree or git dir")
    ex.add_argument("--wof-am", type=Path, required=True, help="whosonfirst-data-admin-am work tree or git dir")
    ex.add_argument("--shared", type=Path, default=SHARED)
    asg = sub.add_parser("assign", help="parents from polygons -> data/curated/parents_from_polygons.csv")
    asg.add_argument("--districts", type=Path, default=DISTRICTS_FILE)
    asg.add_argument("--check", type=Path, default=CHECK_FILE)
    asg.add_argument("--out", type=Path, default=OUT_FILE)
    asg.add_argument("--report", type=Path, help="write the full report here (else to stdout)")
    for a in (ex, asg):
        a.add_argument("--places", type=Path, default=ROOT / "data" / "places.csv")
    args = ap.parse_args(argv)
    if args.cmd == "extract":
        return extract(args)
    return assign(args)


if __name__ == "__main__":
    raise SystemExit(main())
