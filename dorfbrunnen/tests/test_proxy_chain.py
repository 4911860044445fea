"""The production chain as the deployment guide sets it up, with real servers: nginx with
deploy/nginx.conf → Varnish with deploy/varnish.vcl and the guide's listeners → granian with the
guide's command line (one worker), production settings and the values of .env.example.

What a visitor would notice: each visitor has a form limit of their own (one person cannot lock
out everybody, nor escape the limit with a forged X-Forwarded-For), and nobody but the
application can empty the front cache – while the application's own purge still works.

Ports and paths are the guide's except where a test needs its own: free ports, temporary
folders, no TLS (the test speaks plain HTTP to nginx).
"""

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import environ
import psycopg
import pytest
from bs4 import BeautifulSoup

from dorfbrunnen.testing import BASE_DIR, free_port, fresh_database_url

from .servers import Processes, env_example, guide_command, request, set_option

GRANIAN = Path(sys.executable).with_name("granian")
MISSING = [tool for tool in ("nginx", "varnishd", "redis-server") if not shutil.which(tool)]
if not GRANIAN.exists():
    MISSING.append("granian")

pytestmark = [
    pytest.mark.servers,
    # On one worker: the chains (a module fixture) are set up once, not once per worker.
    pytest.mark.xdist_group("proxy_chain"),
    pytest.mark.skipif(
        bool(MISSING),
        reason=f"needs {', '.join(MISSING)} (scripts/system-deps test installs them as root)",
    ),
]

DATABASE = "dorfbrunnen_proxy_chain"
CONTACT = "/kontakt/"
ABOUT = "/ueber-uns/"  # setup_site's about page
# Visitors: all of 127.0.0.0/8 is loopback on Linux, so each gets an address of its own.
VISITOR_A, VISITOR_B = "127.0.0.23", "127.0.0.24"


def substituted(text: str, replacements: dict[str, str]) -> str:
    """`text` with each of the guide's values replaced by the test's; each must be there, so
    the test cannot silently run something other than what operators install."""
    for old, new in replacements.items():
        assert old in text, f"{old!r} is no longer in the file; adapt the test"
        text = text.replace(old, new)
    return text


class Install:
    """What sections 2 and 6 of the guide set up once: the database (migrate, setup_site),
    the static files, and Redis (the application's shared cache)."""

    def __init__(self, work: Path):
        self.work = work
        self.processes = Processes(work)
        self.database_url = ""
        self.redis_port = free_port()
        self.chains = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "dorfbrunnen.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            "DORFBRUNNEN_ALLOW_SQLITE": "true",  # when the suite runs without PostgreSQL
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP: nginx has no certificate here
            "DJANGO_STATIC_ROOT": str(work / "static"),
            "DJANGO_MEDIA_ROOT": str(work / "media"),
            "DORFBRUNNEN_VAR_DIR": str(work),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": "9",  # mail waits in the queue
            "DEFAULT_FROM_EMAIL": "webseite@example.org",
            "LOG_FORMAT": "plain",
            # Production needs a shared cache; management commands get a database of their own.
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/15",
        }

    def set_up(self, chains: dict[str, str]):
        """Installs, and starts a chain for each name and proxy count in `chains`."""
        # A copy of the run's migrated template: what `migrate` does on an empty database is
        # test_install.py's business; here `migrate` finds nothing left to do.
        self.database_url = self.env["DATABASE_URL"] = fresh_database_url(
            self.work, DATABASE, migrated=True
        )
        redis = self.processes.start(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", ""],
        )
        # While `migrate` runs, the static files are collected – only the site's
        # own: the admin's are not visited here, and compressing them would take most of the
        # time – and the servers start (they need the database only for requests).
        migrate = subprocess.Popen(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            self.manage("collectstatic", "--no-input", "-v0", "--ignore", "wagtail*")
            for name, proxies in chains.items():
                Chain(self, name, proxies=proxies)
            output = migrate.communicate()[0].decode(errors="replace")
        finally:
            migrate.kill()  # if anything went wrong; done by now otherwise
            migrate.wait()
        assert migrate.returncode == 0, f"manage.py migrate failed:\n{output[-3000:]}"
        self.manage("setup_site")
        assert redis.poll() is None, self.processes.log("redis")
        for chain in self.chains.values():
            chain.wait_until_answering()

    def manage(self, *args, env=None) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env or self.env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}"
        return result.stdout

    def tear_down(self):
        for chain in self.chains.values():
            chain.processes.stop()
        self.processes.stop()
        if self.database_url.startswith("postgres"):
            config = environ.Env.db_url_config(self.database_url)
            with psycopg.connect(
                host=config["HOST"],
                port=config["PORT"] or 5432,
                user=config["USER"],
                password=config["PASSWORD"],
                dbname="postgres",
                autocommit=True,
            ) as connection:
                database = config["NAME"]  # as fresh_database_url named it
                connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(self.work, ignore_errors=True)


