"""The contact form: what the office configured, plus a honeypot for bots."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm

HONEYPOT_FIELD = "homepage"


class ContactFormBase(BaseForm):
    """Adds an invisible field. People never see or fill it; form-filling bots do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Bitte dieses Feld leer lassen"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        for name, field in self.fields.items():
            if name != HONEYPOT_FIELD and self.is_bound and name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]
