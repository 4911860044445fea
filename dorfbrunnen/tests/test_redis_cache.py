"""The production cache: a real redis-server, as configured by REDIS_URL.

Several application servers share it, so a page one of them cached must be served by the
others, and a publish on any of them must make it stale for all.
"""

import shutil
import subprocess
import time

import pytest
import redis
from django.core.cache import caches

from dorfbrunnen.pages.models import StandardPage
from dorfbrunnen.settings.base import redis_cache
from dorfbrunnen.testing import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def redis_url():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (make test installs it when run as root)")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
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
    client, demo, shared_cache, django_assert_num_queries
):
    first = client.get("/ueber-uns/")
    assert first["X-Cache"] == "MISS"
    assert shared_cache.keys("dorfbrunnen:*page*"), "the page is not stored in Redis"

    another_server()
    with django_assert_num_queries(0):
        second = client.get("/ueber-uns/")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content

    about = StandardPage.objects.get(slug="ueber-uns")
    about.title = "Wer wir sind"
    about.save_revision().publish()

    another_server()
    third = client.get("/ueber-uns/")
    assert third["X-Cache"] == "MISS"
    assert "Wer wir sind" in third.text


def test_pages_keep_working_when_redis_is_away(client, demo, settings):
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}  # gone
    response = client.get("/ueber-uns/")
    assert response.status_code == 200
    assert "Über uns" in response.text
