"""``gazetteer serve``: a reconciliation service for OpenRefine.

The W3C Entity Reconciliation API, version 0.2 (the version OpenRefine speaks),
over the standard library's ``http.server``. Everything is under ``/reconcile``:

============================================  ==========================================
``GET /reconcile``                            the service manifest
``GET|POST /reconcile`` ``queries=BATCH``     candidates for a batch of names
``GET|POST /reconcile`` ``extend=QUERY``      lat, lon, district... of reconciled places
``GET /reconcile/properties?type=T``          the properties ``extend`` can add
``GET /reconcile/suggest/entity?prefix=P``    places for an auto-complete box
``GET /reconcile/suggest/type?prefix=P``      kinds of place (village, city...)
``GET /reconcile/suggest/property?prefix=P``  properties (for constraints and extend)
``GET /reconcile/preview?id=ID``              a small HTML card of a place
``GET /reconcile/view/ID``                    the same card with every variant
============================================  ==========================================

``POST`` takes a form (``application/x-www-form-urlencoded``, as OpenRefine sends
it) or a JSON body (the batch itself, or ``{"queries": ...}``). A ``GET`` that
answers JSON honours ``callback=NAME`` (JSONP, which the spec allows for older
clients); every answer allows cross-origin reads, as the spec requires.

This module only speaks the protocol: names are matched by
:meth:`gazetteer.Gazetteer.candidates`, as ``gazetteer lookup`` does. The one
matching it adds is prefix search for auto-complete, which the library lacks.

Bad requests get a JSON error with a status (400, 404, 405, 411, 413, 415) and a
message, never a traceback. The library is not safe for concurrent use (the matcher
keeps per-lookup state, the index shares one SQLite connection), so library calls
are serialised by one lock; reading, parsing and writing run in parallel.
"""

from __future__ import annotations

import html
import json
import os
import re
import socket
import sys
import threading
from bisect import bisect_left
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from .errors import UsageError
from .index import PLACE_ROW
from .matcher import LOOSE_METHODS
from .table import FOCUS_COUNTRIES
from .text.folding import fold

__all__ = ["Service", "RequestError", "make_server", "run", "MAX_BATCH", "MAX_BODY", "MAX_QUERY_CHARS"]

API_VERSION = "0.2"
IDENTIFIER_SPACE = "urn:gazetteer:place:"
SCHEMA_SPACE = "urn:gazetteer:schema:place"

MAX_BODY = 1 << 20  # bytes of a POST body
DISCARD_MAX = 16 << 20  # a larger refused body is not read: the connection is dropped
MAX_BATCH = 200  # queries in one batch (announced as batchSize; more is a 413)
MAX_EXTEND_IDS = 1000  # ids in one data extension query (more is a 413)
MAX_QUERY_CHARS = 1000  # a cell longer than this is no place name (a 400)
MAX_CONSTRAINTS = 20  # properties of one query, and values of one property
MAX_LIMIT = 100  # candidates of one query (a larger limit is lowered to this)
DEFAULT_LIMIT = 5
SUGGEST_LIMIT = 10
SUGGEST_MAX = 50
PREFIX_SCAN = 20_000  # folded keys read for one prefix (a one-letter prefix stops there)
POOL = 200  # candidates asked of the library when constraints filter them here
MAX_THREADS = 32  # connections served at once; more wait in the listen queue
TIMEOUT = 30.0  # seconds a connection may stay silent

# Kinds in the order a user expects them; kinds of a user's table come after, sorted.
_KIND_ORDER = (
    "city",
    "town",
    "village",
    "district",
    "region",
    "country",
    "river",
    "lake",
    "reservoir",
    "mountain",
    "pass",
    "landmark",
)

# Data extension properties: id -> (name, description)
PROPERTIES = {
    "lat": ("Latitude", "WGS84 latitude, decimal degrees"),
    "lon": ("Longitude", "WGS84 longitude, decimal degrees"),
    "district": ("District", "The unit the place belongs to (district, province or region), as a place"),
    "country": ("Country", "ISO 3166-1 alpha-2 code"),
    "kind": ("Kind", "village, town, city, district, river..."),
    "name_az": ("Name (Azerbaijani)", "The official Azerbaijani name"),
    "name_ru": ("Name (Russian)", "The Russian name"),
    "name_hy": ("Name (Armenian)", "The Armenian name"),
}
# Properties a reconciliation query may constrain candidates by.
CONSTRAINTS = {
    "country": ("Country", "ISO code (AZ) or a country's name in any language; candidates must be in it"),
    "district": ("District", "A district, province or region (name in any spelling, or id); candidates must lie in it"),
}

