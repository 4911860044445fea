from django.core.management.base import BaseCommand

from dorfbrunnen.events.services import registrations_anonymise


class Command(BaseCommand):
    help = "Löscht personenbezogene Daten alter Anmeldungen (Aufbewahrungsfrist)."

    def handle(self, *args, **options):
        count = registrations_anonymise()
        if count:
            self.stdout.write(f"{count} Anmeldung(en) bearbeitet.")
