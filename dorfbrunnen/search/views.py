"""Site search over every published, public page (German stemming and prefixes on
PostgreSQL, see backend.py). A query that names an offer („Kinderbetreuung“) also shows
centres with that offer and leads into the centre finder, filtered by it."""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from dorfbrunnen.centres.selectors import centres_offering, finder, finder_page, offers_named
from dorfbrunnen.core.i18n import each_once_searchable, root_paths
from dorfbrunnen.core.pagination import SearchPaginator
from dorfbrunnen.core.restrictions import public_pages
from dorfbrunnen.core.text import clean_query

from .backend import matches_looked_up_by_id

RESULTS_PER_PAGE = 10


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    site = Site.find_for_request(request)
    if query:
        # Only what finds an entry kept (`{% result_cards %}`): the search joins every
        # matching row to the page table, and the specific page is loaded only to build one.
        pages = each_once_searchable(public_pages(Page.objects.live(), once=False)).only(
            "live_revision_id", "url_path"
        )
        if site is not None:  # the site's tree in every language
            in_site = Q()
            for path in root_paths(site):
                in_site |= Q(path__startswith=path)
            pages = pages.filter(in_site)
        paginator = SearchPaginator(pages.search(query, operator="and"), RESULTS_PER_PAGE)
        try:
            with matches_looked_up_by_id():
                results = paginator.page(request.GET.get("seite", 1))
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404(_("Diese Seite der Suchergebnisse gibt es nicht.")) from error
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results,
            "query_string": urlencode({"q": query}),
            "offer_hits": _offer_hits(query) if query else [],
            # On a national site: other associations' centres the query names.
            "other_centres": finder().others_named(query) if query else [],
        },
    )


def _offer_hits(query: str) -> list[dict]:
    """For each offer the query names: some centres with it and the finder's address."""
    offers = offers_named(query)
    finder = finder_page() if offers else None
    if finder is None:
        return []
    hits = []
    for offer in offers:
        centres, count = centres_offering(offer)
        if count:
            hits.append(
                {
                    "offer": offer,
                    "centres": centres,
                    "count": count,
                    "finder_url": f"{finder.url}?{urlencode({'angebot': offer.slug})}",
                }
            )
    return hits
