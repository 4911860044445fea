"""The office's list of contact form messages in the admin, and its spreadsheet export."""

from wagtail.contrib.forms.views import SubmissionsListView

from dorfbrunnen.core.exports import SafeSpreadsheetExportMixin


class ContactSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's submissions list whose CSV/XLSX export German spreadsheet programs open
    as intended: a sender who calls herself `=HYPERLINK(…)` stays text, not a formula;
    semicolons, UTF-8 with BOM, Berlin times."""
