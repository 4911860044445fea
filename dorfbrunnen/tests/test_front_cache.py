"""The front cache (Varnish) is told to drop everything when content changes."""

from dorfbrunnen.core.models import SiteSettings
from dorfbrunnen.news.models import NewsPage


def test_a_publish_purges_the_whole_site_once(purges, demo, commit):
    news = NewsPage.objects.first()
    news.title = "Neue Webseite – jetzt mit Infopaket"
    with commit():
        news.save_revision().publish()
    assert purges.count(("localhost", "/")) == 1


def test_a_settings_change_purges_too(purges, demo, commit):
    site_settings = SiteSettings.objects.first()
    site_settings.phone = "0231 1234567"
    with commit():
        site_settings.save()
    assert ("localhost", "/") in purges


def test_nothing_is_sent_without_a_front_cache(settings, demo, commit):
    settings.WAGTAILFRONTENDCACHE = None
    with commit():
        NewsPage.objects.first().save_revision().publish()  # no error, nothing to purge
