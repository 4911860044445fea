"""The centres' part of the open-data API: the centres feed and the postcode lookup."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.api.registry import Feed, register_feed


def register():
    from . import openapi, programme_views, views

    register_feed(
        Feed(
            name="centres",
            title=_("Zentren (GeoJSON)"),
            path="centres/",
            urls=[
                path("centres/", views.centres_api, name="api_centres"),
                path("postcodes/<str:postcode>/", views.postcode_api, name="api_postcode"),
            ],
            openapi_paths=openapi.paths,
        )
    )
    register_feed(
        Feed(
            name="offers",
            title=_("Wochenprogramme der Zentren (GeoJSON)"),
            path="offers/",
            urls=[path("offers/", programme_views.offers_api, name="api_offers")],
            openapi_paths=openapi.offers_paths,
        )
    )
