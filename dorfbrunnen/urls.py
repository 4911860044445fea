from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from dorfbrunnen.core import account_urls, routing
from dorfbrunnen.core import views as core_views

handler404 = "dorfbrunnen.core.views.page_not_found"
handler500 = "dorfbrunnen.core.views.server_error"

urlpatterns = [
    # Before Wagtail's admin: a forgotten password is handled in the site's look.
    path("admin/password_reset/", include(account_urls.wagtail_redirects)),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/v1/", include("dorfbrunnen.api.urls")),
]

if settings.SERVE_LOCAL_MEDIA:
    # Images and sign-language videos only: documents are served by Wagtail's view, which
    # checks their privacy.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}"
            r"(?P<path>(?:images|original_images|gebaerdensprache)/.+)$",
            static_serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Further languages get a prefix (/en/…); German, the default, has none.
urlpatterns += i18n_patterns(
    path("suche/", include("dorfbrunnen.search.urls")),
    path("mitglieder/", include("dorfbrunnen.members.urls")),
    path("newsletter/", include("dorfbrunnen.newsletter.urls")),
    path("", include("dorfbrunnen.accessibility.urls")),
    path("zugang/", include("dorfbrunnen.core.account_urls")),
    path("", include("dorfbrunnen.library.urls")),
    path("", include("dorfbrunnen.events.urls")),
    path("", include("dorfbrunnen.federation.urls")),
    path("", include(wagtail_urls.urlpatterns[:-1])),  # Wagtail's helpers, not its serve view
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
