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
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Site

from dorfbrunnen.centres import geo
from dorfbrunnen.core.content_cache import cached, form_page
from dorfbrunnen.core.i18n import active_language
from dorfbrunnen.core.network import form_flooded
from dorfbrunnen.core.restrictions import page_refused
from dorfbrunnen.core.text import whole_number
from dorfbrunnen.core.views import page_at_path

from . import ical, selectors, services
from .forms import RegistrationForm
from .mails import event_in_language
from .models import EventIndexPage, EventPage, Registration, TargetGroup
from .models.pages import OCCURRENCE_HORIZON_DAYS

OCCURRENCES_PER_PAGE = 20
PAST_EVENTS_PER_PAGE = 10


def _month(value: str) -> tuple[datetime, datetime] | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)  # not after 9999-12
    except (ValueError, TypeError):
        return None
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


# The place filter's radii, as the centre finder's; „online“: events one can join from anywhere.
RADIUS_CHOICES = [5, 10, 25, 50, 100]
DEFAULT_RADIUS = 25


def _place_filter(request, filters, events, errors, context):
    """The calendar's place filter: `ort` (postcode, town) and `umkreis` (km, or „online“).
    Returns the events narrowed down."""
    radius = filters["umkreis"]
    if radius == selectors.ONLINE:
        return events.filter(event_format__in=[EventPage.Format.ONLINE, EventPage.Format.HYBRID])
    if radius and whole_number(radius) not in RADIUS_CHOICES:
        errors.append(_("Bitte wählen Sie einen der angebotenen Umkreise."))
        return events
    if not filters["ort"]:
        return events
    try:
        place = geo.read_place(filters["ort"])
    except geo.AmbiguousPlace as error:
        context.update(place_question=str(error), place_options=error.choices(request))
        return events
    except geo.PlaceError as error:
        errors.append(str(error))
        return events
    radius_km = int(radius or DEFAULT_RADIUS)
    context.update(place=place, radius_km=radius_km)
    return selectors.near_place(events, place, radius_km)


