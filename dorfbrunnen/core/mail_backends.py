"""Development mail backend: each message becomes one readable .eml file in var/mail/."""

from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.crypto import get_random_string


class MessageFileBackend(BaseEmailBackend):
    def __init__(self, *, file_path, **kwargs):
        super().__init__(**kwargs)
        self.folder = Path(file_path)

    def send_messages(self, email_messages):
        self.folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            path = self.folder / f"{stamp}-{get_random_string(6).lower()}.eml"
            path.write_bytes(message.message().as_bytes())
        return len(email_messages)
