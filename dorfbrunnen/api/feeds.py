"""How a feed goes out: one streamed JSON document that answers conditional requests.

A feed is read whole by other sites (a national aggregator fetches it every few minutes), so
it has no pagination: the records are written out one by one as the database yields them,
and nothing holds the whole document in memory.

Whether it changed is known without reading the data: a feed changes only with published
content (the content version, core.content_cache) and with the day (coming dates move on),
or with what the feed names (`varies_with`: the moments centres open or close). So the ETag
is the version, the day, the language, the query and that; a request naming it gets a
304 before any record is read – from the view, from the page cache's front door or from the
front cache (Varnish answers conditional requests from what it stored). `Last-Modified` is
the moment this version was first served: never earlier than the change, so a client's date
from an earlier version never counts as current.
"""

import hashlib
import json
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.views.decorators.http import condition

from dorfbrunnen.core.content_cache import content_version


def _state(request, name: str, varies_with=None) -> str:
    return ":".join(
        [
            name,
            str(content_version()),
            timezone.localdate().isoformat(),
            translation.get_language() or "",
            request.META.get("QUERY_STRING", ""),
            varies_with() if varies_with else "",
        ]
    )


def feed_etag(request, name: str, varies_with=None) -> str:
    return hashlib.sha256(_state(request, name, varies_with).encode()).hexdigest()[:32]


def feed_last_modified(request, name: str, varies_with=None):
    key = "dorfbrunnen:feed-modified:" + feed_etag(request, name, varies_with)
    stamp = cache.get_or_set(key, time.time(), timeout=60 * 60 * 24 * 2)
    return datetime.fromtimestamp(stamp, tz=UTC)


def conditional_feed(name: str, varies_with=None):
    """Decorator for a feed view: ETag and Last-Modified on every answer, 304 to a request
    that names the current ones. `varies_with()`: what else the answer depends on within a
    day, as a string (the centres' „open now“ changes with their opening hours)."""
    return condition(
        etag_func=lambda request, *args, **kwargs: feed_etag(request, name, varies_with),
        last_modified_func=lambda request, *args, **kwargs: feed_last_modified(
            request, name, varies_with
        ),
    )


def _document(head: dict, key: str, records: Iterable[dict]) -> Iterator[bytes]:
    opening = json.dumps(head, ensure_ascii=False)[:-1]  # without the closing brace
    yield f'{opening}{", " if head else ""}"{key}": ['.encode()
    separator = ""
    chunk = []
    for record in records:
        chunk.append(separator + json.dumps(record, ensure_ascii=False))
        separator = ","
        if len(chunk) >= 200:
            yield "".join(chunk).encode()
            chunk = []
    chunk.append("]}")
    yield "".join(chunk).encode()


def streamed_feed(
    head: dict,
    records: Iterable[dict],
    *,
    key: str = "features",
    content_type: str = "application/json",
) -> StreamingHttpResponse:
    """`{**head, key: [records…]}`, written record by record (readable by any site)."""
    response = StreamingHttpResponse(_document(head, key, records), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response
