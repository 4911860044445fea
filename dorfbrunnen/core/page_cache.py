"""The application's page cache for anonymous visitors.

A response is stored when it is the same for everybody: a 200 to a GET without a session
cookie, that used no CSRF token (a form's token belongs to one visitor), set no cookie and
carries no `Cache-Control: private/no-cache/no-store`. The middleware is the outermost one,
so what is stored carries every header the other middleware add (CSP, HSTS …), and is
stored as plain data (status, headers, body).

Each entry remembers the content version (core.content_cache) it was built at and counts
only while that is still the current one, so publishing anything makes every cached page
stale at once; PAGE_CACHE_SECONDS bounds how long time-dependent text (past events, opening
hours) may lag. Entry and version are read in one round trip.

A page may also show something that changes without a publish – an event's free places.
Its view calls `cache_depends_on(request, name)` before reading that data; the entry then
counts only until `stamp_bump(name)`, so a registration makes that one page stale, not the
whole site.

`PageCacheFrontDoor` answers hits before Django handles the request at all (production's
WSGI entry point); the middleware answers them under the test client and the dev server.

A streamed response (the open-data feeds) is stored as it goes out, once its last chunk has
been sent. A hit whose stored `ETag` or `Last-Modified` the request names (`If-None-Match`,
`If-Modified-Since`) is answered 304 without a body, by the front door as by the middleware.
"""

import hashlib
import threading
import time
from http import HTTPStatus
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import parse_etags, parse_http_date_safe

from .content_cache import (
    SHARED_KEY,
    VERSION_KEY,
    content_version,
    counter,
    counter_bump,
    counters_recent,
    pinned_versions,
    version_pinned,
)

# Never pages for anonymous visitors; skipped before even asking the cache. Everything else
# is decided by the response: views that must not be cached say so (`never_cache`).
UNCACHEABLE_PREFIXES = ("/admin/", "/static/", "/media/")


def cache_key(environ) -> str | None:
    """The entry for this request, or None when it must not come from the cache."""
    if settings.PAGE_CACHE_SECONDS <= 0 or environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
        return None
    path = environ.get("PATH_INFO", "")
    if path.startswith(UNCACHEABLE_PREFIXES):
        return None
    if f"{settings.SESSION_COOKIE_NAME}=" in environ.get("HTTP_COOKIE", ""):
        return None
    scheme = environ.get("wsgi.url_scheme", "http")
    if proxy_header := getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        header, secure_value = proxy_header
        if environ.get(header) == secure_value:
            scheme = "https"
    # Only what Django answered with a 200 is ever stored, so a host or scheme it would
    # refuse or redirect never finds an entry.
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    address = f"{scheme}://{host}{path}?{environ.get('QUERY_STRING', '')}"
    return f"dorfbrunnen:page:{hashlib.sha256(address.encode()).hexdigest()}"


STAMP_PREFIX = "dorfbrunnen:stamp:"


class Entry(NamedTuple):
    version: int
    built_at: float
    status: int
    headers: list
    body: bytes
    stamps: dict  # stamp key -> value when the page was built


def cache_depends_on(request, name: str) -> None:
    """The page being built shows data that changes apart from published content: its
    cached copy counts only until `stamp_bump(name)`. Call before reading that data."""
    key = STAMP_PREFIX + name
    request.__dict__.setdefault("_page_cache_stamps", {})[key] = counter(key)


def stamp_bump(name: str) -> None:
    counter_bump(STAMP_PREFIX + name)


# Set in the WSGI environ by the front door when it found no entry: (the entry's key,
# {counter key: value} read with the lookup). The middleware then neither asks again nor
# reads the versions, and stores under the front door's key (Django decodes a non-ASCII
# path as UTF-8 where the WSGI server gave latin-1, so it would compute another).
LOOKED_UP = "dorfbrunnen.page_cache.looked_up"


def cached_entry(key: str, read: dict | None = None) -> Entry | None:
    """The entry if it was built at the current content version and its stamps are
    unchanged. The versions come in the same round trip and go into `read`: a page that
    is then built needs no second one."""
    found = cache.get_many([key, VERSION_KEY, SHARED_KEY])
    if read is not None:
        read.update({name: found[name] for name in (VERSION_KEY, SHARED_KEY) if name in found})
    entry, version = found.get(key), found.get(VERSION_KEY)
    if entry is None or version is None or entry.version != version:
        return None
    if entry.stamps and cache.get_many(list(entry.stamps)) != entry.stamps:
        return None
    return entry


# What a 304 repeats of the stored answer (RFC 9110, 15.4.5).
NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "etag", "expires", "last-modified"}
NOT_MODIFIED_HEADERS |= {"vary", "access-control-allow-origin"}


