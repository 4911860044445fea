from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "dorfbrunnen.contact"
    label = "contact"
    verbose_name = _("Kontakt")

    def ready(self):
        from dorfbrunnen.core.i18n import synchronised_fields, translations_follow
        from dorfbrunnen.core.privacy import register_personal_data

        from . import setup  # noqa: F401 – registers its setup step
        from .models import ContactPage
        from .privacy import Submissions

        register_personal_data(Submissions())
        # Where the messages go and what the office's mail is called stay the German
        # page's, in every language.
        synchronised_fields(ContactPage, "to_address", "subject")
        translations_follow(ContactPage)
