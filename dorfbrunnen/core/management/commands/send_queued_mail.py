from django.core.management.base import BaseCommand

from dorfbrunnen.core.mail import mail_send_due


class Command(BaseCommand):
    help = "Versendet fällige E-Mails aus der Warteschlange (Sicherheitsnetz zum Task-Worker)."

    def handle(self, *args, **options):
        count = mail_send_due()
        if count:
            self.stdout.write(f"{count} E-Mail(s) versucht.")