_CALLBACK = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\Z", re.ASCII)
_HOST = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?\Z", re.ASCII)


class RequestError(Exception):
    """A request the service refuses: an HTTP status and a message for the client."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _bad(message: str) -> RequestError:
    return RequestError(400, message)


# ---------------------------------------------------------------- the service
class Service:
    """The reconciliation API over one loaded :class:`gazetteer.Gazetteer`.

    Every method takes and returns plain Python data (what the JSON holds), so it
    can be used without HTTP:

    >>> from gazetteer import Gazetteer
    >>> svc = Service(Gazetteer.load())
    >>> best = svc.reconcile({"q0": {"query": "Fizuli"}})["q0"]["result"][0]
    >>> best["id"], best["match"], best["type"][0]["id"]
    ('fuzuli', True, 'city')
    >>> svc.reconcile({"q0": {"query": "Peter Gabriel"}})
    {'q0': {'result': []}}
    """

    def __init__(self, gz, name: str = "Karabakh gazetteer"):
        self.gz = gz
        self.name = name
        self._lock = threading.Lock()
        with self._lock:
            gz.index.materialise()  # every row in memory: the first requests are as fast as the rest
            kinds = {row[2] for row in gz.index.all_places()}
        self.kinds = [k for k in _KIND_ORDER if k in kinds] + sorted(kinds - set(_KIND_ORDER))
        self._prefix_keys: list[str] | None = None

    # ------------------------------------------------------------ places
    def _row(self, i: int) -> dict:
        return dict(zip(PLACE_ROW, self.gz.index.place(i)))

    def _row_of(self, place_id: str) -> dict | None:
        i = self.gz.index.place_index(place_id)
        return None if i is None else self._row(i)

    def _parent(self, row: dict) -> dict | None:
        return self._row_of(row["parent"]) if row["parent"] else None

    def _ancestors(self, place_id: str) -> set[str]:
        out: set[str] = set()
        row = self._row_of(place_id)
        while row is not None and row["parent"] and row["parent"] not in out and len(out) < 8:
            out.add(row["parent"])
            row = self._row_of(row["parent"])
        return out

    def _describe(self, row: dict) -> str:
        parent = self._parent(row)
        where = f" in {parent['name']}" if parent else ""
        return f"{row['kind'].capitalize()}{where}, {row['country']} ({row['lat']:.5f}, {row['lon']:.5f})"

    @staticmethod
    def _type(kind: str) -> dict:
        return {"id": kind, "name": kind.capitalize()}

    # ------------------------------------------------------------ manifest
    def manifest(self, base: str) -> dict:
        """The service manifest; ``base`` is the endpoint's URL (``http://host:port/reconcile``)."""
        return {
            "versions": [API_VERSION],
            "name": self.name,
            "identifierSpace": IDENTIFIER_SPACE,
            "schemaSpace": SCHEMA_SPACE,
            "serviceVersion": _version(),
            "batchSize": MAX_BATCH,
            "defaultTypes": [self._type(k) for k in self.kinds],
            "view": {"url": f"{base}/view/{{{{id}}}}"},
            "preview": {"url": f"{base}/preview?id={{{{id}}}}", "width": 420, "height": 160},
            "suggest": {
                "entity": {"service_url": base, "service_path": "/suggest/entity"},
                "type": {"service_url": base, "service_path": "/suggest/type"},
                "property": {"service_url": base, "service_path": "/suggest/property"},
            },
            "extend": {"propose_properties": {"service_url": base, "service_path": "/properties"}},
        }

    # ------------------------------------------------------------ reconciliation
    def reconcile(self, batch) -> dict:
        """A reconciliation result batch for a query batch (a dict of query id -> query)."""
        if not isinstance(batch, dict):
            raise _bad("the query batch must be a JSON object of query id -> query")
        if len(batch) > MAX_BATCH:
            raise RequestError(
                413, f"{len(batch)} queries in one batch; at most {MAX_BATCH} (the manifest's batchSize)"
            )
        parsed = {key: _parse_query(key, q) for key, q in batch.items()}  # all checked before any work
        return {key: {"result": self._candidates(*q)} for key, q in parsed.items()}

    def _candidates(self, text: str | None, kinds: list[str], limit: int, props: dict[str, list]) -> list[dict]:
        if text is None or not text.strip():
            return []  # a query by properties alone: the library matches names only
        text = text.strip()
        with self._lock:
            countries = self._countries(props["country"]) if "country" in props else None
            districts = self._districts(props["district"]) if "district" in props else None
            if (countries is not None and not countries) or (districts is not None and not districts):
                return []  # a constraint that names nothing no candidate can meet
            one_kind = kinds[0] if len(kinds) == 1 else None
            one_country = next(iter(countries)) if countries and len(countries) == 1 else None
            filtered = (len(kinds) > 1) or (countries and len(countries) > 1) or districts is not None
            found = self.gz.candidates(text, POOL if filtered else limit, country=one_country, kind=one_kind)
            kept = []
            for m in found:
                if kinds and m.kind not in kinds:
                    continue
                if countries and m.country not in countries:
                    continue
                if districts is not None and not (self._ancestors(m.id) & districts):
                    continue
                kept.append(m)
                if len(kept) >= limit:
                    break
            out = [self._candidate(m, rank) for rank, m in enumerate(kept)]
            # an entity id as the query gives that entity (the spec expects it)
            row = self._row_of(text)
            if row is not None and row["id"] not in {c["id"] for c in out} and len(out) < limit:
                ok = (not kinds or row["kind"] in kinds) and (not countries or row["country"] in countries)
                if ok and (districts is None or self._ancestors(row["id"]) & districts):
                    out.append(self._id_candidate(row, first=not out))
        # sorted by decreasing score, as the spec asks and OpenRefine re-sorts (stably):
        # a candidate ranked below another never shows a higher score than it
        for prev, cand in zip(out, out[1:]):
            cand["score"] = min(cand["score"], prev["score"])
        return out

    def _candidate(self, m, rank: int) -> dict:
        row = self._row_of(m.id)
        # OpenRefine auto-matches the first candidate when "match" is true: only a name
        # read as written (exact, folded or inflected), that stands alone in a cell
        match = rank == 0 and not m.needs_context and m.method in ("exact", "folded", "inflection")
        return {
            "id": m.id,
            "name": m.name,
            "description": self._describe(row) if row else "",
            "score": float(m.score),
            "match": match,
            "type": [self._type(m.kind)],
            "features": [
                {"id": "name_score", "value": float(m.score)},
                {"id": "exact", "value": m.method == "exact"},
                {"id": "loose", "value": m.method in LOOSE_METHODS},
                {"id": "needs_context", "value": bool(m.needs_context)},
            ],
        }

    def _id_candidate(self, row: dict, first: bool) -> dict:
        return {
            "id": row["id"],
            "name": row["name"],
            "description": self._describe(row),
            "score": 100.0,
            "match": first,
            "type": [self._type(row["kind"])],
            "features": [{"id": "id_match", "value": True}],
        }

    def _countries(self, values: list) -> set[str]:
        """ISO codes named by constraint values: a code, a country's name in any language, a place."""
        codes = set()
        for v in values:
            if isinstance(v, dict):
                row = self._row_of(v["id"])
                if row is not None:
                    codes.add(row["country"])
                elif len(v["id"]) == 2 and v["id"].isalpha():
                    codes.add(v["id"].upper())
                continue
            if not isinstance(v, str) or not v.strip():
                continue
            s = v.strip()
            if len(s) == 2 and s.isascii() and s.isalpha():
                codes.add(s.upper())
                continue
            m = self.gz.lookup(s, kind="country")
            if m is not None:
                codes.add(m.country)
        return codes

    def _districts(self, values: list) -> set[str]:
        """Ids of the places a district constraint may name (an id, or a name in any spelling)."""
        ids = set()
        for v in values:
            if isinstance(v, dict):
                v = v["id"] if self._row_of(v["id"]) is not None else v.get("name", "")
            if not isinstance(v, str) or not v.strip():
                continue
            s = v.strip()
            if self._row_of(s) is not None:
                ids.add(s)
            ids.update(m.id for m in self.gz.candidates(s, 5))
        return ids

    # ------------------------------------------------------------ data extension
    def propose(self, type_id: str | None, limit: int | None) -> dict:
        props = [{"id": pid, "name": name, "description": desc} for pid, (name, desc) in PROPERTIES.items()]
        out: dict = {"properties": props[:limit] if limit is not None else props}
        if type_id is not None:
            out["type"] = type_id
        if limit is not None:
            out["limit"] = limit
        return out

    def extend(self, query) -> dict:
        """A data extension response: the values of some properties of some places."""
        if not isinstance(query, dict):
            raise _bad("the extend query must be a JSON object with ids and properties")
        ids, props = query.get("ids"), query.get("properties")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise _bad("extend: ids must be a list of place ids (strings)")
        if len(ids) > MAX_EXTEND_IDS:
            raise RequestError(413, f"extend: {len(ids)} ids in one query; at most {MAX_EXTEND_IDS}")
        if not isinstance(props, list) or not all(isinstance(p, dict) and isinstance(p.get("id"), str) for p in props):
            raise _bad('extend: properties must be a list of objects like {"id": "lat"}')
        pids = list(dict.fromkeys(p["id"] for p in props))
        unknown = [p for p in pids if p not in PROPERTIES]
        if unknown:
            shown = ", ".join(map(repr, unknown[:5]))
            raise _bad(f"extend: unknown property {shown}; known: {', '.join(PROPERTIES)}")
        rows = {}
        with self._lock:
            for pid in dict.fromkeys(ids):
                row = self._row_of(pid)
                rows[pid] = {p: (self._values(row, p) if row is not None else []) for p in pids}
        return {"meta": [{"id": p, "name": PROPERTIES[p][0]} for p in pids], "rows": rows}

    def _values(self, row: dict, pid: str) -> list[dict]:
        if pid in ("lat", "lon"):
            return [{"float": float(row[pid])}] if row[pid] is not None else []
        if pid == "district":
            parent = self._parent(row)
            return [{"id": parent["id"], "name": parent["name"]}] if parent else []
        value = row[pid]
        return [{"str": str(value)}] if value else []

    # ------------------------------------------------------------ suggest
    def suggest_entity(self, prefix: str, cursor: int = 0, limit: int = SUGGEST_LIMIT, kind: str | None = None) -> dict:
        """Places for an auto-complete box: the id, the library's matches, then names that begin so."""
        text = prefix.strip()
        if not text:
            return {"result": []}
        want = cursor + limit
        with self._lock:
            seen: dict[str, dict] = {}

            def add(row):
                if row is not None and row["id"] not in seen and (kind is None or row["kind"] == kind):
                    seen[row["id"]] = row

            add(self._row_of(text))
            for m in self.gz.candidates(text, want, kind=kind):
                add(self._row_of(m.id))
            if len(seen) < want:
                for i in self._prefix_places(fold(text), want + 20):
                    add(self._row(i))
                    if len(seen) >= want:
                        break
            rows = list(seen.values())[cursor:want]
            result = [
                {"id": r["id"], "name": r["name"], "description": self._describe(r), "notable": [self._type(r["kind"])]}
                for r in rows
            ]
        return {"result": result}

    def _prefix_places(self, key: str, n: int) -> list[int]:
        """Up to ``n`` places with a variant whose folded form begins with ``key``: the region's
        first, then the rest, each by importance."""
        if not key:
            return []
        index = self.gz.index
        if self._prefix_keys is None:
            self._prefix_keys = sorted(index.folded_keys())
        keys = self._prefix_keys
        places: set[int] = set()
        i = bisect_left(keys, key)
        end = min(len(keys), i + PREFIX_SCAN)
        while i < end and keys[i].startswith(key):
            for v in index.postings(keys[i]):
                places.add(index.variant(v)[0])
            i += 1
        country, importance = PLACE_ROW.index("country"), PLACE_ROW.index("importance")

        def order(p):  # the region's places first (as the matcher's loose methods do), then by weight
            row = index.place(p)
            return (row[country] not in FOCUS_COUNTRIES, -(row[importance] or 0), p)

        return sorted(places, key=order)[:n]

    def suggest_type(self, prefix: str, cursor: int = 0, limit: int = SUGGEST_LIMIT) -> dict:
        p = prefix.strip().lower()
        hits = [self._type(k) for k in self.kinds if k.startswith(p)] + [
            self._type(k) for k in self.kinds if p in k and not k.startswith(p)
        ]
        return {"result": hits[cursor : cursor + limit]}

    def suggest_property(self, prefix: str, cursor: int = 0, limit: int = SUGGEST_LIMIT) -> dict:
        p = prefix.strip().lower()
        every = {**CONSTRAINTS, **PROPERTIES}
        hits = [
            {"id": pid, "name": name, "description": desc}
            for pid, (name, desc) in every.items()
            if pid.startswith(p) or name.lower().startswith(p) or (p and p in name.lower())
        ]
        return {"result": hits[cursor : cursor + limit]}

    # ------------------------------------------------------------ preview
    def preview(self, place_id: str, full: bool = False) -> str | None:
        """An HTML card of a place (every value escaped), or None for an unknown id."""
        with self._lock:
            row = self._row_of(place_id)
            if row is None:
                return None
            parent = self._parent(row)
            variants = self.gz.index.variants_of(self.gz.index.place_index(place_id)) if full else []
        e = html.escape
        lines = [
            f"<h1>{e(row['name'])}</h1>",
            f"<p>{e(row['kind'].capitalize())}"
            + (f" in {e(parent['name'])}" if parent else "")
            + f", {e(row['country'])}</p>",
            f"<p>{row['lat']:.5f}, {row['lon']:.5f}"
            f' · <a href="https://www.openstreetmap.org/?mlat={row["lat"]:.5f}&amp;mlon={row["lon"]:.5f}'
            f'#map=12/{row["lat"]:.5f}/{row["lon"]:.5f}" target="_blank" rel="noopener noreferrer">map</a></p>',
        ]
        names = [(lang, row[f"name_{lang}"]) for lang in ("az", "ru", "hy") if row[f"name_{lang}"]]
        if names:
            lines.append("<p>" + " · ".join(f'<span lang="{lang}">{e(n)}</span>' for lang, n in names) + "</p>")
        lines.append(f"<p class=id>{e(row['id'])}</p>")
        if variants:
            lines.append("<h2>Variants</h2><table>")
            for text, lang, vtype, ctx, src in variants:
                flag = " (needs context)" if ctx else ""
                lines.append(f"<tr><td>{e(text)}</td><td>{e(lang)}</td><td>{e(vtype)}{flag}</td><td>{e(src)}</td></tr>")
            lines.append("</table>")
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{e(row['name'])}</title><style>"
            "body{font:13px/1.3 sans-serif;margin:6px}h1{font-size:16px;margin:0 0 4px}h2{font-size:14px}"
            "p{margin:2px 0}.id{color:#666;font-family:monospace}td{padding:0 8px 0 0}"
            "</style></head><body>\n" + "\n".join(lines) + "\n</body></html>\n"
        )


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("gazetteer")
    except Exception:  # not installed (a source tree on sys.path)
        return "unknown"