@require_safe
def calendar(request, index: EventIndexPage):
    """Upcoming events with filters – each once, at its next date in the chosen window (a
    repeating group reads „jeden Dienstag, nächster Termin …“); the archive below."""
    now = timezone.now()
    events = selectors.listed_events().upcoming(now)
    errors = []
    context = index.get_context(request)
    window = (now, now + timedelta(days=OCCURRENCE_HORIZON_DAYS))
    filters = {
        key: " ".join(request.GET.get(key, "").split())[:100]
        for key in ("monat", "format", "zentrum", "zielgruppe", "ort", "umkreis")
    }
    month_shown = None
    if filters["monat"]:
        month = _month(filters["monat"])
        if month is None:
            errors.append(_("Der Monat ist ungültig (erwartet wird z. B. 2026-12)."))
        else:
            window = (max(now, month[0]), month[1])
            events = events.filter(start__lt=month[1])
            month_shown = timezone.localdate(month[0])
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
        # One target group per slug: the join adds no row twice, so no DISTINCT, which
        # would keep the database from paging the calendar by its index.
        events = events.filter(target_groups__slug=filters["zielgruppe"])
    events = _place_filter(request, filters, events, errors, context)
    dates = []
    if not errors:
        dates = selectors.calendar_dates(events, window)
    upcoming = _paginate(dates, request.GET.get("seite"), OCCURRENCES_PER_PAGE)
    # „Dezember 2026“, a place: what is past answers nothing the visitor asked.
    filtered = any(filters[key] for key in ("monat", "format", "zentrum", "zielgruppe", "ort")) or (
        filters["umkreis"] == selectors.ONLINE
    )
    archive_page = request.GET.get("archiv")
    past = None
    if not filtered:
        past = _paginate(
            selectors.archive(PAST_EVENTS_PER_PAGE, now)
            if archive_page in (None, "", "1")
            else selectors.listed_events().past(now).values_list("pk", "start"),
            archive_page,
            PAST_EVENTS_PER_PAGE,
        )
    query = request.GET.copy()
    query.pop("seite", None)
    context.update(
        upcoming=upcoming,
        past_events=past,
        # The kept first page carries its cards' stamps (`selectors.archive`).
        past_stamps=getattr(past.paginator.object_list, "stamps", None) if past else None,
        filters=filters,
        # What the filter answered: not while it asks back which place was meant.
        answered=filtered and not errors and "place_options" not in context,
        month_shown=month_shown,
        filter_errors=errors,
        formats=EventPage.Format.choices,
        radii=RADIUS_CHOICES,
        default_radius=DEFAULT_RADIUS,
        online_choice=selectors.ONLINE,
        centres=selectors.centre_choices(),
        # Kept per content version (target groups are `shown_everywhere`).
        target_groups=cached("calendar-target-groups", lambda: list(TargetGroup.objects.all())),
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

    def find():
        page = site.root_page.get_children().filter(slug="datenschutz").first() if site else None
        return page.get_url(request) if page else "/datenschutz/"

    # Once per site and content version, not on every form view and every submission.
    return cached(f"privacy-url:{site.pk if site else 0}", find)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_form(request, event: EventPage):
    """The form; a registration made leads on (303) to „Fast geschafft“, a page without
    personal data that caches can serve – reloading it sends nothing twice."""
    if not event.registration_open():
        return _registration_closed(request, event)
    # A POST is a submission even with an empty body: its form is bound and says what is
    # missing (an unbound one would be taken for the empty form).
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(data, event=event, privacy_url=_privacy_url(request))
    status = 200
    if request.method == "POST":
        if form_flooded(request, form, f"registration:{event.translation_key}"):
            status = 429
        elif form.is_valid():
            if form.is_spam:  # looks the same as a registration made
                return HttpResponseRedirect(_received_url(event), status=303)
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
                return _registration_closed(request, event)
            waiting = registration.status == Registration.Status.WAITING
            return HttpResponseRedirect(_received_url(event, waiting=waiting), status=303)
        else:
            status = 400
    context = event.get_context(request)  # with the free places
    context["form"] = form
    free = context.get("free_places")

    def render(extra):
        template = "events/registration_form.html"
        return TemplateResponse(request, template, {**context, **extra}, status=status)

    def free_places_html():
        return render_to_string("events/_free_places.html", {"free_places": free})

    # A POST (the visitor's input, bound) is rendered afresh: `form_page` keeps GETs only.
    # Kept apart: no count of places, places left, the waiting list (the button's label).
    state = "none" if free is None else "open" if free else "full"
    name = f"registration:{event.pk}:{state}"
    return form_page(request, name, render, slots={"free_places_html": free_places_html})


def _registration_closed(request, event):
    context = event.get_context(request)
    return TemplateResponse(request, "events/registration_closed.html", context)


def _received_url(event, *, waiting=False) -> str:
    page = event.url + event.reverse_subpage("registration_received")
    return page + ("?warteliste=1" if waiting else "")


@require_safe
def registration_received(request, event: EventPage):
    """„Fast geschafft“: the same for everybody (the waiting list named by the address).
    Without the event's free places: so a registration does not make the cached copy stale."""
    context = super(EventPage, event).get_context(request)
    context["waiting"] = request.GET.get("warteliste") == "1"
    return TemplateResponse(request, "events/registration_received.html", context)


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
        {"registration": registration, "event": _shown_event(registration)},
    )
    return _private(response)


def _registration(token) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event"), token=token, anonymised=False
    )


def _shown_event(registration) -> EventPage:
    """The event a family's pages show: in the language of the address (the mails link the
    family's own), where it is translated, as the mails name it – its places and status, and
    its calendar entry's UID, are the German event's."""
    return event_in_language(registration.event, active_language())


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    # The token is in the URL: never send it to another site (e.g. the meeting host).
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_safe
def registration_detail(request, token):
    return _detail(request, _registration(token))


NOT_CANCELLABLE = _lazy(
    "Diese Anmeldung lässt sich nicht mehr stornieren: Die Veranstaltung ist vorbei "
    "oder Ihre Teilnahme ist schon vermerkt."
)


