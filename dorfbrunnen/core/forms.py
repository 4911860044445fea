"""Pieces shared by the public forms, and the admin's login form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

HONEYPOT_FIELD = "homepage"


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
