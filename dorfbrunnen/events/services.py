"""Registration rules: capacity, waiting list, double opt-in, cancellation, reminders,
change notices and retention.

Locking: every change that can take or free places runs in a transaction that first locks
the event's row (`_locked`: `SELECT … FOR UPDATE`), so simultaneous registrations are
serialised per event and the capacity is never exceeded – from the public form and from the
admin alike (`registration_update`). Mails are written and queued after the commit, outside
the lock.

When a seat is taken: `free_places` counts what `Registration.objects.holding_places`
holds (confirmed, attended, and pending within its confirmation time).

Languages: a translated event (/tr/…) is a page of its own, but its registrations, places
and places stamp are the German source's (`core.i18n.source_page`): a registration through
any language locks and counts on the same row. A change purges every language's address.
"""

from datetime import UTC, datetime, timedelta
from functools import cache

from django.db import connection, connections, router, transaction
from django.db.models import F, Sum
from django.utils import timezone
from wagtail.models import Page

from dorfbrunnen.core.content_cache import front_cache_configured, front_cache_purge_page
from dorfbrunnen.core.i18n import active_language, source_page_id, translations_of
from dorfbrunnen.core.mail import mail_queue, mail_queue_unwritten
from dorfbrunnen.core.page_cache import stamp_bump

from . import desk, mails
from .models import EventNotice, EventPage, Registration
from .models.registrations import new_token

Status = Registration.Status


class RegistrationClosed(Exception):
    """Registration is not (or no longer) possible; the message is for the visitor."""


class NotEnoughPlaces(Exception):
    """The change would take more places than are free."""

    def __init__(self, free: int):
        super().__init__(free)
        self.free = free


class NotCancellable(Exception):
    """The registration can no longer be cancelled (attended, or the event is over)."""


def _locked(event_id: int, event: EventPage | None = None) -> EventPage:
    """The event, its row locked until the transaction ends: every change of its places
    goes through here. What is read inside the lock makes every other registration wait.

    Without `event`: the event's own row (not the page tree's), without its StreamFields,
    read as it is locked. With `event` – a visitor's request brings the page its address
    led to, kept per content version (core.routing) – the row is locked bare and the
    request's copy used, unless a publish came in since it was loaded (the lock may have
    waited for that very publish): the event's fields change only by publishing, and each
    publish gives the page a new live revision."""
    if event is None or event.pk != event_id:
        return (
            EventPage.objects.select_for_update(of=("self",)).defer_streamfields().get(pk=event_id)
        )
    with connection.cursor() as cursor:
        # Built by hand: Django's query for the page model took 2.6 ms inside the lock,
        # more than the rest of a registration (docs/benchmarks.md, sixth round).
        if connection.features.has_select_for_update:  # SQLite has one writer at a time
            cursor.execute(_lock_sql(), [event_id])
        cursor.execute(_live_revision_sql(), [event_id])  # a statement after the lock: current
        row = cursor.fetchone()
    if row is None:
        raise EventPage.DoesNotExist
    if row[0] != event.live_revision_id:
        return EventPage.objects.defer_streamfields().get(pk=event_id)
    return event


def _lock_sql() -> str:
    table = connection.ops.quote_name(EventPage._meta.db_table)
    column = connection.ops.quote_name(EventPage._meta.pk.column)
    return f"SELECT 1 FROM {table} WHERE {column} = %s FOR UPDATE"  # noqa: S608 – quoted names


def _live_revision_sql() -> str:
    page, quote = Page._meta, connection.ops.quote_name
    column = page.get_field("live_revision").column
    return f"SELECT {quote(column)} FROM {quote(page.db_table)} WHERE {quote(page.pk.column)} = %s"  # noqa: S608 – quoted names


def places_stamp(event_id: int) -> str:
    """The page cache stamp of an event's free places (core.page_cache)."""
    return f"event-places:{event_id}"


def places_changed(event_id: int) -> None:
    """Registrations of this event changed: once committed, its page (which shows the free
    places) is stale in the application's cache and purged from the front cache."""

    def refresh():
        stamp_bump(places_stamp(event_id))
        if not front_cache_configured():
            return  # no page to look up for the front cache's purge
        if event := EventPage.objects.filter(pk=event_id).first():
            for version in translations_of(event):  # every language shows the places
                front_cache_purge_page(version)

    transaction.on_commit(refresh)