def _detail(request, registration, *, status=200, error=""):
    context = {
        "registration": registration,
        "event": _shown_event(registration),
        "meeting_url": registration.meeting_url,
        "just_confirmed": request.GET.get("bestaetigt") == "1",
        "just_cancelled": request.GET.get("storniert") == "1",
        # A cancelled event's page offers no withdrawal: nobody waits for the place.
        "can_cancel": registration.can_be_cancelled and not registration.event.cancelled,
        "error": error,
    }
    return _private(
        TemplateResponse(request, "events/registration_detail.html", context, status=status)
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request, token):
    """The link „Anmeldung stornieren“ asks first, on a page of its own with one button;
    only pressing it (a POST) cancels. Refused once attended or over."""
    registration = _registration(token)
    detail_url = reverse("registration_detail", kwargs={"token": token})
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration)
        except services.NotCancellable:
            return _detail(request, registration, status=400, error=NOT_CANCELLABLE)
        return HttpResponseRedirect(detail_url + "?storniert=1")
    if registration.status in (Registration.Status.CANCELLED, Registration.Status.EXPIRED):
        return HttpResponseRedirect(detail_url)
    if not registration.can_be_cancelled:
        return _detail(request, registration, error=NOT_CANCELLABLE)
    context = {"registration": registration, "event": _shown_event(registration)}
    return _private(TemplateResponse(request, "events/registration_cancel.html", context))


def _stored_data(registration) -> list[tuple[str, str, object]]:
    """Everything stored about this registration: (key for the JSON, German label, value)."""
    return [
        ("veranstaltung", _("Veranstaltung"), registration.event.title),
        ("name", _("Name"), registration.name),
        ("email", _("E-Mail-Adresse"), registration.email),
        ("organisation", _("Organisation"), registration.organisation),
        ("erwachsene", _("Erwachsene"), registration.adults),
        ("kinder", _("Kinder"), registration.children),
        ("antworten", _("Ihre Antworten"), registration.answers),
        ("status", _("Status"), registration.get_status_display()),
        ("angemeldet_am", _("Angemeldet am"), registration.created_at),
        ("einwilligung_am", _("Eingewilligt am"), registration.consent_at),
        ("bestaetigt_am", _("Bestätigt am"), registration.confirmed_at),
    ]


def _readable_data(registration) -> dict:
    """The stored data for people: each answer a row of its own, times in Berlin time."""
    rows = []
    for _key, label, value in _stored_data(registration):
        if isinstance(value, dict):
            rows.extend((question, answer or "–") for question, answer in value.items())
        elif isinstance(value, datetime):
            moment = formats.date_format(timezone.localtime(value), "j. F Y, H:i")
            rows.append((label, f"{moment} {_('Uhr')}"))
        else:
            rows.append((label, "–" if value in ("", None) else value))
    return {"registration": registration, "event": _shown_event(registration), "rows": rows}


@never_cache
@require_safe
def registration_data(request, token):
    """Everything stored about this registration, as JSON (the participant's own copy)."""
    registration = _registration(token)
    data = {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, _label, value in _stored_data(registration)
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="meine-anmeldung.json"'
    return response


@never_cache
@require_safe
def registration_data_page(request, token):
    """„Meine Daten“: the same data as a page to read (and print)."""
    registration = _registration(token)
    response = TemplateResponse(
        request, "events/registration_data.html", _readable_data(registration)
    )
    return _private(response)


@never_cache
@require_safe
def registration_data_pdf(request, token):
    """„Meine Daten“ as a PDF (WeasyPrint), to keep or to print."""
    from weasyprint import HTML

    registration = _registration(token)
    html = render_to_string(
        "events/registration_data_print.html", _readable_data(registration), request=request
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="meine-anmeldung.pdf"'
    return _private(response)


@never_cache
@require_safe
def registration_ics(request, token):
    registration = _registration(token)
    if not registration.offers_calendar_entry:
        raise Http404(_("Für eine stornierte Anmeldung gibt es keinen Kalendereintrag."))
    body = ical.calendar_bytes(
        [_shown_event(registration)],
        request,
        meeting_url=registration.meeting_url,
        # On the waiting list: in the calendar as „vorläufig“, not as a place had.
        tentative=registration.status == Registration.Status.WAITING,
    )
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
        if page_refused(request, page):  # members only, a password: as its page keeps it
            raise Http404
        return _ics_response(ical.calendar_bytes([page], request), f"{page.slug}.ics")
    raise Http404
