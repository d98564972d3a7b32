"""``gazetteer serve``: a real reconciliation service on a loopback port, checked against
the JSON schemas of the Reconciliation API 0.2 (vendored in tests/schemas/reconciliation).

Every request goes to 127.0.0.1 and every answer is validated; the candidates are
compared with what the library's lookup gives for the same names.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import ProxyHandler, Request, build_opener

import pytest

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

from .signals import sigint_default  # noqa: E402
from .tabledata import write_table  # noqa: E402

SCHEMAS = Path(__file__).parent / "schemas" / "reconciliation"
# no proxy, whatever the environment says: every request stays on loopback
_opener = build_opener(ProxyHandler({}))


# ---------------------------------------------------------------- schemas
@pytest.fixture(scope="module")
def valid():
    """valid(schema_name, instance): assert the instance validates, offline."""
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}

    def refuse(uri):  # nothing is fetched from the network
        raise LookupError(f"schema {uri} is not vendored")

    registry = Registry(retrieve=refuse).with_resources(
        (s["$id"], Resource.from_contents(s, default_specification=DRAFT7)) for s in schemas.values()
    )
    validators = {}
    for name, schema in schemas.items():
        Draft7Validator.check_schema(schema)
        validators[name] = Draft7Validator(schema, registry=registry)

    def check(name: str, instance) -> None:
        errors = sorted(validators[name].iter_errors(instance), key=lambda e: list(e.path))
        assert not errors, f"{name}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])

    return check


def test_the_vendored_schemas_reject_what_the_spec_calls_invalid(valid):
    """The validator is no rubber stamp: the spec's own invalid examples fail it."""
    with pytest.raises(AssertionError):
        valid("manifest", {"name": "x", "identifierSpace": "a", "schemaSpace": "b"})  # no versions
    with pytest.raises(AssertionError):
        valid("reconciliation-result-batch", {"q0": {"result": [{"name": "x", "score": 1}]}})  # no id
    with pytest.raises(AssertionError):
        valid("data-extension-response", {"meta": [], "rows": {"x": {"p": [{"str": 1}]}}})
    assert (SCHEMAS / "LICENSE.md").is_file() and (SCHEMAS / "README.md").is_file()


# ---------------------------------------------------------------- a server in this process
@pytest.fixture(scope="module")
def server(gz):
    from gazetteer.serve import Service, make_server

    srv = make_server(Service(gz), "127.0.0.1", 0)
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    yield srv.url
    srv.shutdown()
    srv.server_close()
    t.join(5)


class Reply:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def json(self):
        assert self.headers["Content-Type"].startswith("application/json"), self.headers["Content-Type"]
        return json.loads(self.body.decode("utf-8"))

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def call(url: str, *, params: dict | None = None, data: bytes | None = None, headers: dict | None = None) -> Reply:
    assert urlsplit(url).hostname == "127.0.0.1"
    if params:
        url += ("&" if "?" in url else "?") + urlencode(params)
    req = Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with _opener.open(req, timeout=60) as resp:
            return Reply(resp.status, resp.headers, resp.read())
    except HTTPError as exc:
        with exc:
            return Reply(exc.code, exc.headers, exc.read())


def post_form(url: str, **fields) -> Reply:
    body = urlencode({k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()}).encode()
    return call(url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})


def post_json(url: str, payload) -> Reply:
    return call(url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})


def assert_error(reply: Reply, status: int, words: str) -> None:
    assert reply.status == status, (reply.status, reply.body[:300])
    got = reply.json
    assert got["code"] == status and words in got["message"], got
    assert b"Traceback" not in reply.body


