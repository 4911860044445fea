"""Binder views: search, the chapter suggestion form, and the ZIP/PDF downloads."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dorfbrunnen.core.mail import mail_queue
from dorfbrunnen.core.models import SiteSettings
from dorfbrunnen.core.network import form_flooded
from dorfbrunnen.core.pagination import SearchPaginator
from dorfbrunnen.core.text import clean_query
from dorfbrunnen.core.views import page_at_path

from .access import access_for
from .builds import build_for
from .forms import SuggestionForm
from .models import BinderBuild, ChapterPage, LibraryPage
from .search import document_hits, search_binder

DOCUMENTS_PER_PAGE = 20


def binder_search(request, binder: LibraryPage):
    if request.method not in ("GET", "HEAD"):
        raise Http404
    query = clean_query(request.GET.get("q", ""))
    # The page's own context without the binder overview, which the results do not show.
    context = super(LibraryPage, binder).get_context(request)
    context.update({"query": query, "chapter_hits": [], "documents": None})
    if query:
        chapter_hits, documents, chapter_of = search_binder(binder, query, access_for(request.user))
        paginator = SearchPaginator(documents, DOCUMENTS_PER_PAGE)
        try:
            documents_page = paginator.page(request.GET.get("seite", 1))
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404(_("Diese Seite der Suchergebnisse gibt es nicht.")) from error
        context.update(
            {
                "chapter_hits": chapter_hits,
                "documents": documents_page,
                "document_hits": document_hits(documents_page, chapter_of, query),
                "query_string": urlencode({"q": query}),
            }
        )
    return TemplateResponse(request, "library/search.html", context)


def _suggestion_context(request, chapter: ChapterPage) -> dict:
    context = chapter.get_context(request)
    if context["chapter"] is None or not context["chapter"].entry.visible:
        raise Http404
    return context


def suggestion_form(request, chapter: ChapterPage):
    context = _suggestion_context(request, chapter)
    form = SuggestionForm(request.POST if request.method == "POST" else None)  # bound if sent
    status = 200
    if request.method == "POST":
        if form_flooded(request, form, "library-suggestion"):
            status = 429
        elif form.is_valid():
            if not form.is_spam:
                suggestion = form.save(commit=False)
                suggestion.chapter = chapter
                suggestion.save()
                _notify_office(request, suggestion)
            # The thanks on an address of its own: reloading it sends nothing twice.
            return HttpResponseRedirect(chapter.get_url(request) + "hinweis/danke/")
        else:
            status = 400
    context["form"] = form
    return TemplateResponse(request, "library/suggestion_form.html", context, status=status)


@require_safe
def suggestion_received(request, chapter: ChapterPage):
    context = _suggestion_context(request, chapter)
    return TemplateResponse(request, "library/suggestion_received.html", context)


def _notify_office(request, suggestion) -> None:
    site_settings = SiteSettings.for_request(request)
    if not site_settings.email:
        return
    with translation.override(settings.LANGUAGE_CODE):  # the office's, whatever the page's
        _queue_office_mail(site_settings.email, suggestion)


def _queue_office_mail(address: str, suggestion) -> None:
    mail_queue(
        to=[address],
        reply_to=[suggestion.email] if suggestion.email else None,
        subject=_("Neuer Hinweis zum Infopaket: %(chapter)s") % {"chapter": suggestion.chapter},
        body=_(
            "Zum Kapitel „%(chapter)s“ kam ein Hinweis (%(kind)s):\n\n%(message)s\n\n"
            "Link: %(url)s\nVon: %(name)s %(email)s\n\nIm Verwaltungsbereich: %(admin)s"
        )
        % {
            "chapter": suggestion.chapter.title,
            "kind": suggestion.get_kind_display(),
            "message": suggestion.message,
            "url": suggestion.url or "–",
            "name": suggestion.name or "–",
            "email": suggestion.email,
            "admin": f"{settings.WAGTAILADMIN_BASE_URL}/admin/infopaket-hinweise/",
        },
    )


@require_safe
def binder_file(request, page_path, filename):
    """<binder or chapter>/download.zip and …/ordner.pdf, for what the visitor may see."""
    page = page_at_path(request, page_path)
    if not isinstance(page, LibraryPage | ChapterPage) or not page.live:
        raise Http404
    binder = page.binder
    if binder is None:
        raise Http404
    access = access_for(request.user)
    if not access.page_visible(page):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
        raise PermissionDenied
    kind = BinderBuild.Kind.ZIP if filename == "download.zip" else BinderBuild.Kind.PDF
    build = build_for(binder, page, kind, access)
    name = "infopaket" if page.pk == binder.pk else f"infopaket-{page.slug}"
    response = FileResponse(
        build.file.open("rb"),
        as_attachment=kind == BinderBuild.Kind.ZIP,
        filename=f"{name}.{kind}",
        content_type="application/zip" if kind == BinderBuild.Kind.ZIP else "application/pdf",
    )
    # Members' files must not sit in a shared cache; the public ones may, briefly.
    response["Cache-Control"] = (
        "public, max-age=300" if access.audience == "public" else "private, no-store"
    )
    return response
