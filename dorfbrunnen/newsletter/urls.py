from django.urls import path, register_converter

from . import views


class NewsletterTokenConverter:
    """URL-safe base64 (secrets.token_urlsafe); anything else is not a token."""

    regex = r"[A-Za-z0-9_-]{16,100}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(NewsletterTokenConverter, "newsletter_token")

app_name = "newsletter"
urlpatterns = [
    path("bestaetigen/<newsletter_token:token>/", views.confirm, name="confirm"),
    path("verwalten/<newsletter_token:token>/", views.manage, name="manage"),
    path("abmelden/<newsletter_token:token>/", views.unsubscribe, name="unsubscribe"),
]
