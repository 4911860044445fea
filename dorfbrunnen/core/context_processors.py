from django.utils.translation import get_language
from wagtail.models import Site

from .content_cache import cached
from .models import SiteSettings


def site_settings(request):
    """The association's facts for every template, cached until the settings change."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_settings": None}

    def load():
        instance = SiteSettings.for_site(site)
        instance.logo  # noqa: B018 – load the logo with the settings, once
        return instance

    # Plain fields and the logo: kept until settings or images change, not per publish.
    return {"site_settings": cached(f"site-settings:{site.pk}:{get_language()}", load, shared=True)}
