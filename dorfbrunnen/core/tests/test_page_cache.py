from django.contrib.auth import get_user_model

from dorfbrunnen.pages.models import StandardPage


def test_anonymous_pages_come_from_the_cache_without_queries(
    client, demo, django_assert_num_queries
):
    first = client.get("/ueber-uns/")
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get("/ueber-uns/")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert not second.cookies
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_publishing_clears_every_cached_page_at_once(client, demo):
    client.get("/ueber-uns/")
    client.get("/")
    about = StandardPage.objects.get(slug="ueber-uns")
    about.title = "Wer wir sind"
    about.save_revision().publish()
    response = client.get("/ueber-uns/")
    assert response["X-Cache"] == "MISS"
    assert "Wer wir sind" in response.text
    assert "Wer wir sind" in client.get("/").text  # the menu on every page, too


def test_forms_and_personal_pages_are_never_cached(client, demo):
    assert "X-Cache" not in client.get("/kontakt/")
    assert "X-Cache" not in client.get("/kontakt/")
    assert "X-Cache" not in client.get("/veranstaltungen/workshop-ehrenamt-online/anmelden/")


def test_logged_in_editors_bypass_the_cache(client, demo):
    client.get("/ueber-uns/")
    client.force_login(get_user_model().objects.get(username=demo.username))
    assert "X-Cache" not in client.get("/ueber-uns/")


def test_error_pages_are_not_cached(client, demo):
    assert "X-Cache" not in client.get("/gibt-es-nicht/")
    assert "X-Cache" not in client.get("/zentren/?ort=Atlantis")
