"""What every anonymous visitor gets: no third-party requests, no cookies without a form,
and the security headers a strict policy needs."""

import re
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from dorfbrunnen.tests.sample import site_sample

RESOURCE_ATTRIBUTES = [
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "srcset"),
    ("link", "href"),
    ("iframe", "src"),
    ("video", "src"),
    ("source", "src"),
    ("track", "src"),
    ("audio", "src"),
    ("form", "action"),
]


def external_hosts(html: bytes) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    hosts = set()
    for tag, attribute in RESOURCE_ATTRIBUTES:
        for element in soup.find_all(tag):
            if tag == "link" and not {"stylesheet", "icon", "preload", "modulepreload"} & set(
                element.get("rel", [])
            ):
                continue  # canonical and alternate links are not fetched by the browser
            for url in re.split(r",\s*", element.get(attribute, "")):
                host = urlparse(url.strip().split(" ")[0]).hostname
                if host and host not in {"testserver", "localhost"}:
                    hosts.add(host)
    for style in soup.find_all("style"):
        hosts |= set(re.findall(r"url\(['\"]?https?://([^/'\")]+)", style.get_text()))
    return hosts


def test_anonymous_pages_ask_no_third_party_and_set_no_cookie_without_a_form(db):
    from django.test import Client

    sample = site_sample()
    assert sample.forms <= set(sample.pages)
    found = {}
    for url in sample.pages:
        response = Client().get(url)  # a new visitor each time: no cookie from before
        found[url] = (response.status_code, external_hosts(response.content), set(response.cookies))
    expected = {
        url: (200, set(), {"csrftoken"} if url in sample.forms else set()) for url in sample.pages
    }
    assert found == expected


def test_external_host_detection_is_not_blind():
    html = b'<link rel="stylesheet" href="https://fonts.example.com/a.css"><img src="/x.png">'
    assert external_hosts(html) == {"fonts.example.com"}


def security_headers(response, framed=False) -> dict:
    """What is wrong with a public response's security headers ({} if nothing)."""
    csp = response.headers.get("Content-Security-Policy", "")
    checks = {
        "script-src": "script-src 'self'" in csp,
        "no unsafe-inline": "unsafe-inline" not in csp,
        "nosniff": response.headers.get("X-Content-Type-Options") == "nosniff",
        "referrer": response.headers.get("Referrer-Policy") == "strict-origin-when-cross-origin",
        "permissions": "camera=()" in response.headers.get("Permissions-Policy", ""),
    }
    if framed:  # made to be framed by other sites
        checks["frame-ancestors *"] = "frame-ancestors *" in csp
        checks["X-Frame-Options"] = "X-Frame-Options" not in response.headers
    else:
        checks["frame-ancestors 'none'"] = "frame-ancestors 'none'" in csp
        checks["X-Frame-Options"] = response.headers.get("X-Frame-Options") == "DENY"
    return {name: False for name, ok in checks.items() if not ok}


@pytest.mark.parametrize("url", ["/aktuelles/feed/", "/gibt-es-nicht/"])
def test_public_responses_carry_the_security_headers(client, db, url):
    assert security_headers(client.get(url)) == {}


def test_every_page_type_carries_the_security_headers(client, db):
    sample = site_sample()
    widget = sample.urls["widget"]
    problems = {
        url: security_headers(client.get(url), framed=url == widget) for url in sample.pages
    }
    assert {url: problem for url, problem in problems.items() if problem} == {}


