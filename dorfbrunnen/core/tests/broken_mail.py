"""A mail backend whose server is down, for tests."""

from django.core.mail.backends.base import BaseEmailBackend


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class RefusingBackend(BaseEmailBackend):
    """A server that answers „550 no such user“: the address is wrong, not the network."""

    def send_messages(self, email_messages):
        import smtplib

        recipients = {r: (550, b"5.1.1 user unknown") for m in email_messages for r in m.to}
        raise smtplib.SMTPRecipientsRefused(recipients)
