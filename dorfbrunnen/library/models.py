"""The Infopaket: the association's digital binder.

A `LibraryPage` (the binder, /infopaket/) holds an ordered tree of `ChapterPage`s. Each
chapter has text, curated links and attached documents. Register numbers (1, 1.1, 2 …)
follow the order of the page tree, so moving a chapter in the admin renumbers the binder.

Members-only parts use Wagtail's own privacy: a page restricted to the members' group
(chapters), a collection restricted to it (documents). `access.py` reads those rules.
"""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from dorfbrunnen.core.blocks import BodyBlock
from dorfbrunnen.core.models import BasePage, NotAUsage

CHAPTER_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]

# Languages a document may be written in; the site's languages come first.
DOCUMENT_LANGUAGES = [
    ("de", _("Deutsch")),
    ("de-x-leichte", _("Leichte Sprache")),
    ("en", _("Englisch")),
    ("tr", _("Türkisch")),
    ("ar", _("Arabisch")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
    ("pl", _("Polnisch")),
    ("fr", _("Französisch")),
]


class LibraryDocument(AbstractDocument):
    """A Wagtail document with what the binder needs: description, date, category,
    language, page count, and the text extracted for search (files.extract_text)."""

    class Category(models.TextChoices):
        TEMPLATE = "template", _("Muster und Vorlagen")
        CHECKLIST = "checklist", _("Checkliste")
        GUIDE = "guide", _("Arbeitshilfe")
        FORM = "form", _("Formular")
        LAW = "law", _("Recht und Satzung")
        REPORT = "report", _("Bericht und Dokumentation")
        PRESENTATION = "presentation", _("Präsentation")
        OTHER = "other", _("Sonstiges")

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("Text wird gelesen")
        OK = "ok", _("durchsuchbar")
        NO_TEXT = "no_text", _("kein Text gefunden (z. B. Bild oder Scan)")
        ENCRYPTED = "encrypted", _("verschlüsselt – nicht durchsuchbar")
        BROKEN = "broken", _("beschädigt – nicht durchsuchbar")

    description = models.TextField(
        _("Beschreibung"),
        blank=True,
        help_text=_("Zwei, drei Sätze: Wofür ist das Dokument gut?"),
    )
    document_date = models.DateField(_("Stand"), null=True, blank=True)
    category = models.CharField(
        _("Art"), max_length=20, choices=Category.choices, default=Category.OTHER, blank=True
    )
    language = models.CharField(
        _("Sprache"), max_length=20, choices=DOCUMENT_LANGUAGES, default="de", blank=True
    )
    page_count = models.PositiveIntegerField(_("Seiten"), null=True, blank=True, editable=False)
    text = models.TextField(_("Text für die Suche"), blank=True, editable=False)
    text_status = models.CharField(
        _("Durchsuchbar"),
        max_length=10,
        choices=TextStatus.choices,
        default=TextStatus.PENDING,
        editable=False,
    )
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "description",
        "document_date",
        "category",
        "language",
        "tags",
    )
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description", boost=2),
        index.SearchField("text"),
        index.FilterField("collection_id"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")

    @property
    def kind(self) -> str:
        from .files import EXTENSION_KINDS

        return EXTENSION_KINDS.get(self.file_extension.lower(), "")

    @property
    def searchable(self) -> bool:
        return self.text_status == self.TextStatus.OK

    def _set_document_file_metadata(self):
        super()._set_document_file_metadata()
        # A new file: its text is read again in the background.
        self.text_status = self.TextStatus.PENDING
        self.text = ""
        self.page_count = None

    def save(self, *args, **kwargs):
        # Blank in forms so that a quick multi-file upload needs nothing but the files.
        self.category = self.category or self.Category.OTHER
        self.language = self.language or "de"
        super().save(*args, **kwargs)
        if self.text_status == self.TextStatus.PENDING and self.file:
            from .tasks import enqueue_text_extraction

            pk = self.pk
            transaction.on_commit(lambda: enqueue_text_extraction(pk))


class ChapterRoutingMixin:
    """Binder and chapters hold only chapters: route to the child in one query (Wagtail's
    generic routing needs two per level, one of them for the specific page)."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        try:
            child = ChapterPage.objects.child_of(self).get(slug=path_components[0])
        except ChapterPage.DoesNotExist as error:
            raise Http404 from error
        return child.route(request, path_components[1:])


class LibraryPage(RoutablePageMixin, ChapterRoutingMixin, BasePage):
    """The binder: table of contents, what is new, search, downloads."""

    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    new_days = models.PositiveSmallIntegerField(
        _("„Neu“ und „aktualisiert“ zeigen für"),
        default=30,
        help_text=_("Tage: So lange sind neue oder geänderte Kapitel und Dokumente markiert."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("new_days"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    max_count_per_parent = 1
    subpage_types = ["library.ChapterPage"]

    class Meta:
        verbose_name = _("Infopaket")

    @property
    def binder(self) -> "LibraryPage":
        return self

    def get_context(self, request, *args, **kwargs):
        from .binder import binder_overview

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = binder_overview(self, request.user)
        return context

    @path("suche/")
    def search(self, request):
        from .views import binder_search

        return binder_search(request, self)


class ChapterPage(RoutablePageMixin, ChapterRoutingMixin, BasePage):
    """A register of the binder (or a sub-register): text, links, documents."""

    body = RichTextField(_("Text"), blank=True, features=CHAPTER_FEATURES)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Dokumente"), heading=_("Dokumente")),
        InlinePanel("links", label=_("Link"), heading=_("Empfohlene Links")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["library.LibraryPage", "library.ChapterPage"]
    subpage_types = ["library.ChapterPage"]

    class Meta:
        verbose_name = _("Kapitel des Infopakets")
        verbose_name_plural = _("Kapitel des Infopakets")

    @property
    def binder(self) -> LibraryPage | None:
        from .binder import binder_of

        return binder_of(self)

    def get_context(self, request, *args, **kwargs):
        from .binder import chapter_detail

        context = super().get_context(request, *args, **kwargs)
        context["chapter"] = chapter_detail(self, request.user)
        return context

    @path("hinweis/")
    def suggest(self, request):
        from .views import suggestion_form

        return suggestion_form(request, self)

    @path("hinweis/danke/")
    def suggestion_thanks(self, request):
        from .views import suggestion_received

        return suggestion_received(request, self)


class ChapterLink(Orderable):
    chapter = ParentalKey(ChapterPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("Titel"), max_length=200)
    url = models.URLField(_("Adresse"))
    description = models.CharField(_("Worum geht es?"), max_length=300, blank=True)

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("description")]

    def __str__(self):
        return self.title


class ChapterDocument(Orderable):
    chapter = ParentalKey(ChapterPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("Dokument"),
        on_delete=models.CASCADE,
        related_name="chapter_links",
    )

    panels = [FieldPanel("document")]

    def __str__(self):
        return str(self.document)


class BinderBuild(models.Model):
    """A built ZIP or printable PDF of the binder or one chapter, for one audience.

    `source_key` fingerprints what went in (pages, documents, their versions); a request
    serves the build whose key matches what the visitor may see, else the newest older one
    that contains nothing the visitor may not see (and a new build is started).
    """

    class Kind(models.TextChoices):
        ZIP = "zip", "ZIP"
        PDF = "pdf", "PDF"

    scope = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=3, choices=Kind.choices)
    audience = models.CharField(max_length=200, blank=True)
    source_key = models.CharField(max_length=64)
    page_ids = models.JSONField(default=list)
    document_ids = models.JSONField(default=list)
    file = models.FileField(upload_to="infopaket-builds/")
    size = models.PositiveBigIntegerField(default=0)
    page_count = models.PositiveIntegerField(null=True)
    seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "kind", "source_key"], name="library_build_unique_source"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.scope_id} {self.audience} {self.created_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def random_name(kind: str) -> str:
        # Unguessable, so the file cannot be fetched by name even if storage were public.
        return f"{uuid.uuid4().hex}.{kind}"


class ChapterSuggestion(NotAUsage, models.Model):
    """A visitor's link, tip or correction for a chapter, for the office to look at."""

    class Kind(models.TextChoices):
        LINK = "link", _("Ein Link, der hier fehlt")
        TIP = "tip", _("Ein Tipp aus der Praxis")
        CORRECTION = "correction", _("Etwas stimmt nicht (mehr)")

    chapter = models.ForeignKey(
        ChapterPage,
        verbose_name=_("Kapitel"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices, default=Kind.TIP)
    message = models.TextField(_("Hinweis"), max_length=3000)
    url = models.URLField(_("Link"), blank=True, max_length=500)
    name = models.CharField(_("Name"), max_length=120, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    created_at = models.DateTimeField(_("Eingegangen"), auto_now_add=True)
    done = models.BooleanField(_("Erledigt"), default=False)

    class Meta:
        verbose_name = _("Hinweis zum Infopaket")
        verbose_name_plural = _("Hinweise zum Infopaket")
        ordering = ["done", "-created_at"]

    def __str__(self):
        return f"{self.chapter.title}: {self.get_kind_display()}"
