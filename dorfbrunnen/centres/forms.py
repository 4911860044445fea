from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Offer

RADIUS_CHOICES = [(5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")]
DEFAULT_RADIUS = 25


class CentreSearchForm(forms.Form):
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
    angebot = forms.MultipleChoiceField(
        label=_("Angebote"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Das Angebot „%(value)s“ gibt es nicht.")},
    )
    offen = forms.BooleanField(label=_("Nur Zentren, die jetzt geöffnet sind"), required=False)
    near = forms.CharField(required=False, widget=forms.HiddenInput, max_length=60)

    def __init__(self, data=None, *args, offers=None, **kwargs):
        if data is not None and not data.get("umkreis"):
            # The radius select shows the radius actually used, also when the address
            # names none (the home page's box sends only the place).
            data = data.copy()
            data["umkreis"] = str(DEFAULT_RADIUS)
        super().__init__(data, *args, **kwargs)
        offers = offers if offers is not None else Offer.objects.all()
        self.fields["angebot"].choices = [(offer.slug, offer.name) for offer in offers]

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    @property
    def has_place(self) -> bool:
        return bool(self.cleaned_data.get("ort") or self.cleaned_data.get("near"))
