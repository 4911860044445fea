"""Periodic: remind the office of barrier reports whose one-month deadline is a week away."""

from django.core.management.base import BaseCommand

from dorfbrunnen.accessibility.services import barrier_reports_remind


class Command(BaseCommand):
    help = "Erinnert die Geschäftsstelle an offene Barriere-Meldungen kurz vor der Frist."

    def handle(self, *args, **options):
        count = barrier_reports_remind()
        if count:
            self.stdout.write(f"{count} Barriere-Meldung(en) in der Erinnerung.")
