"""Attendance certificates (Teilnahmebescheinigungen) as PDF, rendered with WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import timezone


def certificate_pdf(registration, site_settings=None) -> bytes:
    from weasyprint import HTML

    from dorfbrunnen.core.models import SiteSettings

    from .courses import attended_dates

    if site_settings is None:
        site_settings = SiteSettings.objects.first()
    html = render_to_string(
        "events/certificate.html",
        {
            "registration": registration,
            "event": registration.event,
            "site_settings": site_settings,
            "today": timezone.localdate(),
            # A course's certificate names the dates attended.
            "attended_dates": attended_dates(registration) if registration.event.is_course else [],
        },
    )
    return HTML(string=html).write_pdf()
