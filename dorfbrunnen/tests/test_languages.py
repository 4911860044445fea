"""Five languages beside German (issue 15): locales, the language switch, translated trees
whose data stays single, mails in the family's language, translators' rights."""

import re
import threading
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from dorfbrunnen.centres.tests.factories import centre, volunteer
from dorfbrunnen.core.i18n import translator_grant
from dorfbrunnen.core.models import NavigationSettings
from dorfbrunnen.events import services
from dorfbrunnen.events.models import Registration
from dorfbrunnen.events.tests.factories import event, registration_event
from dorfbrunnen.testing import response_json

from .languages import translate
from .sample import section, site_sample

LANGUAGES = ("en", "tr", "ar", "uk", "ru")


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_setup_site_creates_a_locale_for_every_language(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {
        "de",
        *LANGUAGES,
    }


def test_a_translated_page_has_lang_dir_hreflang_and_switches_to_every_language(client, db):
    news = site_sample().objects["news"]
    translate(section("home"), "en", title="Home")
    translations = {
        code: translate(news, code, title=f"Broschüre ({code})") for code in ("tr", "ar")
    }
    german = client.get(news.url).text
    arabic_response = client.get(translations["ar"].url)
    arabic = arabic_response.text
    assert '<html lang="de" dir="ltr">' in german
    assert '<html lang="ar" dir="rtl">' in arabic
    assert arabic_response.headers["Content-Language"] == "ar"
    for html in (german, arabic):
        alternates = dict(re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', html))
        assert {code: path_of(url) for code, url in alternates.items() if "href" not in code} == {
            "de": news.url,
            "x-default": news.url,
            "tr": translations["tr"].url,
            "ar": translations["ar"].url,
        }
    switch = arabic.split('class="language-switch"')[1].split("</nav>")[0]
    assert 'aria-current="page">العربية<' in switch
    assert f'href="{news.url}" lang="de"' in switch
    assert f'href="{translations["tr"].url}" lang="tr"' in switch
    # English has no translation of this page, but a home page: the switch goes there
    # and says so, in English.
    assert 'href="/en/" lang="en"' in switch
    assert "this page is not translated yet" in switch
    assert "Ukrainian" not in switch and 'lang="uk"' not in switch  # no /uk/ pages at all


def test_interface_strings_follow_the_address_never_the_browser(client, db):
    translate(section("home"), "tr")
    turkish = client.get("/tr/").text
    assert "İçeriğe geç" in turkish and "Zum Inhalt springen" not in turkish
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="tr").text
    assert "Zum Inhalt springen" in german


def test_listings_show_each_centre_and_event_once_in_the_visitors_language(client, db):
    sunflower = centre("Familienzentrum Sonnenblume", "44149", town="Dortmund")
    centre("Familienzentrum Kastanie", "44135", town="Dortmund")
    party = event("sommerfest", title="Sommerfest", centre=sunflower)
    translated_centre = translate(sunflower, "tr", title="Aile Merkezi Ayçiçeği")
    translated_event = translate(party, "tr", title="Yaz Şenliği")
    for code in LANGUAGES:
        if code != "tr":
            translate(party, code, title=f"Sommerfest [{code}]")

    finder_tr = client.get("/tr/zentren/?ort=44149&umkreis=25").text
    finder_de = client.get("/zentren/?ort=44149&umkreis=25").text
    assert finder_tr.count("Aile Merkezi Ayçiçeği") == finder_de.count(sunflower.title) > 0
    assert "Familienzentrum Sonnenblume" not in finder_tr
    assert "Familienzentrum Kastanie" in finder_tr  # untranslated: in German
    assert finder_tr.count("centre-card__link") == finder_de.count("centre-card__link") == 2

    calendar_tr = client.get("/tr/veranstaltungen/").text
    assert calendar_tr.count("Yaz Şenliği") == 1
    assert "Sommerfest" not in calendar_tr
    calendar_de = client.get("/veranstaltungen/").text
    assert calendar_de.count(">Sommerfest<") == 1 and "Yaz" not in calendar_de

    ics = client.get("/tr/veranstaltungen/kalender.ics").text
    assert ics.count("BEGIN:VEVENT") == 1 and "Yaz Şenliği" in ics
    # The same calendar entry in every language: the German event's UID.
    assert f"UID:event-{party.pk}@" in ics
    assert client.get("/veranstaltungen/kalender.ics").text.count("BEGIN:VEVENT") == 1

    api = response_json(client.get("/api/v1/centres/"))
    names = [feature["properties"]["name"] for feature in api["features"]]
    assert sorted(names) == ["Familienzentrum Kastanie", "Familienzentrum Sonnenblume"]

    sitemap = client.get("/sitemap.xml").text
    assert sitemap.count(f"{party.url}</loc>") == 1
    assert translated_event.url not in sitemap and translated_centre.url not in sitemap

    found_tr = client.get("/tr/suche/?q=Ayçiçeği").text
    assert found_tr.count("Aile Merkezi Ayçiçeği") >= 1
    found_tr = client.get("/tr/suche/?q=Sonnenblume").text
    assert "Familienzentrum Sonnenblume</a>" not in found_tr  # the Turkish one stands for it
    assert client.get("/suche/?q=Sonnenblume").text.count("Familienzentrum Sonnenblume</a>") == 1


def test_a_registration_in_turkish_counts_on_the_german_event_and_is_mailed_in_turkish(
    client, db, commit, purges
):
    seminar = registration_event("elternabend", capacity=3, title="Elternabend")
    turkish = translate(seminar, "tr", title="Veli Toplantısı")
    page = client.get(f"{turkish.url}anmelden/")
    assert page.status_code == 200 and "Kaydol" in page.text
    csrf = client.cookies["csrftoken"].value
    with commit():
        response = client.post(
            f"{turkish.url}anmelden/",
            {
                "name": "Ayşe Yılmaz",
                "email": "ayse@example.org",
                "adults": "1",
                "consent": "on",
                "csrfmiddlewaretoken": csrf,
            },
        )
    assert response.status_code == 303, response.text
    assert response["Location"].startswith(turkish.url)  # „Fast geschafft“ in Turkish
    registration = Registration.objects.get()
    assert registration.event_id == seminar.pk  # the German source holds it
    assert registration.language == "tr"
    assert services.free_places(seminar) == 2
    opt_in = mail.outbox[-1]
    assert opt_in.subject == "Lütfen kaydınızı onaylayın: Veli Toplantısı"
    assert "Merhaba Ayşe Yılmaz," in opt_in.body
    assert "/tr/anmeldung/" in opt_in.body  # the confirmation page speaks Turkish too
    # Her pages and her calendar entry name the event as her mails do.
    for address in ("", "bestaetigen/", "termin.ics"):
        shown = client.get(f"/tr/anmeldung/{registration.token}/{address}").content.decode()
        assert "Veli Toplantısı" in shown and "Elternabend" not in shown, address
    # One calendar entry in every language: the German event's UID, as the mails carry it.
    assert f"UID:event-{seminar.pk}@" in shown
    # Both languages show the same free places, and both addresses were purged.
    assert client.get(seminar.url).context["free_places"] == 2
    assert client.get(turkish.url).context["free_places"] == 2
    purged = {path for _host, path in purges}
    assert {seminar.url, turkish.url} <= purged
    # The office's free text goes out as written, in the mail's Turkish frame.
    with commit():
        registration.status = Registration.Status.CONFIRMED
        registration.save()
        services.registrations_message(event=seminar, text="Bitte Hausschuhe mitbringen.")
    message = mail.outbox[-1]
    assert "Bitte Hausschuhe mitbringen." in message.body
    assert "Saygılarımızla" in message.body


def test_the_participants_list_shows_each_participants_language(office_client, db):
    seminar = registration_event("elternabend", capacity=3)
    with translation.override("ar"):
        services.registration_create(event=seminar, name="Layla", email="layla@example.org")
    turkish = translate(seminar, "tr")
    participants = office_client.get(reverse("events_participants", args=[seminar.pk])).text
    assert 'lang="ar">العربية</td>' in participants
    assert "العربية" in office_client.get("/admin/registrations/").text
    # The translation's „Teilnehmende“ are the German event's.
    response = office_client.get(reverse("events_participants", args=[turkish.pk]))
    assert response.url == reverse("events_participants", args=[seminar.pk])


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite cannot run writers in parallel",
)
def test_one_events_places_are_shared_by_all_languages_under_concurrent_registrations(
    committed_db,
):
    seminar = registration_event("ansturm-sprachen", capacity=6)
    turkish = translate(seminar, "tr", title="Hücum")
    threads_count = 16
    barrier = threading.Barrier(threads_count)
    errors = []

    def register(number):
        language, page = ("tr", turkish) if number % 2 else ("de", seminar)
        try:
            with translation.override(language):
                barrier.wait()
                services.registration_create(
                    event=page, name=f"Person {number}", email=f"p{number}@example.org"
                )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    registrations = Registration.objects.all()
    assert {r.event_id for r in registrations} == {seminar.pk}
    assert {r.language for r in registrations} == {"de", "tr"}
    statuses = [r.status for r in registrations]
    assert statuses.count(Registration.Status.PENDING) == 6
    assert statuses.count(Registration.Status.WAITING) == threads_count - 6
    assert services.free_places(seminar) == 0


