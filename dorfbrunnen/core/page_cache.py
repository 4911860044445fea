"""The application's page cache for anonymous visitors.

A response is stored when it is the same for everybody: a 200 to a GET without a session
cookie, that used no CSRF token (a form's token belongs to one visitor), set no cookie and
carries no `Cache-Control: private/no-cache/no-store`. Its key carries the
content version (core.content_cache), so publishing anything makes every cached page stale
at once; PAGE_CACHE_SECONDS bounds how long time-dependent text (past events, opening hours)
may lag. Logged-in editors never see cached pages.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from .content_cache import content_version

UNCACHEABLE_PREFIXES = ("/admin/", "/anmeldung/", "/healthz", "/dokumente/", "/mitglieder/")


def _key(request) -> str:
    address = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"dorfbrunnen:page:{content_version()}:{hashlib.sha256(address).hexdigest()}"


def _bypass(request) -> bool:
    return (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or request.path_info.startswith(UNCACHEABLE_PREFIXES)
    )


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page contains a CSRF token
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-cache", "no-store"))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or _bypass(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "MISS"
        return response
