"""A site-wide content version: bumped whenever published content or site settings change.

Cached fragments (menus, site settings, and later whole pages) put the version in their
key, so one bump makes every one of them stale at once, on every application server that
shares the cache. The version is one of the shared counters below; the page cache keeps its
per-page stamps (an event's free places) the same way.

Within one request the version is read from the shared cache once (`version_pinned`, set up
by the page cache middleware), and what `cached()` found is also kept in this process's
memory under its versioned key: a page that is not cached as a whole still asks Redis about
once, not a dozen times, for its menus, settings, routes and fragments.

What shows one page only (a centre's card, its programme items) is kept per page instead:
under the page's own stamp (`page_stamps`: its live revision and address) and the shared
version, which every change moves on except the publishing of one page. A centre published
in Bochum leaves the cards of every other centre kept.
"""

import contextlib
import hashlib
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from treebeard.mp_tree import path_updated
from wagtail.signals import page_published as wagtail_page_published
from wagtail.signals import page_unpublished, post_page_move

VERSION_KEY = "dorfbrunnen:content-version"
SHARED_KEY = "dorfbrunnen:shared-version"
VERSIONS = (VERSION_KEY, SHARED_KEY)


def counter(key: str) -> int:
    """A shared counter in the cache (the content version, the page cache's stamps).
    Started from the clock, not from 1: after the cache was emptied (a Redis restart), pages
    a worker still holds from before can never match the new value."""
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns() // 1000, timeout=None)
        value = cache.get(key)
    return value


_recent: dict[str, tuple] = {}  # counter key -> (value, monotonic time read)


def counter_bump(key: str) -> None:
    _recent.pop(key, None)  # this process sees its own bump at once
    # Missing (never read, or evicted): the next read starts anew from the clock.
    with contextlib.suppress(ValueError):
        cache.incr(key)


def counters_recent(keys, max_age: float = 1.0) -> dict:
    """Counter values (None if not set) as read at most `max_age` seconds ago in this
    process, in one round trip for those older. For the page cache's front door: other
    servers' bumps show at most this much later; this process's own at once."""
    now = time.monotonic()
    stale = [key for key in keys if now - _recent.get(key, (None, -max_age))[1] > max_age]
    if stale:
        found = cache.get_many(stale)
        for key in stale:
            _recent[key] = (found.get(key), now)
    return {key: _recent[key][0] for key in keys}


# Per request: {counter key: value read}; None outside requests.
_pinned: ContextVar[dict | None] = ContextVar("content_version_pinned", default=None)


@contextlib.contextmanager
def version_pinned(read=None):
    """Read the content versions at most once within the block (one request). `read`:
    {counter key: value} already read for this request (the page cache's lookup)."""
    token = _pinned.set(dict(read or {}))
    try:
        yield
    finally:
        _pinned.reset(token)


def _pinned_counter(key: str) -> int:
    pin = _pinned.get()
    if pin and key in pin:
        return pin[key]
    if pin is None:
        return counter(key)
    # A page asks for both versions (menus by one, cards by the other): one round trip.
    wanted = [name for name in VERSIONS if name not in pin]
    found = cache.get_many(wanted)
    for name in wanted:
        pin[name] = found[name] if found.get(name) is not None else counter(name)
    return pin[key]


def pinned_versions() -> dict | None:
    """This request's pin, for the page cache's lookup to fill (None outside a request)."""
    return _pinned.get()


def content_version() -> int:
    return _pinned_counter(VERSION_KEY)


def shared_version() -> int:
    """The version of what kept per-page fragments show besides their own page (offers,
    sites, settings, the page tree): moved on by every change except one page's publish."""
    return _pinned_counter(SHARED_KEY)


def _bump(keys) -> None:
    pin = _pinned.get()
    for key in keys:
        counter_bump(key)
        if pin:
            pin.pop(key, None)  # this request changed content: read the new version again


def content_changed(**kwargs) -> None:
    """Something published changed: everything kept is stale."""
    _bump(VERSIONS)
    on_commit_once(_changed_committed)
    on_commit_once(front_cache_purge)


def _changed_committed() -> None:
    """Once more when the change is committed: Wagtail announces a publish inside its
    transaction, so a request in between could keep the page as it was under the new
    version – with no expiry, as nothing else would change the version again."""
    _bump(VERSIONS)


def page_published(**kwargs) -> None:
    """One page was published: menus, lists and routes are stale, but what is kept per page
    of the other pages stays – the published page has a new stamp (`page_stamps`)."""
    _bump((VERSION_KEY,))
    on_commit_once(_published_committed)
    on_commit_once(front_cache_purge)


def _published_committed() -> None:
    _bump((VERSION_KEY,))


