"""A real SMTP server (aiosmtpd) goes away in the middle of a run of registrations.

Every registration must be saved and answered normally, and once the server is back every
participant gets their mail exactly once – through Django's real SMTP backend, not a stand-in.
"""

import socket
import threading
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from dorfbrunnen.core.mail import mail_send_due
from dorfbrunnen.core.models import OutboundMail
from dorfbrunnen.events.models import Registration
from dorfbrunnen.testing import free_port

from .factories import workshop

pytestmark = pytest.mark.django_db


class Sink:
    """Keeps what it receives; after `fail_after` messages it answers like a server going
    down (421), as a real one does when it is stopped during a session."""

    def __init__(self):
        self.received = []
        self.fail_after = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.fail_after is not None and len(self.received) >= self.fail_after:
                return "421 Service not available, closing transmission channel"
            self.received.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(settings):
    sink = Sink()
    controllers = []
    away = []  # while the server is away its port stays bound, so no one else takes it

    def start():
        while away:
            away.pop().close()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        try:
            controller.start()
        except OSError:
            controller.loop.close()  # left open by a failed start
            raise
        controllers.append(controller)

    def stop():
        controllers.pop().stop()
        placeholder = socket.socket()  # bound, not listening: connections are refused
        placeholder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        placeholder.bind(("127.0.0.1", port))
        away.append(placeholder)

    # Another process may take a free port before the server binds it: then another one.
    for _attempt in range(5):
        port = free_port()
        try:
            start()
            break
        except OSError:
            pass
    else:
        pytest.fail("The SMTP server found no free port.")
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
    settings.FORM_RATE_LIMIT = (1000, 600)
    yield sink, start, stop
    while controllers:
        controllers.pop().stop()
    while away:
        away.pop().close()


def test_stopping_the_mail_server_midway_loses_no_mail_and_no_registration(client, commit, smtp):
    sink, start, stop = smtp
    page = workshop(capacity=20)
    sink.fail_after = 4  # the server starts refusing in the middle of the 5th delivery

    addresses = [f"person{number}@example.org" for number in range(12)]
    for number, address in enumerate(addresses):
        if number == 7:
            stop()  # … and then is gone altogether
        with commit():
            response = client.post(
                page.url + "anmelden/",
                {
                    "name": f"Person {number}",
                    "email": address,
                    "adults": 1,
                    "frage_1": "unter 10",
                    "consent": "on",
                },
            )
        assert response.status_code == 303, address
        assert "Bitte bestätigen" in client.get(response["Location"]).text

    assert Registration.objects.filter(email__in=addresses).count() == len(addresses)
    assert len(sink.received) == 4
    waiting = OutboundMail.objects.filter(to__0__in=addresses[4:])
    assert {mail.status for mail in waiting} == {OutboundMail.Status.RETRY}
    assert all(mail.last_error for mail in waiting)

    # The server comes back; the next sweep delivers what waited, and nothing twice.
    sink.fail_after = None
    start()
    OutboundMail.objects.update(next_attempt_at=timezone.now())
    mail_send_due()
    mail_send_due()

    recipients = sorted(message["To"] for message in sink.received)
    assert recipients == sorted(addresses)
    assert all(
        "/bestaetigen/" in message.get_payload(decode=True).decode() for message in sink.received
    )
    statuses = set(
        OutboundMail.objects.filter(to__0__in=addresses).values_list("status", flat=True)
    )
    assert statuses == {OutboundMail.Status.SENT}
