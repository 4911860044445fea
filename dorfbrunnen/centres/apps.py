from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class CentresConfig(AppConfig):
    name = "dorfbrunnen.centres"
    label = "centres"
    verbose_name = _("Zentren")

    def ready(self):
        from dorfbrunnen.core.content_cache import shown_everywhere
        from dorfbrunnen.core.i18n import translations_follow
        from dorfbrunnen.core.roles import OFFICE, role_declare, role_grant
        from dorfbrunnen.core.startup import on_worker_start

        from . import api, geo, setup  # noqa: F401 – setup registers its step
        from .models import CentrePage, Offer
        from .services import CENTRE_EDITORS

        api.register()
        on_worker_start(geo.load)  # every search by place needs the postcodes
        shown_everywhere(Offer)
        # What a centre page marks as synchronised (opening hours, closures, the point on the
        # map, e-mail, website, programme) is the German centre's.
        translations_follow(CentrePage)
        role_grant(OFFICE, *(f"centres.{action}_offer" for action in ("add", "change", "delete")))
        role_declare(
            CENTRE_EDITORS,
            gettext_noop("Ehrenamtliche eines Zentrums"),
            gettext_noop("Pflegen den Eintrag ihres Zentrums; die Geschäftsstelle gibt frei."),
            per_object=True,
        )
        role_grant(CENTRE_EDITORS, "wagtailadmin.access_admin")
