"""The go-live checklist: what stands between a fresh installation and a public site.

Each check returns findings the office can act on, each with a link to where it is fixed
(or, for what only the technician can change, a sentence for them). Core checks what core
knows (placeholders in pages and settings, the data-protection contact, mail, second
factors, backups, the task worker, the front cache, the search-engine switch); apps may
register their own checks with `golive_check`.
"""

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from .content_cache import cached
from .models import BackupRun, Heartbeat, OutboundMail, SiteSettings
from .roles import OFFICE, role_group
from .setup import TO_FILL
from .two_factor import usable_devices

# Demo values are marked so; neither marker may reach the public site.
MARKERS = (TO_FILL, "Demo-Angabe")
TEST_MAIL_SUBJECT = "Test-Mail der Webseite"
BACKUP_MAX_AGE = timedelta(hours=26)
WORKER_MAX_SILENCE = timedelta(minutes=10)


@dataclass
class Finding:
    ok: bool
    title: str
    detail: str = ""
    url: str = ""  # where the office fixes it
    action: str = ""  # the link's text


_checks: list[Callable[[], list[Finding]]] = []


def golive_check(fn):
    """Register `fn() -> list[Finding]` as part of the checklist."""
    if fn not in _checks:
        _checks.append(fn)
    return fn


def golive_findings() -> list[Finding]:
    return [finding for check in _checks for finding in check()]


def _settings_url() -> str:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk if site else 1])


def _pages_with_markers() -> list[tuple[int, str, str]]:
    """(page id, title, marker) of live pages whose published content holds a marker."""

    def scan():
        found = []
        live = Page.objects.live().exclude(live_revision=None).values("live_revision_id")
        revisions = Revision.objects.filter(pk__in=live).only("object_id", "content")
        for revision in revisions.iterator():
            marker = next((m for m in MARKERS if _holds(revision.content, m)), None)
            if marker:
                found.append((int(revision.object_id), revision.content.get("title", ""), marker))
        return sorted(found, key=lambda item: item[1])

    return cached("golive-markers", scan)


def _holds(value, marker: str) -> bool:
    """Whether a revision's content holds the marker – also inside a StreamField, which a
    revision keeps as JSON text with non-ASCII letters escaped („erg\\u00e4nzen“)."""
    if isinstance(value, str):
        return marker in value or json.dumps(marker)[1:-1] in value
    if isinstance(value, dict):
        return any(_holds(item, marker) for item in value.values())
    if isinstance(value, list):
        return any(_holds(item, marker) for item in value)
    return False


@golive_check
def placeholders() -> list[Finding]:
    findings = []
    site_settings = SiteSettings.objects.first()
    fields = [
        field
        for field in SiteSettings._meta.get_fields()
        if getattr(field, "get_internal_type", lambda: "")() in ("CharField", "TextField")
    ]
    if site_settings is not None:
        marked = [
            str(field.verbose_name)
            for field in fields
            if any(m in (getattr(site_settings, field.name) or "") for m in MARKERS)
        ]
        findings.append(
            Finding(
                not marked,
                _("Angaben zum Verein vollständig"),
                _("Noch Platzhalter oder Demo-Werte in: %(fields)s.")
                % {"fields": ", ".join(marked)}
                if marked
                else "",
                _settings_url(),
                _("Angaben zum Verein bearbeiten"),
            )
        )
    pages = _pages_with_markers()
    findings.append(
        Finding(
            not pages,
            _("Keine Platzhalter auf den Seiten"),
            _("„%(marker)s“ steht noch auf %(count)s Seite(n).")
            % {"marker": pages[0][2], "count": len(pages)}
            if pages
            else "",
        )
    )
    findings.extend(
        Finding(
            False,
            _("Seite „%(title)s“ ergänzen") % {"title": title},
            _("Enthält „%(marker)s“.") % {"marker": marker},
            reverse("wagtailadmin_pages:edit", args=[page_id]),
            _("Seite bearbeiten"),
        )
        for page_id, title, marker in pages[:20]
    )
    return findings


@golive_check
def privacy_contact() -> list[Finding]:
    site_settings = SiteSettings.objects.first()
    contact = (site_settings.privacy_contact if site_settings else "").strip()
    missing = not contact or any(marker in contact for marker in MARKERS)
    return [
        Finding(
            not missing,
            _("Ansprechperson für den Datenschutz eingetragen"),
            _("Die Datenschutzerklärung nennt noch niemanden, an den man sich wenden kann.")
            if missing
            else "",
            _settings_url(),
            _("Angaben zum Verein bearbeiten"),
        )
    ]


