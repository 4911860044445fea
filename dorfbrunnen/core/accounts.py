"""Inviting people to the admin: an account named by its e-mail address, no password ever
sent – the invitation carries a link with which they choose their own."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .mail import mail_queue


@dataclass
class Invitation:
    user: object
    link: str  # where they set their password (valid PASSWORD_RESET_TIMEOUT)


def password_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.WAGTAILADMIN_BASE_URL + reverse(
        "account:password_set", kwargs={"uidb64": uid, "token": token}
    )


def _account_of(email: str):
    """The account an invitation to `email` reaches (None: it makes one)."""
    user_model = get_user_model()
    return user_model.objects.filter(email__iexact=email.strip()).first()


def invitable(user, email: str) -> bool:
    """Whether `user` may invite this address: no account has it yet, or its account is one
    she manages (`core.users.accounts_in_scope`). An invitation adds the account to a group
    and mails it a link to set its password – to a superuser's address, it would have
    given the office her account."""
    from .users import accounts_in_scope

    account = _account_of(email)
    if account is None:
        return True
    return accounts_in_scope(user, type(account).objects.filter(pk=account.pk)).exists()


def account_invite(*, email: str, name: str = "", groups=(), subject: str, body: str):
    """Create (or find) the account for `email`, add it to `groups`, and queue the mail
    `body` with "%(name)s" (a leading space and the name, or nothing) and "%(link)s"
    filled in. Whether the inviting person may reach that account is `invitable`."""
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email).strip()
    user = _account_of(email)
    if user is None:
        first, _space, last = name.strip().partition(" ")
        user = user_model(username=email[:150], email=email, first_name=first, last_name=last)
        user.set_unusable_password()
        user.save()
    user.groups.add(*groups)
    link = password_link(user)
    mail_queue(
        to=[email],
        subject=subject,
        body=body % {"name": f" {name.strip()}" if name.strip() else "", "link": link},
    )
    return Invitation(user, link)