def _fits(event: EventPage, places: int, now) -> bool:
    """Whether `places` new places can be taken now: as many as the event page shows free.
    (The waiting list's head may need more than that; a newcomer who fits takes them, as
    the page promised.)"""
    free = free_places(event, now)
    return free is None or places <= free


def free_places(event: EventPage, now=None) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - _places_taken(event.pk, now or timezone.now()), 0)


# Stand-ins for the event and the moment in the query of the places taken, compiled once.
_EVENT_SLOT, _MOMENT_SLOT = -1, datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)


@cache
def _places_taken_query(alias: str) -> tuple[str, list, int, list[int]]:
    """The places `holding_places` holds, as SQL written once per database with stand-ins
    for the event and the moment: (sql, params, where the event goes, where the moment
    goes). Django builds a query anew on every call, and for this one that took six times
    as long as running it (1.5 of 1.7 ms), twice per registration, once inside the
    event's lock (docs/benchmarks.md). The rule itself stays in `holding_places`."""
    taken = (
        Registration.objects.filter(event_id=_EVENT_SLOT)
        .holding_places(_MOMENT_SLOT)
        .order_by()
        .values("event_id")
        .annotate(places=Sum(F("adults") + F("children")))
        .values_list("places")
    )
    sql, params = taken.query.get_compiler(alias).as_sql()
    moment = _moment(_MOMENT_SLOT, alias)
    event_at = [at for at, param in enumerate(params) if param == _EVENT_SLOT]
    moment_at = [at for at, param in enumerate(params) if param == moment]
    if len(event_at) != 1 or not moment_at:  # never a count that misses the rule
        raise RuntimeError(f"places taken: no place for the event or moment in {sql}")
    return sql, list(params), event_at[0], moment_at


def _moment(now, alias):
    return Registration._meta.get_field("expires_at").get_db_prep_value(now, connections[alias])


def _places_taken(event_id: int, now) -> int:
    alias = router.db_for_read(Registration)
    sql, params, event_at, moment_at = _places_taken_query(alias)
    params = list(params)
    params[event_at] = event_id
    moment = _moment(now, alias)
    for at in moment_at:
        params[at] = moment
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return (row[0] or 0) if row else 0


# Mails about a registration just made or moved up: written by the task worker, so a rush
# of registrations costs each request no rendering (and the registration as it is then is
# what the mail says). The others tell of a change – a cancellation, a changed or cancelled
# event – and are written at once: they must reach people even if the event is deleted
# right after.
WRITTEN_BY_THE_WORKER = {"opt_in", "confirmed", "waiting", "promoted"}


def _send(registration: Registration, kind: str, **context) -> None:
    """Queued once the change is committed: rendering a mail (and its calendar file) inside
    the transaction would hold the event's lock while every other registration for it
    waits."""
    if not registration.email:
        # A family registered at the desk or by phone: the centre calls them instead.
        desk.centre_call_queue(registration, kind)
        return
    if kind in WRITTEN_BY_THE_WORKER and not context:
        transaction.on_commit(
            lambda: mail_queue_unwritten(
                to=[registration.email],
                writer="registration",
                registration=registration.pk,
                kind=kind,
                email=registration.email,
            )
        )
        return

    def queue():
        message = mails.build(registration, kind, **context)
        mail_queue(
            to=[registration.email],
            subject=message.subject,
            body=message.body,
            attachments=message.attachments,
        )

    transaction.on_commit(queue)


