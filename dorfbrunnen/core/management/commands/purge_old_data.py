from django.core.management.base import BaseCommand

from dorfbrunnen.core.privacy import retention_run


class Command(BaseCommand):
    help = (
        "Löscht oder anonymisiert personenbezogene Daten nach ihrer Aufbewahrungsfrist "
        "(Anmeldungen, Formulareingaben, E-Mails, Hintergrundaufgaben …)."
    )

    def handle(self, *args, **options):
        removed = retention_run()
        if any(removed.values()):
            self.stdout.write(", ".join(f"{name}: {n}" for name, n in removed.items() if n))
