import functools

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe
from wagtail.models import Site

from .i18n import localized


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers; used by the load balancer and systemd."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Closed while the site is not yet public (SITE_NOINDEX), else the search engines' map."""
    return render(
        request,
        "core/robots.txt",
        {"noindex": settings.SITE_NOINDEX},
        content_type="text/plain; charset=utf-8",
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def embeddable(view):
    """A view that other sites show in an iframe (the widgets): any page may frame its
    answers, under the widgets' policy – its „not found“ too, which would otherwise come
    from the site's handler with the site's `frame-ancestors 'none'` and leave the
    partner's visitors a blank frame. That „not found“ is the widget's own: a few lines
    in the partner's frame, with a way to the site in a new tab – not the whole site
    with its header and menus."""

    @functools.wraps(view)
    def framed(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return render(request, "widget_not_found.html", status=404)

    return xframe_options_exempt(csp_override(settings.WIDGET_CSP)(framed))


def server_error(request):
    # No request context (its processors query the database, which may be what failed).
    return HttpResponseServerError(loader.get_template("500.html").render())


def page_at_path(request, page_path: str):
    """The specific page at `page_path` of the request's site, for the file URLs that hang
    below a page (…/termin.ics, …/ordner.pdf) – Wagtail's own routes need a trailing slash."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    return localized(site.root_page).specific.route(request, components)[0].specific
