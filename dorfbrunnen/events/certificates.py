"""Attendance certificates (Teilnahmebescheinigungen) as PDF, rendered with WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation


def certificate_pdf(registration, site_settings=None) -> bytes:
    from weasyprint import HTML

    from dorfbrunnen.core.models import SiteSettings

    from .courses import attended_dates
    from .mails import event_in_language

    if site_settings is None:
        site_settings = SiteSettings.objects.first()
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):  # in the participant's language, as its mail
        html = render_to_string(
            "events/certificate.html",
            {
                "registration": registration,
                "event": event_in_language(registration.event, language),
                "site_settings": site_settings,
                "today": timezone.localdate(),
                "LANGUAGE_CODE": language,
                # A course's certificate names the dates attended.
                "attended_dates": (
                    attended_dates(registration) if registration.event.is_course else []
                ),
            },
        )
    return HTML(string=html).write_pdf()
