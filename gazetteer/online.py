"""Optional online fallback: ask a geocoding service (Nominatim) for a name the table lacks.

Off by default. Nothing here runs, and geopy is not imported, until an
:class:`OnlineGeocoder` is constructed; ``Gazetteer.lookup`` never calls it.

Every answer, found or not, is kept in an SQLite cache (``online-<provider>.sqlite``
in ``$GAZETTEER_CACHE`` or ``~/.cache/gazetteer``), so a name is asked once, also
across runs. Requests are spaced ``min_delay_seconds`` apart (Nominatim's public
service allows one per second), in one process by geopy's ``RateLimiter`` and
across processes sharing a cache by the time of the last request kept there.
Results are returned to the caller; they never change the place table.

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
import sqlite3
import threading
import time
import unicodedata
from pathlib import Path

from .errors import GazetteerError, UsageError

__all__ = ["OnlineGeocoder", "OnlineError", "OnlineTimeoutError", "PROVIDERS", "match_from_online", "normalise_query"]

#: Services that can be used; each needs no API key and answers Nominatim's JSON.
PROVIDERS = ("nominatim",)

_DEFAULT_DOMAINS = {"nominatim": "nominatim.openstreetmap.org"}

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
    :class:`OnlineError` when the service fails after ``max_retries`` retries.
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
    ):
        provider = (provider or "").strip().lower()
        if provider not in PROVIDERS:
            raise UsageError(f"unknown geocoder {provider!r}; choose one of {', '.join(PROVIDERS)}")
        self.user_agent = _check_user_agent(user_agent)
        if scheme not in ("http", "https"):
            raise UsageError(f"unknown scheme {scheme!r}; use http or https")
        if min_delay_seconds < 0 or timeout is None or timeout <= 0 or max_retries < 0:
            raise UsageError("min_delay_seconds must be >= 0, timeout > 0 and max_retries >= 0")
        domain = _clean_domain(domain) if domain else _DEFAULT_DOMAINS[provider]
        if not domain:
            raise UsageError("the geocoder URL names no host")

        self.provider = provider
        self.domain = domain
        self.scheme = scheme
        self.min_delay_seconds = float(min_delay_seconds)
        self.timeout = timeout
        self.max_retries = int(max_retries)
        if error_wait_seconds is None:
            error_wait_seconds = 2.0
        # geopy's RateLimiter requires error_wait_seconds >= min_delay_seconds.
        self.error_wait_seconds = max(float(error_wait_seconds), self.min_delay_seconds)
        if isinstance(country_codes, str):
            country_codes = [c for c in re.split(r"[\s,]+", country_codes) if c]
        self.country_codes = tuple(c.lower() for c in country_codes) if country_codes else None
        self.cache_path = Path(cache_path) if cache_path else default_cache_path(provider)
        self.requests_made = 0  # network requests, retries included

        # geopy only now: the core never imports it.
        from geopy.exc import ConfigurationError, GeocoderNotFound
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import get_geocoder_for_service

        try:
            cls = get_geocoder_for_service(provider)
            self._geocoder = cls(user_agent=self.user_agent, domain=domain, scheme=scheme, timeout=timeout)
        except (ConfigurationError, GeocoderNotFound) as e:
            raise UsageError(f"cannot set up geocoder {provider!r}: {_one_line(e)}") from None
        self._limited = RateLimiter(
            self._request,
            min_delay_seconds=self.min_delay_seconds,
            max_retries=self.max_retries,
            error_wait_seconds=self.error_wait_seconds,
            swallow_exceptions=False,
        )
        # geopy logs each retry as a warning with a traceback; without a handler Python's
        # last-resort handler would print it to stderr. The caller gets one OnlineError line.
        import logging

        geopy_log = logging.getLogger("geopy")
        if not geopy_log.handlers:
            geopy_log.addHandler(logging.NullHandler())
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None

    def __repr__(self) -> str:
        return f"OnlineGeocoder({self.provider!r}, domain={self.domain!r}, cache_path={str(self.cache_path)!r})"

    # ------------------------------------------------------------ cache
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.cache_path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.cache_path, timeout=30, check_same_thread=False, isolation_level=None)
                db.executescript(_SCHEMA)
            except (OSError, sqlite3.Error) as e:
                raise UsageError(f"cannot open the online cache {self.cache_path}: {_one_line(e)}") from None
            self._db = db
        return self._db

    def _key(self, name: str) -> str:
        key = normalise_query(name)
        if self.country_codes:
            key += " |cc=" + ",".join(self.country_codes)
        return key

    def cached(self, name: str):
        """``(True, answer)`` when the cache holds an answer for ``name`` (None if
        the service found nothing), else ``(False, None)``; no network."""
        with self._lock:
            row = (
                self._conn()
                .execute("SELECT result FROM answers WHERE provider = ? AND key = ?", (self.provider, self._key(name)))
                .fetchone()
            )
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
            self._conn().execute(
                "INSERT OR REPLACE INTO answers(provider, key, query, result, fetched, service) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (self.provider, self._key(name), name, text, time.time(), f"{self.scheme}://{self.domain}"),
            )

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
    def _wait_across_processes(self) -> None:
        """Keep ``min_delay_seconds`` after the last request of any process sharing the cache."""
        if self.min_delay_seconds <= 0:
            return
        db = self._conn()
        row = db.execute("SELECT v FROM meta WHERE k = 'last_request'").fetchone()
        if row is not None:
            wait = float(row[0]) + self.min_delay_seconds - time.time()
            if wait > 0:
                time.sleep(min(wait, self.min_delay_seconds))
        db.execute("INSERT OR REPLACE INTO meta(k, v) VALUES ('last_request', ?)", (repr(time.time()),))

    def _request(self, query: str):
        self._wait_across_processes()
        self.requests_made += 1
        kwargs = {"exactly_one": True, "addressdetails": True}
        if self.country_codes:
            kwargs["country_codes"] = list(self.country_codes)
        return self._geocoder.geocode(query, **kwargs)

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
            location = self._fetch(query)
            result = None if location is None else self._result(query, location)
            self._store(query, result)
        if result is not None:
            result["cached"] = False
        return result

    def _fetch(self, query: str):
        from geopy.adapters import AdapterHTTPError
        from geopy.exc import GeocoderTimedOut, GeopyError

        where = f"{self.provider} at {self.domain}"
        tries = self.max_retries + 1
        after = f" (after {tries} attempts)" if tries > 1 else ""
        try:
            return self._limited(query)
        except GeopyError as e:
            cause = e.__cause__
            if isinstance(cause, AdapterHTTPError):
                msg = f"{where} answered HTTP {cause.status_code} for {query!r}{after}"
                if cause.status_code in (403, 429):
                    msg += "; check the user agent and the request rate"
                raise OnlineError(msg) from None
            if isinstance(e, GeocoderTimedOut):
                raise OnlineTimeoutError(f"{where} timed out after {self.timeout:g} s for {query!r}{after}") from None
            raise OnlineError(f"{where} failed for {query!r}{after}: {_one_line(e)}") from None
        except (OSError, ValueError) as e:  # anything the adapter did not wrap
            raise OnlineError(f"{where} failed for {query!r}: {_one_line(e)}") from None

    def _result(self, query: str, location) -> dict:
        raw = dict(getattr(location, "raw", None) or {})
        try:
            lat, lon = float(location.latitude), float(location.longitude)
        except (TypeError, ValueError, AttributeError):
            raise OnlineError(f"{self.provider} at {self.domain} gave no coordinates for {query!r}") from None
        display = raw.get("display_name") or getattr(location, "address", "") or ""
        name = raw.get("name") or display.split(",")[0].strip() or query
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
            "country": (address.get("country_code") or "").upper(),
            "district": district,
            "licence": raw.get("licence"),
        }


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
