"""The office's list of barrier reports, with each one's deadline, and the editors' check
for long sentences in Wagtail's content checker.

The list shows open reports first, the nearest deadline on top. Editing a report means
setting its status, writing the answer (mailed to the reporter on saving, once) and an
internal note; the report itself stays as it arrived. Only the office sees reports
(accessibility.permissions)."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from dorfbrunnen.core.scoping import ScopedIndexMixin, ScopedViewSetMixin

from . import services
from .checks import with_clear_language_check
from .forms import BarrierReportCreateForm, BarrierReportEditForm
from .models import BarrierReport


class BarrierReportIndexView(ScopedIndexMixin, IndexView):
    pass


class BarrierReportCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.barrier_report_create(
            page_url=data["page_url"],
            problem=data["problem"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
        )


class BarrierReportEditView(EditView):
    template_name = "accessibility/admin/report_edit.html"

    def save_instance(self):
        data = self.form.cleaned_data
        answered_before = self.object.answered_at is not None
        report = services.barrier_report_update(
            report=self.object,
            status=data["status"],
            answer=data.get("answer") or "",
            note=data.get("note") or "",
        )
        if not answered_before and report.answered_at:
            if report.answer_mailed:
                text = _("Die Antwort geht per E-Mail an %(email)s.") % {"email": report.email}
            else:
                text = _("Die Antwort ist mit Datum gespeichert (keine E-Mail-Adresse).")
            messages.info(self.request, text)
        return report


class BarrierReportViewSet(ScopedViewSetMixin, ModelViewSet):
    model = BarrierReport
    icon = "warning"
    menu_label = _("Barriere-Meldungen")
    menu_order = 255
    add_to_admin_menu = True
    url_prefix = "barriere-meldungen"
    index_view_class = BarrierReportIndexView
    add_view_class = BarrierReportCreateView
    edit_view_class = BarrierReportEditView
    form_fields = ["status", "answer", "note"]
    list_display = ["page_url", "created_at", "deadline", "deadline_state", "status"]
    list_filter = ["status"]
    search_fields = ["page_url", "problem", "name", "email"]

    def get_form_class(self, for_update=False):
        return BarrierReportEditForm if for_update else BarrierReportCreateForm


barrier_report_viewset = BarrierReportViewSet("barrier_reports")


@hooks.register("register_admin_viewset")
def register_barrier_report_viewset():
    return barrier_report_viewset


@hooks.register("construct_wagtail_userbar")
def add_clear_language_check(request, items, page):
    with_clear_language_check(items)
