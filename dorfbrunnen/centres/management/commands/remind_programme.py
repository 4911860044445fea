"""Periodic: ask the centres whether programme items that will soon stop being shown are
still current („Ist das Angebot noch aktuell?“)."""

from django.core.management.base import BaseCommand

from dorfbrunnen.centres.programme import programme_remind


class Command(BaseCommand):
    help = "Fragt die Zentren, ob Angebote des Wochenprogramms noch aktuell sind."

    def handle(self, *args, **options):
        count = programme_remind()
        if count:
            self.stdout.write(f"{count} Nachfrage(n) „noch aktuell?“ verschickt.")
