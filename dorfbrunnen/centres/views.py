"""The centre finder (HTML, and the embeddable widget) and the public JSON API."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dorfbrunnen.api.feeds import conditional_feed, streamed_feed
from dorfbrunnen.api.responses import api_error, api_response, point_feature
from dorfbrunnen.core.views import embeddable

from . import geo
from .forms import DEFAULT_RADIUS, CentreSearchForm
from .selectors import (
    all_offers,
    finder,
    load_cards,
    open_status_moment,
    published_centres,
    with_offers,
)

CENTRES_PER_PAGE = 20
MAX_API_RADIUS_KM = 500
# The API's nearest-first answers: as many as a map or a list can use; `limit` asks for more.
API_DEFAULT_LIMIT = 50
API_MAX_LIMIT = 500


def _search(request, index_page):
    """Parses the finder's query and runs it. Returns (context, status)."""
    offers = all_offers()
    form = CentreSearchForm(request.GET or None, offers=offers)
    context = {"form": form, "offers": offers, "place": None, "hits": None, "within": True}
    status = 200
    if not form.is_bound:
        return context, status
    if not form.is_valid():
        return context, 400
    data = form.cleaned_data
    if form.has_place:
        try:
            place = geo.read_place(data["near"] or data["ort"])
        except geo.AmbiguousPlace as error:
            context["place_options"] = error.choices(request)
            context["place_question"] = str(error)
            return context, 200
        except geo.PlaceError as error:
            form.add_error("ort", str(error))
            form.fields["ort"].widget.attrs["aria-invalid"] = "true"
            return context, 400
        ranked, within = finder().rank(
            place=place,
            radius_km=data["umkreis"] or DEFAULT_RADIUS,
            offers=data["angebot"],
            open_now=data["offen"],
        )
        try:
            results_page = Paginator(ranked, CENTRES_PER_PAGE).page(request.GET.get("seite", 1))
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404(_("Diese Seite der Liste gibt es nicht.")) from error
        context.update(
            place=place,
            hits=finder().load(results_page.object_list, offers=offers, request=request),
            results_page=results_page,
            within=within,
            radius=data["umkreis"],
            query_string=_query_without_page(request),
        )
    return context, status


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("seite", None)
    return query.urlencode()


def _all_centres_page(request, form, offers):
    filtered = form.is_bound and form.is_valid()
    # Both filters before the paging: each page holds 20 that match.
    centres = finder().all_centres(
        form.cleaned_data["angebot"] if filtered else (),
        open_now=filtered and form.cleaned_data["offen"],
    )
    paginator = Paginator(centres, CENTRES_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("seite", 1))
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(_("Diese Seite der Liste gibt es nicht.")) from error
    page.object_list = finder().load_all(page.object_list, offers=offers, request=request)
    return page


def _map_context():
    return {"map_tile_url": settings.MAP_TILE_URL, "map_attribution": settings.MAP_TILE_ATTRIBUTION}


def _finder_context(request, index_page):
    """What the finder and the widget show: the search, or else the list of all centres."""
    context, status = _search(request, index_page)
    if context["hits"] is None and status == 200:
        context["centres_page"] = _all_centres_page(request, context["form"], context["offers"])
        # The national site's map shows every centre, not only this page of the list.
        context["map_centres"] = finder().map_points()
    context.update(index_page.get_context(request), **_map_context())
    return context, status


@require_safe
def centre_finder(request, index_page):
    context, status = _finder_context(request, index_page)
    return TemplateResponse(request, index_page.get_template(request), context, status=status)


@require_safe
@embeddable
def centre_widget(request, index_page):
    """The finder for other sites' pages (an iframe): the same parameters, a lean layout."""
    context, status = _finder_context(request, index_page)
    return TemplateResponse(request, "centres/widget.html", context, status=status)


def _feature(request, centre, distance_km=None):
    if getattr(centre, "is_federated", False):
        properties = _listing_properties(centre)
    else:
        properties = {
            "id": centre.pk,
            "name": centre.title,
            "url": request.build_absolute_uri(centre.url_for(request)),
            "street": centre.street,
            "postcode": centre.postcode,
            "town": centre.town,
            # Organisational contact only: the centre's own phone, mail and site.
            "phone": centre.phone,
            "email": centre.email,
            "website": centre.website,
            "offers": [offer.slug for offer in centre.offers_list],
            "open_now": centre.is_open(),
        }
    if distance_km is not None:
        properties["distance_km"] = round(distance_km, 2)
    return point_feature(centre.longitude, centre.latitude, properties)


