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


def test_the_purge_waits_until_every_worker_sees_the_change(settings, purges, db, section):
    """With the production task queue, the site-wide purge runs PURGE_DELAY after the
    publish: the workers' front doors trust a content version read up to a second ago."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from dorfbrunnen.core.content_cache import PURGE_DELAY, front_cache_purge

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    before = timezone.now()
    front_cache_purge()
    task = DBTaskResult.objects.get(task_path__endswith="purge_urls_from_cache_task")
    assert task.run_after >= before + PURGE_DELAY
    assert task.args_kwargs["args"][0] == [f"{section('home').get_site().root_url}/"]
    assert purges == []  # nothing was sent before its time