# ---------------------------------------------------------------- manifest
def test_manifest(server, valid):
    r = call(server)
    assert r.status == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
    m = r.json
    valid("manifest", m)
    assert "0.2" in m["versions"]
    assert m["name"] and m["identifierSpace"] and m["schemaSpace"]
    types = [t["id"] for t in m["defaultTypes"]]
    assert {"village", "town", "city", "district", "river"} <= set(types)
    port = urlsplit(server).port
    for url in (m["view"]["url"], m["preview"]["url"], m["suggest"]["entity"]["service_url"]):
        assert url.startswith(f"http://127.0.0.1:{port}/reconcile")
    assert m["extend"]["propose_properties"]["service_path"] == "/properties"
    assert m["batchSize"] >= 10


def test_jsonp_on_get(server, valid):
    r = call(server, params={"callback": "jQuery123_cb"})
    assert r.status == 200 and r.headers["Content-Type"].startswith("application/javascript")
    m = re.fullmatch(r"/\*\*/jQuery123_cb\((.*)\);", r.text, re.S)
    assert m
    valid("manifest", json.loads(m.group(1)))
    r = call(server, params={"callback": "cb", "queries": json.dumps({"q0": {"query": "Fizuli"}})})
    got = json.loads(re.fullmatch(r"/\*\*/cb\((.*)\);", r.text, re.S).group(1))
    assert got["q0"]["result"][0]["id"] == "fuzuli"
    assert_error(call(server, params={"callback": "alert(1)//"}), 400, "callback")


def test_cors_preflight(server):
    req = Request(server, method="OPTIONS", headers={"Origin": "http://example.org"})
    with _opener.open(req, timeout=30) as resp:
        assert resp.status == 204
        assert resp.headers["Access-Control-Allow-Origin"] == "*"
        assert "POST" in resp.headers["Access-Control-Allow-Methods"]


# ---------------------------------------------------------------- reconciliation
NAMES = [
    "Fizuli",
    "Gabriel region",
    "Peter Gabriel",
    "Xankəndi",
    "Füzulidə",
    "Ֆիզուլի",
    "Шуша",
    "Stepanakert",
    "Agdam",
    "Hadrut, Khojavend district",
    "Martini",
    "",
]


def batch_of(names, **extra):
    return {f"q{i}": {"query": n, **extra} for i, n in enumerate(names)}


def check_results(results: dict, valid) -> None:
    valid("reconciliation-result-batch", results)
    for res in results.values():
        scores = [c["score"] for c in res["result"]]
        assert scores == sorted(scores, reverse=True), scores  # decreasing, as the spec asks
        assert all(not c["match"] for c in res["result"][1:])  # only the first can be the match
        for c in res["result"]:
            assert c["type"] and c["type"][0]["id"]


def test_candidates_are_what_lookup_gives(server, valid, gz):
    queries = batch_of(NAMES[:-1])
    valid("reconciliation-query-batch", queries)
    got = post_form(server, queries=queries)
    assert got.status == 200
    results = got.json
    check_results(results, valid)
    assert set(results) == set(queries)
    for key, q in queries.items():
        best = gz.lookup(q["query"])
        cands = results[key]["result"]
        if best is None:
            assert cands == [] or not cands[0]["match"], (q, cands)
        else:
            assert cands[0]["id"] == best.id, (q, cands[0])
            expected = [m.id for m in gz.candidates(q["query"], len(cands))]
            assert [c["id"] for c in cands] == expected
    first = {queries[k]["query"]: v["result"][0] if v["result"] else None for k, v in results.items()}
    assert first["Fizuli"]["id"] == "fuzuli" and first["Fizuli"]["match"] is True
    assert first["Gabriel region"]["id"] == "jabrayil_district" and first["Gabriel region"]["match"] is True
    assert first["Peter Gabriel"] is None
    assert first["Xankəndi"]["id"] == "khankendi"
    assert first["Ֆիզուլի"]["id"] == "fuzuli"
    assert first["Fizuli"]["type"] == [{"id": "city", "name": "City"}]
    assert "Fuzuli District" in first["Fizuli"]["description"]


def test_a_name_that_needs_context_is_a_candidate_but_no_match(server, valid):
    res = post_form(server, queries=batch_of(["Gabriel"])).json
    check_results(res, valid)
    assert res["q0"]["result"] and not res["q0"]["result"][0]["match"]


