"""`make bench`: prints speed figures. Fails only on errors or wrong counts, never on time."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from dorfbrunnen.core.bench import centres, library, registrations, web


class Command(BaseCommand):
    help = "Misst die Geschwindigkeit (Zentrensuche, Infopaket, Anmeldungen unter Last)."

    def add_arguments(self, parser):
        parser.add_argument("--centres", type=int, default=10_000)
        parser.add_argument("--samples", type=int, default=60)
        parser.add_argument(
            "--only", choices=["centres", "library", "registrations", "web"], default=None
        )

    def handle(self, *args, centres: int, samples: int, only: str | None, **options):
        def wanted(part):
            return only in (None, part)

        ok = True
        if wanted("centres"):
            self.stdout.write(f"Nearest-centre search with {centres} centres")
            ok = centres_bench(centres, samples, self.stdout) and ok
        if wanted("library"):
            self.stdout.write("\nInfopaket with 500 documents (2,000 PDF pages)")
            ok = library.run(stdout=self.stdout) and ok
        for part, title, bench in [
            ("registrations", "Registrations under load", registrations),
            ("web", "Public pages under load (production settings, 2 workers)", web),
        ]:
            if not wanted(part):
                continue
            self.stdout.write(f"\n{title}")
            if connection.vendor == "postgresql":
                ok = bench.run(stdout=self.stdout) and ok
            else:
                self.stdout.write(
                    "  skipped: needs PostgreSQL (make bench starts one when installed)"
                )
        if not ok:
            raise CommandError("Bench found errors or a query count that grows.")


def centres_bench(count, samples, stdout):
    return centres.run(count=count, samples=samples, stdout=stdout)
