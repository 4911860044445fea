"""A real SMTP server (aiosmtpd) for the newsletter's tests: it keeps what it accepts and
answers each recipient as told (e.g. 550 for an address that does not exist, 451 for a
mailbox that is busy for now)."""

import threading
from collections import Counter
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

from dorfbrunnen.testing import free_port


class Sink:
    def __init__(self):
        self.received = []
        self.answers: dict[str, str] = {}  # recipient → SMTP answer to RCPT
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answer = self.answers.get(address.lower())
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def counts(self) -> Counter:
        with self.lock:
            return Counter(str(message["To"]) for message in self.received)


def start_sink(attempts=5) -> tuple[Sink, Controller, int]:
    """The sink on a free port of 127.0.0.1: (sink, controller, port)."""
    sink = Sink()
    for _attempt in range(attempts):
        port = free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        try:
            controller.start()
        except OSError:
            controller.loop.close()
            continue
        return sink, controller, port
    raise RuntimeError("The SMTP sink found no free port.")


def smtp_mailers(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
