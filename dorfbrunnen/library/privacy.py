"""The personal data of the Infopaket: suggestions visitors send for a chapter (optional
name and e-mail address). Deleted on request and FORM_SUBMISSION_RETENTION_DAYS after
they arrived."""

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.privacy import PersonalDataSource

from .models import ChapterSuggestion


class Suggestions(PersonalDataSource):
    key = "hinweise_infopaket"
    label = _("Hinweise zum Infopaket")

    def find(self, email):
        return list(ChapterSuggestion.objects.filter(email__iexact=email).select_related("chapter"))

    def describe(self, suggestion):
        return suggestion.chapter.title

    def export(self, suggestion):
        return {
            "kapitel": suggestion.chapter.title,
            "hinweis": suggestion.message,
            "am": suggestion.created_at.isoformat(),
        }

    def erase(self, suggestions):
        ChapterSuggestion.objects.filter(pk__in=[s.pk for s in suggestions]).delete()

    def expired(self, now):
        cutoff = now - timedelta(days=settings.FORM_SUBMISSION_RETENTION_DAYS)
        return list(ChapterSuggestion.objects.filter(created_at__lt=cutoff).only("pk"))