def _parse_query(key: str, q) -> tuple[str | None, list[str], int, dict[str, list]]:
    """(query text, kinds, limit, constraints) of one query, or a 400 saying what is wrong."""
    if not isinstance(q, dict):
        raise _bad(f"query {key!r}: must be a JSON object")
    text = q.get("query")
    if text is not None and not isinstance(text, str):
        raise _bad(f"query {key!r}: 'query' must be a string")
    if text is not None and len(text) > MAX_QUERY_CHARS:
        raise _bad(f"query {key!r}: {len(text)} characters; a place name has at most {MAX_QUERY_CHARS}")
    kinds = q.get("type")
    if kinds is None:
        kinds = []
    elif isinstance(kinds, str):
        kinds = [kinds]
    elif not (isinstance(kinds, list) and all(isinstance(t, str) for t in kinds)):
        raise _bad(f"query {key!r}: 'type' must be a type id or a list of them")
    if len(kinds) > MAX_CONSTRAINTS:
        raise _bad(f"query {key!r}: at most {MAX_CONSTRAINTS} types")
    limit = q.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise _bad(f"query {key!r}: 'limit' must be a positive integer")
    limit = min(limit, MAX_LIMIT)
    props: dict[str, list] = {}
    given = q.get("properties", [])
    if not isinstance(given, list):
        raise _bad(f"query {key!r}: 'properties' must be a list of {{pid, v}} objects")
    if len(given) > MAX_CONSTRAINTS:
        raise _bad(f"query {key!r}: at most {MAX_CONSTRAINTS} properties")
    for p in given:
        if not isinstance(p, dict) or not isinstance(p.get("pid"), str) or "v" not in p:
            raise _bad(f"query {key!r}: each property must be an object with 'pid' and 'v'")
        pid = p["pid"]
        if pid not in CONSTRAINTS:
            raise _bad(
                f"query {key!r}: unknown property {pid!r}; a query can be constrained by {', '.join(CONSTRAINTS)}"
            )
        values = p["v"] if isinstance(p["v"], list) else [p["v"]]
        if len(values) > MAX_CONSTRAINTS:
            raise _bad(f"query {key!r}: at most {MAX_CONSTRAINTS} values of {pid!r}")
        for v in values:
            if isinstance(v, dict):
                if not isinstance(v.get("id"), str) or not isinstance(v.get("name", ""), str):
                    raise _bad(f"query {key!r}: an entity value of {pid!r} needs a string 'id'")
            elif not isinstance(v, (str, int, float)):
                raise _bad(f"query {key!r}: a value of {pid!r} must be a string, number, boolean or entity")
            if isinstance(v, str) and len(v) > MAX_QUERY_CHARS:
                raise _bad(f"query {key!r}: a value of {pid!r} is over {MAX_QUERY_CHARS} characters")
        props.setdefault(pid, []).extend(values)
    if text is None and not props:
        raise _bad(f"query {key!r}: needs 'query' (or 'properties')")
    return text, kinds, limit, props