def registration_create(
    *,
    event: EventPage,
    name: str,
    email: str,
    adults: int = 1,
    children: int = 0,
    organisation: str = "",
    answers: dict | None = None,
    by_office: bool = False,
    source: str = "",
    phone: str = "",
    language: str = "",
) -> Registration:
    """Take places if there are enough, else join the waiting list.

    From the web the registration stays pending until the e-mail address is confirmed (it
    holds its places until `expires_at`). Entered by the office it is confirmed at once;
    so is one at the desk or by phone (`source` "desk"/"phone", maybe without e-mail),
    which gets a short cancellation code for its printed confirmation (events/desk.py).
    A course is one event row: one registration books every date.
    `event` may be a translation: the places are the German source event's, locked there.
    `language` (default: the active one, i.e. the address's) is the language of its mails.
    """
    at_desk = source in desk.DESK_SOURCES
    by_office = by_office or at_desk
    now = timezone.now()
    source_id = source_page_id(event)  # kept per content version: not looked up in the lock
    # A double click or a second try after a lost mail: one registration, its mail once
    # more. Looked up before the lock, which every other registration waits for; a second
    # click arrives after the first one's commit.
    repeated = dict(name=name, email=email, adults=adults, children=children, answers=answers)
    if not by_office and (same := _same_family(source_id, now, **repeated)):
        with transaction.atomic():
            kind = _STATUS_MAIL.get(same.status, "opt_in") if same.email_confirmed else "opt_in"
            _send(same, kind)
        return same
    with transaction.atomic():
        event = _locked(source_id, event)
        if not (event.takes_office_registrations() if by_office else event.registration_open(now)):
            raise RegistrationClosed
        fits = _fits(event, adults + children, now)
        registration = Registration(
            event=event,
            name=name,
            email=email,
            organisation=organisation,
            adults=adults,
            children=children,
            answers=answers or {},
            consent_at=None if by_office else now,
            source=source or ("office" if by_office else "web"),
            email_confirmed=by_office,
            phone=phone,
            cancel_code=desk.new_cancel_code() if at_desk else None,
            language=language or active_language(),
        )
        if by_office:
            registration.status = Status.CONFIRMED if fits else Status.WAITING
            registration.confirmed_at = now if fits else None
        elif fits:
            registration.status = Status.PENDING
            registration.expires_at = now + timedelta(hours=event.opt_in_hours)
        else:
            registration.status = Status.WAITING
        registration.save()
        if by_office:
            _send(registration, "confirmed" if fits else "waiting")
        else:
            _send(registration, "opt_in")
    return registration


_STATUS_MAIL = {
    Status.CONFIRMED: "confirmed",
    Status.ATTENDED: "confirmed",
    Status.WAITING: "waiting",
}


# A form sent again within this time with the same content is the same registration.
REPEAT_WITHIN = timedelta(minutes=10)


def _same_family(
    event_id: int, now, *, name, email, adults, children, answers
) -> Registration | None:
    """This event's active registration made just before with the same name, address,
    places and answers – a double click, a reload, a second try after a lost mail; a
    sibling registered later under the parent's name is a registration of its own."""
    if not email.strip():
        return None
    found = Registration.objects.filter(event_id=event_id, created_at__gte=now - REPEAT_WITHIN)
    found = found.active(now).filter(
        email__iexact=email.strip(), name__iexact=name.strip(), adults=adults, children=children
    )
    # Asked of every registration, and almost always there is none: plain rows first. The
    # registrations with their event (a hundred columns for Django to compile) had been
    # almost a third of a registration's time on the server.
    rows = found.order_by("created_at", "pk").values_list("pk", "answers")
    pk = next((pk for pk, given in rows if given == (answers or {})), None)
    return (
        None if pk is None else Registration.objects.select_related("event").filter(pk=pk).first()
    )


