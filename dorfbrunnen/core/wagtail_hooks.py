"""Admin screens of the core app: the outgoing mail queue, readable by the office.

Mails are written by the system. The office reads them and can send a failed one again by
setting its status back to „wartet“.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from .mail import mail_retry_now
from .models import OutboundMail


class OutboundMailEditView(EditView):
    def save_instance(self):
        mail = super().save_instance()
        if mail.status == OutboundMail.Status.QUEUED:
            mail_retry_now(mail=mail)
        return mail


class OutboundMailViewSet(ModelViewSet):
    model = OutboundMail
    icon = "mail"
    menu_label = _("Ausgehende E-Mails")
    menu_order = 900
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "to",
        "reply_to",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    form_fields = ["status"]
    edit_view_class = OutboundMailEditView


@hooks.register("register_admin_viewset")
def register_outbound_mail_viewset():
    return OutboundMailViewSet("outbound_mail")
