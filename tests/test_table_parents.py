"""How the build settles a record's parent and id when sources disagree (issue 13, data9).

- A parent a curated ``*_places.csv`` row gives by hand (from an official list) is kept over
  the polygon parent of ``data/curated/parents_from_polygons.csv``;
- an old id that a fix keeps as an alias (a merged duplicate) is not handed to another record,
  so the polygon parents and saved ids that name it keep meaning the same place.
"""

from __future__ import annotations

from .tools_loader import load_tool


def _build_places():
    return load_tool("build_places.py", "build_places_under_test")


def _village(pid: str, parent: str) -> dict[str, str]:
    return {"id": pid, "name": pid.title(), "kind": "village", "country": "AZ", "parent": parent}


def test_a_curated_parent_is_kept_over_the_polygon_parent(tmp_path):
    bp = _build_places()
    b = bp.Builder(tmp_path)
    b.places = {
        "cullu": _village("cullu", "jabrayil_district"),
        "tatar": _village("tatar", "jabrayil_district"),
        "jabrayil_district": _village("jabrayil_district", ""),
        "qubadli_district": _village("qubadli_district", ""),
    }
    polygons = tmp_path / "parents_from_polygons.csv"
    polygons.write_text(
        "id,parent,source,checked\ncullu,qubadli_district,polygon,\ntatar,qubadli_district,polygon,\n",
        encoding="utf-8",
    )
    bp.apply_polygon_parents(b, polygons, frozenset({"cullu"}))
    assert b.places["cullu"]["parent"] == "jabrayil_district"
    assert b.places["tatar"]["parent"] == "qubadli_district"


def test_an_old_id_kept_as_an_alias_is_not_given_to_another_record(tmp_path):
    bp = _build_places()
    b = bp.Builder(tmp_path)
    assert b._new_id("Talish", "village", "locality", "AZ", "quba_district", "1243208663") == "talish"
    b.reserved = {"talish"}
    assert b._new_id("Talish", "village", "locality", "AZ", "quba_district", "1243208663") == "talish_quba"
