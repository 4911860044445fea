from types import SimpleNamespace

import pytest

from .factories import chapter, document


@pytest.fixture
def binder_content(db):
    """A small binder, the way an office fills it:

    1 Gründung und Rechtsform            (settled)
      1.1 Der eingetragene Verein        (settled; DOCX and ODT, a link)
      1.2 Gemeinnützigkeit               (settled, changed recently)
    2 Finanzen                           (settled)
      2.1 Projektförderung               (a public PDF and a members-only PDF)
    3 Der offene Treff                   (new; a two-page PDF, new)
    4 Für Mitglieder: Arbeitshilfen      (members only; a members-only PDF and XLSX)
      4.1 Kassenprüfung                  (below the members-only chapter)
    """
    statute = document(
        "Mustersatzung für einen Verein",
        "docx",
        paragraphs=["Die Tagesordnung der Gründungsversammlung"],
        description="Eine Satzung zum Anpassen.",
    )
    minutes = document("Protokoll einer Vorstandssitzung", "odt", paragraphs=["Zwei Enthaltungen"])
    guide = document("Förderleitfaden", paragraphs=["Anträge für die Streuobstwiese"])
    funds = document(
        "Fördermittel des Landesverbandes",
        paragraphs=["Die Landeszuwendung für Mitglieder"],
        restricted=True,
    )
    hygiene = document(
        "Hygiene-Checkliste für das Café",
        paragraphs=["Die Kühlschranktemperatur täglich prüfen."],
        pages=2,
        age_days=0,
    )
    fees = document(
        "Orientierungswerte für Honorare",
        paragraphs=["Die Honorarobergrenze für Referentinnen"],
        restricted=True,
    )
    audit = document(
        "Kassenbuch-Vorlage", "xlsx", paragraphs=["Belegprüfung der Kasse"], restricted=True
    )

    founding = chapter("Gründung und Rechtsform", "gruendung", intro="Vom Verein zur Satzung.")
    association = chapter(
        "Der eingetragene Verein",
        "verein",
        parent=founding,
        body="<p>Für die Gründung braucht es sieben Mitglieder.</p>",
        documents=[statute, minutes],
        links=[("Vereinsrecht kompakt", "https://example.org/vereinsrecht")],
    )
    charity = chapter("Gemeinnützigkeit", "gemeinnuetzigkeit", parent=founding)
    charity.body = "<p>Der Freistellungsbescheid kommt vom Finanzamt.</p>"
    charity.save_revision().publish()  # first published long ago, updated now
    charity.refresh_from_db()
    finances = chapter("Finanzen", "finanzen")
    funding = chapter(
        "Projektförderung", "projektfoerderung", parent=finances, documents=[guide, funds]
    )
    meeting_place = chapter(
        "Der offene Treff",
        "treff",
        body="<p>Ein Café für alle Generationen.</p>",
        documents=[hygiene],
        age_days=0,
    )
    internal = chapter(
        "Für Mitglieder: Arbeitshilfen",
        "intern",
        intro="Arbeitshilfen des Landesverbandes",
        documents=[fees],
        restricted=True,
    )
    cash_audit = chapter("Kassenprüfung", "kasse", parent=internal, documents=[audit])
    return SimpleNamespace(
        founding=founding,
        association=association,
        charity=charity,
        finances=finances,
        funding=funding,
        meeting_place=meeting_place,
        internal=internal,
        cash_audit=cash_audit,
        statute=statute,
        minutes=minutes,
        guide=guide,
        funds=funds,
        hygiene=hygiene,
        fees=fees,
        audit=audit,
        public_documents={statute, minutes, guide, hygiene},
        members_documents={funds, fees, audit},
    )


@pytest.fixture
def commit_so_far():
    """`commit_so_far()`: what the test made so far is committed – the callbacks waiting for
    the commit run (the binder's refresh, text extraction) and are forgotten, as after a real
    commit. (Within the test's one transaction they would stay pending, and the refresh,
    scheduled once per transaction, would not be scheduled again by a later publish.)"""
    from django.db import connection

    def run():
        while connection.run_on_commit:
            pending = list(connection.run_on_commit)
            connection.run_on_commit.clear()
            for _savepoints, callback, _robust in pending:
                callback()

    return run
