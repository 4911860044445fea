"""The newsletter's forms: subscribing, the personal page's lists, planning a send, and the
import of an existing list (CSV)."""

import csv
import io
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from dorfbrunnen.core.forms import (
    HoneypotMixin,
    consent_field,
    visitor_email_field,
    visitor_name_field,
)
from dorfbrunnen.core.text import whole_number

from .models import ConsentText, NewsletterList, Subscriber
from .services import ImportRow

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000


class ListChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    LARGEST_ID = 2**63 - 1

    def clean(self, value):
        # A list's id, nothing else: SQLite's driver fails on a number beyond 64 bits
        # instead of finding no row.
        for item in value if isinstance(value, (list, tuple)) else ():
            if whole_number(item) is None or whole_number(item) > self.LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super().clean(value)

    def label_from_instance(self, obj):
        return f"{obj.name} – {obj.description}" if obj.description else obj.name


def offered_lists(user, subscriber: Subscriber | None = None):
    """Lists a person may choose: members-only ones only for logged-in members (or for
    someone already on them)."""
    from dorfbrunnen.core.roles import MEMBERS, OFFICE, role_group

    lists = NewsletterList.objects.all()
    is_member = bool(
        user is not None
        and user.is_authenticated
        and (
            user.is_superuser
            or user.groups.filter(
                pk__in=[g.pk for g in (role_group(MEMBERS), role_group(OFFICE)) if g]
            ).exists()
        )
    )
    if is_member:
        return lists
    if subscriber is not None:
        return lists.filter(Q(members_only=False) | Q(pk__in=subscriber.lists.values("pk")))
    return lists.filter(members_only=False)


class SubscribeForm(HoneypotMixin, forms.Form):
    email = visitor_email_field()
    name = visitor_name_field(required=False)
    lists = ListChoiceField(
        label=_("Welche Verteiler möchten Sie bekommen?"),
        queryset=NewsletterList.objects.none(),
        error_messages={"required": _("Bitte wählen Sie mindestens einen Verteiler.")},
    )
    consent_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, consent_text: ConsentText, privacy_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = offered_lists(user)
        self.fields["name"].help_text = _("Freiwillig – dann sprechen wir Sie mit Namen an.")
        self.fields["consent_version"].initial = consent_text.version
        self.fields["consent"] = consent_field(
            consent_text.text,
            help_text=format_html(
                '{} <a href="{}">{}</a>',
                _("Mehr dazu in unserer"),
                privacy_url or "/datenschutz/",
                _("Datenschutzerklärung"),
            ),
            required_message=_(
                "Bitte stimmen Sie zu, damit wir Ihnen den Newsletter schicken dürfen."
            ),
        )

    def clean_consent_version(self):
        version = self.cleaned_data["consent_version"]
        text = ConsentText.objects.filter(version=version).first()
        if text is None:
            raise ValidationError(
                _("Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.")
            )
        return text


class ManageForm(forms.Form):
    lists = ListChoiceField(
        label=_("Ihre Verteiler"),
        queryset=NewsletterList.objects.none(),
        required=False,
        help_text=_("Ohne Haken bekommen Sie keinen Newsletter mehr."),
    )

    def __init__(self, *args, user=None, subscriber: Subscriber, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = offered_lists(user, subscriber)


class ScheduleForm(forms.Form):
    lists = ListChoiceField(
        label=_("An diese Verteiler"),
        queryset=NewsletterList.objects.all(),
        error_messages={"required": _("Bitte wählen Sie mindestens einen Verteiler.")},
    )
    send_at = forms.DateTimeField(
        label=_("Versand ab"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Leer lassen, um sofort zu senden."),
    )

    def __init__(self, *args, counts: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = counts or {}
        field = self.fields["lists"]
        field.label_from_instance = lambda item: (
            _("%(name)s (%(count)s Empfänger)")
            % {
                "name": item.name,
                "count": counts.get(item.pk, 0),
            }
        )


def _parse_date(value: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


COLUMNS = {
    "email": ("email", "e-mail", "e_mail", "mail", "e-mail-adresse"),
    "name": ("name",),
    "consented_on": ("einwilligung_am", "einwilligung", "datum", "consent_date"),
    "source": ("quelle", "herkunft", "source"),
}


def read_import(data: bytes, default_source: str = "") -> list[ImportRow]:
    """Rows of a CSV file (UTF-8, comma or semicolon): e-mail, name, date of the original
    consent (2024-05-15 or 15.05.2024) and its source. Every problem is reported with its line;
    then nothing is imported."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Die Datei ist nicht in UTF-8 gespeichert.")) from error
    try:
        return _import_rows(text, default_source)
    except csv.Error as error:  # a cell over the csv module's limit, a stray NUL
        raise ValidationError(
            _("Die Datei lässt sich nicht als CSV-Datei lesen (%(error)s).") % {"error": error}
        ) from error


def _import_rows(text: str, default_source: str) -> list[ImportRow]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [cell.strip().lower() for cell in next(reader, [])]
    positions = {}
    for key, names in COLUMNS.items():
        for index, cell in enumerate(header):
            if cell in names:
                positions[key] = index
                break
    required = {"email": "email", "consented_on": "einwilligung_am"}
    missing = [label for key, label in required.items() if key not in positions]
    if missing:
        raise ValidationError(
            _("In der ersten Zeile fehlen die Spalten: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    rows, errors, seen = [], [], set()
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue

        def cell(key, cells=cells):
            index = positions.get(key)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        email = cell("email").lower()
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                _("Zeile %(line)s: „%(value)s“ ist keine E-Mail-Adresse.")
                % {"line": number, "value": email[:80]}
            )
            continue
        consented_on = _parse_date(cell("consented_on"))
        if consented_on is None or consented_on > date.today():
            errors.append(
                _("Zeile %(line)s: Das Datum der Einwilligung fehlt oder ist ungültig.")
                % {"line": number}
            )
            continue
        source = cell("source") or default_source
        if not source:
            errors.append(
                _("Zeile %(line)s: Die Quelle der Einwilligung fehlt.") % {"line": number}
            )
            continue
        if email in seen:
            continue
        seen.add(email)
        rows.append(ImportRow(email, cell("name")[:150], consented_on, source[:300]))
        if len(rows) > MAX_IMPORT_ROWS:
            raise ValidationError(_("Die Datei hat zu viele Zeilen (höchstens 50.000)."))
    if errors:
        raise ValidationError(
            errors[:20] + ([_("… und weitere Fehler.")] if len(errors) > 20 else [])
        )
    if not rows:
        raise ValidationError(_("Die Datei enthält keine Adressen."))
    return rows


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Erste Zeile: email;name;einwilligung_am;quelle. Je Zeile eine Adresse, das Datum der "
            "ursprünglichen Einwilligung (z. B. 15.05.2024) und wo sie gegeben wurde (z. B. "
            "„Teilnehmerliste Fachtag 2024“). UTF-8, getrennt durch Semikolon oder Komma."
        ),
    )
    default_source = forms.CharField(
        label=_("Quelle, wenn die Datei keine nennt"), max_length=300, required=False
    )
    lists = ListChoiceField(
        label=_("In diese Verteiler"),
        queryset=NewsletterList.objects.all(),
        error_messages={"required": _("Bitte wählen Sie mindestens einen Verteiler.")},
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_IMPORT_BYTES:
                self.add_error("file", _("Die Datei ist größer als 5 MB."))
            else:
                try:
                    data["rows"] = read_import(upload.read(), data.get("default_source", ""))
                except ValidationError as error:
                    self.add_error("file", error)
        return data
