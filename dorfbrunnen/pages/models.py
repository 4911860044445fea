"""The home page, ordinary content pages (about us, Impressum, Datenschutz, …) and the pages
of the Leichte-Sprache section."""

import html

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from dorfbrunnen.core.blocks import BodyBlock, HomeBlock
from dorfbrunnen.core.models import BasePage, SiteSettings
from dorfbrunnen.core.restrictions import public_pages


class HomePage(BasePage):
    welcome_title = models.CharField(_("Begrüßung"), max_length=200)
    welcome_text = RichTextField(
        _("Begrüßungstext"), features=["bold", "italic", "link"], blank=True
    )
    body = StreamField(HomeBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("welcome_title"),
        FieldPanel("welcome_text"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("welcome_text"),
        index.SearchField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite")

    def get_meta_description(self) -> str:
        return self.search_description or self.welcome_text_plain[:160]

    @property
    def welcome_text_plain(self) -> str:
        text = strip_tags(self.welcome_text.replace("</p>", "</p> "))
        return " ".join(html.unescape(text).split())


class StandardPage(BasePage):
    """A page of text: Über uns, Datenschutz, Barrierefreiheit and the like."""

    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("Inhaltsseite")


class ImprintPage(StandardPage):
    """The Impressum: the legally required facts come from the site settings."""

    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Impressum")

    def get_meta_description(self) -> str:
        if description := super().get_meta_description():
            return description
        site_settings = SiteSettings.objects.first()
        name = site_settings.association_name if site_settings else ""
        return _("Impressum von %(name)s: Anbieter, Vertretung, Registereintrag und Kontakt.") % {
            "name": name
        }


class PrivacyPage(StandardPage):
    """The Datenschutzerklärung: who is responsible, and whom to ask, come from the site
    settings (Angaben zum Verein), like the Impressum's facts."""

    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Datenschutzerklärung")


class EasyReadPage(BasePage):
    """A page in Leichte Sprache: German for people who read with difficulty (short
    sentences, one statement each, hard words explained). The section's start page and its
    sub-pages are of this type. The seal „geprüft“ appears only when a group of readers with
    learning disabilities has checked the text (`checked_by`, `checked_on`); otherwise the
    page shows the neutral Leichte-Sprache icon."""

    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    checked_by = models.CharField(
        _("Geprüft von"),
        max_length=200,
        blank=True,
        help_text=_(
            "Die Prüfgruppe: Menschen mit Lernschwierigkeiten, die den Text gelesen und "
            "verstanden haben, z. B. „Prüfgruppe Leichte Sprache der Lebenshilfe Dortmund“. "
            "Leer lassen, solange der Text nicht geprüft ist."
        ),
    )
    checked_on = models.DateField(
        _("Geprüft am"),
        null=True,
        blank=True,
        help_text=_("Wann die Prüfgruppe den Text zuletzt geprüft hat."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("checked_by"), FieldPanel("checked_on")],
            heading=_("Prüfung durch Leserinnen und Leser"),
            help_text=_(
                "Erst wenn beides ausgefüllt ist, zeigt die Seite das Zeichen „geprüft“. "
                "Das offizielle Gütesiegel Leichte Sprache darf nur zeigen, wer es "
                "erworben hat; diese Seite zeigt ein eigenes Zeichen."
            ),
        ),
    ]
    # Its own Leichte-Sprache version would be itself: only the video is offered.
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("sign_language_video")], heading=_("Gebärdensprache")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    subpage_types = ["pages.EasyReadPage"]

    class Meta:
        verbose_name = _("Seite in Leichter Sprache")
        verbose_name_plural = _("Seiten in Leichter Sprache")

    def clean(self):
        super().clean()
        if bool(self.checked_by.strip()) != bool(self.checked_on):
            raise ValidationError(
                {
                    "checked_on" if self.checked_by.strip() else "checked_by": _(
                        "Bitte beides ausfüllen – wer den Text geprüft hat und wann – oder "
                        "beides leer lassen."
                    )
                }
            )

    @property
    def checked(self) -> bool:
        return bool(self.checked_by.strip() and self.checked_on)

    @property
    def easy_read_version(self):
        return None  # it is one

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = public_pages(self.get_children().live()).specific()
        parent = self.get_parent().specific
        context["section_parent"] = parent if isinstance(parent, EasyReadPage) else None
        return context
