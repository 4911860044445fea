"""The production cache: a real redis-server, as configured by REDIS_URL.

Several application servers share it, so a page one of them cached must be served by the
others, and a publish on any of them must make it stale for all.
"""

import shutil

import pytest
import redis
from django.core.cache import caches

from dorfbrunnen.settings.base import redis_cache
from dorfbrunnen.testing import closed_port, serve
from dorfbrunnen.tests.sample import standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (make test installs it when run as root)")
    server, port = serve(
        lambda port: ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        "Ready to accept connections",
        log=tmp_path_factory.mktemp("redis") / "redis.log",
    )
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait()


@pytest.fixture
def shared_cache(settings, redis_url):
    """The cache settings production derives from REDIS_URL (settings/base.py)."""
    settings.CACHES = {"default": redis_cache(redis_url)}
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.flushdb()


def another_server():
    """What a second application server sees: its own connection, nothing in memory."""
    caches["default"].close()
    del caches["default"]


def test_a_page_cached_by_one_server_is_served_by_another_and_a_publish_clears_it(
    client, shared_cache, django_assert_num_queries
):
    page = standard_page("Unsere Geschichte", "geschichte", "Gegründet am Küchentisch.")
    first = client.get(page.url)
    assert first["X-Cache"] == "MISS"
    assert shared_cache.keys("dorfbrunnen:*page*"), "the page is not stored in Redis"

    another_server()
    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content

    page.title = "Wer wir sind"
    page.save_revision().publish()

    another_server()
    third = client.get(page.url)
    assert third["X-Cache"] == "MISS"
    assert "Wer wir sind" in third.text


def test_pages_keep_working_when_redis_is_away(client, settings):
    page = standard_page("Unsere Geschichte", "geschichte", "Gegründet am Küchentisch.")
    with closed_port() as port:  # nothing answers there
        settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{port}/0")}
        response = client.get(page.url)
    assert response.status_code == 200
    assert "Gegründet am Küchentisch" in response.text
