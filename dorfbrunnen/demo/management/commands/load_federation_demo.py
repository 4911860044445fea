"""`make federation-demo`: the demo as the national site. Writes the feeds of three made-up
associations (dorfbrunnen/demo/federation.py, marked „erfunden“) as static files, registers
them as sources and fetches them (the static server must already run: scripts/federation-demo
starts it)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dorfbrunnen.demo.federation import write_feeds
from dorfbrunnen.federation.models import Source, aggregating
from dorfbrunnen.federation.services import sources_fetch


class Command(BaseCommand):
    help = "Bundesweite Demo: Daten erfundener Verbände erzeugen, als Quellen eintragen, abrufen."

    def add_arguments(self, parser):
        parser.add_argument("--feeds", default=str(settings.VAR_DIR / "federation-demo"))
        parser.add_argument("--base-url", default="http://127.0.0.1:8010/")

    def handle(self, *args, feeds, base_url, **options):
        if not aggregating():
            raise CommandError("Nur mit FEDERATION_MODE=aggregator.")
        urls = write_feeds(Path(feeds), base_url.rstrip("/") + "/")
        sources = [Source.objects.get_or_create(index_url=url)[0] for url in urls]
        for source in sources_fetch(sources=sources):
            count = source.listings.count()
            state = source.last_error or "ok"
            self.stdout.write(f"{source}: {count} Zentren ({state})")
