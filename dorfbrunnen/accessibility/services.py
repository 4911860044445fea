"""Barrier reports from arrival to answer. The public form and the office's admin screens
call these same functions.

- `barrier_report_create`: stores a report with its deadline (a month) and tells the office.
- `barrier_report_update`: the office's changes. The answer is given once: when first saved
  it is dated and, if the reporter left an e-mail address, mailed to them.
- `barrier_reports_remind`: a week before the deadline of a report still open, the office
  gets one reminder (the periodic command `send_barrier_reminders`).
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from dorfbrunnen.core.mail import mail_queue, render_text
from dorfbrunnen.core.models import SiteSettings

from .models import BarrierReport


def _association() -> SiteSettings | None:
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else None


def _admin_url(report: BarrierReport) -> str:
    path = reverse("barrier_reports:edit", args=[report.pk])
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def _mail(template: str, context: dict, language: str | None = None) -> tuple[str, str]:
    """(subject, body) of a plain-text mail whose first line is its subject."""
    subject, _blank, body = (
        render_text(template, context, language=language).strip().partition("\n")
    )
    return subject.strip(), body.strip() + "\n"


@transaction.atomic
def barrier_report_create(
    *,
    page_url: str,
    problem: str,
    name: str = "",
    email: str = "",
    phone: str = "",
) -> BarrierReport:
    """Stores the report (deadline: a month from today) and mails the office about it,
    after commit, if the association's address is known (Einstellungen → Angaben zum
    Verein)."""
    report = BarrierReport.objects.create(
        page_url=page_url.strip(),
        problem=problem.strip(),
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
    )
    association = _association()
    if association and association.email:
        subject, body = _mail(
            "accessibility/mail/new_report.txt",
            {"report": report, "url": _admin_url(report)},
            language=settings.LANGUAGE_CODE,  # the office's, whatever page it came from
        )
        mail_queue(
            to=[association.email],
            subject=subject,
            body=body,
            reply_to=[report.email] if report.email else None,
        )
    return report


@transaction.atomic
def barrier_report_update(
    *, report: BarrierReport, status: str, answer: str = "", note: str = ""
) -> BarrierReport:
    """The office's changes to a report. Locks the row, so that two people saving at once
    cannot send the answer twice.

    - The first non-empty answer is dated (`answered_at`) and mailed to the reporter if
      they left an e-mail address (`answer_mailed`); the report then counts as
      beantwortet, unless the office marks it erledigt. Once given, the answer stays as it
      was sent; a different text here changes nothing.
    - Marking a report erledigt dates it (`done_at`); setting it back clears the date.
    """
    report = BarrierReport.objects.select_for_update().get(pk=report.pk)
    now = timezone.now()
    report.note = note.strip()
    answer = answer.strip()
    if answer and report.answered_at is None:
        report.answer = answer
        report.answered_at = now
        if status == BarrierReport.Status.OPEN:
            status = BarrierReport.Status.ANSWERED
        if report.email:
            association = _association()
            subject, body = _mail(
                "accessibility/mail/answer.txt",
                {"report": report, "association": association},
            )
            mail_queue(
                to=[report.email],
                subject=subject,
                body=body,
                reply_to=[association.email] if association and association.email else None,
            )
            report.answer_mailed = True
    if status == BarrierReport.Status.DONE and report.done_at is None:
        report.done_at = now
    elif status != BarrierReport.Status.DONE:
        report.done_at = None
    report.status = status
    report.save()
    return report


def barrier_reports_remind(*, today=None) -> int:
    """One mail to the office listing the open reports whose deadline is a week away or
    nearer and that were not reminded of before; each report is reminded of once. Returns
    how many reports the mail names (0: no mail)."""
    today = today or timezone.localdate()
    association = _association()
    if association is None or not association.email:
        return 0
    with transaction.atomic():
        reports = list(
            BarrierReport.objects.due_for_reminder(today)
            .select_for_update(skip_locked=True)
            .order_by("deadline", "pk")
        )
        if not reports:
            return 0
        subject, body = _mail(
            "accessibility/mail/reminder.txt",
            {
                "reports": [(report, _admin_url(report)) for report in reports],
                "count": len(reports),
                "today": today,
            },
        )
        mail_queue(to=[association.email], subject=subject, body=body)
        BarrierReport.objects.filter(pk__in=[r.pk for r in reports]).update(
            reminder_sent_at=timezone.now()
        )
    return len(reports)
