"""Demo of the inclusion features: pages in Leichte Sprache below the section's start page
(one of them checked by a reading group – a demo value), the section pages pointing to
their Leichte-Sprache versions, and barrier reports in the office's list (one open with
its deadline near, one answered)."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from dorfbrunnen.accessibility.models import BarrierReport, one_month_after
from dorfbrunnen.pages.models import EasyReadPage
from dorfbrunnen.pages.texts import one_sentence_a_line

DEMO_MARK = "Demo-Angabe"

# Written by the rules of Leichte Sprache: short sentences, one statement each, active
# voice, no genitive, hard words explained, numbers as digits, Mediopunkt in long words.
EASY_READ_PAGES = [
    {
        "slug": "zentrum-finden",
        "title": "Ein Mütter·zentrum finden",
        "intro": "So finden Sie ein Mütter·zentrum in Ihrer Nähe.",
        "for": "centres",
        "checked": True,
        "body": """
<h2>Was ist in einem Mütter·zentrum?</h2>
<p>Ein Mütter·zentrum ist ein offenes Haus.
Dort treffen sich Mütter, Väter und Kinder.
Auch Oma und Opa sind willkommen.
Sie können einfach herein·kommen.
Sie müssen nichts bezahlen.</p>
<p>Viele Mütter·zentren haben ein Café.
Dort können Sie andere Menschen kennen·lernen.
Viele Mütter·zentren haben auch eine Kinder·betreuung.
Kinder·betreuung heißt: Jemand passt auf Ihr Kind auf.</p>
<h2>So suchen Sie ein Mütter·zentrum</h2>
<p>Gehen Sie auf die Seite <a href="/zentren/">Zentren</a>.
Dort ist ein Feld mit dem Namen: Ort oder Post·leit·zahl.
Schreiben Sie Ihre Post·leit·zahl in das Feld.
Zum Beispiel: 44135.</p>
<p>Klicken Sie auf den Knopf: Zentren finden.
Dann sehen Sie eine Liste.
Das erste Zentrum in der Liste ist am nächsten bei Ihnen.</p>
<p>Klicken Sie auf den Namen von einem Zentrum.
Dann sehen Sie die Adresse.
Und Sie sehen, wann das Zentrum offen ist.</p>
<h2>Sie brauchen Hilfe?</h2>
<p>Rufen Sie das Zentrum an.
Die Telefon·nummer steht auf der Seite von dem Zentrum.
Die Menschen im Zentrum helfen Ihnen gern.</p>
""",
    },
    {
        "slug": "veranstaltungen",
        "title": "Bei einer Veranstaltung mit·machen",
        "intro": "So melden Sie sich für eine Veranstaltung an.",
        "for": "events",
        "checked": False,
        "body": """
<h2>Was ist eine Veranstaltung?</h2>
<p>Eine Veranstaltung ist ein Treffen.
Zum Beispiel ein Fest, ein Kurs oder ein Vortrag.
Manche Veranstaltungen sind im Internet.
Dann sehen Sie die anderen Menschen am Computer.</p>
<h2>So finden Sie eine Veranstaltung</h2>
<p>Gehen Sie auf die Seite <a href="/veranstaltungen/">Veranstaltungen</a>.
Dort stehen alle Veranstaltungen.
Die nächste Veranstaltung steht oben.</p>
<h2>So melden Sie sich an</h2>
<p>Für manche Veranstaltungen müssen Sie sich anmelden.
Dann steht dort der Knopf: Jetzt anmelden.
Klicken Sie auf den Knopf.</p>
<p>Schreiben Sie Ihren Namen in das Formular.
Schreiben Sie Ihre E-Mail-Adresse in das Formular.
Klicken Sie dann auf: Anmelden.</p>
<p>Sie bekommen eine E-Mail von uns.
In der E-Mail ist ein Link.
Klicken Sie auf den Link.
Dann ist Ihr Platz sicher.</p>
<h2>Sie können doch nicht kommen?</h2>
<p>Das ist nicht schlimm.
In der E-Mail steht auch: Abmelden.
Klicken Sie darauf.
Dann bekommt ein anderer Mensch Ihren Platz.</p>
""",
    },
    {
        "slug": "barriere-melden",
        "title": "Eine Barriere melden",
        "intro": "Etwas auf der Internet·seite geht nicht? Sagen Sie es uns.",
        "for": "accessibility",
        "checked": False,
        "body": """
