"""`make bench`: prints speed figures. Fails only on errors or wrong counts, never on time."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from dorfbrunnen.core.bench import centres, library, registrations, web


class Command(BaseCommand):
    help = "Misst die Geschwindigkeit (Zentrensuche, Infopaket, Anmeldungen unter Last)."

    def add_arguments(self, parser):
        parser.add_argument("--centres", type=int, default=10_000)
        parser.add_argument("--samples", type=int, default=60)

    def handle(self, *args, centres: int, samples: int, **options):
        self.stdout.write(f"Nearest-centre search with {centres} centres")
        ok = centres_bench(centres, samples, self.stdout)
        self.stdout.write("\nInfopaket with 500 documents (2,000 PDF pages)")
        ok = library.run(stdout=self.stdout) and ok
        self.stdout.write("\nRegistrations under load")
        if connection.vendor == "postgresql":
            ok = registrations.run(stdout=self.stdout) and ok
            self.stdout.write("\nPublic pages under load (production settings, 2 workers)")
            ok = web.run(stdout=self.stdout) and ok
        else:
            self.stdout.write("  skipped: needs PostgreSQL (make bench starts one when installed)")
        if not ok:
            raise CommandError("Bench found errors or a query count that grows.")


def centres_bench(count, samples, stdout):
    return centres.run(count=count, samples=samples, stdout=stdout)
