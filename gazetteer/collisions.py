"""Names shared by several places, and how ranking resolves each.

Same-name places are normal (two Vardenis, a district and its centre); what
must not happen is a tie nobody decided. ``gazetteer validate --collisions``
lists every shared name that involves a place other than a village, in the
order the matcher ranks them, and marks ties.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .table import importance, read_places, read_variants
from .text.folding import fold

__all__ = ["collisions", "important_collisions"]


def collisions(places_path: Path, variants_path: Path | None) -> dict[str, list[tuple[float, str, str]]]:
    """folded name -> [(importance, id, kind)] best first, for names of two or more places."""
    places = {p.id: p for p in read_places(places_path)}
    owners: dict[str, set[str]] = defaultdict(set)
    for p in places.values():
        owners[fold(p.name)].add(p.id)
    if variants_path is not None and Path(variants_path).exists():
        for v in read_variants(variants_path):
            if v.id in places and not v.needs_context:
                owners[fold(v.variant)].add(v.id)
    out = {}
    for key, ids in owners.items():
        if len(ids) > 1:
            ranked = sorted(((importance(places[i]), i, places[i].kind) for i in ids), key=lambda t: (-t[0], t[1]))
            out[key] = ranked
    return out


def important_collisions(places_path: Path, variants_path: Path | None) -> list[str]:
    lines = []
    for key, ranked in sorted(collisions(places_path, variants_path).items()):
        if all(kind == "village" for _, _, kind in ranked):
            continue
        tie = len(ranked) > 1 and ranked[0][0] == ranked[1][0]
        order = " > ".join(f"{pid} ({kind} {imp:g})" for imp, pid, kind in ranked[:6])
        more = f" (+{len(ranked) - 6})" if len(ranked) > 6 else ""
        lines.append(f"{'TIE ' if tie else ''}{key}: {order}{more}")
    return lines
