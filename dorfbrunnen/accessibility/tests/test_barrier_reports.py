"""„Barriere melden“: from any page's footer to the office's list, with the one-month
deadline of § 12b BGG, the answer mailed and dated, a reminder a week before the deadline,
retention a year after the answer, and the Datenauskunft."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dorfbrunnen.accessibility.models import BarrierReport, one_month_after
from dorfbrunnen.core.models import OutboundMail, SiteSettings
from dorfbrunnen.core.privacy import personal_data_erase, personal_data_find, retention_run

from .factories import barrier_report

OFFICE_ADDRESS = "buero@example.org"
GOOD = {
    "page_url": "/zentren/",
    "problem": "Die Karte lässt sich nicht mit der Tastatur verschieben.",
    "name": "Jonas Weber",
    "email": "jonas@example.org",
    "phone": "",
}


@pytest.fixture(autouse=True)
def office_address(db):
    site_settings = SiteSettings.objects.get()
    site_settings.email = OFFICE_ADDRESS
    site_settings.save()


@pytest.fixture
def post(client, commit):
    def submit(data, **headers):
        with commit():
            return client.post("/barriere-melden/", data, **headers)

    return submit


def field_value(response, name) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find(attrs={"name": name})
    return field.get_text() if field.name == "textarea" else field.get("value", "")


@pytest.mark.parametrize(
    ("arrived", "deadline"),
    [
        (date(2026, 3, 10), date(2026, 4, 10)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),
        (date(2026, 12, 15), date(2027, 1, 15)),
    ],
)
def test_the_deadline_is_one_month_after_arrival(arrived, deadline):
    assert one_month_after(arrived) == deadline


def test_every_pages_footer_links_to_the_form_with_that_pages_own_path(client, section):
    about = section("about")
    for _visit in range(2):  # the second answer comes from the page cache
        response = client.get(about.url, HTTP_REFERER="https://elsewhere.example/")
        link = BeautifulSoup(response.content, "html.parser").find("a", string="Barriere melden")
        assert link["href"] == f"/barriere-melden/?seite={about.url}"
    response = client.get("/gibt-es-nicht/")
    link = BeautifulSoup(response.content, "html.parser").find("a", string="Barriere melden")
    assert link["href"] == "/barriere-melden/?seite=/gibt-es-nicht/"


def test_the_form_takes_the_page_from_the_link_but_only_an_address_of_this_site(client):
    response = client.get("/barriere-melden/?seite=/zentren/")
    assert response.status_code == 200
    assert field_value(response, "page_url") == "/zentren/"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "csrftoken" in response.cookies
    for foreign in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        assert field_value(client.get("/barriere-melden/", {"seite": foreign}), "page_url") == ""


def test_a_report_is_stored_with_its_deadline_and_the_office_is_told(post, client):
    sent = post(GOOD)
    # The thanks has an address of its own: reloading it sends nothing twice.
    assert sent.status_code == 302
    response = client.get(sent["Location"])
    assert client.get(sent["Location"]).status_code == 200
    assert BarrierReport.objects.count() == 1
    report = BarrierReport.objects.get()
    assert report.deadline == one_month_after(timezone.localdate())
    assert report.status == BarrierReport.Status.OPEN
    assert f"spätestens bis zum {report.deadline.day}." in response.text
    assert 'href="/zentren/"' in response.text  # back to the page
    assert [message.to for message in mail.outbox] == [[OFFICE_ADDRESS]]
    message = mail.outbox[0]
    assert message.subject == "Neue Barriere-Meldung: /zentren/"
    assert message.reply_to == ["jonas@example.org"]
    assert "Die Karte lässt sich nicht" in message.body
    assert f"/admin/barriere-meldungen/edit/{report.pk}/" in message.body


def test_a_report_from_a_page_in_english_reaches_the_office_in_german(client, commit):
    from django.utils import formats, translation

    with commit():
        client.post("/en/barriere-melden/", {**GOOD, "page_url": "/en/"})
    report = BarrierReport.objects.get()
    with translation.override("de"):
        german_month = formats.date_format(report.deadline, "F")
    with translation.override("en"):
        english_month = formats.date_format(report.deadline, "F")
    [message] = mail.outbox
    assert message.subject == "Neue Barriere-Meldung: /en/"
    assert german_month in message.body and english_month not in message.body


def test_bad_input_keeps_what_was_typed_and_explains_in_german(post):
    response = post({**GOOD, "problem": "", "email": "jonas@"})
    assert response.status_code == 400
    assert "Bitte beschreiben Sie, was nicht funktioniert." in response.text
    assert "gültige E-Mail-Adresse" in response.text
    assert field_value(response, "page_url") == "/zentren/"
    assert field_value(response, "name") == "Jonas Weber"
    assert not BarrierReport.objects.exists()


def test_a_filled_honeypot_is_thanked_and_forgotten(post):
    response = post({**GOOD, "homepage": "http://spam.example"}, follow=True)
    assert response.status_code == 200
    assert "Danke für Ihre Meldung" in response.text
    assert not BarrierReport.objects.exists()
    assert not OutboundMail.objects.exists()


def test_too_many_reports_from_one_address_get_a_german_429(post, settings):
    settings.FORM_RATE_LIMIT = (2, 600)
    assert post(GOOD).status_code == 302
    assert post(GOOD).status_code == 302
    response = post(GOOD)
    assert response.status_code == 429
    assert "Von Ihrer Adresse kamen gerade sehr viele Anfragen" in response.text
    assert field_value(response, "problem").strip() == GOOD["problem"]
    assert BarrierReport.objects.count() == 2


def test_the_office_sees_open_reports_first_with_their_deadline(office_client):
    barrier_report(days_ago=40, page_url="/alt/", status=BarrierReport.Status.ANSWERED)
    barrier_report(days_ago=2, page_url="/neu/")
    barrier_report(days_ago=33, page_url="/ueberfaellig/")
    response = office_client.get(reverse("barrier_reports:index"))
    assert response.status_code == 200
    text = response.text
    assert text.index("/ueberfaellig/") < text.index("/neu/") < text.index("/alt/")
    assert "überfällig seit" in text
    assert "noch 2" in text  # a month minus two days: 28 to 29 days left
    assert "beantwortet" in text


def test_the_answer_is_mailed_once_and_dated(office_client, commit):
    report = barrier_report(days_ago=3, name="Jonas Weber")
    url = reverse("barrier_reports:edit", args=[report.pk])
    assert "Der Kalender lässt sich" in office_client.get(url).text  # the report itself
    answer = "Danke! Der Kalender ist jetzt mit der Tastatur bedienbar."
    with commit():
        response = office_client.post(url, {"status": "open", "answer": answer, "note": "Fix 12"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == BarrierReport.Status.ANSWERED
    assert report.answered_at is not None and report.answer_mailed
    assert report.answer == answer and report.note == "Fix 12"
    assert [message.to for message in mail.outbox] == [["melderin@example.org"]]
    body = mail.outbox[0].body
    assert "Guten Tag Jonas Weber," in body and answer in body
    assert "https://www.schlichtungsstelle-bgg.de" in body
    answered_at = report.answered_at

    # Saved again (another answer typed in, or the status set to done): nothing is resent.
    with commit():
        office_client.post(url, {"status": "done", "answer": "Noch eine Antwort", "note": ""})
    report.refresh_from_db()
    assert report.answer == answer and report.answered_at == answered_at
    assert report.status == BarrierReport.Status.DONE and report.done_at is not None
    assert len(mail.outbox) == 1


def test_an_answer_without_an_address_is_recorded_with_its_date(office_client, commit):
    report = barrier_report(email="", phone="0231 123456")
    with commit():
        office_client.post(
            reverse("barrier_reports:edit", args=[report.pk]),
            {"status": "open", "answer": "Am Telefon erklärt.", "note": ""},
        )
    report.refresh_from_db()
    assert report.answered_at is not None and not report.answer_mailed
    assert not mail.outbox


def test_the_office_enters_a_report_taken_by_phone(office_client):
    response = office_client.post(
        reverse("barrier_reports:add"),
        {"page_url": "Startseite", "problem": "Schrift zu klein", "phone": "0231 1", "name": ""},
    )
    assert response.status_code == 302
    report = BarrierReport.objects.get()
    assert report.deadline == one_month_after(timezone.localdate())


def test_the_office_is_reminded_once_a_week_before_the_deadline(commit, settings):
    assert "send_barrier_reminders" in settings.PERIODIC_COMMANDS
    near = barrier_report(days_ago=25, page_url="/frist-naht/")
    barrier_report(days_ago=10, page_url="/noch-zeit/")
    barrier_report(days_ago=28, page_url="/beantwortet/", status=BarrierReport.Status.ANSWERED)
    with commit():
        call_command("send_barrier_reminders")
    assert [message.to for message in mail.outbox] == [[OFFICE_ADDRESS]]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Erinnerung: 1 Barriere-Meldung wartet auf Antwort"
    assert "/frist-naht/" in body and "/noch-zeit/" not in body and "/beantwortet/" not in body
    assert f"/admin/barriere-meldungen/edit/{near.pk}/" in body
    with commit():
        call_command("send_barrier_reminders")
    assert len(mail.outbox) == 1  # once


def test_reports_are_kept_until_a_year_after_the_answer():
    now = timezone.now()
    old_answer = barrier_report(days_ago=420, answered_at=now - timedelta(days=366))
    recent_answer = barrier_report(days_ago=420, answered_at=now - timedelta(days=300))
    never_answered = barrier_report(days_ago=420)
    done_without_contact = barrier_report(
        days_ago=420, email="", status=BarrierReport.Status.DONE, done_at=now - timedelta(days=400)
    )
    assert retention_run(now)["barriere_meldungen"] == 2
    left = set(BarrierReport.objects.values_list("pk", flat=True))
    assert left == {recent_answer.pk, never_answered.pk}
    assert old_answer.pk not in left and done_without_contact.pk not in left


def test_the_datenauskunft_finds_exports_and_erases_a_reporters_reports():
    report = barrier_report(name="Jonas Weber", email="Jonas@Example.org", answer="Erledigt.")
    barrier_report(email="andere@example.org")
    found = personal_data_find(email="jonas@example.org")
    assert found.count("barriere_meldungen") == 1
    exported = found.as_dict()["barriere_meldungen"][0]
    assert exported["meldung"] == report.problem and exported["name"] == "Jonas Weber"
    personal_data_erase(email="jonas@example.org")
    assert list(BarrierReport.objects.values_list("email", flat=True)) == ["andere@example.org"]


def test_only_the_office_sees_reports_even_with_the_permission_granted_by_mistake(
    client, django_user_model
):
    from django.contrib.auth.models import Permission

    report = barrier_report()
    volunteer = django_user_model.objects.create_user("ehrenamt", "e@example.org", "x" * 12)
    volunteer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_barrierreport", "change_barrierreport"]
        )
    )
    client.force_login(volunteer)
    listing = client.get(reverse("barrier_reports:index"))
    assert report.problem[:20] not in listing.text
    assert client.get(reverse("barrier_reports:edit", args=[report.pk])).status_code == 404
