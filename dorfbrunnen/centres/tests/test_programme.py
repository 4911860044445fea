"""The weekly programmes: the finder `/angebote/`, the API `/api/v1/offers/`, the centre's
timetable, and „noch aktuell?“."""

from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.models import ProgrammeItem, parse_languages, parse_slots
from dorfbrunnen.centres.programme import confirm_token, programme_remind

from .factories import centre, km_north_of, programme_item, saved_programme_item, volunteer

API = "/api/v1/offers/"


@pytest.fixture
def finder(section):
    return section("programme").url


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".programme-list .card__title a")]


def api_titles(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.json()
    return [f["properties"]["title"] for f in response.json()["features"]]


@pytest.fixture
def essen(db):
    """Three items at one centre in Essen with different ages and languages."""
    here = geo.find_place("45127")
    place = centre("Zentrum Essen", "45127", town="Essen", **km_north_of(here, 0))
    programme_item(
        place, "Krabbelgruppe", age_min=Decimal(0), age_max=Decimal(3), slots="Di 09:30-11:00"
    )
    programme_item(
        place,
        "Sprachcafé",
        topic="sprachcafe",
        age_min=Decimal(18),
        languages="de, ar, tr",
        slots="Do 15:00-17:00",
    )
    programme_item(
        place, "Generationencafé", topic="offener-treff", slots="Mo 14:00-16:00; Fr 14:00-16:00"
    )
    return place


# The rules of the data


def test_slots_and_languages_are_read_forgivingly_and_refused_when_wrong():
    assert parse_slots("Di 09:30-11:00; do. 15.00–17:00, 18:00-19:00") == [
        (1, *map(lambda t: timezone.datetime.strptime(t, "%H:%M").time(), ("09:30", "11:00"))),
        (3, *map(lambda t: timezone.datetime.strptime(t, "%H:%M").time(), ("15:00", "17:00"))),
        (3, *map(lambda t: timezone.datetime.strptime(t, "%H:%M").time(), ("18:00", "19:00"))),
    ]
    assert parse_languages("de, TR ,ar-SY gsg") == ["de", "tr", "ar-SY", "gsg"]
    for bad in ("Xy 09:00-10:00", "Di 11:00-09:00", "Di neun Uhr", "Di"):
        with pytest.raises(ValidationError):
            parse_slots(bad)
    with pytest.raises(ValidationError):
        parse_languages("deutsch!")


def test_a_list_of_languages_too_long_to_keep_is_the_editors_error_not_a_crash(essen):
    item = essen.programme_items.get(title="Sprachcafé")
    # 100 characters as typed, 134 in the form it is kept in („de, tr, …“).
    item.languages = ",".join(f"{a}{b}" for a in "abcdefghijk" for b in "xyz")[:100]
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "zu viele Sprachen" in str(refused.value)


def test_item_is_stored_with_its_weekdays_and_tags(essen):
    item = essen.programme_items.get(title="Generationencafé")
    assert item.schedule == [
        {"weekday": 1, "start": "14:00", "end": "16:00"},
        {"weekday": 5, "start": "14:00", "end": "16:00"},
    ]
    assert item.weekdays == [1, 5]
    sprachcafe = essen.programme_items.get(title="Sprachcafé")
    assert sprachcafe.tags == ["de", "ar", "tr"]
    assert sprachcafe.language_names("de") == ["Deutsch", "Arabisch", "Türkisch"]
    assert sprachcafe.language_names("en") == ["German", "Arabic", "Turkish"]
    assert sprachcafe.age_text == "für Erwachsene"


# The finder


def test_finder_filters_by_child_age_with_inclusive_and_open_bounds(client, finder, essen):
    def found(age):  # which items, not their order (that follows the clock)
        return sorted(titles(client.get(finder, {"ort": "45127", "alter": age})))

    assert found("3") == ["Generationencafé", "Krabbelgruppe"]  # upper bound included
    assert found("0") == ["Generationencafé", "Krabbelgruppe"]  # lower bound included
    assert found("3,5") == ["Generationencafé"]  # decimals; open range matches
    assert found("40") == ["Generationencafé", "Sprachcafé"]  # 18–open


def test_the_english_finder_takes_the_age_as_its_hint_shows(client, section, essen):
    from dorfbrunnen.tests.languages import translate

    translate(section("home"), "en")
    english_finder = translate(section("programme"), "en").url
    for age in ("1,5", "1.5"):
        response = client.get(english_finder, {"ort": "45127", "alter": age})
        assert response.status_code == 200, age
        assert sorted(titles(response)) == ["Generationencafé", "Krabbelgruppe"]


def test_the_finder_and_the_api_follow_one_age_rule(client, finder, essen):
    for age in ("130", "-1", "drei", "1e1", "NaN", "0," + "0" * 20 + "1"):
        page = client.get(finder, {"ort": "45127", "alter": age})
        api = client.get(API, {"near": "45127", "age": age})
        assert (page.status_code, api.status_code) == (400, 400), age
        message = BeautifulSoup(page.content, "html.parser").select_one("#id_alter_error")
        assert message.get_text(strip=True) == api.json()["error"]
    for age in ("120", "3,5", "3.5", "2,25", "2.4166666666666665", "0"):
        assert client.get(finder, {"ort": "45127", "alter": age}).status_code == 200, age
        assert client.get(API, {"near": "45127", "age": age}).status_code == 200, age


def test_finder_for_me_finds_adult_and_open_items(client, finder, essen):
    response = client.get(finder, {"ort": "45127", "fuer_mich": "on"})
    assert sorted(titles(response)) == ["Generationencafé", "Sprachcafé"]


def test_finder_filters_language_topic_and_weekday(client, finder, essen):
    assert titles(client.get(finder, {"ort": "Essen", "sprache": "ar"})) == ["Sprachcafé"]
    assert titles(client.get(finder, {"ort": "Essen", "thema": "kinderbetreuung"})) == [
        "Krabbelgruppe"
    ]
    assert titles(client.get(finder, {"ort": "Essen", "tag": "5"})) == ["Generationencafé"]


def test_a_language_nobody_offers_finds_nothing_and_suggests_dropping_it(client, finder, essen):
    response = client.get(finder, {"ort": "45127", "sprache": "uk"})
    assert response.status_code == 200
    assert titles(response) == []
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select(".empty-state a")}
    assert "ohne Sprache" in links
    assert "sprache" not in links["ohne Sprache"]
    assert "umkreis=50" in links["Im Umkreis von 50 km suchen"]


