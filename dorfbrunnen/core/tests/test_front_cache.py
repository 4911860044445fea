"""The front cache (Varnish) is told to drop everything when content changes."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from dorfbrunnen.core.models import SiteSettings
from dorfbrunnen.news.models import NewsPage


@pytest.fixture
def purges(settings):
    """A stand-in for Varnish's purge endpoint that records what it is asked to purge."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield received
    server.shutdown()
    server.server_close()


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