def test_get_form_and_json_bodies_agree(server, valid):
    queries = batch_of(["Fizuli", "Gabriel region", "Peter Gabriel"], limit=3)
    by_form = post_form(server, queries=queries).json
    by_get = call(server, params={"queries": json.dumps(queries)}).json
    by_json = post_json(server, queries).json
    by_wrapped_json = post_json(server, {"queries": queries}).json
    by_json_string = post_json(server, {"queries": json.dumps(queries)}).json
    assert by_form == by_get == by_json == by_wrapped_json == by_json_string
    check_results(by_form, valid)
    assert all(len(r["result"]) <= 3 for r in by_form.values())
    # a batch whose one query id is "queries" is a batch, not a wrapper
    assert post_json(server, {"queries": {"query": "Fizuli"}}).json["queries"]["result"][0]["id"] == "fuzuli"


def test_an_id_as_query_gives_that_place(server, valid):
    res = post_form(server, queries=batch_of(["jabrayil_district", "agdam_khojavend"])).json
    check_results(res, valid)
    assert res["q0"]["result"][0]["id"] == "jabrayil_district"
    assert "agdam_khojavend" in [c["id"] for c in res["q1"]["result"]]


def test_type_constraints(server, valid, gz):
    queries = {
        "v": {"query": "Aghdam", "type": "village"},
        "d": {"query": "Fizuli", "type": ["district"]},
        "vt": {"query": "Aghdam", "type": ["village", "town"], "limit": 10},
        "r": {"query": "Fizuli", "type": "river"},
    }
    valid("reconciliation-query-batch", queries)
    res = post_form(server, queries=queries).json
    check_results(res, valid)
    assert res["v"]["result"] and all(c["type"][0]["id"] == "village" for c in res["v"]["result"])
    assert res["v"]["result"][0]["id"] == gz.lookup("Aghdam", kind="village").id
    assert res["d"]["result"][0]["id"] == "fuzuli_district"
    assert all(c["type"][0]["id"] in ("village", "town") for c in res["vt"]["result"])
    assert res["r"]["result"] == []


def test_property_constraints(server, valid):
    queries = {
        "dist": {"query": "Aghdam", "properties": [{"pid": "district", "v": "Khojavend"}]},
        "dist_az": {"query": "Aghdam", "properties": [{"pid": "district", "v": "Xocavənd rayonu"}]},
        "dist_entity": {
            "query": "Aghdam",
            "properties": [{"pid": "district", "v": {"id": "khojavend_district", "name": "Khojavend District"}}],
        },
        "country_code": {"query": "Fizuli", "properties": [{"pid": "country", "v": "AZ"}]},
        "country_name": {"query": "Fizuli", "properties": [{"pid": "country", "v": ["Armenia", "Georgia"]}]},
        "country_ru": {"query": "Shusha", "properties": [{"pid": "country", "v": "Азербайджан"}]},
        "both": {
            "query": "Fizuli",
            "type": "city",
            "properties": [{"pid": "country", "v": "az"}, {"pid": "district", "v": "Fuzuli District"}],
        },
        "nowhere": {"query": "Fizuli", "properties": [{"pid": "district", "v": "Peter Gabriel"}]},
        "only_properties": {"properties": [{"pid": "country", "v": "AZ"}]},
    }
    valid("reconciliation-query-batch", queries)
    res = post_form(server, queries=queries).json
    check_results(res, valid)
    assert [c["id"] for c in res["dist"]["result"]] == ["agdam_khojavend"]
    assert res["dist_az"]["result"][0]["id"] == "agdam_khojavend"
    assert res["dist_entity"]["result"][0]["id"] == "agdam_khojavend"
    assert res["country_code"]["result"][0]["id"] == "fuzuli"
    assert res["country_name"]["result"] == []  # every Fuzuli is in Azerbaijan
    assert res["country_ru"]["result"][0]["id"] == "shusha"
    assert [c["id"] for c in res["both"]["result"]] == ["fuzuli"]
    assert res["nowhere"]["result"] == []
    assert res["only_properties"]["result"] == []


