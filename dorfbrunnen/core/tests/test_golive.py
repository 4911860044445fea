"""The go-live checklist shows the office what stands between a fresh installation and a
public site, each open point with where to fix it; every point turns „erledigt“ once it is
done. Also: the site stays hidden from search engines until SITE_NOINDEX is switched off."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from dorfbrunnen.core.golive import golive_findings
from dorfbrunnen.core.mail import mail_send_due
from dorfbrunnen.core.models import BackupRun, Heartbeat, OutboundMail, SiteSettings
from dorfbrunnen.core.setup import TO_FILL

pytestmark = pytest.mark.django_db


def finding(title):
    matches = [f for f in golive_findings() if f.title == title]
    assert len(matches) == 1, [f.title for f in golive_findings()]
    return matches[0]


def test_a_fresh_install_lists_what_only_the_association_can_fill_in(office_client, section):
    page = office_client.get(reverse("golive")).content.decode()
    assert "Checkliste für den Start" in page and "offen" in page
    assert not finding("Angaben zum Verein vollständig").ok
    assert "Straße und Hausnummer" in finding("Angaben zum Verein vollständig").detail
    assert not finding("Ansprechperson für den Datenschutz eingetragen").ok
    # The legal pages setup made still say „[bitte ergänzen]“; each links to its editor.
    privacy = section("privacy")
    line = finding(f"Seite „{privacy.title}“ ergänzen")
    assert line.url == reverse("wagtailadmin_pages:edit", args=[privacy.pk])
    assert line.url in page


def test_filling_in_the_facts_closes_their_points(section):
    site_settings = SiteSettings.objects.get()
    for name in ("street", "representatives", "register_court", "register_number"):
        setattr(site_settings, name, "ausgefüllt")
    site_settings.content_responsible = "Anna Vorstand"
    site_settings.privacy_contact = "Datenschutz: datenschutz@verein.example"
    site_settings.save()
    assert finding("Angaben zum Verein vollständig").ok
    assert finding("Ansprechperson für den Datenschutz eingetragen").ok
    for key in ("privacy", "accessibility", "about"):
        page = section(key)
        page.intro = page.intro.replace(TO_FILL, "fertig")
        page.body = [
            {"type": block["type"], "value": block["value"].replace(TO_FILL, "fertig")}
            for block in page.body.raw_data
        ]
        page.save_revision().publish()
    assert finding("Keine Platzhalter auf den Seiten").ok


def test_the_test_mail_button_checks_the_mail_server(office_client, office_user, commit):
    assert not finding("E-Mail-Versand geprüft").ok
    with commit():
        response = office_client.post(reverse("golive_test_mail"))
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[office_user.email]]
    assert finding("E-Mail-Versand geprüft").ok


def test_a_failing_mail_server_shows_as_open(settings, office_user):
    from dorfbrunnen.core.golive import test_mail_send

    settings.MAILERS = {"default": {"BACKEND": "dorfbrunnen.core.tests.broken_mail.BrokenBackend"}}
    test_mail_send(user=office_user)
    mail_send_due()
    line = finding("E-Mail-Versand geprüft")
    assert not line.ok and "neuer Versuch geplant" in line.detail


def test_office_accounts_without_a_second_factor_are_named(office_user):
    assert (
        office_user.username in finding("Alle Konten der Geschäftsstelle mit zweitem Faktor").detail
    )
    # A code by e-mail does not count for an account that can publish (it must use an app).
    EmailDevice.objects.create(user=office_user, name="E-Mail", confirmed=True)
    assert not finding("Alle Konten der Geschäftsstelle mit zweitem Faktor").ok
    TOTPDevice.objects.create(user=office_user, name="App", confirmed=True)
    assert finding("Alle Konten der Geschäftsstelle mit zweitem Faktor").ok


def test_the_last_good_backup_must_be_at_most_26_hours_old():
    # Running `manage.py backup` records these rows (dorfbrunnen/tests/test_backup.py).
    assert not finding("Tägliche Sicherung läuft").ok
    BackupRun.objects.create(finished_at=timezone.now(), succeeded=False, error="Platte voll")
    assert "noch keine Sicherung" in finding("Tägliche Sicherung läuft").detail
    BackupRun.objects.create(finished_at=timezone.now() - timedelta(hours=25), succeeded=True)
    assert finding("Tägliche Sicherung läuft").ok
    BackupRun.objects.update(finished_at=timezone.now() - timedelta(hours=27))
    assert "Die letzte Sicherung ist vom" in finding("Tägliche Sicherung läuft").detail


def test_the_heartbeat_shows_whether_worker_and_periodic_jobs_run():
    assert not finding("Hintergrund-Worker arbeitet").ok
    call_command("heartbeat")  # the tests' task backend runs the worker's task at once
    assert finding("Hintergrund-Worker arbeitet").ok
    assert finding("Regelmäßige Aufgaben laufen").ok
    Heartbeat.objects.filter(name="worker").update(seen_at=timezone.now() - timedelta(minutes=11))
    assert "systemctl status dorfbrunnen-worker" in finding("Hintergrund-Worker arbeitet").detail


def test_a_front_cache_that_does_not_answer_is_open(settings, purges):
    assert finding("Front-Cache erreichbar").ok  # the stand-in answers
    settings.WAGTAILFRONTENDCACHE["varnish"]["LOCATION"] = "http://127.0.0.1:9"
    assert not finding("Front-Cache erreichbar").ok


def test_without_a_front_cache_there_is_nothing_to_check(settings):
    settings.WAGTAILFRONTENDCACHE = None
    assert not [f for f in golive_findings() if f.title == "Front-Cache erreichbar"]


def test_until_go_live_the_site_is_hidden_from_search_engines(client, settings):
    settings.SITE_NOINDEX = True
    assert client.get("/robots.txt").content.decode().splitlines()[:2] == [
        "User-agent: *",
        "Disallow: /",
    ]
    assert client.get("/").headers["X-Robots-Tag"] == "noindex, nofollow"
    assert not finding("Für Suchmaschinen sichtbar").ok
    settings.SITE_NOINDEX = False
    cache.clear()  # switching needs a restart; cached pages lag at most PAGE_CACHE_SECONDS
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap:" in robots and "Disallow: /\n" not in robots
    assert "X-Robots-Tag" not in client.get("/").headers
    assert finding("Für Suchmaschinen sichtbar").ok


def test_the_dashboard_shows_the_checklist_to_the_office_only(
    client, office_client, django_user_model
):
    assert "Checkliste für den Start" in office_client.get("/admin/").content.decode()
    volunteer = django_user_model.objects.create_user("helga", "helga@example.org", "x" * 12)
    volunteer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(volunteer)
    assert "Checkliste für den Start" not in client.get("/admin/").content.decode()
    assert client.get(reverse("golive")).status_code in (302, 403)


def test_delivered_mails_keep_no_working_links(commit):
    from dorfbrunnen.core.mail import mail_queue

    with commit():
        mail_queue(
            to=["pia@example.org"],
            subject="Ihr Zugang",
            body="Hier setzen Sie Ihr Passwort: https://verein.example/passwort/abc123/\nGruß",
            attachments=[("termin.ics", b"URL:https://meet.example.org/geheim", "text/calendar")],
        )
    assert "abc123" in mail.outbox[0].body  # the person got the link
    stored = OutboundMail.objects.get(subject="Ihr Zugang")
    assert stored.status == OutboundMail.Status.SENT
    assert "abc123" not in stored.body and "[Link nach dem Versand entfernt]" in stored.body
    assert stored.attachments[0]["filename"] == "termin.ics"
    assert stored.attachments[0]["content"] == ""