def registration_confirm(*, token: str) -> Registration | None:
    """The participant clicked the link in the opt-in mail."""
    now = timezone.now()
    with transaction.atomic():
        registration = Registration.objects.filter(token=token).first()
        if registration is None:
            return None
        event = _locked(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.email_confirmed or registration.status in (Status.CANCELLED,):
            return registration
        registration.email_confirmed = True
        # A cancelled or finished event takes nobody: the address counts as confirmed, the
        # registration stays as it is.
        over = event.cancelled or now >= event.last_end
        if registration.status in (Status.PENDING, Status.EXPIRED) and not over:
            still_holding = (
                registration.status == Status.PENDING
                and registration.expires_at is not None
                and registration.expires_at > now
            )
            # An expired hold gets places again only while registration is open, if free.
            takes_new = event.registration_open(now)
            if still_holding or (takes_new and _fits(event, registration.places, now)):
                registration.status = Status.CONFIRMED
                registration.confirmed_at = now
                _send(registration, "confirmed")
            elif takes_new:
                registration.status = Status.WAITING
                _send(registration, "waiting")
        elif registration.status == Status.WAITING and not over:
            _send(registration, "waiting")
        registration.save()
        waitlist_promote(event=event, now=now)
    registration.refresh_from_db()
    return registration


def waitlist_promote(*, event: EventPage, now=None, exclude=None) -> list[Registration]:
    """Give free places to confirmed waiting entries, strictly in order of registration
    (`exclude`: one the office has just put on the list on purpose).

    Call with the event row locked (inside the caller's transaction).
    """
    now = now or timezone.now()
    # A course's waiting list moves up until its first date begins; a cancelled event's not.
    if (
        event.capacity is None
        or event.cancelled
        or now >= (event.start if event.is_course else event.end)
    ):
        return []
    free = free_places(event, now)
    promoted = []
    waiting = event.registrations.waiting_in_order().filter(email_confirmed=True)
    for entry in waiting.exclude(pk=exclude):
        if entry.places > free:
            break  # first come, first served: nobody overtakes the head of the list
        entry.status = Status.CONFIRMED
        entry.confirmed_at = now
        entry.save(update_fields=["status", "confirmed_at"])
        free -= entry.places
        promoted.append(entry)
        _send(entry, "promoted")
    return promoted


def registration_cancel(*, registration: Registration) -> Registration:
    """The participant withdraws (personal page). Refused once attended or over."""
    with transaction.atomic():
        event = _locked(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.event = event
        if registration.status in (Status.CANCELLED, Status.EXPIRED):
            return registration
        if not registration.can_be_cancelled:
            raise NotCancellable
        passes_place_on = _passes_place_on(registration)
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        _send(registration, "cancelled", waiting_list=passes_place_on)
        waitlist_promote(event=event)
    return registration


def _passes_place_on(registration: Registration) -> bool:
    """Whether cancelling this registration gives its places to someone waiting: it holds
    places, and someone else is on the waiting list (the cancel mail says so only then)."""
    holds = registration.status in (Status.CONFIRMED, Status.ATTENDED, Status.PENDING)
    return (
        holds
        and registration.event.registrations.waiting_in_order().exclude(pk=registration.pk).exists()
    )


HOLDING = (Status.CONFIRMED, Status.ATTENDED)


def registration_update(
    *,
    registration: Registration,
    status: str,
    name: str,
    email: str,
    organisation: str = "",
    adults: int = 1,
    children: int = 0,
    phone: str | None = None,
) -> Registration:
    """The office (or a centre's volunteers) change a registration in the admin: the same
    lock and the same capacity as the public form. Taking more places than are free raises
    NotEnoughPlaces; places given back go to the waiting list. The person is told what
    changed for them; a new e-mail address gets a new personal link (the old one stops)."""
    now = timezone.now()
    with transaction.atomic():
        event = _locked(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        current.event = event
        was, old_places = current.status, current.places
        held_before = was in HOLDING or (
            was == Status.PENDING and current.expires_at and current.expires_at > now
        )
        places = adults + children
        # A pending registration within its time holds places too: an edit that keeps it
        # pending must fit as well.
        holds_after = status in HOLDING or (status == was == Status.PENDING and held_before)
        if holds_after:
            free = free_places(event, now)
            if free is not None:
                free += old_places if held_before else 0
                if places > free:
                    raise NotEnoughPlaces(free)
        passes_place_on = status == Status.CANCELLED and _passes_place_on(current)
        email_changed = email.strip().lower() != current.email.strip().lower()
        current.name, current.email, current.organisation = name, email, organisation
        current.adults, current.children = adults, children
        if phone is not None:
            current.phone = phone
        current.status = status
        if status in HOLDING and was not in HOLDING:
            current.confirmed_at = current.confirmed_at or now
            current.email_confirmed = True
        if status == Status.CANCELLED and was != Status.CANCELLED:
            current.cancelled_at = now
        if email_changed:
            current.token = new_token()
        current.save()
        if status != was or email_changed:
            kind = {
                Status.CONFIRMED: "promoted" if was == Status.WAITING else "confirmed",
                Status.WAITING: "waiting",
                Status.CANCELLED: "cancelled",
            }.get(status)
            if kind == "cancelled":
                _send(current, kind, waiting_list=passes_place_on)
            elif kind:
                _send(current, kind)
        if status not in HOLDING or places < old_places:
            waitlist_promote(event=event, now=now, exclude=current.pk)
    return current


def waitlist_move_up(event_id: int) -> None:
    """Places freed outside the registrations' own paths – more places published, a
    registration deleted in the admin – go to the waiting list, as after a cancellation."""
    with transaction.atomic():
        try:
            event = _locked(event_id)
        except EventPage.DoesNotExist:  # deleted with its registrations
            return
        waitlist_promote(event=event)


def registrations_expire(now=None) -> int:
    """Pending registrations whose confirmation time ran out free their places."""
    now = now or timezone.now()
    event_ids = set(
        Registration.objects.filter(status=Status.PENDING, expires_at__lte=now).values_list(
            "event_id", flat=True
        )
    )
    count = 0
    for event_id in event_ids:
        with transaction.atomic():
            event = _locked(event_id)
            count += event.registrations.filter(status=Status.PENDING, expires_at__lte=now).update(
                status=Status.EXPIRED
            )
            places_changed(event_id)  # an update() sends no signal
            waitlist_promote(event=event, now=now)
    return count


def reminders_send(now=None) -> int:
    """Send each due reminder once to every confirmed participant."""
    now = now or timezone.now()
    horizon = now + timedelta(days=14)
    sent = 0
    events = EventPage.objects.live().filter(
        registration_enabled=True, cancelled=False, start__gt=now, start__lte=horizon
    )
    for event in events:
        due = [offset for offset in event.reminder_offsets() if event.start - offset <= now]
        if not due:
            continue
        key = min(due).total_seconds()
        for registration in event.registrations.filter(status=Status.CONFIRMED):
            if key in registration.reminders_sent:
                continue
            with transaction.atomic():
                registration.reminders_sent = [*registration.reminders_sent, key]
                registration.save(update_fields=["reminders_sent"])
                _send(registration, "reminder")
            sent += 1
    return sent


def event_changed_notify(*, event: EventPage) -> int:
    """After a publish: mail everyone registered or waiting if date, place, meeting link or
    status changed since they were last told, with an updated calendar entry."""
    state = event.watched_state()
    with transaction.atomic():
        notice, created = EventNotice.objects.select_for_update().get_or_create(
            event_id=event.pk, defaults={"state": state}
        )
        if created or notice.state == state:
            return 0  # the first publish tells nobody anything
        notice.sequence += 1
        notice.state = state
        notice.save()
        event.notice = notice
        kind = "event_cancelled" if event.cancelled else "event_changed"
        recipients = list(
            event.registrations.filter(
                status__in=[Status.CONFIRMED, Status.PENDING, Status.WAITING]
            )
        )
        for registration in recipients:
            registration.event = event
            _send(registration, kind)
    return len(recipients)


def registrations_message(*, event: EventPage, text: str) -> int:
    """A mail from the office to every confirmed participant."""
    count = 0
    with transaction.atomic():
        for registration in event.registrations.filter(status=Status.CONFIRMED).exclude(email=""):
            message = mails.build(registration, "message", extra_text=text)
            transaction.on_commit(
                lambda r=registration, m=message: mail_queue(
                    to=[r.email], subject=m.subject, body=m.body
                )
            )
            count += 1
    return count


def certificate_send(*, registration: Registration) -> None:
    from .certificates import certificate_pdf

    if not registration.email:
        return  # registered at the desk: the office prints it (participants screen)
    pdf = certificate_pdf(registration)
    message = mails.build(
        registration,
        "certificate",
        attachments=[("teilnahmebescheinigung.pdf", pdf, "application/pdf")],
    )
    mail_queue(
        to=[registration.email],
        subject=message.subject,
        body=message.body,
        attachments=message.attachments,
    )
