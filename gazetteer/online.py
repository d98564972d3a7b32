"""Optional online fallback: ask a geocoding service (Nominatim) for a name the table lacks.

Off by default. Nothing here runs, and geopy is not imported, until an
:class:`OnlineGeocoder` is constructed; ``Gazetteer.lookup`` never calls it.

Every answer, found or not, is kept in an SQLite cache (``online-<provider>.sqlite``
in ``$GAZETTEER_CACHE`` or ``~/.cache/gazetteer``, mode 0600), keyed by server and
query, so a name is asked once of a server, also across runs. Requests are spaced
``min_delay_seconds`` apart (Nominatim's public service allows one per second) across
the threads and processes sharing a cache, by a lock file beside it. Each request
has a total deadline (10 s), a size cap on the answer (2 MB) and follows redirects
only within the same server. Results are returned to the caller; they never change
the place table.

>>> OnlineGeocoder(user_agent="my-application")
Traceback (most recent call last):
...
gazetteer.errors.UsageError: user agent 'my-application' is a placeholder; ...
>>> match_from_online("Shusha", {"name": "Shusha", "lat": 39.76, "lon": 46.75,
...     "osm_type": "relation", "osm_id": 1, "class": "place", "type": "town"})[1:4]
('online:relation/1', 'Shusha', 'town')
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import sqlite3
import threading
import time
import unicodedata
from pathlib import Path

from .errors import GazetteerError, UsageError

try:
    import fcntl
except ImportError:  # Windows: the time of the last request is kept, but not locked
    fcntl = None

__all__ = ["OnlineGeocoder", "OnlineError", "OnlineTimeoutError", "PROVIDERS", "match_from_online", "normalise_query"]

#: Services that can be used; each needs no API key and answers Nominatim's JSON.
PROVIDERS = ("nominatim",)

_DEFAULT_DOMAINS = {"nominatim": "nominatim.openstreetmap.org"}

#: Seconds one request may take in all, connecting to last byte (redirects included).
DEFAULT_DEADLINE = 10.0
#: The largest answer read (Nominatim's are a few KB); a larger one is abandoned.
DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024

# Sample or placeholder agents (geopy refuses its own default and its documentation's
# samples for the public Nominatim; we refuse them for every server).
_PLACEHOLDER_AGENTS = {
    "my-application",
    "my_application",
    "myapplication",
    "my-app",
    "my_app",
    "myapp",
    "my-application-name",
    "your-app",
    "your_app",
    "yourapp",
    "your-application",
    "app",
    "application",
    "specify_your_app_name_here",
    "specify-your-app-name-here",
    "user-agent",
    "user_agent",
    "useragent",
    "test",
    "example",
    "geopy",
    "gazetteer",
    "python",
    "none",
    "python-requests",
    "mozilla/5.0",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers(
    provider TEXT NOT NULL, key TEXT NOT NULL, query TEXT NOT NULL,
    result TEXT, fetched REAL NOT NULL, service TEXT,
    PRIMARY KEY (provider, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
"""


class OnlineError(GazetteerError, ConnectionError):
    """The online service failed (error status, no answer in time, bad answer).

    The message is one line; the caller decides whether to go on without it.
    """


class OnlineTimeoutError(OnlineError, TimeoutError):
    """The online service did not answer within the timeout, after the retries."""


def normalise_query(name: str) -> str:
    """The cache key of a query: NFC, case-folded, inner spaces collapsed.

    >>> normalise_query("  Şuşa   Town ")
    'şuşa town'
    """
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _check_user_agent(user_agent) -> str:
    if user_agent is None or not str(user_agent).strip():
        raise UsageError(
            "the online geocoder needs a user agent that names your application "
            "(e.g. --user-agent 'acme-news-geo/1.0 (ops@acme.example)')"
        )
    agent = str(user_agent).strip()
    if "\n" in agent or "\r" in agent:
        raise UsageError("the user agent must be one line")
    low = agent.casefold()
    if low in _PLACEHOLDER_AGENTS or re.fullmatch(r"(geopy|gazetteer)(/[\w.]*)?", low):
        raise UsageError(
            f"user agent {agent!r} is a placeholder; set your own that names your "
            "application (Nominatim's usage policy requires it)"
        )
    return agent


