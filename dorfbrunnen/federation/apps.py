from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "dorfbrunnen.federation"
    label = "federation"
    verbose_name = _("Bundesweit")

    def ready(self):
        from dorfbrunnen.centres.selectors import finder_register
        from dorfbrunnen.core.content_cache import shown_everywhere
        from dorfbrunnen.core.roles import OFFICE, role_grant

        from . import selectors, signal_handlers
        from .models import Source

        signal_handlers.register()
        # A source's save (by the office, or a fetch that changed something) makes the
        # finder's pages stale; a fetch that changed nothing does not save it.
        shown_everywhere(Source)
        finder_register("aggregator", selectors.ListingFinder())
        role_grant(
            OFFICE,
            *(f"federation.{action}_source" for action in ("add", "change", "view", "delete")),
        )
