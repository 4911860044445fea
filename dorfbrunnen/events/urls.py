from django.urls import path, re_path, register_converter

from . import views


class TokenConverter:
    regex = r"[A-Za-z0-9_-]{16,100}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

urlpatterns = [
    # Tokens are URL-safe base64 (secrets.token_urlsafe); anything else is not one.
    path("anmeldung/<token:token>/", views.registration_detail, name="registration_detail"),
    path(
        "anmeldung/<token:token>/bestaetigen/",
        views.registration_confirm,
        name="registration_confirm",
    ),
    path(
        "anmeldung/<token:token>/abmelden/", views.registration_cancel, name="registration_cancel"
    ),
    path("anmeldung/<token:token>/daten.json", views.registration_data, name="registration_data"),
    path(
        "anmeldung/<token:token>/daten/",
        views.registration_data_page,
        name="registration_data_page",
    ),
    path(
        "anmeldung/<token:token>/daten.pdf",
        views.registration_data_pdf,
        name="registration_data_pdf",
    ),
    path("anmeldung/<token:token>/termin.ics", views.registration_ics, name="registration_ics"),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)(?P<filename>kalender|termin)\.ics$",
        views.ics_download,
        name="ics_download",
    ),
]
