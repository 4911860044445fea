from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dorfbrunnen.core.backup import backup_restore


class Command(BaseCommand):
    help = "Stellt Datenbank und Mediendateien aus einem Archiv von `backup` wieder her."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="ohne Rückfrage überschreiben")

    def handle(self, *args, archive, yes, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Archiv nicht gefunden: {path}")
        if not yes and input("Alle aktuellen Daten werden ersetzt. Fortfahren? [j/N] ") != "j":
            raise CommandError("Abgebrochen.")
        try:
            manifest = backup_restore(archive_path=path)
        except (ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Wiederhergestellt: Sicherung vom {manifest['created']}.")
