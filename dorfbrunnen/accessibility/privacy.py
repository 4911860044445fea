"""The personal data of barrier reports: the optional name, e-mail address and phone
number, and what the person wrote. Found and erased by the Datenauskunft; deleted
BARRIER_REPORT_RETENTION_DAYS after the answer (or, for a report nobody could answer,
after it was marked as done)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.privacy import PersonalDataSource

from .models import BarrierReport


class BarrierReports(PersonalDataSource):
    key = "barriere_meldungen"
    label = _("Barriere-Meldungen")

    def find(self, email):
        return list(BarrierReport.objects.filter(email__iexact=email))

    def describe(self, report):
        return f"{report.page_url} ({report.created_at:%d.%m.%Y})"

    def export(self, report):
        return {
            "seite": report.page_url,
            "meldung": report.problem,
            "name": report.name,
            "telefon": report.phone,
            "am": report.created_at.isoformat(),
            "status": str(report.get_status_display()),
            "antwort": report.answer,
            "beantwortet_am": report.answered_at.isoformat() if report.answered_at else None,
        }

    def erase(self, reports):
        BarrierReport.objects.filter(pk__in=[r.pk for r in reports]).delete()

    def expired(self, now):
        cutoff = now - timedelta(days=settings.BARRIER_REPORT_RETENTION_DAYS)
        return list(
            BarrierReport.objects.filter(
                Q(answered_at__lt=cutoff) | Q(answered_at__isnull=True, done_at__lt=cutoff)
            ).only("pk")
        )