def test_bad_queries_are_400_with_a_message(server):
    cases = {
        "unknown property": {"q0": {"query": "Fizuli", "properties": [{"pid": "population", "v": 3}]}},
        "'limit' must be": {"q0": {"query": "Fizuli", "limit": 0}},
        "'limit' must be ": {"q0": {"query": "Fizuli", "limit": "5"}},
        "'type' must be": {"q0": {"query": "Fizuli", "type": {"id": "city"}}},
        "'query' must be a string": {"q0": {"query": ["Fizuli"]}},
        "needs 'query'": {"q0": {"type": "city"}},
        "must be a JSON object": {"q0": "Fizuli"},
        "query batch must be": ["Fizuli"],
    }
    for words, batch in cases.items():
        assert_error(post_form(server, queries=batch), 400, words.strip())


# ---------------------------------------------------------------- data extension
def test_property_proposals(server, valid):
    r = call(server + "/properties", params={"type": "village"})
    assert r.status == 200
    got = r.json
    valid("data-extension-property-proposal", got)
    assert got["type"] == "village"
    ids = [p["id"] for p in got["properties"]]
    assert {"lat", "lon", "district", "name_az", "name_ru", "name_hy"} <= set(ids)
    limited = call(server + "/properties", params={"type": "city", "limit": "2"}).json
    valid("data-extension-property-proposal", limited)
    assert len(limited["properties"]) == 2 and limited["limit"] == 2


def test_data_extension(server, valid, gz):
    query = {
        "ids": ["fuzuli", "jabrayil_district", "no_such_place"],
        "properties": [{"id": p} for p in ("lat", "lon", "district", "name_az", "name_ru", "name_hy", "country")],
    }
    valid("data-extension-query", query)
    got = post_form(server, extend=query)
    assert got.status == 200
    ext = got.json
    valid("data-extension-response", ext)
    assert [m["id"] for m in ext["meta"]] == [p["id"] for p in query["properties"]]
    fz = gz.place("fuzuli")
    row = ext["rows"]["fuzuli"]
    assert row["lat"] == [{"float": fz["lat"]}] and row["lon"] == [{"float": fz["lon"]}]
    assert row["district"] == [{"id": "fuzuli_district", "name": "Fuzuli District"}]
    assert row["name_az"] == [{"str": "Füzuli"}] and row["name_ru"] == [{"str": "Физули"}]
    assert row["name_hy"] == [{"str": fz["name_hy"]}] and row["country"] == [{"str": "AZ"}]
    assert ext["rows"]["jabrayil_district"]["district"][0]["id"] == gz.place("jabrayil_district")["parent"]
    assert all(v == [] for v in ext["rows"]["no_such_place"].values())
    # by GET and by a JSON body, the same
    assert call(server, params={"extend": json.dumps(query)}).json == ext
    assert post_json(server, {"extend": query}).json == ext


def test_bad_extension_queries(server):
    assert_error(post_form(server, extend={"ids": ["fuzuli"], "properties": [{"id": "mayor"}]}), 400, "mayor")
    assert_error(post_form(server, extend={"ids": "fuzuli", "properties": []}), 400, "ids")
    assert_error(post_form(server, extend={"ids": ["x"] * 5000, "properties": [{"id": "lat"}]}), 413, "at most")
    assert_error(post_form(server, extend="{"), 400, "not valid JSON")


