from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with superusers managed only by superusers (core.users)."""

    user_viewset = "dorfbrunnen.core.users.UserViewSet"

    def ready(self):
        from django.contrib.auth import get_user_model
        from wagtail.permissions import register_permission_policy

        from .scoping import ScopedPolicy
        from .users import accounts_in_scope

        super().ready()
        model = get_user_model()
        register_permission_policy(model, ScopedPolicy(model, scope=accounts_in_scope))


class CoreConfig(AppConfig):
    default = True  # this module also holds the user admin's config
    name = "dorfbrunnen.core"
    label = "core"
    verbose_name = _("Grundlagen")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import (
            Collection,
            CollectionViewRestriction,
            Locale,
            PageViewRestriction,
            Site,
        )

        from . import (  # noqa: F401 – registers signals, steps and the `__in_array` lookup
            i18n,
            lookups,
            privacy,
            restrictions,
            setup,
        )
        from .content_cache import shown_everywhere
        from .models import NavigationSettings, SignLanguageVideo, SiteSettings
        from .notifications import queued_notifications_connect
        from .roles import OFFICE, role_declare, role_grant
        from .slugs import use_german_slugs

        use_german_slugs()
        i18n.roles_declare()

        # Before wagtail.admin connects its own (core.notifications).
        queued_notifications_connect()
        shown_everywhere(
            NavigationSettings,
            SiteSettings,
            Site,
            get_document_model(),
            get_image_model(),
            Collection,
            PageViewRestriction,
            CollectionViewRestriction,
            SignLanguageVideo,
            Locale,  # core.i18n.locale_ids() is kept until a locale changes
        )

        # The names are stored in the database as written here: German, like the office.
        role_declare(
            OFFICE,
            gettext_noop("Geschäftsstelle"),
            gettext_noop("Bearbeitet und veröffentlicht alle Seiten, verwaltet Konten."),
        )
        role_grant(
            OFFICE,
            "wagtailadmin.access_admin",
            "core.change_sitesettings",
            "core.change_navigationsettings",
            "core.view_outboundmail",
            "core.change_outboundmail",
            "core.manage_personal_data",
            *(f"core.{action}_signlanguagevideo" for action in ("add", "change", "delete", "view")),
            "auth.add_user",
            "auth.change_user",
            "auth.view_user",
            "auth.delete_user",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            pages=[
                "wagtailcore.add_page",
                "wagtailcore.change_page",
                "wagtailcore.publish_page",
                "wagtailcore.lock_page",
                "wagtailcore.unlock_page",
                "wagtailcore.delete_page",
                "wagtailcore.bulk_delete_page",
            ],
            collections=[
                f"{app}.{action}_{model}"
                for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
                for action in ("add", "change", "choose", "delete")
            ],
        )
