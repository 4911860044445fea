from django.urls import path

from . import views

urlpatterns = [
    path("barriere-melden/", views.barrier_report, name="barrier_report"),
]
