"""The public barrier report form, and the office's forms in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dorfbrunnen.core.forms import HoneypotMixin

from .models import BarrierReport


def local_path(value: str) -> str:
    """`value` if it is an address on this site („/zentren/“), else "". The footer's link
    passes the page's own path; anything else in the address is not trusted."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//") or len(value) > 500:
        return ""
    if any(ord(char) < 32 or char in "\\<>\"'" for char in value):
        return ""
    return value


class BarrierReportForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = BarrierReport
        fields = ["page_url", "problem", "name", "email", "phone"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 7}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        labels = {
            "page_url": _("Auf welcher Seite?"),
            "problem": _("Was funktioniert nicht?"),
            "name": _("Ihr Name (freiwillig)"),
            "email": _("Ihre E-Mail-Adresse (freiwillig)"),
            "phone": _("Ihre Telefonnummer (freiwillig)"),
        }
        help_texts = {
            "page_url": _("Die Adresse der Seite oder ihr Name, z. B. „Veranstaltungen“."),
            "problem": _(
                "Beschreiben Sie, was nicht geht – zum Beispiel: „Das Formular lässt sich mit "
                "der Tastatur nicht absenden“ oder „Der Text im PDF ist nicht vorlesbar“."
            ),
            "email": _("Damit wir Ihnen antworten können. Wir antworten innerhalb eines Monats."),
        }
        error_messages = {
            "page_url": {"required": _("Bitte nennen Sie die Seite.")},
            "problem": {"required": _("Bitte beschreiben Sie, was nicht funktioniert.")},
        }


class BarrierReportEditForm(WagtailAdminModelForm):
    """Status, answer and note. An answer once given stays as it was sent."""

    class Meta:
        model = BarrierReport
        fields = ["status", "answer", "note"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.answered_at:
            field = self.fields["answer"]
            field.disabled = True
            field.help_text = _("Diese Antwort ist am %(date)s gegeben worden.") % {
                "date": f"{self.instance.answered_at:%d.%m.%Y}"
            }
        elif not self.instance.email:
            self.fields["answer"].help_text = _(
                "Die Person hat keine E-Mail-Adresse angegeben: Die Antwort wird nur hier "
                "mit Datum gespeichert (z. B. wenn Sie telefonisch geantwortet haben)."
            )


class BarrierReportCreateForm(WagtailAdminModelForm):
    """A report the office takes by phone or letter."""

    class Meta:
        model = BarrierReport
        fields = ["page_url", "problem", "name", "email", "phone"]
