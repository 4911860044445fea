"""Periodic (on a national site): fetches every registered source – at most every
FEDERATION_FETCH_MINUTES, or now with --now."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Max
from django.utils import timezone

from ...models import Source, aggregating
from ...services import sources_fetch


class Command(BaseCommand):
    help = "Holt die Daten aller eingetragenen Quellen (nur auf der bundesweiten Seite)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Gleich abrufen, ohne zu warten.")

    def handle(self, *args, now=False, **options):
        if not aggregating():
            return
        last = Source.objects.aggregate(last=Max("last_attempt_at"))["last"]
        due = timedelta(minutes=settings.FEDERATION_FETCH_MINUTES)
        if not now and last is not None and timezone.now() - last < due:
            return
        for source in sources_fetch():
            state = "Fehler" if source.last_error else "ok"
            self.stdout.write(f"{source}: {state} {source.last_error}".rstrip())
