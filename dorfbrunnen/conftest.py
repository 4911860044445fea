"""Fixtures shared by every app's tests."""

import pytest

from dorfbrunnen.core.demo import demo_load


@pytest.fixture
def demo(db, tmp_path):
    """The full demo tree, as `make run` creates it."""
    return demo_load(credentials_file=tmp_path / "demo-credentials.txt")


# Every page of the demo tree, with the text a visitor must find there.
DEMO_PAGES = {
    "/": "Herzlich willkommen",
    "/ueber-uns/": "Über uns",
    "/zentren/": "Zentren",
    "/veranstaltungen/": "Veranstaltungen",
    "/veranstaltungen/fachtag-familie-2023/": "So lonely - Wie unsere Netzwerke",
    "/veranstaltungen/netzwerktreffen-ehrenamt/": "Netzwerktreffen Ehrenamt",
    "/infopaket/": "Infopaket",
    "/aktuelles/": "Aktuelles",
    "/aktuelles/neue-webseite/": "Unsere neue Webseite ist online",
    "/kontakt/": "Kontakt",
    "/impressum/": "Angaben gemäß § 5 DDG",
    "/datenschutz/": "Datenschutz",
    "/barrierefreiheit/": "Feedback und Kontakt",
    "/suche/?q=Einsamkeit": "Fachtag Familie 2023",
}
FORM_PAGES = {"/kontakt/"}