def not_modified(entry: Entry, if_none_match: str, if_modified_since: str) -> bool:
    """Whether the client's copy (named by its conditional headers) is the stored one."""
    headers = {name.lower(): value for name, value in entry.headers}
    if if_none_match:
        etag = headers.get("etag")
        if not etag:
            return False
        tags = parse_etags(if_none_match)
        return "*" in tags or etag.removeprefix("W/") in {t.removeprefix("W/") for t in tags}
    if if_modified_since and "last-modified" in headers:
        since = parse_http_date_safe(if_modified_since)
        modified = parse_http_date_safe(headers["last-modified"])
        return since is not None and modified is not None and modified <= since
    return False


def not_modified_headers(entry: Entry) -> list:
    return [(name, value) for name, value in entry.headers if name.lower() in NOT_MODIFIED_HEADERS]


# Larger answers (documents, the Infopaket's ZIP and PDF) are files the server sends from
# storage anyway: kept, each would take its size in the shared cache and again in every
# worker's memory (`PageCacheFrontDoor.LOCAL_ENTRIES` of them), and a streamed one would be
# collected whole in memory while it goes out.
MAX_KEPT_BYTES = 1024 * 1024


def _stored_when_sent(chunks, store):
    """The chunks of a streamed response, passed on; the whole body is stored after the
    last one went out (a client that hangs up midway leaves nothing stored), unless it is
    larger than `MAX_KEPT_BYTES`."""
    body, size = [], 0
    for chunk in chunks:
        if body is not None:
            body.append(chunk)
            size += len(chunk)
            if size > MAX_KEPT_BYTES:
                body = None  # not kept: stop collecting it
        yield chunk
    if body is not None:
        store(b"".join(body))


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page contains a CSRF token
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-cache", "no-store"))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        looked_up = request.META.get(LOOKED_UP)
        with version_pinned(looked_up[1] if looked_up else None):
            return self._respond(request, looked_up[0] if looked_up else None)

    def _respond(self, request, looked_up_key=None):
        key = looked_up_key or cache_key(request.META)
        if key is None:
            return self.get_response(request)
        if looked_up_key is None and (entry := cached_entry(key, pinned_versions())):
            if not_modified(
                entry,
                request.META.get("HTTP_IF_NONE_MATCH", ""),
                request.META.get("HTTP_IF_MODIFIED_SINCE", ""),
            ):
                response = HttpResponse(status=304)
                headers = not_modified_headers(entry)
            else:
                response = HttpResponse(entry.body, status=entry.status)
                headers = entry.headers
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "HIT"
            return response
        version = content_version()  # before rendering: a publish meanwhile wins
        response = self.get_response(request)
        if _storable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            stamps = getattr(request, "_page_cache_stamps", {})
            headers = list(response.items())

            def store(body):
                entry = Entry(version, time.time(), response.status_code, headers, body, stamps)
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)

            if response.streaming:
                response.streaming_content = _stored_when_sent(response.streaming_content, store)
            elif len(response.content) <= MAX_KEPT_BYTES:
                store(response.content)
            response["X-Cache"] = "MISS"
        return response


class PageCacheFrontDoor:
    """WSGI wrapper: a cached page goes out without Django's request handling (no request
    object, no middleware, no signals). Each worker also keeps the pages it served last in
    memory, valid while the content version and its stamps, read at most a second ago, are
    unchanged, so a popular page costs no cache round trip either."""

    LOCAL_ENTRIES = 256

    def __init__(self, application):
        self.application = application
        self.local: dict[str, Entry] = {}
        self.lock = threading.Lock()  # granian runs several threads per worker

    def _entry(self, key: str, read: dict) -> Entry | None:
        local = self.local.get(key)
        if local is not None and time.time() - local.built_at < settings.PAGE_CACHE_SECONDS:
            wanted = {VERSION_KEY: local.version, **local.stamps}
            if counters_recent(wanted) == wanted:
                return local
        entry = cached_entry(key, read)
        if entry is not None:
            with self.lock:
                if len(self.local) >= self.LOCAL_ENTRIES:
                    self.local.pop(next(iter(self.local)))  # the oldest goes
                self.local[key] = entry
        return entry

    def __call__(self, environ, start_response):
        key = cache_key(environ)
        read = {}
        entry = self._entry(key, read) if key else None
        if entry is None:
            if key:
                environ[LOOKED_UP] = (key, read)
            return self.application(environ, start_response)
        if not_modified(
            entry,
            environ.get("HTTP_IF_NONE_MATCH", ""),
            environ.get("HTTP_IF_MODIFIED_SINCE", ""),
        ):
            start_response("304 Not Modified", [*not_modified_headers(entry), ("X-Cache", "HIT")])
            return [b""]
        start_response(
            f"{entry.status} {HTTPStatus(entry.status).phrase}",
            [*entry.headers, ("X-Cache", "HIT")],
        )
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else entry.body]