def on_commit_once(callback) -> None:
    """Run `callback` when the current transaction commits – once, however often it is
    asked for within the transaction (a publish saves many rows)."""
    if any(entry[1] is callback for entry in connection.run_on_commit):
        return
    transaction.on_commit(callback)


# The front door trusts a version it read up to a second ago (counters_recent): a purge that
# reached Varnish sooner could make it fetch, and keep for minutes, the page from before.
PURGE_DELAY = timedelta(seconds=2)


def _purge_later(urls: list[str]) -> None:
    """Purge `urls` from the front cache through Wagtail's task, PURGE_DELAY from now."""
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    task = purge_urls_from_cache_task
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + PURGE_DELAY)
    task.enqueue(urls, None, None)


def front_cache_purge() -> None:
    """Empty the front cache (Varnish) for every site. What changed may be listed on any
    page (menus, calendar, home), so the whole site goes, as in the application's cache;
    our VCL (deploy/varnish.vcl) bans everything on a PURGE of "/". Coming after Wagtail's
    own purge of a published page, it also drops a copy fetched too early."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.models import Site

    _purge_later([f"{site.root_url}/" for site in Site.objects.all()])


def front_cache_configured() -> bool:
    """Is there a front cache to purge? (Callers skip finding the pages when not.)"""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def front_cache_purge_page(page) -> None:
    """Empty the front cache for one page's address (our VCL bans exactly that)."""
    if not front_cache_configured():
        return
    if url := page.get_full_url():
        _purge_later([url])


class LocalMemory:
    """The latest entries this process used, kept in memory. Only for keys that name their
    content version: an entry can be outdated, never wrong – a new version has new keys."""

    def __init__(self, size: int = 1024):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()  # granian runs several threads per worker

    def get(self, key, default=None):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        return default

    def put(self, key, value) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


local_memory = LocalMemory()
_MISSING = object()


def cached(name: str, builder, timeout: int = 3600, *, shared: bool = False):
    """The value for `name` at the current content version, built once (shared cache), and
    kept in this process's memory too. `shared=True` for a value built only from rows that
    move the shared version on when they change (`shown_everywhere` models, moves,
    deletions: offers, settings, locales, restrictions): the publishing of a page leaves it
    kept, so the first request after a publish does not read all of them again."""
    version = f"s{shared_version()}" if shared else f"v{content_version()}"
    key = f"dorfbrunnen:{name}:{version}"
    value = local_memory.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, timeout)
    local_memory.put(key, value)
    return value


def page_stamps(ids) -> dict[int, str]:
    """{page id: stamp} for these pages: their live revision and their address – what a
    publish of the page itself, or a renamed or moved ancestor, changes. One query by key;
    a page that no longer exists has none."""
    from wagtail.models import Page

    rows = Page.objects.filter(pk__in=list(ids)).values_list("pk", "live_revision_id", "url_path")
    return {pk: stamp(revision, url_path) for pk, revision, url_path in rows}


def stamp(live_revision_id, url_path: str) -> str:
    return f"{live_revision_id}-{hashlib.blake2b(url_path.encode(), digest_size=8).hexdigest()}"


def _versioned(name: str, key, page_stamp) -> str:
    if page_stamp is None:
        return f"dorfbrunnen:{name}:v{content_version()}:{key}"
    return f"dorfbrunnen:{name}:s{shared_version()}:{key}:{page_stamp}"


def cached_each(name: str, ids, builder, timeout: int = 3600, stamps=None) -> dict:
    """{id: value} for `ids` at the current content version: what was built before comes from
    the shared cache in one round trip, the rest from `builder(missing ids)` (a dict), kept
    for the next request. For values of which there are many (one per centre), so they stay
    out of this process's small memory. `stamps`: {id: stamp of the pages the value shows
    (`page_stamps`: one page; or an event and its centre, a series' revision)} – such a
    value is kept under that stamp and the shared version instead, so the publishing of
    another page leaves it kept."""
    if not ids:
        return {}
    stamps = stamps or {}
    keys = {key: _versioned(name, key, stamps.get(key)) for key in ids}
    found = cache.get_many(list(keys.values()))
    values = {key: found[full] for key, full in keys.items() if full in found}
    if missing := [key for key in ids if key not in values]:
        built = builder(missing)
        cache.set_many({keys[key]: value for key, value in built.items()}, timeout)
        values.update(built)
    return values


def site_key(request) -> int:
    """The request's Wagtail site as part of a key (0 without one): what is kept per site."""
    from .routing import request_site

    return getattr(request_site(request), "pk", 0) if request is not None else 0


