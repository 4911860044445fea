"""News (Aktuelles): an index with pagination and feeds, and the news items below it."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from dorfbrunnen.core.blocks import BodyBlock
from dorfbrunnen.core.models import BasePage, image_alt_check
from dorfbrunnen.core.restrictions import public_pages

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, BasePage):
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Nachrichtenübersicht")

    def news_items(self):
        return (
            public_pages(NewsPage.objects.child_of(self).live())
            .order_by("-date", "-pk")
            .select_related("image")
        )

    def paginate(self, request):
        paginator = Paginator(self.news_items(), NEWS_PER_PAGE)
        try:
            return paginator.page(request.GET.get("seite", 1))
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404(_("Diese Seite der Nachrichten gibt es nicht.")) from error

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_page"] = self.paginate(request)
        return context

    @path("feed/", name="feed_rss")
    def feed_rss(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(BasePage):
    date = models.DateField(_("Datum"), default=timezone.localdate)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("Bildbeschreibung"),
        max_length=255,
        blank=True,
        help_text=_("Was ist auf dem Bild zu sehen? Für Menschen, die es nicht sehen können."),
    )
    image_decorative = models.BooleanField(
        _("dekorativ"),
        default=False,
        help_text=_(
            "Ankreuzen, wenn das Bild nur schmückt. Sonst braucht es eine Bildbeschreibung."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_decorative")],
            heading=_("Bild"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Nachricht")

    def clean(self):
        super().clean()
        image_alt_check(self.image, self.image_alt, self.image_decorative)
