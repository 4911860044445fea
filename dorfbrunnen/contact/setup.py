"""What a new installation needs of the contact form: the page with its fields. The mail
goes to the association's address (Einstellungen → Angaben zum Verein) unless the page
names another."""

from dorfbrunnen.core.setup import SetupContext, setup_step

from .models import ContactFormField, ContactPage


def contact_page() -> ContactPage:
    page = ContactPage(
        title="Kontakt",
        slug="kontakt",
        intro="Sie haben eine Frage, möchten ein Zentrum gründen oder Mitglied werden? "
        "Schreiben Sie uns – wir antworten in der Regel innerhalb weniger Werktage.",
        privacy_note="<p>Wir verwenden Ihre Angaben nur, um Ihre Nachricht zu beantworten. "
        'Mehr dazu in unserer <a href="/datenschutz/">Datenschutzerklärung</a>.</p>',
        thank_you_text="<p>Ihre Nachricht ist bei uns angekommen. Wir melden uns so bald wie "
        "möglich bei Ihnen.</p>",
        subject="Nachricht über das Kontaktformular",
    )
    page.form_fields = [
        ContactFormField(label="Ihr Name", field_type="singleline", required=True),
        ContactFormField(
            label="Ihre E-Mail-Adresse",
            field_type="email",
            required=True,
            help_text="Damit wir Ihnen antworten können.",
        ),
        ContactFormField(label="Betreff", field_type="singleline", required=False),
        ContactFormField(label="Ihre Nachricht", field_type="multiline", required=True),
    ]
    return page


@setup_step(order=70)
def contact_setup(context: SetupContext) -> None:
    context.child_page("contact", context.pages.get("home"), contact_page(), main=60, footer=10)