def test_radius_edge_counts_a_centre_just_inside_not_one_just_outside(client, finder):
    here = geo.find_place("45134")
    programme_item(centre("Innen", "45134", **km_north_of(here, 9.9)), "Innen-Treff")
    programme_item(centre("Außen", "45134", **km_north_of(here, 10.1)), "Außen-Treff")
    assert titles(client.get(finder, {"ort": "45134", "umkreis": 10})) == ["Innen-Treff"]
    assert api_titles(client, near="45134", radius_km="10") == ["Innen-Treff"]


def test_results_nearest_centre_first(client, finder):
    here = geo.find_place("45134")
    programme_item(centre("Fern", "45134", **km_north_of(here, 8)), "Fern-Treff")
    programme_item(centre("Nah", "45134", **km_north_of(here, 1)), "Nah-Treff")
    assert titles(client.get(finder, {"ort": "45134"})) == ["Nah-Treff", "Fern-Treff"]


def test_today_and_this_week(client, finder, essen):
    today = timezone.localdate().isoweekday()
    expected_today = {1: ["Generationencafé"], 2: ["Krabbelgruppe"], 4: ["Sprachcafé"]}
    expected_today[5] = ["Generationencafé"]
    assert titles(client.get(finder, {"ort": "45127", "wann": "heute"})) == expected_today.get(
        today, []
    )
    week = titles(client.get(finder, {"ort": "45127", "wann": "woche"}))
    assert ("Generationencafé" in week) == (today <= 5)
    assert ("Krabbelgruppe" in week) == (today <= 2)