def default_cache_path(provider: str) -> Path:
    """``$GAZETTEER_CACHE/online-<provider>.sqlite`` (or under ``~/.cache/gazetteer``)."""
    from .index import cache_dir

    return cache_dir() / f"online-{provider}.sqlite"


class OnlineGeocoder:
    """A rate-limited, cached client of an online geocoding service.

    ``geocode(name)`` returns a dict (``query``, ``name``, ``lat``, ``lon``,
    ``method="online"``, ``provider``, ``osm_type``, ``osm_id``, ``class``, ``type``,
    ``display_name``, ``country``, ``district``, ``cached``...) or None, and raises
    :class:`OnlineError` (one line) when the service fails, after ``max_retries``
    retries for the failures that may pass (a socket timeout, a lost connection,
    HTTP 429 and 5xx; not the others).

    Each request (attempt) is bounded:

    * ``timeout`` seconds for any single socket operation (connect, one read);
    * ``deadline`` seconds (default 10) for the whole request, from connecting to
      the last byte of the answer, redirects included (the host name lookup is left
      to the system resolver's own timeouts): a server that drip-feeds its answer a
      byte at a time is cut off there (:class:`OnlineTimeoutError`, not retried);
    * ``max_response_bytes`` (default 2 MB; Nominatim's answers are a few KB): the
      answer is read in pieces and the request is abandoned, not retried, as soon
      as it is larger (or says it will be);
    * redirects are followed only within the same server (scheme, host and port
      unchanged), at most 3; a redirect to another host or port is an
      :class:`OnlineError`, not retried, and nothing is sent there.

    ``min_delay_seconds`` (default 1, Nominatim's policy) holds across threads and
    processes sharing the cache: a lock file beside it (``<cache>.lock``, taken with
    ``fcntl.flock`` on POSIX) is held from before a request until after its answer,
    and keeps the time of the last request; the next request starts at least
    ``min_delay_seconds`` after the previous one ended. A process waits at most
    120 s for the lock (then that name fails). Without ``fcntl`` (Windows) the time
    is kept but the file is not locked.

    Answers are cached by server (scheme, host, port and path) and normalised query,
    so one server's answers are never served for another's. The cache and the lock
    file hold the user's query history and are created readable by the owner only
    (0600); an existing cache open to others is narrowed to 0600 when opened.
    """

    def __init__(
        self,
        provider: str = "nominatim",
        *,
        user_agent: str,
        domain: str | None = None,
        scheme: str = "https",
        min_delay_seconds: float = 1.0,
        timeout: float = 10,
        max_retries: int = 2,
        cache_path: str | os.PathLike | None = None,
        error_wait_seconds: float | None = None,
        country_codes: str | list[str] | tuple[str, ...] | None = None,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ):
        provider = (provider or "").strip().lower()
        if provider not in PROVIDERS:
            raise UsageError(f"unknown geocoder {provider!r}; choose one of {', '.join(PROVIDERS)}")
        self.user_agent = _check_user_agent(user_agent)
        if scheme not in ("http", "https"):
            raise UsageError(f"unknown scheme {scheme!r}; use http or https")
        if min_delay_seconds < 0 or timeout is None or timeout <= 0 or max_retries < 0:
            raise UsageError("min_delay_seconds must be >= 0, timeout > 0 and max_retries >= 0")
        if deadline is None or not deadline > 0 or max_response_bytes is None or int(max_response_bytes) <= 0:
            raise UsageError("deadline and max_response_bytes must be > 0")
        domain = _clean_domain(domain) if domain else _DEFAULT_DOMAINS[provider]
        if not domain:
            raise UsageError("the geocoder URL names no host")

        self.provider = provider
        self.domain = domain
        self.scheme = scheme
        self.service = _service(scheme, domain)
        self.min_delay_seconds = float(min_delay_seconds)
        self.timeout = timeout
        self.deadline = float(deadline)
        self.max_response_bytes = int(max_response_bytes)
        self.max_retries = int(max_retries)
        if error_wait_seconds is None:
            error_wait_seconds = 2.0
        self.error_wait_seconds = max(float(error_wait_seconds), self.min_delay_seconds)
        if isinstance(country_codes, str):
            country_codes = [c for c in re.split(r"[\s,]+", country_codes) if c]
        self.country_codes = tuple(c.lower() for c in country_codes) if country_codes else None
        self.cache_path = Path(cache_path) if cache_path else default_cache_path(provider)
        self.lock_path = self.cache_path.with_name(self.cache_path.name + ".lock")
        self.requests_made = 0  # network requests, retries included

        # geopy only now: the core never imports it. geopy builds the request and
        # reads the places; the bounded adapter below does the HTTP.
        from geopy.exc import ConfigurationError, GeocoderNotFound
        from geopy.geocoders import get_geocoder_for_service

        def adapter_factory(*, proxies, ssl_context):
            return _bounded_adapter(
                proxies=proxies,
                ssl_context=ssl_context,
                deadline=self.deadline,
                max_bytes=self.max_response_bytes,
            )

        try:
            cls = get_geocoder_for_service(provider)
            self._geocoder = cls(
                user_agent=self.user_agent,
                domain=domain,
                scheme=scheme,
                timeout=timeout,
                adapter_factory=adapter_factory,
            )
        except (ConfigurationError, GeocoderNotFound) as e:
            raise UsageError(f"cannot set up geocoder {provider!r}: {_one_line(e)}") from None
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None

    def __repr__(self) -> str:
        return f"OnlineGeocoder({self.provider!r}, domain={self.domain!r}, cache_path={str(self.cache_path)!r})"

    # ------------------------------------------------------------ cache
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.cache_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                _private_file(self.cache_path)
                db = sqlite3.connect(self.cache_path, timeout=30, check_same_thread=False, isolation_level=None)
                db.executescript(_SCHEMA)
            except (OSError, sqlite3.Error) as e:
                raise OnlineError(f"cannot open the online cache {self.cache_path}: {_one_line(e)}") from None
            self._db = db
        return self._db

    def _key(self, name: str) -> str:
        key = f"{self.service}|{normalise_query(name)}"
        if self.country_codes:
            key += " |cc=" + ",".join(self.country_codes)
        return key

    def cached(self, name: str):
        """``(True, answer)`` when the cache holds an answer for ``name`` from this
        server (None if it found nothing), else ``(False, None)``; no network."""
        with self._lock:
            try:
                row = (
                    self._conn()
                    .execute(
                        "SELECT result FROM answers WHERE provider = ? AND key = ?", (self.provider, self._key(name))
                    )
                    .fetchone()
                )
            except sqlite3.Error as e:
                raise OnlineError(f"cannot read the online cache {self.cache_path}: {_one_line(e)}") from None
        if row is None:
            return False, None
        if row[0] is None:
            return True, None
        result = json.loads(row[0])
        result["query"] = name
        result["cached"] = True
        return True, result

    def _store(self, name: str, result: dict | None) -> None:
        text = (
            None
            if result is None
            else json.dumps({k: v for k, v in result.items() if k != "cached"}, ensure_ascii=False)
        )
        with self._lock:
            try:
                self._conn().execute(
                    "INSERT OR REPLACE INTO answers(provider, key, query, result, fetched, service) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (self.provider, self._key(name), name, text, time.time(), self.service),
                )
            except sqlite3.Error:
                pass  # the answer is good; it is asked again next time

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------ network
    def geocode(self, name: str) -> dict | None:
        """The service's best answer for ``name`` as a dict, or None when it knows none.

        Cached answers (negative ones too) are returned without asking again.
        Raises :class:`OnlineError` (:class:`OnlineTimeoutError` for a timeout).
        """
        query = " ".join(str(name).split())
        if not query:
            return None
        with self._lock:
            hit, result = self.cached(query)
            if hit:
                return result
            return self._fetch(query)

    def _fetch(self, query: str) -> dict | None:
        """Ask, retrying what may pass; one :class:`OnlineError` line for what did not.

        The answer is stored before the rate lock is let go, and looked up again once
        it is held: processes asking the same name at once ask the service once.
        """
        attempts = 0
        while True:
            if attempts:
                time.sleep(self.error_wait_seconds)
            attempts += 1
            try:
                with _RateLock(self.lock_path, self.min_delay_seconds) as lock:
                    if lock.locked:
                        hit, result = self.cached(query)
                        if hit:
                            return result
                    location = self._request(query)
                    result = None if location is None else self._result(query, location)
                    self._store(query, result)
                if result is not None:
                    result["cached"] = False
                return result
            except _Failed as e:
                if e.retryable and attempts <= self.max_retries:
                    continue
                after = f" (after {attempts} attempts)" if attempts > 1 else ""
                msg = f"{self.provider} at {self.domain} {e.what} for {query!r}{after}{e.detail}"
                raise (OnlineTimeoutError if e.timed_out else OnlineError)(msg) from None

    def _request(self, query: str):
        from geopy.exc import GeopyError

        self.requests_made += 1
        kwargs = {"exactly_one": True, "addressdetails": True}
        if self.country_codes:
            kwargs["country_codes"] = list(self.country_codes)
        try:
            return self._geocoder.geocode(query, **kwargs)
        except _Failed:
            raise
        except (GeopyError, ValueError, TypeError, AttributeError, KeyError, IndexError) as e:
            # geopy read a place it could not use (coordinates that are not numbers...)
            raise _Failed("gave an answer that is not a place", f": {_one_line(e)}") from None

    def _result(self, query: str, location) -> dict:
        raw = dict(getattr(location, "raw", None) or {})
        try:
            lat, lon = float(location.latitude), float(location.longitude)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also NaN
                raise ValueError(lat, lon)
        except (TypeError, ValueError, AttributeError):
            raise OnlineError(f"{self.provider} at {self.domain} gave no usable coordinates for {query!r}") from None
        display = raw.get("display_name") or getattr(location, "address", "") or ""
        if not isinstance(display, str):
            display = str(display)
        name = raw.get("name") if isinstance(raw.get("name"), str) else None
        name = name or display.split(",")[0].strip() or query
        address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
        district = None
        for field in ("county", "state_district", "municipality", "state", "province", "region"):
            if address.get(field):
                district = address[field]
                break
        osm_id = raw.get("osm_id")
        return {
            "query": query,
            "name": name,
            "lat": lat,
            "lon": lon,
            "method": "online",
            "provider": self.provider,
            "display_name": display,
            "osm_type": raw.get("osm_type"),
            "osm_id": str(osm_id) if osm_id is not None else None,
            "place_id": raw.get("place_id"),
            "class": raw.get("class") or raw.get("category"),
            "type": raw.get("type"),
            "addresstype": raw.get("addresstype"),
            "importance": raw.get("importance"),
            "country": str(address.get("country_code") or "").upper(),
            "district": district,
            "licence": raw.get("licence"),
        }


