"""The public barrier report form: its own address, never cached (it carries a CSRF
token), reached from every page's footer with that page's path (`?seite=/pfad/`)."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from dorfbrunnen.core.network import form_flooded

from . import services
from .forms import BarrierReportForm, local_path
from .models import one_month_after


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def barrier_report(request):
    if request.method == "POST":
        form = BarrierReportForm(request.POST)
        if form_flooded(request, form, "barrier-report"):
            return TemplateResponse(
                request, "accessibility/report_form.html", {"form": form}, status=429
            )
        if not form.is_valid():
            return TemplateResponse(
                request, "accessibility/report_form.html", {"form": form}, status=400
            )
        report = None
        if not form.is_spam:  # a bot filled the hidden field: thanked, nothing kept
            data = form.cleaned_data
            report = services.barrier_report_create(
                page_url=data["page_url"],
                problem=data["problem"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
            )
        # To the thanks on an address of its own: reloading it sends nothing twice.
        query = {"seite": local_path(form.cleaned_data["page_url"])}
        if report is not None and (report.email or report.phone):
            query["antwort"] = "1"
        return HttpResponseRedirect(f"{reverse('barrier_report_received')}?{urlencode(query)}")
    form = BarrierReportForm(initial={"page_url": local_path(request.GET.get("seite", ""))})
    return TemplateResponse(request, "accessibility/report_form.html", {"form": form})


@never_cache  # its date is today's deadline
@require_safe
def barrier_report_received(request):
    """The thanks, with the date by which a reporter who left an address hears back (the
    deadline a report made today gets)."""
    context = {
        "back_url": local_path(request.GET.get("seite", "")),
        "deadline": one_month_after(timezone.localdate())
        if request.GET.get("antwort") == "1"
        else None,
    }
    return TemplateResponse(request, "accessibility/report_received.html", context)
