"""Spreadsheet exports that the office's German spreadsheet programs open correctly, and
that cannot run formulas.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
by Excel and LibreOffice – a participant who calls herself `=HYPERLINK(…)` would run code
in the office's spreadsheet. Such text is written with a leading apostrophe, which the
programs show as text. Control characters (which a web form lets through, and which
openpyxl refuses to write) are left out. Times are the office's local time; the CSV is
semicolon-separated UTF-8 with a byte-order mark, as German Excel expects it. Both downloads
are buttons in view on the listing (Excel first), not entries of a menu.
"""

import csv
import datetime
import re

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin
from wagtail.admin.widgets import HeaderButton

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What an XML 1.0 document cannot hold: the C0 controls but tab, line feed, carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value):
    """A cell's text as a spreadsheet shows it and never runs it."""
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def restored(value: str) -> str:
    """A cell `neutralise` wrote, as it was – for a file that comes back (the centres' CSV)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def local_time(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


class GermanCSVDialect(csv.excel):
    delimiter = ";"


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.show_export_buttons:
            buttons += [
                HeaderButton(
                    _("Excel herunterladen"),
                    url=self.xlsx_export_url,
                    icon_name="download",
                    priority=200,
                ),
                HeaderButton(
                    _("CSV herunterladen"),
                    url=self.csv_export_url,
                    icon_name="download",
                    priority=210,
                ),
            ]
        return buttons

    @cached_property
    def header_more_buttons(self):
        exports = {self.xlsx_export_url, self.csv_export_url}
        return [button for button in super().header_more_buttons if button.url not in exports]

    def preprocess_field_value(self, field, value, export_format):
        value = local_time(value)
        if export_format == self.FORMAT_CSV and isinstance(value, datetime.datetime):
            return value.strftime("%d.%m.%Y %H:%M")
        if isinstance(value, datetime.datetime):
            return value  # openpyxl writes it as a date cell
        if isinstance(value, dict):  # answers to the registration form's questions
            value = " | ".join(f"{key}: {force_str(answer)}" for key, answer in value.items())
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, dialect=GermanCSVDialect)
        yield "\ufeff".encode() + writer.writerow(  # Echo returns bytes
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(
            self.stream_csv(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response
