"""The go-live checklist in the admin: a panel on the dashboard and its own page, for the
office (anyone who may change the association's settings)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from laces.components import Component

from .golive import golive_findings, test_mail_send


def may_see_checklist(user) -> bool:
    return user.has_perm("core.change_sitesettings")


def checklist_view(request):
    if not may_see_checklist(request.user):
        raise PermissionDenied
    findings = golive_findings()
    return TemplateResponse(
        request,
        "core/admin/golive.html",
        {
            "findings": findings,
            "open_count": sum(not finding.ok for finding in findings),
            "page_title": _("Checkliste für den Start"),
        },
    )


@require_POST
def test_mail_view(request):
    if not may_see_checklist(request.user):
        raise PermissionDenied
    if not request.user.email:
        messages.error(request, _("Ihr Konto hat keine E-Mail-Adresse. Bitte tragen Sie eine ein."))
    else:
        test_mail_send(user=request.user)
        messages.success(
            request,
            _("Die Test-Mail an %(email)s ist unterwegs. Laden Sie die Seite gleich neu.")
            % {"email": request.user.email},
        )
    return redirect("golive")


class ChecklistPanel(Component):
    name = "golive"
    order = 40
    template_name = "core/admin/golive_panel.html"

    def get_context_data(self, parent_context=None):
        findings = golive_findings()
        return {
            "open": [finding for finding in findings if not finding.ok][:6],
            "open_count": sum(not finding.ok for finding in findings),
            "total": len(findings),
        }
