"""„Termine bundesweit“: own and federated dates, soonest first, near a place."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.tests.factories import centre
from dorfbrunnen.events.tests.factories import event
from dorfbrunnen.federation.models import FederatedEvent
from dorfbrunnen.federation.services import events_sync_own

URL = "/bundesweit/termine/"


@pytest.fixture
def aggregator(settings):
    settings.FEDERATION_MODE = "aggregator"


def federated_event(source, title, days, postcode="30159", **fields):
    start = timezone.now() + timedelta(days=days)
    latitude, longitude = geo.postcode_point(postcode)
    return FederatedEvent.objects.create(
        source=source,
        key=title,
        title=title,
        url=f"https://nord.example/termine/{days}/",
        start=start,
        end=start + timedelta(hours=2),
        place=f"Zentrum, {postcode}",
        postcode=postcode,
        latitude=latitude,
        longitude=longitude,
        **fields,
    )


def test_own_and_federated_dates_soonest_first_with_their_sources(client, aggregator, nord):
    essen = centre("Eigenes Zentrum", "45127", town="Essen")
    event("eigenes-fest", centre=essen, days=3, title="Eigenes Sommerfest")
    federated_event(nord, "Fremder Flohmarkt", 1)
    federated_event(nord, "Fremdes Frühstück", 5, registration_url="https://nord.example/a/")
    federated_event(nord, "Vorbei", -2)
    assert events_sync_own() == 1
    text = client.get(URL).text
    titles = ["Fremder Flohmarkt", "Eigenes Sommerfest", "Fremdes Frühstück"]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Vorbei" not in text
    assert 'href="https://nord.example/termine/1/"' in text
    assert 'href="https://nord.example/a/"' in text  # registration at the source
    assert "Landesverband Nord e. V." in text and "CC BY 4.0" in text


def test_dates_near_a_place(client, aggregator, nord):
    federated_event(nord, "In Hannover", 2, postcode="30159")
    federated_event(nord, "In München", 2, postcode="80331")
    text = client.get(URL, {"ort": "Hannover", "umkreis": "25"}).text
    assert "In Hannover" in text and "In München" not in text
    assert "Ein Termin im Umkreis von 25 km" in text


def test_bad_input_answers_400_with_a_message(client, aggregator, nord):
    response = client.get(URL, {"ort": "Atlantis"})
    assert response.status_code == 400 and "Atlantis" in response.text
    assert client.get(URL, {"umkreis": "7"}).status_code == 400
    # Not a number of 0–9 digits („²“ passes str.isdigit): the default radius, as for words.
    assert client.get(URL, {"umkreis": "²"}).status_code == 200
    assert client.get(URL, {"seite": "99"}).status_code == 404


def test_only_on_the_national_site(client, db):
    assert client.get(URL).status_code == 404


def test_a_silent_source_s_dates_show_their_date(client, aggregator, nord):
    federated_event(nord, "Fremder Flohmarkt", 1)
    nord.last_success_at = timezone.now() - timedelta(days=3)
    nord.save()
    assert "Stand: " in client.get(URL).text
