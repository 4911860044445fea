"""The admin's document upload form (type by content, size, macros) and the public
suggestion form of a chapter."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from dorfbrunnen.core.forms import HoneypotMixin

from .files import EXTENSION_KINDS, KIND_LABELS, UnsafeFile, detect_kind
from .models import ChapterSuggestion


def validate_upload(upload) -> None:
    """Refuse files of types the office does not allow, or whose content does not match
    their name. Raises ValidationError with a message for the person uploading."""
    allowed = ", ".join(sorted({KIND_LABELS[kind] for kind in EXTENSION_KINDS.values()}))
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    expected = EXTENSION_KINDS.get(extension)
    if expected is None:
        raise ValidationError(
            _("Dateien dieser Art können nicht hochgeladen werden. Erlaubt sind: %(allowed)s.")
            % {"allowed": allowed},
            code="file_type",
        )
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        detected = detect_kind(data)
    except UnsafeFile as error:
        raise ValidationError(str(error), code="file_unsafe") from error
    if detected != expected:
        raise ValidationError(
            _(
                "Der Inhalt der Datei passt nicht zur Endung „.%(extension)s“ – sie ist "
                "beschädigt oder keine %(expected)s-Datei. Bitte speichern Sie sie noch einmal "
                "im richtigen Format."
            )
            % {"extension": extension, "expected": KIND_LABELS[expected]},
            code="file_content",
        )


class LibraryDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            validate_upload(upload)
        return upload


class SuggestionForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = ChapterSuggestion
        fields = ["kind", "message", "url", "name", "email"]
        widgets = {
            "kind": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
            "url": forms.URLInput(attrs={"placeholder": "https://"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {
            "kind": _("Worum geht es?"),
            "message": _("Ihr Hinweis"),
            "url": _("Link (wenn Sie einen empfehlen)"),
            "name": _("Ihr Name (freiwillig)"),
            "email": _("Ihre E-Mail-Adresse (freiwillig, für Rückfragen)"),
        }
