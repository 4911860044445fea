"""Personal data: one registry of what every app stores about people, for the office's
Datenauskunft (find, export, erase by e-mail address) and for retention.

Each app describes its own personal data in its `privacy.py` – which rows belong to an
address, how they read in an export, how they are erased, and when they expire – and
registers it in `AppConfig.ready()` with `register_personal_data`. Erasure on request and
erasure after the retention period go through the same `erase` of the same source, so the
two can never disagree about which fields are personal. Core only iterates the registry.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PersonalDataSource:
    """One kind of personal data. Subclass in the app's privacy.py."""

    key = ""  # the section's name in the export, e.g. "anmeldungen"
    label = ""  # what the office reads, e.g. „Anmeldungen“

    def find(self, email: str) -> list:
        """Everything of this kind stored for `email` (lower-cased, stripped)."""
        return []

    def within_reach(self, user, items: list) -> list:
        """Those of `items` that `user`, who asks, may see and erase (all, by default)."""
        return items

    def describe(self, item) -> str:
        """One short line for the Datenauskunft screen."""
        return str(item)

    def export(self, item) -> dict:
        """What the person gets in their copy (Art. 15 DSGVO)."""
        return {}

    def erase(self, items: list) -> None:
        """Erase these rows' personal data (delete, or anonymise to keep counts)."""

    def expired(self, now) -> list:
        """Rows past their retention period; `retention_run` erases them through `erase`."""
        return []


_sources: list[PersonalDataSource] = []


def register_personal_data(source: PersonalDataSource) -> None:
    if all(existing.key != source.key for existing in _sources):
        _sources.append(source)


def personal_data_sources() -> list[PersonalDataSource]:
    return list(_sources)


def mentions(value, email: str) -> bool:
    """Whether a JSON value (form data, a recipient list) contains the address."""
    if isinstance(value, str):
        return value.strip().lower() == email
    if isinstance(value, list | tuple):
        return any(mentions(item, email) for item in value)
    if isinstance(value, dict):
        return any(mentions(item, email) for item in value.values())
    return False


@dataclass
class PersonalData:
    email: str
    sections: list[tuple[PersonalDataSource, list]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(items for _source, items in self.sections)

    def count(self, key: str) -> int:
        return sum(len(items) for source, items in self.sections if source.key == key)

    def summary(self) -> list[tuple[str, list[str]]]:
        """(label, [one line per row]) of each kind found, for the screen."""
        return [
            (source.label, [source.describe(item) for item in items])
            for source, items in self.sections
            if items
        ]

    def as_dict(self) -> dict:
        data = {"e_mail": self.email}
        for source, items in self.sections:
            data[source.key] = [source.export(item) for item in items]
        return data


def personal_data_find(*, email: str, user=None) -> PersonalData:
    """Everything stored for `email` – of it what `user`, who asks, may reach, when given
    (the office does not reach a superuser's account, as on the accounts' screens)."""
    email = email.strip().lower()
    sections = []
    for source in _sources:
        items = source.find(email)
        sections.append((source, items if user is None else source.within_reach(user, items)))
    return PersonalData(email, sections)


@transaction.atomic
def personal_data_erase(*, email: str, user=None) -> PersonalData:
    """Erase what `personal_data_find` finds; returns what was there."""
    found = personal_data_find(email=email, user=user)
    for source, items in found.sections:
        if items:
            source.erase(items)
    return found


def retention_run(now=None) -> dict[str, int]:
    """Erase every row past its retention period; {source key: how many}."""
    now = now or timezone.now()
    counts = {}
    for source in _sources:
        with transaction.atomic():
            items = source.expired(now)
            if items:
                source.erase(items)
        counts[source.key] = len(items)
    return counts


# Core's own personal data: outgoing mails and user accounts.


class OutboundMails(PersonalDataSource):
    key = "e_mails"
    label = _("E-Mails")

    def find(self, email):
        from .models import OutboundMail

        # JSON columns cannot be searched alike on every database; the table stays small
        # thanks to the retention below.
        fields = ("pk", "to", "reply_to", "subject", "status", "created_at")
        return [
            m
            for m in OutboundMail.objects.only(*fields)
            # The mails to the person, and those that answer to her (a contact form's).
            if mentions(m.to, email) or mentions(m.reply_to, email)
        ]

    def describe(self, mail):
        return str(mail)

    def export(self, mail):
        return {
            "betreff": mail.subject_shown(),
            "status": mail.get_status_display(),
            "am": mail.created_at.isoformat(),
        }

    def erase(self, mails):
        from .models import OutboundMail

        OutboundMail.objects.filter(pk__in=[m.pk for m in mails]).delete()

    def expired(self, now):
        from .models import OutboundMail

        return list(
            OutboundMail.objects.filter(
                status__in=[
                    OutboundMail.Status.SENT,
                    OutboundMail.Status.FAILED,
                    OutboundMail.Status.DROPPED,
                ],
                created_at__lt=now - timedelta(days=settings.MAIL_RETENTION_DAYS),
            ).only("pk")
        )


class UserAccounts(PersonalDataSource):
    key = "benutzerkonten"
    label = _("Benutzerkonten")

    def find(self, email):
        return list(get_user_model().objects.filter(email__iexact=email))

    def within_reach(self, user, accounts):
        from .users import accounts_in_scope

        ids = [account.pk for account in accounts]
        reachable = set(
            accounts_in_scope(user, get_user_model().objects.filter(pk__in=ids)).values_list(
                "pk", flat=True
            )
        )
        return [account for account in accounts if account.pk in reachable]

    def describe(self, user):
        return user.get_username()

    def export(self, user):
        return {
            "benutzername": user.get_username(),
            "name": user.get_full_name(),
            "seit": user.date_joined.isoformat(),
        }

    def erase(self, users):
        get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()


class FinishedTasks(PersonalDataSource):
    """Background tasks keep their arguments (e.g. a mail's id): gone after a while."""

    key = "hintergrundaufgaben"
    label = _("Erledigte Hintergrundaufgaben")

    def expired(self, now):
        from django_tasks_db.models import DBTaskResult

        return list(
            DBTaskResult.objects.filter(
                finished_at__isnull=False,
                finished_at__lt=now - timedelta(days=settings.TASK_RETENTION_DAYS),
            ).only("pk")
        )

    def erase(self, results):
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(pk__in=[r.pk for r in results]).delete()


register_personal_data(OutboundMails())
register_personal_data(UserAccounts())
register_personal_data(FinishedTasks())
