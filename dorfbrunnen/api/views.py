"""The API's own two addresses: the index of feeds and the OpenAPI description."""

from django.views.decorators.http import require_safe
from wagtail.models import Site

from .registry import feeds
from .responses import api_response


def publisher(request) -> dict:
    """Who publishes the data, where, and under which licence (set by the office in
    „Angaben zum Verein“ → Offene Daten; default CC BY 4.0 with the association's name)."""
    from dorfbrunnen.core.models import SiteSettings

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    settings = SiteSettings.for_site(site) if site else SiteSettings()
    return {
        "publisher": settings.association_name,
        "region": settings.data_region,
        "licence": settings.data_licence_info,
    }


@require_safe
def api_index(request):
    base = request.build_absolute_uri("/api/v1/")
    return api_response(
        {
            **publisher(request),
            "site": request.build_absolute_uri("/"),
            "openapi": base + "openapi.json",
            "feeds": [
                {"name": feed.name, "title": str(feed.title), "url": base + feed.path}
                for feed in feeds()
                if feed.listed
            ],
        }
    )


def _own_paths() -> dict:
    """The API's own addresses, so the published description covers all of /api/v1/."""
    return {
        "/": {
            "get": {
                "operationId": "getIndex",
                "summary": "Who publishes the data, under which licence, and the feeds",
                "responses": {
                    "200": {
                        "description": "The index of the feeds",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["publisher", "licence", "openapi", "feeds"],
                                    "properties": {
                                        "publisher": {"type": "string"},
                                        "region": {"type": "string"},
                                        "site": {"type": "string", "format": "uri"},
                                        "licence": {
                                            "type": "object",
                                            "required": ["name", "url"],
                                            "properties": {
                                                "name": {"type": "string"},
                                                "url": {"type": "string", "format": "uri"},
                                                "attribution": {"type": "string"},
                                            },
                                        },
                                        "openapi": {"type": "string", "format": "uri"},
                                        "feeds": {
                                            "type": "array",
                                            "items": {
                                                "type": "object",
                                                "required": ["name", "title", "url"],
                                                "properties": {
                                                    "name": {"type": "string"},
                                                    "title": {"type": "string"},
                                                    "url": {"type": "string", "format": "uri"},
                                                },
                                            },
                                        },
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApiDescription",
                "summary": "This description (OpenAPI 3.1)",
                "responses": {
                    "200": {
                        "description": "The OpenAPI document",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["openapi", "info", "paths"],
                                    "properties": {
                                        "openapi": {"type": "string"},
                                        "info": {"type": "object"},
                                        "paths": {"type": "object"},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
    }


@require_safe
def openapi_schema(request):
    paths = _own_paths()
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
