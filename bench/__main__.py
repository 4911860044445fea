"""`make bench` (`python -m bench`): prints speed figures. Fails only on errors, wrong
counts or too many queries, never on time. Kept outside the runtime package, like Zulip's
tools/: production never imports it. Expects a database with the demo loaded
(scripts/bench prepares one)."""

import argparse
import os
import sys

import django

PARTS = [
    "growth",
    "centres",
    "offers",
    "library",
    "newsletter",
    "registrations",
    "web",
    "targets",
    "federation",
]


class Lines:
    """Each `write` is one line (the benches were written for Django's command output)."""

    def write(self, text: str) -> None:
        print(text, flush=True)


def run(*, centre_count: int, samples: int, only: str | None, stdout) -> bool:
    from django.db import connection

    from . import (
        centres,
        federation,
        growth,
        library,
        newsletter,
        offers,
        registrations,
        targets,
        web,
    )

    def wanted(part):
        return only in (None, part)

    ok = True
    if wanted("growth"):
        # First: it needs the database as the demo left it (its smallest sizes) and rolls
        # back what it generated, so the other parts find the data they expect.
        stdout.write("How cost grows with the data (server time in ms, queries per request)")
        ok = growth.run(samples=min(samples, growth.SAMPLES), stdout=stdout) and ok
    if wanted("centres"):
        heading = f"Nearest-centre search with {centre_count} centres"
        stdout.write(heading if only else f"\n{heading}")
        ok = centres.run(count=centre_count, samples=samples, stdout=stdout) and ok
    if wanted("offers"):
        stdout.write(
            f"\nOffer search with {centre_count} centres × {offers.ITEMS_PER_CENTRE} items"
        )
        ok = offers.run(count=centre_count, samples=samples, stdout=stdout) and ok
    if wanted("library"):
        stdout.write("\nInfopaket with 500 documents (2,000 PDF pages)")
        ok = library.run(stdout=stdout) and ok
    if wanted("newsletter"):
        stdout.write("\nNewsletter to 20,000 subscribers")
        ok = newsletter.run(stdout=stdout) and ok
    for part, title, bench in [
        ("registrations", "Registrations under load", registrations),
        ("web", "Public pages under load (production settings, 2 workers)", web),
    ]:
        if not wanted(part):
            continue
        stdout.write(f"\n{title}")
        if connection.vendor == "postgresql":
            ok = bench.run(stdout=stdout) and ok
        else:
            stdout.write("  skipped: needs PostgreSQL (make bench starts one when installed)")
    if wanted("targets"):
        stdout.write("\nSpeed targets of searches and lists (issue 14)")
        ok = targets.run(samples=samples, stdout=stdout) and ok
    if wanted("federation"):
        stdout.write(
            f"\nThe national site: {federation.SOURCES} sources × {federation.CENTRES} centres "
            "(issue 19)"
        )
        ok = federation.run(samples=samples, stdout=stdout) and ok
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--centres", type=int, default=10_000, dest="centre_count")
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--only", choices=PARTS, default=None)
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorfbrunnen.settings.test")
    django.setup()
    if not run(**vars(options), stdout=Lines()):
        print("Bench found errors, wrong counts or a page with too many queries.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
