from django.tasks import task

from .sending import TASK_PRIORITY, newsletter_work


@task(priority=TASK_PRIORITY)
def send_newsletter_batch() -> int:
    """One batch of newsletter mails; enqueues the next while there is more to send."""
    return newsletter_work()