# ---------------------------------------------------------------- suggest
def test_entity_suggest(server, valid):
    for prefix, expected in (("Fuz", "fuzuli"), ("Fizuli", "fuzuli"), ("Cəbrayıl", "jabrayil"), ("Xank", "khankendi")):
        got = call(server + "/suggest/entity", params={"prefix": prefix}).json
        valid("suggest-entities-response", got)
        ids = [r["id"] for r in got["result"]]
        assert expected in ids, (prefix, ids)
        assert all(r["notable"] and r["description"] for r in got["result"])
    by_id = call(server + "/suggest/entity", params={"prefix": "jabrayil_district"}).json
    assert by_id["result"][0]["id"] == "jabrayil_district"
    page1 = call(server + "/suggest/entity", params={"prefix": "Fuz", "limit": "3"}).json["result"]
    page2 = call(server + "/suggest/entity", params={"prefix": "Fuz", "limit": "3", "cursor": "3"}).json["result"]
    assert len(page1) == 3 and not {r["id"] for r in page1} & {r["id"] for r in page2}
    villages = call(server + "/suggest/entity", params={"prefix": "Agh", "type": "village"}).json
    valid("suggest-entities-response", villages)
    assert villages["result"] and all(r["notable"][0]["id"] == "village" for r in villages["result"])
    assert call(server + "/suggest/entity", params={"prefix": ""}).json == {"result": []}


def test_type_and_property_suggest(server, valid):
    types = call(server + "/suggest/type", params={"prefix": "vil"}).json
    valid("suggest-types-response", types)
    assert types["result"][0]["id"] == "village"
    props = call(server + "/suggest/property", params={"prefix": "dis"}).json
    valid("suggest-properties-response", props)
    assert props["result"][0]["id"] == "district"
    every = call(server + "/suggest/property", params={"prefix": ""}).json
    assert {"country", "district", "lat", "lon", "name_hy"} <= {p["id"] for p in every["result"]}


# ---------------------------------------------------------------- preview
def test_preview_and_view(server):
    r = call(server + "/preview", params={"id": "fuzuli"})
    assert r.status == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert "<h1>Fuzuli</h1>" in r.text and "Füzuli" in r.text and "Fuzuli District" in r.text
    v = call(server + "/view/fuzuli")
    assert v.status == 200 and "Variants" in v.text and "Физули" in v.text
    assert_error(call(server + "/preview", params={"id": "no_such_place"}), 404, "no_such_place")
    assert_error(call(server + "/preview"), 400, "id")


def test_preview_escapes_what_a_table_holds(tmp_path, cache_dir):
    from gazetteer import Gazetteer
    from gazetteer.serve import Service

    name = 'Evil <script>alert("x")</script> & Co'
    path = write_table(
        tmp_path / "evil",
        ['evil_town,"' + name.replace('"', '""') + '",town,AZ,,39.7,46.9,,test:9,,,<b>bold</b>,,'],
        variants=[],
    )
    svc = Service(Gazetteer.load([path], replace=True))
    page = svc.preview("evil_town", full=True)
    assert "<script>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page
    hit = svc.reconcile({"q": {"query": name}})["q"]["result"][0]
    assert hit["name"] == name  # JSON carries the name as it is; JSON encoding is the escaping


