from django.core.management.base import BaseCommand, CommandError

from dorfbrunnen.centres.csv_io import import_centres


class Command(BaseCommand):
    help = "Importiert Zentren aus einer CSV-Datei (Format: docs/centres.md)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as lines:
                report = import_centres(lines)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Neu: {report.created}, geändert: {report.updated}, unverändert: {report.unchanged}"
        )
        for line, reason in report.errors:
            self.stderr.write(f"Zeile {line}: {reason}")
        if report.errors:
            self.stderr.write(f"{len(report.errors)} Zeile(n) nicht importiert.")
