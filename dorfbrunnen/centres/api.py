"""The centres' part of the open-data API: the centres feed and the postcode lookup."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.api.registry import Feed, register_feed


def register():
    from . import openapi, views

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
