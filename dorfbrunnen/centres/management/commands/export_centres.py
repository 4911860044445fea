import sys

from django.core.management.base import BaseCommand

from dorfbrunnen.centres.csv_io import export_centres


class Command(BaseCommand):
    help = "Schreibt alle Zentren als CSV (Format: docs/centres.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Datei; ohne Angabe auf die Standardausgabe")

    def handle(self, *args, file=None, **options):
        if file:
            with open(file, "w", encoding="utf-8", newline="") as output:
                count = export_centres(output)
            self.stderr.write(f"{count} Zentren geschrieben.")
        else:
            export_centres(sys.stdout)
