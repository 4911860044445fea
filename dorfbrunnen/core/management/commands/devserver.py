"""`make run`: the development server, the task worker and the periodic jobs side by side."""

import contextlib
import signal
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Startet Webserver, Task-Worker und regelmäßige Aufgaben für die Entwicklung."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        manage = [sys.executable, "manage.py"]
        processes = [
            subprocess.Popen([*manage, "db_worker", "--interval", "1", "--verbosity", "0"]),
            subprocess.Popen([*manage, "run_periodic"]),
            subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}"]),
        ]
        self.stdout.write(
            f"\nDie Seite läuft unter http://127.0.0.1:{port}/ – E-Mails landen in var/mail/.\n"
            "Beenden mit Strg+C.\n"
        )

        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(process.poll() is None for process in processes):
                with contextlib.suppress(subprocess.TimeoutExpired):
                    processes[-1].wait(timeout=1)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes:
                process.wait()
