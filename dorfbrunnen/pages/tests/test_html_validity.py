"""Every demo page, and the states a visitor can reach (errors, no results), is valid HTML
according to the Nu HTML Checker."""

import json
import os
import shutil
import subprocess

import pytest
from django.core.cache import cache

from dorfbrunnen.conftest import DEMO_PAGES
from dorfbrunnen.events.models import EventPage
from dorfbrunnen.events.services import registration_create
from dorfbrunnen.testing import VNU_JAR


def test_every_page_is_valid_html(client, demo, tmp_path):
    if not (shutil.which("java") and VNU_JAR.exists()):
        if os.environ.get("CI"):
            pytest.fail("The Nu HTML Checker is missing (make test installs it).")
        pytest.skip("Java or node_modules/vnu-jar missing: run `make test` once.")
    cache.clear()
    responses = {url: client.get(url) for url in DEMO_PAGES}
    responses["404"] = client.get("/gibt-es-nicht/")
    responses["search-empty"] = client.get("/suche/?q=Quantenschaum")
    responses["contact-errors"] = client.post("/kontakt/", {"ihr_name": ""})
    responses["finder-errors"] = client.get("/zentren/?ort=Atlantis&umkreis=7")
    responses["finder-ambiguous"] = client.get("/zentren/?ort=Münster")
    workshop = "/veranstaltungen/workshop-ehrenamt-online/anmelden/"
    responses["registration-errors"] = client.post(workshop, {"email": "x"})
    registration = registration_create(
        event=EventPage.objects.get(slug="workshop-ehrenamt-online"),
        name="V",
        email="v@example.org",
    )
    responses["personal-page"] = client.get(f"/anmeldung/{registration.token}/")
    files = []
    for number, (name, response) in enumerate(responses.items()):
        path = tmp_path / f"{number:02d}.html"
        path.write_bytes(response.content)
        files.append((name, path))
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            *[str(path) for _, path in files],
        ],
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
