"""The frame around a page – header, menus, language switch, footer – is kept per address
(`{% page_frame %}`): built once, never carried over to another address or another
visitor's search."""

import pytest
from django.test.signals import template_rendered

from dorfbrunnen.core.models import NavigationSettings


@pytest.fixture
def rendered(settings):
    """The names of the templates each request renders, the page cache off."""
    settings.PAGE_CACHE_SECONDS = 0
    names = []

    def listen(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(listen)
    yield names
    template_rendered.disconnect(listen)


def test_a_pages_frame_is_built_once_and_each_address_marks_itself_in_the_menu(
    client, section, rendered
):
    about, events = section("about"), section("imprint")
    navigation = NavigationSettings.objects.get()
    navigation.main_menu = [
        ("link", {"page": page, "external_url": "", "title": ""}) for page in (about, events)
    ]
    navigation.save()

    first = client.get(about.url).text
    assert "includes/menu.html" in rendered
    rendered.clear()
    again = client.get(about.url).text
    assert "includes/menu.html" not in rendered  # the frame was kept
    assert "includes/language_switch.html" not in rendered
    assert again == first

    other = client.get(events.url).text
    assert f'href="{about.url}" aria-current="page"' in first
    assert f'href="{events.url}" aria-current="page"' in other
    assert f'href="{about.url}" aria-current="page"' not in other
    assert f"seite={events.url}" in other  # the footer's „Barriere melden“ names this page


def test_an_address_with_a_token_in_it_keeps_no_frame(client, section, rendered):
    finder = section("programme")
    for _again in range(2):  # a made-up confirm link: answered, its frame never kept
        client.get(f"{finder.url}noch-aktuell/1x1-abc/")
        assert "includes/menu.html" in rendered
        rendered.clear()
    client.get(finder.url)
    rendered.clear()
    client.get(finder.url)
    assert "includes/menu.html" not in rendered  # the finder itself is kept