# ------------------------------------------------------------------ bounded HTTP


class _Failed(Exception):
    """One attempt failed; ``_fetch`` retries it (``retryable``) or says it in one line:
    "<provider> at <domain> <what> for <query>[ (after N attempts)]<detail>"."""

    def __init__(self, what: str, detail: str = "", *, retryable: bool = False, timed_out: bool = False):
        super().__init__(what + detail)
        self.what, self.detail, self.retryable, self.timed_out = what, detail, retryable, timed_out


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} bytes"


def _origin(url: str) -> str:
    """``scheme://host:port`` of a URL, the port written out."""
    from urllib.parse import urlsplit

    u = urlsplit(url)
    scheme = (u.scheme or "").lower()
    try:
        port = u.port
    except ValueError:
        port = None
    host = (u.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port or (443 if scheme == 'https' else 80)}"


def _service(scheme: str, domain: str) -> str:
    """What the cache is keyed by: ``scheme://host:port/path`` of the server."""
    host, _, path = domain.partition("/")
    origin = _origin(f"{scheme}://{host}")
    path = path.strip("/")
    return f"{origin}/{path}" if path else origin


class _Deadline:
    """The end of one request: when it passes, the sockets of the request are shut
    down, which wakes a read that a drip feed would keep alive forever (each byte
    arriving within the socket timeout). Checked again by the caller afterwards."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._conns: list = []
        self._socks: list = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="gazetteer-online-deadline", daemon=True)
        self._thread.start()

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def watch(self, conn) -> None:
        self._conns.append(conn)

    def watch_socket(self, sock) -> None:
        if sock is not None:
            self._socks.append(sock)

    def _watch(self) -> None:
        if self._done.wait(max(0.0, self.remaining())):
            return
        self.expired = True
        # Again every 50 ms until the request gives up: a socket may appear later
        # (during a TLS handshake the connection has its plain socket only).
        while True:
            for sock in [getattr(c, "sock", None) for c in list(self._conns)] + list(self._socks):
                if sock is not None:
                    try:
                        socket.socket.shutdown(sock, socket.SHUT_RDWR)
                    except (OSError, ValueError):
                        pass
            if self._done.wait(0.05):
                return

    def passed(self) -> bool:
        return self.expired or self.remaining() <= 0

    def close(self) -> None:
        """Stop watching; on return no socket of the request will be touched again."""
        self._done.set()
        self._thread.join()


def _opener(deadline: _Deadline, sock_timeout: float, proxies, ssl_context):
    """A urllib opener whose connections obey ``deadline`` and whose redirects stay
    on the server first asked (scheme, host and port)."""
    import http.client
    import urllib.request

    def bounded(base):
        class Connection(base):
            def connect(self):
                left = deadline.remaining()
                if left <= 0:
                    raise TimeoutError("deadline passed")
                self.timeout = min(sock_timeout, left)
                deadline.watch(self)
                super().connect()
                deadline.watch_socket(self.sock)

        return Connection

    http_conn = bounded(http.client.HTTPConnection)
    https_conn = bounded(http.client.HTTPSConnection)

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(http_conn, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(https_conn, req, context=self._context)

    class SameServerRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = 3
        max_repeats = 1

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            here, there = _origin(req.full_url), _origin(newurl)
            if there != here:
                fp.close()
                raise _Failed(
                    f"redirected to another server (HTTP {code} to {there})",
                    f"; not followed: redirects are followed only within {here}",
                )
            new = super().redirect_request(req, fp, code, msg, headers, newurl)
            fp.close()  # the redirect's own body is not read (urllib would read it whole)
            return new

    if isinstance(proxies, str):
        proxies = {"http": proxies, "https": proxies}
    handlers = [
        urllib.request.ProxyHandler(proxies) if proxies is not None else urllib.request.ProxyHandler(),
        HTTPHandler(),
        HTTPSHandler(context=ssl_context),
        SameServerRedirects(),
    ]
    return urllib.request.build_opener(*handlers)


def _read_capped(resp, cap: int) -> bytes:
    length = (resp.headers.get("Content-Length") or "").strip()
    if length.isdigit() and int(length) > cap:
        raise _Failed(f"sent an answer larger than {_size(cap)}", f" ({_size(int(length))} announced); not read")
    body = bytearray()
    while True:
        chunk = resp.read(min(64 * 1024, cap + 1 - len(body)))
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > cap:
            raise _Failed(f"sent an answer larger than {_size(cap)}", "; stopped reading")


_ADAPTER = None


def _bounded_adapter(**kwargs):
    """A :class:`_BoundedHTTP` geopy adapter (the class is made on first use, so that
    importing this module does not import geopy)."""
    global _ADAPTER
    if _ADAPTER is None:
        from geopy.adapters import BaseSyncAdapter

        _ADAPTER = type("BoundedAdapter", (_BoundedHTTP, BaseSyncAdapter), {"__module__": __name__})
    return _ADAPTER(**kwargs)


class _BoundedHTTP:
    """A geopy adapter (``geopy.adapters.BaseSyncAdapter``) on urllib, with a total
    deadline per request, a cap on the answer's size and redirects kept to the same
    server. Its failures are :class:`_Failed`, which geopy lets through unchanged. It
    honours the proxies of the environment, as geopy's own urllib adapter does."""

    def __init__(self, *, proxies, ssl_context, deadline: float, max_bytes: int):
        self.proxies, self.ssl_context = proxies, ssl_context
        self.deadline, self.max_bytes = deadline, max_bytes

    def get_json(self, url, *, timeout, headers):
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            raise _Failed("gave an answer that is not JSON", f": {_one_line(text[:80])}") from None
        if isinstance(data, dict) and "error" in data:
            error = data["error"]
            if isinstance(error, dict):
                error = error.get("message") or error
            raise _Failed("answered an error", f": {_one_line(str(error))}")
        if not isinstance(data, list) or not all(isinstance(p, dict) for p in data):
            raise _Failed("gave an answer that is not a list of places", f": {_one_line(text[:80])}")
        return data

    def get_text(self, url, *, timeout, headers):
        import http.client
        import urllib.error
        import urllib.request

        deadline = _Deadline(self.deadline)
        resp = None
        try:
            opener = _opener(deadline, timeout, self.proxies, self.ssl_context)
            try:
                resp = opener.open(urllib.request.Request(url, headers=dict(headers or {})), timeout=timeout)
                body = _read_capped(resp, self.max_bytes)
                charset = resp.headers.get_content_charset() or "utf-8"
            except urllib.error.HTTPError as e:
                e.close()
                if deadline.passed():
                    raise _deadline_failure(deadline) from None
                status = e.code
                hint = "; check the user agent and the request rate" if status in (403, 429) else ""
                if 300 <= status < 400:  # no Location, or more than 3 redirects
                    raise _Failed(f"answered HTTP {status}", f" (redirect not followed: {_one_line(e.msg)})") from None
                raise _Failed(f"answered HTTP {status}", hint, retryable=status == 429 or status >= 500) from None
            except (OSError, http.client.HTTPException, ValueError) as e:
                if deadline.passed():
                    raise _deadline_failure(deadline) from None
                reason = e.reason if isinstance(e, urllib.error.URLError) else e
                if isinstance(reason, TimeoutError):  # socket.timeout
                    raise _Failed(f"timed out after {timeout:g} s", retryable=True, timed_out=True) from None
                raise _Failed("failed", f": {_one_line(reason)}", retryable=True) from None
            if deadline.expired:  # the body may have been cut short
                raise _deadline_failure(deadline)
        finally:
            deadline.close()
            if resp is not None:
                resp.close()
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise _Failed("gave an answer that is not text", f" in {charset}") from None


