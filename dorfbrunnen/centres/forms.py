from django import forms
from django.utils.translation import gettext_lazy as _

from .programme import read_age

RADIUS_CHOICES = [(5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")]
DEFAULT_RADIUS = 25


class PlaceSearchForm(forms.Form):
    """A place and a radius, as the centre finder and „Angebote finden“ ask for them; fields
    with errors are marked for assistive technology."""

    ort = forms.CharField(
        label=_("Postleitzahl oder Ort"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "search"}),
    )
    umkreis = forms.TypedChoiceField(
        label=_("Umkreis"),
        choices=RADIUS_CHOICES,
        coerce=int,
        required=False,
        empty_value=DEFAULT_RADIUS,
        initial=DEFAULT_RADIUS,
        error_messages={"invalid_choice": _("Bitte wählen Sie einen der angebotenen Umkreise.")},
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("umkreis"):
            # The radius select shows the radius actually used, also when the address
            # names none (the home page's box sends only the place).
            data = data.copy()
            data["umkreis"] = str(DEFAULT_RADIUS)
        super().__init__(data, *args, **kwargs)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class CentreSearchForm(PlaceSearchForm):
    angebot = forms.MultipleChoiceField(
        label=_("Angebote"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Das Angebot „%(value)s“ gibt es nicht.")},
    )
    offen = forms.BooleanField(label=_("Nur Zentren, die jetzt geöffnet sind"), required=False)
    near = forms.CharField(required=False, widget=forms.HiddenInput, max_length=60)

    def __init__(self, data=None, *args, offers=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if offers is None:
            from .selectors import all_offers

            offers = all_offers()
        self.fields["angebot"].choices = [(offer.slug, offer.name) for offer in offers]

    @property
    def has_place(self) -> bool:
        return bool(self.cleaned_data.get("ort") or self.cleaned_data.get("near"))


WEEKDAY_CHOICES = [
    ("1", _("Montag")),
    ("2", _("Dienstag")),
    ("3", _("Mittwoch")),
    ("4", _("Donnerstag")),
    ("5", _("Freitag")),
    ("6", _("Samstag")),
    ("7", _("Sonntag")),
]
WHEN_CHOICES = [("", _("egal")), ("heute", _("heute")), ("woche", _("diese Woche"))]


class AgeField(forms.CharField):
    """An age in years by the rule the API follows too (`programme.read_age`): „1,5“ and
    „1.5“ in every language."""

    def to_python(self, value):
        try:
            return read_age(super().to_python(value))
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class ProgrammeSearchForm(PlaceSearchForm):
    """The query of „Angebote finden“ (centres/programme_views.py)."""

    alter = AgeField(
        label=_("Alter des Kindes (Jahre)"),
        required=False,
        help_text=_("z. B. 3 oder 1,5"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    fuer_mich = forms.BooleanField(label=_("Für mich (Erwachsene)"), required=False)
    sprache = forms.ChoiceField(
        label=_("Sprache"),
        required=False,
        error_messages={"invalid_choice": _("Diese Sprache kennen wir nicht.")},
    )
    thema = forms.ChoiceField(
        label=_("Thema"),
        required=False,
        error_messages={"invalid_choice": _("Dieses Thema gibt es nicht.")},
    )
    tag = forms.ChoiceField(
        label=_("Wochentag"),
        required=False,
        choices=[("", _("alle Tage")), *WEEKDAY_CHOICES],
        error_messages={"invalid_choice": _("Bitte einen Wochentag wählen.")},
    )
    wann = forms.ChoiceField(
        label=_("Wann"),
        required=False,
        choices=WHEN_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Bitte „heute“ oder „diese Woche“ wählen.")},
    )

    def __init__(self, data=None, *args, offers=(), languages=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["thema"].choices = [("", _("alle Themen"))] + [
            (offer.slug, offer.name) for offer in offers
        ]
        self.fields["sprache"].choices = [("", _("alle Sprachen")), *languages]

    def clean(self):
        data = super().clean()
        if data.get("fuer_mich") and data.get("alter") is not None:
            self.add_error(
                "alter", _("Bitte entweder das Alter des Kindes oder „Für mich“ angeben.")
            )
        return data