@golive_check
def mail_delivery() -> list[Finding]:
    test = OutboundMail.objects.filter(subject=TEST_MAIL_SUBJECT).order_by("-created_at").first()
    week_ago = timezone.now() - timedelta(days=7)
    failed = OutboundMail.objects.filter(
        status=OutboundMail.Status.FAILED, created_at__gte=week_ago
    ).count()
    mails_url = reverse("outbound_mail:index")
    if test is None:
        test_finding = Finding(
            False,
            _("E-Mail-Versand geprüft"),
            _("Noch keine Test-Mail gesendet."),
            reverse("golive_test_mail"),
            _("Test-Mail senden"),
        )
    elif test.status == OutboundMail.Status.SENT:
        test_finding = Finding(
            True,
            _("E-Mail-Versand geprüft"),
            _("Die Test-Mail ging am %(when)s an den Mailserver.")
            % {"when": timezone.localtime(test.sent_at).strftime("%d.%m.%Y %H:%M")},
        )
    else:
        test_finding = Finding(
            False,
            _("E-Mail-Versand geprüft"),
            _("Die Test-Mail ist noch nicht zugestellt: %(state)s %(error)s")
            % {"state": test.get_status_display(), "error": test.last_error},
            reverse("golive_test_mail"),
            _("Test-Mail erneut senden"),
        )
    return [
        test_finding,
        Finding(
            not failed,
            _("Keine fehlgeschlagenen E-Mails"),
            _("%(count)s E-Mail(s) der letzten sieben Tage konnten nicht zugestellt werden.")
            % {"count": failed}
            if failed
            else "",
            f"{mails_url}?status=failed",
            _("Ausgehende E-Mails ansehen"),
        ),
    ]


@golive_check
def second_factors() -> list[Finding]:
    office = role_group(OFFICE)
    accounts = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups=office) if office else Q(is_superuser=True))
    )
    without = [
        user.get_username()
        for user in accounts.distinct().order_by("username")
        if not usable_devices(user)  # an office account's e-mail code does not count
    ]
    return [
        Finding(
            not without,
            _("Alle Konten der Geschäftsstelle mit zweitem Faktor"),
            _("Ohne zweiten Faktor: %(users)s. Beim nächsten Anmelden richten sie ihn ein.")
            % {"users": ", ".join(without)}
            if without
            else "",
            reverse("wagtailusers_users:index"),
            _("Konten ansehen"),
        )
    ]


@golive_check
def backups() -> list[Finding]:
    last = BackupRun.objects.filter(succeeded=True).order_by("-finished_at").first()
    fresh = last is not None and timezone.now() - last.finished_at <= BACKUP_MAX_AGE
    detail = ""
    if last is None:
        detail = _("Es wurde noch keine Sicherung erstellt.")
    elif not fresh:
        detail = _("Die letzte Sicherung ist vom %(when)s.") % {
            "when": timezone.localtime(last.finished_at).strftime("%d.%m.%Y %H:%M")
        }
    if detail:
        detail += " " + _(
            "Für die technische Betreuung: Der tägliche Timer „dorfbrunnen-backup“ "
            "(Betriebshandbuch, Abschnitt Sicherungen) muss laufen."
        )
    return [Finding(fresh, _("Tägliche Sicherung läuft"), detail)]


@golive_check
def background_work() -> list[Finding]:
    seen = dict(Heartbeat.objects.values_list("name", "seen_at"))
    now = timezone.now()
    findings = []
    for name, title, unit in [
        ("periodic", _("Regelmäßige Aufgaben laufen"), "dorfbrunnen-periodic.timer"),
        ("worker", _("Hintergrund-Worker arbeitet"), "dorfbrunnen-worker"),
    ]:
        last = seen.get(name)
        ok = last is not None and now - last <= WORKER_MAX_SILENCE
        detail = (
            ""
            if ok
            else _(
                "Seit mehr als zehn Minuten kein Lebenszeichen – E-Mails und geplante "
                "Veröffentlichungen bleiben liegen. Für die technische Betreuung: "
                "„systemctl status %(unit)s“."
            )
            % {"unit": unit}
        )
        findings.append(Finding(ok, title, detail))
    return findings


@golive_check
def front_cache() -> list[Finding]:
    backends = getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}
    url = next((config.get("LOCATION", "") for config in backends.values()), "")
    if not url:
        return []
    try:
        request = urllib.request.Request(url, method="HEAD")  # noqa: S310 – our own setting
        with urllib.request.urlopen(request, timeout=2):  # noqa: S310
            answers = True
    except urllib.error.HTTPError:
        answers = True  # it answered, if with an error status
    except (urllib.error.URLError, OSError):
        answers = False
    return [
        Finding(
            answers,
            _("Front-Cache erreichbar"),
            ""
            if answers
            else _(
                "Der Front-Cache (Varnish) unter %(url)s antwortet nicht: Änderungen kämen bei "
                "Besuchern erst nach Minuten an. Für die technische Betreuung: "
                "„systemctl status varnish“."
            )
            % {"url": url},
        )
    ]


@golive_check
def search_engines() -> list[Finding]:
    hidden = settings.SITE_NOINDEX
    return [
        Finding(
            not hidden,
            _("Für Suchmaschinen sichtbar"),
            _(
                "Die Webseite ist noch vor Suchmaschinen verborgen. Wenn alles oben erledigt "
                "ist: Die technische Betreuung setzt SITE_NOINDEX=false in "
                "/etc/dorfbrunnen/env und startet die Webseite neu."
            )
            if hidden
            else "",
        )
    ]


def test_mail_send(*, user) -> OutboundMail:
    """A mail to the office account itself, through the queue like every other."""
    from .mail import mail_queue

    return mail_queue(
        to=[user.email],
        subject=TEST_MAIL_SUBJECT,
        body=_(
            "Diese E-Mail hat die Webseite zur Probe verschickt. Wenn sie angekommen ist, "
            "funktioniert der Versand: Anmeldebestätigungen und Nachrichten erreichen ihre "
            "Empfänger.\n\nPrüfen Sie bitte auch, ob sie im Spam-Ordner gelandet ist – dann "
            "braucht die Absenderadresse noch SPF, DKIM und DMARC (Betriebshandbuch)."
        ),
    )
