"""Calendar, registration form, personal registration page and iCalendar downloads.

The event pages and the calendar are the same for every visitor and can be cached; the
registration form and the personal page have their own URLs and are never cached.
"""

import json
from datetime import date, datetime, timedelta

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from wagtail.models import Site

from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.core.network import form_flooded
from dorfbrunnen.core.views import page_at_path

from . import ical, services
from .forms import RegistrationForm
from .models import EventIndexPage, EventPage, Registration, TargetGroup
from .models.pages import OCCURRENCE_HORIZON_DAYS

OCCURRENCES_PER_PAGE = 20
PAST_EVENTS_PER_PAGE = 10


def _month(value: str) -> tuple[datetime, datetime] | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
    except (ValueError, TypeError):
        return None
    following = date(year + month // 12, month % 12 + 1, 1)
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(first, datetime.min.time(), tz),
        datetime.combine(following, datetime.min.time(), tz),
    )


def _paginate(items, number, per_page):
    try:
        return Paginator(items, per_page).page(number or 1)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(_("Diese Seite des Kalenders gibt es nicht.")) from error


@require_safe
def calendar(request, index: EventIndexPage):
    """Upcoming dates (repeating events expanded) with filters; the archive below."""
    now = timezone.now()
    events = (
        index.events()
        .upcoming(now)
        .select_related("centre", "organiser_centre")
        .prefetch_related("recurrence_exceptions", "target_groups")
    )
    errors = []
    window = (now, now + timedelta(days=OCCURRENCE_HORIZON_DAYS))
    filters = {
        key: request.GET.get(key, "") for key in ("monat", "format", "zentrum", "zielgruppe")
    }
    if filters["monat"]:
        month = _month(filters["monat"])
        if month is None:
            errors.append(_("Der Monat ist ungültig (erwartet wird z. B. 2026-12)."))
        else:
            window = (max(now, month[0]), month[1])
            events = events.filter(start__lt=month[1])
    if filters["format"]:
        if filters["format"] not in EventPage.Format.values:
            errors.append(_("Dieses Format gibt es nicht."))
        else:
            events = events.filter(event_format=filters["format"])
    if filters["zentrum"]:
        events = events.filter(
            Q(centre__slug=filters["zentrum"]) | Q(organiser_centre__slug=filters["zentrum"])
        )
    if filters["zielgruppe"]:
        events = events.filter(target_groups__slug=filters["zielgruppe"])
    occurrences = []
    if not errors:
        for event in events.distinct():
            occurrences.extend(event.occurrences(*window))
    occurrences.sort(key=lambda o: (o.start, o.event.title))
    upcoming = _paginate(occurrences, request.GET.get("seite"), OCCURRENCES_PER_PAGE)
    past = _paginate(
        index.events().past(now).select_related("centre"),
        request.GET.get("archiv"),
        PAST_EVENTS_PER_PAGE,
    )
    query = request.GET.copy()
    query.pop("seite", None)
    context = index.get_context(request)
    context.update(
        upcoming=upcoming,
        past_events=past,
        filters=filters,
        filter_errors=errors,
        formats=EventPage.Format.choices,
        centres=CentrePage.objects.live()
        .filter(Q(events_here__live=True) | Q(events_organised__live=True))
        .distinct()
        .order_by("title"),
        target_groups=TargetGroup.objects.all(),
        months=_upcoming_months(now),
        query_string=query.urlencode(),
    )
    return TemplateResponse(
        request, index.get_template(request), context, status=400 if errors else 200
    )


def _upcoming_months(now) -> list[tuple[str, date]]:
    first = timezone.localdate(now).replace(day=1)
    months = []
    for offset in range(6):
        year, month = (
            first.year + (first.month - 1 + offset) // 12,
            (first.month - 1 + offset) % 12 + 1,
        )
        months.append((f"{year}-{month:02d}", date(year, month, 1)))
    return months


