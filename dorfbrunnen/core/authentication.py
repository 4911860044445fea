"""Logging in with the e-mail address or the user name.

Invited accounts (volunteers, the office) are named by their e-mail address already; older
accounts and the demo's have a user name. The login forms say „E-Mail-Adresse oder
Benutzername“, and both must work: a name that matches no user name is tried as an e-mail
address – but only when exactly one account has it, so that no one logs in to a
stranger's account by a shared address. The lockout after failed logins (django-axes)
counts per account whichever of its names is typed, and in any case (`lockout_name`).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None or not username or "@" not in username:
            return user
        candidate = only_account_with(username)
        if candidate is None:
            get_user_model()().set_password(password)  # the same time as a wrong password
            return None
        if candidate.check_password(password) and self.user_can_authenticate(candidate):
            return candidate
        return None


def only_account_with(email: str):
    """The account with this e-mail address, if exactly one has it (else None)."""
    matches = list(get_user_model()._default_manager.filter(email__iexact=email.strip())[:2])
    return matches[0] if len(matches) == 1 else None


def lockout_name(request, credentials) -> str:
    """The name django-axes counts failed logins under: the account's user name, whether
    its user name or its e-mail address was typed, in any case – else every spelling
    („LEA@example.org“, „lea@example.org“, „lea“) would get five guesses of its own."""
    typed = ((credentials or {}).get("username") or "").strip()
    account = get_user_model()._default_manager.filter(username=typed).first()
    if account is None and "@" in typed:
        account = only_account_with(typed)
    return account.get_username() if account is not None else typed.lower()
