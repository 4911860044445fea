"""`manage.py invite_office EMAIL --name NAME`: an account for the office (group of the
office role, not a superuser), invited by mail to choose its password. The command prints
the link as well, for the first account on a server whose mail is not set up yet."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from dorfbrunnen.core.accounts import account_invite
from dorfbrunnen.core.roles import OFFICE, role_group


class Command(BaseCommand):
    help = "Lädt eine Person der Geschäftsstelle ein (Konto ohne Superuser-Rechte)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="")

    def handle(self, *args, email, name, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"„{email}“ ist keine E-Mail-Adresse.") from error
        group = role_group(OFFICE)
        if group is None:
            raise CommandError("Die Rolle der Geschäftsstelle fehlt: zuerst `setup_site`.")
        with transaction.atomic():
            invitation = account_invite(
                email=email,
                name=name,
                groups=[group],
                subject=_("Ihr Zugang zur Redaktion der Webseite"),
                body=_(
                    "Hallo%(name)s,\n\n"
                    "für Sie ist ein Zugang zur Redaktion der Webseite eingerichtet: Sie "
                    "bearbeiten und veröffentlichen die Seiten, Veranstaltungen und das "
                    "Infopaket.\n\n"
                    "Bitte legen Sie hier Ihr Passwort fest (der Link gilt einige Tage):\n"
                    "%(link)s\n\n"
                    "Beim ersten Anmelden richten Sie einen zweiten Faktor ein: eine App auf "
                    "Ihrem Telefon, die Anmeldecodes erzeugt. Die Anleitung zeigt die Seite."
                ),
            )
        self.stdout.write(
            f"Eingeladen: {invitation.user.get_username()} (Gruppe „{group.name}“).\n"
            f"Passwort festlegen: {invitation.link}"
        )
