"""`core.content_cache.form_page`: a form page kept once for everybody, with each visitor's
own CSRF token and the slots as they are now put in – and never kept where that would
show one visitor's stand-ins or token to another."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import _does_token_match, get_token
from django.template import engines
from django.template.response import TemplateResponse
from django.test import RequestFactory

from dorfbrunnen.core.content_cache import form_page

PAGE = engines["django"].from_string(
    '<link rel="canonical" href="{{ request.build_absolute_uri }}">'
    '<form method="post">{% csrf_token %}<p>{{ places }}</p><button>Senden</button></form>'
)


def visit(method="get", host="testserver"):
    request = getattr(RequestFactory(), method)("/anmelden/", HTTP_HOST=host)
    request.user = AnonymousUser()
    return request


def html_of(response) -> str:
    """The page as the visitor gets it (a page not kept is rendered by Django's handler)."""
    if hasattr(response, "render"):
        response.render()
    return response.content.decode()


def token_of(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html_of(response))[1]


@pytest.fixture
def page(db):
    """form_page over PAGE, counting its renderings; `places` is the slot's value now."""
    state = {"places": "Noch 3 Plätze frei.", "rendered": 0, "status": 200, "asks_token": False}

    def show(request, name="test"):
        def render(extra):
            state["rendered"] += 1
            if state["asks_token"]:
                get_token(request)  # something on the page needs the visitor's real token
            return TemplateResponse(request, PAGE, extra, status=state["status"])

        return form_page(request, name, render, slots={"places": lambda: state["places"]})

    return show, state


def test_the_page_is_kept_with_each_visitors_token_and_the_slot_as_it_is_now(page):
    show, state = page
    first_visitor, second_visitor = visit(), visit()
    first = show(first_visitor)
    state["places"] = "Noch 2 Plätze frei."
    second = show(second_visitor)
    assert state["rendered"] == 1
    assert "Noch 3 Plätze frei." in html_of(first)
    assert "Noch 2 Plätze frei." in html_of(second)
    assert token_of(first) != token_of(second)
    # Each token is the visitor's own: it matches the secret of the cookie they are sent.
    for request, response in ((first_visitor, first), (second_visitor, second)):
        assert _does_token_match(token_of(response), request.META["CSRF_COOKIE"])
    assert first_visitor.META["CSRF_COOKIE"] != second_visitor.META["CSRF_COOKIE"]


@pytest.mark.parametrize("refusal", ["asks_token", "status"])
def test_a_page_that_may_not_be_kept_gets_the_real_token_and_slot_never_a_stand_in(page, refusal):
    show, state = page
    if refusal == "asks_token":
        state["asks_token"] = True
    else:
        state["status"] = 400
    for _visitor in range(2):
        html = html_of(show(visit()))
        assert "Noch 3 Plätze frei." in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        assert len(token) == 64  # a real (masked) token, not a 32-digit stand-in
        assert not re.search(r"\b[0-9a-f]{32}\b", html)
    assert state["rendered"] == 4  # built, refused and rendered again: twice per visit


def test_a_post_is_rendered_as_it_is(page):
    show, state = page
    html = html_of(show(visit("post")))
    assert "Noch 3 Plätze frei." in html and state["rendered"] == 1


def test_a_page_asked_under_another_host_links_to_that_host(page, settings):
    settings.ALLOWED_HOSTS = ["testserver", "zentren.example.org"]
    show, _state = page
    assert "http://testserver/anmelden/" in html_of(show(visit()))
    other = html_of(show(visit(host="zentren.example.org")))
    assert "http://zentren.example.org/anmelden/" in other
    assert "testserver" not in other
