from django.urls import path

from . import views

urlpatterns = [
    path("centres/", views.centres_api, name="api_centres"),
    path("postcodes/<str:postcode>/", views.postcode_api, name="api_postcode"),
    path("openapi.json", views.openapi_schema, name="api_openapi"),
]
