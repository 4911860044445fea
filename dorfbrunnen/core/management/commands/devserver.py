"""`make run`: the development server, the task worker and the periodic jobs side by side."""

import contextlib
import signal
import subprocess
import sys
import time
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Site


class Command(BaseCommand):
    help = "Startet Webserver, Task-Worker und regelmäßige Aufgaben für die Entwicklung."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        address = f"http://127.0.0.1:{port}"
        # The site's own address (canonical links, og:url, links in the binder) is the one
        # served here, whatever port an earlier run used.
        Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=int(port))
        manage = [sys.executable, "manage.py"]
        processes = [
            subprocess.Popen([*manage, "db_worker", "--interval", "1", "--verbosity", "0"]),
            subprocess.Popen([*manage, "run_periodic"]),
            subprocess.Popen([*manage, "runserver", "--skip-checks", f"127.0.0.1:{port}"]),
        ]

        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            if self._answers(f"{address}/healthz", processes[-1]):
                self.stdout.write(
                    self.style.SUCCESS(
                        f"\nDie Seite läuft unter {address}/ – E-Mails landen in "
                        f"{settings.VAR_DIR / 'mail'}.\nBeenden mit Strg+C.\n"
                    )
                )
            while all(process.poll() is None for process in processes):
                with contextlib.suppress(subprocess.TimeoutExpired):
                    processes[-1].wait(timeout=1)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes:
                process.wait()

    @staticmethod
    def _answers(url: str, server, timeout: float = 60) -> bool:
        """Wait until the server answers (the start message comes only then)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and server.poll() is None:
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2):  # noqa: S310
                return True
            time.sleep(0.2)
        return False
