"""„Angebote finden“ (`/angebote/`), the „noch aktuell?“ page and `/api/v1/offers/`.

The finder works without JavaScript: one GET form, results as a list, the SVG overview map
of their centres. The rules of the search live in centres/programme.py.
"""

import math
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from dorfbrunnen.api.feeds import conditional_feed, streamed_feed
from dorfbrunnen.api.responses import api_error, api_response, point_feature
from dorfbrunnen.core.content_cache import cached
from dorfbrunnen.core.restrictions import public_pages
from dorfbrunnen.core.views import embeddable

from . import geo, programme
from .forms import DEFAULT_RADIUS, RADIUS_CHOICES, ProgrammeSearchForm
from .models import LANGUAGE_TAG, CentrePage, ProgrammeItem, language_name
from .selectors import all_offers, cards_by_id

ITEMS_PER_PAGE = 20
MAX_API_RADIUS_KM = 100
# Offered in the finder's language list even before any centre names them.
COMMON_LANGUAGES = ["de", "en", "tr", "ar", "uk", "ru", "fa", "pl", "ro", "ku", "gsg"]


def _languages_offered() -> set[str]:
    tags = ProgrammeItem.objects.values_list("language_tags", flat=True).distinct()
    return {tag for joined in tags for tag in joined.split(",") if tag}


def language_choices() -> list[tuple[str, str]]:
    """The languages to choose from, named in the reader's language, sorted by name."""
    seen = set(COMMON_LANGUAGES) | cached("programme-languages", _languages_offered)
    locale = translation.get_language() or "de"
    return sorted(((tag, language_name(tag, locale)) for tag in seen), key=lambda c: c[1])


def _query(data) -> programme.ProgrammeQuery:
    age = programme.ADULT_AGE if data["fuer_mich"] else data["alter"]
    return programme.ProgrammeQuery(
        age=age,
        language=data["sprache"],
        topic=data["thema"],
        weekdays=programme.asked_weekdays(
            int(data["tag"]) if data["tag"] else None, data["wann"], timezone.localdate()
        ),
    )


def _suggestions(request, data) -> list[tuple[str, str]]:
    """Links for an empty result: a wider radius, or the same search without one filter."""
    links = []
    params = request.GET.copy()
    params.pop("seite", None)
    wider = [km for km, _label in RADIUS_CHOICES if km > (data["umkreis"] or DEFAULT_RADIUS)]
    if data["ort"] and wider:
        changed = params.copy()
        changed["umkreis"] = str(wider[0])
        links.append(
            (_("Im Umkreis von %(km)s km suchen") % {"km": wider[0]}, "?" + changed.urlencode())
        )
    labels = {
        "alter": _("ohne Alter"),
        "fuer_mich": _("ohne „Für mich“"),
        "sprache": _("ohne Sprache"),
        "thema": _("ohne Thema"),
        "tag": _("ohne Wochentag"),
        "wann": _("an allen Tagen"),
    }
    for name, label in labels.items():
        if data.get(name) not in (None, "", False):
            changed = params.copy()
            changed.pop(name, None)
            links.append((label, "?" + changed.urlencode()))
    return links


