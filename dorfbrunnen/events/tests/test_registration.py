import json
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from icalendar import Calendar

from dorfbrunnen.core.mail import mail_send_due
from dorfbrunnen.core.models import OutboundMail
from dorfbrunnen.core.privacy import retention_run
from dorfbrunnen.events import services
from dorfbrunnen.events.mails import SUBJECTS
from dorfbrunnen.events.models import EventPage, Registration

from .factories import WORKSHOP_QUESTIONS, register, registration_event, workshop

Status = Registration.Status
FREE_TEXT, CHOICE = (question["label"] for _kind, question in WORKSHOP_QUESTIONS)


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_the_request_only_stores_the_opt_in_the_worker_writes_it_in_the_participants_language(
    db, client, commit, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # no worker yet
    page = workshop()
    for name, language in (("Dilek", "tr"), ("Gelöscht", "de"), ("Tippfehler", "de")):
        with commit():
            register(page, name, language=language)
    stored = OutboundMail.objects.get(to=["dilek@example.org"])
    assert (stored.subject, stored.body, stored.status) == ("", "", OutboundMail.Status.QUEUED)
    # Before the worker writes: the office deletes one and corrects another's address.
    Registration.objects.filter(name="Gelöscht").delete()
    typo = Registration.objects.get(name="Tippfehler")
    with commit():
        services.registration_update(
            registration=typo, status=typo.status, name=typo.name, email="richtig@example.org"
        )

    mail_send_due()  # what the worker (or its periodic sweep) does
    (opt_in,) = mail.outbox
    assert opt_in.to == ["dilek@example.org"]
    assert "/bestaetigen/" in opt_in.body
    with translation.override("tr"):
        assert opt_in.subject == str(SUBJECTS["opt_in"] % {"event": page.title})
    assert "Bitte bestätigen" not in opt_in.subject
    # The old address gets no working link; nobody gets a mail for a deleted registration.
    for address in ("gelöscht@example.org", "tippfehler@example.org"):
        assert OutboundMail.objects.get(to=[address]).status == OutboundMail.Status.DROPPED


def test_a_waiting_list_mail_not_yet_written_is_dropped_once_the_person_moved_up(
    db, commit, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # no worker yet
    page = registration_event("voll", capacity=1)
    with commit():
        first = register(page, "Erste", by_office=True)
        register(page, "Zweite", by_office=True)
    assert Registration.objects.get(name="Zweite").status == Status.WAITING
    with commit():
        services.registration_cancel(registration=first)
    mail_send_due()
    kinds = [m.subject.split(":")[0] for m in mails_to("zweite@example.org")]
    assert kinds == ["Ein Platz ist frei geworden – Sie sind dabei"]


def test_form_explains_errors_in_german_and_keeps_input(client, db):
    page = workshop()
    response = client.post(page.url + "anmelden/", {"name": "Bea", "email": "kaputt"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    errors = " ".join(p.get_text() for p in soup.select(".field__error"))
    assert "Bitte gültige E-Mail-Adresse eingeben." in errors
    assert "Bitte stimmen Sie der Speicherung Ihrer Angaben zu." in errors
    assert "Dieses Feld muss ausgefüllt werden." in errors  # the required choice question
    assert soup.find("input", attrs={"name": "email"})["value"] == "kaputt"
    assert soup.find("input", attrs={"name": "name"})["value"] == "Bea"
    assert Registration.objects.count() == 0
    # The summary names the consent, rather than repeating its whole text before „:“.
    summary = [li.get_text() for li in soup.select("#error-summary li")]
    assert "Einwilligung: Bitte stimmen Sie der Speicherung Ihrer Angaben zu." in summary


def test_registration_form_stays_off_the_cacheable_event_page(client, db):
    page = workshop()
    public = client.get(page.url)
    assert "csrftoken" not in public.cookies
    assert 'method="post"' not in public.text
    form = client.get(page.url + "anmelden/")
    assert "no-cache" in form["Cache-Control"] or "max-age=0" in form["Cache-Control"]


def test_double_opt_in_then_confirmed_mail_has_link_and_calendar(db, client, commit):
    page = workshop()
    with commit():
        response = client.post(
            page.url + "anmelden/",
            {
                "name": "Cem",
                "email": "cem@example.org",
                "adults": 1,
                "frage_0": "Wie finden wir Leute?",
                "frage_1": "10 bis 30",
                "consent": "on",
            },
        )
    # On to „Fast geschafft“ (303): a page without personal data, reloaded without resending.
    assert response.status_code == 303
    assert response["Location"] == page.url + "anmelden/fast-geschafft/"
    received = client.get(response["Location"])
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in received.text
    assert "Warteliste" not in received.text
    assert "csrftoken" not in received.cookies
    registration = Registration.objects.get()
    assert registration.status == Status.PENDING
    assert registration.answers == {FREE_TEXT: "Wie finden wir Leute?", CHOICE: "10 bis 30"}
    opt_in = mails_to("cem@example.org")[-1]
    assert page.meeting_url not in opt_in.body
    link = re.search(r"http://testserver(/anmeldung/\S+/bestaetigen/)", opt_in.body).group(1)

    # Opening the link shows one button and confirms nothing …
    mail.outbox.clear()
    with commit():
        opened = client.get(link)
    assert opened.status_code == 200
    buttons = BeautifulSoup(opened.content, "html.parser").select('form[method="post"] button')
    assert [button.get_text(strip=True) for button in buttons] == ["Anmeldung bestätigen"]
    registration.refresh_from_db()
    assert registration.status == Status.PENDING
    assert mail.outbox == []

    # … pressing it does, and leads to the personal page with the link.
    with commit():
        confirmed_response = client.post(link)
    assert confirmed_response.status_code == 302
    assert confirmed_response["Location"] == f"/anmeldung/{registration.token}/?bestaetigt=1"
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    detail = client.get(confirmed_response["Location"])
    assert "Danke! Ihre Anmeldung ist bestätigt." in detail.text
    assert page.meeting_url in detail.text
    [confirmed] = mails_to("cem@example.org")
    assert page.meeting_url in confirmed.body
    ics = next(a for a in confirmed.attachments if a.filename == "termin.ics")
    assert page.meeting_url in Calendar.from_ical(ics.content).walk("VEVENT")[0]["description"]


def test_never_more_places_than_exist_then_an_ordered_waiting_list(db, commit):
    event = registration_event(capacity=3)
    with commit():
        first = register(event, "A", places=2)
        second = register(event, "B", places=1)
        third = register(event, "C", places=1)
        fourth = register(event, "D", places=1)
    assert [r.status for r in (first, second, third, fourth)] == [
        Status.PENDING,
        Status.PENDING,
        Status.WAITING,
        Status.WAITING,
    ]
    assert services.free_places(event) == 0
    assert "Warteliste" in mails_to("c@example.org")[-1].body


def test_a_cancellation_moves_the_earliest_confirmed_waiting_entry_up(db, client, commit):
    event = registration_event(capacity=1)
    with commit():
        taken = register(event, "A")
        services.registration_confirm(token=taken.token)
        early = register(event, "B")
        late = register(event, "C")
        services.registration_confirm(token=late.token)  # C confirmed the e-mail first …
        services.registration_confirm(token=early.token)  # … but B registered first
    with commit():
        client.post(f"/anmeldung/{taken.token}/abmelden/")
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.status == Status.CONFIRMED
    assert late.status == Status.WAITING
    # Her calendar entry says „vorläufig“ while she waits; his says the place is his.
    for person, status in ((late, "TENTATIVE"), (early, "CONFIRMED")):
        ics = client.get(f"/anmeldung/{person.token}/termin.ics").content.decode()
        assert f"STATUS:{status}" in ics, person.name
    promoted = mails_to("b@example.org")[-1]
    assert "Ein Platz ist frei geworden" in promoted.subject
    assert event.meeting_url in promoted.body


def test_unconfirmed_waiting_entries_are_skipped(db, commit):
    event = registration_event(capacity=1)
    with commit():
        taken = register(event, "A")
        services.registration_confirm(token=taken.token)
        unconfirmed = register(event, "B")
        confirmed = register(event, "C")
        services.registration_confirm(token=confirmed.token)
        services.registration_cancel(registration=taken)
    unconfirmed.refresh_from_db()
    confirmed.refresh_from_db()
    assert unconfirmed.status == Status.WAITING
    assert confirmed.status == Status.CONFIRMED


def test_pending_places_expire_and_go_to_the_waiting_list(db, commit):
    event = registration_event(capacity=1)
    with commit():
        pending = register(event, "A")
        waiting = register(event, "B")
        services.registration_confirm(token=waiting.token)
    assert services.free_places(event) == 0
    with commit():
        assert services.registrations_expire(now=timezone.now() + timedelta(hours=25)) == 1
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert pending.status == Status.EXPIRED
    assert waiting.status == Status.CONFIRMED
    # Confirming too late, with the place gone: the waiting list, not an extra seat.
    with commit():
        late = services.registration_confirm(token=pending.token)
    assert late.status == Status.WAITING


def test_after_the_deadline_the_form_says_so(client, db):
    event = registration_event(registration_deadline=timezone.now() - timedelta(minutes=1))
    response = client.get(event.url + "anmelden/")
    assert "Die Anmeldefrist ist abgelaufen." in response.text
    assert 'name="email"' not in response.text
    with pytest.raises(services.RegistrationClosed):
        register(event, "Z")
    past = registration_event("vorbei", start=timezone.now() - timedelta(days=30))
    assert "bereits stattgefunden" in client.get(past.url + "anmelden/").text


def test_a_deadline_after_the_beginning_closes_the_registration_at_the_beginning(client, db):
    """A deadline saved after the event (a wrong year) kept taking registrations for an
    event that was over; the form refuses to save one, and an old one counts no longer."""
    begun = registration_event("begonnen", start=timezone.now() - timedelta(days=3))
    # Saved before the rule existed:
    type(begun).objects.filter(pk=begun.pk).update(
        registration_deadline=timezone.now() + timedelta(days=1)
    )
    begun.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        begun.clean()
    assert "registration_deadline" in refused.value.error_dict
    begun.registration_enabled = False  # a leftover deadline of a switched-off registration
    begun.clean()
    begun.registration_enabled = True
    response = client.post(
        begun.url + "anmelden/",
        {"name": "Ada", "email": "ada@example.org", "adults": 1, "consent": "on"},
    )
    assert response.status_code != 303
    assert not begun.registrations.exists()
    with pytest.raises(services.RegistrationClosed):
        register(begun, "Z")


def test_meeting_link_is_in_no_public_page_feed_or_json(client, db):
    page = workshop()
    secret = page.meeting_url.encode()
    for url in [
        page.url,
        page.url + "termin.ics",
        "/veranstaltungen/",
        "/veranstaltungen/kalender.ics",
        page.url + "anmelden/",
        "/sitemap.xml",
        "/suche/?q=Workshop",
        "/api/v1/centres/",
        "/api/v1/events/",
        "/aktuelles/feed/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert secret not in body, url
    assert page.title in client.get("/suche/?q=Workshop").text  # the search did find it


def test_personal_page_of_a_pending_registration_hides_the_link(db, client, commit):
    page = workshop()
    with commit():
        registration = register(page, "E")
    response = client.get(f"/anmeldung/{registration.token}/")
    assert page.meeting_url not in response.text
    assert response["Referrer-Policy"] == "same-origin"
    assert client.get("/anmeldung/falscher-token/").status_code == 404


def test_participant_downloads_their_data(db, client, commit):
    page = workshop()
    with commit():
        registration = register(page, "F", organisation="Zentrum F")
    data = json.loads(client.get(f"/anmeldung/{registration.token}/daten.json").content)
    assert data["name"] == "F" and data["organisation"] == "Zentrum F"


def test_reminders_go_out_once_to_confirmed_participants(db, commit):
    event = registration_event(capacity=5, days=2, reminders="1d,1h")
    with commit():
        confirmed = register(event, "G")
        services.registration_confirm(token=confirmed.token)
        register(event, "H")  # never confirmed
    mail.outbox.clear()
    day_before = event.start - timedelta(hours=20)
    with commit():
        assert services.reminders_send(now=day_before) == 1
        assert services.reminders_send(now=day_before) == 0
    assert [m.to for m in mail.outbox] == [["g@example.org"]]
    assert event.meeting_url in mail.outbox[0].body
    with commit():
        assert services.reminders_send(now=event.start - timedelta(minutes=30)) == 1


def test_changing_or_cancelling_an_event_mails_everyone_with_an_updated_calendar(db, commit):
    event = registration_event(capacity=1)
    with commit():
        confirmed = register(event, "I")
        services.registration_confirm(token=confirmed.token)
        register(event, "J")
    mail.outbox.clear()
    event.start += timedelta(hours=1)
    event.end += timedelta(hours=1)
    with commit():
        event.save_revision().publish()
    changed = mails_to("i@example.org")[-1]
    ics = Calendar.from_ical(changed.attachments[0].content)
    assert ics.walk("VEVENT")[0]["sequence"] == 1
    assert mails_to("j@example.org")
    event.refresh_from_db()
    event.cancelled = True
    with commit():
        event.save_revision().publish()
    cancelled = mails_to("i@example.org")[-1]
    calendar = Calendar.from_ical(cancelled.attachments[0].content)
    assert str(calendar["method"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_a_broken_mail_server_loses_no_registration(db, client, settings, commit):
    settings.MAILERS = {"default": {"BACKEND": "dorfbrunnen.core.tests.broken_mail.BrokenBackend"}}
    page = workshop()
    with commit():
        response = client.post(
            page.url + "anmelden/",
            {
                "name": "Kai",
                "email": "kai@example.org",
                "adults": 1,
                "frage_1": "unter 10",
                "consent": "on",
            },
        )
    assert response.status_code == 303
    assert Registration.objects.filter(email="kai@example.org", status=Status.PENDING).exists()
    assert OutboundMail.objects.get(to=["kai@example.org"]).status == OutboundMail.Status.RETRY


def test_personal_data_is_erased_after_the_retention_period(db, client, commit, settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    event = workshop()
    with commit():
        registration = register(event, "L", organisation="Zentrum L", answers={CHOICE: "unter 10"})
        services.registration_confirm(token=registration.token)
    token = registration.token
    assert client.get(f"/anmeldung/{token}/").status_code == 200
    assert retention_run(event.end + timedelta(days=29))["anmeldungen"] == 0
    assert retention_run(event.end + timedelta(days=31))["anmeldungen"] == 1
    registration.refresh_from_db()
    assert (
        registration.name,
        registration.email,
        registration.organisation,
        registration.answers,
    ) == ("", "", "", {})
    assert registration.status == Status.CONFIRMED and registration.places == 1
    assert registration.token != token
    assert client.get(f"/anmeldung/{token}/").status_code == 404
    assert client.get(f"/anmeldung/{token}/daten.json").status_code == 404
    assert retention_run(event.end + timedelta(days=32))["anmeldungen"] == 0


def test_too_many_registrations_from_one_address_are_refused(db, client, settings):
    cache.clear()
    settings.FORM_RATE_LIMIT = (1, 600)
    page = workshop()
    data = {
        "name": "M",
        "email": "m@example.org",
        "adults": 1,
        "frage_1": "unter 10",
        "consent": "on",
    }
    assert client.post(page.url + "anmelden/", data).status_code == 303
    assert client.post(page.url + "anmelden/", data).status_code == 429


def test_too_many_places_per_registration_are_refused(client, db):
    page = registration_event(
        "netzwerktreffen",
        capacity=30,
        location="Rathaus, Markt 1",
        max_places_per_registration=4,
        children_welcome=True,
    )
    response = client.post(
        page.url + "anmelden/",
        {
            "name": "N",
            "email": "n@example.org",
            "adults": 3,
            "children": 2,
            "consent": "on",
        },
    )
    assert response.status_code == 400
    assert "Pro Anmeldung sind höchstens 4 Plätze möglich." in response.text


def test_a_full_event_leads_on_to_the_waiting_list_page(client, db):
    page = registration_event(capacity=1)
    register(page, "Erste")
    response = client.post(
        page.url + "anmelden/",
        {"name": "Zweite", "email": "zweite@example.org", "adults": 1, "consent": "on"},
    )
    assert response.status_code == 303
    received = client.get(response["Location"])
    assert received.status_code == 200
    assert "Nach der Bestätigung stehen Sie auf der Warteliste" in received.text
    assert "zweite@example.org" not in received.text  # nothing personal: cacheable


def test_the_received_page_is_served_from_the_page_cache(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 60
    page = registration_event(capacity=5)
    received = page.url + "anmelden/fast-geschafft/"
    assert client.get(received).status_code == 200
    register(page, "Noch eine")  # changes the free places, not this page
    assert client.get(received)["X-Cache"] == "HIT"


def test_the_events_usage_in_the_admin_lists_no_participant(office_client, commit):
    event = registration_event(capacity=3)
    with commit():
        register(event, "Anna Teilnehmerin", places=1)
        services.registration_create(event=event, name="Berta Telefon", email="", source="phone")
    usage = office_client.get(f"/admin/pages/{event.pk}/usage/")
    assert usage.status_code == 200
    assert "Teilnehmerin" not in usage.content.decode()
    assert "Telefon" not in usage.content.decode()


def test_inside_the_lock_a_registration_from_the_form_reads_only_the_places(client, db):
    """Every other registration for the event waits while one holds its row: the form's
    registration locks the row without reading the event again (its page came with the
    address; only its live revision is checked) and counts the places."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time and locks no row")
    page = registration_event(capacity=5)
    register(page, "Erste")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            page.url + "anmelden/",
            {"name": "Zweite", "email": "zweite@example.org", "adults": 1, "consent": "on"},
        )
    assert response.status_code == 303
    sql = [q["sql"] for q in queries]
    (lock,) = [i for i, text in enumerate(sql) if "FOR UPDATE" in text]
    assert sql[lock].startswith("SELECT 1 FROM")
    inserted = next(i for i, text in enumerate(sql) if 'INSERT INTO "events_registration"' in text)
    between = sql[lock + 1 : inserted]
    assert [text.split()[1][:7] for text in between] == ['"live_r', 'SUM(("e']
    assert not [text for text in between if '"events_eventpage"' in text]


def test_a_registration_sees_a_publish_that_came_in_after_its_page_was_loaded(db):
    """The form's request brings its copy of the event into the lock; if the office
    published a change meanwhile (the lock may have waited for it), the change counts."""
    page = registration_event(capacity=5)
    stale = EventPage.objects.get(pk=page.pk)  # as the request loaded it
    fresh = EventPage.objects.get(pk=page.pk)
    fresh.cancelled = True
    fresh.save_revision().publish()
    with pytest.raises(services.RegistrationClosed):
        services.registration_create(event=stale, name="Spät", email="spaet@example.org")
    assert not Registration.objects.filter(event=page).exists()


def test_free_places_count_exactly_what_holds_a_place_at_each_moment(db):
    """The places taken, from the query written once: confirmed, attended and pending
    registrations within their confirmation time, with their children; not the waiting,
    cancelled or expired ones, nor another event's."""
    event = registration_event(capacity=20)
    other = registration_event("andere", capacity=20)
    now = timezone.now()

    def add(status, adults=1, children=0, expires_in=None, on=event):
        Registration.objects.create(
            event=on,
            name=f"{status} {adults}",
            email=f"{status}{adults}{children}@example.org",
            status=status,
            adults=adults,
            children=children,
            expires_at=now + expires_in if expires_in is not None else None,
        )

    add(Status.CONFIRMED, adults=2, children=1)
    add(Status.ATTENDED)
    add(Status.PENDING, adults=2, expires_in=timedelta(hours=1))
    add(Status.PENDING, expires_in=timedelta(hours=-1))
    add(Status.WAITING, adults=3)
    add(Status.CANCELLED, adults=4)
    add(Status.EXPIRED)
    add(Status.CONFIRMED, adults=5, on=other)
    assert services.free_places(event, now) == 20 - 3 - 1 - 2
    # Two hours on, the pending registration's time is over: its places are free again.
    assert services.free_places(event, now + timedelta(hours=2)) == 20 - 3 - 1
    assert services.free_places(other, now) == 15
    assert services.free_places(registration_event("leer", capacity=4), now) == 4


def test_the_empty_form_is_kept_yet_never_shows_anothers_input_and_follows_the_event(
    client, db, settings
):
    """Its fields are rendered once: a visitor's input sent back with errors stays hers,
    and a question the office changes shows at once."""
    settings.PAGE_CACHE_SECONDS = 0
    page = workshop()
    form_url = page.url + "anmelden/"
    assert "Wie viele Ehrenamtliche hat Ihr Zentrum?" in client.get(form_url).text
    sent = client.post(form_url, {"name": "Bea Beispiel", "email": "kaputt"})
    assert sent.status_code == 400 and 'value="Bea Beispiel"' in sent.text
    assert "Bea Beispiel" not in client.get(form_url).text

    page.questions = [("text", {"label": "Was bringen Sie mit?", "required": False})]
    page.save_revision().publish()
    fresh = client.get(form_url).text
    assert "Was bringen Sie mit?" in fresh
    assert "Wie viele Ehrenamtliche" not in fresh


def test_the_form_page_is_kept_with_each_visitors_own_token_and_the_places_left(
    db, settings, admin_client
):
    """In a rush everybody asks for the same empty form: it is rendered once, each
    visitor's copy carries their own CSRF token, which works, and the free places as they
    are now. Only when the places run out is it rendered again (the waiting list's button)."""
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 0
    event = registration_event("Ansturm", capacity=3)
    form_url = event.url + "anmelden/"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_template = "events/registration_form.html"

    def rendered(response):  # the page itself rendered (the free places are each time)
        return page_template in [template.name for template in response.templates]

    built = first.get(form_url)
    kept = second.get(form_url)
    assert rendered(built) and not rendered(kept)  # the second one was not rendered
    tokens = []
    for response in (built, kept):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)[1]
        assert response.cookies["csrftoken"].value  # the visitor's own cookie, as before
        tokens.append(token)
    assert tokens[0] != tokens[1]
    assert built.text.replace(tokens[0], "") == kept.text.replace(tokens[1], "")
    assert "Noch 3 Plätze frei" in kept.text
    answer = {
        "csrfmiddlewaretoken": tokens[1],
        "name": "Ada",
        "email": "ada@example.org",
        "adults": "1",
        "consent": "on",
    }
    assert second.post(form_url, answer).status_code == 303
    after = first.get(form_url)
    assert "Noch 2 Plätze frei" in after.text and not rendered(after)
    assert ">Anmelden</button>" in after.text

    def register(email):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second.get(form_url).text)
        sent = second.post(form_url, {**answer, "csrfmiddlewaretoken": token[1], "email": email})
        assert sent.status_code == 303

    register("bea@example.org")
    assert "Noch ein Platz frei" in first.get(form_url).text
    register("cem@example.org")
    full = first.get(form_url)
    assert rendered(full)  # the page for a full event, rendered once
    assert "Alle Plätze sind vergeben" in full.text and ">Auf die Warteliste</button>" in full.text
    assert "wagtail-userbar" in admin_client.get(form_url).text  # an editor's own page


def test_an_empty_submission_gets_the_forms_errors_never_the_kept_empty_form(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    event = registration_event("leer-gesendet", capacity=3)
    form_url = event.url + "anmelden/"
    client.get(form_url)  # the empty form is kept now
    sent = client.post(form_url, {})
    assert sent.status_code == 400
    assert sent.context["form"].errors["email"]  # says what is missing
    settings.FORM_RATE_LIMIT = (1, 600)
    assert client.post(form_url, {}).status_code == 429  # over the limit: refused, no error
    assert Registration.objects.filter(event=event).count() == 0
