"""The online fallback against hostile or odd servers, all on loopback (127.0.0.1 and
127.0.0.2, never another address): drip-fed and oversized answers, redirects to
another host, answers of one server served for another, the request rate across
processes, the modes of the files that hold the query history, and answers that
are not what Nominatim sends. Every server loop is bounded in bytes and in time."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from gazetteer.online import OnlineError, OnlineGeocoder, OnlineTimeoutError

from .test_online import SHUSHA, FakeNominatim

AGENT = "gazetteer-tests"
MiB = 1024 * 1024
_PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    """Requests go straight to the loopback servers, whatever the environment says."""
    for var in _PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")


class Server:
    """A loopback HTTP server whose every GET is answered by ``behaviour(server, handler, query)``.

    It counts requests and the body bytes it managed to write before the client
    hung up (``sent``); ``stop`` ends any drip or stream loop still running.
    """

    def __init__(self, behaviour, host="127.0.0.1"):
        self.behaviour = behaviour
        self.requests: list[dict] = []
        self.sent = 0
        self.stop = threading.Event()
        srv = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self):  # noqa: N802 (http.server's name)
                url = urlparse(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                srv.requests.append({"path": url.path, "params": params, "t": time.monotonic()})
                try:
                    srv.behaviour(srv, self, params.get("q", ""))
                except OSError:  # the client hung up: what we want it to do
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.host = host
        self.port = self.server.server_address[1]
        self.url = f"http://{host}:{self.port}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def servers():
    made: list[Server] = []

    def make_server(behaviour, host="127.0.0.1"):
        made.append(Server(behaviour, host))
        return made[-1]

    yield make_server
    for s in made:
        s.close()


def send_json(handler, body, status=200):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def geocoder(server, tmp_path, **kw):
    opts = {
        "user_agent": AGENT,
        "domain": f"{server.host}:{server.port}",
        "scheme": "http",
        "min_delay_seconds": 0.0,
        "timeout": 2,
        "max_retries": 0,
        "error_wait_seconds": 0.0,
        "cache_path": tmp_path / "online.sqlite",
    }
    opts.update(kw)
    return OnlineGeocoder("nominatim", **opts)


def place(name, lat, lon, osm_id=1):
    return dict(SHUSHA, name=name, lat=str(lat), lon=str(lon), osm_id=osm_id, display_name=name)


# ------------------------------------------------------------------ the CLI
@pytest.fixture
def cli_cache(tmp_path, gz, cache_dir):
    """A fresh GAZETTEER_CACHE (so no online answer leaks in) with the compiled index copied in."""
    d = tmp_path / "cli-cache"
    d.mkdir(mode=0o700)
    for f in cache_dir.glob("index-*.sqlite"):
        shutil.copy2(f, d / f.name)
    return d


def lookup_cmd(url, *names):
    return [sys.executable, "-m", "gazetteer", "lookup", "--online", "--geocoder-url", url]\
        + ["--user-agent", AGENT, "--format", "jsonl", *names]  # fmt: skip


def cli_env(cache):
    env = {k: v for k, v in os.environ.items() if k not in _PROXY_VARS and k != "GAZETTEER_PLACES"}
    env.update(GAZETTEER_CACHE=str(cache), PYTHONIOENCODING="utf-8", no_proxy="*")
    return env


def run_lookup(cache, url, *names, timeout=60):
    return subprocess.run(lookup_cmd(url, *names), capture_output=True, env=cli_env(cache), timeout=timeout)


def assert_one_line_per_failure(proc, names):
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.splitlines()
    assert len(lines) == len(names), err
    for line, name in zip(lines, names):
        assert line.startswith(f"gazetteer: {name}: online geocoder: "), line


# ------------------------------------------------------------------ 1. drip feed
def drip(where):
    def behaviour(srv, handler, query):
        w = handler.wfile
        if where == "headers":
            w.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
        else:
            w.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n[")
        t0 = time.monotonic()
        for _ in range(40):  # at most 40 bytes, 8 s
            if srv.stop.wait(0.2) or time.monotonic() - t0 > 8:
                return
            w.write(b" ")

    return behaviour


@pytest.mark.parametrize("where", ["headers", "body"])
def test_drip_fed_answer_stops_at_the_deadline(servers, tmp_path, where):
    server = servers(drip(where))
    # The socket timeout (2 s) never fires: a byte comes every 0.2 s. The deadline does.
    geo = geocoder(server, tmp_path, deadline=1.0, max_retries=2, error_wait_seconds=0.01)
    t0 = time.monotonic()
    with pytest.raises(OnlineTimeoutError) as info:
        geo.geocode("Ghostly Hamletsk")
    took = time.monotonic() - t0
    assert 0.9 <= took < 3.0, took
    msg = str(info.value)
    assert "1 s" in msg and "deadline" in msg and "\n" not in msg
    assert len(server.requests) == 1  # not retried: it would likely take as long again


def test_deadline_is_checked(tmp_path):
    with pytest.raises(ValueError):
        OnlineGeocoder(user_agent=AGENT, deadline=0, cache_path=tmp_path / "x.sqlite")
    assert OnlineGeocoder(user_agent=AGENT, cache_path=tmp_path / "x.sqlite").deadline == 10.0


# ------------------------------------------------------------------ 2. size cap
def stream(total, declare_length):
    def behaviour(srv, handler, query):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if declare_length:
            handler.send_header("Content-Length", str(total))
        handler.end_headers()
        chunk = b"[" + b" " * (64 * 1024 - 1)
        t0 = time.monotonic()
        while srv.sent < total and time.monotonic() - t0 < 15:
            handler.wfile.write(chunk)
            srv.sent += len(chunk)
            chunk = b" " * len(chunk)

    return behaviour


@pytest.mark.parametrize("declare_length", [False, True], ids=["streamed", "declared"])
def test_oversized_answer_is_cut_off_early(servers, tmp_path, declare_length):
    server = servers(stream(64 * MiB, declare_length))
    geo = geocoder(server, tmp_path, max_response_bytes=256 * 1024, max_retries=2, error_wait_seconds=0.01)
    with pytest.raises(OnlineError) as info:
        geo.geocode("Ghostly Hamletsk")
    msg = str(info.value)
    assert "larger than" in msg and "\n" not in msg
    assert len(server.requests) == 1  # an oversized answer is not asked again
    time.sleep(0.2)  # let the server notice the hang-up
    assert server.sent < 16 * MiB, server.sent


def test_cli_oversized_answer_is_one_line_and_lookup_goes_on(servers, cli_cache):
    server = servers(stream(64 * MiB, False))
    proc = run_lookup(cli_cache, server.url, "Ghostly Hamletsk", "Shusha")
    assert proc.returncode == 1
    assert_one_line_per_failure(proc, ["Ghostly Hamletsk"])
    assert b"larger than 2 MB" in proc.stderr
    recs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["query"] for r in recs] == ["Ghostly Hamletsk", "Shusha"]
    assert recs[0]["id"] is None and recs[1]["method"] == "exact"
    assert len(server.requests) == 1
    time.sleep(0.2)
    assert server.sent < 24 * MiB, server.sent


# ------------------------------------------------------------------ 3. redirects
def redirect_to(target):
    def behaviour(srv, handler, query):
        handler.send_response(302)
        handler.send_header("Location", target() + handler.path)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return behaviour


def answer(places):
    def behaviour(srv, handler, query):
        send_json(handler, places.get(query.casefold(), []))

    return behaviour


@pytest.mark.parametrize("other_host", ["127.0.0.1", "127.0.0.2"], ids=["other-port", "other-host"])
def test_redirect_to_another_host_is_not_followed(servers, tmp_path, other_host):
    other = servers(answer({"ghostly hamletsk": [place("Elsewhere", 1.0, 2.0)]}), host=other_host)
    server = servers(redirect_to(lambda: other.url))
    geo = geocoder(server, tmp_path, max_retries=2, error_wait_seconds=0.01)
    with pytest.raises(OnlineError) as info:
        geo.geocode("Ghostly Hamletsk")
    msg = str(info.value)
    assert "redirect" in msg and f"{other_host}:{other.port}" in msg and "\n" not in msg
    assert other.requests == []
    assert len(server.requests) == 1  # not retried
    assert geo.cached("Ghostly Hamletsk") == (False, None)


def test_redirect_within_the_same_server_is_followed(servers, tmp_path):
    def behaviour(srv, handler, query):
        if handler.path.startswith("/search"):
            handler.send_response(301)
            handler.send_header("Location", "/v2" + handler.path)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        else:
            send_json(handler, [place("Ghostly Hamletsk", 40.0, 46.0)])

    server = servers(behaviour)
    r = geocoder(server, tmp_path).geocode("Ghostly Hamletsk")
    assert r["name"] == "Ghostly Hamletsk" and r["lat"] == 40.0
    assert [q["path"] for q in server.requests] == ["/search", "/v2/search"]


# ------------------------------------------------------------------ 4. cache key
def test_cache_is_keyed_by_server(servers, tmp_path):
    a = servers(answer({"ghostly hamletsk": [place("Ghostly Hamletsk", 40.0, 46.0)]}))
    b = servers(answer({"ghostly hamletsk": [place("Ghostly Hamletsk", 41.0, 47.0)]}))
    ra = geocoder(a, tmp_path).geocode("Ghostly Hamletsk")
    rb = geocoder(b, tmp_path).geocode("Ghostly Hamletsk")
    assert (ra["lat"], ra["cached"]) == (40.0, False)
    assert (rb["lat"], rb["cached"]) == (41.0, False)
    again = geocoder(a, tmp_path).geocode("ghostly  hamletsk")
    assert (again["lat"], again["cached"]) == (40.0, True)
    # Another path on the same host is another service too.
    c = geocoder(a, tmp_path, domain=f"127.0.0.1:{a.port}/other")
    assert c.cached("Ghostly Hamletsk") == (False, None)
    assert len(a.requests) == 1 and len(b.requests) == 1


# ------------------------------------------------------------------ 5. rate across processes
def test_rate_limit_holds_across_cli_processes(cli_cache):
    fake = FakeNominatim()
    try:
        names = [f"Ghostly Hamlet {c}" for c in "ABCD"]
        for i, name in enumerate(names):
            fake.places[name.casefold()] = [place(name, 40.0 + i, 46.0, osm_id=100 + i)]
        env = cli_env(cli_cache)
        url = f"http://127.0.0.1:{fake.port}"
        procs = [
            subprocess.Popen(lookup_cmd(url, name), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for name in names
        ]
        outs = []
        for p in procs:
            try:
                outs.append(p.communicate(timeout=60))
            finally:
                p.kill()
        assert [p.returncode for p in procs] == [0, 0, 0, 0], [o[1] for o in outs]
        times = sorted(r["t"] for r in fake.requests)
        assert len(times) == 4
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert min(gaps) >= 0.9, gaps
    finally:
        fake.close()


def test_the_same_name_asked_at_once_is_asked_of_the_server_once(servers, tmp_path):
    def slow(srv, handler, query):
        srv.stop.wait(0.3)
        send_json(handler, [place("Ghostly Hamletsk", 40.0, 46.0)])

    server = servers(slow)
    results = []

    def ask():  # a separate instance, as another process would have
        results.append(geocoder(server, tmp_path, min_delay_seconds=0.05).geocode("Ghostly Hamletsk"))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert len(server.requests) == 1
    assert sorted(r["cached"] for r in results) == [False, True]
    assert {r["lat"] for r in results} == {40.0}


# ------------------------------------------------------------------ 6. file modes
def test_cache_and_lock_files_are_private(servers, tmp_path):
    server = servers(answer({"ghostly hamletsk": [place("Ghostly Hamletsk", 40.0, 46.0)]}))
    old = os.umask(0o022)
    try:
        geo = geocoder(server, tmp_path, min_delay_seconds=0.05)
        geo.geocode("Ghostly Hamletsk")
        geo.close()
        # A cache written by an older version, open to all, is closed on the next run.
        legacy = tmp_path / "legacy.sqlite"
        legacy.touch(mode=0o644)
        os.chmod(legacy, 0o644)
        geocoder(server, tmp_path, cache_path=legacy).geocode("Ghostly Hamletsk")
    finally:
        os.umask(old)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "online.sqlite" in files and any(n.startswith("online.sqlite") and n.endswith(".lock") for n in files)
    for p in tmp_path.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, (p.name, oct(p.stat().st_mode))


# ------------------------------------------------------------------ answers that are not Nominatim's
HOSTILE = {
    "ghost list": b"[1, 2]",
    "ghost object": b'{"lat": "40", "lon": "46"}',
    "ghost nonsense": b"<html>not json</html>",
    "ghost coordinates": json.dumps([{"lat": "north", "lon": "east", "display_name": "x"}]).encode(),
    "ghost nan": json.dumps([{"lat": "nan", "lon": "46", "display_name": "x"}]).encode(),
    "ghost depth": b"[" * 100_000 + b"]" * 100_000,
    "ghost charset": b"[]",
}


def odd(srv, handler, query):
    body = HOSTILE.get(query.casefold(), b"[]")
    handler.send_response(200)
    kind = "application/json; charset=no-such-charset" if query.casefold() == "ghost charset" else "application/json"
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_odd_answer_is_a_one_line_online_error(servers, tmp_path, name):
    server = servers(odd)
    geo = geocoder(server, tmp_path, max_retries=2, error_wait_seconds=0.01)
    with pytest.raises(OnlineError) as info:
        geo.geocode(name)
    assert "\n" not in str(info.value) and name in str(info.value)
    assert len(server.requests) == 1  # the same question would get the same answer
    assert geo.cached(name) == (False, None)


def test_cli_odd_answers_are_one_line_each_and_lookup_goes_on(servers, cli_cache):
    server = servers(odd)
    names = ["Ghost List", "Ghost Depth"]
    proc = run_lookup(cli_cache, server.url, *names, "Shusha")
    assert proc.returncode == 1
    assert_one_line_per_failure(proc, names)
    recs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["query"] for r in recs] == [*names, "Shusha"]
    assert recs[0]["id"] is None and recs[-1]["method"] == "exact"


def test_unreadable_cache_is_a_one_line_online_error(servers, tmp_path):
    # The CLI goes on with the next name after an OnlineError; a UsageError ended the run.
    server = servers(answer({}))
    (tmp_path / "online.sqlite").write_bytes(b"not a database, " * 512)
    with pytest.raises(OnlineError) as info:
        geocoder(server, tmp_path).geocode("Ghostly Hamletsk")
    assert "online cache" in str(info.value) and "\n" not in str(info.value)
    assert server.requests == []