# ---------------------------------------------------------------- hostile requests
def test_malformed_and_oversized_requests(server):
    assert_error(post_form(server, queries="{not json"), 400, "not valid JSON")
    assert_error(call(server, params={"queries": '{"q0": '}), 400, "not valid JSON")
    assert_error(
        call(server, data=b'{"q0": {"query": ', headers={"Content-Type": "application/json"}), 400, "not valid JSON"
    )
    assert_error(post_form(server, queries="[" * 100_000 + "]" * 100_000), 400, "JSON")
    # 10,000 queries in one batch: refused whole, before any lookup
    big = {f"q{i}": {"query": "Fizuli"} for i in range(10_000)}
    assert_error(post_form(server, queries=big), 413, "10000 queries")
    assert_error(post_json(server, big), 413, "batchSize")
    # huge strings: a 200,000-character name; a body over the limit
    assert_error(post_form(server, queries={"q0": {"query": "Fizuli" * 40_000}}), 400, "characters")
    from gazetteer.serve import MAX_BODY

    assert_error(post_form(server, queries={"q0": {"query": "x" * (MAX_BODY + 10)}}), 413, "bytes")
    assert_error(
        call(server, data=b"queries=%ff%fe", headers={"Content-Type": "application/x-www-form-urlencoded"}), 400, ""
    )
    assert_error(call(server, data=b"\xff\xfe", headers={"Content-Type": "application/json"}), 400, "UTF-8")
    assert_error(call(server, data=b"<x/>", headers={"Content-Type": "text/xml"}), 415, "Content-Type")
    assert_error(call(server, data=b"nothing=here"), 400, "queries")
    # unknown paths and methods
    assert_error(call(server.replace("/reconcile", "/nope")), 404, "no such endpoint")
    assert_error(call(server + "/suggest/flyout", params={"prefix": "x"}), 404, "suggest")
    assert_error(call(server + "/preview?id=fuzuli", data=b"x=1"), 405, "GET only")
    assert_error(call(server + "/suggest/entity", params={"prefix": "Fuz", "cursor": "-1"}), 400, "cursor")
    # the service is still there, and answers as before
    assert call(server).status == 200


