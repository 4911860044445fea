from datetime import datetime, time, timedelta

from django.utils import timezone

from dorfbrunnen.accessibility.models import BarrierReport


def barrier_report(days_ago=0, **fields) -> BarrierReport:
    """A report that arrived `days_ago` days ago (its deadline a month after that)."""
    arrived = datetime.combine(
        timezone.localdate() - timedelta(days=days_ago), time(10), timezone.get_current_timezone()
    )
    values = {
        "page_url": "/veranstaltungen/",
        "problem": "Der Kalender lässt sich mit der Tastatur nicht bedienen.",
        "email": "melderin@example.org",
        "created_at": arrived,
    }
    return BarrierReport.objects.create(**{**values, **fields})
