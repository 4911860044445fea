from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from dorfbrunnen.library.models import LibraryDocument
from dorfbrunnen.library.tasks import builds_refresh, document_text_read


class Command(BaseCommand):
    help = (
        "Liest den Text neuer Dokumente (falls die Hintergrundaufgabe verloren ging) und "
        "baut ZIP und Druck-PDF des Infopakets neu, wenn sich Inhalte geändert haben."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all-pending",
            action="store_true",
            help="Auch Dokumente lesen, die gerade erst hochgeladen wurden.",
        )

    def handle(self, *args, **options):
        pending = LibraryDocument.objects.filter(text_status=LibraryDocument.TextStatus.PENDING)
        if not options["all_pending"]:
            # Fresh uploads are the task worker's; only stragglers are picked up here.
            pending = pending.filter(updated_at__lt=timezone.now() - timedelta(minutes=10))
        read = 0
        for document_id in pending.values_list("pk", flat=True):
            document_text_read(document_id)
            read += 1
        built = builds_refresh()
        if read or built:
            self.stdout.write(f"Texte gelesen: {read}, Dateien gebaut: {built}")
