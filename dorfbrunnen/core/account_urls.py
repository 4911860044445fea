"""/zugang/: setting a password for an admin account (core.account_views), and Wagtail's
addresses for a forgotten password, which lead there."""

from django.urls import path
from django.views.generic import RedirectView

from . import account_views

app_name = "account"
urlpatterns = [
    path("passwort-vergessen/", account_views.PasswordForgotView.as_view(), name="password_forgot"),
    path(
        "passwort-vergessen/gesendet/",
        account_views.PasswordForgotSentView.as_view(),
        name="password_forgot_sent",
    ),
    path(
        "passwort-festlegen/<uidb64>/<token>/",
        account_views.PasswordSetView.as_view(),
        name="password_set",
    ),
]

# Mounted at /admin/password_reset/ before Wagtail's admin: its pages, in the site's look.
wagtail_redirects = [
    path("", RedirectView.as_view(pattern_name="account:password_forgot")),
    path("done/", RedirectView.as_view(pattern_name="account:password_forgot_sent")),
    path("confirm/<uidb64>/<token>/", RedirectView.as_view(pattern_name="account:password_set")),
    path("complete/", RedirectView.as_view(pattern_name="wagtailadmin_home")),
]
