from django.conf import settings
from django.core.management.base import BaseCommand

from dorfbrunnen.demo.loader import demo_load


class Command(BaseCommand):
    help = "Lädt die Demo-Inhalte (idempotent) und zeigt die Zugangsdaten des Demo-Kontos."

    def handle(self, *args, **options):
        result = demo_load()
        if result.created_pages:
            self.stdout.write(f"Demo-Inhalte angelegt: {result.created_pages} Seiten.")
        else:
            self.stdout.write("Demo-Inhalte sind bereits vorhanden; nichts geändert.")
        site = settings.WAGTAILADMIN_BASE_URL
        self.stdout.write(
            self.style.SUCCESS(
                "\nAnmeldung im Redaktionsbereich (Demo-Konto der Geschäftsstelle):\n"
                f"  Adresse:       {site}/admin/\n"
                f"  Benutzername:  {result.username}\n"
                f"  Passwort:      {result.password}\n"
                "\nAnmeldung als Mitglied (sieht im Infopaket auch die Teile nur für Mitglieder):\n"
                f"  Adresse:       {site}/mitglieder/anmelden/\n"
                f"  Benutzername:  {result.member_username}\n"
                f"  Passwort:      {result.member_password}\n"
                f"  (beides gespeichert in {result.credentials_file})\n"
            )
        )