def test_a_weekday_outside_today_or_this_week_finds_nothing_and_suggests_dropping_one(
    client, finder, essen
):
    today = timezone.localdate().isoweekday()
    asked = [{"tag": str(today % 7 + 1), "wann": "heute"}]  # tomorrow's weekday, „heute“
    if today > 1:
        asked.append({"tag": str(today - 1), "wann": "woche"})  # yesterday, „diese Woche“
    for params in asked:
        for place in ({"ort": "45127"}, {}):
            response = client.get(finder, {**place, **params})
            assert response.status_code == 200
            assert titles(response) == []
            soup = BeautifulSoup(response.content, "html.parser")
            offered = [a.get_text() for a in soup.select(".empty-state a")]
            assert {"ohne Wochentag", "an allen Tagen"} <= set(offered)


def test_choosing_which_muenster_keeps_the_age_language_topic_and_day(client, finder, db):
    here = geo.find_place("48143")
    place = centre("Zentrum Münster", "48143", town="Münster", **km_north_of(here, 0))
    programme_item(place, "Türkisches Elterncafé", topic="sprachcafe", languages="de, tr")
    programme_item(place, "Krabbelgruppe")
    asked = {"ort": "Münster", "alter": "2", "sprache": "tr", "thema": "sprachcafe", "tag": "2"}
    response = client.get(finder, {**asked, "seite": "2"})
    assert response.status_code == 200
    links = {
        a.get_text(): a["href"]
        for a in BeautifulSoup(response.content, "html.parser").select(".notice a")
    }
    nrw = next(href for text, href in links.items() if "Nordrhein-Westfalen" in text)
    chosen = client.get(finder + nrw)
    assert titles(chosen) == ["Türkisches Elterncafé"]
    form = BeautifulSoup(chosen.content, "html.parser")
    assert form.select_one("#id_alter")["value"] == "2"
    assert form.select_one("#id_sprache option[selected]")["value"] == "tr"
    assert form.select_one("#id_tag option[selected]")["value"] == "2"


@pytest.mark.parametrize(
    "params,field",
    [
        ({"ort": "99999"}, "ort"),
        ({"ort": "45127", "alter": "-1"}, "alter"),
        ({"ort": "45127", "alter": "drei"}, "alter"),
        ({"ort": "45127", "tag": "8"}, "tag"),
        ({"ort": "45127", "sprache": "xx!"}, "sprache"),
        ({"ort": "45127", "umkreis": "7"}, "umkreis"),
        ({"ort": "45127", "alter": "3", "fuer_mich": "on"}, "alter"),
    ],
)
def test_finder_bad_input_answers_400_with_a_german_message_and_keeps_it(
    client, finder, essen, params, field
):
    response = client.get(finder, params)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f"#id_{field}_error").get_text(strip=True)
    assert soup.select_one("#id_ort")["value"] == params["ort"]


def test_finder_works_without_a_place_and_without_javascript(client, finder, essen):
    response = client.get(finder, {"sprache": "tr"})
    assert response.status_code == 200
    assert titles(response) == ["Sprachcafé"]
    assert b"<script" not in response.content.split(b"<main", 1)[-1]


def test_finder_query_count_stays_constant(client, finder):
    here = geo.find_place("45127")
    for number in range(6):
        place = centre(f"Z{number}", "45127", **km_north_of(here, number))
        programme_item(place, f"A{number}")
        programme_item(place, f"B{number}", slots="Mi 10:00-11:00")
    client.get(finder, {"ort": "45127"})  # warm routes and menus
    with CaptureQueriesContext(connection) as queries:
        response = client.get(finder, {"ort": "45127", "alter": "2"})
    assert len(titles(response)) == 12
    assert len(queries) <= 12, [q["sql"] for q in queries]


def test_results_stay_kept_while_other_centres_are_published_and_show_their_own_at_once(
    client, finder, essen
):
    def search():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(finder, {"ort": "45127", "umkreis": "5"})
        built = [q["sql"] for q in queries if "centres_openinghours" in q["sql"]]
        return titles(response), built

    far = centre("Weit weg", "10117")
    search()
    programme_item(far, "Anderswo")
    shown, built = search()
    assert "Krabbelgruppe" in shown
    assert built == []  # the Essen centre's card was kept: no opening hours read again

    programme_item(essen, "Vorlesestunde")
    assert "Vorlesestunde" in search()[0]


# Expiry


