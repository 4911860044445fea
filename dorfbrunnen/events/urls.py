from django.urls import path, re_path

from . import views

urlpatterns = [
    path("anmeldung/<str:token>/", views.registration_detail, name="registration_detail"),
    path(
        "anmeldung/<str:token>/bestaetigen/",
        views.registration_confirm,
        name="registration_confirm",
    ),
    path("anmeldung/<str:token>/abmelden/", views.registration_cancel, name="registration_cancel"),
    path("anmeldung/<str:token>/daten.json", views.registration_data, name="registration_data"),
    path("anmeldung/<str:token>/termin.ics", views.registration_ics, name="registration_ics"),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)(?P<filename>kalender|termin)\.ics$",
        views.ics_download,
        name="ics_download",
    ),
]
