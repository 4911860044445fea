from django.urls import path

from . import views
from .registry import feeds

urlpatterns = [
    path("", views.api_index, name="api_index"),
    path("openapi.json", views.openapi_schema, name="api_openapi"),
    *[pattern for feed in feeds() for pattern in feed.urls],
]
