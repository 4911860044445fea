"""A centre's page lists its coming events. Centres know no events (the import rule in
dorfbrunnen/tests/test_layout.py): the centre's template asks the events app's template tag
`{% centre_events page as … %}`, so this is checked here, on the events side."""

from bs4 import BeautifulSoup

from dorfbrunnen.centres.tests.factories import centre

from .factories import event


def event_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find(id="events-heading")
    if heading is None:
        return None
    return [a.get_text() for a in heading.parent.select(".event-card .card__title a")]


def test_centre_page_shows_the_coming_events_held_there_or_organised_by_it(client, db):
    here = centre("Familienzentrum am Markt", "44149")
    other = centre("Anderes Zentrum", "44137")
    event("eltern-cafe", days=3, title="Elterncafé", centre=here, event_format="in_person")
    event("online-kurs", days=1, title="Online-Kurs", organiser_centre=here)
    event("vorbei", days=-5, title="Schon vorbei", centre=here, event_format="in_person")
    event("woanders", days=2, title="Woanders", centre=other, event_format="in_person")
    # Soonest first; past events and other centres' events are not listed.
    assert event_titles(client.get(here.url)) == ["Online-Kurs", "Elterncafé"]
    assert event_titles(client.get(other.url)) == ["Woanders"]


def test_a_centre_without_coming_events_shows_no_empty_section(client, db):
    quiet = centre("Stilles Zentrum", "44139")
    event("vorbei", days=-5, title="Schon vorbei", centre=quiet, event_format="in_person")
    assert event_titles(client.get(quiet.url)) is None
    assert "Nächste Veranstaltungen" not in client.get(quiet.url).text


def test_all_events_leads_to_the_calendar_also_from_an_event_below_a_centre(client, db):
    """A centre may keep its events below its own page: „Alle Veranstaltungen“ still
    means the calendar, not the centre."""
    from dorfbrunnen.events.models import EventIndexPage

    here = centre("Familienzentrum am Markt", "44149")
    below = event("babymassage", days=3, parent=here, centre=here, event_format="in_person")
    soup = BeautifulSoup(client.get(below.url).content, "html.parser")
    link = soup.find("a", string="Alle Veranstaltungen")
    assert link["href"] == EventIndexPage.objects.get().url
