"""Every page type, and the states a visitor can reach (errors, no results), is valid HTML
according to the Nu HTML Checker."""

import json
import os
import shutil
import subprocess

import pytest
from django.core.cache import cache

from dorfbrunnen.events.services import registration_create
from dorfbrunnen.testing import VNU, VNU_JAR
from dorfbrunnen.tests.sample import site_sample


def test_every_page_is_valid_html(client, db, tmp_path):
    if not (shutil.which("java") and VNU_JAR.exists()):
        if os.environ.get("CI"):
            pytest.fail("The Nu HTML Checker is missing (make test installs it).")
        pytest.skip("Java or node_modules/vnu-jar missing: run `make test` once.")
    sample = site_sample()
    cache.clear()
    responses = {url: client.get(url) for url in sample.pages}
    responses["404"] = client.get("/gibt-es-nicht/")
    responses["search-empty"] = client.get("/suche/?q=Quantenschaum")
    responses["contact-errors"] = client.post("/kontakt/", {"ihr_name": ""})
    responses["finder-errors"] = client.get("/zentren/?ort=Atlantis&umkreis=7")
    responses["finder-ambiguous"] = client.get("/zentren/?ort=Münster")
    form = sample.urls["registration_form"]
    responses["registration-errors"] = client.post(form, {"email": "x"})
    # No message: the form comes back with its error. (A malformed link would come back as
    # <input type="url" value="x">, which the checker rejects: Django's URL fields do that.)
    responses["suggestion-errors"] = client.post(
        sample.urls["suggestion_form"], {"message": "", "url": "https://example.org/"}
    )
    assert responses["suggestion-errors"].status_code == 400
    responses["barrier-report-errors"] = client.post(
        "/barriere-melden/", {"page_url": "/", "problem": "", "email": "kein-at"}
    )
    assert responses["barrier-report-errors"].status_code == 400
    responses["barrier-report-received"] = client.post(
        "/barriere-melden/",
        {"page_url": "/geschichte/", "problem": "Das Video hat keinen Ton.", "email": ""},
        follow=True,
    )
    assert responses["barrier-report-received"].status_code == 200
    registration = registration_create(
        event=sample.objects["online_event"], name="V", email="v@example.org"
    )
    responses["personal-page"] = client.get(f"/anmeldung/{registration.token}/")
    # Issue 13: the cancel question, „Meine Daten“ to read, the calendar's place filter,
    # the site search's centres with an offer, the cancelled registration.
    responses["cancel-question"] = client.get(f"/anmeldung/{registration.token}/abmelden/")
    responses["my-data"] = client.get(f"/anmeldung/{registration.token}/daten/")
    calendar = sample.urls["calendar"]
    responses["calendar-near"] = client.get(calendar, {"ort": "44149", "umkreis": "25"})
    responses["calendar-online"] = client.get(calendar, {"umkreis": "online"})
    responses["search-offer"] = client.get("/suche/?q=Beratung")
    client.post(f"/anmeldung/{registration.token}/abmelden/")
    responses["cancelled"] = client.get(f"/anmeldung/{registration.token}/?storniert=1")
    files = []
    for number, (name, response) in enumerate(responses.items()):
        path = tmp_path / f"{number:02d}.html"
        path.write_bytes(response.content)
        files.append((name, path))
    result = subprocess.run(
        [*VNU, *[str(path) for _, path in files]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    names = {f"file:{path}": name for name, path in files}
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{names.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == []
