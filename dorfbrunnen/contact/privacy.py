"""The personal data of the contact form: its submissions (Wagtail's FormSubmission rows,
the fields the office configured). Deleted on request and FORM_SUBMISSION_RETENTION_DAYS
after they arrived."""

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import FormSubmission

from dorfbrunnen.core.privacy import PersonalDataSource, mentions


class Submissions(PersonalDataSource):
    key = "formulareingaben"
    label = _("Formulareingaben")

    def find(self, email):
        # JSON columns cannot be searched alike on every database; the table stays small
        # thanks to the retention.
        return [
            s
            for s in FormSubmission.objects.select_related("page").iterator()
            if mentions(s.form_data, email)
        ]

    def describe(self, submission):
        return submission.page.title

    def export(self, submission):
        return {
            "seite": submission.page.title,
            "am": submission.submit_time.isoformat(),
            "daten": submission.form_data,
        }

    def erase(self, submissions):
        FormSubmission.objects.filter(pk__in=[s.pk for s in submissions]).delete()

    def expired(self, now):
        cutoff = now - timedelta(days=settings.FORM_SUBMISSION_RETENTION_DAYS)
        return list(FormSubmission.objects.filter(submit_time__lt=cutoff).only("pk"))
