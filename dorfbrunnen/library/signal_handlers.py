from django.db.models.signals import post_delete, post_save
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ChapterPage, LibraryDocument, LibraryPage
from .tasks import schedule_refresh

# What is read from a document's file: saving only these leaves the built files as they are.
FILE_METADATA = {"text", "text_status", "page_count", "file_size", "file_hash", "updated_at"}


def _document_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= FILE_METADATA:
        return
    schedule_refresh()


def register():
    for model in (ChapterPage, LibraryPage):
        page_published.connect(schedule_refresh, sender=model, dispatch_uid=f"lib-pub-{model}")
        page_unpublished.connect(schedule_refresh, sender=model, dispatch_uid=f"lib-unp-{model}")
    post_page_move.connect(schedule_refresh, dispatch_uid="lib-move")
    post_save.connect(_document_saved, sender=LibraryDocument, dispatch_uid="lib-doc-saved")
    post_delete.connect(schedule_refresh, sender=LibraryDocument, dispatch_uid="lib-doc-deleted")
    for model in (PageViewRestriction, CollectionViewRestriction):
        post_save.connect(schedule_refresh, sender=model, dispatch_uid=f"lib-rs-{model}")
        post_delete.connect(schedule_refresh, sender=model, dispatch_uid=f"lib-rd-{model}")
