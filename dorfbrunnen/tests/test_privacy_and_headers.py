"""What every anonymous visitor gets: no third-party requests, no cookies without a form,
and the security headers a strict policy needs."""

import re
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from dorfbrunnen.conftest import DEMO_PAGES, FORM_PAGES

RESOURCE_ATTRIBUTES = [
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "srcset"),
    ("link", "href"),
    ("iframe", "src"),
    ("video", "src"),
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


@pytest.mark.parametrize("url", DEMO_PAGES)
def test_anonymous_page_has_no_third_party_request_and_no_cookie_without_form(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert external_hosts(response.content) == set()
    allowed = {"csrftoken"} if url in FORM_PAGES else set()
    assert set(response.cookies) <= allowed, response.cookies


def test_external_host_detection_is_not_blind():
    html = b'<link rel="stylesheet" href="https://fonts.example.com/a.css"><img src="/x.png">'
    assert external_hosts(html) == {"fonts.example.com"}


@pytest.mark.parametrize("url", ["/", "/kontakt/", "/aktuelles/feed/", "/gibt-es-nicht/"])
def test_public_responses_carry_the_security_headers(client, demo, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_admin_gets_its_own_documented_looser_policy(client, demo):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_language_is_never_guessed_from_the_browser(client, demo):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response.headers["Content-Language"] == "de"
    assert "Accept-Language" not in response.headers.get("Vary", "")
    assert 'lang="de"' in response.text


@pytest.mark.parametrize(
    "url", ["/suche/?q=a%00b", "/zentren/?ort=%00", "/api/v1/centres/?offer=%00", "/x%00/"]
)
def test_nul_characters_in_the_address_get_a_400(client, demo, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ungültige Zeichen" in response.content.decode()


def test_the_admin_asks_no_third_party_for_avatars(client, demo):
    client.login(username=demo.username, password=demo.password)
    assert "gravatar" not in client.get("/admin/").text
