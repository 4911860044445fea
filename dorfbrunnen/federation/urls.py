from django.urls import path

from . import views

urlpatterns = [
    path("bundesweit/termine/", views.national_events, name="national_events"),
]