<h2>Was ist eine Barriere?</h2>
<p>Eine Barriere ist ein Hindernis.
Auf einer Internet·seite kann das so sein:
Sie können einen Text nicht lesen.
Oder ein Knopf funktioniert nicht.
Oder die Schrift ist zu klein.</p>
<h2>So melden Sie eine Barriere</h2>
<p>Unten auf jeder Seite steht: Barriere melden.
Klicken Sie darauf.
Dann sehen Sie ein Formular.</p>
<p>Schreiben Sie in das Formular:
Was geht nicht?
Sie können auch Ihren Namen und Ihre E-Mail-Adresse schreiben.
Das müssen Sie aber nicht.</p>
<p>Klicken Sie dann auf: Meldung senden.</p>
<h2>Was passiert dann?</h2>
<p>Wir lesen Ihre Meldung.
Dann machen wir die Barriere weg.
Wir antworten Ihnen in 1 Monat.
Für die Antwort brauchen wir Ihre E-Mail-Adresse.</p>
<p>Sie sind mit der Antwort nicht zufrieden?
Dann gibt es eine Schlichtungs·stelle.
Eine Schlichtungs·stelle hilft bei Streit.
Sie finden die Schlichtungs·stelle im Internet:
<a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a></p>
""",
    },
]


def demo_easy_read(tree, pages: dict, today) -> None:
    start = pages.get("easy_read")
    if start is None:
        return
    for item in EASY_READ_PAGES:
        page = tree.ensure(
            start,
            EasyReadPage(
                title=item["title"],
                slug=item["slug"],
                intro=item["intro"],
                body=[("paragraph", RichText(one_sentence_a_line(item["body"])))],
                checked_by=(
                    f"Prüfgruppe Leichte Sprache Dortmund ({DEMO_MARK})" if item["checked"] else ""
                ),
                checked_on=today - timedelta(days=20) if item["checked"] else None,
            ),
        )
        # The section page gets a link to its Leichte-Sprache version, once.
        section = pages.get(item["for"])
        if section is not None and section.easy_read_page_id is None:
            section.easy_read_page = page
            section.save_revision().publish()


def demo_barrier_reports(today) -> None:
    if BarrierReport.objects.exists():
        return
    tz = timezone.get_current_timezone()
    arrived = datetime.combine(today - timedelta(days=24), time(9, 40), tz)
    BarrierReport.objects.create(
        page_url="/veranstaltungen/",
        problem="Im Kalender kann ich mit der Tastatur den Filter für den Monat nicht "
        "erreichen. Ich benutze einen Screenreader.",
        name="Demo Besucherin",
        email="besucherin@example.org",
        created_at=arrived,
        deadline=one_month_after(arrived.date()),
    )
    arrived = datetime.combine(today - timedelta(days=40), time(16, 5), tz)
    BarrierReport.objects.create(
        page_url="/infopaket/",
        problem="Das PDF mit der Mustersatzung lässt sich nicht vorlesen.",
        email="leser@example.org",
        created_at=arrived,
        deadline=one_month_after(arrived.date()),
        status=BarrierReport.Status.ANSWERED,
        answer="Danke für Ihren Hinweis! Wir haben die Mustersatzung als barrierefreies PDF "
        "neu erstellt. Sie lässt sich jetzt vorlesen.",
        answered_at=arrived + timedelta(days=6),
        answer_mailed=True,
    )