class Chain:
    """nginx → Varnish → granian, started from the files and command lines of the guide."""

    def __init__(self, install: Install, name: str, *, proxies: str):
        redis_db = len(install.chains)
        install.chains[name] = self  # stopped with the install, even if starting fails
        self.install = install
        self.work = install.work / name
        self.work.mkdir()
        self.processes = Processes(self.work)
        self.port, self.front_port, self.purge_port, self.app_port = (free_port() for _ in range(4))
        self.env = {
            **install.env,
            # A database of its own in the shared Redis: rate-limit counts stay apart.
            "REDIS_URL": f"redis://127.0.0.1:{install.redis_port}/{redis_db}",
            "TRUSTED_PROXY_COUNT": proxies,
            # .env.example's address, which must be the guide's purge listener.
            "FRONTEND_CACHE_PURGE_URL": substituted(
                env_example("FRONTEND_CACHE_PURGE_URL"),
                {"http://127.0.0.1:6091": f"http://127.0.0.1:{self.purge_port}"},
            ),
        }
        self.servers = [
            (self._granian(), self.app_port),
            (self._varnish(), self.front_port),
            (self._nginx(), self.port),
        ]

    def wait_until_answering(self):
        for (name, process), port in self.servers:
            self.processes.wait_until_answering(name, process, port)

    def _granian(self):
        command = guide_command("granian")
        command[0] = str(GRANIAN)
        set_option(command, "--workers", "1")
        assert set_option(command, "--port", str(self.app_port)) == "8000"
        return "granian", self.processes.start("granian", command, cwd=BASE_DIR, env=self.env)

    def _varnish(self):
        vcl = self.work / "default.vcl"
        vcl.write_text(
            substituted(
                (BASE_DIR / "deploy" / "varnish.vcl").read_text(encoding="utf-8"),
                {'.port = "8000";': f'.port = "{self.app_port}";'},
            )
        )
        # The guide's listeners (localhost only), on the test's ports; the rest of its line is
        # Debian's (user, management port, secret).
        guide = guide_command("varnishd")
        listeners = [guide[i + 1] for i, arg in enumerate(guide) if arg == "-a"]
        assert listeners == ["127.0.0.1:6081", "purge=127.0.0.1:6091"], listeners
        listeners = substituted(
            " ".join(listeners),
            {":6081": f":{self.front_port}", ":6091": f":{self.purge_port}"},
        ).split()
        command = ["varnishd", "-F", "-n", str(self.work / "varnish"), "-f", str(vcl)]
        command += ["-s", "malloc,32m", *(arg for each in listeners for arg in ("-a", each))]
        return "varnishd", self.processes.start("varnishd", command)

    def _nginx(self):
        site = self.work / "nginx-site.conf"
        site.write_text(
            substituted(
                (BASE_DIR / "deploy" / "nginx.conf").read_text(encoding="utf-8"),
                {
                    "listen 443 ssl http2;": f"listen 127.0.0.1:{self.port};",
                    "ssl_certificate ": "# ssl_certificate ",
                    "ssl_certificate_key ": "# ssl_certificate_key ",
                    "http://127.0.0.1:6081;": f"http://127.0.0.1:{self.front_port};",
                    "/srv/dorfbrunnen/app/staticfiles/": f"{self.install.work / 'static'}/",
                    "/var/lib/dorfbrunnen/media/": f"{self.install.work / 'media'}/",
                },
            )
        )
        temp = " ".join(
            f"{kind}_temp_path {self.work / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        main = self.work / "nginx.conf"
        main.write_text(
            f"worker_processes 1; pid {self.work / 'nginx.pid'};\n"
            "events { worker_connections 64; }\n"
            f"http {{ access_log off; {temp} include {site}; }}\n"
        )
        command = ["nginx", "-e", str(self.work / "nginx-error.log"), "-c", str(main)]
        return "nginx", self.processes.start("nginx", [*command, "-g", "daemon off;"])

    def visit(self, path, *, source=VISITOR_A):
        return request(self.port, "GET", path, source=source)

    def manage(self, *args) -> str:
        return self.install.manage(*args, env=self.env)


class Visitor:
    """Someone at `address` writing to the office through the contact form."""

    def __init__(self, chain: Chain, address: str):
        self.chain, self.address = chain, address

    def send_message(self, headers=None) -> int:
        status, response_headers, html = self.chain.visit(CONTACT, source=self.address)
        assert status == 200
        cookies = " ".join(response_headers.get_all("Set-Cookie", []))
        cookie = re.search(r"csrftoken=([^;]+)", cookies).group(1)
        form = BeautifulSoup(html, "html.parser").find("form", method="post")
        data = {field["name"]: field.get("value", "") for field in form.find_all(type="hidden")}
        for label, value in [
            ("Ihr Name", "Alex Beispiel"),
            ("Ihre E-Mail-Adresse", "alex@example.org"),
            ("Betreff", "Frage zum Elterncafé"),
            ("Ihre Nachricht", "Wann ist das nächste Treffen?"),
        ]:
            tag = form.find(
                lambda tag, label=label: (
                    tag.name == "label" and tag.get_text(" ", strip=True).startswith(label)
                )
            )
            assert tag is not None, f"no field „{label}“ in the contact form"
            data[form.find(id=tag["for"])["name"]] = value
        return request(
            self.chain.port,
            "POST",
            CONTACT,
            source=self.address,
            body=urlencode(data),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
                **(headers or {}),
            },
        )[0]