def _listing_properties(listing) -> dict:
    """A federated centre on a national site: as its source published it, with the
    source's name and licence (the attribution it asks for)."""
    source = listing.source
    return {
        "id": listing.key,
        "name": listing.name,
        "url": listing.url,
        "street": listing.street,
        "postcode": listing.postcode,
        "town": listing.town,
        "phone": listing.phone,
        "email": listing.email,
        "website": listing.website,
        "offers": listing.offer_slugs,
        "open_now": None,
        "source": {
            "publisher": source.credit if source else "",
            "licence": source.licence_name if source else "",
            "licence_url": source.licence_url if source else "",
        },
    }


@require_safe
@conditional_feed("centres", varies_with=open_status_moment)
def centres_api(request):
    """GET /api/v1/centres/ – GeoJSON of published centres; see /api/v1/openapi.json.
    Centres that opted out of the open data (`in_open_data`) are left out."""
    offer_slugs = request.GET.getlist("offer")
    known = {offer.slug for offer in all_offers()}
    if unknown := [slug for slug in offer_slugs if slug not in known]:
        return api_error(_("Unbekanntes Angebot: %(offer)s") % {"offer": ", ".join(unknown)})
    try:
        radius = float(request.GET.get("radius_km", DEFAULT_RADIUS))
    except ValueError:
        return api_error(_("radius_km muss eine Zahl sein."))
    if not 0 < radius <= MAX_API_RADIUS_KM:
        return api_error(
            _("radius_km muss größer als 0 und höchstens %(max)s sein.")
            % {"max": MAX_API_RADIUS_KM}
        )
    try:
        limit = int(request.GET.get("limit", API_DEFAULT_LIMIT))
    except ValueError:
        limit = 0
    if not 1 <= limit <= API_MAX_LIMIT:
        return api_error(
            _("limit muss eine ganze Zahl von 1 bis %(max)s sein.") % {"max": API_MAX_LIMIT}
        )
    near = request.GET.get("near", "").strip()
    features = []
    within = True
    extra = {}
    if near:
        try:
            place = geo.read_place(near)
        except geo.AmbiguousPlace as error:
            return api_error(str(error), options=error.options)
        except geo.PlaceError as error:
            return api_error(str(error))
        # On a national site: own and federated centres from the one listings table.
        # Ranked among the open data only: an opted-out centre takes no slot of `limit`.
        ranked, within = finder().rank(
            place=place, radius_km=radius, offers=offer_slugs, open_data=True
        )
        hits = finder().load(ranked[:limit], request=request)
        features = [_feature(request, hit.centre, hit.distance_km) for hit in hits]
        extra["matched"] = len(ranked)
    else:
        # The whole feed: one streamed document (an aggregator reads it whole).
        centres = with_offers(published_centres().filter(in_open_data=True), offer_slugs)
        centres = centres.filter(latitude__isnull=False).order_by("title")
        return streamed_feed(
            {"type": "FeatureCollection", "within_radius": True, **_publisher(request)},
            (_feature(request, centre) for centre in load_cards(centres)),
            content_type="application/geo+json",
        )
    return api_response(
        {"type": "FeatureCollection", "features": features, "within_radius": within, **extra},
        content_type="application/geo+json",  # RFC 7946; what the OpenAPI description says
    )


def _publisher(request) -> dict:
    from dorfbrunnen.api.views import publisher

    return publisher(request)


@require_safe
def postcode_api(request, postcode):
    """GET /api/v1/postcodes/<postcode>/ – the point of a German postcode (for the admin's
    „aus PLZ übernehmen“ and for partners)."""
    try:
        place = geo.find_place(postcode) if postcode.isdigit() else None
    except geo.PlaceError as error:
        return api_error(str(error), status=404)
    if place is None:
        return api_error(_("Eine Postleitzahl hat fünf Ziffern."), status=404)
    return api_response(
        {
            "postcode": postcode,
            "label": place.label,
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    )