def test_expired_and_unconfirmed_items_stop_showing(client, finder, essen):
    today = timezone.localdate()
    krabbel = essen.programme_items.get(title="Krabbelgruppe")
    ProgrammeItem.objects.filter(pk=krabbel.pk).update(valid_until=today - timedelta(days=1))
    ProgrammeItem.objects.filter(title="Sprachcafé").update(
        confirmed_on=today - timedelta(days=365)
    )
    assert titles(client.get(finder, {"ort": "45127"})) == ["Generationencafé"]
    assert api_titles(client, near="45127") == ["Generationencafé"]
    page = client.get(essen.url)
    assert b"Generationencaf" in page.content and b"Krabbelgruppe" not in page.content


def test_item_not_yet_valid_is_not_shown(client, finder, essen):
    ProgrammeItem.objects.filter(title="Krabbelgruppe").update(
        valid_from=timezone.localdate() + timedelta(days=3)
    )
    assert "Krabbelgruppe" not in titles(client.get(finder, {"ort": "45127"}))


def test_still_current_mail_goes_to_the_centres_editors_a_month_before_once(essen, commit):
    editor = volunteer(essen, "ella@example.org")
    today = timezone.localdate()
    ProgrammeItem.objects.filter(title="Krabbelgruppe").update(
        confirmed_on=today - timedelta(days=340)
    )
    ProgrammeItem.objects.filter(title="Sprachcafé").update(valid_until=today + timedelta(days=20))
    with commit():
        assert programme_remind() == 2
        assert programme_remind() == 0  # once
    sent = [m for m in mail.outbox if "noch aktuell" in m.subject]
    assert {m.to[0] for m in sent} == {editor.email}
    assert {m.subject for m in sent} == {
        "Ist das Angebot noch aktuell? „Krabbelgruppe“",
        "Ist das Angebot noch aktuell? „Sprachcafé“",
    }
    assert "/angebote/noch-aktuell/" in sent[0].body


def test_still_current_mail_goes_to_the_office_without_editors(essen, commit):
    from wagtail.models import Site

    from dorfbrunnen.core.models import SiteSettings

    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.email = "buero@example.org"
    settings_.save()
    ProgrammeItem.objects.filter(title="Krabbelgruppe").update(
        confirmed_on=timezone.localdate() - timedelta(days=350)
    )
    with commit():
        call_command("remind_programme")
    assert [m.to for m in mail.outbox if "noch aktuell" in m.subject] == [["buero@example.org"]]


def test_still_current_link_works_once_a_second_site_exists(client, essen, commit):
    """A national portal as a second site: the finder's `url` then carries its host."""
    import re

    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    Site.objects.create(hostname="zweite.example.org", root_page=home, site_name="Zweite")
    volunteer(essen, "ella@example.org")
    ProgrammeItem.objects.filter(title="Krabbelgruppe").update(
        confirmed_on=timezone.localdate() - timedelta(days=340)
    )
    with commit():
        assert programme_remind() == 1
    [link] = re.findall(r"\S*/noch-aktuell/\S*", mail.outbox[0].body)
    assert link.startswith("http://testserver/angebote/noch-aktuell/"), link
    assert client.get(link).status_code == 200


def test_confirm_link_shows_a_button_and_only_the_post_confirms(client, finder, essen):
    item = essen.programme_items.get(title="Krabbelgruppe")
    old = timezone.localdate() - timedelta(days=340)
    ProgrammeItem.objects.filter(pk=item.pk).update(confirmed_on=old, reminded_on=old)
    url = f"{finder}noch-aktuell/{confirm_token(item)}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Ja, noch aktuell" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    item.refresh_from_db()
    assert item.confirmed_on == old  # a mail scanner's GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.confirmed_on, item.reminded_on) == (timezone.localdate(), None)
    assert "Danke" in client.get(response["Location"]).content.decode()


