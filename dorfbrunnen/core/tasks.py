from django.tasks import task

from .mail import mail_deliver


@task()
def deliver_mail(mail_id: int) -> str | None:
    return mail_deliver(mail_id=mail_id)