@require_safe
def programme_finder(request, page):
    offers = all_offers()
    form = ProgrammeSearchForm(request.GET or None, offers=offers, languages=language_choices())
    context = page.get_context(request)
    context.update(
        form=form,
        hits=None,
        place=None,
        map_tile_url=settings.MAP_TILE_URL,
        map_attribution=settings.MAP_TILE_ATTRIBUTION,
    )
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        data = form.cleaned_data
        query = _query(data)
        if data["ort"]:
            try:
                place = geo.read_place(data["ort"])
            except geo.AmbiguousPlace as error:
                context.update(
                    place_options=error.choices(request),
                    place_question=str(error),
                )
                return TemplateResponse(request, page.get_template(request), context)
            except geo.PlaceError as error:
                form.add_error("ort", str(error))
                form.fields["ort"].widget.attrs["aria-invalid"] = "true"
                return TemplateResponse(request, page.get_template(request), context, status=400)
            results = programme.rank_programme(place=place, radius_km=data["umkreis"], query=query)
            context.update(place=place, radius=data["umkreis"])
        else:
            results = programme.programme_everywhere(query=query)
        try:
            results_page = Paginator(results, ITEMS_PER_PAGE).page(request.GET.get("seite", 1))
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404(_("Diese Seite der Liste gibt es nicht.")) from error
        if data["ort"]:
            first = results_page.start_index() - 1 if results_page.object_list else 0
            hits = programme.load_programme_hits(
                results, first, first + len(results_page.object_list), request=request
            )
            centres = list({hit.item.page_id: hit.item.page for hit in hits}.values())
        else:
            hits = [programme.ProgrammeHit(item, None) for item in results_page.object_list]
            centres = cards_by_id(list({hit.item.page_id: None for hit in hits}), request=request)
        # The centres' cards (kept per day) bring their hours and address along.
        open_ids = {centre.pk for centre in centres if centre.is_open()}
        urls = {centre.pk: centre.url_for(request) for centre in centres}
        now = timezone.now()
        params = request.GET.copy()
        params.pop("seite", None)
        context.update(
            hits=hits,
            results_page=results_page,
            map_centres=centres,
            open_ids=open_ids,
            now=now,
            rows=[
                {
                    "hit": hit,
                    "next": hit.item.next_start(now),
                    "running": hit.item.running_now(now),
                    "centre_open": hit.item.page_id in open_ids,
                    "centre_url": urls.get(hit.item.page_id) or hit.item.page.get_url(request),
                    "languages": hit.item.language_names(translation.get_language() or "de"),
                }
                for hit in hits
            ],
            query_string=params.urlencode(),
            suggestions=[] if hits else _suggestions(request, data),
        )
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_safe
@embeddable
def programme_widget(request, page, centre):
    """A centre's weekly programme for its own website (an iframe):
    `/angebote/einbetten/<centre's slug>/`."""
    found = public_pages(CentrePage.objects.live()).filter(slug=centre).first()
    if found is None:
        raise Http404(_("Dieses Zentrum gibt es nicht."))
    items = programme.centre_programme(found)
    context = {
        "page": found,
        "programme_items": items,
        "timetable": programme.week_timetable(items),
        "centre_url": request.build_absolute_uri(found.get_url(request)),
    }
    return TemplateResponse(request, "centres/programme_widget.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def programme_confirm(request, page, token):
    """GET: a page with one button; only the POST confirms (mail scanners fetch links)."""
    item = programme.item_from_token(token)
    if item is None:
        context = page.get_context(request)
        return TemplateResponse(
            request, "centres/programme_confirm.html", {**context, "invalid": True}, status=404
        )
    if request.method == "POST":
        programme.programme_confirm(item=item)
        return HttpResponseRedirect(request.path + "?bestaetigt=1")
    context = page.get_context(request)
    context.update(
        item=item,
        done=request.GET.get("bestaetigt") == "1",
        until=programme.runs_out_on(item),
    )
    return TemplateResponse(request, "centres/programme_confirm.html", context)


# The API


def _api_number(request, name):
    """A finite number from the query, or None when absent. Raises ValueError."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_("%(name)s muss eine Zahl sein.") % {"name": name}) from None
    if not value.is_finite():
        raise ValueError(_("%(name)s muss eine endliche Zahl sein.") % {"name": name})
    return value


def _item_feature(request, item, distance_km):
    centre = item.page
    centre_url = request.build_absolute_uri(centre.url_for(request))
    return point_feature(
        centre.longitude,
        centre.latitude,
        {
            "id": item.pk,
            "title": item.title,
            "url": f"{centre_url}#angebot-{item.pk}",
            "centre": centre.title,
            "centre_url": centre_url,
            "topic": item.topic.slug,
            "age_min": float(item.age_min) if item.age_min is not None else None,
            "age_max": float(item.age_max) if item.age_max is not None else None,
            "languages": item.tags,
            "schedule": item.schedule,
            "weekdays": item.weekdays,
            "cost": item.cost_text,
            "registration": item.registration_required,
            "distance_km": round(distance_km, 2) if distance_km is not None else None,
        },
    )


def _all_offers(request):
    """Every current item of the centres in the open data, by centre (a generator)."""
    items = programme.programme_everywhere(query=programme.ProgrammeQuery()).filter(
        page__in_open_data=True
    )
    for item in items.iterator(chunk_size=1000):
        yield _item_feature(request, item, None)


@require_safe
@conditional_feed("offers")
def offers_api(request):
    """GET /api/v1/offers/ – the programme items near a place as GeoJSON, nearest first;
    without parameters every current item of the centres in the open data, as one
    streamed document (what an aggregator reads). See /api/v1/openapi.json. Every bad
    parameter answers 400 with a German message."""
    near = request.GET.get("near", "").strip()
    if not near and not request.GET:
        from dorfbrunnen.api.views import publisher

        return streamed_feed(
            {"type": "FeatureCollection", **publisher(request)},
            _all_offers(request),
            content_type="application/geo+json",
        )
    if not near:
        return api_error(_("near fehlt: eine Postleitzahl oder ein Ort."))
    try:
        radius = _api_number(request, "radius_km")
        age = programme.read_age(request.GET.get("age", ""))  # as the finder's `alter`
    except ValueError as error:
        return api_error(str(error))
    radius = float(radius) if radius is not None else float(DEFAULT_RADIUS)
    if not 0 < radius <= MAX_API_RADIUS_KM or not math.isfinite(radius):
        return api_error(
            _("radius_km muss größer als 0 und höchstens %(max)s sein.")
            % {"max": MAX_API_RADIUS_KM}
        )
    language = request.GET.get("language", "").strip()
    if language:
        language = language.replace("_", "-")
        language = language.split("-")[0].lower() + language[len(language.split("-")[0]) :]
        if not LANGUAGE_TAG.match(language):
            return api_error(_("language ist kein Sprachkürzel nach BCP 47 (z. B. tr, ar, uk)."))
    topic = request.GET.get("topic", "").strip()
    if topic and topic not in {offer.slug for offer in all_offers()}:
        return api_error(_("Unbekanntes Thema: %(topic)s") % {"topic": topic})
    weekday = request.GET.get("weekday", "").strip()
    if weekday and not re.fullmatch(r"[1-7]", weekday):
        return api_error(_("weekday muss eine Zahl von 1 (Montag) bis 7 (Sonntag) sein."))
    centre = request.GET.get("centre", "").strip()
    try:
        place = geo.read_place(near)
    except geo.AmbiguousPlace as error:
        return api_error(str(error), options=error.options)
    except geo.PlaceError as error:
        return api_error(str(error))
    query = programme.ProgrammeQuery(
        age=age,
        language=language,
        topic=topic,
        weekdays=frozenset({int(weekday)}) if weekday else None,
    )
    hits = programme.programme_near(place=place, radius_km=radius, query=query)
    hits = [hit for hit in hits if hit.item.page.in_open_data]
    if centre:
        hits = [hit for hit in hits if hit.item.page.slug == centre]
    return api_response(
        {
            "type": "FeatureCollection",
            "features": [_item_feature(request, hit.item, hit.distance_km) for hit in hits],
        },
        content_type="application/geo+json",
    )
