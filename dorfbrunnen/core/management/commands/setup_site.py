"""`manage.py setup_site`: what a new installation needs, made idempotently (core.setup).
Run after `migrate` on every deploy: it adds what is missing and what new features declare,
and never changes what the office has edited."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dorfbrunnen.core.setup import DEFAULT_ASSOCIATION, site_setup


class Command(BaseCommand):
    help = (
        "Legt an, was eine neue Installation braucht (Rollen, Seitenbaum, Sammlungen, "
        "Freigabe-Workflow, Menüs). Ändert nichts, was es schon gibt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--association",
            default=DEFAULT_ASSOCIATION,
            help="Name des Vereins (nur beim ersten Lauf verwendet).",
        )
        parser.add_argument(
            "--home-text",
            type=Path,
            default=None,
            help="Text der Startseite (UTF-8; Format in docs/deployment.md). "
            "Ohne: der Text des Landesverbandes NRW.",
        )

    def handle(self, *args, association, home_text, verbosity, **options):
        if home_text is not None and not home_text.is_file():
            raise CommandError(f"Die Datei {home_text} gibt es nicht.")
        context = site_setup(association=association, home_text=home_text)
        if not context.created:
            self.stdout.write("Alles vorhanden; nichts geändert.")
        elif verbosity >= 1:
            self.stdout.write(f"Angelegt: {len(context.created)} Einträge.")
            if verbosity >= 2:
                for key in context.created:
                    self.stdout.write(f"  {key}")
