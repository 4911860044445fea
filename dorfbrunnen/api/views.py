"""The API's own two addresses: the index of feeds and the OpenAPI description."""

from django.views.decorators.http import require_safe
from wagtail.models import Site

from .registry import feeds
from .responses import api_response

# The licence under which the association publishes its data (issue: federation lets the
# office choose; until then the default).
DEFAULT_LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


def _association(request) -> str:
    from dorfbrunnen.core.models import SiteSettings

    site = Site.find_for_request(request)
    if site is None:
        return ""
    return SiteSettings.for_site(site).association_name


@require_safe
def api_index(request):
    base = request.build_absolute_uri("/api/v1/")
    return api_response(
        {
            "publisher": _association(request),
            "licence": DEFAULT_LICENCE,
            "openapi": base + "openapi.json",
            "feeds": [
                {"name": feed.name, "title": str(feed.title), "url": base + feed.path}
                for feed in feeds()
                if feed.listed
            ],
        }
    )


@require_safe
def openapi_schema(request):
    paths = {}
    for feed in feeds():
        paths.update(feed.openapi_paths(request))
    return api_response(
        {
            "openapi": "3.1.0",
            "info": {
                "title": "dorfbrunnen – offene Daten",
                "version": "1",
                "description": (
                    "Published data of the association as JSON and GeoJSON. Postcode and "
                    "place data: GeoNames (geonames.org), CC BY 4.0."
                ),
            },
            "servers": [{"url": request.build_absolute_uri("/api/v1")}],
            "paths": paths,
        }
    )
