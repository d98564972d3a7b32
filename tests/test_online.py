"""The optional online fallback, against a fake Nominatim on 127.0.0.1 (no internet)."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from gazetteer.errors import GazetteerError, UsageError
from gazetteer.online import OnlineError, OnlineGeocoder, OnlineTimeoutError, match_from_online

AGENT = "gazetteer-tests/0.1 (tests@example.org)"

SHUSHA = {
    "place_id": 123,
    "licence": "Data (c) OpenStreetMap contributors, ODbL 1.0",
    "osm_type": "relation",
    "osm_id": 7415372,
    "lat": "39.7597",
    "lon": "46.7475",
    "class": "place",
    "type": "town",
    "addresstype": "town",
    "name": "Shusha",
    "display_name": "Shusha, Shusha District, Azerbaijan",
    "importance": 0.55,
    "address": {"town": "Shusha", "county": "Shusha District", "country": "Azerbaijan", "country_code": "az"},
}


class FakeNominatim:
    """Answers ``/search`` like Nominatim; ``mode`` is "ok", "error" or "slow"."""

    def __init__(self):
        self.requests: list[dict] = []
        self.mode = "ok"
        self.status = 503
        self.sleep = 0.0
        self.places = {"shusha": [SHUSHA]}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                url = urlparse(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                fake.requests.append(
                    {"path": url.path, "params": params, "agent": self.headers.get("User-Agent"), "t": time.monotonic()}
                )
                if fake.mode == "slow":
                    time.sleep(fake.sleep)
                if fake.mode == "error":
                    self._send(fake.status, b'{"error": "overloaded"}')
                    return
                if url.path != "/search":
                    self._send(404, b"[]")
                    return
                body = fake.places.get(params.get("q", "").casefold(), [])
                self._send(200, json.dumps(body).encode())

            def _send(self, status, body):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up (timeout test)
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def searches(self) -> int:
        return sum(1 for r in self.requests if r["path"] == "/search")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server():
    fake = FakeNominatim()
    yield fake
    fake.close()


@pytest.fixture
def online_cache(tmp_path, monkeypatch):
    """A fresh GAZETTEER_CACHE per test, so online answers never leak between tests."""
    monkeypatch.setenv("GAZETTEER_CACHE", str(tmp_path))
    return tmp_path


def make(server, **kw):
    opts = {
        "user_agent": AGENT,
        "domain": f"127.0.0.1:{server.port}",
        "scheme": "http",
        "min_delay_seconds": 0.0,
        "timeout": 2,
        "max_retries": 0,
        "error_wait_seconds": 0.0,
    }
    opts.update(kw)
    return OnlineGeocoder("nominatim", **opts)


def test_found_name(server, online_cache):
    geo = make(server)
    r = geo.geocode("Shusha")
    assert r is not None
    assert r["name"] == "Shusha" and r["query"] == "Shusha"
    assert r["lat"] == pytest.approx(39.7597) and r["lon"] == pytest.approx(46.7475)
    assert r["method"] == "online" and r["provider"] == "nominatim"
    assert (r["osm_type"], r["osm_id"], r["class"], r["type"]) == ("relation", "7415372", "place", "town")
    assert r["cached"] is False
    req = server.requests[0]
    assert req["path"] == "/search" and req["params"]["q"] == "Shusha" and req["params"]["format"] == "json"
    assert req["agent"] == AGENT
    # The cache file is where the brief says, and a second ask is answered from it.
    assert (online_cache / "online-nominatim.sqlite").exists()
    again = geo.geocode("  shusha ")
    assert again["cached"] is True and again["query"] == "shusha" and again["lat"] == r["lat"]
    assert server.searches() == 1


def test_match_from_online(server, online_cache):
    r = make(server).geocode("Shusha")
    m = match_from_online("Shusha", r)
    assert m.id == "online:relation/7415372"
    assert (m.name, m.kind, m.country, m.district) == ("Shusha", "town", "AZ", "Shusha District")
    assert (m.method, m.score, m.needs_context, m.cue) == ("online", 50, False, None)
    assert m.lat == pytest.approx(39.7597) and m.matched_variant == "Shusha"
    assert m.to_dict()["method"] == "online"
    # Without OSM ids the id is a stable hash.
    bare = {"name": "X", "lat": 1.0, "lon": 2.0, "provider": "nominatim"}
    a, b = match_from_online("X", bare), match_from_online("X", dict(bare))
    assert a.id == b.id and a.id.startswith("online:") and len(a.id) == len("online:") + 12
    assert a.kind == "unknown" and a.country == "" and a.district is None


def test_unknown_name_is_none_and_cached(server, online_cache):
    geo = make(server)
    assert geo.geocode("Nowhereville") is None
    assert geo.geocode("Nowhereville") is None
    assert geo.geocode("NOWHEREVILLE") is None  # same normalised key
    assert server.searches() == 1
    assert geo.cached("nowhereville") == (True, None)
    assert geo.requests_made == 1


def test_cache_persists_across_instances(server, online_cache):
    first = make(server)
    assert first.geocode("Shusha")["cached"] is False
    assert first.geocode("Atlantis") is None
    first.close()
    second = make(server)  # a new run, same $GAZETTEER_CACHE
    r = second.geocode("Shusha")
    assert r["cached"] is True and r["name"] == "Shusha"
    assert second.geocode("Atlantis") is None
    assert server.searches() == 2 and second.requests_made == 0


def test_explicit_cache_path(server, tmp_path):
    path = tmp_path / "sub" / "mine.sqlite"
    make(server, cache_path=path).geocode("Shusha")
    assert path.exists()
    assert make(server, cache_path=path).geocode("Shusha")["cached"] is True
    assert server.searches() == 1


@pytest.mark.parametrize("status", [500, 503])
def test_error_status_raises_after_retries(server, online_cache, status):
    server.mode, server.status = "error", status
    geo = make(server, max_retries=2, error_wait_seconds=0.01)
    with pytest.raises(OnlineError) as info:
        geo.geocode("Shusha")
    assert server.searches() == 3  # 1 + 2 retries
    msg = str(info.value)
    assert f"HTTP {status}" in msg and "3 attempts" in msg and "\n" not in msg
    assert isinstance(info.value, GazetteerError) and isinstance(info.value, ConnectionError)
    assert not isinstance(info.value, OnlineTimeoutError)
    # Failures are not cached: once the service is back, the name is asked again.
    server.mode = "ok"
    assert geo.geocode("Shusha")["name"] == "Shusha"
    assert server.searches() == 4


def test_slow_answer_times_out(server, online_cache):
    server.mode, server.sleep = "slow", 0.6
    geo = make(server, timeout=0.2, max_retries=1, error_wait_seconds=0.01)
    t0 = time.monotonic()
    with pytest.raises(OnlineError) as info:
        geo.geocode("Shusha")
    assert time.monotonic() - t0 < 2.0
    assert isinstance(info.value, OnlineTimeoutError) and isinstance(info.value, TimeoutError)
    msg = str(info.value)
    assert "timed out" in msg and "0.2 s" in msg and "2 attempts" in msg and "\n" not in msg
    assert server.searches() == 2


def test_rate_limit_respected(server, online_cache):
    geo = make(server, min_delay_seconds=0.2)
    t0 = time.monotonic()
    geo.geocode("Shusha")
    geo.geocode("Atlantis")
    assert time.monotonic() - t0 >= 0.2
    times = [r["t"] for r in server.requests]
    assert len(times) == 2 and times[1] - times[0] >= 0.19
    # Cached answers do not wait: they never reach the rate limiter or the server
    # (asserted on the request count, which a loaded machine cannot make flaky).
    t1 = time.monotonic()
    geo.geocode("Shusha")
    geo.geocode("Atlantis")
    assert len(server.requests) == 2
    assert time.monotonic() - t1 < 0.2


def test_rate_limit_across_instances(server, online_cache):
    # Two processes (here: instances) sharing the cache keep the delay between them too.
    make(server, min_delay_seconds=0.2).geocode("Shusha")
    make(server, min_delay_seconds=0.2).geocode("Atlantis")
    times = [r["t"] for r in server.requests]
    assert len(times) == 2 and times[1] - times[0] >= 0.15


def test_country_codes_are_sent_and_keyed(server, online_cache):
    geo = make(server, country_codes="az, am")
    geo.geocode("Shusha")
    assert server.requests[0]["params"]["countrycodes"] == "az,am"
    make(server).geocode("Shusha")  # unrestricted: a different question
    assert server.searches() == 2


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "   ",
        None,
        "my-application",
        "My-Application",
        "geopy/2.4.1",
        "gazetteer/0.1.0",
        "specify_your_app_name_here",
    ],
)
def test_placeholder_user_agent_refused(agent, online_cache):
    with pytest.raises(UsageError) as info:
        OnlineGeocoder(user_agent=agent)
    msg = str(info.value)
    assert "user agent" in msg and "\n" not in msg


def test_geopy_default_agent_refused(online_cache):
    from geopy.geocoders.base import _DEFAULT_USER_AGENT

    with pytest.raises(UsageError):
        OnlineGeocoder(user_agent=_DEFAULT_USER_AGENT)


def test_bad_options(online_cache):
    with pytest.raises(UsageError, match="unknown geocoder"):
        OnlineGeocoder("googlev3", user_agent=AGENT)
    with pytest.raises(UsageError):
        OnlineGeocoder(user_agent=AGENT, scheme="ftp")
    geo = OnlineGeocoder(user_agent=AGENT, domain="http://127.0.0.1:9/nominatim/search/")
    assert geo.domain == "127.0.0.1:9/nominatim"


def test_constructing_does_not_connect(online_cache, monkeypatch):
    def no_socket(*a, **k):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", no_socket)
    geo = OnlineGeocoder(user_agent=AGENT)
    assert geo.domain == "nominatim.openstreetmap.org"
    assert geo.geocode("   ") is None


def test_core_lookup_stays_offline(gz, monkeypatch):
    from gazetteer import Gazetteer

    # ``gz`` (conftest) has compiled the index into the session cache before the network is cut.
    for mod in [m for m in sys.modules if m == "geopy" or m.startswith("geopy.")]:
        monkeypatch.delitem(sys.modules, mod)

    def no_socket(*a, **k):
        raise AssertionError("gazetteer opened a socket")

    monkeypatch.setattr(socket, "socket", no_socket)
    monkeypatch.setattr(socket, "create_connection", no_socket)
    assert gz.lookup("Qwertyuiopville Xyzzy") is None
    assert gz.candidates("Zzzqqq Nowhere") == []
    assert Gazetteer.load().lookup("Peter Gabriel") is None
    assert "geopy.geocoders" not in sys.modules
