"""Page routing that remembers where each address leads.

Wagtail finds a page by walking the tree from the site's root: the site, the language,
the root page, then two queries per level (the child, then its specific type) – seven for a
centre page before anything is rendered. Here the answer (which page, how many address parts
it takes) is kept in the cache with the content version it was found at, so any publish,
move, unpublish or deletion makes it count no more, everywhere. The page itself is kept in
this process's memory for its content version too, and each request gets its own copy, so
a hit costs no query. Wagtail still does the rest: the page's own `route` (live check, sub-pages
of routable pages) and every `before_serve_page` hook, privacy included.
"""

import copy
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .content_cache import LocalMemory, cached, content_version, local_memory

ROUTE_SECONDS = 24 * 3600
# The pages last served, apart from the small things every page needs (menus, settings).
_pages = LocalMemory(size=512)


def request_site(request) -> Site | None:
    """Wagtail's site for the request, looked up once per host and content version (Site
    rows bump the version) – set on every request by `SiteMiddleware`, so each
    `Site.find_for_request` (views, tags, the settings) reuses it through `_wagtail_site`
    instead of querying the sites and their root pages."""
    if not hasattr(request, "_wagtail_site"):
        key = f"site:{request.get_host()}:{request.get_port()}"
        site = cached(key, lambda: Site.find_for_request(request) or False)
        request._wagtail_site = site or None
    return request._wagtail_site


def site_root_paths() -> list:
    """Wagtail's list of the sites' roots, from which it builds every page's address – kept
    per content version in this process (Site rows, publishes and moves bump the version)
    instead of being read from the shared cache on each request."""
    return cached("site-root-paths", lambda: list(Site.get_site_root_paths()))


class SiteMiddleware:
    """Finds the request's site and the sites' roots before any view or tag asks for them
    (`request_site`; Wagtail reads the roots from the request once they are on it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_site(request)
        request._wagtail_cached_site_root_paths = site_root_paths()
        return self.get_response(request)


def route_for_request(request, path: str):
    """The (page, args, kwargs) Wagtail's serve view expects, or None for a 404."""
    site = request_site(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    address = f"{site.pk}:{translation.get_language()}:{'/'.join(components)}"
    key = f"dorfbrunnen:route:{hashlib.sha256(address.encode()).hexdigest()}"
    version = content_version()
    known = local_memory.get(key)
    if known is None or known[0] != version:
        known = cache.get(key)
    if known is not None and known[0] == version:
        local_memory.put(key, known)
        _version, page_id, content_type_id, consumed = known
        page = _kept_page(version, page_id, content_type_id)
        if page is not None:  # else gone since it was remembered: route afresh
            try:
                return page.route(request, components[consumed:])
            except Http404:
                return None
    route = Page.route_for_request(request, path)
    if route is not None:  # addresses that lead nowhere are not remembered
        page = route[0]
        consumed = page.depth - site.root_page.depth
        known = (version, page.pk, page.content_type_id, consumed)
        cache.set(key, known, ROUTE_SECONDS)
        local_memory.put(key, known)
    return route


def _kept_page(version: int, page_id: int, content_type_id: int):
    """The page at this content version: read once per process, then a copy per request
    (a copy of a model instance has its own field values and related-object cache; views
    and templates may set attributes on it)."""
    kept = _pages.get(page_id)
    if kept is None or kept[0] != version:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            return None
        # What every page shows beside itself (its Leichte-Sprache link, …) comes with it,
        # in the same query.
        related = getattr(model, "serve_select_related", ())
        kept = (version, model.objects.filter(pk=page_id).select_related(*related).first())
        _pages.put(page_id, kept)
    return copy.copy(kept[1]) if kept[1] is not None else None


def serve(request, path):
    """Wagtail's serve view, given the route found above. Wagtail reads a route already
    found for this request from `request._wagtail_route_for_request` (see
    `Page.route_for_request`), so the rest – hooks, privacy, serving – is Wagtail's."""
    request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_views.serve(request, path)
