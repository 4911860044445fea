"""The home page and ordinary content pages (about us, Impressum, Datenschutz, …)."""

import html

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from dorfbrunnen.core.blocks import BodyBlock, HomeBlock
from dorfbrunnen.core.models import BasePage, SiteSettings


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
