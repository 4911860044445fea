"""Background work of the binder: reading a document's text, refreshing the built files.

Both are safe to repeat and are also run by the periodic `library_refresh` job, so a
task lost with a crashed worker (tasks are not retried) is picked up within a minute.
"""

import logging

from django.tasks import task

from dorfbrunnen.core.content_cache import on_commit_once

logger = logging.getLogger(__name__)


def document_text_read(document_id: int) -> str | None:
    """Extract and store the text of one document; returns its new text status."""
    from .files import EXTENSION_KINDS, extract_text
    from .models import LibraryDocument

    document = LibraryDocument.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return None
    try:
        with document.open_file() as source:
            data = source.read()
    except OSError:
        logger.warning("Document %s: file missing", document_id)
        return None
    result = extract_text(data, EXTENSION_KINDS.get(document.file_extension.lower()))
    document.text = result.text
    document.text_status = result.status
    document.page_count = result.page_count
    # Not `updated_at`: reading the text changes nothing a visitor sees, so the document is
    # not „aktualisiert“ and the built binder (its fingerprint) stays valid.
    document.save(update_fields=["text", "text_status", "page_count"])
    return result.status


@task()
def extract_document_text(document_id: int) -> str | None:
    return document_text_read(document_id)


def enqueue_text_extraction(document_id: int) -> None:
    try:
        extract_document_text.enqueue(document_id)
    except Exception:  # the periodic job reads pending documents
        logger.exception("Could not enqueue text extraction for document %s", document_id)


def builds_refresh() -> int:
    from .builds import refresh_builds
    from .models import LibraryPage

    return sum(refresh_builds(binder) for binder in LibraryPage.objects.live().specific())


@task()
def refresh_binder_builds() -> int:
    return builds_refresh()


def schedule_refresh(**kwargs) -> None:
    """Refresh the builds once the current transaction commits – once, however many
    pages and documents it changed."""
    on_commit_once(_enqueue_refresh)


def _enqueue_refresh() -> None:
    try:
        refresh_binder_builds.enqueue()
    except Exception:  # the periodic library_refresh catches up
        logger.exception("Could not enqueue the binder refresh")