def _deadline_failure(deadline: _Deadline) -> _Failed:
    # Not retried: a server still sending after the deadline would likely take as long again.
    return _Failed(f"timed out (no complete answer within the {deadline.seconds:g} s deadline)", timed_out=True)


class _RateLock:
    """``min_delay_seconds`` between requests of all the threads and processes sharing
    a cache: the lock file is held from before a request until after its answer and
    holds the time the last request ended (or started, if its process died)."""

    WAIT = 120.0  # seconds to wait for the lock before giving up on the request

    def __init__(self, path: Path, delay: float):
        self.path, self.delay = path, delay
        self.fd: int | None = None
        self.locked = False  # True while another process cannot be asking

    def __enter__(self):
        if self.delay <= 0:
            return self
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.fd = _private_file(self.path, keep_open=True)
        except OSError as e:
            raise _Failed("was not asked", f": cannot use the lock file {self.path}: {_one_line(e)}") from None
        try:
            self._acquire()
            wait = self._last() + self.delay - time.time()
            if wait > 0:
                time.sleep(min(wait, self.delay))  # min: the clock may have been set back
            self._stamp()
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            try:
                self._stamp()
            finally:
                self._release()

    def _acquire(self) -> None:
        if fcntl is None:
            return
        give_up = time.monotonic() + self.WAIT
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.locked = True
                return
            except BlockingIOError:
                if time.monotonic() > give_up:
                    raise _Failed(
                        "was not asked",
                        f": another process held the rate-limit lock {self.path} for {self.WAIT:g} s",
                    ) from None
                time.sleep(0.02)

    def _release(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            self.locked = False
            os.close(fd)  # releases the flock

    def _last(self) -> float:
        try:
            os.lseek(self.fd, 0, os.SEEK_SET)
            return float(os.read(self.fd, 64).decode("ascii").strip() or 0)
        except (OSError, ValueError, UnicodeDecodeError):
            return 0.0

    def _stamp(self) -> None:
        try:
            data = f"{time.time():.6f}\n".encode("ascii")
            os.lseek(self.fd, 0, os.SEEK_SET)
            os.write(self.fd, data)
            os.ftruncate(self.fd, len(data))
        except OSError:
            pass


def _private_file(path: Path, keep_open: bool = False):
    """Create ``path`` readable by its owner only (0600), or narrow an existing one
    that others could read; return the open descriptor if ``keep_open``."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    try:
        mode = os.fstat(fd).st_mode
        if mode & 0o077 and hasattr(os, "fchmod"):
            try:
                os.fchmod(fd, mode & 0o700)
            except OSError:
                pass  # not ours to change
    except BaseException:
        os.close(fd)
        raise
    if keep_open:
        return fd
    os.close(fd)
    return None


def _clean_domain(domain: str) -> str:
    """``https://host:8080/nominatim/`` -> ``host:8080/nominatim``; a bare host stays."""
    domain = domain.strip()
    domain = re.sub(r"^[a-z][a-z0-9+.-]*://", "", domain, flags=re.I)
    domain = domain.strip("/")
    if domain.endswith("/search"):
        domain = domain[: -len("/search")]
    return domain


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 200 else text[:197] + "..."


# (class, type) or class -> kind of the place table; addresstype decides boundaries.
_KINDS = {
    ("place", "city"): "city",
    ("place", "town"): "town",
    ("place", "village"): "village",
    ("place", "hamlet"): "village",
    ("place", "isolated_dwelling"): "village",
    ("place", "country"): "country",
    ("place", "state"): "region",
    ("place", "region"): "region",
    ("place", "province"): "region",
    ("place", "county"): "district",
    ("place", "district"): "district",
    ("place", "municipality"): "district",
    ("waterway", "river"): "river",
    ("waterway", "stream"): "river",
    ("natural", "peak"): "mountain",
    ("natural", "volcano"): "mountain",
    ("natural", "ridge"): "mountain",
    ("natural", "mountain_range"): "mountain",
    ("natural", "saddle"): "pass",
    ("mountain_pass", "yes"): "pass",
    ("natural", "water"): "lake",
    ("water", "lake"): "lake",
    ("water", "reservoir"): "reservoir",
    ("landuse", "reservoir"): "reservoir",
    "historic": "landmark",
    "tourism": "landmark",
    "amenity": "landmark",
    "building": "landmark",
}
_ADDRESSTYPES = {
    "country": "country",
    "state": "region",
    "region": "region",
    "province": "region",
    "county": "district",
    "district": "district",
    "municipality": "district",
    "city": "city",
    "town": "town",
    "village": "village",
}


def _kind(result: dict) -> str:
    cls, typ = result.get("class") or "", result.get("type") or ""
    if cls == "boundary":
        return _ADDRESSTYPES.get(
            result.get("addresstype") or "", "region" if typ == "administrative" else typ or "area"
        )
    return _KINDS.get((cls, typ)) or _KINDS.get(cls) or typ or cls or "unknown"


def match_from_online(query: str, result: dict):
    """A :class:`gazetteer.api.Match` for an online answer: method ``online``, score 50,
    id ``online:<osm_type>/<osm_id>`` (or ``online:<hash>``). Never a table row."""
    from .api import Match

    lat, lon = float(result["lat"]), float(result["lon"])
    name = result.get("name") or result.get("display_name") or query
    osm_type, osm_id = result.get("osm_type"), result.get("osm_id")
    if osm_type and osm_id not in (None, ""):
        pid = f"online:{osm_type}/{osm_id}"
    else:
        digest = hashlib.sha1(f"{result.get('provider', '')}|{name}|{lat:.5f}|{lon:.5f}".encode()).hexdigest()
        pid = f"online:{digest[:12]}"
    return Match(
        query=query,
        id=pid,
        name=name,
        kind=_kind(result),
        country=result.get("country") or "",
        district=result.get("district"),
        lat=lat,
        lon=lon,
        score=50.0,
        matched_variant=name,
        method="online",
        needs_context=False,
        cue=None,
    )
