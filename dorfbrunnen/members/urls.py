from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.account, name="account"),
    path("anmelden/", views.MemberLoginView.as_view(), name="login"),
    path("abmelden/", views.logout, name="logout"),
    path("passwort/", views.password_change, name="password_change"),
    path("passwort/geaendert/", views.password_change_done, name="password_change_done"),
    path("passwort-vergessen/", views.password_reset, name="password_reset"),
    path("passwort-vergessen/gesendet/", views.password_reset_done, name="password_reset_done"),
    path(
        "passwort-vergessen/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "passwort-vergessen/fertig/", views.password_reset_complete, name="password_reset_complete"
    ),
]
