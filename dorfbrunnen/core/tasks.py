from django.tasks import task
from django.utils import timezone

from .mail import mail_deliver


@task()
def deliver_mail(mail_id: int) -> str | None:
    return mail_deliver(mail_id=mail_id)


@task()
def worker_heartbeat() -> None:
    """Run by the task worker: it is alive (the go-live checklist watches the time)."""
    heartbeat_record("worker")


def heartbeat_record(name: str) -> None:
    from .models import Heartbeat

    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