@pytest.fixture(scope="module")
def chains():
    """The documented setup, with the proxy count of .env.example, and the same with a proxy
    count of 1 (right for nginx alone), side by side on one install."""
    work = Path(tempfile.mkdtemp(prefix="dorfbrunnen-proxy-chain-"))
    work.chmod(0o755)  # nginx's and Varnish's workers run as other users when started as root
    install = Install(work)
    try:
        install.set_up({"documented": env_example("TRUSTED_PROXY_COUNT"), "one-proxy": "1"})
        yield install.chains
    finally:
        install.tear_down()


@pytest.fixture
def chain(chains):
    return chains["documented"]


def test_each_visitor_has_a_form_limit_of_their_own(chain):
    first, second = Visitor(chain, VISITOR_A), Visitor(chain, VISITOR_B)
    assert [first.send_message() for _ in range(6)] == [303] * 5 + [429]
    # Claiming another address in the header does not escape the limit …
    assert first.send_message({"X-Forwarded-For": "203.0.113.9"}) == 429
    # … and the next visitor's message still goes through (on to the thanks: 303).
    assert second.send_message() == 303


def test_with_a_proxy_count_of_one_one_visitor_blocks_everybody(chains):
    """The count for nginx alone (what the guide used to give): behind nginx and Varnish,
    every visitor then has nginx's address, and one person's six messages lock out the next."""
    chain = chains["one-proxy"]
    first, second = Visitor(chain, VISITOR_A), Visitor(chain, VISITOR_B)
    assert [first.send_message() for _ in range(6)] == [303] * 5 + [429]
    assert second.send_message() == 429


def front_cache(response) -> str:
    return response[1]["X-Front-Cache"]


def test_visitors_cannot_empty_the_front_cache(chain):
    chain.visit("/")
    assert front_cache(chain.visit("/")) == "HIT"

    # Through nginx, as anybody on the internet could send it: refused before Varnish.
    status, headers, _ = request(chain.port, "PURGE", "/", source=VISITOR_A)
    assert status == 405
    assert "X-Varnish" not in headers
    assert front_cache(chain.visit("/")) == "HIT"
    # Straight to Varnish's public listener, as nginx would forward it.
    headers = {"X-Forwarded-For": VISITOR_A, "Host": "127.0.0.1"}
    assert request(chain.front_port, "PURGE", "/", headers=headers)[0] == 405
    assert front_cache(chain.visit("/")) == "HIT"


def test_forms_and_personal_pages_never_come_from_the_front_cache(chain):
    """Varnish keeps no list of such addresses: the application's answers say so."""
    for path in (CONTACT, "/mitglieder/anmelden/", "/mitglieder/", "/admin/login/"):
        chain.visit(path)
        assert front_cache(chain.visit(path)) == "MISS", path


def test_the_application_empties_the_front_cache_on_its_own_listener(chain):
    chain.visit("/")
    assert front_cache(chain.visit("/")) == "HIT"
    assert request(chain.purge_port, "PURGE", "/")[0] == 200
    assert front_cache(chain.visit("/")) == "MISS"

    chain.visit(ABOUT)
    assert front_cache(chain.visit(ABOUT)) == "HIT"
    title = "Wer wir sind – frisch veröffentlicht"
    published = chain.manage(
        "shell",
        "-c",
        "from dorfbrunnen.core.models import SetupRecord\n"
        "page = SetupRecord.objects.get(key='page:about').target.specific\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n"
        "print(page.url)",
    )
    assert published.split()[-1] == ABOUT
    # Varnish still has the old page: the purge is the task worker's to send …
    status, headers, html = chain.visit(ABOUT)
    assert headers["X-Front-Cache"] == "HIT" and title not in html
    chain.manage("db_worker", "--batch", "--no-startup-delay")
    # … and once it ran, the next visitor gets the new page from the application.
    status, headers, html = chain.visit(ABOUT)
    assert status == 200
    assert headers["X-Front-Cache"] == "MISS"
    assert title in html


def test_a_national_site_gets_304_for_an_unchanged_feed_from_the_front_cache(chain):
    """The open-data feeds (issue 19) carry ETag and Last-Modified; Varnish answers a
    conditional request from its stored copy."""
    status, headers, body = chain.visit("/api/v1/centres/")
    assert status == 200 and body.startswith("{")
    status, headers, _ = chain.visit("/api/v1/centres/")
    assert front_cache((status, headers)) == "HIT"
    etag, modified = headers["ETag"], headers["Last-Modified"]
    for conditional in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        status, headers, body = request(
            chain.port, "GET", "/api/v1/centres/", source=VISITOR_A, headers=conditional
        )
        assert (status, body, headers["X-Front-Cache"]) == (304, "", "HIT")
