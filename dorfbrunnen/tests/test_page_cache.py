from django.contrib.auth import get_user_model

from dorfbrunnen.pages.models import StandardPage
from dorfbrunnen.testing import wsgi_call


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


def test_the_production_entry_point_answers_cached_pages_before_django(
    demo, direct_wsgi, django_assert_num_queries
):
    status, headers, body = wsgi_call("/ueber-uns/")
    assert (status, headers["X-Cache"]) == ("200 OK", "MISS")
    with django_assert_num_queries(0):
        status, hit_headers, hit_body = wsgi_call("/ueber-uns/")
    assert (status, hit_headers["X-Cache"]) == ("200 OK", "HIT")
    assert hit_body == body
    assert "script-src 'self'" in hit_headers["Content-Security-Policy"]
    assert hit_headers["Content-Type"] == headers["Content-Type"]

    status, head_headers, head_body = wsgi_call("/ueber-uns/", method="HEAD")
    assert (head_headers["X-Cache"], head_body) == ("HIT", b"")

    logged_in = wsgi_call("/ueber-uns/", cookie="sessionid=abc")[1]
    assert "X-Cache" not in logged_in

    about = StandardPage.objects.get(slug="ueber-uns")
    about.title = "Wer wir sind"
    about.save_revision().publish()
    status, headers, body = wsgi_call("/ueber-uns/")
    assert headers["X-Cache"] == "MISS"
    assert "Wer wir sind" in body.decode()