# ---------------------------------------------------------------- HTTP
class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "gazetteer-reconcile"

    def version_string(self) -> str:
        return self.server_version

    timeout = TIMEOUT
    service: Service  # set on the subclass make_server builds

    # ------------------------------------------------------------ plumbing
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # no line per request: a service answering OpenRefine would flood the terminal

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, data, status: int = 200, callback: str | None = None) -> None:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        if callback is not None:
            # U+2028/9 end a line in older JavaScript, not in JSON
            text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
            self._send(status, f"/**/{callback}({text});".encode(), "application/javascript; charset=utf-8")
        else:
            self._send(status, text.encode("utf-8"), "application/json; charset=utf-8")

    def send_error(self, code, message=None, explain=None):
        """Every error as a JSON object with the status and a message; the connection is closed
        (a refused body may not have been read)."""
        self.close_connection = True
        if message is None:
            message = self.responses.get(code, ("error",))[0]
        try:
            body = json.dumps({"status": "error", "code": code, "message": message}, ensure_ascii=False).encode()
            self._send(code, body, "application/json; charset=utf-8")
        except OSError:
            pass  # the client is gone

    # ------------------------------------------------------------ methods
    def do_OPTIONS(self):  # noqa: N802 - the base class's naming
        self._send(
            204,
            b"",
            "text/plain",
            {
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "86400",
            },
        )

    def do_GET(self):  # noqa: N802
        self._serve("GET")

    def do_HEAD(self):  # noqa: N802
        self._serve("GET")

    def do_POST(self):  # noqa: N802
        self._serve("POST")

    def _serve(self, method: str) -> None:
        self._unread = 0
        if method == "POST":
            length = self.headers.get("Content-Length", "")
            self._unread = int(length) if length.isdigit() and len(length) < 16 else 0
        try:
            self._dispatch(method)
        except RequestError as exc:
            self._discard_body()
            self.send_error(exc.status, exc.message)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as exc:  # a bug: one line on the server's stderr, a 500 to the client
            if os.environ.get("GAZETTEER_DEBUG"):
                import traceback

                traceback.print_exc()
            else:
                print(f"gazetteer serve: internal error: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            self._discard_body()
            self.send_error(500, "internal error")

    def _dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = parts.path.rstrip("/") or "/"
        params = _params(parts.query)
        callback = None
        if method == "GET" and "callback" in params:
            callback = params.pop("callback")
            if not _CALLBACK.match(callback) or len(callback) > 100:
                raise _bad("callback must be a JavaScript identifier (letters, digits, _ $ and dots)")
        svc = self.service
        if path in ("/reconcile", "/"):
            if method == "POST":
                params = self._body_params(params)
            if "queries" in params:
                return self._json(svc.reconcile(_loads(params["queries"], "queries")), callback=callback)
            if "extend" in params:
                return self._json(svc.extend(_loads(params["extend"], "extend")), callback=callback)
            if method == "POST":
                raise _bad("expected a 'queries' or 'extend' field")
            return self._json(svc.manifest(self._base()), callback=callback)
        if method != "GET":
            if path in _GET_ONLY:
                raise RequestError(405, f"{path} answers GET only")
            raise RequestError(404, f"no such endpoint: {path} (the service is at /reconcile)")
        if path == "/reconcile/properties":
            limit = _int(params, "limit", None, 1, 1000)
            return self._json(svc.propose(params.get("type"), limit), callback=callback)
        if path.startswith("/reconcile/suggest/"):
            what = path[len("/reconcile/suggest/") :]
            if what not in ("entity", "type", "property"):
                raise RequestError(404, f"no suggest service for {what!r} (entity, type, property)")
            prefix = params.get("prefix", "")
            if len(prefix) > MAX_QUERY_CHARS:
                raise _bad(f"prefix is over {MAX_QUERY_CHARS} characters")
            cursor = _int(params, "cursor", 0, 0, 10_000)
            limit = _int(params, "limit", SUGGEST_LIMIT, 1, SUGGEST_MAX)
            if what == "entity":
                kind = params.get("type") or None
                if kind is not None and kind not in svc.kinds:
                    kind = None  # a type of another service's space (OpenRefine passes the column's)
                return self._json(svc.suggest_entity(prefix, cursor, limit, kind), callback=callback)
            if what == "type":
                return self._json(svc.suggest_type(prefix, cursor, limit), callback=callback)
            return self._json(svc.suggest_property(prefix, cursor, limit), callback=callback)
        if path == "/reconcile/preview" or path.startswith("/reconcile/view/"):
            full = path.startswith("/reconcile/view/")
            pid = _unquote(path[len("/reconcile/view/") :]) if full else params.get("id", "")
            if not pid:
                raise _bad("preview needs ?id=PLACE_ID")
            page = svc.preview(pid, full=full)
            if page is None:
                raise RequestError(404, f"no place with id {pid!r}")
            return self._send(
                200,
                page.encode("utf-8"),
                "text/html; charset=utf-8",
                {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"},
            )
        raise RequestError(404, f"no such endpoint: {path} (the service is at /reconcile)")

    def _base(self) -> str:
        """The endpoint's URL as the client reached it (the Host header), else as bound."""
        host = self.headers.get("Host", "")
        if not _HOST.match(host):
            host = self.server.display_host
        return f"http://{host}/reconcile"

    def _discard_body(self) -> None:
        """Read and drop a refused body (up to DISCARD_MAX bytes): closing a socket with unread
        data resets it, and the client would see a reset instead of the error."""
        left, self._unread = self._unread, 0
        if left > DISCARD_MAX:
            return
        try:
            while left > 0:
                chunk = self.rfile.read(min(left, 1 << 16))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def _body_params(self, params: dict[str, str]) -> dict[str, str]:
        """The fields of a POST body (form or JSON), over those of the URL."""
        if self.headers.get("Transfer-Encoding"):
            raise RequestError(411, "send the body with a Content-Length (no chunked encoding)")
        length = self.headers.get("Content-Length")
        if length is None:
            raise RequestError(411, "a POST needs a Content-Length")
        if not length.isdigit():
            raise _bad("Content-Length must be a number")
        n = int(length)
        if n > MAX_BODY:
            raise RequestError(413, f"the body has {n} bytes; at most {MAX_BODY}")
        body = self.rfile.read(n)
        self._unread = 0
        if len(body) < n:
            raise _bad("the body ended before its Content-Length")
        ctype = (self.headers.get("Content-Type") or "application/x-www-form-urlencoded").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _bad("the body is not UTF-8") from None
        if ctype == "application/x-www-form-urlencoded":
            return {**params, **_params(text)}
        if ctype == "application/json":
            data = _loads(text, "the JSON body")
            if isinstance(data, dict) and _wrapped(data):
                return {**params, **{k: data[k] for k in ("queries", "extend") if k in data}}
            return {**params, "queries": data}
        raise RequestError(415, f"unsupported Content-Type {ctype!r}; send a form or JSON")


_GET_ONLY = ("/reconcile/properties", "/reconcile/preview")


def _wrapped(data: dict) -> bool:
    """Is a JSON body ``{"queries": BATCH}`` or ``{"extend": QUERY}`` rather than a batch itself?
    (A batch's values are query objects; ``{"queries": {"query": ...}}`` is a batch of one.)"""
    q, e = data.get("queries"), data.get("extend")
    if isinstance(q, str) or (isinstance(q, dict) and all(isinstance(x, dict) for x in q.values())):
        return True
    return isinstance(e, str) or (isinstance(e, dict) and "ids" in e)


def _params(query: str) -> dict[str, str]:
    try:
        got = parse_qs(query, keep_blank_values=True, strict_parsing=False, max_num_fields=50, errors="strict")
    except ValueError as exc:
        raise _bad(f"cannot read the parameters: {exc}") from None
    return {k: v[-1] for k, v in got.items()}


def _unquote(text: str) -> str:
    try:
        return unquote(text, errors="strict")
    except UnicodeDecodeError:
        raise _bad("the id is not UTF-8") from None


def _loads(value, what: str):
    if not isinstance(value, str):
        return value  # already parsed (a JSON body)
    try:
        return json.loads(value)
    except (ValueError, RecursionError) as exc:
        msg = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise _bad(f"{what} is not valid JSON: {msg}") from None


def _int(params: dict[str, str], name: str, default, low: int, high: int):
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or len(raw) > 6:
        raise _bad(f"{name} must be a whole number from {low} to {high}")
    return max(low, min(high, int(raw)))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address, handler, display_host: str):
        self.display_host = display_host
        self._slots = threading.BoundedSemaphore(MAX_THREADS)
        super().__init__(address, handler)

    def server_bind(self):
        super().server_bind()
        host, port = self.server_address[:2]
        if self.display_host is None or self.display_host.endswith(":0"):
            shown = f"[{host}]" if ":" in host else host
            self.display_host = f"{shown}:{port}"

    def process_request(self, request, client_address):
        self._slots.acquire()  # at most MAX_THREADS connections served at once
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # a client that left
        print(f"gazetteer serve: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)


def make_server(service: Service, host: str = "127.0.0.1", port: int = 8765) -> _Server:
    """A bound (not yet serving) server; ``server.url`` is the endpoint. Port 0 picks a free port."""
    handler = type("Handler", (_Handler,), {"service": service})
    cls = _Server
    if ":" in host:  # an IPv6 address
        cls = type("Server6", (_Server,), {"address_family": socket.AF_INET6})
    try:
        server = cls((host, port), handler, None)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except (OverflowError, ValueError) as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc}") from None
    server.url = f"http://{server.display_host}/reconcile"
    return server


def run(gz, host: str = "127.0.0.1", port: int = 8765, announce=print) -> None:
    """Serve until interrupted; ``announce`` gets one line with the endpoint's URL."""
    server = make_server(Service(gz), host, port)
    note = ""
    if host not in ("127.0.0.1", "::1", "localhost"):
        note = " (reachable from other machines: the service has no authentication)"
    announce(
        f"reconciliation service at {server.url}{note}; in OpenRefine: Reconcile > Start reconciling > "
        "Add standard service. Ctrl-C stops it."
    )
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
