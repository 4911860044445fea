"""Member login on the site (not the admin) and password reset by mail via the queue."""

from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.mail import mail_queue, render_text


class MemberLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Benutzername oder Passwort stimmen nicht. Achten Sie auf Groß- und Kleinschreibung."
        ),
        "inactive": _("Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Geschäftsstelle."),
    }


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form; the mail goes through our queue (retried, never lost)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_text(subject_template_name, context).splitlines())
        body = render_text(email_template_name, context)
        mail_queue(to=[to_email], subject=subject, body=body)
