"""The demo content (`make run`, the browser tests' server) in one smoke test: it loads on
top of what setup made, a second run changes nothing, its accounts work, and every demo
page answers with its text. The other tests build their own data (tests/sample.py)."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page, Revision

from dorfbrunnen.core.roles import MEMBERS, OFFICE, role_group
from dorfbrunnen.demo.loader import demo_load
from dorfbrunnen.pages.models import HomePage
from dorfbrunnen.pages.seed import read_home_seed
from dorfbrunnen.testing import DEMO_PAGES, DEMO_TRANSLATED_PAGES, FORM_PAGES


def visible_text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_the_demo_loads_once_keeps_its_passwords_and_every_demo_page_answers(client, db, tmp_path):
    users = get_user_model().objects
    credentials = tmp_path / "demo-credentials.txt"
    first = demo_load(credentials_file=credentials)
    assert first.created_pages > 10
    counts = (Page.objects.count(), Revision.objects.count(), users.count())

    second = demo_load(credentials_file=credentials)
    assert second.created_pages == 0
    assert (Page.objects.count(), Revision.objects.count(), users.count()) == counts
    assert (second.password, second.member_password) == (first.password, first.member_password)
    assert first.password in credentials.read_text() and len(first.password) >= 16

    editor = users.get(username=first.username)
    assert role_group(OFFICE) in editor.groups.all()
    assert role_group(MEMBERS) in users.get(username=first.member_username).groups.all()
    assert client.login(username=first.username, password=first.password)
    assert client.get("/admin/").status_code == 200
    home_page = HomePage.objects.get(locale__language_code="de")
    assert client.get(f"/admin/pages/{home_page.pk}/edit/").status_code == 200
    client.logout()
    assert client.login(username=first.member_username, password=first.member_password)
    client.logout()

    # Each page as a new visitor sees it: its text, and a cookie only where there is a form.
    wrong = {}
    for url, text in {**DEMO_PAGES, **DEMO_TRANSLATED_PAGES}.items():
        response = Client().get(url)
        found = (response.status_code, text in visible_text(response), set(response.cookies))
        if found != (200, True, {"csrftoken"} if url in FORM_PAGES else set()):
            wrong[url] = found
    assert wrong == {}

    # The seed's Fachtag teaser, word for word, leads to the Fachtag 2023 as „Rückblick“;
    # the featured event is one still to come.
    home = BeautifulSoup(Client().get("/").content, "html.parser")
    seed = read_home_seed()
    (teaser,) = [t for t in home.select(".teaser") if seed.fachtag_title in t.get_text()]
    assert teaser.select_one(".teaser__label").get_text().startswith("Rückblick")
    assert teaser.h2.a["href"] == "/veranstaltungen/fachtag-familie-2023/"
    for text in [seed.fachtag_subtitle, *seed.fachtag_paragraphs]:
        assert text in teaser.get_text()
    featured = home.select_one(".home-next-event .card__title").get_text()
    assert featured != seed.fachtag_title
    # Every demo centre can be called and written to from a phone.
    centres = Page.objects.filter(depth=4, url_path__contains="/zentren/").specific()
    assert len(centres) == 14
    for centre in centres:
        links = BeautifulSoup(Client().get(centre.url).content, "html.parser").select(
            ".contact-list a"
        )
        schemes = {a["href"].split(":")[0] for a in links}
        assert {"tel", "mailto"} <= schemes, centre.title

    # Weekly programmes: at least 60 items over the 14 centres, varied; two courses, one
    # family registered at the desk.
    from dorfbrunnen.centres.models import ProgrammeItem
    from dorfbrunnen.events.models import EventPage, Registration

    items = list(ProgrammeItem.objects.current())
    assert len(items) >= 60
    assert len({item.page_id for item in items}) == 14
    assert {"de", "tr", "ar", "uk", "ru", "en", "fa"} <= {t for i in items for t in i.tags}
    assert len({item.topic_id for item in items}) >= 6
    assert {day for item in items for day in item.weekdays} >= {1, 2, 3, 4, 5, 6}
    assert {(i.age_min is None, i.age_max is None) for i in items} == {
        (True, True),
        (False, True),
        (False, False),
    }
    assert EventPage.objects.live().filter(is_course=True).count() == 2
    assert Registration.objects.filter(source="desk").count() == 1

    # A new install gets a password of its own, not one fixed in the code.
    users.filter(username=first.username).delete()
    again = demo_load(credentials_file=tmp_path / "other-credentials.txt")
    assert again.password != first.password and len(again.password) >= 16