def test_translated_pages_cost_no_more_queries_than_german_ones(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    sample = site_sample()
    for page in Page.objects.filter(depth__gt=1, locale__language_code="de").live():
        translate(page, "tr")
    counts = {}
    for kind, url in sample.urls.items():
        if kind == "newsletter_issue":
            continue  # issues are sent in German; a translation is not in the archive
        path, _sep, query = url.partition("?")
        turkish = f"/tr{path}" + (f"?{query}" if query else "")
        for address in (url, turkish):
            client.get(address)  # the first visit fills what all pages share
            with CaptureQueriesContext(connection) as queries:
                status = client.get(address).status_code
            assert status == 200, address
            counts[address] = len(queries)
        assert counts[turkish] <= counts[url], (turkish, counts[turkish], counts[url])
    assert {address: n for address, n in counts.items() if n > 12} == {}


def test_the_menu_links_each_page_in_the_visitors_language_reading_the_locales_once(
    client, db, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    pages = [section(key) for key in ("news", "contact", "imprint", "library", "events")]
    translate(section("home"), "en", title="Home")
    english_news = translate(pages[0], "en", title="Our news")
    navigation = NavigationSettings.objects.get()
    navigation.main_menu = [
        ("link", {"page": page, "external_url": "", "title": ""}) for page in pages
    ]
    navigation.save()
    menu_link = r'class="main-nav__link" href="([^"]+)"[^>]*>([^<]+)<'
    links = re.findall(menu_link, client.get("/en/").text)
    assert links[0] == (english_news.url, "Our news")
    assert links[1:] == [(page.url, page.title) for page in pages[1:]]  # not translated
    # The German menu, built anew after the save: the locales are read once (kept per
    # content version), not once or twice for each link.
    with CaptureQueriesContext(connection) as queries:
        german = client.get(pages[1].url).text
    assert re.findall(menu_link, german) == [(page.url, page.title) for page in pages]
    assert len([q for q in queries if 'FROM "wagtailcore_locale"' in q["sql"]]) <= 1


def test_a_menu_built_after_a_publish_finds_its_links_translations_together(client, db, settings):
    """A translated menu is built again after every publish; its links' translations are
    looked up at once, not twice per link – the same queries for one link as for five."""
    settings.PAGE_CACHE_SECONDS = 0
    pages = [section(key) for key in ("news", "contact", "imprint", "library", "events")]
    translate(section("home"), "tr", title="Ana sayfa")
    turkish = [translate(page, "tr", title=f"Bölüm {n}") for n, page in enumerate(pages[:3])]
    navigation = NavigationSettings.objects.get()
    menu_link = r'class="main-nav__link" href="([^"]+)"[^>]*>([^<]+)<'
    counts = []
    for linked in (pages[:1], pages):
        navigation.main_menu = [
            ("link", {"page": page, "external_url": "", "title": ""}) for page in linked
        ]
        navigation.save()
        client.get("/tr/")
        pages[4].save_revision().publish()  # a publish elsewhere: the menus are stale
        with CaptureQueriesContext(connection) as queries:
            links = re.findall(menu_link, client.get("/tr/").text)
        counts.append(len(queries))
    assert links == [(page.url, page.title) for page in turkish] + [
        (page.url, page.title) for page in pages[3:]
    ]
    assert counts[0] == counts[1]


def test_a_translator_edits_one_language_only(client, db, django_user_model):
    standard = site_sample().objects["standard"]
    translate(section("home"), "en", title="Home")  # the office translates the home first
    english = translate(standard, "en", title="Our history")
    turkish = translate(standard, "tr", title="Tarihimiz")
    # Publishing the English home page made the group the office adds translators to.
    group = Group.objects.get(name="Übersetzung English")
    assert group.page_permissions.filter(page__locale__language_code="en", page__depth=2)
    translator = django_user_model.objects.create_user("translator", "t@example.org", "x" * 12)
    assert translator_grant(user=translator, language_code="en")
    assert list(translator.groups.all()) == [group]
    client.force_login(translator)
    assert client.get(f"/admin/pages/{english.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{standard.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{turkish.pk}/edit/").status_code in (302, 403)
    assert not english.permissions_for_user(translator).can_publish()


def test_a_centres_volunteers_keep_their_german_page_translations_are_the_offices(client, db):
    sunflower = centre("Familienzentrum Sonnenblume", "44149", town="Dortmund")
    helper = volunteer(sunflower)
    translated = translate(sunflower, "en", title="Sunflower Family Centre")
    assert translated.editor_group_id is None  # the volunteers' group stays with German
    sunflower.refresh_from_db()
    client.force_login(helper)
    assert client.get(f"/admin/pages/{sunflower.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{translated.pk}/edit/").status_code in (302, 403)


def test_the_office_may_add_languages_and_start_translations(office_user, db):
    for codename in ("add_locale", "change_locale", "submit_translation"):
        assert Permission.objects.filter(codename=codename, group__user=office_user).exists()


def test_machine_translation_only_through_the_configured_libretranslate(db, settings):
    """wagtail-localize's LibreTranslate class against a stand-in on this machine: what a
    translator's „Maschinell übersetzen“ sends, and nothing without the setting."""
    import json
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from wagtail_localize.machine_translators import get_machine_translator
    from wagtail_localize.strings import StringValue

    assert not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
    assert get_machine_translator() is None  # no machine translation unless configured
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append((self.path, body))
            answer = {"translatedText": [f"[{body['target']}] {text}" for text in body["q"]]}
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": f"http://127.0.0.1:{server.server_port}",
                "API_KEY": "",
            },
        }
        translator = get_machine_translator()
        german, turkish = (Locale.objects.get(language_code=c) for c in ("de", "tr"))
        result = translator.translate(german, turkish, [StringValue("Willkommen")])
    finally:
        server.shutdown()
        server.server_close()
    assert [value.data for value in result.values()] == ["[tr] Willkommen"]
    assert received == [
        (
            "/translate",
            {"q": ["Willkommen"], "source": "de", "target": "tr", "api_key": "", "format": "html"},
        )
    ]


