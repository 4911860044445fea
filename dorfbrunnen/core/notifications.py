"""Wagtail's mails about approvals, through our mail queue and in the screens' words.

Wagtail sends them itself (wagtail.admin.mail) straight to the mail server: a server that is
down would lose them, and the office would not find them under „Ausgehende E-Mails“. These
are Wagtail's notifiers with the sending replaced by `mail_queue`; their texts are our
templates (core/templates/wagtailadmin/notifications/): „zur Freigabe an die Geschäftsstelle
gesendet“, „freigegeben“, „zurückgegeben“ – the words of the buttons.

They are connected under Wagtail's own dispatch_uids while core is made ready, before
wagtail.admin (core comes first in INSTALLED_APPS): Django keeps one receiver per
dispatch_uid and sender, so Wagtail's later connect() of its own notifiers changes nothing.
`dorfbrunnen/centres/tests/test_approval.py` checks that each mail is queued exactly once.
"""

from django.utils.translation import override
from wagtail.admin import mail as wagtail_mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from .mail import mail_queue, render_text


class QueuedMailMixin:
    def send_emails(self, template_set, context, recipients, **kwargs):
        for recipient in recipients:
            context["user"] = recipient
            with override(recipient.wagtail_userprofile.get_preferred_language()):
                subject = " ".join(render_text(template_set["subject"], context).split())
                body = render_text(template_set["text"], context).strip() + "\n"
            mail_queue(to=[recipient.email], subject=subject, body=body)
        return True


class TaskSubmitted(QueuedMailMixin, wagtail_mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    """To the office: a change waits for its decision."""

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        context["requested_by"] = task_state.workflow_state.requested_by
        return context


class WorkflowSubmitted(QueuedMailMixin, wagtail_mail.WorkflowStateSubmissionEmailNotifier):
    """To the superusers (Wagtail's default), the same news."""


class WorkflowApproved(QueuedMailMixin, wagtail_mail.WorkflowStateApprovalEmailNotifier):
    """To the volunteer who sent the change: it is online."""


class WorkflowRejected(QueuedMailMixin, wagtail_mail.WorkflowStateRejectionEmailNotifier):
    """To the volunteer who sent the change: it came back, with the office's comment."""


# Module-level, as Wagtail's: signals hold their receivers by weak reference.
task_submitted_notifier = TaskSubmitted()
workflow_submitted_notifier = WorkflowSubmitted()
workflow_rejected_notifier = WorkflowRejected()
workflow_approved_notifier = WorkflowApproved()


def queued_notifications_connect() -> None:
    """Connect the notifiers in place of Wagtail's (see the module's docstring)."""
    task_submitted.connect(
        task_submitted_notifier,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
    for signal, notifier, uid in (
        (workflow_submitted, workflow_submitted_notifier, "workflow_state_submitted"),
        (workflow_rejected, workflow_rejected_notifier, "workflow_state_rejected"),
        (workflow_approved, workflow_approved_notifier, "workflow_state_approved"),
    ):
        signal.connect(notifier, sender=WorkflowState, dispatch_uid=f"{uid}_email_notification")