def _privacy_url(request) -> str:
    site = Site.find_for_request(request)
    page = site.root_page.get_children().filter(slug="datenschutz").first() if site else None
    return page.get_url(request) if page else "/datenschutz/"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_form(request, event: EventPage):
    context = event.get_context(request)  # with the free places
    if not event.registration_open():
        return TemplateResponse(request, "events/registration_closed.html", context)
    form = RegistrationForm(request.POST or None, event=event, privacy_url=_privacy_url(request))
    status = 200
    if request.method == "POST":
        if form_flooded(request, form, f"registration:{event.pk}"):
            status = 429
        elif form.is_valid():
            if form.is_spam:
                return TemplateResponse(request, "events/registration_received.html", context)
            try:
                registration = services.registration_create(
                    event=event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    organisation=form.cleaned_data.get("organisation", ""),
                    adults=form.cleaned_data["adults"],
                    children=form.cleaned_data.get("children") or 0,
                    answers=form.answers(),
                )
            except services.RegistrationClosed:
                return TemplateResponse(request, "events/registration_closed.html", context)
            context["registration"] = registration
            return TemplateResponse(request, "events/registration_received.html", context)
        else:
            status = 400
    context["form"] = form
    return TemplateResponse(request, "events/registration_form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_confirm(request, token):
    """Opening the link shows one button; only pressing it (a POST) confirms. Mail scanners
    and link previews fetch every link in a mail: they must not confirm anybody."""
    registration = _registration(token)
    if request.method == "POST":
        services.registration_confirm(token=token)
        return HttpResponseRedirect(
            reverse("registration_detail", kwargs={"token": token}) + "?bestaetigt=1"
        )
    response = TemplateResponse(
        request,
        "events/registration_confirm.html",
        {"registration": registration, "event": registration.event},
    )
    return _private(response)


def _registration(token) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event"), token=token, anonymised=False
    )


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    # The token is in the URL: never send it to another site (e.g. the meeting host).
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_safe
def registration_detail(request, token):
    return _detail(request, _registration(token))


def _detail(request, registration, *, status=200, error=""):
    context = {
        "registration": registration,
        "event": registration.event,
        "meeting_url": registration.meeting_url,
        "just_confirmed": request.GET.get("bestaetigt") == "1",
        "can_cancel": registration.can_be_cancelled,
        "error": error,
    }
    return _private(
        TemplateResponse(request, "events/registration_detail.html", context, status=status)
    )


@never_cache
@require_POST
def registration_cancel(request, token):
    registration = _registration(token)
    try:
        services.registration_cancel(registration=registration)
    except services.NotCancellable:
        message = _(
            "Diese Anmeldung lässt sich nicht mehr stornieren: Die Veranstaltung ist vorbei "
            "oder Ihre Teilnahme ist schon vermerkt."
        )
        return _detail(request, registration, status=400, error=message)
    return HttpResponseRedirect(reverse("registration_detail", kwargs={"token": token}))


@never_cache
@require_safe
def registration_data(request, token):
    """Everything stored about this registration, as JSON (the participant's own copy)."""
    registration = _registration(token)
    data = {
        "veranstaltung": registration.event.title,
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation,
        "erwachsene": registration.adults,
        "kinder": registration.children,
        "antworten": registration.answers,
        "status": registration.get_status_display(),
        "angemeldet_am": registration.created_at.isoformat(),
        "einwilligung_am": registration.consent_at.isoformat() if registration.consent_at else None,
        "bestaetigt_am": registration.confirmed_at.isoformat()
        if registration.confirmed_at
        else None,
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="meine-anmeldung.json"'
    return response


@never_cache
@require_safe
def registration_ics(request, token):
    registration = _registration(token)
    body = ical.calendar_bytes([registration.event], request, meeting_url=registration.meeting_url)
    return _ics_response(body, "termin.ics")


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def ics_download(request, page_path, filename):
    """/veranstaltungen/kalender.ics (all upcoming) and /<event path>/termin.ics (one)."""
    page = page_at_path(request, page_path)
    if filename == "kalender" and isinstance(page, EventIndexPage):
        events = (
            page.events()
            .upcoming()
            .prefetch_related("recurrence_exceptions")
            .select_related("centre", "notice")
        )
        return _ics_response(ical.calendar_bytes(events, request), "kalender.ics")
    if filename == "termin" and isinstance(page, EventPage) and page.live:
        return _ics_response(ical.calendar_bytes([page], request), f"{page.slug}.ics")
    raise Http404
