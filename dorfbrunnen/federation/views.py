"""„Termine bundesweit“ (`/bundesweit/termine/`, national site only): the coming dates of
the site's own events and of every source's, soonest first, optionally near a place. Each
date links to the site that holds its details and registration."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.forms import DEFAULT_RADIUS, RADIUS_CHOICES
from dorfbrunnen.centres.selectors import within_radius
from dorfbrunnen.core.text import whole_number

from .models import FederatedEvent, aggregating

EVENTS_PER_PAGE = 20


def events_near(events, place: geo.Place, radius_km: float):
    """The dates within the radius (an indexed box, then the plane distance in SQL)."""
    return within_radius(events, place, radius_km)


@require_safe
def national_events(request):
    if not aggregating():
        raise Http404(_("Diese Seite gibt es nur auf der bundesweiten Webseite."))
    events = (
        FederatedEvent.objects.filter(end__gte=timezone.now())
        .select_related("source")
        .order_by("start", "pk")
    )
    ort = " ".join(request.GET.get("ort", "").split())[:100]
    radius = request.GET.get("umkreis", "")
    radius = DEFAULT_RADIUS if whole_number(radius) is None else whole_number(radius)
    context = {
        "ort": ort,
        "radius": radius,
        "radii": RADIUS_CHOICES,
        "error": "",
        "place": None,
    }
    status = 200
    if radius not in dict(RADIUS_CHOICES):
        context["error"] = _("Bitte wählen Sie einen Umkreis aus der Liste.")
        status = 400
    elif ort:
        try:
            context["place"] = geo.read_place(ort)
        except geo.PlaceError as error:  # an ambiguous name, too: the message asks
            context["error"] = str(error)
            status = 400
        else:
            events = events_near(events, context["place"], radius)
    try:
        context["dates"] = Paginator(events, EVENTS_PER_PAGE).page(request.GET.get("seite", 1))
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(_("Diese Seite der Liste gibt es nicht.")) from error
    query = request.GET.copy()
    query.pop("seite", None)
    context["query_string"] = query.urlencode()
    return TemplateResponse(request, "federation/national_events.html", context, status=status)
