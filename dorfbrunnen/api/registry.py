"""The open-data API's feeds, registered by the apps that own the data.

`/api/v1/` lists every registered feed and `/api/v1/openapi.json` describes them all, so
adding a feed (events, offers …) needs no change here: the app registers a `Feed` in its
`AppConfig.ready()`, with its URL patterns and the OpenAPI description of its paths.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Feed:
    name: str  # the feed's key in the index, e.g. "centres"
    title: str  # what it holds, for people
    path: str  # below /api/v1/, e.g. "centres/"
    urls: list = field(default_factory=list)  # URL patterns below /api/v1/
    # request → {OpenAPI path: path item}
    openapi_paths: Callable[[object], dict] = lambda request: {}
    listed: bool = True  # helpers (postcode lookup) are described but not listed as feeds


_feeds: list[Feed] = []


def register_feed(feed: Feed) -> None:
    if all(existing.name != feed.name for existing in _feeds):
        _feeds.append(feed)


def feeds() -> list[Feed]:
    return list(_feeds)
