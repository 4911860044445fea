from django.urls import path

from . import views

urlpatterns = [
    path("barriere-melden/", views.barrier_report, name="barrier_report"),
    path("barriere-melden/danke/", views.barrier_report_received, name="barrier_report_received"),
]