def test_raw_protocol_garbage(server):
    """Requests no HTTP client would send: an error status or a closed connection, never a hang or a traceback."""
    host, port = urlsplit(server).hostname, urlsplit(server).port
    probes = [  # (request, the status expected: None for an HTTP/0.9 answer, which has no status line)
        (b"GARBAGE\r\n\r\n", None),
        (b"GET /reconcile HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 200),  # a GET reads no body
        (b"POST /reconcile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n", 400),
        (b"POST /reconcile HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 411),
        (
            b"POST /reconcile HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            411,
        ),
        (b"POST /reconcile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999\r\n\r\nqueries=", 413),
        (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET /reconcile HTTP/1.1\r\nHost: <script>\r\n\r\n", 200),  # not echoed into the manifest
        (b"GET /reconcile HTTP/1.1\r\n" + b"X: y\r\n" * 200 + b"\r\n", 431),
    ]
    for probe, expected in probes:
        with socket.create_connection((host, port), timeout=10) as s:
            s.sendall(probe)
            s.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
        status = int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/") else None
        assert status == expected, (probe[:80], reply[:300])
        body = reply.partition(b"\r\n\r\n")[2] if status else reply
        if expected != 200:
            assert json.loads(body)["code"] == (expected or 400), body
        assert b"Traceback" not in reply and b"<script>" not in reply
    assert call(server).status == 200


# ---------------------------------------------------------------- many clients at once
def test_concurrent_clients_are_all_served(server, valid, gz):
    """A bounded load test on loopback: 8 threads x 25 requests (batches, suggest, extend, preview)."""
    expected = {n: (m.id if (m := gz.lookup(n)) else None) for n in NAMES}
    failures: list[str] = []
    served = []
    latencies: list[float] = []
    lock = threading.Lock()

    def client(t: int) -> None:
        for i in range(25):
            start = time.perf_counter()
            kind = (t + i) % 4
            try:
                if kind == 0:
                    names = [NAMES[(t + i + k) % len(NAMES)] for k in range(10)]
                    r = post_form(server, queries=batch_of(names))
                    res = r.json
                    valid("reconciliation-result-batch", res)
                    for k, n in enumerate(names):
                        got = res[f"q{k}"]["result"]
                        if (got[0]["id"] if got else None) != expected[n] and expected[n] is not None:
                            failures.append(f"{n}: {got[:1]}")
                elif kind == 1:
                    r = call(server + "/suggest/entity", params={"prefix": ["Fuz", "Xan", "Şuş", "Agd"][i % 4]})
                    valid("suggest-entities-response", r.json)
                elif kind == 2:
                    r = post_form(server, extend={"ids": ["fuzuli", "shusha"], "properties": [{"id": "lat"}]})
                    valid("data-extension-response", r.json)
                else:
                    r = call(server + "/preview", params={"id": "khankendi"})
                    assert "Khankendi" in r.text
                assert r.status == 200
            except Exception as exc:  # collected, reported below
                failures.append(f"thread {t} request {i}: {type(exc).__name__}: {exc}")
                continue
            with lock:
                served.append((t, i))
                latencies.append(time.perf_counter() - start)

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    wall = time.perf_counter() - began
    assert not failures, failures[:5]
    assert len(served) == 200
    latencies.sort()
    print(
        f"\nload: 200 requests from 8 threads in {wall:.2f} s ({200 / wall:.0f} req/s); "
        f"median {latencies[100] * 1000:.1f} ms, p95 {latencies[190] * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms"
    )


# ---------------------------------------------------------------- the CLI, as a process
def _start(cli_env, *args):
    # (PYTHONFAULTHANDLER: a server that does not stop is sent SIGABRT by _stop, and its
    # threads' stacks come out on stderr, in the failure's message)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "serve", "--port", "0", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**cli_env, "PYTHONFAULTHANDLER": "1"},
        preexec_fn=sigint_default,  # (Ctrl-C reaches it even when the tests run in the background)
    )
    line = proc.stderr.readline().decode("utf-8", "replace")
    m = re.search(r"http://127\.0\.0\.1:\d+/reconcile", line)
    assert m, line + proc.stderr.read().decode("utf-8", "replace") if proc.poll() is not None else line
    rest: list[bytes] = []
    drain = threading.Thread(target=lambda: rest.extend(proc.stderr), daemon=True)  # never blocks the server
    drain.start()
    return proc, m.group(0), rest, drain


def _stop(proc, signum) -> None:
    """Send ``signum`` and wait for the server to exit; one that has not exited in 30 s is
    sent SIGABRT, so that its threads' stacks (PYTHONFAULTHANDLER) tell the failure why."""
    proc.send_signal(signum)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def test_the_serve_command(cli_env, gz, valid):
    proc, url, rest, drain = _start(cli_env)
    try:
        valid("manifest", call(url).json)
        res = post_form(url, queries=batch_of(["Fizuli", "Gabriel region", "Peter Gabriel"])).json
        valid("reconciliation-result-batch", res)
        assert [r["result"][0]["id"] if r["result"] else None for r in res.values()] == [
            "fuzuli",
            "jabrayil_district",
            None,
        ]
        assert_error(post_form(url, queries="{"), 400, "JSON")
        # a second server on the same port: a message, exit 2, no traceback
        port = str(urlsplit(url).port)
        other = subprocess.run(
            [sys.executable, "-m", "gazetteer", "serve", "--port", port],
            capture_output=True,
            env=cli_env,
            timeout=120,
        )
        assert other.returncode == 2 and b"cannot listen on 127.0.0.1:" + port.encode() in other.stderr
        assert b"Traceback" not in other.stderr
    finally:
        _stop(proc, signal.SIGINT)
    drain.join(10)
    err = b"".join(rest).decode("utf-8", "replace")
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert proc.stdout.read() == b""


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM")
def test_serve_stops_on_sigterm_and_serves_a_user_table(cli_env, tmp_path):
    path = write_table(tmp_path / "t")
    proc, url, rest, drain = _start(cli_env, "--places", str(path), "--no-bundled")
    try:
        res = post_form(url, queries=batch_of(["Testabadə", "Fizuli"])).json
        assert res["q0"]["result"][0]["id"] == "testabad" and res["q1"]["result"] == []
        types = [t["id"] for t in call(url).json["defaultTypes"]]
        assert types == ["town", "village", "district"]
    finally:
        _stop(proc, signal.SIGTERM)
    drain.join(10)
    err = b"".join(rest).decode("utf-8", "replace")
    assert proc.returncode == 143 and "Traceback" not in err, err


def test_docstring_examples(cache_dir):
    import doctest

    import gazetteer.serve

    result = doctest.testmod(gazetteer.serve, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