def test_admin_gets_its_own_documented_looser_policy(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_a_pages_preview_may_be_framed_by_the_admin(office_client, section):
    """Wagtail renders a preview through the middleware again, for the page's own address:
    the public policy (no framing at all) would leave the editor's preview and its Checks
    panel empty."""
    from django.urls import reverse

    page = section("about")
    response = office_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_language_is_never_guessed_from_the_browser(client, db):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response.headers["Content-Language"] == "de"
    assert "Accept-Language" not in response.headers.get("Vary", "")
    assert 'lang="de"' in response.text


@pytest.mark.parametrize(
    "url", ["/suche/?q=a%00b", "/zentren/?ort=%00", "/api/v1/centres/?offer=%00", "/x%00/"]
)
def test_nul_characters_in_the_address_get_a_400(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ungültige Zeichen" in response.content.decode()


def test_a_nul_character_in_a_cookie_gets_a_400_before_the_session_is_read(client, db):
    # The cookie parser turns the octal escape into a NUL; PostgreSQL refused the session
    # key with a 500.
    response = client.get("/", HTTP_COOKIE='sessionid="abcdefgh\\000ijkl"')
    assert response.status_code == 400
    assert "ungültige Zeichen" in response.content.decode()


def test_the_admin_asks_no_third_party_for_avatars(office_client):
    response = office_client.get("/admin/")
    assert response.status_code == 200
    assert "gravatar" not in response.text


def test_what_a_logged_in_person_sees_is_kept_by_no_shared_cache(client, member_client, db):
    from dorfbrunnen.library.tests.factories import chapter, members_only

    internal = members_only(chapter("Intern", slug="intern"))
    response = member_client.get(internal.url)
    assert response.status_code == 200 and "Intern" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "private" in member_client.get("/").headers.get("Cache-Control", "")
    assert "private" not in client.get("/").headers.get("Cache-Control", "")


def test_a_new_draft_is_listed_nowhere_before_it_is_published(client, db):
    """The listings leave out the pages a visitor may not see by a kept list of them; a
    page created afterwards (a draft) must not slip through until the next publish."""
    from datetime import timedelta

    from django.utils import timezone

    from dorfbrunnen.centres.models import CentreIndexPage, CentrePage
    from dorfbrunnen.centres.tests.factories import centre
    from dorfbrunnen.events.models import EventIndexPage, EventPage
    from dorfbrunnen.events.tests.factories import event

    event("sommerfest", title="Sommerfest")
    centre("Familienzentrum Sonne", "44135", town="Dortmund")
    assert "Sommerfest" in client.get("/veranstaltungen/").text
    assert "Familienzentrum Sonne" in client.get("/zentren/?ort=44135").text

    start = (timezone.now() + timedelta(days=5)).replace(minute=0, second=0, microsecond=0)
    draft_event = EventPage(
        title="Geheimer Termin",
        slug="entwurf",
        start=start,
        end=start + timedelta(hours=1),
        event_format=EventPage.Format.ONLINE,
        live=False,
    )
    EventIndexPage.objects.get().add_child(instance=draft_event)
    draft_event.save_revision()
    draft_centre = CentrePage(
        title="Geheimes Zentrum",
        postcode="44135",
        town="Dortmund",
        latitude=51.51,
        longitude=7.47,
        live=False,
    )
    CentreIndexPage.objects.get().add_child(instance=draft_centre)
    draft_centre.save_revision()

    # Other addresses than before, so that no whole page kept answers.
    assert "Geheimer Termin" not in client.get("/veranstaltungen/?monat=").text
    assert "Geheimes Zentrum" not in client.get("/zentren/?ort=44135&umkreis=25").text
    api = client.get("/api/v1/centres/?near=44135").json()
    assert [f["properties"]["name"] for f in api["features"]] == ["Familienzentrum Sonne"]


def test_the_public_forms_let_the_browser_fill_in_name_and_address(client, section):
    """WCAG 1.3.5: the fields asking for the visitor's own name and address say so, so a
    phone offers to fill them in."""
    from dorfbrunnen.events.tests.factories import registration_event

    def hints(url):
        form = BeautifulSoup(client.get(url).text, "html.parser").select_one("main form")
        fields = form.select("input[autocomplete]")
        return {field["autocomplete"] for field in fields} - {"off"}  # „off“: the trap

    registration = registration_event("elterncafe").url + "anmelden/"
    assert hints(registration) == {"name", "email", "organization"}
    assert hints("/newsletter/") == {"name", "email"}
    assert hints(section("contact").url) == {"name", "email"}
