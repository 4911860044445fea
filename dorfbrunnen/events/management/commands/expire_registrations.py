from django.core.management.base import BaseCommand

from dorfbrunnen.events.services import registrations_expire


class Command(BaseCommand):
    help = "Gibt Plätze unbestätigter, abgelaufener Anmeldungen frei."

    def handle(self, *args, **options):
        count = registrations_expire()
        if count:
            self.stdout.write(f"{count} Anmeldung(en) bearbeitet.")