def rendered_each(
    name: str, request, template: str, keys, contexts, stamps=None, timeout: int = 3600
) -> dict:
    """{key: `template` rendered} for `keys`, each rendered once per content version (or
    page stamp, see `cached_each`), language and site and kept: `contexts(missing keys)`
    gives the contexts of those not kept yet ({key: context}; a key left out is not
    shown). The cards of a search page – what differs per search is put in by the caller."""
    from django.template import Context
    from django.template.loader import get_template
    from django.utils.translation import get_language

    def render(missing):
        # A plain context with the request: the context processors (the settings, the
        # languages, the user) would run once per card, and no card shows what they give.
        card = get_template(template).template
        return {
            key: card.render(Context({**context, "request": request}))
            for key, context in contexts(missing).items()
        }

    return cached_each(
        f"{name}:{get_language()}:{site_key(request)}",
        list(keys),
        render,
        timeout=timeout,
        stamps=stamps,
    )


class _NotKept(Exception):
    """A form page that may not be kept: it is rendered again for the visitor."""


def form_page(request, name: str, render, slots=None):
    """The response of a form page for its empty form: `render(extra_context)` gives the
    TemplateResponse. For anonymous visitors without a query string it is rendered once per
    content version, language, site, address (with its host) and `name` and kept with
    stand-ins for the CSRF token and for the `slots` ({context name: function giving its
    HTML now}, such as the free places), which each response gets filled in: the visitor's
    own token, the slots as they are now. The page itself cannot be cached (the token is the
    visitor's), yet during a rush of registrations everybody asks for the same form while
    only the number of free places changes. Logged-in users (the editors' toolbar) and a
    form sent back with errors are rendered as before."""
    import secrets

    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.utils.translation import get_language

    slots = slots or {}

    def rendered_now():  # the page as it is for this visitor, not kept
        return render({slot: fill() for slot, fill in slots.items()})

    if request.method not in ("GET", "HEAD") or request.GET or request.user.is_authenticated:
        return rendered_now()
    token_used = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # set by each `get_token`

    def build():
        # Random, so no title or address an editor writes can contain them.
        stand_ins = {"csrf_token": secrets.token_hex(16)}
        stand_ins.update((slot, secrets.token_hex(16)) for slot in slots)
        response = render(stand_ins).render()
        # Kept only if it is the page and nothing in it asked for the visitor's real token.
        real_token = request.META.get("CSRF_COOKIE_NEEDS_UPDATE") != token_used
        if response.status_code != 200 or real_token:
            raise _NotKept
        return stand_ins, response.content.decode()

    # The address it is asked under: the page's own links (canonical, hreflang) carry it,
    # and one site may answer under several hosts.
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    key = f"form-page:{name}:{get_language()}:{site_key(request)}:{address}"
    try:
        stand_ins, html = cached(key, build)
    except _NotKept:
        # Rendered again with the real token and slots: never sent with the stand-ins.
        return rendered_now()
    for slot, fill in slots.items():
        html = html.replace(stand_ins[slot], fill())
    return HttpResponse(html.replace(stand_ins["csrf_token"], get_token(request)))


wagtail_page_published.connect(page_published, dispatch_uid="content-version-published")
page_unpublished.connect(content_changed, dispatch_uid="content-version-unpublished")
post_page_move.connect(content_changed, dispatch_uid="content-version-moved")


def _tree_paths_changed(sender, **kwargs):
    """Tree paths were rewritten (a collection moved: Wagtail saves it first, then moves it
    with no signal of Django's). The privacy rules (core.restrictions) go by paths."""
    content_changed()


path_updated.connect(_tree_paths_changed, dispatch_uid="content-version-tree-paths")


_shown_everywhere: set[type] = set()


def shown_everywhere(*models) -> None:
    """Declare models whose rows can appear on any page (menus, settings, offers, target
    groups, images …): saving or deleting one bumps the content version. Apps call this
    for their own models in `AppConfig.ready()`."""
    _shown_everywhere.update(models)


@receiver(post_delete, dispatch_uid="content-version-deleted")
@receiver(post_save, dispatch_uid="content-version-saved")
def _content_row_changed(sender, **kwargs):
    from wagtail.models import Page

    if issubclass(sender, tuple(_shown_everywhere)):
        content_changed()
        return
    if issubclass(sender, Page):
        page_deleted = kwargs.get("signal") is post_delete
        # An alias shares its source's privacy, which core.restrictions must learn about –
        # also when it stops being one (Wagtail's „convert alias“ saves only that field).
        alias_saved = kwargs["instance"].alias_of_id is not None or "alias_of_id" in (
            kwargs.get("update_fields") or ()
        )
        if page_deleted or alias_saved:
            content_changed()
        elif kwargs.get("created"):
            # A new page is a draft, which the listings' kept „hidden pages“
            # (core.restrictions.hidden_page_ids) do not know yet; what is kept per page of
            # the other pages stays, as after a publish.
            _bump((VERSION_KEY,))
            on_commit_once(_published_committed)