def test_a_confirmed_item_keeps_showing_on_the_centres_translation(client, finder, section, essen):
    from dorfbrunnen.tests.languages import translate

    translate(section("home"), "en")
    english = translate(essen, "en", title="Essen Family Centre")
    old = timezone.localdate() - timedelta(days=340)
    ProgrammeItem.objects.update(confirmed_on=old, reminded_on=old)
    krabbel = essen.programme_items.get(title="Krabbelgruppe")
    response = client.post(f"{finder}noch-aktuell/{confirm_token(krabbel)}/")
    assert response.status_code == 302
    in_a_month = timezone.localdate() + timedelta(days=30)
    assert [item.title for item in english.programme_items.current(in_a_month)] == ["Krabbelgruppe"]
    copy = english.programme_items.get(title="Krabbelgruppe")
    assert (copy.confirmed_on, copy.reminded_on) == (timezone.localdate(), None)
    # The other items, in both languages, were not confirmed with it.
    assert ProgrammeItem.objects.filter(confirmed_on=old).count() == 4


def test_still_current_mail_comes_once_per_item_not_for_each_translation(section, essen, commit):
    from wagtail.models import Site

    from dorfbrunnen.core.models import SiteSettings
    from dorfbrunnen.tests.languages import translate

    office = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    office.email = "buero@example.org"  # a translation has no volunteers: it went here
    office.save()
    editor = volunteer(essen, "ella@example.org")
    translate(section("home"), "en")
    english = translate(essen, "en", title="Essen Family Centre")
    assert english.programme_items.count() == 3  # the copies
    ProgrammeItem.objects.filter(title="Krabbelgruppe").update(
        confirmed_on=timezone.localdate() - timedelta(days=340)
    )
    with commit():
        assert programme_remind() == 1
    sent = [m for m in mail.outbox if "noch aktuell" in m.subject]
    assert [(m.to, m.subject) for m in sent] == [
        ([editor.email], "Ist das Angebot noch aktuell? „Krabbelgruppe“")
    ]


def test_a_forged_or_broken_confirm_link_is_refused(client, finder, essen):
    response = client.post(f"{finder}noch-aktuell/kaputt/")
    assert response.status_code == 404


def test_publishing_an_older_revision_keeps_a_later_confirmation(essen):
    item = essen.programme_items.get(title="Krabbelgruppe")
    old = timezone.localdate() - timedelta(days=300)
    ProgrammeItem.objects.filter(pk=item.pk).update(confirmed_on=old)
    revision = essen.save_revision()  # made with the old date
    ProgrammeItem.objects.filter(pk=item.pk).update(confirmed_on=timezone.localdate())
    revision.publish()
    item.refresh_from_db()
    assert item.confirmed_on == timezone.localdate()


# The centre page


def test_centre_page_shows_the_programme_as_a_week_timetable(client, essen):
    soup = BeautifulSoup(client.get(essen.url).content, "html.parser")
    rows = [
        (tr.th.get_text(), [li.get_text(" ", strip=True) for li in tr.select("li")])
        for tr in soup.select(".timetable tr")
    ]
    assert rows == [
        ("Montag", ["14:00–16:00 Uhr: Generationencafé"]),
        ("Dienstag", ["09:30–11:00 Uhr: Krabbelgruppe"]),
        ("Donnerstag", ["15:00–17:00 Uhr: Sprachcafé"]),
        ("Freitag", ["14:00–16:00 Uhr: Generationencafé"]),
    ]
    assert "Arabisch" in soup.select_one("#programme-heading").parent.get_text()


