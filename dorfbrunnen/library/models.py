"""The Infopaket: the association's digital binder. Chapters and documents follow."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from dorfbrunnen.core.blocks import BodyBlock
from dorfbrunnen.core.models import BasePage


class LibraryPage(BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Infopaket")