def test_unknown_language_prefixes_are_not_guessed(client, db):
    assert client.get("/xx/").status_code == 404
    assert Page.objects.filter(locale__language_code="en").count() == 0


def test_the_office_sees_which_languages_are_missing_or_outdated(office_client, db):
    standard = site_sample().objects["standard"]
    english = translate(standard, "en", title="Our history")
    row = lambda html: html.split(f">{standard.title}</a>")[1].split("</tr>")[0]  # noqa: E731
    states = re.findall(
        r"<td>(?:<a [^>]*>)?(?:<strong>)?(\w+)",
        row(office_client.get("/admin/uebersetzungen/").text),
    )
    assert states == ["aktuell", "fehlt", "fehlt", "fehlt", "fehlt"]  # en tr ar uk ru
    standard.title = "Unsere Geschichte seit 1985"
    standard.save_revision().publish()  # the German page changed after the translation
    html = office_client.get("/admin/uebersetzungen/").text
    row_html = html.split(">Unsere Geschichte seit 1985</a>")[1].split("</tr>")[0]
    assert f"/admin/pages/{english.pk}/edit/" in row_html and "veraltet" in row_html


def test_every_page_type_is_valid_html_in_every_language(client, db, tmp_path):
    import json
    import os
    import shutil
    import subprocess

    from dorfbrunnen.testing import VNU, VNU_JAR

    if not (shutil.which("java") and VNU_JAR.exists()):
        if os.environ.get("CI"):
            pytest.fail("The Nu HTML Checker is missing (make test installs it).")
        pytest.skip("Java or node_modules/vnu-jar missing: run `make test` once.")
    sample = site_sample()
    german = list(Page.objects.filter(depth__gt=1, locale__language_code="de").live())
    for code in LANGUAGES:
        for page in german:
            translate(page, code)
    files = []
    for code in LANGUAGES:
        for kind, url in sample.urls.items():
            if kind == "newsletter_issue":
                continue  # issues are sent in German; a translation is not in the archive
            response = client.get(f"/{code}{url}")
            assert response.status_code == 200, f"/{code}{url}"
            path = tmp_path / f"{code}-{kind}.html"
            path.write_bytes(response.content)
            files.append(path)
        not_found = tmp_path / f"{code}-404.html"
        not_found.write_bytes(client.get(f"/{code}/gibt-es-nicht/").content)
        files.append(not_found)
    result = subprocess.run(
        [*VNU, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []


def test_a_changed_date_reaches_every_language_at_once(client, db):
    from datetime import timedelta

    seminar = registration_event("elternabend", capacity=3, title="Elternabend")
    turkish = translate(seminar, "tr", title="Veli Toplantısı")
    seminar.start += timedelta(days=7)
    seminar.end += timedelta(days=7)
    seminar.capacity = 10
    seminar.save_revision().publish()
    turkish.refresh_from_db()
    assert (turkish.start, turkish.capacity, turkish.title) == (
        seminar.start,
        10,
        "Veli Toplantısı",
    )
    assert client.get(turkish.url).status_code == 200


def a_picture():
    import io

    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.images import get_image_model

    data = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(data, "PNG")
    return get_image_model().objects.create(
        title="Garten", file=ImageFile(io.BytesIO(data.getvalue()), name="garten.png")
    )


def test_a_closure_of_the_german_centre_reaches_every_language_at_once(client, db):
    """Opening hours and closures are the centre's, not its text's: a Turkish visitor must
    not find it „open now“ while the German page says it is closed today."""
    from django.utils import timezone

    from dorfbrunnen.centres.models import OpeningException

    treff = centre("Familientreff", "44137")  # open every day, all day
    turkish = translate(treff, "tr", title="Aile Buluşma Yeri")
    finder = Page.objects.get(pk=turkish.get_parent().pk).url
    assert "Aile Buluşma Yeri" in client.get(finder, {"ort": "44137", "offen": "on"}).text
    treff.opening_exceptions = [OpeningException(start_date=timezone.localdate())]
    # A photo with its description too: the translation has none yet, which must not stop
    # the German page's publishing nor the hours reaching the translation.
    treff.image, treff.image_alt = a_picture(), "Kinder spielen im Garten"
    treff.save_revision().publish()
    turkish.refresh_from_db()
    assert [e.start_date for e in turkish.opening_exceptions.all()] == [timezone.localdate()]
    assert turkish.image == treff.image
    assert turkish.title == "Aile Buluşma Yeri"
    assert "Aile Buluşma Yeri" not in client.get(finder, {"ort": "44137", "offen": "on"}).text
    assert "Aile Buluşma Yeri" in client.get(finder, {"ort": "44137"}).text


def test_the_office_translates_every_page_type_with_wagtail_localize(office_client, db):
    """wagtail-localize's screens work with our page types and StreamFields: the
    „Übersetzen“ form for each, and its translation editor for the translated page."""
    sample = site_sample()
    german = list(Page.objects.filter(depth__gt=1, locale__language_code="de").live())
    turkish = Locale.objects.get(language_code="tr")
    problems = {}
    for page in german:
        submit = office_client.get(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        )
        if submit.status_code != 200:
            problems[page.url_path] = ("submit", submit.status_code)
    for key in ("centre", "online_event", "chapter", "news", "standard"):
        translated = translate(sample.objects[key], "tr")
        editor = office_client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
        if editor.status_code != 200 or "js-translation-editor" not in editor.text:
            problems[translated.url_path] = ("editor", editor.status_code)
    assert turkish.pk and problems == {}


def test_a_translator_works_with_no_registrations_of_the_event_she_translates(
    client, office_client, db, django_user_model
):
    seminar = registration_event("elternabend", capacity=3, title="Elternabend")
    translate(section("home"), "en", title="Home")
    translate(section("events"), "en", title="Events")
    english = translate(seminar, "en", title="Parents' evening")
    translator = django_user_model.objects.create_user("translator", "t@example.org", "x" * 12)
    assert translator_grant(user=translator, language_code="en")
    # The office is sent from the translation's screens to the German event's.
    assert (
        office_client.get(f"/admin/veranstaltungen/{english.pk}/teilnehmende/").url
        == f"/admin/veranstaltungen/{seminar.pk}/teilnehmende/"
    )
    assert (
        f"/admin/veranstaltungen/{seminar.pk}/teilnehmende/"
        in office_client.get(f"/admin/pages/{seminar.pk}/edit/").content.decode()
    )
    client.force_login(translator)
    # No button leads her there: not in the list of the English events she translates.
    listing = client.get(f"/admin/pages/{english.get_parent().pk}/")
    assert listing.status_code == 200 and "Parents" in listing.content.decode()
    assert "/teilnehmende/" not in listing.content.decode()
    for screen in ("teilnehmende", "vor-ort", "anwesenheit"):
        assert client.get(f"/admin/veranstaltungen/{english.pk}/{screen}/").status_code in (
            302,
            403,
        ), screen
    client.post(
        f"/admin/veranstaltungen/{english.pk}/vor-ort/",
        {"source": "phone", "name": "Fremd", "phone": "0123", "adults": "3", "children": "0"},
    )
    assert not Registration.objects.filter(event=seminar).exists()


def test_the_registration_limit_counts_an_event_in_all_its_languages(client, db, settings):
    settings.FORM_RATE_LIMIT = (1, 600)
    seminar = registration_event("elternabend", capacity=30, title="Elternabend")
    turkish = translate(seminar, "tr", title="Veli Toplantısı")
    data = {"name": "A", "email": "a@example.org", "adults": "1", "consent": "on"}
    assert client.post(f"{seminar.url}anmelden/", data).status_code == 303
    assert client.post(f"{turkish.url}anmelden/", data).status_code == 429


def test_a_translated_event_follows_the_german_groups_and_place_and_says_its_language(client, db):
    import json

    from bs4 import BeautifulSoup

    from dorfbrunnen.events.models import EventPage
    from dorfbrunnen.events.tests.factories import target_group

    def titles(url, **query):
        soup = BeautifulSoup(client.get(url, query).content, "html.parser")
        return [link.get_text() for link in soup.select(".card-list .card__title a")]

    german = event("spielen", title="Spielenachmittag", location="Markt 2, 48143 Münster")
    german.target_groups = [target_group("fachkraefte")]
    german.save_revision().publish()
    english = translate(german, "en", title="Games afternoon")
    german = EventPage.objects.get(pk=german.pk)
    german.target_groups = [target_group("familien")]
    german.location = "Rathaus, 45127 Essen"  # the postcode follows the address
    german.save_revision().publish()
    assert EventPage.objects.get(pk=german.pk).postcode == "45127"
    for url, title in (
        ("/veranstaltungen/", "Spielenachmittag"),
        ("/en/veranstaltungen/", "Games afternoon"),
    ):
        assert titles(url, zielgruppe="familien") == [title], url
        assert titles(url, zielgruppe="fachkraefte") == [], url
        assert titles(url, ort="45127", umkreis="5") == [title], url
    soup = BeautifulSoup(client.get(english.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["name"] == "Games afternoon" and data["inLanguage"] == "en"
