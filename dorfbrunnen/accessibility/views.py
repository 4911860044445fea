"""The public barrier report form: its own address, never cached (it carries a CSRF
token), reached from every page's footer with that page's path (`?seite=/pfad/`)."""

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from dorfbrunnen.core.network import form_flooded

from . import services
from .forms import BarrierReportForm, local_path


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
        back = local_path(form.cleaned_data["page_url"])
        return TemplateResponse(
            request, "accessibility/report_received.html", {"report": report, "back_url": back}
        )
    form = BarrierReportForm(initial={"page_url": local_path(request.GET.get("seite", ""))})
    return TemplateResponse(request, "accessibility/report_form.html", {"form": form})
