from django.core.management.base import BaseCommand

from dorfbrunnen.core.privacy import old_data_purge


class Command(BaseCommand):
    help = "Löscht alte Formulareingaben, versendete E-Mails und erledigte Hintergrundaufgaben."

    def handle(self, *args, **options):
        removed = old_data_purge()
        if any(removed.values()):
            self.stdout.write(", ".join(f"{name}: {count}" for name, count in removed.items()))
