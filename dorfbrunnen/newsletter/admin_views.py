"""The office's newsletter screens beside the viewsets: sending an issue (test to oneself,
planning a send, progress, cancelling, „erneut senden“), the mail preview of the current
draft, every send with its progress, and the import of an existing list. Each one calls the
same services as everything else (newsletter/services.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from dorfbrunnen.core.text import whole_number

from . import selectors, services
from .forms import ImportForm, ScheduleForm
from .models import NewsletterIssuePage, NewsletterSend
from .rendering import issue_render

SEND_PERMISSION = "newsletter.add_newslettersend"


def _issue(request, page_id) -> NewsletterIssuePage:
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    return get_object_or_404(NewsletterIssuePage, pk=page_id)


def issue_sending_view(request, page_id):
    issue = _issue(request, page_id)
    lists = list(selectors.lists_with_counts())
    counts = {item.pk: item.receiving for item in lists}
    form = ScheduleForm(
        request.POST if request.POST.get("action") == "schedule" else None, counts=counts
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            try:
                services.send_test(issue=issue, address=request.user.email, user=request.user)
            except services.SendNotPossible as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Die Test-E-Mail geht an %(address)s.") % {"address": request.user.email},
                )
            return redirect("newsletter_issue_sending", issue.pk)
        if action in ("cancel", "resend"):
            send = get_object_or_404(
                NewsletterSend, pk=whole_number(request.POST.get("send", "")), issue=issue
            )
            if action == "cancel":
                count = services.send_cancel(send=send)
                messages.success(
                    request,
                    _("Der Versand ist abgebrochen; %(count)s E-Mails gehen nicht mehr hinaus.")
                    % {"count": count},
                )
            else:
                count = services.deliveries_resend(send=send)
                messages.success(
                    request, _("%(count)s E-Mails werden erneut gesendet.") % {"count": count}
                )
            return redirect("newsletter_issue_sending", issue.pk)
        if action == "schedule" and form.is_valid():
            try:
                send = services.send_schedule(
                    issue=issue,
                    lists=list(form.cleaned_data["lists"]),
                    send_at=form.cleaned_data["send_at"],
                    user=request.user,
                )
            except services.SendNotPossible as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Der Versand an %(lists)s ist für %(when)s geplant.")
                    % {
                        "lists": send.list_names,
                        "when": timezone.localtime(send.send_at).strftime("%d.%m.%Y %H:%M"),
                    },
                )
                return redirect("newsletter_issue_sending", issue.pk)
        status = 400
    sends = list(selectors.sends_with_progress(issue.sends.all()))
    for send in sends:
        send.stuck = services.deliveries_stuck(send).count() if send.count_sending else 0
        send.problems = (
            selectors.problem_deliveries(send) if send.stuck or send.count_failed else []
        )
    return TemplateResponse(
        request,
        "newsletter/admin/issue_sending.html",
        {
            "issue": issue,
            "form": form,
            "sends": sends,
            "page_title": _("Newsletter versenden"),
        },
        status=status,
    )


def issue_mail_preview_view(request, page_id):
    """The mail as it would go out now: the latest draft, CSS inlined."""
    issue = _issue(request, page_id)
    return HttpResponse(issue_render(issue.get_latest_revision_as_object()).html)


def sends_view(request):
    if not request.user.has_perm("newsletter.view_newslettersend"):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "newsletter/admin/sends.html",
        {
            "sends": selectors.sends_with_progress()[:200],
            "page_title": _("Newsletter-Versand"),
        },
    )


def import_view(request):
    if not request.user.has_perm("newsletter.change_subscriber"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = services.subscribers_import(
            rows=form.cleaned_data["rows"], lists=list(form.cleaned_data["lists"])
        )
        messages.success(
            request,
            _(
                "%(created)s Adressen übernommen. Schon angemeldet: %(already)s. Abgemeldet "
                "(bleiben abgemeldet): %(withdrawn)s."
            )
            % {
                "created": len(result.created),
                "already": len(result.already),
                "withdrawn": len(result.withdrawn),
            },
        )
        return redirect("newsletter_subscribers:index")
    return TemplateResponse(
        request,
        "newsletter/admin/import.html",
        {"form": form, "page_title": _("Abonnements importieren")},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