def test_the_office_opens_a_volunteers_draft_with_a_new_item_and_sees_the_current_ones(
    office_client, essen
):
    """A draft's items are in memory: they follow the same rule of what is current."""
    from dorfbrunnen.centres.models import CentrePage

    from .factories import offer

    draft = CentrePage.objects.get(pk=essen.pk)
    items = list(draft.programme_items.all())
    for item in items:
        if item.title == "Sprachcafé":
            item.valid_until = timezone.localdate() - timedelta(days=1)
    new = ProgrammeItem(
        title="Neu im Entwurf", topic=offer("kinderbetreuung"), slots="Mi 10:00-11:00"
    )
    draft.programme_items = [*items, new]
    revision = draft.save_revision()
    response = office_client.get(f"/admin/pages/{essen.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    timetable = BeautifulSoup(response.content, "html.parser").select_one(".timetable")
    assert "10:00–11:00 Uhr: Neu im Entwurf" in timetable.get_text()
    assert "Krabbelgruppe" in timetable.get_text()
    assert "Sprachcafé" not in timetable.get_text()  # its validity ends in the draft


# The API


def test_api_returns_geojson_sorted_by_distance_with_every_property(client, db):
    here = geo.find_place("45134")
    far = centre("Fern", "45134", **km_north_of(here, 8))
    programme_item(
        far, "Fern-Treff", age_min=Decimal("1.5"), languages="uk, ru", registration_required=True
    )
    programme_item(centre("Nah", "45134", **km_north_of(here, 1)), "Nah-Treff", cost="ask")
    response = client.get(API, {"near": "45134", "radius_km": "20"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    assert [f["properties"]["title"] for f in features] == ["Nah-Treff", "Fern-Treff"]
    props = features[1]["properties"]
    assert props["url"].startswith("http") and "#angebot-" in props["url"]
    assert props | {"id": None, "url": None, "centre_url": None, "distance_km": None} == {
        "id": None,
        "title": "Fern-Treff",
        "url": None,
        "centre": "Fern",
        "centre_url": None,
        "topic": "kinderbetreuung",
        "age_min": 1.5,
        "age_max": None,
        "languages": ["uk", "ru"],
        "schedule": [{"weekday": 2, "start": "09:30", "end": "11:00"}],
        "weekdays": [2],
        "cost": "kostenlos",
        "registration": True,
        "distance_km": None,
    }
    assert props["distance_km"] == pytest.approx(8, abs=0.01)
    assert features[0]["properties"]["cost"] == "nach Absprache"


def test_api_filters(client, essen):
    # Which items, not their order: one centre's items come in the order they next begin.
    def found(**params):
        return sorted(api_titles(client, near="45127", **params))

    assert found(age="3") == ["Generationencafé", "Krabbelgruppe"]
    assert found(age="3.01") == ["Generationencafé"]
    assert found(age="18") == ["Generationencafé", "Sprachcafé"]
    assert api_titles(client, near="45127", language="tr") == ["Sprachcafé"]
    assert api_titles(client, near="45127", language="fa") == []  # nobody speaks it
    assert api_titles(client, near="45127", topic="sprachcafe") == ["Sprachcafé"]
    assert api_titles(client, near="45127", weekday="5") == ["Generationencafé"]
    assert api_titles(client, near="45127", weekday="7") == []
    assert api_titles(client, near="45127", centre=essen.slug) != []


@pytest.mark.parametrize(
    "params",
    [
        {"age": "3"},
        {"near": "99999"},
        {"near": "Nirgendwohausen"},
        {"near": "45127", "age": "-1"},
        {"near": "45127", "age": "drei"},
        {"near": "45127", "age": "NaN"},
        {"near": "45127", "language": "t!"},
        {"near": "45127", "language": "deutsch-sprachig-ueberall-lang"},
        {"near": "45127", "weekday": "0"},
        {"near": "45127", "weekday": "8"},
        {"near": "45127", "weekday": "Mo"},
        {"near": "45127", "radius_km": "inf"},
        {"near": "45127", "radius_km": "nan"},
        {"near": "45127", "radius_km": "-5"},
        {"near": "45127", "radius_km": "1e9"},
        {"near": "45127", "radius_km": "zehn"},
        {"near": "45127", "topic": "raumschiff"},
    ],
)
def test_api_bad_parameters_answer_400_json(client, essen, params):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_api_is_in_the_index_and_the_openapi_document(client, db):
    assert any(
        feed["url"].endswith("/api/v1/offers/") for feed in client.get("/api/v1/").json()["feeds"]
    )
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert paths["/offers/"]["get"]["operationId"] == "listOffers"


# Who edits


def test_a_volunteer_edits_only_her_own_centres_programme(client, essen):
    other = centre("Anderes Zentrum", "44149")
    programme_item(other, "Fremde Gruppe")
    client.force_login(volunteer(essen, "ella@example.org"))
    own = client.get(f"/admin/pages/{essen.pk}/edit/")
    assert own.status_code == 200
    assert "Krabbelgruppe" in own.content.decode()
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
    data_before = list(other.programme_items.values_list("title", flat=True))
    client.post(f"/admin/pages/{other.pk}/edit/", {"title": "x"})
    assert list(other.programme_items.values_list("title", flat=True)) == data_before


def test_confirm_link_expires_after_sixty_days(client, finder, essen):
    item = ProgrammeItem.objects.get(title="Krabbelgruppe")
    token = confirm_token(item, now=timezone.now() - timedelta(days=61))
    assert client.get(f"{finder}noch-aktuell/{token}/").status_code == 404


def test_pages_of_results_keep_each_centres_items_in_the_order_they_begin(client, finder):
    here = geo.find_place("45127")
    place = centre("Großes Zentrum", "45127", **km_north_of(here, 0))
    for hour in range(8, 21):  # 13 hours × 2 days = 26 items
        for day in ("Mo", "Di"):
            saved_programme_item(
                place, f"{day} {hour:02d}", slots=f"{day} {hour:02d}:00-{hour:02d}:30"
            )
    monday_morning = timezone.make_aware(timezone.datetime(2026, 11, 30, 7, 0))
    from dorfbrunnen.centres import programme

    ranked = programme.rank_programme(
        place=here, radius_km=5, query=programme.ProgrammeQuery(), now=monday_morning
    )
    first = programme.load_programme_hits(ranked, 0, 20, now=monday_morning)
    second = programme.load_programme_hits(ranked, 20, 40, now=monday_morning)
    titles_in_order = [hit.item.title for hit in first + second]
    expected = [f"{day} {hour:02d}" for day in ("Mo", "Di") for hour in range(8, 21)]
    assert titles_in_order == expected


def test_pages_count_only_matching_items_and_split_a_centre_between_them(client, finder):
    here = geo.find_place("45127")
    for distance in (3, 1, 2):
        place = centre(f"N{distance}", "45127", **km_north_of(here, distance))
        for hour in range(8, 16):
            saved_programme_item(place, f"N{distance} {hour}", slots=f"Mi {hour}:00-{hour}:30")
        saved_programme_item(place, f"N{distance} adults", age_min=18)
    first = client.get(finder, {"ort": "45127", "alter": "2"})
    second = client.get(finder, {"ort": "45127", "alter": "2", "seite": "2"})
    assert "24 Angebote im Umkreis" in " ".join(first.content.decode().split())
    shown = titles(first) + titles(second)
    assert (len(titles(first)), len(titles(second))) == (20, 4)
    assert sorted(shown) == sorted(f"N{d} {hour}" for d in (1, 2, 3) for hour in range(8, 16))
    assert [title.split()[0] for title in shown] == ["N1"] * 8 + ["N2"] * 8 + ["N3"] * 8
    assert client.get(finder, {"ort": "45127", "alter": "2", "seite": "3"}).status_code == 404


def test_a_centre_embeds_its_programme_on_its_own_site(client, finder, essen):
    response = client.get(f"{finder}einbetten/{essen.slug}/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    soup = BeautifulSoup(response.content, "html.parser")
    assert [th.get_text() for th in soup.select(".timetable th")] == [
        "Montag",
        "Dienstag",
        "Donnerstag",
        "Freitag",
    ]
    # A renamed centre: its „not found“ shows in the partner's frame too.
    gone = client.get(f"{finder}einbetten/gibt-es-nicht/")
    assert gone.status_code == 404
    assert "X-Frame-Options" not in gone
    assert "frame-ancestors *" in gone.headers["Content-Security-Policy"]
    # The widget's own few lines, not the whole site (header, menus) in the frame.
    shown = BeautifulSoup(gone.content, "html.parser")
    assert shown.h1.get_text() == "Hier ist nichts (mehr) zu sehen"
    assert shown.select_one(".site-header") is None
    way_out = shown.select_one("main a")
    assert (way_out["href"], way_out["target"]) == ("/", "_blank")


def test_the_arabic_programme_widget_is_marked_arabic_and_right_to_left(client, section, essen):
    from dorfbrunnen.tests.languages import translate

    translate(section("home"), "ar")
    arabic_finder = translate(section("programme"), "ar")

    def html_element(finder_url):
        response = client.get(f"{finder_url}einbetten/{essen.slug}/")
        assert response.status_code == 200
        html = BeautifulSoup(response.content, "html.parser").html
        return html["lang"], html["dir"]

    assert html_element(section("programme").url) == ("de", "ltr")
    assert html_element(arabic_finder.url) == ("ar", "rtl")
