"""„Quellen“ in the admin of the national site: the office registers the associations
whose data the national map shows, and sees which of them answer."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Source


class SourceViewSet(ModelViewSet):
    model = Source
    icon = "globe"
    menu_label = _("Quellen (bundesweit)")
    menu_order = 260
    add_to_admin_menu = settings.FEDERATION_MODE == "aggregator"
    url_prefix = "quellen"
    copy_view_enabled = False
    list_display = ["__str__", "region", "last_success_at", "state"]
    list_filter = ["active"]
    search_fields = ["name", "publisher", "index_url"]
    panels = [
        FieldPanel("index_url"),
        FieldPanel("name"),
        FieldPanel("active"),
        MultiFieldPanel(
            [
                FieldPanel("publisher", read_only=True),
                FieldPanel("region", read_only=True),
                FieldPanel("licence_name", read_only=True),
                FieldPanel("last_success_at", read_only=True),
                FieldPanel("last_attempt_at", read_only=True),
                FieldPanel("last_error", read_only=True),
                FieldPanel("report", read_only=True),
            ],
            heading=_("Letzter Abruf"),
        ),
    ]


source_viewset = SourceViewSet("federation_sources")


@hooks.register("register_admin_viewset")
def register_source_viewset():
    return source_viewset
