"""`manage.py backup` and `restore` round-trip the database and the media files, run as
commands against a database of their own (PostgreSQL in CI, else SQLite)."""

import json

from dorfbrunnen.testing import LiveSite

COUNT = (
    "import json, hashlib; from wagtail.models import Page; "
    "from wagtail.documents import get_document_model; "
    "from dorfbrunnen.events.models import Registration; "
    "from dorfbrunnen.centres.models import CentrePage; "
    "doc = get_document_model().objects.first(); "
    "print(json.dumps({'pages': Page.objects.count(), 'centres': CentrePage.objects.count(), "
    "'registrations': Registration.objects.count(), "
    "'document': hashlib.sha256(doc.file.read()).hexdigest() "
    "if doc and doc.file.storage.exists(doc.file.name) else None}))"
)
# A site with a page of every type (centres, events, a document), and a registration.
BUILD = (
    "from dorfbrunnen.tests.sample import site_sample; "
    "from dorfbrunnen.events.services import registration_create; "
    "sample = site_sample(); "
    "registration_create(event=sample.objects['online_event'], "
    "name='Backup Test', email='backup@example.org')"
)
DAMAGE = (
    "import os; from wagtail.documents import get_document_model; "
    "from dorfbrunnen.core.models import SetupRecord; "
    "from dorfbrunnen.events.models import Registration; "
    "Registration.objects.all().delete(); "
    "SetupRecord.objects.get(key='page:news').target.delete(); "
    "doc = get_document_model().objects.first(); os.remove(doc.file.path)"
)


def counts(site):
    return json.loads(site.manage("shell", "-c", COUNT).strip().splitlines()[-1])


def test_backup_and_restore_round_trip_loses_nothing(tmp_path):
    site = LiveSite(tmp_path, database="dorfbrunnen_backup")
    site.manage("migrate", "--no-input")
    site.manage("setup_site")
    site.manage("shell", "-c", BUILD)
    before = counts(site)
    assert before["centres"] and before["registrations"] == 1 and before["document"]

    archive = tmp_path / "sicherung.tar.gz"
    site.manage("backup", "--output", str(archive))
    site.manage("shell", "-c", DAMAGE)
    damaged = counts(site)
    assert damaged["pages"] < before["pages"] and damaged["registrations"] == 0
    assert damaged["document"] is None

    output = site.manage("restore", str(archive), "--yes")
    assert "Wiederhergestellt" in output
    assert counts(site) == before
