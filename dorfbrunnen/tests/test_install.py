"""A production install as the deployment guide describes it, on every change: the commands of
docs/deployment.md section 2, word for word, on a fresh PostgreSQL database with production
settings – twice, as on a first install and the next deploy – then the site served by granian
with the command line of the guide's systemd unit.

What an association that follows the guide must get: every section page answers, the home
page carries the association's text, the office's role and the centres' approval workflow
exist, and there is no demo content and no account at all.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dorfbrunnen.testing import BASE_DIR, free_port, fresh_database_url

from .servers import GUIDE, Processes, guide_command, request, set_option

GRANIAN = Path(sys.executable).with_name("granian")
ENV_FILE = "/etc/dorfbrunnen/env"
SECTIONS = {
    "/": "Herzlich willkommen",
    "/ueber-uns/": "Über uns",
    "/zentren/": "Zentren",
    "/veranstaltungen/": "Veranstaltungen",
    "/infopaket/": "Infopaket",
    "/aktuelles/": "Aktuelles",
    "/kontakt/": "Kontakt",
    "/impressum/": "Angaben gemäß § 5 DDG",
    "/datenschutz/": "Datenschutz",
    "/barrierefreiheit/": "Barrierefreiheit",
    "/leichte-sprache/": "Leichte Sprache",
    "/newsletter/": "Newsletter",
    "/newsletter/archiv/": "Newsletter-Archiv",
}
STATE = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, WorkflowPage
from dorfbrunnen.core.roles import OFFICE, role_group
office = role_group(OFFICE)
centres = Page.objects.get(url_path__endswith="/zentren/")
print(json.dumps({
    "groups": sorted(Group.objects.values_list("name", flat=True)),
    "office_permissions": sorted(office.permissions.values_list("codename", flat=True)),
    "office_page_permissions": office.page_permissions.count(),
    "workflow": WorkflowPage.objects.get(page=centres).workflow.name,
    "workflow_groups": [
        sorted(task.specific.groups.values_list("name", flat=True))
        for task in Workflow.objects.get(workflow_pages__page=centres).tasks
    ],
    "users": get_user_model().objects.count(),
    "pages": sorted(
        (page.depth, type(page.specific).__name__) for page in Page.objects.filter(depth__gt=1)
    ),
}))
"""

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the guide installs on PostgreSQL (make test runs this in its PostgreSQL part)",
    ),
    pytest.mark.skipif(
        not (shutil.which("redis-server") and GRANIAN.exists()),
        reason="needs redis-server and granian (scripts/system-deps test installs them)",
    ),
]


def install_commands() -> str:
    """Section 2's marked block of shell commands, as printed in the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(r"<!-- install:.*?-->\s*```sh\n(.*?)```\s*<!-- /install -->", text, re.S)
    assert match, "docs/deployment.md lost its marked install block"
    return match.group(1)


@pytest.fixture
def installed(tmp_path):
    processes = Processes(tmp_path)
    redis_port, port = free_port(), free_port()
    processes.start(
        "redis", ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""]
    )
    env_file = tmp_path / "env"
    env_file.write_text(
        "\n".join(
            [
                "DJANGO_SETTINGS_MODULE=dorfbrunnen.settings.production",
                f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}",
                "DJANGO_ALLOWED_HOSTS=127.0.0.1",
                f"WAGTAILADMIN_BASE_URL=http://127.0.0.1:{port}",
                f"DATABASE_URL={fresh_database_url(tmp_path, 'dorfbrunnen_install')}",
                f"REDIS_URL=redis://127.0.0.1:{redis_port}/0",
                "EMAIL_HOST=127.0.0.1",
                "EMAIL_PORT=9",
                "DEFAULT_FROM_EMAIL=webseite@example.org",
                f"DJANGO_STATIC_ROOT={tmp_path / 'static'}",
                f"DJANGO_MEDIA_ROOT={tmp_path / 'media'}",
                f"DORFBRUNNEN_VAR_DIR={tmp_path}",
                "DJANGO_SECURE_SSL_REDIRECT=false",  # plain HTTP in the test
                "LOG_FORMAT=plain",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    commands = install_commands()
    assert ENV_FILE in commands
    script = commands.replace(ENV_FILE, str(env_file))
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    outputs = []
    for _deploy in range(2):  # the first install, then the next deploy
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script],
            cwd=BASE_DIR,
            env=clean,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
        outputs.append(result.stdout)
    env = {**clean, **dict(line.split("=", 1) for line in env_file.read_text().splitlines())}
    command = guide_command("granian")
    command[0] = str(GRANIAN)
    set_option(command, "--workers", "1")
    set_option(command, "--port", str(port))
    granian = processes.start("granian", command, cwd=BASE_DIR, env=env)
    try:
        processes.wait_until_answering("granian", granian, port)
        state = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", STATE],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        yield port, outputs, json.loads(state.stdout.strip().splitlines()[-1])
    finally:
        processes.stop()


def test_the_guide_installs_a_complete_site_without_demo(installed):
    port, outputs, state = installed
    assert "Angelegt" in outputs[0]
    assert "nichts geändert" in outputs[1]  # the next deploy changes nothing
    for path, text in SECTIONS.items():
        status, _headers, body = request(port, "GET", path)
        assert status == 200, path
        assert text in body, path
    home = request(port, "GET", "/")[2]
    assert "Familien müssen gestärkt werden" in home  # the association's own text
    assert request(port, "GET", "/admin/login/")[0] == 200
    assert request(port, "GET", "/gibt-es-nicht/")[0] == 404

    assert state["groups"] == ["Geschäftsstelle", "Mitglieder"]
    for codename in ("access_admin", "change_registration", "manage_personal_data", "add_user"):
        assert codename in state["office_permissions"]
    assert state["office_page_permissions"] > 0
    assert state["workflow"] == "Freigabe durch die Geschäftsstelle"
    assert state["workflow_groups"] == [["Geschäftsstelle"]]
    assert state["users"] == 0  # no demo accounts, no accounts at all
    types = {name for _depth, name in state["pages"]}
    assert types == {
        "HomePage",
        "StandardPage",
        "ImprintPage",
        "PrivacyPage",
        "CentreIndexPage",
        "EventIndexPage",
        "LibraryPage",
        "NewsIndexPage",
        "ContactPage",
        "EasyReadPage",
        "NewsletterPage",
        "NewsletterArchivePage",
        "ProgrammeFinderPage",
    }  # no centres, events, chapters or news: no demo content
