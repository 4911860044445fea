"""The front cache (Varnish) is told to drop everything when content changes."""

from urllib.parse import urlsplit

from wagtail.models import Site

from dorfbrunnen.core.models import SiteSettings
from dorfbrunnen.tests.sample import news_item

# A purge is asked for once per transaction (core.content_cache.on_commit_once), and the
# test's transaction never ends: so each test makes one change, inside `commit()`.


def whole_site() -> tuple[str, str]:
    """The PURGE that empties the front cache for the site: (Host, path)."""
    return (urlsplit(Site.objects.get(is_default_site=True).root_url).hostname, "/")


def publish_news():
    """Creates and publishes a news item: a page, its revision, its place in the tree."""
    return news_item("Neue Broschüre", "neue-broschuere", "Liegt in allen Zentren aus.")


def test_a_publish_purges_the_whole_site_once(purges, commit, db):
    with commit():
        publish_news()
    assert purges == [whole_site()]


def test_a_settings_change_purges_too(purges, commit, db):
    site_settings = SiteSettings.objects.get()
    site_settings.phone = "0231 1234567"
    with commit():
        site_settings.save()
    assert purges == [whole_site()]


def test_nothing_is_sent_without_a_front_cache(purges, settings, commit, db):
    del settings.WAGTAILFRONTENDCACHE  # the stand-in still listens, but is not configured
    with commit():
        publish_news()  # no error, and nothing to purge
    assert purges == []
