"""Sending an issue: once to everyone on the chosen lists, in their language, laid out for
mail clients, with one-click unsubscribe; refusals, retries, crashes, the rate, and the
site's own mails going first."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText

from dorfbrunnen.core.mail import mail_queue
from dorfbrunnen.core.models import OutboundMail
from dorfbrunnen.newsletter import sending, services
from dorfbrunnen.newsletter.models import (
    Delivery,
    NewsletterSend,
    RenderedIssue,
    SendingPace,
    Subscriber,
)

from .factories import issue, newsletter_list, subscriber, subscribers

pytestmark = pytest.mark.django_db


def send_all(limit=200) -> int:
    """What the task worker and the periodic job do, until nothing is left – the pace row
    moved back each time instead of waiting NEWSLETTER_BATCH_SECONDS."""
    handled = 0
    for _round in range(limit):
        SendingPace.objects.update(next_batch_at=timezone.now())
        done = sending.newsletter_work()
        if not done:
            return handled
        handled += done
    raise AssertionError("sending did not finish")


def lists(*slugs):
    return [newsletter_list(slug) for slug in slugs]


def header(message, name) -> str:
    """A header as it goes over the wire."""
    return str(message.message()[name])


def html_of(message) -> str:
    return next(content for content, mime in message.alternatives if mime == "text/html")


def test_an_issue_goes_once_to_everyone_on_the_chosen_lists_in_their_language(commit):
    aktuelles = ("aktuelles",)
    subscriber("anna@example.org", aktuelles)
    subscriber("ben@example.org", ("aktuelles", "veranstaltungen"))  # on two lists: one mail
    subscriber("cem@example.org", ("veranstaltungen",))
    subscriber("emma@example.org", ("aktuelles",), language="en")
    subscriber("fritz@example.org", ("mitgliedszentren",))  # not chosen
    subscriber("gabi@example.org", aktuelles, status=Subscriber.Status.UNSUBSCRIBED)
    subscriber("hans@example.org", aktuelles, status=Subscriber.Status.PAUSED)
    subscriber("ida@example.org", aktuelles, status=Subscriber.Status.PENDING)
    march = issue(
        "Newsletter März", text='Lesen Sie <a href="https://example.org/bericht">den Bericht</a>.'
    )
    english, _created = Locale.objects.get_or_create(language_code="en")
    translation = march.copy_for_translation(english, copy_parents=True)
    translation.title = "Newsletter March"
    translation.save_revision().publish()

    with commit():
        send = services.send_schedule(issue=march, lists=lists("aktuelles", "veranstaltungen"))
    send_all()

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == [
        "anna@example.org",
        "ben@example.org",
        "cem@example.org",
        "emma@example.org",
    ]
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["emma@example.org"] == "Newsletter March"
    assert subjects["anna@example.org"] == "Newsletter März"
    # Stored: the mail once per language, one small row per recipient – no copy per person,
    # and nothing in the site's list of outgoing mails.
    assert RenderedIssue.objects.filter(send=send).count() == 2
    assert Delivery.objects.filter(send=send, status=Delivery.Status.SENT).count() == 4
    assert not OutboundMail.objects.exists()
    send.refresh_from_db()
    assert send.status == NewsletterSend.Status.DONE


def test_the_mail_is_laid_out_for_mail_clients_without_tracking(commit):
    subscriber("anna@example.org")
    about = '<a linktype="page" id="{}">Über uns</a>'
    from dorfbrunnen.core.models import SetupRecord

    about_page = SetupRecord.objects.get(key="page:about").target
    march = issue("Newsletter März")
    march.body = [
        (
            "paragraph",
            RichText(
                f"<p>Mehr {about.format(about_page.pk)} und "
                '<a href="https://example.org/bericht?x=1">im Bericht</a>.</p>'
            ),
        )
    ]
    march.save_revision().publish()
    with commit():
        services.send_schedule(issue=march, lists=lists("aktuelles"))
    send_all()

    (message,) = mail.outbox
    html = html_of(message)
    token = Delivery.objects.get().token
    unsubscribe = f"http://testserver/newsletter/abmelden/{token}/"
    assert header(message, "List-Unsubscribe") == f"<{unsubscribe}>"
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    # CSS inlined into the elements, links absolute and exactly the editor's.
    assert re.search(r'<h1 style="[^"]*color', html)
    assert 'href="http://testserver/ueber-uns/"' in html
    assert 'href="https://example.org/bericht?x=1"' in html
    assert f'href="{unsubscribe}"' in html
    hrefs = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert all(
        url.startswith("http://testserver/") or url == "https://example.org/bericht?x=1"
        for url in hrefs
    ), hrefs
    assert "<img" not in html  # no pixel: the issue has no picture
    # The plain-text part, generated from the HTML.
    assert message.content_subtype == "plain"
    assert "Mehr Über uns <http://testserver/ueber-uns/>" in message.body
    assert unsubscribe in message.body
    # What is stored is the same for everybody: no personal link in it.
    assert token not in RenderedIssue.objects.get().html


def test_one_click_unsubscribe_by_post_to_the_list_unsubscribe_address(commit):
    anna = subscriber("anna@example.org")
    ben = subscriber("ben@example.org")
    with commit():
        services.send_schedule(issue=issue(), lists=lists("aktuelles"))
    send_all()
    headers = {m.to[0]: header(m, "List-Unsubscribe").strip("<>") for m in mail.outbox}
    visitor = Client(enforce_csrf_checks=True)  # a mail program: no login, no CSRF token

    # Opening the link (a scanner, a preview) unsubscribes nobody.
    assert visitor.get(headers["ben@example.org"]).status_code == 200
    ben.refresh_from_db()
    assert ben.status == Subscriber.Status.CONFIRMED

    response = visitor.post(
        headers["anna@example.org"],
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    anna.refresh_from_db()
    assert anna.status == Subscriber.Status.UNSUBSCRIBED and not anna.lists.exists()
    assert anna.consents.get().withdrawn_at is not None  # the proof stays, withdrawn

    # The next issue does not reach her.
    mail.outbox.clear()
    with commit():
        services.send_schedule(issue=issue("Newsletter April"), lists=lists("aktuelles"))
    send_all()
    assert [message.to[0] for message in mail.outbox] == ["ben@example.org"]


def test_refusals_mark_the_address_and_three_pause_it_temporary_failures_wait(commit, smtp_sink):
    subscriber("weg@example.org")
    subscriber("voll@example.org")
    subscriber("gut@example.org")
    smtp_sink.answers = {
        "weg@example.org": "550 5.1.1 No such user",
        "voll@example.org": "452 4.2.2 Mailbox full, try later",
    }
    for number in range(3):
        with commit():
            services.send_schedule(issue=issue(f"Ausgabe {number}"), lists=lists("aktuelles"))
        send_all()
        gone = Subscriber.objects.get(email="weg@example.org")
        assert gone.rejections == number + 1 and "550" in gone.last_rejection
    assert gone.status == Subscriber.Status.PAUSED
    assert smtp_sink.counts()["gut@example.org"] == 3
    refused = Delivery.objects.filter(subscriber=gone)
    assert {row.status for row in refused} == {Delivery.Status.FAILED}
    # 4xx: tried again later with the queue's back-off, not marked against the address.
    busy = Delivery.objects.filter(subscriber__email="voll@example.org").first()
    assert busy.status == Delivery.Status.RETRY and busy.next_attempt_at > timezone.now()
    assert Subscriber.objects.get(email="voll@example.org").rejections == 0
    smtp_sink.answers.clear()
    Delivery.objects.filter(status=Delivery.Status.RETRY).update(next_attempt_at=timezone.now())
    send_all()
    assert smtp_sink.counts()["voll@example.org"] == 3
    # A paused address gets nothing more.
    with commit():
        services.send_schedule(issue=issue("Ausgabe 4"), lists=lists("aktuelles"))
    send_all()
    assert smtp_sink.counts()["weg@example.org"] == 0


def test_a_row_left_sending_by_a_crash_is_not_sent_again_until_the_office_says_so(
    commit, office_client
):
    subscribers(5)
    send = NewsletterSend.objects.create(issue=issue(), send_at=timezone.now())
    send.lists.set(lists("aktuelles"))
    sending.send_start(send=send)  # queued; its batch task waits for the commit
    # A worker marks a row and dies before the mail server answers.
    crashed = sending.delivery_claim()
    send_all()
    crashed.refresh_from_db()
    assert crashed.status == Delivery.Status.SENDING
    assert len(mail.outbox) == 4 and crashed.subscriber.email not in {m.to[0] for m in mail.outbox}

    page = f"/admin/newsletter/ausgabe/{send.issue_id}/"
    assert "erneut senden" not in office_client.get(page).content.decode()  # may still be busy
    Delivery.objects.filter(pk=crashed.pk).update(
        handed_over_at=timezone.now() - services.STUCK_AFTER - timedelta(seconds=1)
    )
    text = office_client.get(page).content.decode()
    assert "wird gesendet" in text and "erneut senden" in text
    with commit():
        office_client.post(page, {"action": "resend", "send": send.pk})
    send_all()
    assert [m.to[0] for m in mail.outbox][-1] == crashed.subscriber.email
    assert Delivery.objects.filter(send=send, status=Delivery.Status.SENT).count() == 5


def test_batches_follow_the_configured_rate(settings, commit):
    settings.NEWSLETTER_MAILS_PER_MINUTE = 60  # 5 per batch of NEWSLETTER_BATCH_SECONDS
    subscribers(12)
    with commit():
        services.send_schedule(issue=issue(), lists=lists("aktuelles"))
    assert len(mail.outbox) == 5  # the first batch, right away
    assert sending.newsletter_work() == 0  # the next may start only NEWSLETTER_BATCH_SECONDS later
    assert SendingPace.objects.get().next_batch_at > timezone.now()
    assert send_all() == 7 and len(mail.outbox) == 12


def test_starting_a_send_twice_queues_it_once(commit):
    subscribers(3)
    send = NewsletterSend.objects.create(issue=issue(), send_at=timezone.now())
    send.lists.set(lists("aktuelles"))
    assert sending.send_start(send=send) is True
    assert sending.send_start(send=send) is False
    assert Delivery.objects.filter(send=send).count() == 3


def test_registration_mails_overtake_a_running_newsletter(settings, commit):
    """The task worker runs one task at a time: the newsletter's next batch is waiting in
    the queue when a registration comes in – the registration's mail goes first. And even if
    its task were lost, the next batch delivers it before any newsletter mail."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSLETTER_MAILS_PER_MINUTE = 60  # 5 per batch
    subscribers(15)

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test",
        excluded_queue_names=[],
    )

    def worker_runs_what_is_ready():
        """db_worker's loop: the ready tasks in its order (priority, then age), until none is
        ready – the newsletter's next batch waits NEWSLETTER_BATCH_SECONDS in the queue."""
        while (
            task_result := DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
        ):
            task_result.claim(worker.worker_id)
            worker.run_task(task_result)
            task_result.refresh_from_db()
            assert task_result.status == "SUCCESSFUL", task_result.traceback

    def seconds_pass():
        now = timezone.now()
        DBTaskResult.objects.filter(status="READY").update(run_after=now)
        SendingPace.objects.update(next_batch_at=now)

    with commit():
        services.send_schedule(issue=issue(), lists=lists("aktuelles"))
    worker_runs_what_is_ready()  # the first batch; the next one waits in the queue
    assert len(mail.outbox) == 5
    with commit():
        mail_queue(to=["teilnehmerin@example.org"], subject="Anmeldung bestätigen", body="…")
    seconds_pass()  # now both are ready: the batch waiting longer, the registration's mail
    worker_runs_what_is_ready()
    assert [m.to[0] for m in mail.outbox[5:7]] == ["teilnehmerin@example.org", "leser5@example.org"]
    assert len(mail.outbox) == 11

    # Its task lost (or the worker busy elsewhere): the batch delivers it first.
    with commit():
        mail_queue(to=["noch-eine@example.org"], subject="Anmeldung bestätigen", body="…")
    DBTaskResult.objects.filter(task_path__endswith="deliver_mail", status="READY").delete()
    seconds_pass()
    worker_runs_what_is_ready()
    assert [m.to[0] for m in mail.outbox[11:13]] == ["noch-eine@example.org", "leser10@example.org"]
