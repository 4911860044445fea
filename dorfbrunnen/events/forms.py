"""The registration form: fixed fields, the questions the office configured, consent."""

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.forms import (
    HoneypotMixin,
    consent_field,
    visitor_email_field,
    visitor_name_field,
)

MAX_ANSWER_LENGTH = 2000


class RegistrationForm(HoneypotMixin, forms.Form):
    name = visitor_name_field()
    email = visitor_email_field()
    organisation = forms.CharField(
        label=_("Organisation oder Zentrum"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    adults = forms.IntegerField(label=_("Erwachsene"), min_value=1, initial=1)
    children = forms.IntegerField(label=_("Kinder"), min_value=0, initial=0, required=False)

    def __init__(self, *args, event, privacy_url="/datenschutz/", **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.question_fields = []
        for number, block in enumerate(event.questions):
            name = f"frage_{number}"
            value = block.value
            if block.block_type == "choice":
                choices = [(option, option) for option in value["options"]]
                field = forms.ChoiceField(
                    label=value["label"],
                    choices=choices,
                    required=value["required"],
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    label=value["label"],
                    required=value["required"],
                    max_length=MAX_ANSWER_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
            self.fields[name] = field
            self.question_fields.append((name, value["label"]))
        self.fields["consent"] = consent_field(
            mark_safe(  # noqa: S308 – our own text and URL
                _(
                    "Ich bin einverstanden, dass meine Angaben zur Durchführung der "
                    'Veranstaltung gespeichert werden (<a href="%(url)s">Datenschutz</a>). '
                    "Sie werden nach der Veranstaltung gelöscht."
                )
                % {"url": privacy_url}
            ),
            required_message=_("Bitte stimmen Sie der Speicherung Ihrer Angaben zu."),
        )
        limit = event.max_places_per_registration
        self.fields["adults"].widget.attrs["max"] = limit
        if not event.children_welcome:
            del self.fields["children"]
        if limit <= 1 and not event.children_welcome:
            self.fields["adults"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        places = (data.get("adults") or 0) + (data.get("children") or 0)
        limit = self.event.max_places_per_registration
        if places > limit:
            raise forms.ValidationError(
                _("Pro Anmeldung sind höchstens %(limit)s Plätze möglich.") % {"limit": limit}
            )
        return data

    def answers(self) -> dict:
        return {label: self.cleaned_data.get(name, "") for name, label in self.question_fields}
