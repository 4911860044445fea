"""Runs the periodic jobs in a loop, for development (`make run`).

Production runs the same commands from systemd timers (docs/deployment.md).
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Führt die regelmäßigen Aufgaben (z. B. geplantes Veröffentlichen) in einer Schleife aus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Sekunden zwischen Läufen")
        parser.add_argument("--once", action="store_true", help="Nur einmal ausführen")

    def handle(self, *args, interval, once, **options):
        while True:
            for command in settings.PERIODIC_COMMANDS:
                try:
                    call_command(command)
                except Exception as error:  # one broken job must not stop the others
                    self.stderr.write(f"{command}: {error}")
            if once:
                return
            time.sleep(interval)
