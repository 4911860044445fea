from django.core.management.base import BaseCommand

from dorfbrunnen.events.services import reminders_send


class Command(BaseCommand):
    help = "Verschickt fällige Erinnerungen an Teilnehmende."

    def handle(self, *args, **options):
        count = reminders_send()
        if count:
            self.stdout.write(f"{count} Anmeldung(en) bearbeitet.")
