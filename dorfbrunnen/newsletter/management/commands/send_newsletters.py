from django.core.management.base import BaseCommand

from dorfbrunnen.newsletter.sending import newsletter_work


class Command(BaseCommand):
    help = (
        "Startet fällige Newsletter-Versände und sendet einen Stapel (Sicherheitsnetz zum "
        "Task-Worker: ein verlorener Auftrag oder ein abgestürzter Worker hält nichts auf)."
    )

    def handle(self, *args, **options):
        handled = newsletter_work()
        if handled:
            self.stdout.write(f"{handled} Newsletter-Zustellung(en) bearbeitet.")
