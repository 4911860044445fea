from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from dorfbrunnen.core import routing
from dorfbrunnen.core import views as core_views

handler404 = "dorfbrunnen.core.views.page_not_found"
handler500 = "dorfbrunnen.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/v1/", include("dorfbrunnen.api.urls")),
]

if settings.DEBUG:
    # Images only: documents are served by Wagtail's view, which checks their privacy.
    for folder in ("images", "original_images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=Path(settings.MEDIA_ROOT) / folder
        )

# Further languages get a prefix (/en/…); German, the default, has none.
urlpatterns += i18n_patterns(
    path("suche/", include("dorfbrunnen.search.urls")),
    path("mitglieder/", include("dorfbrunnen.members.urls")),
    path("", include("dorfbrunnen.library.urls")),
    path("", include("dorfbrunnen.events.urls")),
    path("", include(wagtail_urls.urlpatterns[:-1])),  # Wagtail's helpers, not its serve view
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
