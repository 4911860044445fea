"""Member login on the site (not the admin) and password reset by mail via the queue."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.forms import QueuedPasswordResetForm

__all__ = ["MemberLoginForm", "QueuedPasswordResetForm"]


class MemberLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Benutzername oder Passwort stimmen nicht. Achten Sie auf Groß- und Kleinschreibung."
        ),
        "inactive": _("Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Geschäftsstelle."),
    }
