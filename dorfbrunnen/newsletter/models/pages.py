"""The newsletter's pages: the subscription form (/newsletter/), the archive
(/newsletter/archiv/) with its RSS feed, and the issues below it.

An issue is written like any page (the site's blocks, drafts, preview – also as the mail –
translations). Publishing it does not send it: sending is planned separately, to chosen
lists (newsletter/sending.py). Visitors see an issue only once it has gone out to a list
that is not members-only (`in_archive`): until then, and for members' issues always, its
address answers 404 and it is in neither the search nor the sitemap.
"""

from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from dorfbrunnen.core.blocks import BodyBlock
from dorfbrunnen.core.models import BasePage
from dorfbrunnen.core.restrictions import public_pages

ISSUES_PER_PAGE = 12


class NewsletterPage(BasePage):
    """The subscription form. Carries a form, so it is never cached."""

    body = StreamField(
        BodyBlock(),
        verbose_name=_("Inhalt"),
        blank=True,
        help_text=_("Erscheint über dem Anmeldeformular, z. B. was der Newsletter bringt."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["newsletter.NewsletterArchivePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Newsletter-Anmeldung")

    def serve(self, request, *args, **kwargs):
        from ..views import subscribe

        return subscribe(request, self)

    def archive(self):
        child = self.get_children().live().type(NewsletterArchivePage).first()
        return child.specific if child else None


class NewsletterArchivePage(RoutablePageMixin, BasePage):
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["newsletter.NewsletterPage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Newsletter-Archiv")

    def issues(self):
        """The issues visitors may read, newest first."""
        return public_pages(
            NewsletterIssuePage.objects.child_of(self).live().filter(in_archive=True)
        ).order_by("-first_sent_at", "-pk")

    @path("")
    def listing(self, request):
        from ..views import archive

        return archive(request, self)

    @path("feed/", name="feed_rss")
    def feed_rss(self, request):
        from ..feeds import IssueFeed

        return IssueFeed(self)(request)


class NewsletterIssuePage(BasePage):
    subject = models.CharField(
        _("Betreff"),
        max_length=200,
        blank=True,
        help_text=_("Betreffzeile der E-Mail. Leer lassen, um den Titel zu verwenden."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    # Set by sending, not by editing: kept across revisions (see with_content_json).
    in_archive = models.BooleanField(_("Im Archiv"), default=False, editable=False)
    first_sent_at = models.DateTimeField(_("Erstmals versandt"), null=True, editable=False)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("subject"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["newsletter.NewsletterArchivePage"]
    subpage_types = []
    exclude_fields_in_copy = ["in_archive", "first_sent_at"]
    SENDING_FIELDS = ("in_archive", "first_sent_at")

    class Meta:
        verbose_name = _("Newsletter-Ausgabe")
        verbose_name_plural = _("Newsletter-Ausgaben")

    @property
    def mail_subject(self) -> str:
        return self.subject or self.title

    @property
    def preview_modes(self):
        return [("", _("Webseite")), ("mail", _("Als E-Mail"))]

    def serve_preview(self, request, mode_name):
        if mode_name == "mail":
            from ..rendering import issue_render

            return HttpResponse(issue_render(self).html)
        return super().serve_preview(request, mode_name)

    def serve(self, request, *args, **kwargs):
        if not self.in_archive:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.in_archive else []

    @classmethod
    def get_indexed_objects(cls):
        # Unsent and members' issues stay out of the site search.
        return super().get_indexed_objects().filter(in_archive=True)

    def with_content_json(self, content):
        """Publishing or reverting to a revision keeps what sending decided."""
        page = super().with_content_json(content)
        for name in self.SENDING_FIELDS:
            setattr(page, name, getattr(self, name))
        return page
