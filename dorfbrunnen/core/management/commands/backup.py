from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand

from dorfbrunnen.core.backup import backup_run


class Command(BaseCommand):
    help = "Sichert Datenbank und Mediendateien in ein Archiv (.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="Zieldatei (Standard: dorfbrunnen-<Zeitstempel>.tar.gz)"
        )

    def handle(self, *args, output=None, **options):
        path = Path(output or f"dorfbrunnen-{datetime.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = backup_run(output=path)
        self.stdout.write(
            f"Gesichert: {path} ({manifest['engine']}, {manifest['media_files']} Mediendateien)"
        )
