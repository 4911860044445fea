"""Pieces shared by the public forms, the admin's login form and the password reset."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from .mail import mail_queue, render_text

HONEYPOT_FIELD = "homepage"


# The visitor's own name and address, with the hints that let a phone fill them in
# (WCAG 1.3.5) – the public forms' fields, one definition.
def visitor_name_field(*, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=_("Ihr Name"),
        max_length=150,
        required=required,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


def visitor_email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def consent_field(label, *, required_message, help_text="") -> forms.BooleanField:
    """A consent checkbox. Its label is the whole text agreed to; the error summary names
    it „Einwilligung“ (`summary_label`, components/form_errors.html) instead of repeating
    that text before its message."""
    field = forms.BooleanField(
        label=label, help_text=help_text, error_messages={"required": required_message}
    )
    field.summary_label = _("Einwilligung")
    return field


class HoneypotMixin:
    """An invisible field people never fill and form-filling bots do, and `aria-invalid` on
    every visible field with an error (for screen readers)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Bitte dieses Feld leer lassen"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def mark_invalid_fields(self):
        for name in self.errors if self.is_bound else []:
            field = self.fields.get(name)
            if field is not None and name != HONEYPOT_FIELD and not field.widget.is_hidden:
                field.widget.attrs["aria-invalid"] = "true"

    def full_clean(self):
        super().full_clean()
        self.mark_invalid_fields()

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


class AdminLoginForm(LoginForm):
    """Wagtail's login form in the volunteers' words: invited accounts are named by their
    e-mail address, older ones by a user name – either works (core.authentication)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username, password = self.fields["username"], self.fields["password"]
        username.label = _("E-Mail-Adresse oder Benutzername")
        username.widget.attrs.pop("placeholder", None)
        username.widget.attrs["autocomplete"] = "username"
        password.label = _("Passwort")
        password.widget.attrs.pop("placeholder", None)
        password.widget.attrs["autocomplete"] = "current-password"


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form; the mail goes through our queue (retried, never lost). Unlike
    Django's, it also answers an invited person who never set a password (the invitation's
    link has run out): the account is active, only its password is not set yet."""

    def get_users(self, email):
        email_field = get_user_model().get_email_field_name()
        return get_user_model()._default_manager.filter(
            **{f"{email_field}__iexact": email, "is_active": True}
        )

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
